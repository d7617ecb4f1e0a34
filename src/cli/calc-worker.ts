/**
 * A worker thread of `tariff calc` (see parallel.ts): computes parts of the
 * input, each a run of whole records after the header, with the same code as
 * the main thread, and posts back for each part its output bytes and what it
 * added to the sums.
 */
import { Readable, type Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { Resolver } from '../core/resolve.js';
import type { CsvReadStats } from '../io/csv-input.js';
import { loadEngine } from '../io/load.js';
import { Out } from '../io/out.js';
import { CalcLines } from './calc-lines.js';
import { NO_PAINT } from './color.js';
import { DateWarnings } from './date-warnings.js';
import { readCsvRows } from './input.js';
import type { PartRequest, PartResult, WorkerInit } from './parallel.js';
import { makeReporter } from './reporters.js';

const init = workerData as WorkerInit;
const port = parentPort!;

const engine = await loadEngine(init.engine);
const bytes: Uint8Array[] = [];
const collect = { write: (b: Uint8Array) => bytes.push(b) > 0, on: () => collect } as unknown as Writable;
const out = new Out(collect);
const feeRules = init.fees ? engine.fees : null;
const calc = new CalcLines(engine, new Resolver(engine, undefined, { decisions: init.explain }), new DateWarnings(engine, () => {}), feeRules, init.refunds, false, init.defaults);
calc.reporter = makeReporter(init.format, {
  engine,
  header: init.header,
  out,
  limit: 0,
  paint: NO_PAINT,
  raw: init.raw,
  explain: init.explain,
  fees: feeRules !== null,
  fragment: true,
});

async function part(req: PartRequest): Promise<PartResult> {
  const stats: CsvReadStats = { quoteProblems: 0, leftover: 0 };
  const stream = Readable.from([Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength)], { objectMode: false });
  const read = await readCsvRows(
    stream,
    init.inputName,
    { defaults: init.defaults },
    {
      header: () => {},
      row: (row, cells, header) => calc.row(row, cells, header),
      rejected: (issue, cells, header) => calc.reject(issue, cells, header),
      afterBatch: async () => true,
    },
    { header: init.header, startLine: req.startLine, records: 0, stats },
  );
  await out.flush(true);
  return {
    id: req.id,
    clean: stats.quoteProblems === 0 && (req.last || stats.leftover === 0),
    records: read.records,
    usedDefaultDate: read.usedDefaultDate,
    bytes: bytes.splice(0),
    rejected: calc.reporter!.takeHeld(),
    delta: calc.takeDelta(),
  };
}

// Parts are done one at a time, in the order they come.
let queue = Promise.resolve();
port.on('message', (req: PartRequest) => {
  queue = queue.then(async () => {
    try {
      const result = await part(req);
      const transfer = [...new Set(result.bytes.map((b) => b.buffer as ArrayBuffer))];
      port.postMessage(result, transfer);
    } catch (e) {
      port.postMessage({ id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
port.postMessage({ ready: true });
