/**
 * `tariff calc` on worker threads, for large CSV inputs.
 *
 * The main thread reads the input as bytes and cuts it into parts of whole
 * records (a cut is a line break outside quotes: an even number of quote
 * characters before it); worker threads parse and compute the parts with the
 * same code as a single-threaded run (commands/calc/worker.ts) and send back each
 * part's output bytes and sums (CalcDelta); the main thread writes the parts
 * in input order and merges their sums, so the output is byte for byte that
 * of `--jobs 1`.
 *
 * A part whose reading met a quoting problem (or ended inside a record) is not
 * trusted: a broken quote makes the reader resynchronise at a line break that
 * the cut may not have foreseen. From that part on, the rest of the input is
 * read on the main thread, as a single-threaded run would.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { CalcDelta } from './commands/calc/lines.js';
import type { EngineRequest } from '../io/load.js';
import { countNewlines, readCsvRecords } from '../io/csv-input.js';
import { readHeader, type HeaderMap, type RowDefaults } from '../schema/row.js';
import { inputError, inputNameOf, readCsvRows, type InputSpec, type ReadOptions, type ReadSummary, type RowSink } from './input.js';
import type { Fragment } from './render/calc/reporters.js';

/** What every worker is started with. */
export interface WorkerInit {
  engine: EngineRequest;
  format: 'csv' | 'json' | 'ndjson';
  raw: boolean;
  explain: boolean;
  refunds: boolean;
  /** Customs fees asked for (not --no-fees). */
  fees: boolean;
  defaults: RowDefaults;
  header: HeaderMap;
  inputName: string;
}

export interface PartRequest {
  id: number;
  bytes: Uint8Array;
  /** Physical line of the part's first byte (parts start after the header record). */
  startLine: number;
  /** The last part of the input (it may end without a line break). */
  last: boolean;
}

export interface PartResult extends Fragment {
  id: number;
  /** No quoting problem, and the part ended on a record boundary: its records are those of a single-threaded run. */
  clean: boolean;
  /** Data records read. */
  records: number;
  usedDefaultDate: boolean;
  delta: CalcDelta;
}

export interface ParallelPlan {
  jobs: number;
  /** Bytes per part (a part ends at the last record boundary within them, or the first after a long record). */
  partBytes: number;
  init: Omit<WorkerInit, 'header' | 'inputName'>;
  /** The worker thread's module (beside its command, in dist/cli/ and in dist/bundle/ alike). */
  worker: URL;
  /** Told how the input was shared out (TARIFF_TRACE_PARTS, for tests). */
  trace?: ((s: string) => void) | undefined;
}

/** The read size (parts are 256 KiB unless TARIFF_PART_BYTES says otherwise: calc.ts). */
const READ_BYTES = 1 << 20;
/** Inputs up to this many parts (4 MiB by default) are read on the main thread: starting workers costs more than it saves. */
const MIN_PARTS = 16;
/**
 * A record still open after this much is left to the main thread (its reader says what is wrong with it): a
 * stray quote, almost surely, and the cutter holds what it carries (so also a bound on memory).
 */
const MAX_CARRY = 4 << 20;

/** How calc hands its rows to the main thread's reading, and merges what workers did. */
export interface MainSide {
  /** The sink of a single-threaded run (its header() makes the reporter). */
  sink: RowSink;
  /** A worker's part, in input order: its bytes to the output, its sums to the totals. */
  part(r: PartResult): void;
  /** Writes what is buffered; false when the reader went away. */
  flush(): Promise<boolean>;
}

/** A part; `serial` marks where the cutting gave up (a record longer than maxCarry): the rest is read on the main thread. */
export type Part = PartRequest & { serial?: boolean };

