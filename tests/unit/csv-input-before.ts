// The CSV reader as it was before the linear-time rewrite (commit 8ecd2b9), kept as the oracle the new one is held equal to.
// Quadratic on a stray quote, so only ever given small inputs.
/**
 * Streaming CSV records with their physical line numbers.
 *
 * Parsing is papaparse's (chosen by measurement: see README "Performance");
 * this module only feeds it the input chunk by chunk, the way papaparse's own
 * ChunkStreamer does (parse the pending text, keep the unfinished last record
 * for the next chunk), so that the caller can `await` between batches and
 * output back-pressure reaches the input.
 *
 * Line numbers: a record starts on the line after the previous record, and
 * spans one line plus the line breaks inside its (quoted) fields, so quoted
 * newlines never shift later line numbers. Blank lines are skipped but
 * counted.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

export interface CsvRecord {
  /** Physical line where the record starts; the header is line 1 when the file starts with it. */
  line: number;
  cells: string[];
  /** A quoting problem papaparse found in this record. */
  problem?: string;
}

/** A record still unfinished after this much text is a quote that never closes. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Measured: 32 KiB slices run 1.7x faster than 1 MiB ones (garbage collection), with less memory. */
const SLICE_CHARS = 32 * 1024;

const CONFIG = { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"' } as const;

/** Line breaks inside a record's cells (quoted fields): how many lines past its first the record spans. */
export function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) n++;
  return n;
}

interface PapaResult {
  data: string[][];
  errors: { type: string; code: string; message: string; row?: number }[];
  meta: { cursor: number };
}

/** papaparse is loaded on first use, so a one-import run does not pay for it at start-up. */
let papa: typeof import('papaparse') | undefined;
const require = createRequire(import.meta.url);

/** Where the text starts, for reading a part of an input (see parallel.ts); and what reading it met. */
export interface CsvReadOptions {
  /** Physical line of the first byte (1). */
  startLine?: number;
  /** False when the text continues an input after a record boundary: no byte order mark is looked for. */
  atStart?: boolean;
  /** Counted while reading: records cut for a quoting problem, and text left unfinished when the input ended. */
  stats?: CsvReadStats;
}

export interface CsvReadStats {
  quoteProblems: number;
  /** Characters of the last record still open at the end (0 when the text ends on a record boundary). */
  leftover: number;
}

export async function* readCsvRecords(stream: Readable, opts: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  papa ??= require('papaparse') as typeof import('papaparse');
  const Papa = papa;
  stream.setEncoding('utf8');
  let pending = '';
  let line = opts.startLine ?? 1;
  let first = opts.atStart ?? true;
  const stats = opts.stats;

  const emit = (out: CsvRecord[], cells: string[], problem: string | undefined, badBytes: boolean) => {
    const start = line;
    line += 1 + countNewlines(cells);
    if (first) {
      first = false;
      if (cells[0]?.charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1);
    }
    const k = cells.length - 1;
    if (cells[k]!.endsWith('\r')) cells[k] = cells[k]!.slice(0, -1); // CRLF line ends
    if (cells.length === 1 && cells[0] === '' && problem === undefined) return; // a blank line
    // The decoder turns bytes that are not UTF-8 into U+FFFD; such a record is rejected, never computed on guesswork.
    const why = problem ?? (badBytes && cells.some((c) => c.includes('\uFFFD')) ? NOT_UTF8 : undefined);
    out.push(why === undefined ? { line: start, cells } : { line: start, cells, problem: why });
  };

  /**
   * Parses `text`, keeping an unfinished last record in `pending`. A record with a quoting error would
   * swallow the lines after it into one field, so it is cut at its first line break: that line is
   * rejected, and parsing goes on from the next line, so no later row is lost.
   */
  const parse = (text: string, final: boolean, forceCut = false): CsvRecord[] => {
    const out: CsvRecord[] = [];
    const badBytes = text.includes('\uFFFD');
    let rest = text;
    for (;;) {
      const result = new Papa.Parser({ ...CONFIG }).parse(rest, 0, !final) as PapaResult;
      // Text after a closing quote is an error wherever it is; an open quote in the last, unfinished record is not (yet).
      let bad: { row: number; code: string } | null = null;
      for (const e of result.errors) {
        if (e.row === undefined) continue;
        if (e.row < result.data.length || e.code === 'InvalidQuotes') {
          if (bad === null || e.row < bad.row) bad = { row: e.row, code: e.code };
        }
      }
      if (bad === null && forceCut && !final) bad = { row: result.data.length, code: 'TooLong' };
      if (bad !== null && stats !== undefined) stats.quoteProblems++;
      if (bad === null) {
        for (const cells of result.data) emit(out, cells, undefined, badBytes);
        pending = final ? '' : rest.slice(result.meta.cursor);
        return out;
      }
      for (let i = 0; i < bad.row && i < result.data.length; i++) emit(out, result.data[i]!, undefined, badBytes);
      const start = bad.row === 0 ? 0 : (new Papa.Parser({ ...CONFIG, preview: bad.row }).parse(rest, 0, false) as PapaResult).meta.cursor;
      const nl = rest.indexOf('\n', start);
      if (nl < 0 && !final) {
        pending = rest.slice(start); // the bad line is not complete yet
        return out;
      }
      emit(out, [rest.slice(start, nl < 0 ? rest.length : nl)], quoteProblem(bad.code), badBytes);
      forceCut = false;
      rest = nl < 0 ? '' : rest.slice(nl + 1);
      if (rest === '') {
        pending = '';
        return out;
      }
    }
  };

  // Text after the last line break read so far: papaparse is only given whole lines. Cut anywhere else (between
  // a closing quote and the "\r\n" after it, say), a record it would accept is reported as a quoting error.
  let tail = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = tail + chunk;
    const nlInChunk = chunk.lastIndexOf('\n');
    let end = nlInChunk === -1 ? 0 : tail.length + nlInChunk + 1;
    if (end === 0) {
      tail = text;
      // A line longer than MAX_RECORD_CHARS is parsed as it comes, so that a quote left open is still caught.
      if (text.length <= MAX_RECORD_CHARS) continue;
      end = text.length;
    }
    tail = text.slice(end);
    // Small batches keep the rows of a batch short-lived (cheap garbage collection) whatever the source's chunk size:
    // slices of about SLICE_CHARS, each ending just after a line break.
    for (let at = 0; at < end; ) {
      const nl = at + SLICE_CHARS >= end ? -1 : text.indexOf('\n', at + SLICE_CHARS - 1);
      const stop = nl === -1 || nl >= end ? end : nl + 1;
      // A record still open after MAX_RECORD_CHARS is a quote that never closes: its first line is rejected.
      const batch = parse(pending + text.slice(at, stop), false, pending.length > MAX_RECORD_CHARS);
      if (batch.length > 0) yield batch;
      at = stop;
    }
  }
  pending += tail;
  if (pending.length > 0) {
    if (stats !== undefined) stats.leftover = pending.length;
    const batch = parse(pending, true);
    if (batch.length > 0) yield batch;
  }
}

const NOT_UTF8 = 'the record has bytes that are not valid UTF-8; save the file as UTF-8';

function quoteProblem(code: string): string {
  switch (code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed; the line is rejected and the next line read as a new record';
    case 'InvalidQuotes':
      return 'a field has text after its closing quote (write a quote inside a quoted field as ""); the line is rejected and the next line read as a new record';
    case 'TooLong':
      return `a quoted field is still open after ${MAX_RECORD_CHARS / 1024 / 1024} MiB: a quote that never closes; the line is rejected and the next line read as a new record`;
    default:
      return `malformed CSV (${code})`;
  }
}
