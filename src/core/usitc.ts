/**
 * Reading the USITC HTS JSON export into an MFN table (DOMAIN.md s.10).
 *
 * Quirks handled: heading and group rows have an empty `htsno` (the tree is
 * given by `indent`, a string); statistical (10-digit) rows usually have an
 * empty `general` and inherit their parent's rate; descriptions carry HTML;
 * rates are "Free", "2.5%", specific ("4.4¢/kg", "$1.50/each") or compound
 * ("2.5% + 4.4¢/kg"); chapter 99 rows ("The duty provided in ... + 10%") and
 * "See 9903..." references are not MFN rates and are left out.
 */
import { formatHts } from '../values/hts.js';

export interface UsitcRow {
  htsno?: unknown;
  indent?: unknown;
  description?: unknown;
  general?: unknown;
  special?: unknown;
  units?: unknown;
}

export interface SpecificRate {
  /** Cents per unit, as a plain decimal string ("4.4" for 4.4¢, "150" for $1.50). */
  cents: string;
  unit: string;
}

export interface ParsedRate {
  /** Ad valorem part in percent, plain decimal ("0" when none). */
  pct: string;
  specific: SpecificRate | null;
}

export interface ImportedEntry {
  hts: string;
  pct: string;
  specific?: SpecificRate;
  text: string;
  description: string;
}

export interface ImportResult {
  entries: ImportedEntry[];
  /** Rows left out, with the reason: a rate with no computation (its text quoted), a malformed code, a duplicate. */
  skipped: { row: number; hts: string; text: string; reason: string }[];
  rows: number;
}

/** The largest rates an MFN table holds (schema/schedule.ts Percent and specific cents). */
const MAX_PCT = /^\d{1,4}(\.\d{1,6})?$/;
const MAX_CENTS = /^\d{1,9}(\.\d{1,6})?$/;

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const PCT_TERM = new RegExp(`^${NUM}%$`);
const CENTS_TERM = new RegExp(`^${NUM}\\s*¢\\s*/\\s*(.+)$`);
const DOLLAR_TERM = new RegExp(`^\\$${NUM}\\s*/\\s*(.+)$`);

/**
 * Units a specific rate may be written in, as the HTS writes them after the "/", mapped to the unit the row's
 * quantity is given in. A unit outside this list ("line/ gross", "jewel", "kg less ... for each degree") has no
 * computation from one quantity and the rate is refused. "1000" (per thousand items) is
 * computed per item: the cents are divided by 1000 (exact: 6 decimals are kept).
 */
const SPECIFIC_UNITS: Record<string, string> = {
  kg: 'kg',
  'clean kg': 'clean kg',
  g: 'g',
  t: 't',
  liter: 'liter',
  'pf.liter': 'pf.liter',
  each: 'each',
  'doz.': 'doz.',
  'pr.': 'pr.',
  gross: 'gross',
  bbl: 'bbl',
  m2: 'm2',
  m3: 'm3',
  head: 'head',
  thousand: 'thousand',
  // A weight of a stated kind: the row's quantity must say it is in that unit (compute.ts quantityProblem).
  'kg on drained weight': 'kg drained weight',
  'kg of total sugars': 'kg total sugars',
  'kg on contents and container': 'kg contents and container',
  'kg on entire contents of container': 'kg entire contents of container',
  'kg on lead content': 'kg lead content',
  'kg on molybdenum content': 'kg molybdenum content',
  'kg on tungsten content': 'kg tungsten content',
  'kg on magnesium content': 'kg magnesium content',
};

/** Units that qualify a weight: the row must give `unit` in so many words, or the quantity could be the gross weight. */
export const QUALIFIED_UNITS: ReadonlySet<string> = new Set(Object.values(SPECIFIC_UNITS).filter((u) => u.includes('kg') && u !== 'kg'));

/**
 * Parses a column 1 General rate; null when it is not a rate this table can hold (see rateRefusal for why).
 * Computed: Free, N%, one specific part (N¢/unit, $N/unit, "N¢ each") and one specific part plus one ad valorem
 * part in either order; the unit is one of SPECIFIC_UNITS.
 */
