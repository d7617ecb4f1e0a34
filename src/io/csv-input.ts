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
import { InputError } from '../errors.js';

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

function countNewlines(cells: readonly string[]): number {
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

export async function* readCsvRecords(stream: Readable, name: string): AsyncGenerator<CsvRecord[]> {
  papa ??= require('papaparse') as typeof import('papaparse');
  const Papa = papa;
  stream.setEncoding('utf8');
  let pending = '';
  let line = 1;
  let first = true;

  const parse = (text: string, final: boolean): CsvRecord[] => {
    const parser = new Papa.Parser({ ...CONFIG });
    const result = parser.parse(text, 0, !final) as PapaResult;
    const problems = new Map<number, string>();
    for (const e of result.errors) {
      if (e.row !== undefined && e.row < result.data.length && !problems.has(e.row)) problems.set(e.row, quoteProblem(e.code));
    }
    pending = final ? '' : text.slice(result.meta.cursor);
    // The decoder turns bytes that are not UTF-8 into U+FFFD; such a record is rejected, never computed on guesswork.
    const badBytes = text.includes('\uFFFD');
    const out: CsvRecord[] = [];
    result.data.forEach((cells, i) => {
      const start = line;
      line += 1 + countNewlines(cells);
      if (first) {
        first = false;
        if (cells[0]?.charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1);
      }
      const k = cells.length - 1;
      if (cells[k]!.endsWith('\r')) cells[k] = cells[k]!.slice(0, -1); // CRLF line ends
      if (cells.length === 1 && cells[0] === '') return; // a blank line
      const problem = problems.get(i) ?? (badBytes && cells.some((c) => c.includes('\uFFFD')) ? NOT_UTF8 : undefined);
      out.push(problem === undefined ? { line: start, cells } : { line: start, cells, problem });
    });
    return out;
  };

  for await (const chunk of stream as AsyncIterable<string>) {
    // Small batches keep the rows of a batch short-lived (cheap garbage collection) whatever the source's chunk size.
    for (let at = 0; at < chunk.length; at += SLICE_CHARS) {
      const batch = parse(pending + chunk.slice(at, at + SLICE_CHARS), false);
      if (pending.length > MAX_RECORD_CHARS) {
        if (batch.length > 0) yield batch;
        throw new InputError(
          `${name} line ${line}: a record longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB; most likely a quote that is never closed. ` +
            'The input from this line on was not read.',
        );
      }
      if (batch.length > 0) yield batch;
    }
  }
  if (pending.length > 0) {
    const batch = parse(pending, true);
    if (batch.length > 0) yield batch;
  }
}

const NOT_UTF8 = 'the record has bytes that are not valid UTF-8; save the file as UTF-8';

function quoteProblem(code: string): string {
  switch (code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed, so the rest of the input was read into this record';
    case 'InvalidQuotes':
      return 'a field has text after its closing quote (write a quote inside a quoted field as "")';
    default:
      return `malformed CSV (${code})`;
  }
}
