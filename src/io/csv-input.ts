/**
 * Streaming CSV records with their physical line numbers.
 *
 * Parsing is papaparse's (chosen by measurement: see README "Performance").
 * Before papaparse sees any text, a scanner in this module finds where each
 * record ends and whether its quoting is sound, by the rules papaparse
 * applies (a quote opens a field only at its start; `""` inside a quoted
 * field is a quote; a closing quote is followed by optional whitespace and a
 * comma or a line break). Papaparse is then given runs of whole, well-quoted
 * records, about SLICE_CHARS at a time, so that the caller can `await`
 * between batches and output back-pressure reaches the input.
 *
 * A record with a quoting problem is cut at its first line break: that line
 * is rejected, and reading goes on at the next line, so no later row is lost.
 * The scanner resumes where it stopped when more text comes, and only the
 * lines of a bad record after its first are scanned again, so reading takes
 * time linear in the input (a stray quote early in a large file once cost
 * time quadratic in the file's size: QA-2026-12 #6).
 *
 * A record longer than `maxRecordChars` is rejected as its first line without
 * ever being held whole (QA #3): a quote still open is cut at its first line
 * break; a single line that long is skipped to its end.
 *
 * Line numbers: a record starts on the line after the previous record, and
 * spans one line plus the line breaks inside its (quoted) fields, so quoted
 * newlines never shift later line numbers. Blank lines (empty or whitespace
 * only) are skipped but counted.
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SNIFF_BYTES, sniffInput, type Sniffed } from './sniff.js';

export interface CsvRecord {
  /** Physical line where the record starts; the header is line 1 when the file starts with it. */
  line: number;
  cells: string[];
  /** A quoting problem (or an over-long line) found in this record. */
  problem?: string;
}

/**
 * A record still unfinished after this many characters is rejected (a quote that never closes, or a line that
 * long). No field of tariff data comes near it; the reader holds at most about this much of one record, so it
 * also bounds memory (a file with a quote that never closes peaked at 194 MB with 16 MiB).
 */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** Measured: 32 KiB slices run 1.7x faster than 1 MiB ones (garbage collection), with less memory. */
const SLICE_CHARS = 32 * 1024;

/** How far the scanner skips through quote-free lines at a time (so papaparse is given runs of about a slice). */
const STEP_CHARS = SLICE_CHARS;

/** The next quote's position is not known; there is none in the text. */
const UNKNOWN = -1;
const NONE = -2;

/** A rejected over-long line keeps this much of its start, for the report. */
const SHOWN_CHARS = 200;

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

/** Where the text starts (a part of an input, in tests of the reader); and what reading it met. */
export interface CsvReadOptions {
  /** Physical line of the first byte (1). */
  startLine?: number;
  /** False when the text continues an input after a record boundary: no byte order mark or file type is looked for. */
  atStart?: boolean;
  /** Counted while reading: records cut for a quoting problem, and text left unfinished when the input ended. */
  stats?: CsvReadStats;
  /** The file's name, for the advice when it is not CSV text (see sniff.ts). */
  name?: string;
  /** The longest record read (MAX_RECORD_CHARS); smaller in tests. */
  maxRecordChars?: number;
}

export interface CsvReadStats {
  quoteProblems: number;
  /** Characters of the last record still open at the end (0 when the text ends on a record boundary). */
  leftover: number;
  /** Work done, in characters: scanned by the record scanner (again after a cut) plus given to papaparse. */
  work?: number;
}

/** The input is not CSV text (a zip, gzip, UTF-16...): what it looks like and what to do. */
export class NotCsvError extends Error {
  constructor(readonly sniffed: Sniffed) {
    super(sniffed.message);
    this.name = 'NotCsvError';
  }
}

export async function* readCsvRecords(stream: Readable, opts: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  papa ??= require('papaparse') as typeof import('papaparse');
  const splitter = new CsvSplitter(papa, opts);
  const decoder = new StringDecoder('utf8');
  // The first bytes say whether this is CSV text at all; a pipe may deliver them a few at a time.
  let head: Buffer[] | null = (opts.atStart ?? true) ? [] : null;
  let headBytes = 0;
  const sniff = () => {
    const first = Buffer.concat(head!);
    head = null;
    const s = sniffInput(first.subarray(0, SNIFF_BYTES), opts.name);
    if (s !== null) throw new NotCsvError(s);
    return decoder.write(first);
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let text: string;
    if (head !== null) {
      head.push(bytes);
      headBytes += bytes.length;
      if (headBytes < SNIFF_BYTES) continue;
      text = sniff();
    } else text = decoder.write(bytes);
    yield* pushInSlices(splitter, text);
  }
  let text = head !== null ? sniff() : '';
  text += decoder.end();
  yield* pushInSlices(splitter, text);
  yield* splitter.batches(true);
}

