// Generates the benchmark input for scripts/bench.js: a realistic CSV of N
// Japanese import lines (id,hts,category,origin,value_usd,entry_date,mfn_rate,note).
//
// Deterministic: a seeded PRNG (mulberry32) drives every choice, so the same
// --rows/--seed always gives a byte-identical file. Every row is one tariff
// accepts: HTS codes with a known MFN rate (dotted, sometimes undotted), or a
// category with no HTS (`general` rows then carry an mfn_rate), entry dates
// 2025-03-12..2026-10-07, origin JP. value_usd is always a plain number so
// Miller can multiply it; quoting (commas, doubled quotes) lives in `note`.
//
// Variants (--variant), the same rows with:
//   loaded  two more columns, loaded (1-60 days before entry, 10% empty) and us_content (0-99, 10% empty):
//           the in-transit and US-content rules are looked at on every row (QA-2026-12 #8);
//   stray   a stray quote in the first row's note, a quote that never closes (QA-2026-12 #6);
//   mixed   each row's origin drawn (from a stream of its own) from the origins the bundled schedule covers when
//           the file is made (data/schedules/us.json `origins`; issue 13): the file name carries their count and
//           a hash of the list, so a schedule with more origins gets a new file.
//
// Usage: node scripts/gen-bench-data.js [--rows N] [--seed S] [--variant plain|loaded|stray] [--out FILE] [--force]
// Default output: bench-out/bench-v3-<rows>r-s<seed>[-<variant>].csv (reused when present).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the generated content changes, so stale files are not reused. */
export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 42;
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'bench-out');

export const HEADER = 'id,hts,category,origin,value_usd,entry_date,mfn_rate,note';

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [hts, category, weight]; hts '' = category-only row. Weights loosely follow
// the mix of Japanese exports to the US (vehicles and parts dominate).
const GOODS = [
  ['8703.23.01', 'vehicles', 14],
  ['8703.24.01', 'vehicles', 8],
  ['8704.31.01', 'vehicles', 2],
  ['8708.29.51.10', 'auto-parts', 10],
  ['8708.99.81', 'auto-parts', 10],
  ['8544.30.00', 'auto-parts', 4],
  ['7207.11.00', 'steel', 2],
  ['7306.30.50', 'steel', 3],
  ['7318.12.00', 'steel', 6],
  ['7601.10.30', 'aluminum', 2],
  ['7606.12.30', 'aluminum', 3],
  ['8457.10.00', 'general', 3],
  ['8458.11.00', 'general', 2],
  ['8456.11.10', 'general', 2],
  ['8402.11.00', 'general', 1],
  ['8471.30.01', 'general', 5],
  ['8542.31.00', 'general', 5],
  ['8504.34.00', 'general', 3],
  ['8507.60.00', 'general', 3],
  ['8543.30.20', 'general', 2],
  ['', 'vehicles', 2],
  ['', 'auto-parts', 3],
  ['', 'steel', 1],
  ['', 'aluminum', 1],
  ['', 'general', 2],
];

// Customs value ranges in dollars per category (log-uniform between them).
const VALUE_RANGE = {
  vehicles: [15000, 120000],
  'auto-parts': [50, 50000],
  steel: [500, 200000],
  aluminum: [500, 150000],
  general: [100, 500000],
};

const GENERAL_MFN = ['0', '2.5', '3.5', '4.4', '5.7'];
const PORTS = ['Nagoya', 'Yokohama', 'Kobe', 'Tokyo', 'Osaka', 'Hakata'];

const FIRST_DATE = Date.UTC(2025, 2, 12); // 2025-03-12
const LAST_DATE = Date.UTC(2026, 9, 7); // 2026-10-07
const DATES = [];
for (let t = FIRST_DATE; t <= LAST_DATE; t += 86400000) DATES.push(new Date(t).toISOString().slice(0, 10));

const TOTAL_WEIGHT = GOODS.reduce((s, g) => s + g[2], 0);
const CUMULATIVE = [];
{
  let acc = 0;
  for (const g of GOODS) CUMULATIVE.push((acc += g[2] / TOTAL_WEIGHT));
}

function pickGood(r) {
  for (let i = 0; i < CUMULATIVE.length; i++) if (r < CUMULATIVE[i]) return GOODS[i];
  return GOODS[GOODS.length - 1];
}

export const VARIANTS = ['plain', 'loaded', 'stray', 'mixed'];

/** The origins the bundled schedule covers now (sorted): the mixed variant draws each row's origin from them. */
export function benchOrigins() {
  const us = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'schedules', 'us.json'), 'utf8'));
  return [...us.origins].sort();
}

const DAY_MS = 86400000;