export async function readRowsParallel(
  spec: Extract<InputSpec, { kind: 'file' } | { kind: 'stdin' }>,
  stdin: Readable,
  opts: ReadOptions,
  main: MainSide,
  par: ParallelPlan,
): Promise<ReadSummary> {
  const inputName = inputNameOf(spec);
  const source: Readable = spec.kind === 'file' ? createReadStream(spec.path, { highWaterMark: READ_BYTES }) : stdin;
  const it = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const next = async (): Promise<Buffer | null> => {
    try {
      const r = await it.next();
      return r.done ? null : typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    } catch (e) {
      throw inputError(e, inputName);
    }
  };
  /** The input from some point on, as a stream for the single-threaded reader. */
  const streamOf = (first: Buffer[]): Readable =>
    Readable.from(
      (async function* () {
        yield* first;
        for (let b = await next(); b !== null; b = await next()) yield b;
      })(),
      { objectMode: false },
    );

  try {
    // Read ahead: a small input is read on the main thread.
    const head: Buffer[] = [];
    let headBytes = 0;
    let eof = false;
    while (headBytes <= par.partBytes * MIN_PARTS) {
      const b = await next();
      if (b === null) {
        eof = true;
        break;
      }
      head.push(b);
      headBytes += b.length;
    }
    const all = eof ? null : Buffer.concat(head);
    const first = all === null ? null : await firstHeader(all, opts.forceDate);
    if (all === null || first === null) {
      // A small input, or a header that is not right (the single-threaded reader says what is wrong).
      const read = await readCsvRows(streamOf(head), inputName, opts, main.sink);
      return { inputName, usedDefaultDate: read.usedDefaultDate };
    }
    main.sink.header(first.header);
    // The parts start after the header record, at a boundary known from reading it (not from counting quotes).
    return await runParts(all.subarray(first.end), first.endLine + 1, next, streamOf, first.header, inputName, opts, main, par);
  } finally {
    source.destroy();
    opts.progress?.done();
  }
}

async function runParts(
  data: Buffer,
  dataLine: number,
  next: () => Promise<Buffer | null>,
  streamOf: (first: Buffer[]) => Readable,
  header: HeaderMap,
  inputName: string,
  opts: ReadOptions,
  main: MainSide,
  par: ParallelPlan,
): Promise<ReadSummary> {
  const init: WorkerInit = { ...par.init, header, inputName };
  // Loaded here, not at start-up: a run without workers does not pay for the module.
  const { Worker } = await import('node:worker_threads');
  // Started with the first part sent: an input whose cutting gives up at once (a stray quote near its top) is read
  // on the main thread without paying for workers that would do nothing.
  let started = null as Pool | null;
  const pool = () => (started ??= new Pool(par.jobs, par.worker, init, Worker));
  let written = 0;
  const trace = (how: string) => par.trace?.(`${written} parts on ${par.jobs} worker threads${how}`);
  const cutter = new Cutter(par.partBytes, dataLine);
  let usedDefaultDate = false;
  let records = 0;
  try {
    const queued: Part[] = cutter.push([data]);
    let sourceDone = false;
    const sent: Part[] = []; // dispatched, not yet written (kept for a fallback)
    for (;;) {
      // Keep every worker busy with two parts, reading more input as needed.
      while (sent.length < par.jobs * 2 && !(sourceDone && queued.length === 0)) {
        if (queued.length === 0) {
          const b = await next();
          if (b === null) {
            sourceDone = true;
            const last = cutter.end();
            if (last !== null) queued.push(last);
          } else queued.push(...cutter.push([b]));
          continue;
        }
        const p = queued.shift()!;
        if (p.serial) {
          queued.unshift(p);
          break;
        }
        sent.push(p);
        pool().send(p);
      }
      const p = sent[0] ?? queued[0];
      if (p === undefined) break; // all written
      const r = p.serial ? null : await pool().result(p.id);
      if (r === null || !r.clean) {
        // From this part on, the single-threaded reader: its records are the ones to trust.
        await started?.close();
        trace(`, then the main thread from line ${p.startLine}`);
        const rest = [...sent, ...queued].map((x) => Buffer.from(x.bytes.buffer, x.bytes.byteOffset, x.bytes.byteLength));
        rest.push(...cutter.carry());
        const stream = streamOf(rest);
        const read = await readCsvRows(stream, inputName, opts, main.sink, { header, startLine: p.startLine, records });
        return { inputName, usedDefaultDate: usedDefaultDate || read.usedDefaultDate };
      }
      sent.shift();
      written++;
      main.part(r);
      usedDefaultDate ||= r.usedDefaultDate;
      records += r.records;
      if (!(await main.flush())) break;
      opts.progress?.tick(records);
    }
    trace('');
    return { inputName, usedDefaultDate };
  } finally {
    await started?.close();
  }
}

/**
 * The input's header, from its first record, with where that record ends: the byte just after its line break,
 * and that line's number. Null when it is not a valid header, or the record does not end in these bytes.
 */
async function firstHeader(bytes: Buffer, forceDate: string | undefined): Promise<{ header: HeaderMap; end: number; endLine: number } | null> {
  for await (const batch of readCsvRecords(Readable.from([bytes], { objectMode: false }))) {
    const rec = batch[0];
    if (rec === undefined) continue;
    const h = readHeader(rec.cells);
    if (!h.ok || rec.problem !== undefined) return null;
    if (forceDate !== undefined && h.header.index.date !== undefined) return null; // a forced date rewrites the header: left to one thread
    if (h.header.impact === true) return null; // impact figures are summed on one thread (calc-lines.ts)
    // The record starts on line rec.line and ends with the line break that ends line endLine.
    const endLine = rec.line + countNewlines(rec.cells);
    let end = -1;
    for (let n = 0; n < endLine; n++) {
      end = bytes.indexOf(NL, end + 1);
      if (end === -1) return null;
    }
    return { header: h.header, end: end + 1, endLine };
  }
  return null;
}

