/**
 * The official schedule's lines in the compact form bundled under data/mfn/ (written by
 * scripts/gen-hts-table.js from the USITC export, see usitc.ts deriveHtsLines):
 *
 * - `<id>.lines.tsv`, read at every run: one record per 8-digit line, sorted, `code TAB general TAB stats`,
 *   where stats are the 2-digit statistical suffixes run together ("104060" for .10, .40, .60);
 * - `<id>.details.tsv`, read only when a description, the units or the Special column is needed (hts show and
 *   search, a claimed special program): `code TAB units (comma) TAB special TAB shared TAB headings...` (see
 *   renderDetailsTsv).
 *
 * Nothing is decoded, split or indexed at load: a lookup is a binary search over the file's bytes, and a rate text
 * is parsed when a line is first priced. So a run pays for reading 230 kB, not for indexing 11,414 lines.
 */
import { parseRateText, parseSpecial, rateRefusal, type HtsLine, type SpecialRate } from './usitc.js';

export function renderLinesTsv(lines: readonly HtsLine[]): string {
  return lines.map((l) => `${l.code}\t${l.general}\t${l.stats.join('')}\n`).join('');
}

/**
 * Details, one record per line: `code TAB units TAB special TAB n TAB heading TAB heading ...`, where the line's
 * description is the first n headings of the record before it followed by the headings written (lines in order
 * share most of their headings, so each is written once: a third of the size of full descriptions).
 */
