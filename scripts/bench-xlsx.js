// Benchmark for Excel input and output (issue 14): builds first? No: run
// `npm run build` before. Measures, on the seeded bench CSV of N rows (see
// scripts/gen-bench-data.js) turned into a workbook, wall time and peak RSS
// (GNU /usr/bin/time -f %M) of:
//   read   tariff calc BOOK.xlsx --format csv, against the same lines as CSV,
//          and whether the two outputs are the same bytes;
//   write  tariff calc FILE.csv --format xlsx --out BOOK, against --format csv;
//   and, to choose the library, each reader and writer alone over the same
//   rows: the tool's own (zip via node:zlib + saxes; zip-write.ts) and
//   exceljs's streaming WorkbookReader / WorkbookWriter.
//
// Usage: node scripts/bench-xlsx.js [--rows N (100000)] [--json]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, ensureBenchData } from './gen-bench-data.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARIFF = join(ROOT, 'bin', 'tariff.js');
const SELF = fileURLToPath(import.meta.url);
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- children (one job each, measured from outside)

async function child(job, args) {
  if (job === 'exceljs-write') return exceljsWrite(args[0], args[1]);
  if (job === 'exceljs-read') return exceljsRead(args[0]);
  if (job === 'own-read') return ownRead(args[0]);
  throw new Error(`unknown job ${job}`);
}

/** The CSV's rows into a workbook with exceljs's streaming writer: amounts as numbers, dates as dates, codes as text. */
async function exceljsWrite(csvPath, out) {
  const ExcelJS = require('exceljs');
  const Papa = require('papaparse');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Lines');
  let header = null;
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(csvPath), {
      step: (r) => {
        const cells = r.data;
        if (cells.length === 1 && cells[0] === '') return;
        if (header === null) {
          header = cells;
          ws.addRow(cells).commit();
          return;
        }
        const row = ws.addRow(
          cells.map((c, i) => {
            const h = header[i];
            if ((h === 'value_usd' || h === 'mfn_rate') && /^\d+(\.\d+)?$/.test(c)) return Number(c);
            if (h === 'entry_date' && /^\d{4}-\d{2}-\d{2}$/.test(c)) return new Date(`${c}T00:00:00Z`);
            return c;
          }),
        );
        const d = header.indexOf('entry_date');
        if (d >= 0) row.getCell(d + 1).numFmt = 'yyyy-mm-dd';
        row.commit();
      },
      complete: resolve,
      error: reject,
    });
  });
  ws.commit();
  await wb.commit();
}

async function exceljsRead(path) {
  const ExcelJS = require('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  let rows = 0;
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      rows++;
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.value !== null) cells++;
      });
    }
    break;
  }
  process.stdout.write(`${rows} rows, ${cells} cells\n`);
}

async function ownRead(path) {
  const { readXlsxRecords } = await import(join(ROOT, 'dist', 'io', 'xlsx-input.js'));
  let rows = 0;
  let cells = 0;
  for await (const batch of readXlsxRecords(path, path)) {
    for (const r of batch) {
      rows++;
      for (const c of r.cells) if (c !== '') cells++;
    }
  }
  process.stdout.write(`${rows} rows, ${cells} cells\n`);
}

// ---------------------------------------------------------------- measuring

function measure(label, argv) {
  const args = ['-f', '%e %M', process.execPath, ...argv];
  const r = spawnSync('/usr/bin/time', args, { encoding: 'buffer', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1', TARIFF_TODAY: '2026-11-22' } });
  const err = r.stderr.toString('utf8').trim().split('\n');
  const [secs, kb] = err.at(-1).split(' ').map(Number);
  if (!(secs >= 0)) throw new Error(`${label}: no timing (${err.join(' | ')})`);
  const hash = createHash('sha256').update(r.stdout).digest('hex').slice(0, 16);
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}: ${err.slice(0, -1).join(' | ')}`);
  return { label, seconds: secs, rssMB: Math.round(kb / 1024), exit: r.status, sha: hash, bytes: r.stdout.length };
}

async function mainBench(argv) {
  let rows = 100_000;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') rows = Number(argv[++i]);
    else if (argv[i] === '--json') json = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const csv = ensureBenchData({ rows }).path;
  mkdirSync(BENCH_DIR, { recursive: true });
  const bookIn = join(BENCH_DIR, `xlsx-in-${rows}.xlsx`);
  const bookOut = join(BENCH_DIR, `xlsx-out-${rows}.xlsx`);
  const results = [];
  const log = (r) => {
    results.push(r);
    if (!json) process.stderr.write(`${r.label.padEnd(52)} ${r.seconds.toFixed(2).padStart(6)} s ${String(r.rssMB).padStart(5)} MB\n`);
  };
  log(measure('exceljs streaming writer: CSV rows to workbook', [SELF, '--child', 'exceljs-write', csv, bookIn]));
  log(measure('exceljs streaming reader: every row of the sheet', [SELF, '--child', 'exceljs-read', bookIn]));
  log(measure('tariff reader (zip + saxes): every row of the sheet', [SELF, '--child', 'own-read', bookIn]));
  const fromCsv = measure('tariff calc FILE.csv --format csv', [TARIFF, 'calc', csv, '--format', 'csv', '-q']);
  log(fromCsv);
  const fromXlsx = measure('tariff calc FILE.xlsx --format csv', [TARIFF, 'calc', bookIn, '--format', 'csv', '-q']);
  log(fromXlsx);
  log(measure('tariff calc FILE.csv --format xlsx --out BOOK', [TARIFF, 'calc', csv, '--format', 'xlsx', '--out', bookOut, '-q']));
  const same = fromCsv.sha === fromXlsx.sha && fromCsv.bytes === fromXlsx.bytes;
  const summary = {
    rows,
    workbookBytes: statSync(bookIn).size,
    writtenWorkbookBytes: statSync(bookOut).size,
    sameCsvBytes: same,
    csvOutputBytes: fromCsv.bytes,
    results,
  };
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stderr.write(`workbook in: ${(summary.workbookBytes / 1e6).toFixed(1)} MB; written: ${(summary.writtenWorkbookBytes / 1e6).toFixed(1)} MB\n`);
    process.stderr.write(`calc output from .xlsx and from .csv: ${same ? 'the same bytes' : 'DIFFERENT'} (${fromCsv.bytes} bytes)\n`);
  }
  if (!same) process.exitCode = 1;
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1], argv.slice(2));
else await mainBench(argv);