/**
 * Cuts bytes into parts of whole records: at the last line break in the
 * first `partBytes` that has an even number of quote characters before it
 * (in CSV, a quote inside a quoted field is written twice), or, for a record
 * longer than that, at the first such line break after it.
 *
 * The bytes are scanned once as they come (a line or so again after a cut):
 * one stray quote makes every later line break look quoted, and re-scanning
 * the growing carry on every read made `--jobs 2` quadratic (QA-2026-12 #6).
 * A carry longer than `maxCarry` is such a quote, almost surely: the rest of
 * the input goes to the main thread, whose reader rejects that one line.
 */
export class Cutter {
  #bufs: Buffer[] = [];
  #bytes = 0;
  #line: number;
  #id = 0;
  #stuck = false;
  /** The scan of the bytes not yet in a part: quotes counted before `#quotesTo`; line breaks searched from `#nlFrom`. */
  #quotes = 0;
  #quotesTo = 0;
  #nlFrom = 0;
  /** The next quote at or after `#quotesTo` (-1: none before `#quoteSearched`). */
  #nextQuote = -1;
  #quoteSearched = 0;
  /** Boundaries found: the last within partBytes, the first after them (0: none yet). */
  #lastWithin = 0;
  #firstAfter = 0;
  /** Bytes scanned in all (for tests: linear in the input). */
  scanned = 0;

  /** Bytes pushed start on line `startLine`, at a record boundary. */
  constructor(
    private readonly partBytes: number,
    startLine = 1,
    private readonly maxCarry = MAX_CARRY,
  ) {
    this.#line = startLine;
  }

