/**
 * The official schedule's lines in the compact form bundled under data/mfn/ (written by
 * scripts/gen-hts-table.js from the USITC export, see usitc.ts deriveHtsLines):
 *
 * - `<id>.lines.tsv`, read at every run: one record per 8-digit line, sorted, `code TAB general TAB stats`,
 *   where stats are the 2-digit statistical suffixes run together ("104060" for .10, .40, .60);
 * - `<id>.details.tsv`, read only when a description, the units or the Special column is needed (hts show and
 *   search, explain, a claimed special program): `code TAB units (comma) TAB special TAB description`.
 *
 * Nothing is split or parsed at load: the record offsets are found on the first lookup (one pass over the text)
 * and a rate text is parsed when a line is first priced. So a run pays for reading the file, not for indexing it.
 */
import { parseRateText, parseSpecial, rateRefusal, type HtsLine, type SpecialRate } from './usitc.js';

export function renderLinesTsv(lines: readonly HtsLine[]): string {
  return lines.map((l) => `${l.code}\t${l.general}\t${l.stats.join('')}\n`).join('');
}

export function renderDetailsTsv(lines: readonly HtsLine[]): string {
  return lines.map((l) => `${l.code}\t${l.units.join(',')}\t${l.special}\t${l.description}\n`).join('');
}

export interface LineRate {
  /** 8 digits. */
  code: string;
  /** The General rate text. */
  text: string;
  /** Parsed, or null when the text has no defined computation (`refusal` says why). */
  pct: string | null;
  specific: { cents: string; unit: string } | null;
  refusal: string | null;
}

export interface LineDetails {
  units: string[];
  special: string;
  specialRates: SpecialRate[];
  description: string;
}

export class HtsLines {
  #starts: Int32Array | null = null;
  #count = 0;
  readonly #rates = new Map<string, LineRate>();
  #details: Map<string, LineDetails> | null = null;

  /**
   * @param text the lines file
   * @param readDetails returns the details file's text, called at most once and only when details are needed
   */
  constructor(
    readonly text: string,
    private readonly readDetails: (() => string) | null,
  ) {}

