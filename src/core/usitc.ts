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

export interface UsitcRow {
  htsno?: unknown;
  indent?: unknown;
  description?: unknown;
  general?: unknown;
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
  /** Codes whose rate text could not be read, with the text. */
  skipped: { hts: string; text: string }[];
  rows: number;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const PCT_TERM = new RegExp(`^${NUM}%$`);
const CENTS_TERM = new RegExp(`^${NUM}\\s*¢\\s*/\\s*(.+)$`);
const DOLLAR_TERM = new RegExp(`^\\$${NUM}\\s*/\\s*(.+)$`);

/** Parses a column 1 General rate; null when it is not a rate this table can hold. */
export function parseRateText(raw: string): ParsedRate | null {
  const text = raw.replace(/\s+/g, ' ').trim();
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
    const unit = m[2]!.trim();
    if (!/^[A-Za-z]+\.?$/.test(unit)) return null; // "kg", "liter", "each", "doz.": one word, nothing clause-like
    specific = { cents, unit };
  }
  return { pct: pct ?? '0', specific };
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
export function importUsitc(rows: UsitcRow[]): ImportResult {
  const entries: ImportedEntry[] = [];
  const skipped: ImportResult['skipped'] = [];
  // Ancestors by indent: the nearest row above with a smaller indent is the parent.
  const stack: { indent: number; rate: ParsedRate | null; text: string; description: string }[] = [];
  for (const row of rows) {
    const indent = Number(typeof row.indent === 'string' || typeof row.indent === 'number' ? row.indent : 0) || 0;
    const htsno = typeof row.htsno === 'string' ? row.htsno.trim() : '';
    const general = typeof row.general === 'string' ? plainText(row.general) : '';
    const description = typeof row.description === 'string' ? plainText(row.description) : '';
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    // The nearest ancestor that states a rate; if that rate could not be read, nothing is inherited (never a grandparent's).
    const parent = [...stack].reverse().find((s) => s.text !== '') ?? null;

    let rate: ParsedRate | null = null;
    let text = general;
    if (general !== '') {
      rate = parseRateText(general);
      const digits = htsno.replaceAll('.', '');
      if (rate === null && htsno !== '' && !digits.startsWith('99') && !/^see\s/i.test(general)) skipped.push({ hts: htsno, text: general });
    } else if (parent !== null && parent.rate !== null) {
      rate = parent.rate;
      text = parent.text;
    }
    stack.push({ indent, rate, text, description });

    const digits = htsno.replaceAll('.', '');
    if (htsno === '' || rate === null || digits.startsWith('99') || !/^\d{4,10}$/.test(digits)) continue;
    if (digits.length === 10 && general === '') continue; // inherits its parent's rate through the longest prefix
    const e: ImportedEntry = { hts: htsno, pct: rate.pct, text: text || general, description: description || '(no description)' };
    if (rate.specific !== null) e.specific = rate.specific;
    entries.push(e);
  }
  return { entries, skipped, rows: rows.length };
}