export function parseRateText(raw: string): ParsedRate | null {
  const text = normalizeRateText(raw);
  if (text === '') return null;
  if (/^free$/i.test(text)) return { pct: '0', specific: null };
  const terms = text.split(/\s\+\s/).map((t) => t.trim());
  if (terms.length > 2) return null;
  let pct: string | null = null;
  let specific: SpecificRate | null = null;
  for (const t of terms) {
    let m = PCT_TERM.exec(t);
    if (m) {
      if (pct !== null) return null;
      pct = trimZeros(m[1]!);
      continue;
    }
    m = CENTS_TERM.exec(t) ?? null;
    let cents: string | null = null;
    if (m) cents = trimZeros(m[1]!);
    else {
      m = DOLLAR_TERM.exec(t);
      if (m) cents = shiftTwo(m[1]!);
    }
    if (m === null || cents === null || specific !== null) return null;
    let unit = m[2]!.trim();
    if (unit === '1000') {
      // Per thousand items: cents per item, exactly (the HTS's figures have at most 3 decimals).
      const per = shiftDecimal(cents, -3);
      if (per === null) return null;
      cents = per;
      unit = 'each';
    }
    const known = SPECIFIC_UNITS[unit];
    if (known === undefined) return null;
    specific = { cents, unit: known };
  }
  return { pct: pct ?? '0', specific };
}

/** Spacing the HTS writes loosely: "0.9¢ each" = "0.9¢/each", "5¢/kg +3%", "8.5¢/ liter", "pf. liter". */
export function normalizeRateText(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(¢|\$\d+(?:\.\d+)?) each\b/g, '$1/each')
    .replace(/\s*\+\s*/g, ' + ')
    .replace(/\/\s+/g, '/')
    .replace(/\bpf\. liter/g, 'pf.liter')
    .replace(/% on the entire set$/, '%'); // the row's value is the set's value
}

/**
 * The two kinds of rate text this table cannot price. `no-computation`: the text has no computation of its own (it
 * names another article, line or set, or a U.S. note). `needs-input`: it has one, from an input a row does not
 * carry (the value of a watch's case, strap, battery or movement; a count of jewels, lines, pins or pieces; degrees
 * of polarity; a content value; a second quantity in another unit). README "MFN rates" counts both.
 */
export type RateRefusalKind = 'no-computation' | 'needs-input';

/** The words a refusal of each kind starts with (tests and the walk of every line count by them). */
export const RATE_REFUSAL_KIND: Readonly<Record<RateRefusalKind, string>> = {
  'no-computation': 'no defined computation',
  'needs-input': 'needs an input the row does not carry',
};

function classifyRate(t: string): { kind: RateRefusalKind; why: string } {
  if (/^the rate/i.test(t)) return { kind: 'no-computation', why: 'the rate is that of another article or line' };
  if (/^see /i.test(t)) return { kind: 'no-computation', why: 'the rate is set by a U.S. note' };
  if (/drained weight/.test(t)) return { kind: 'needs-input', why: 'the rate is on the drained weight' };
  if (/content|total sugars|contents and container|entire contents/.test(t)) return { kind: 'needs-input', why: 'the rate is on a content of the goods' };
  if (/on (the )?(case|movement|strap|battery|apparatus|value of)/.test(t)) return { kind: 'needs-input', why: 'the rate is on parts of the article valued separately (case, strap, battery, movement)' };
  if (/jewel|line\/|pins|degree|piece or part/.test(t)) return { kind: 'needs-input', why: 'the rate counts a quantity the row does not give (jewels, lines, pins, degrees, pieces)' };
  // Two specific parts in different units ("1.5¢/kg + 2¢/liter"): a second quantity would price it.
  const units = [...t.matchAll(/(?:¢|\$\d+(?:\.\d+)?)\s*\/\s*([a-z][a-z. ]*)/g)].map((m) => m[1]!.trim());
  if (units.length === 2 && units[0] !== units[1]) return { kind: 'needs-input', why: 'the rate has two specific parts in different units (a second quantity)' };
  return { kind: 'no-computation', why: 'the rate has more terms or units than a row can price' };
}

