/**
 * The parts of an .xlsx workbook, as XML text (ECMA-376 SpreadsheetML), for a
 * writer that streams rows: cells are written from exact decimal strings (a
 * number cell's `<v>` is the text, never a float's rendering), text is an
 * inline string (which Excel never evaluates as a formula), dates are serials.
 */

/** Cell styles, the indexes of cellXfs in STYLES_XML. */
export const STYLE = { none: 0, money: 1, percent: 2, date: 3, header: 4, text: 5, int: 6 } as const;
export type StyleId = (typeof STYLE)[keyof typeof STYLE];

export const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.00####%"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The fixed parts of a workbook with these sheets (in tab order; sheet i is xl/worksheets/sheet{i+1}.xml). */
export function workbookSkeleton(sheetNames: string[], sharedStrings = false): Record<string, string> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return {
    '[Content_Types].xml':
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheetNames.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      (sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
      '</Types>',
    '_rels/.rels': `${head}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${head}<workbook xmlns="${NS}" xmlns:r="${R}"><bookViews><workbookView/></bookViews><sheets>` +
      sheetNames.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${head}<Relationships xmlns="${PKG}">` +
      sheetNames.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${sheetNames.length + 1}" Type="${R}/styles" Target="styles.xml"/>` +
      (sharedStrings ? `<Relationship Id="rId${sheetNames.length + 2}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
      '</Relationships>',
    'xl/styles.xml': STYLES_XML,
  };
}

/** The start of a worksheet, the header row frozen when `freezeHeader`; rows follow, then SHEET_END. */
export function sheetStart(freezeHeader: boolean, colWidths: number[] = []): string {
  const view = freezeHeader
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = colWidths.length === 0 ? '' : `<cols>${colWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${R}">${view}${cols}<sheetData>`;
}

export const SHEET_END = '</sheetData></worksheet>';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'));
}

/**
 * Text as an XML string of a cell: &<>" escaped; characters XML 1.0 cannot hold (control characters but tab and
 * newline, lone surrogates, U+FFFE/U+FFFF) as OOXML's _xHHHH_, and a literal _xHHHH_ kept by escaping its underscore.
 */
export function cellText(s: string): string {
  let t = escapeXml(s);
  if (/_x[0-9A-Fa-f]{4}_/.test(t)) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // eslint-disable-next-line no-control-regex
  return t.replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Excel's name of a 0-based column: 0 → A, 27 → AB. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(0x41 + ((n - 1) % 26)) + s;
  return s;
}

/** A percent as text ("27.5") as the fraction Excel stores for a percent cell ("0.275"), exactly: the point moves two places. */
export function percentToFraction(pct: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(pct);
  if (m === null) return null;
  const digits = `00${m[2]}${m[3] ?? ''}`;
  const point = 2 + m[2]!.length - 2;
  let int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  if (int === '') int = '0';
  const out = frac === '' ? int : `${int}.${frac}`;
  return m[1] === '-' && out !== '0' ? `-${out}` : out;
}

/** The serial Excel stores for a date YYYY-MM-DD from 1900-03-01 on (days since 1899-12-30); null otherwise. */
export function dateSerial(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) return null; // 2025-13-01, 2025-02-30: no such day
  const days = (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
  return Number.isInteger(days) && days >= 61 ? days : null;
}

/**
 * The shared-string table, for text the tool repeats on many rows (status, category, measures, notes): each
 * is written once. Bounded: past MAX_SHARED distinct strings, text is written inline (memory stays flat).
 */
export class SharedStrings {
  static readonly MAX_SHARED = 50_000;
  readonly #index = new Map<string, number>();
  readonly #list: string[] = [];
  #uses = 0;

  /** The index of `s` in the table, or null when the table is full. */
  index(s: string): number | null {
    let i = this.#index.get(s);
    if (i === undefined) {
      if (this.#list.length >= SharedStrings.MAX_SHARED) return null;
      i = this.#list.length;
      this.#index.set(s, i);
      this.#list.push(s);
    }
    this.#uses++;
    return i;
  }

  get size(): number {
    return this.#list.length;
  }

  xml(): string {
    const items = this.#list.map((s) => `<si><t${/^\s|\s$|[\t\n]/.test(s) ? ' xml:space="preserve"' : ''}>${cellText(s)}</t></si>`).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${this.#uses}" uniqueCount="${this.#list.length}">${items}</sst>`;
  }
}

export const MAX_CELL_CHARS = 32_767;

/** Builds the XML of one row, cell by cell. */
export class RowXml {
  #xml = '';
  #col = 0;
  constructor(
    private readonly row: number,
    private readonly sst: SharedStrings | null = null,
  ) {
    this.#xml = `<row r="${row}">`;
  }

  /** Text the tool repeats on many rows, from the shared-string table (inline when there is none or it is full). */
  shared(s: string | null | undefined, style: StyleId = STYLE.none): this {
    if (s === null || s === undefined || s === '') return this.skip();
    const i = this.sst?.index(s) ?? null;
    if (i === null) return this.text(s, style);
    this.#xml += `<c r="${this.#ref()}"${style === STYLE.none ? '' : ` s="${style}"`} t="s"><v>${i}</v></c>`;
    return this;
  }

  #ref(): string {
    return `${columnLetters(this.#col++)}${this.row}`;
  }

  skip(n = 1): this {
    this.#col += n;
    return this;
  }

  /** Text: an inline string, never a formula whatever it starts with. Empty text is an empty cell. */
  text(s: string | null | undefined, style: StyleId = STYLE.none): this {
    if (s === null || s === undefined || s === '') return this.skip();
    // Excel holds at most 32,767 characters in a cell and calls a workbook with more damaged: cut, and say so.
    if (s.length > MAX_CELL_CHARS) s = `${s.slice(0, MAX_CELL_CHARS - 100)} … [cut: ${s.length} characters; an Excel cell holds at most ${MAX_CELL_CHARS}]`;
    // xml:space="preserve" only where it matters: text with spaces at an end, or a tab or line break.
    const space = /^\s|\s$|[\t\n]/.test(s) ? ' xml:space="preserve"' : '';
    this.#xml += `<c r="${this.#ref()}"${style === STYLE.none ? '' : ` s="${style}"`} t="inlineStr"><is><t${space}>${cellText(s)}</t></is></c>`;
    return this;
  }

  /** A number from its exact decimal text ("12375.00"); text that is not a plain decimal is written as text. */
  number(decimal: string | null | undefined, style: StyleId = STYLE.none): this {
    if (decimal === null || decimal === undefined || decimal === '') return this.skip();
    if (!/^-?\d+(\.\d+)?$/.test(decimal)) return this.text(decimal);
    this.#xml += `<c r="${this.#ref()}"${style === STYLE.none ? '' : ` s="${style}"`}><v>${decimal}</v></c>`;
    return this;
  }

  /** A percent given as text ("27.5"), stored as its fraction with a percent format. */
  percent(pct: string | null | undefined): this {
    if (pct === null || pct === undefined || pct === '') return this.skip();
    const f = percentToFraction(pct);
    return f === null ? this.text(pct) : this.number(f, STYLE.percent);
  }

  /** A date YYYY-MM-DD as an Excel date; anything else as text. */
  date(d: string | null | undefined): this {
    if (d === null || d === undefined || d === '') return this.skip();
    const serial = dateSerial(d);
    return serial === null ? this.text(d) : this.number(String(serial), STYLE.date);
  }

  toString(): string {
    return `${this.#xml}</row>`;
  }
}
