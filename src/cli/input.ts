/**
 * Reading the rows of a command's input: one import given by flags, or CSV
 * records from a file or stdin, each checked against the header. Every data
 * record ends in exactly one call: `row` or `rejected`.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputError, UsageError } from '../errors.js';
import { NotCsvError, readCsvRecords } from '../io/csv-input.js';
import { sniffFile } from '../io/file-kind.js';
import { showInputText } from '../io/sniff.js';
import type { Progress } from './progress.js';
import { readHeader, readRow, type HeaderMap, type Row, type RowDefaults, type RowIssue } from '../schema/row.js';

export type InputSpec =
  | { kind: 'flags'; cells: string[]; header: HeaderMap }
  | { kind: 'file'; path: string; /** --sheet: the sheet of an .xlsx workbook */ sheet?: string | undefined }
  | { kind: 'stdin' };

export interface RowSink {
  header(header: HeaderMap | null): void;
  row(row: Row, cells: string[], header: HeaderMap): void;
  rejected(issue: RowIssue, cells: string[] | null, header: HeaderMap | null): void;
  /** Called after each batch of records; return false to stop reading (the reader went away). */
  afterBatch(): Promise<boolean>;
}

export interface ReadOptions {
  defaults: RowDefaults;
  /** Evaluate every row on this date, ignoring the input's date column. */
  forceDate?: string | undefined;
  /** Redrawn after each batch and erased at the end (see progress.ts). */
  progress?: Progress | null | undefined;
}

export interface ReadSummary {
  inputName: string;
  /** Some row had no date of its own and took the default. */
  usedDefaultDate: boolean;
}

/** How messages name the input: its path, "(stdin)" or "(flags)". */
export function inputNameOf(spec: InputSpec): string {
  return spec.kind === 'file' ? spec.path : spec.kind === 'stdin' ? '(stdin)' : '(flags)';
}

export async function readRows(spec: InputSpec, stdin: Readable, opts: ReadOptions, sink: RowSink): Promise<ReadSummary> {
  if (spec.kind === 'flags') {
    const checker = new RowChecker(opts, sink);
    sink.header(null);
    checker.check(withoutDate(spec.header, opts.forceDate), spec.cells, null, undefined);
    return { inputName: inputNameOf(spec), usedDefaultDate: checker.usedDefaultDate };
  }
  const inputName = inputNameOf(spec);
  if (spec.kind === 'file') {
    const xlsx = await readWorkbookIfOne(spec, inputName, opts, sink);
    if (xlsx !== null) return xlsx;
  }
  const stream = spec.kind === 'file' ? createReadStream(spec.path, { highWaterMark: 65536 }) : stdin;
  try {
    const read = await readCsvRows(stream, inputName, opts, sink);
    return { inputName, usedDefaultDate: read.usedDefaultDate };
  } finally {
    opts.progress?.done();
  }
}

/**
 * An .xlsx input (by extension or zip bytes), or null for any other input: its rows go into the sink as CSV
 * records do, with the same header rules and row checks, numbered by sheet row. The reader
 * (io/xlsx-input.ts, with saxes) is loaded only for a workbook.
 */
async function readWorkbookIfOne(spec: InputSpec & { kind: 'file' }, inputName: string, opts: ReadOptions, sink: RowSink): Promise<ReadSummary | null> {
  const kind = sniffFile(spec.path);
  if (kind === 'other') {
    if (spec.sheet !== undefined) throw new UsageError(`--sheet is for an Excel workbook (.xlsx); ${inputName} is not one`);
    return null;
  }
  if (kind === 'ole') throw new InputError(`${inputName}: ${OLE_MESSAGE}`);
  const { readXlsxRecords, XlsxError, isWorkbookZip } = await import('../io/xlsx-input.js');
  // A zip not named .xlsx is read as a workbook only when it holds one; else the CSV reader says what it looks like.
  if (!/\.xls[xm]$/i.test(spec.path) && !(await isWorkbookZip(spec.path))) {
    if (spec.sheet !== undefined) throw new UsageError(`--sheet is for an Excel workbook (.xlsx); ${inputName} is not one`);
    return null;
  }
  const checker = new RowChecker(opts, sink);
  let header: HeaderMap | null = null;
  let records = 0;
  try {
    for await (const batch of readXlsxRecords(spec.path, inputName, { sheet: spec.sheet })) {
      for (const rec of batch) {
        if (header === null) {
          const h = readHeader(rec.cells);
          if (!h.ok) {
            const where = `${inputName}${spec.sheet === undefined ? '' : ` sheet "${spec.sheet}"`} row ${rec.line}`;
            throw new InputError(`${where}${h.problem.column ? `, column "${showInputText(h.problem.column, 40)}"` : ''}: ${h.problem.message}`);
          }
          header = withoutDate(h.header, opts.forceDate);
          sink.header(header);
          continue;
        }
        records++;
        checker.check(header, rec.cells, rec.line, rec.problem);
      }
      if (!(await sink.afterBatch())) break;
      opts.progress?.tick(records);
    }
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError(e.message);
    throw inputError(e, inputName);
  } finally {
    opts.progress?.done();
  }
  return { inputName, usedDefaultDate: checker.usedDefaultDate };
}