/** Which kind of refusal a General rate text this table cannot price is (see RateRefusalKind). */
export function rateRefusalKind(raw: string): RateRefusalKind {
  return classifyRate(normalizeRateText(raw)).kind;
}

/**
 * Why a General rate text has no computation here, for the line's refusal (the text is quoted with it): its kind
 * first ("no defined computation" or "needs an input the row does not carry"), then the reason. The shapes are
 * those of HTS 2026 Rev. 10 (README "MFN rates").
 */
export function rateRefusal(raw: string): string {
  const { kind, why } = classifyRate(normalizeRateText(raw));
  return `${RATE_REFUSAL_KIND[kind]} (${why})`;
}

/** Moves the decimal point: shiftDecimal("89.6", -3) = "0.0896"; null beyond 6 decimals. */
function shiftDecimal(n: string, places: number): string | null {
  const [int, frac = ''] = n.split('.');
  let digits = `${int}${frac}`;
  let point = int!.length + places;
  while (point <= 0) {
    digits = `0${digits}`;
    point++;
  }
  const out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (out.length - out.indexOf('.') - 1 > 6) return null;
  return trimZeros(out.replace(/^0+(?=\d)/, ''));
}

function trimZeros(n: string): string {
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n.replace(/^0+(?=\d)/, '');
}

/** "1.50" dollars -> "150" cents, exactly. */
function shiftTwo(dollars: string): string {
  const [int, frac = ''] = dollars.split('.');
  const f = frac.padEnd(2, '0');
  return trimZeros(`${int}${f.slice(0, 2)}${f.length > 2 ? `.${f.slice(2)}` : ''}`.replace(/^0+(?=\d)/, ''));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function plainText(html: string): string {
  return html
    .replace(/<sup>.*?<\/sup>/gi, '') // footnote markers: "Free<sup>1</sup>" is "Free"
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+);/gi, (all, e: string) => (e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? all)))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Converts export rows into table entries: one per 8-digit line (and per
 * 10-digit line whose rate differs from its parent's), in file order.
 */
export function importUsitc(rows: readonly unknown[]): ImportResult {
  const entries: (ImportedEntry & { row: number })[] = [];
  const skipped: ImportResult['skipped'] = [];
  // Ancestors by indent: the nearest row above with a smaller indent is the parent.
  const stack: { indent: number; rate: ParsedRate | null; text: string; description: string }[] = [];
  rows.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      skipped.push({ row: i, hts: '', text: '', reason: `not a row object (got ${JSON.stringify(raw)?.slice(0, 40)})` });
      return;
    }
    const row = raw as UsitcRow;
    const indent = Number(typeof row.indent === 'string' || typeof row.indent === 'number' ? row.indent : 0) || 0;
    const htsno = typeof row.htsno === 'string' ? row.htsno.trim() : '';
    const general = typeof row.general === 'string' ? plainText(row.general) : '';
    const description = typeof row.description === 'string' ? plainText(row.description) : '';
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    // The nearest ancestor that states a rate; if that rate could not be read, nothing is inherited (never a grandparent's).
    const parent = [...stack].reverse().find((s) => s.text !== '') ?? null;
    const digits = htsno.replaceAll('.', '');
    if (htsno !== '' && (!/^\d{4}(\.?\d\d){0,3}$/.test(htsno) || ![4, 6, 8, 10].includes(digits.length))) {
      skipped.push({ row: i, hts: htsno, text: general, reason: 'not an HTS number of 4, 6, 8 or 10 digits' });
      return;
    }
    const additional = digits.startsWith('99') || /^see\s/i.test(general);

    let rate: ParsedRate | null = null;
    let text = general;
    if (general !== '') {
      rate = parseRateText(general);
      if (rate === null && htsno !== '' && !additional) skipped.push({ row: i, hts: htsno, text: general, reason: rateRefusal(general) });
      else if (rate !== null && (!MAX_PCT.test(rate.pct) || Number(rate.pct) > 1000 || (rate.specific !== null && !MAX_CENTS.test(rate.specific.cents)))) {
        skipped.push({ row: i, hts: htsno, text: general, reason: 'the rate is outside what an MFN table holds (0 to 1000 percent, cents up to 9 digits, 6 decimals)' });
        rate = null;
      }
    } else if (parent !== null && parent.rate !== null) {
      rate = parent.rate;
      text = parent.text;
    } else if (digits.length >= 8 && !additional && !(parent !== null && parent.rate === null)) {
      skipped.push({ row: i, hts: htsno, text: '', reason: 'no General rate on the row or a row above it' });
    }
    stack.push({ indent, rate, text, description });

    if (htsno === '' || rate === null || additional) return;
    if (digits.length === 10 && general === '') return; // inherits its parent's rate through the longest prefix
    const e: ImportedEntry & { row: number } = { row: i, hts: htsno, pct: rate.pct, text: text || general, description: description || '(no description)' };
    if (rate.specific !== null) e.specific = rate.specific;
    entries.push(e);
  });
  const kept = onePerCode(entries, skipped);
  skipped.sort((a, b) => a.row - b.row);
  return { entries: kept, skipped, rows: rows.length };
}

