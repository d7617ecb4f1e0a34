/**
 * Reading the rows of one sheet of an Excel workbook (.xlsx) as the same
 * records the CSV reader yields: each row's cells as strings, and its row
 * number (the one Excel shows) as its line.
 *
 * The workbook is a zip of XML parts (ECMA-376 / ISO/IEC 29500): the sheet is
 * streamed through saxes, so memory grows with the shared-string table, not
 * with the rows. Cells are read from their stored text, never through a float:
 * - a number is the `<v>` text, rounded to the 15 significant digits Excel
 *   keeps and shows (Excel stores 0.1 + 0.2 as 0.30000000000000004 and shows
 *   0.3), written without an exponent (1E-7 is 0.0000001);
 * - a number in a date format is the date Excel shows: YYYY-MM-DD from the
 *   serial (with Excel's 1900 leap-year bug: serial 60 is 1900-02-29, which
 *   row checking then rejects as no calendar date), or from 1904-01-01 in a
 *   workbook in the 1904 date system; a time of day is dropped;
 * - a shared, inline or formula string is its text; a formula cell is its
 *   cached value; a boolean is TRUE or FALSE; an error is its text (#N/A).
 * Empty cells (which Excel does not store) are empty strings; rows are padded
 * to the header's width, and trailing empty cells past it are dropped.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { ZipError, ZipFile, type ZipEntry } from './zip.js';
import type { CsvRecord } from './csv-input.js';

/** A workbook that cannot be read; the message names the file (and sheet) and echoes none of its bytes. */
export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

export interface XlsxReadOptions {
  /** The sheet to read, by its tab name (default: the first sheet). */
  sheet?: string | undefined;
}

let saxes: typeof import('saxes') | undefined;
const require = createRequire(import.meta.url);

function newParser(): SaxesParser {
  saxes ??= require('saxes') as typeof import('saxes');
  const p = new saxes.SaxesParser({ position: false });
  p.on('error', (e) => {
    throw new XmlDamaged(e.message);
  });
  return p;
}

class XmlDamaged extends Error {}

/** The local name of an element or attribute (Excel writes none, some generators write x:row). */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

interface Handlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (t: string) => void;
}

function attach(p: SaxesParser, h: Handlers): void {
  if (h.open) {
    const open = h.open;
    p.on('opentag', (t) => open(local(t.name), (t as SaxesTagPlain).attributes as Record<string, string>));
  }
  if (h.close) {
    const close = h.close;
    p.on('closetag', (t) => close(local(t.name)));
  }
  if (h.text) {
    p.on('text', h.text);
    p.on('cdata', h.text);
  }
}

/** Parses a whole (small) XML part. */
function parseXml(xml: string, h: Handlers): void {
  const p = newParser();
  attach(p, h);
  p.write(xml).close();
}