  push(bufs: Buffer[]): Part[] {
    const parts: Part[] = [];
    for (const b of bufs) {
      this.#bufs.push(b);
      this.#bytes += b.length;
    }
    while (!this.#stuck && this.#bytes >= this.partBytes) {
      const all = this.#bufs.length === 1 ? this.#bufs[0]! : Buffer.concat(this.#bufs);
      this.#bufs = [all];
      this.#scan(all);
      // The last boundary in the first partBytes; past them only for a record longer than a part.
      const cut = this.#lastWithin > 0 ? this.#lastWithin : this.#firstAfter;
      if (cut === 0) {
        if (this.#bytes > this.maxCarry) {
          // A record longer than this is left, with the rest of the input, to the main thread.
          this.#stuck = true;
          parts.push({ id: this.#id++, bytes: new Uint8Array(0), startLine: this.#line, last: false, serial: true });
        }
        break;
      }
      parts.push(this.#part(all.subarray(0, cut), false));
      const rest = all.subarray(cut);
      this.#bufs = rest.length > 0 ? [rest] : [];
      this.#bytes = rest.length;
      // The scan goes on where it stopped. A cut is a boundary (an even number of quotes before it), so the count
      // of quotes keeps its parity; no boundary lies between the last within partBytes and the first after them.
      const after = this.#firstAfter > 0 ? this.#firstAfter - cut : 0;
      this.#lastWithin = after > 0 && after <= this.partBytes ? after : 0;
      this.#firstAfter = after > this.partBytes ? after : 0;
      this.#quotesTo = Math.max(0, this.#quotesTo - cut);
      this.#nlFrom -= cut;
      this.#quoteSearched = Math.max(0, this.#quoteSearched - cut);
      if (this.#nextQuote !== -1) this.#nextQuote -= cut;
    }
    return parts;
  }

  /** Scans `b` from where the last scan stopped, up to the first boundary after partBytes. */
  #scan(b: Buffer): void {
    if (this.#firstAfter > 0) return;
    if (this.#nextQuote === -1 && this.#quoteSearched < b.length) {
      this.#nextQuote = b.indexOf(QUOTE, Math.max(this.#quotesTo, this.#quoteSearched));
      this.scanned += (this.#nextQuote === -1 ? b.length : this.#nextQuote) - Math.max(this.#quotesTo, this.#quoteSearched);
      this.#quoteSearched = b.length;
    }
    for (let nl = b.indexOf(NL, this.#nlFrom); nl !== -1; nl = b.indexOf(NL, nl + 1)) {
      this.scanned += nl + 1 - this.#nlFrom;
      this.#nlFrom = nl + 1;
      while (this.#nextQuote !== -1 && this.#nextQuote < nl) {
        this.#quotes++;
        const from = this.#nextQuote + 1;
        this.#nextQuote = b.indexOf(QUOTE, from);
        this.scanned += (this.#nextQuote === -1 ? b.length : this.#nextQuote) - from;
      }
      this.#quotesTo = nl;
      if (this.#quotes % 2 !== 0) continue;
      if (nl + 1 <= this.partBytes) this.#lastWithin = nl + 1;
      else {
        this.#firstAfter = nl + 1;
        return;
      }
    }
    this.scanned += b.length - this.#nlFrom;
    this.#nlFrom = b.length;
  }

  /** The bytes not yet in a part (after a stuck part: everything since). */
  carry(): Buffer[] {
    return this.#bufs;
  }

  /** The last part, at the end of the input. */
  end(): Part | null {
    if (this.#stuck || this.#bytes === 0) return null;
    const all = Buffer.concat(this.#bufs);
    this.#bufs = [];
    this.#bytes = 0;
    return this.#part(all, true);
  }

  #part(bytes: Buffer, last: boolean): Part {
    // Its own copy: a view of a larger buffer would send all of it to the worker.
    const own = new Uint8Array(bytes.length);
    own.set(bytes);
    const part = { id: this.#id++, bytes: own, startLine: this.#line, last };
    for (let i = bytes.indexOf(NL); i !== -1; i = bytes.indexOf(NL, i + 1)) this.#line++;
    return part;
  }
}

const NL = 0x0a;
const QUOTE = 0x22;

/** Index just after the last line break outside quotes, or 0 when there is none. */
export function lastBoundary(b: Buffer): number {
  const quotes: number[] = [];
  for (let i = b.indexOf(QUOTE); i !== -1; i = b.indexOf(QUOTE, i + 1)) quotes.push(i);
  let q = quotes.length; // quotes before `nl`, counted down as nl moves back
  for (let nl = b.lastIndexOf(NL); nl !== -1; nl = nl === 0 ? -1 : b.lastIndexOf(NL, nl - 1)) {
    while (q > 0 && quotes[q - 1]! > nl) q--;
    if (q % 2 === 0) return nl + 1;
  }
  return 0;
}

/** Index just after the first line break outside quotes at or after `from`, or 0 when there is none. */
export function firstBoundaryAfter(b: Buffer, from: number): number {
  let q = 0;
  let at = 0;
  for (let nl = b.indexOf(NL, from); nl !== -1; nl = b.indexOf(NL, nl + 1)) {
    for (let i = b.indexOf(QUOTE, at); i !== -1 && i < nl; i = b.indexOf(QUOTE, i + 1)) q++;
    at = nl;
    if (q % 2 === 0) return nl + 1;
  }
  return 0;
}

/** Worker threads, each doing the parts sent to it in order. */
class Pool {
  readonly #workers: { w: Worker; load: number }[] = [];
  readonly #waiting = new Map<number, { resolve: (r: PartResult) => void; reject: (e: Error) => void }>();
  readonly #done = new Map<number, PartResult>();
  #failure: Error | null = null;
  #closed = false;

  constructor(jobs: number, worker: URL, init: WorkerInit, WorkerClass: typeof Worker) {
    for (let i = 0; i < jobs; i++) {
      const w = new WorkerClass(worker, { workerData: init });
      const slot = { w, load: 0 };
      w.on('message', (m: PartResult | { ready: true } | { id: number; error: string }) => {
        if ('ready' in m) return;
        slot.load--;
        if ('error' in m) return this.#fail(new Error(`worker thread failed: ${m.error}`));
        const waiter = this.#waiting.get(m.id);
        if (waiter) {
          this.#waiting.delete(m.id);
          waiter.resolve(m);
        } else this.#done.set(m.id, m);
      });
      w.on('error', (e) => this.#fail(e));
      w.on('exit', (code) => {
        if (!this.#closed && code !== 0) this.#fail(new Error(`worker thread exited with code ${code}`));
      });
      this.#workers.push(slot);
    }
  }

  #fail(e: Error): void {
    this.#failure ??= e;
    for (const waiter of this.#waiting.values()) waiter.reject(this.#failure);
    this.#waiting.clear();
  }

  send(p: PartRequest): void {
    let best = this.#workers[0]!;
    for (const s of this.#workers) if (s.load < best.load) best = s;
    best.load++;
    const req: PartRequest = { id: p.id, bytes: p.bytes, startLine: p.startLine, last: p.last };
    best.w.postMessage(req);
  }

  result(id: number): Promise<PartResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    const r = this.#done.get(id);
    if (r !== undefined) {
      this.#done.delete(id);
      return Promise.resolve(r);
    }
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#workers.map((s) => s.w.terminate()));
  }
}