const OLE_MESSAGE =
  'is a password-protected (encrypted) workbook or an old-format .xls file, which tariff cannot read: in Excel, remove the password (File > Info > Protect Workbook) and save as .xlsx, or save the sheet as CSV';

/**
 * Reads the CSV records of a stream into the sink: the header from the first
 * record. Errors name the input.
 */
export async function readCsvRows(
  stream: Readable,
  inputName: string,
  opts: ReadOptions,
  sink: RowSink,
): Promise<{ usedDefaultDate: boolean; records: number }> {
  const checker = new RowChecker(opts, sink);
  let header: HeaderMap | null = null;
  let records = 0;
  const csv = inputName.startsWith('(') ? {} : { name: inputName };
  try {
    for await (const batch of readCsvRecords(stream, csv)) {
      for (const rec of batch) {
        if (header === null) {
          const h = readHeader(rec.cells);
          if (!h.ok) throw new InputError(headerError(inputName, rec.line, rec.cells, h.problem));
          header = withoutDate(h.header, opts.forceDate);
          sink.header(header);
          continue;
        }
        records++;
        checker.check(header, rec.cells, rec.line, rec.problem);
      }
      if (!(await sink.afterBatch())) {
        stream.destroy();
        break;
      }
      opts.progress?.tick(records);
    }
  } catch (e) {
    throw inputError(e, inputName);
  }
  if (header === null) throw new InputError(`${inputName}: empty input; expected a CSV header line (e.g. id,hts,value,date) and rows`);
  return { usedDefaultDate: checker.usedDefaultDate, records };
}

/** A read error as the user should see it, naming the input. */
export function inputError(e: unknown, inputName: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${inputName}: file not found`);
  if (code === 'EISDIR') return new InputError(`${inputName}: is a directory, not a CSV file`);
  if (code === 'EACCES') return new InputError(`${inputName}: permission denied`);
  if (e instanceof NotCsvError) return new InputError(`${inputName}: ${e.message}`);
  return e;
}

/**
 * A header that cannot be used, as the user should see it: the text from the file shown escaped and cut short (a
 * binary file once echoed 900 raw bytes here), and a hint when the separator is not a comma.
 */
function headerError(inputName: string, line: number, cells: string[], problem: { column: string | null; message: string }): string {
  const where = `${inputName} line ${line}${problem.column !== null ? `, column "${showInputText(problem.column, 40)}"` : ''}`;
  if (cells.length === 1) {
    const text = cells[0]!;
    for (const [sep, name, shown] of [[';', 'semicolons (";")', ';'], ['\t', 'tabs', '\\t'], ['|', 'bars ("|")', '|']] as const) {
      if (text.split(sep).length >= 3) {
        return `${where}: the header "${showInputText(text)}" has no commas and looks separated by ${name}; tariff reads comma-separated CSV: export it with commas (in Excel: "CSV UTF-8 (Comma delimited)"), or convert it, e.g. tr '${shown}' ',' < ${inputName.startsWith('(') ? 'FILE' : inputName} (when no field contains a comma)`;
      }
    }
  }
  return `${where}: ${problem.message.replace(/\(found: (.*)\)$/s, (_m, found: string) => `(found: ${showInputText(found)})`)}`;
}

/** Checks one data record against the header: every record ends in exactly one call of the sink, row or rejected. */
export class RowChecker {
  /** Some row had no date of its own and took the default. */
  usedDefaultDate = false;
  readonly #defaults: RowDefaults;

  constructor(
    private readonly opts: ReadOptions,
    private readonly sink: RowSink,
  ) {
    this.#defaults = opts.forceDate === undefined ? opts.defaults : { ...opts.defaults, date: opts.forceDate };
  }

  check(header: HeaderMap, cells: string[], line: number | null, problem: string | undefined): void {
    const sink = this.sink;
    if (problem !== undefined) return sink.rejected({ line, field: '(row)', reason: problem }, cells, header);
    const read = readRow(cells, line, header, this.#defaults);
    if (!read.ok) {
      // A carriage return not followed by a line feed joins two records into one (QA-2026-12 #14): say so.
      if (read.issue.field === '(row)' && cells.some((c) => c.includes('\r'))) {
        return sink.rejected({ ...read.issue, reason: `${read.issue.reason}; the line holds a carriage return (CR) that is not a line end here: save the file with LF or CRLF line ends` }, cells, header);
      }
      return sink.rejected(read.issue, cells, header);
    }
    if (this.opts.forceDate === undefined && !this.usedDefaultDate && (header.index.date === undefined || cells[header.index.date]!.trim() === '')) {
      this.usedDefaultDate = true;
    }
    sink.row(read.row, cells, header);
  }
}

/** With a forced date, the input's date column is ignored (kept as a passthrough-free, unchecked column). */
function withoutDate(header: HeaderMap, forceDate: string | undefined): HeaderMap {
  if (forceDate === undefined || header.index.date === undefined) return header;
  const index = { ...header.index };
  delete index.date;
  return { ...header, index };
}

export function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

/** The column a refusal is about, as the user named it. */
export function columnName(header: HeaderMap, field: string): string {
  const i = header.index[field as keyof HeaderMap['index']];
  return i === undefined ? field : header.names[i]!;
}