/** Two rows for one code: neither is written (which one is right cannot be told from the file), and both are said. */
function onePerCode(entries: readonly (ImportedEntry & { row: number })[], skipped: ImportResult['skipped']): ImportedEntry[] {
  const byCode = new Map<string, (ImportedEntry & { row: number })[]>();
  for (const e of entries) {
    const k = e.hts.replaceAll('.', '');
    byCode.set(k, [...(byCode.get(k) ?? []), e]);
  }
  const kept: ImportedEntry[] = [];
  for (const e of entries) {
    const same = byCode.get(e.hts.replaceAll('.', ''))!;
    if (same.length === 1) {
      const { row: _, ...entry } = e;
      kept.push(entry);
    } else if (same[0] === e) {
      skipped.push({ row: e.row, hts: e.hts, text: same.map((x) => x.text).join(' / '), reason: `${same.length} rows give ${e.hts} (rows ${same.map((x) => x.row + 1).join(', ')}); none is written` });
    }
  }
  return kept;
}

/** One 8-digit line of the schedule, as the official export gives it. */
export interface HtsLine {
  /** 8 digits. */
  code: string;
  /** The column 1 General rate text, as written (HTML removed, spacing collapsed). */
  general: string;
  /** The column 1 Special text ("Free (A+,AU,...) 3.2% (JP)"), or "". */
  special: string;
  /** Statistical units ("kg", "No."), of the line or its statistical suffixes. */
  units: string[];
  /** The description with its headings: "Other live animals: Mammals: Primates". */
  description: string;
  /** The same, one heading per element (the last is the line's own text). */
  headings: string[];
  /** The 2-digit statistical suffixes of its 10-digit lines, in order ("00" for a line with one). */
  stats: string[];
}

export interface DeriveProblem {
  /** Index of the row in the export (0-based). */
  row: number;
  htsno: string;
  reason: string;
}

/**
 * Every 8-digit line of chapters 01-97 of the export (hts-data/README.md): a line's rate is the first non-empty
 * `general` among the rows whose digits start with its 8 digits (a line with one statistical suffix appears only as
 * XXXX.XX.XX.00); chapters 98 and 99 are left out (special provisions and additional duties, not MFN lines).
 * Problems (a malformed htsno, a line with no General rate, two different General rates for one line) are listed,
 * and such a line is left out, never given a rate.
 */
/** A row of an 8-digit line (the line's own, or one of its 10-digit statistical lines) added to what the line has. */
function addToLine(
  line: HtsLine & { rateRow: number },
  r: { general: string; special: string; units: string[]; digits: string; htsno: string },
  i: number,
  problems: DeriveProblem[],
): void {
  if (r.general !== '') {
    if (line.general === '') {
      line.general = r.general;
      line.rateRow = i;
    } else if (line.general !== r.general) {
      problems.push({ row: i, htsno: r.htsno, reason: `General rate "${r.general}" differs from "${line.general}" given for ${formatHts(line.code)}; a line has one rate` });
    }
  }
  if (r.special !== '' && line.special === '') line.special = r.special;
  for (const u of r.units) if (!line.units.includes(u)) line.units.push(u);
  if (r.digits.length === 10) {
    const suffix = r.digits.slice(8);
    if (line.stats.includes(suffix)) problems.push({ row: i, htsno: r.htsno, reason: 'duplicate statistical line' });
    else line.stats.push(suffix);
  }
}