/** A large chunk is given a slice at a time, so its records are not all alive at once. */
function* pushInSlices(splitter: CsvSplitter, text: string): Generator<CsvRecord[]> {
  const step = STEP_CHARS;
  for (let at = 0; at < text.length; at += step) {
    splitter.push(text.length <= step ? text : text.slice(at, at + step));
    yield* splitter.batches(false);
  }
}

// Scanner states, within the record that starts at `recStart`.
const REC = 0; // at a record boundary
const FS = 1; // at the start of a field
const UQ = 2; // in an unquoted field
const Q = 3; // in a quoted field
const QQ = 4; // just after a quote in a quoted field: an escaped quote, or the closing one
const QW = 5; // whitespace after a closing quote
const BAD = 6; // a quoting problem: the record's first line is rejected once its line break is read

/** Whitespace papaparse allows between a closing quote and what follows (what String.prototype.trim removes). */
function isTrimSpace(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const NL = 0x0a;
const COMMA = 0x2c;
const QUOTE = 0x22;

/** Splits text into CSV records, chunk by chunk (see the file comment). */
export class CsvSplitter {
  readonly #papa: typeof import('papaparse');
  readonly #max: number;
  readonly #stats: CsvReadStats | undefined;
  #line: number;
  #first: boolean;
  /** Text from the first record not yet given to papaparse; `#waiting` holds text that came after it. */
  #buf = '';
  #waiting: string[] = [];
  #waitingLen = 0;
  /** Start of the records not yet given to papaparse; end of the whole, well-quoted ones after it. */
  #runStart = 0;
  #goodEnd = 0;
  /** The record being scanned: where it starts, how far it is scanned, the scanner's state, and its problem. */
  #recStart = 0;
  #pos = 0;
  #state = REC;
  #problem = '';
  /** Skipping the rest of an over-long line (already reported). */
  #skipping = false;
  #badBytes = false;
  /** The first quote at or after where it was looked for (UNKNOWN, or NONE in the text). */
  #quote = UNKNOWN;

  constructor(Papa: typeof import('papaparse'), opts: CsvReadOptions) {
    this.#papa = Papa;
    this.#max = opts.maxRecordChars ?? MAX_RECORD_CHARS;
    this.#stats = opts.stats;
    this.#line = opts.startLine ?? 1;
    this.#first = opts.atStart ?? true;
  }

  /** Takes more text; `batches(false)` then gives the records it completed. */
  push(text: string): void {
    if (this.#skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      this.#skipping = false;
      text = text.slice(nl + 1);
    }
    if (text === '') return;
    this.#waiting.push(text);
    this.#waitingLen += text.length;
  }

  /**
   * The records completed so far (all of them, at the end of the input, when `final`), a few batches at a time:
   * a large text (or the lines read again after a bad record) never has all its records alive at once.
   */
  *batches(final: boolean): Generator<CsvRecord[]> {
    if (!final && this.#waitingLen === 0) return;
    if (!final && this.#buf.length - this.#runStart + this.#waitingLen <= this.#max && this.#canWait()) return;
    this.#take();
    if (final && this.#skipping) return;
    for (;;) {
      const done = this.#scan(false);
      yield* this.#drain();
      if (done) break;
    }
    if (!final) return;
    // Text after the last record boundary: a last line with no line break, or a record still open.
    if (this.#stats !== undefined) this.#stats.leftover = this.#buf.length - this.#recStart;
    for (;;) {
      const done = this.#scan(true);
      yield* this.#drain();
      if (done) break;
    }
  }

  #out: CsvRecord[][] = [];
  /** Chunks of `#waiting` already looked at by #canWait. */
  #waitingChecked = 0;

  /**
   * Whether the text waiting can stay unjoined: it cannot end the open record (no quote while in a quoted field,
   * no line break otherwise), or it is shorter than the text already open (so joining stays linear). A quote that
   * never closes then costs one join at the limit, not one per chunk.
   */
  #canWait(): boolean {
    const open = this.#buf.length - this.#runStart;
    if (this.#waitingLen < open) return true;
    const state = this.#state;
    if (state === QQ || state === QW || (state === Q && this.#pos < this.#buf.length)) return false;
    const wanted = state === Q ? '"' : '\n';
    for (; this.#waitingChecked < this.#waiting.length; this.#waitingChecked++) {
      if (this.#waiting[this.#waitingChecked]!.includes(wanted)) return false;
    }
    return true;
  }

  *#drain(): Generator<CsvRecord[]> {
    const out = this.#out;
    this.#out = [];
    yield* out;
  }

  /** Joins the text waiting onto what is not yet given to papaparse. */
  #take(): void {
    if (this.#waitingLen === 0) return;
    const keep = this.#runStart;
    const joined = this.#waiting.length === 1 ? this.#waiting[0]! : this.#waiting.join('');
    this.#buf = keep === 0 ? this.#buf + joined : this.#buf.slice(keep) + joined;
    this.#runStart -= keep;
    this.#goodEnd -= keep;
    this.#recStart -= keep;
    this.#pos -= keep;
    this.#quote = this.#quote >= 0 ? this.#quote - keep : UNKNOWN;
    this.#waiting = [];
    this.#waitingLen = 0;
    this.#waitingChecked = 0;
    if (!this.#badBytes && joined.includes('\uFFFD')) this.#badBytes = true;
  }

  #work(n: number): void {
    if (this.#stats !== undefined) this.#stats.work = (this.#stats.work ?? 0) + n;
  }

  #scan(final: boolean): boolean {
    const buf = this.#buf;
    const len = buf.length;
    let pos = this.#pos;
    let state = this.#state;
    // Work: characters scanned, counted again when a bad record's later lines are scanned again.
    let scanFrom = pos;
    let rescanned = 0;
    for (;;) {
      if (state === REC) {
        if (this.#out.length >= 4) {
          // Enough records for now: the caller takes them, then calls again (see batches()).
          this.#work(rescanned + pos - scanFrom);
          this.#pos = pos;
          this.#state = REC;
          return false;
        }
        // Whole lines without a quote are whole, well-quoted records: skip to the line holding the next quote,
        // a step of about STEP_CHARS at a time.
        this.#recStart = pos;
        if (this.#quote === UNKNOWN || (this.#quote !== NONE && this.#quote < pos)) {
          const at = buf.indexOf('"', pos);
          this.#quote = at === -1 ? NONE : at;
        }
        const q = this.#quote === NONE ? len : this.#quote;
        const lastNl = q === 0 ? -1 : buf.lastIndexOf('\n', q - 1);
        if (lastNl >= pos) {
          let end = lastNl + 1;
          if (end - pos > STEP_CHARS) {
            const step = buf.lastIndexOf('\n', pos + STEP_CHARS - 1);
            if (step >= pos) end = step + 1;
          }
          pos = this.#lines(pos, end);
          continue;
        }
        if (q === len) {
          if (final && pos < len) pos = this.#lines(pos, len);
          break;
        }
        state = FS;
      }
      if (pos >= len) break;
      const c = buf.charCodeAt(pos);
      switch (state) {
        case FS:
          if (c === QUOTE) {
            state = Q;
            pos++;
          } else state = UQ;
          break;
        case UQ: {
          const nl = buf.indexOf('\n', pos);
          const comma = buf.indexOf(',', pos);
          if (nl !== -1 && (comma === -1 || nl < comma)) {
            const at = this.#ended(nl + 1);
            if (at <= pos) {
              rescanned += pos - scanFrom;
              scanFrom = at;
            }
            pos = at;
            state = REC;
          } else if (comma !== -1) {
            pos = comma + 1;
            state = FS;
          } else pos = len;
          break;
        }
        case Q: {
          const q = buf.indexOf('"', pos);
          if (q === -1) pos = len;
          else {
            pos = q + 1;
            state = QQ;
          }
          break;
        }
        case QQ:
        case QW:
          if (c === COMMA) {
            pos++;
            state = FS;
          } else if (c === NL) {
            const at = this.#ended(pos + 1);
            if (at <= pos) {
              rescanned += pos - scanFrom;
              scanFrom = at;
            }
            pos = at;
            state = REC;
          } else if (isTrimSpace(c)) {
            pos++;
            state = QW;
          } else if (c === QUOTE && state === QQ) {
            pos++;
            state = Q;
          } else {
            this.#problem = 'InvalidQuotes';
            state = BAD;
          }
          break;
        case BAD: {
          // The record's first line is rejected; reading goes on at the next line.
          const nl = buf.indexOf('\n', this.#recStart);
          if (nl === -1) {
            pos = len;
            break;
          }
          this.#reject(nl);
          rescanned += pos - scanFrom;
          pos = scanFrom = nl + 1;
          state = REC;
          break;
        }
      }
    }
    // The end of the text: a record still open.
    if (final) {
      const open = state !== REC && this.#recStart < len;
      if (open && (state === Q || state === QW || state === BAD)) {
        if (state === Q) this.#problem = 'MissingQuotes';
        else if (state === QW) this.#problem = 'InvalidQuotes';
        const nl = buf.indexOf('\n', this.#recStart);
        this.#reject(nl === -1 ? len : nl);
        this.#work(rescanned + pos - scanFrom);
        // Lines after the first of the bad record are read again.
        this.#state = REC;
        this.#pos = nl === -1 ? len : nl + 1;
        if (this.#pos < len) return false;
      } else {
        this.#work(rescanned + pos - scanFrom);
        const at = open ? this.#ended(len) : len;
        if (at < len) {
          // An over-long last record: its first line rejected, the lines after it read again.
          this.#state = REC;
          this.#pos = at;
          return false;
        }
      }
      this.#flush(len);
      this.#buf = '';
      return true;
    }
    this.#work(rescanned + pos - scanFrom);
    this.#pos = pos;
    this.#state = state;
    this.#flush(this.#goodEnd);
    // A record longer than the limit: its first line is rejected, now, without waiting for the rest of it.
    if (len - this.#recStart > this.#max) {
      const nl = buf.indexOf('\n', this.#recStart);
      if (nl !== -1) {
        if (state !== BAD) this.#problem = nl - this.#recStart > this.#max ? 'LineTooLong' : 'TooLong';
        this.#reject(nl);
        this.#pos = nl + 1;
        this.#state = REC;
        return false;
      }
      // Its first line is not ended yet: rejected now, and skipped to its end as it comes.
      this.#problem = 'LineTooLong';
      this.#skipping = true;
      this.#reject(len);
      this.#buf = '';
      this.#runStart = this.#goodEnd = this.#recStart = this.#pos = 0;
      this.#state = REC;
    }
    return true;
  }

  /**
   * Lines from `from` to `end` (just after a line break, or the end of the input) hold no quote: whole records,
   * except a line longer than the limit, rejected. Returns `end`.
   */
  #lines(from: number, end: number): number {
    if (end - from > this.#max) {
      const buf = this.#buf;
      for (let s = from; s < end; ) {
        const e = buf.indexOf('\n', s);
        const stop = e === -1 || e >= end ? end : e;
        if (stop - s > this.#max) {
          this.#good(s);
          this.#problem = 'LineTooLong';
          this.#reject(stop);
        }
        s = stop + 1;
      }
    }
    this.#good(end);
    return end;
  }

  /**
   * The record at `#recStart` ends at `end` (after its line break, or at the end of the input). One longer than
   * the limit is rejected as its first line, and reading goes on at the next line: returns where.
   */
  #ended(end: number): number {
    const buf = this.#buf;
    const last = end > 0 && buf.charCodeAt(end - 1) === NL ? end - 1 : end;
    if (last - this.#recStart <= this.#max) {
      this.#good(end);
      return end;
    }
    const nl = buf.indexOf('\n', this.#recStart);
    const first = nl === -1 || nl > last ? last : nl;
    this.#problem = first - this.#recStart > this.#max ? 'LineTooLong' : 'TooLong';
    this.#reject(first);
    return Math.min(first + 1, end);
  }

  /**
   * Records up to `end` (a record boundary) are whole and well quoted; given to papaparse once there are about
   * SLICE_CHARS of them (the scanner steps through quote-free text a slice at a time, so runs stay near that size).
   */
  #good(end: number): void {
    this.#goodEnd = end;
    this.#recStart = end;
    if (end - this.#runStart >= SLICE_CHARS) this.#flush(end);
  }

  /**
   * Gives the records from `#runStart` to `end`, a record boundary, to papaparse in one run: cut anywhere else (at
   * a line break inside a quoted field), a long record would be parsed again with each slice after it.
   */
  #flush(end: number): void {
    const at = this.#runStart;
    if (at >= end) return;
    const buf = this.#buf;
    const batch = this.#parseRun(buf.slice(at, end), end === buf.length && !buf.endsWith('\n'));
    if (batch.length > 0) this.#out.push(batch);
    this.#runStart = end;
  }

  /**
   * Papaparse over whole, well-quoted records. A record papaparse still finds unfinished at the end of a run (it
   * should not: runs end at record boundaries) is carried to the next; any error papaparse still reports is
   * handled as the scanner would (the record's first line rejected), so the scanner's view is checked, not trusted.
   */
  #parseRun(text: string, atEof: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let rest = this.#carry + text;
    this.#carry = '';
    const badBytes = this.#badBytes && rest.includes('\uFFFD');
    for (;;) {
      this.#work(rest.length);
      const result = new this.#papa.Parser({ ...CONFIG }).parse(rest, 0, !atEof) as PapaResult;
      let bad: { row: number; code: string } | null = null;
      for (const e of result.errors) {
        if (e.row === undefined) continue;
        if (bad === null || e.row < bad.row) bad = { row: e.row, code: e.code };
      }
      if (bad === null) {
        for (const cells of result.data) this.#emit(out, cells, undefined, badBytes);
        if (!atEof) this.#carry = rest.slice(result.meta.cursor);
        return out;
      }
      for (let i = 0; i < bad.row && i < result.data.length; i++) this.#emit(out, result.data[i]!, undefined, badBytes);
      const start = bad.row === 0 ? 0 : (new this.#papa.Parser({ ...CONFIG, preview: bad.row }).parse(rest, 0, false) as PapaResult).meta.cursor;
      const nl = rest.indexOf('\n', start);
      if (this.#stats !== undefined) this.#stats.quoteProblems++;
      this.#emit(out, [rest.slice(start, nl < 0 ? rest.length : nl)], quoteProblem(bad.code, this.#max), badBytes);
      rest = nl < 0 ? '' : rest.slice(nl + 1);
      if (rest === '') return out;
    }
  }

  #carry = '';

  /** Rejects the first line of the record at `#recStart`, which ends at `nl` (a line break, or the end of the text). */
  #reject(nl: number): void {
    this.#flush(this.#recStart);
    this.#quote = UNKNOWN; // reading goes on before where it was looked for
    const buf = this.#buf;
    if (this.#stats !== undefined) this.#stats.quoteProblems++;
    let text = buf.slice(this.#recStart, nl);
    if (text.length > SHOWN_CHARS && (this.#problem === 'TooLong' || this.#problem === 'LineTooLong')) text = `${text.slice(0, SHOWN_CHARS)}…`;
    const batch: CsvRecord[] = [];
    this.#emit(batch, [text], quoteProblem(this.#problem, this.#max), this.#badBytes);
    this.#out.push(batch);
    this.#runStart = this.#goodEnd = this.#recStart = Math.min(nl + 1, buf.length);
  }

  #emit(out: CsvRecord[], cells: string[], problem: string | undefined, badBytes: boolean): void {
    const start = this.#line;
    this.#line += 1 + countNewlines(cells);
    if (this.#first) {
      this.#first = false;
      if (cells[0]?.charCodeAt(0) === 0xfeff) cells[0] = cells[0].slice(1);
    }
    const k = cells.length - 1;
    if (cells[k]!.endsWith('\r')) cells[k] = cells[k]!.slice(0, -1); // CRLF line ends
    if (cells.length === 1 && problem === undefined && cells[0]!.trim() === '') return; // a blank line (QA #28: whitespace only too)
    // The decoder turns bytes that are not UTF-8 into U+FFFD; such a record is rejected, never computed on guesswork.
    const why = problem ?? (badBytes && cells.some((c) => c.includes('\uFFFD')) ? NOT_UTF8 : undefined);
    out.push(why === undefined ? { line: start, cells } : { line: start, cells, problem: why });
  }
}

const NOT_UTF8 = 'the record has bytes that are not valid UTF-8; save the file as UTF-8';

function quoteProblem(code: string, max: number): string {
  switch (code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed; the line is rejected and the next line read as a new record';
    case 'InvalidQuotes':
      return 'a field has text after its closing quote (write a quote inside a quoted field as ""); the line is rejected and the next line read as a new record';
    case 'TooLong':
      return `a quoted field is still open after ${sizeText(max)}: a quote that never closes; the line is rejected and the next line read as a new record`;
    case 'LineTooLong':
      return `field longer than ${max} characters (${sizeText(max)}): the line is rejected and reading goes on at the next line`;
    default:
      return `malformed CSV (${code})`;
  }
}

function sizeText(chars: number): string {
  return chars >= 1024 * 1024 && chars % (1024 * 1024) === 0 ? `${chars / 1024 / 1024} MiB` : `${chars} characters`;
}