export function renderDetailsTsv(lines: readonly HtsLine[]): string {
  let prev: string[] = [];
  return lines
    .map((l) => {
      let shared = 0;
      while (shared < prev.length && shared < l.headings.length - 1 && prev[shared] === l.headings[shared]) shared++;
      prev = l.headings;
      return `${l.code}\t${l.units.join(',')}\t${l.special}\t${shared}\t${l.headings.slice(shared).join('\t')}\n`;
    })
    .join('');
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

/** The details file's text, the start of each record, and each code's record. */
interface DetailsIndex {
  text: string;
  starts: number[];
  recordOf: Map<string, number>;
}

const NL = 10;
const UTF8 = new TextDecoder();

/**
 * The lines file as bytes, searched in place: a binary search over byte positions (aligned to record starts)
 * finds a code in about 14 probes, with no index built and nothing decoded but the records it reads. A position
 * is the byte offset of a record's start.
 */
export class HtsLines {
  readonly #rates = new Map<string, LineRate>();

  /**
   * @param bytes the lines file
   * @param readDetails returns the details file's text, called at most once and only when details are needed
   */
  constructor(
    readonly bytes: Uint8Array,
    private readonly readDetails: (() => string) | null,
  ) {}

  /** Position of the first record, and the end (the position after the last). */
  get start(): number {
    return 0;
  }

  get end(): number {
    return this.bytes.length;
  }

  /** The position of the record after the one at `pos`. */
  next(pos: number): number {
    const nl = this.bytes.indexOf(NL, pos);
    return nl === -1 ? this.bytes.length : nl + 1;
  }

  codeAt(pos: number): string {
    return String.fromCharCode(...this.bytes.subarray(pos, pos + 8));
  }

  #fields(pos: number): string[] {
    return UTF8.decode(this.bytes.subarray(pos, this.next(pos))).replace(/\n$/, '').split('\t');
  }

  /** Every code, in order. */
  *codes(): Generator<string> {
    for (let p = 0; p < this.bytes.length; p = this.next(p)) yield this.codeAt(p);
  }

  /** Position of the first record whose code is >= `digits` (as strings), or `end`. */
  lowerBound(digits: string): number {
    const b = this.bytes;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let s = mid;
      while (s > lo && b[s - 1] !== NL) s--;
      if (this.codeAt(s) < digits) lo = this.next(s);
      else hi = s;
    }
    return lo;
  }

  /** The position of the 8-digit line, or -1. */
  find(code8: string): number {
    const p = this.lowerBound(code8);
    return p < this.bytes.length && this.codeAt(p) === code8 ? p : -1;
  }

  /** The statistical suffixes of the line at `pos`. */
  stats(pos: number): string[] {
    const s = this.#fields(pos)[2] ?? '';
    const out: string[] = [];
    for (let k = 0; k + 2 <= s.length; k += 2) out.push(s.slice(k, k + 2));
    return out;
  }

  /** The positions [from, to) of the lines whose code starts with `prefix`. */
  range(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    let to = from;
    while (to < this.bytes.length && this.codeAt(to).startsWith(prefix)) to = this.next(to);
    return [from, to];
  }

  rate(pos: number): LineRate {
    const code = this.codeAt(pos);
    let r = this.#rates.get(code);
    if (r === undefined) {
      const text = this.#fields(pos)[1] ?? '';
      const parsed = parseRateText(text);
      r = parsed === null
        ? { code, text, pct: null, specific: null, refusal: rateRefusal(text) }
        : { code, text, pct: parsed.pct, specific: parsed.specific, refusal: null };
      this.#rates.set(code, r);
    }
    return r;
  }

  /**
   * The details of a line, read from the details file when first asked for: the file is indexed (each record's
   * start, by code) and only the records asked for are parsed, with the records before them whose headings they
   * share. (Parsing every record at once kept some 14 MB alive for a run that asks about a few dozen codes, as
   * `--range` does for the Special column, and let V8 grow the heap to a few times that.)
   */
  details(code8: string): LineDetails | null {
    let d = this.#details.get(code8);
    if (d !== undefined) return d;
    const index = this.#detailsIndex();
    const i = index.recordOf.get(code8);
    d = i === undefined ? null : this.#detailsAt(index, i);
    if (this.#details.size < 100_000) this.#details.set(code8, d);
    return d;
  }

  readonly #details = new Map<string, LineDetails | null>();
  #index: DetailsIndex | null = null;

  #detailsIndex(): DetailsIndex {
    if (this.#index !== null) return this.#index;
    const text = this.readDetails?.() ?? '';
    const starts: number[] = [];
    const recordOf = new Map<string, number>();
    for (let at = 0; at < text.length; ) {
      let nl = text.indexOf('\n', at);
      if (nl === -1) nl = text.length;
      if (nl > at) {
        const tab = text.indexOf('\t', at);
        // A later record of the same code replaces an earlier one.
        recordOf.set(text.slice(at, tab === -1 || tab > nl ? nl : tab), starts.length);
        starts.push(at);
      }
      at = nl + 1;
    }
    return (this.#index = { text, starts, recordOf });
  }

  /** The fields of record i: code, units, special, how many headings it shares with the record before, its own. */
  #detailFields(index: DetailsIndex, i: number): string[] {
    const start = index.starts[i]!;
    let end = index.text.indexOf('\n', start);
    if (end === -1) end = index.text.length;
    return index.text.slice(start, end).split('\t');
  }

  #detailsAt(index: DetailsIndex, i: number): LineDetails {
    // The headings: the record's own after those it shares with the record before, back to one that shares none.
    const chain: string[][] = [];
    for (let j = i; ; j--) {
      const f = this.#detailFields(index, j);
      chain.push(f);
      if (Number(f[3] ?? '0') === 0 || j === 0) break;
    }
    let headings: string[] = [];
    for (let k = chain.length - 1; k >= 0; k--) {
      const [, , , shared = '0', ...own] = chain[k]!;
      headings = [...headings.slice(0, Number(shared)), ...own];
    }
    const [, units = '', special = ''] = chain[0]!;
    return { units: units === '' ? [] : units.split(','), special, specialRates: parseSpecial(special), description: headings.join(': ') };
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
      for (let p = from; p < to; p = this.next(p)) found.push(this.codeAt(p));
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
    for (let k = lines.next(from); k < to; k = lines.next(k)) {
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