/** One CSV line (no newline) for row number i (1-based), drawing from rand. */
function makeRow(i, rand, variant = 'plain', extra = rand, origins = null, pickOrigin = rand) {
  const [hts0, category] = pickGood(rand());
  // 5% of HTS codes are written without dots (e.g. 87032301), as some ERPs do.
  const hts = hts0 !== '' && rand() < 0.05 ? hts0.replaceAll('.', '') : hts0;
  const [lo, hi] = VALUE_RANGE[category];
  let cents = Math.round(Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo))) * 100);
  if (category === 'vehicles' && rand() < 0.5) cents = Math.round(cents / 10000) * 10000; // whole dollars
  const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const date = DATES[Math.floor(rand() * DATES.length)];
  let origin = rand() < 0.02 ? 'jp' : 'JP';
  if (variant === 'mixed') origin = origins[Math.floor(pickOrigin() * origins.length)];
  const mfn = hts === '' && category === 'general' ? GENERAL_MFN[Math.floor(rand() * GENERAL_MFN.length)] : '';
  const n = rand();
  let note = '';
  if (n < 0.06) note = `lot ${Math.floor(rand() * 1000)}`;
  else if (n < 0.09) note = `"${PORTS[Math.floor(rand() * PORTS.length)]}, lot ${Math.floor(rand() * 1000)}"`;
  else if (n < 0.1) note = `"crate ""${String.fromCharCode(65 + Math.floor(rand() * 26))}${Math.floor(rand() * 10)}"", fragile"`;
  const id = `JP-${String(i).padStart(8, '0')}`;
  if (variant === 'stray' && i === 1) note = '"oops, a quote that never closes';
  const row = `${id},${hts},${category},${origin},${value},${date},${mfn},${note}`;
  if (variant !== 'loaded') return row;
  // From a second stream, so that the rows are those of the plain file, with two more columns.
  const loaded = extra() < 0.1 ? '' : new Date(Date.parse(date) - (1 + Math.floor(extra() * 60)) * DAY_MS).toISOString().slice(0, 10);
  const usContent = extra() < 0.1 ? '' : String(Math.floor(extra() * 100));
  return `${row},${loaded},${usContent}`;
}

/** The default path for a rows/seed pair. */
export function benchDataPath(rows, seed = DEFAULT_SEED, variant = 'plain') {
  let suffix = variant === 'plain' ? '' : `-${variant}`;
  if (variant === 'mixed') {
    const origins = benchOrigins();
    suffix += `-${origins.length}o-${createHash('sha256').update(origins.join(',')).digest('hex').slice(0, 8)}`;
  }
  return join(BENCH_DIR, `bench-v${GENERATOR_VERSION}-${rows}r-s${seed}${suffix}.csv`);
}

/**
 * Writes the file (via a temporary file, so a half-written one is never
 * reused) unless it already exists. Returns { path, bytes, reused, ms }.
 */
export function ensureBenchData({ rows, seed = DEFAULT_SEED, variant = 'plain', out = benchDataPath(rows, seed, variant), force = false }) {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant "${variant}"; one of ${VARIANTS.join(', ')}`);
  const started = performance.now();
  if (!force && existsSync(out)) return { path: out, bytes: statSync(out).size, reused: true, ms: 0 };
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const rand = mulberry32(seed);
    const extra = mulberry32(seed ^ 0x5bd1e995);
    const origins = variant === 'mixed' ? benchOrigins() : null;
    const pickOrigin = mulberry32(seed ^ 0x2545f491);
    let chunk = `${HEADER}${variant === 'loaded' ? ',loaded,us_content' : ''}\n`;
    for (let i = 1; i <= rows; i++) {
      chunk += `${makeRow(i, rand, variant, extra, origins, pickOrigin)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, out);
  return { path: out, bytes: statSync(out).size, reused: false, ms: performance.now() - started };
}

function parseArgs(argv) {
  const o = { rows: 1_000_000, seed: DEFAULT_SEED, variant: 'plain', out: undefined, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') o.rows = Number(argv[++i]);
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--variant') o.variant = argv[++i];
    else if (a === '--out') o.out = resolve(argv[++i]);
    else if (a === '--force') o.force = true;
    else throw new Error(`unknown argument ${a}; usage: gen-bench-data.js [--rows N] [--seed S] [--variant plain|loaded|stray|mixed] [--out FILE] [--force]`);
  }
  if (!Number.isInteger(o.rows) || o.rows < 1) throw new Error('--rows must be a positive whole number');
  if (!Number.isInteger(o.seed)) throw new Error('--seed must be a whole number');
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const o = parseArgs(process.argv.slice(2));
  const r = ensureBenchData({ rows: o.rows, seed: o.seed, variant: o.variant, out: o.out ?? benchDataPath(o.rows, o.seed, o.variant), force: o.force });
  console.log(`${r.path}: ${o.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.reused ? 'reused' : `written in ${(r.ms / 1000).toFixed(1)} s`}`);
}