export function deriveHtsLines(rows: readonly UsitcRow[]): { lines: HtsLine[]; problems: DeriveProblem[] } {
  const byCode = new Map<string, HtsLine & { rateRow: number }>();
  const problems: DeriveProblem[] = [];
  const path: { indent: number; text: string }[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object') {
      problems.push({ row: i, htsno: '', reason: 'not a row object' });
      return;
    }
    const indent = Number(typeof row.indent === 'string' || typeof row.indent === 'number' ? row.indent : 0) || 0;
    const htsno = typeof row.htsno === 'string' ? row.htsno.trim() : '';
    const description = typeof row.description === 'string' ? plainText(row.description).replace(/:$/, '') : '';
    while (path.length > 0 && path[path.length - 1]!.indent >= indent) path.pop();
    path.push({ indent, text: description });
    if (htsno === '') return;
    const digits = htsno.replaceAll('.', '');
    if (!/^\d{4}(\.?\d){0,6}$/.test(htsno) || ![4, 6, 8, 10].includes(digits.length)) {
      problems.push({ row: i, htsno, reason: 'not an HTS number of 4, 6, 8 or 10 digits' });
      return;
    }
    if (digits.startsWith('98') || digits.startsWith('99') || digits.length < 8) return;
    // "See 9903..." points to an additional duty of chapter 99, not an MFN rate (hts-data README): no rate here.
    const stated = typeof row.general === 'string' ? plainText(row.general) : '';
    const general = /^see\s+99/i.test(stated) ? '' : stated;
    const special = typeof row.special === 'string' ? plainText(row.special) : '';
    const units = Array.isArray(row.units) ? row.units.filter((u): u is string => typeof u === 'string').map((u) => u.trim()).filter((u) => u !== '') : [];
    const code = digits.slice(0, 8);
    let line = byCode.get(code);
    if (line === undefined) {
      // A line given only by its 10-digit row takes that row's description; its path ends with the row itself.
      const headings = path.map((p) => p.text).filter((t) => t !== '');
      line = { code, general: '', special: '', units: [], description: headings.join(': '), headings, stats: [], rateRow: -1 };
      byCode.set(code, line);
    }
    addToLine(line, { general, special, units, digits, htsno }, i, problems);
  });
  const lines: HtsLine[] = [];
  for (const l of byCode.values()) {
    if (l.general === '') {
      problems.push({ row: -1, htsno: formatHts(l.code), reason: 'no General rate on the line or its statistical lines' });
      continue;
    }
    const { rateRow: _, ...line } = l;
    lines.push(line);
  }
  lines.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { lines, problems };
}

/** One program's rate in the Special column: "3.2% (JP)" gives { text: "3.2%", programs: ["JP"] }. */
export interface SpecialRate {
  text: string;
  programs: string[];
}

/**
 * Splits the column 1 Special text into rates and the programs (General Note 3(c) indicators) each applies to:
 * "Free (A+,AU,BH) 3.2% (JP)" -> [{Free, [A+,AU,BH]}, {3.2%, [JP]}]. Programs keep their marks (A*, A+, S+).
 */
export function parseSpecial(text: string): SpecialRate[] {
  const out: SpecialRate[] = [];
  for (const m of text.matchAll(/([^()]+?)\s*\(([^()]*)\)/g)) {
    const rate = m[1]!.trim().replace(/^[,;]\s*/, '');
    const programs = m[2]!.split(',').map((p) => p.trim()).filter((p) => p !== '');
    if (rate !== '' && programs.length > 0) out.push({ text: rate, programs });
  }
  return out;
}