  #index(): Int32Array {
    if (this.#starts === null) {
      const starts: number[] = [];
      for (let at = 0; at < this.text.length; ) {
        starts.push(at);
        const nl = this.text.indexOf('\n', at);
        at = nl === -1 ? this.text.length : nl + 1;
      }
      this.#starts = Int32Array.from(starts);
      this.#count = starts.length;
    }
    return this.#starts;
  }

  get size(): number {
    this.#index();
    return this.#count;
  }

  codeAt(i: number): string {
    const at = this.#index()[i]!;
    return this.text.slice(at, at + 8);
  }

  #field(i: number, n: number): string {
    const at = this.#index()[i]!;
    const end = this.text.indexOf('\n', at);
    return this.text.slice(at, end === -1 ? undefined : end).split('\t')[n] ?? '';
  }

  /** Index of the first line whose code is >= `digits` (as strings). */
  lowerBound(digits: string): number {
    this.#index();
    let lo = 0;
    let hi = this.#count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.codeAt(mid) < digits) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the 8-digit line, or -1. */
  find(code8: string): number {
    const i = this.lowerBound(code8);
    return i < this.#count && this.codeAt(i) === code8 ? i : -1;
  }

  /** The statistical suffixes of line i. */
  stats(i: number): string[] {
    const s = this.#field(i, 2);
    const out: string[] = [];
    for (let k = 0; k + 2 <= s.length; k += 2) out.push(s.slice(k, k + 2));
    return out;
  }

  /** The range [from, to) of lines whose code starts with `prefix`. */
  range(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    let to = from;
    while (to < this.#count && this.codeAt(to).startsWith(prefix)) to++;
    return [from, to];
  }

  rate(i: number): LineRate {
    const code = this.codeAt(i);
    let r = this.#rates.get(code);
    if (r === undefined) {
      const text = this.#field(i, 1);
      const parsed = parseRateText(text);
      r = parsed === null
        ? { code, text, pct: null, specific: null, refusal: rateRefusal(text) }
        : { code, text, pct: parsed.pct, specific: parsed.specific, refusal: null };
      this.#rates.set(code, r);
    }
    return r;
  }

  details(code8: string): LineDetails | null {
    if (this.#details === null) {
      this.#details = new Map();
      const text = this.readDetails?.() ?? '';
      for (const rec of text.split('\n')) {
        if (rec === '') continue;
        const [code = '', units = '', special = '', description = ''] = rec.split('\t');
        this.#details.set(code, { units: units === '' ? [] : units.split(','), special, specialRates: parseSpecial(special), description });
      }
    }
    return this.#details.get(code8) ?? null;
  }

  /** Every line's code and details, for search. */
  *all(): Generator<{ code: string; details: LineDetails | null }> {
    for (let i = 0; i < this.size; i++) {
      const code = this.codeAt(i);
      yield { code, details: this.details(code) };
    }
  }

  /**
   * Real lines nearest to a code that is not one: those sharing its longest prefix (at least the 4-digit
   * heading), closest in number first.
   */
  nearest(digits: string, max = 3): string[] {
    const code8 = digits.slice(0, 8);
    for (let len = Math.min(code8.length, 8) - 1; len >= 4; len--) {
      const [from, to] = this.range(code8.slice(0, len));
      if (from === to) continue;
      const target = Number(code8.padEnd(8, '0'));
      const found: string[] = [];
      for (let i = from; i < to; i++) found.push(this.codeAt(i));
      return found.sort((a, b) => Math.abs(Number(a) - target) - Math.abs(Number(b) - target) || (a < b ? -1 : 1)).slice(0, max);
    }
    return [];
  }
}

const fmt = (digits: string): string => {
  const parts = [digits.slice(0, 4)];
  for (let i = 4; i < digits.length; i += 2) parts.push(digits.slice(i, i + 2));
  return parts.join('.');
};

/** What the official lines say about a code: its rate, or why it has none (not a line, too short, no computation). */
export type OfficialPrice =
  | { ok: true; prefix: string; rate: LineRate }
  | { ok: false; kind: 'not-a-line' | 'not-specific' | 'no-computation'; reason: string };

/**
 * Prices a code (4-10 digits) from the official lines. A 10-digit code must be a statistical line of its 8-digit
 * line; a code of 4 or 6 digits is priced only when every line under it has the same General rate text.
 */
export function priceOfficial(lines: HtsLines, digits: string, revision: string): OfficialPrice {
  const notALine = (what: string): OfficialPrice => {
    const near = lines.nearest(digits);
    return {
      ok: false,
      kind: 'not-a-line',
      reason: `${fmt(digits)} is not ${what} of ${revision}${near.length > 0 ? `; did you mean ${near.map(fmt).join(', ')}?` : ''}`,
    };
  };
  let i: number;
  if (digits.length >= 8) {
    const code8 = digits.slice(0, 8);
    i = lines.find(code8);
    if (i === -1) return notALine('an HTS line');
    if (digits.length === 10) {
      const stats = lines.stats(i);
      if (stats.length > 0 && !stats.includes(digits.slice(8))) {
        return {
          ok: false,
          kind: 'not-a-line',
          reason: `${fmt(digits)} is not a statistical line of ${revision}; ${fmt(code8)} has ${stats.map((s) => `${fmt(code8)}.${s}`).join(', ')}`,
        };
      }
    } else if (digits.length !== 8) return notALine('an HTS line');
  } else {
    const [from, to] = lines.range(digits);
    if (from === to) return notALine('a heading or subheading');
    const first = lines.rate(from);
    for (let k = from + 1; k < to; k++) {
      const other = lines.rate(k);
      if (other.text !== first.text) {
        return {
          ok: false,
          kind: 'not-specific',
          reason: `HTS ${fmt(digits)} is not specific enough for its MFN rate: ${fmt(first.code)} is ${first.text} and ${fmt(other.code)} is ${other.text}; give the full 8- or 10-digit code or mfn_rate`,
        };
      }
    }
    i = from;
  }
  const rate = lines.rate(i);
  if (rate.refusal !== null) {
    return {
      ok: false,
      kind: 'no-computation',
      reason: `the MFN rate of ${fmt(rate.code)} (${revision}) is "${rate.text}": ${rate.refusal}; give mfn_rate (the MFN rate in percent, as an ad valorem equivalent)`,
    };
  }
  return { ok: true, prefix: digits.length >= 8 ? rate.code : digits, rate };
}
