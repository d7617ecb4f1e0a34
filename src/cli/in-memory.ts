/**
 * Running the CLI's own program in the process, with in-memory streams: the
 * library entry (src/index.ts) and `tariff mcp` use it, so that they compute,
 * check their arguments and word their errors exactly as the commands do.
 */
import { Readable, Writable } from 'node:stream';
import { InputError } from '../errors.js';
import type { CliIo } from './io.js';
// Types only: the bundle keeps main.ts in the entry chunk when nothing else imports it (the CLI's start-up).
import type { main } from './main.js';

/** A writable that keeps what is written. */
export class MemoryOut extends Writable {
  readonly #chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    cb();
  }
  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}

export interface InMemoryRun {
  /** The exit code the command line would have given. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface InMemoryOptions {
  /** What the command reads as stdin (default: nothing). */
  stdin?: Readable | undefined;
  /** The entry date of rows without one, YYYY-MM-DD (the CLI's today). */
  today: string;
}

export function memoryIo(o: InMemoryOptions): { io: CliIo; stdout: MemoryOut; stderr: MemoryOut } {
  const stdout = new MemoryOut();
  const stderr = new MemoryOut();
  // Not a terminal: no colour, no progress line; the environment is not the caller's (no NO_COLOR, TARIFF_* tuning).
  const io: CliIo = { stdin: o.stdin ?? Readable.from([]), stdout, stderr, env: {}, today: o.today };
  return { io, stdout, stderr };
}

/** Runs `tariff ARGV` as the command line would, messages and exit code included. Never throws. */
export async function runInMemory(cli: typeof main, argv: string[], o: InMemoryOptions): Promise<InMemoryRun> {
  const { io, stdout, stderr } = memoryIo(o);
  const code = await cli(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** One import, named like the CSV columns. Money as a string ("1500.00"); a number is taken as written by String(). */
export interface ImportRow {
  value: string | number;
  hts?: string | null | undefined;
  category?: string | null | undefined;
  /** Entry date YYYY-MM-DD. */
  date?: string | null | undefined;
  origin?: string | null | undefined;
  mfn_rate?: string | number | null | undefined;
  id?: string | null | undefined;
  entry?: string | null | undefined;
  mode?: string | null | undefined;
  quantity?: string | number | null | undefined;
  unit?: string | null | undefined;
  us_content?: string | number | null | undefined;
  metal_value?: string | number | null | undefined;
  loaded?: string | null | undefined;
  /** "yes" or "no": a part of a passenger vehicle or light truck (U.S. note 33(f)); absent: not given. */
  auto_part?: string | null | undefined;
  /** Special program claimed (General Note 3(c)): JP, KR, S, S+, C; see the README's `spi` column. */
  spi?: string | null | undefined;
  /** Found transshipped to evade duties: "yes" or "no" (also true/false, y/n, 1/0). */
  transshipped?: string | null | undefined;
  /** Impact inputs (README "From duty to impact"): money as strings, margin in percent. */
  unit_price?: string | number | null | undefined;
  margin?: string | number | null | undefined;
  unit_cost?: string | number | null | undefined;
  freight?: string | number | null | undefined;
  insurance?: string | number | null | undefined;
  other_costs?: string | number | null | undefined;
  /** Any other column: passed through to the line's `columns`. */
  [column: string]: string | number | null | undefined;
}

export type Rows = Iterable<ImportRow> | AsyncIterable<ImportRow>;

/**
 * The rows as CSV text, streamed: the header from `columns`, else from the keys
 * of an array's rows, else from the first row's keys. Line numbers in results
 * are those of this CSV: row i (from 0) is line i + 2, unless a cell holds a
 * line break.
 */
/** A CSV cell, quoted when it must be (RFC 4180). Not render/cells.ts's csvCell: importing it would split the bundle's calc chunk. */
function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function* rowsCsv(rows: Rows, columns: string[] | undefined): AsyncGenerator<string> {
  let header = columns;
  if (header === undefined && Array.isArray(rows)) header = [...new Set((rows as ImportRow[]).flatMap((r) => Object.keys(r)))];
  let index = 0;
  for await (const row of rows as AsyncIterable<ImportRow>) {
    if (header === undefined) {
      header = Object.keys(row);
      yield `${header.map(csvCell).join(',')}\n`;
    } else if (index === 0) yield `${header.map(csvCell).join(',')}\n`;
    for (const k of Object.keys(row)) {
      if (!header.includes(k)) throw new InputError(`row ${index + 1} has a column "${k}" that the first row has not; give the columns option`);
    }
    yield `${header.map((k) => csvCell(cellText(row[k]))).join(',')}\n`;
    index++;
  }
  // No rows: a header alone (the rows' columns, else the two a CSV needs at least) computes to empty totals.
  if (index === 0) yield `${(header !== undefined && header.length > 0 ? header : ['value', 'hts']).map(csvCell).join(',')}\n`;
}

function cellText(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : v;
}