/** The text of a rich or plain string item (<si> or <is>): its <t> runs, without phonetic guides (<rPh>). */
class StringCollector {
  depthRph = 0;
  inT = false;
  text = '';
  open(name: string): void {
    if (name === 'rPh') this.depthRph++;
    else if (name === 't' && this.depthRph === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.depthRph--;
    else if (name === 't') this.inT = false;
  }
  take(): string {
    const t = unescapeOoxml(this.text);
    this.text = '';
    return t;
  }
}

/** Built-in number formats that are dates or times (ECMA-376 Part 1, 18.8.30; 27-36 and 50-58 are East Asian dates). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code is a date when, outside quoted text, escapes and [colour]/[condition] brackets, it has a d, m, y, h or s. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/**
 * A number cell's stored text as the decimal Excel shows: rounded half up to
 * 15 significant digits, no exponent, no trailing zeros. Text that is not a
 * number is returned as it is (row checking then says what is wrong).
 */
export function excelNumberText(v: string): string {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(v);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return v;
  const neg = m[1] === '-';
  let digits = m[2]! + (m[3] ?? '');
  // An exponent beyond what a double can hold is no number Excel stores (a crafted file): left as text, so the row
  // check rejects that row instead of this building a string of millions of zeros.
  if (m[4] !== undefined && Math.abs(Number(m[4])) > 400) return v;
  let point = m[2]!.length + (m[4] === undefined ? 0 : Number(m[4]));
  const lead = digits.search(/[^0]/);
  if (lead < 0) return '0';
  digits = digits.slice(lead);
  point -= lead;
  if (digits.length > 15) {
    const up = digits.charCodeAt(15) >= 0x35; // '5'
    const kept = digits.slice(0, 15).split('').map(Number);
    if (up) {
      let i = 14;
      while (i >= 0 && kept[i] === 9) kept[i--] = 0;
      if (i < 0) {
        kept.unshift(1);
        point++;
      } else kept[i]!++;
    }
    digits = kept.join('');
  }
  digits = digits.replace(/0+$/, '');
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

/** A custom format code is a percent when, outside quoted text and escapes, it has a %. */
export function isPercentFormatCode(code: string): boolean {
  return /%/.test(code.split(';')[0]!.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** A number stored for a percent cell (0.025) as the percent Excel shows ("2.5%"), without a float. */
export function excelPercentText(v: string): string {
  const n = excelNumberText(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(n);
  if (m === null) return n;
  const frac = m[3] ?? '';
  const digits = m[2]! + frac.padEnd(2, '0');
  const point = m[2]!.length + 2;
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${m[1]}${rest === '' ? int : `${int}.${rest}`}%`;
}

const DAY_MS = 86_400_000;

/**
 * The date Excel shows for a serial number (its integer part), as YYYY-MM-DD.
 * 1900 system: 1 is 1900-01-01; Excel counts a 1900-02-29 that never was
 * (serial 60, kept from Lotus 1-2-3), so from 61 on the days run from
 * 1899-12-30. 1904 system: 0 is 1904-01-01.
 */
export function excelSerialDate(serialText: string, date1904: boolean): string | null {
  const m = /^\s*(\d+)(?:\.\d*)?(?:[eE][+]?\d+)?\s*$/.exec(serialText);
  if (m === null || /[eE]/.test(serialText)) return null;
  const days = Number(m[1]);
  if (!Number.isSafeInteger(days) || days > 2958465) return null; // 9999-12-31 is Excel's last date
  if (!date1904) {
    if (days === 0) return '1900-01-00';
    if (days === 60) return '1900-02-29';
  }
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

interface WorkbookParts {
  sheetEntry: ZipEntry;
  sheetName: string;
  sharedStrings: string[];
  /** Style index → the cell's number format is a date format. */
  dateStyles: boolean[];
  /** Style index → the cell's number format is a percent format. */
  percentStyles: boolean[];
  date1904: boolean;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

async function readRels(zip: ZipFile, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const e = zip.entries.get(relsPath(part));
  if (e === undefined) return [];
  const out: { id: string; type: string; target: string }[] = [];
  parseXml(await zip.text(e), {
    open: (name, a) => {
      if (name === 'Relationship' && a.Target !== undefined && a.TargetMode !== 'External') out.push({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(part, a.Target) });
    },
  });
  return out;
}

async function readWorkbookParts(zip: ZipFile, file: string, wanted: string | undefined): Promise<WorkbookParts> {
  const root = await readRels(zip, '');
  const wbPath = root.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const wbEntry = zip.entries.get(wbPath);
  if (wbEntry === undefined) {
    throw new XlsxError(`${file}: is a zip file but not an Excel workbook (.xlsx): it has no ${wbPath}${zip.entries.has('word/document.xml') ? ' (it is a Word document)' : ''}`);
  }
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  parseXml(await zip.text(wbEntry), {
    open: (name, a) => {
      if (name === 'sheet') sheets.push({ name: a.name ?? '', rid: a['r:id'] ?? Object.entries(a).find(([k]) => local(k) === 'id')?.[1] ?? '' });
      else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  if (sheets.length === 0) throw new XlsxError(`${file}: the workbook has no sheets`);
  const sheet = wanted === undefined ? sheets[0]! : sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (sheet === undefined) {
    throw new XlsxError(`${file}: no sheet named "${wanted}"; the workbook has ${sheets.map((s) => `"${s.name}"`).join(', ')}`);
  }
  const rels = await readRels(zip, wbPath);
  const rel = rels.find((r) => r.id === sheet.rid);
  const sheetEntry = rel === undefined ? undefined : zip.entries.get(rel.target);
  if (rel === undefined || sheetEntry === undefined) throw new XlsxError(`${file} sheet "${sheet.name}": the sheet's part is missing from the workbook`);
  if (!rel.type.endsWith('/worksheet')) throw new XlsxError(`${file} sheet "${sheet.name}": is a chart or dialog sheet, not a worksheet with rows`);

  const sharedStrings: string[] = [];
  const ssRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const ssEntry = ssRel === undefined ? undefined : zip.entries.get(ssRel.target);
  if (ssEntry !== undefined) {
    const sc = new StringCollector();
    let inSi = false;
    const p = newParser();
    attach(p, {
      open: (name) => {
        if (name === 'si') inSi = true;
        else if (inSi) sc.open(name);
      },
      close: (name) => {
        if (name === 'si') {
          inSi = false;
          sharedStrings.push(sc.take());
        } else if (inSi) sc.close(name);
      },
      text: (t) => {
        if (sc.inT) sc.text += t;
      },
    });
    await feed(p, await zip.stream(ssEntry));
  }

  const dateStyles: boolean[] = [];
  const percentStyles: boolean[] = [];
  const stRel = rels.find((r) => r.type.endsWith('/styles'));
  const stEntry = stRel === undefined ? undefined : zip.entries.get(stRel.target);
  if (stEntry !== undefined) {
    const custom = new Map<number, string>();
    let inXfs = false;
    const xfFormats: number[] = [];
    parseXml(await zip.text(stEntry), {
      open: (name, a) => {
        if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inXfs = true;
        else if (name === 'xf' && inXfs) xfFormats.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inXfs = false;
      },
    });
    for (const id of xfFormats) {
      const code = custom.get(id);
      dateStyles.push(code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormatCode(code));
      percentStyles.push(code === undefined ? id === 9 || id === 10 : isPercentFormatCode(code));
    }
  }
  return { sheetEntry, sheetName: sheet.name, sharedStrings, dateStyles, percentStyles, date1904 };
}

async function feed(p: SaxesParser, stream: Readable, each?: () => void): Promise<void> {
  stream.setEncoding('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    p.write(chunk);
    each?.();
  }
  p.close();
}

/** The 0-based column of a cell reference such as "C5", or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === 0 ? -1 : col - 1;
}

/**
 * Yields the sheet's non-empty rows in batches, the first of them the header,
 * each with its row number as `line`. Errors are XlsxError, naming `file`.
 */
export async function* readXlsxRecords(path: string, file: string, opts: XlsxReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  let zip: ZipFile;
  let parts: WorkbookParts;
  try {
    zip = await ZipFile.open(path);
    parts = await readWorkbookParts(zip, file, opts.sheet);
  } catch (e) {
    throw asXlsxError(e, file);
  }
  const { sharedStrings, dateStyles, percentStyles, date1904, sheetName } = parts;
  const where = `${file} sheet "${sheetName}"`;

  let batch: CsvRecord[] = [];
  let rowNum = 0;
  let width = -1; // the header's width, once read
  let cells: string[] = [];
  let inRow = false;
  // The cell being read.
  let col = -1;
  let type = 'n';
  let style = 0;
  let inV = false;
  let v = '';
  let inIs = false;
  const sc = new StringCollector();
  let cellText: string | null = null;

  const endCell = () => {
    let text: string;
    switch (type) {
      case 's': {
        const i = Number(v);
        const s = Number.isInteger(i) ? sharedStrings[i] : undefined;
        if (s === undefined) throw new XlsxError(`${where} row ${rowNum}, column ${columnName(col)}: refers to shared string ${v.trim()}, which the workbook does not have`);
        text = s;
        break;
      }
      case 'inlineStr':
        text = cellText ?? '';
        break;
      case 'str':
        text = unescapeOoxml(v);
        break;
      case 'b':
        text = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
        break;
      case 'e':
        text = v;
        break;
      case 'd':
        text = /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
        break;
      default:
        if (v === '') text = '';
        else if (dateStyles[style] === true) text = excelSerialDate(v, date1904) ?? excelNumberText(v);
        // Excel stores 2.5% as 0.025 and shows 2.5%: read as what it shows, "2.5%" (the point moved, exactly).
        else if (percentStyles[style] === true) text = excelPercentText(v);
        else text = excelNumberText(v);
    }
    while (cells.length < col) cells.push('');
    cells[col] = text;
  };

  const p = newParser();
  attach(p, {
    open: (name, a) => {
      switch (name) {
        case 'row': {
          const r = a.r === undefined ? rowNum + 1 : Number(a.r);
          rowNum = Number.isInteger(r) && r > 0 ? r : rowNum + 1;
          cells = [];
          inRow = true;
          return;
        }
        case 'c': {
          const c = a.r === undefined ? -1 : columnOf(a.r);
          col = c >= 0 ? c : cells.length;
          type = a.t ?? 'n';
          style = a.s === undefined ? 0 : Number(a.s);
          v = '';
          cellText = null;
          return;
        }
        case 'v':
          if (inRow) inV = true;
          return;
        case 'is':
          inIs = true;
          sc.text = '';
          return;
        default:
          if (inIs) sc.open(name);
      }
    },
    close: (name) => {
      switch (name) {
        case 'v':
          inV = false;
          return;
        case 'is':
          inIs = false;
          cellText = sc.take();
          return;
        case 'c':
          if (inRow && col >= 0) endCell();
          col = -1;
          return;
        case 'row': {
          inRow = false;
          if (width < 0) {
            while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
            if (cells.length === 0) return; // blank rows before the header
            width = cells.length;
          } else {
            while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
            if (cells.every((c) => c === '')) return; // a blank (perhaps formatted) row: skipped, as CSV skips blank lines
            while (cells.length < width) cells.push('');
          }
          batch.push({ line: rowNum, cells });
          return;
        }
        default:
          if (inIs) sc.close(name);
      }
    },
    text: (t) => {
      if (inV) v += t;
      else if (inIs && sc.inT) sc.text += t;
    },
  });

  let stream: Readable;
  try {
    stream = await zip.stream(parts.sheetEntry);
    stream.setEncoding('utf8');
  } catch (e) {
    throw asXlsxError(e, where);
  }
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      p.write(chunk);
      if (batch.length > 0) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
    p.close();
  } catch (e) {
    stream.destroy();
    throw asXlsxError(e, where);
  }
  if (batch.length > 0) yield batch;
  if (width < 0) throw new XlsxError(`${where}: the sheet is empty; expected a header row (e.g. id, hts, value, date) and rows`);
}

/** A zip that holds a workbook (its directory lists xl/workbook.xml or the package's content types); false for any other file. */
export async function isWorkbookZip(path: string): Promise<boolean> {
  try {
    const zip = await ZipFile.open(path);
    return zip.entries.has('[Content_Types].xml') || zip.entries.has('xl/workbook.xml');
  } catch {
    return false;
  }
}

/** Excel's name of a 0-based column: 0 → A, 27 → AB. */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(0x41 + ((n - 1) % 26)) + s;
  return s;
}

function asXlsxError(e: unknown, where: string): unknown {
  if (e instanceof XlsxError) return e;
  if (e instanceof ZipError) return new XlsxError(`${where}: is not a readable Excel workbook (.xlsx): ${e.message}`);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return e;
  if (typeof code === 'string' && code.startsWith('Z_')) return new XlsxError(`${where}: is not a readable Excel workbook (.xlsx): a compressed part is damaged`);
  if (e instanceof XmlDamaged) return new XlsxError(`${where}: is not a readable Excel workbook (.xlsx): damaged XML (${e.message.replace(/[^\x20-\x7e]/g, '?').slice(0, 100)})`);
  return e;
}
