// Benchmark for the tariff CLI (`npm run bench`; builds first).
//
// Generates (or reuses) a seeded CSV of N rows in bench-out/ (see
// scripts/gen-bench-data.js) and measures, as medians of --reps runs:
//   1. `tariff calc --format csv FILE > /dev/null`: wall time, rows/s, peak RSS;
//   2. `tariff compare FILE --scenarios as-enacted,no-deal,full-revocation
//      --format csv`, when that command exists (else the row says so);
//   3. start-up: one-line `tariff calc ... --format json` vs bare `node -e 0`;
//   4. when `mlr` (Miller) is on PATH, a per-category multiplication over the
//      same file as a yardstick for calc (one rate) and compare (three rates);
//   5. with --rows-list, calc at several sizes to check that RSS stays flat;
//   6. the floor: tariff's own CSV reader over the file, records counted and
//      nothing else (scripts/bench-parse.js), so a ratio can be read against
//      what parsing alone costs;
//   7. hard inputs, as rows beside the plain file (QA-2026-12 #6, #8): the same
//      rows with `loaded` and `us_content` columns, and the file with a stray
//      quote in its first row, each with its time as a ratio of the plain
//      file's; the same rows from every origin the schedule covers (issue 13: within 1.2x of
//      the Japan-only time, peak RSS < 150 MB); and the same rows with the impact columns quantity, unit_price,
//      margin and freight (issue 15: within 1.1x of the plain file).
// Peak RSS comes from GNU `/usr/bin/time -f %M`, else from polling
// /proc/<pid>/status (VmHWM) every 20 ms (TARIFF_BENCH_RSS=proc forces that).
// Prints a table with the goals (or, with --json, one JSON object); progress
// goes to stderr.
//
// Options: --rows N (1000000)  --reps N (3)  --seed N (42)
//          --startup-runs N (10)  --rows-list N,N,...  --json
//          --check (exit 1 when a goal fails)
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, ensureBenchData } from './gen-bench-data.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARIFF = join(ROOT, 'bin', 'tariff.js');
const PARSE_ONLY = join(ROOT, 'scripts', 'bench-parse.js');
const SCENARIOS = 'as-enacted,no-deal,full-revocation';
const MILLER_CALC = '$duty = $value_usd * (($category == "vehicles") ? 0.275 : 0.1)';
const MILLER_COMPARE =
  'var r = ($category == "vehicles") ? 0.275 : 0.1; ' +
  '$duty_as_enacted = $value_usd * r; $duty_no_deal = $value_usd * (r + 0.15); $duty_full_revocation = $value_usd * (r - 0.1)';

const GOALS = { calcVsMiller: 0.5, compareVsCalc: 1.5, rssMB: 150, startupMs: 50, rssFlat: 0.1, hardVsPlain: 1.5, mixedVsPlain: 1.2, impactVsPlain: 1.1 };

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = { rows: 1_000_000, reps: 3, seed: DEFAULT_SEED, startupRuns: 10, rowsList: [], json: false, check: false, help: false };
  const int = (name, v, min) => {
    const n = Number(String(v).replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected a whole number >= ${min}, got "${v}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') o.rows = int(a, argv[++i], 1);
    else if (a === '--reps') o.reps = int(a, argv[++i], 1);
    else if (a === '--seed') o.seed = int(a, argv[++i], 0);
    else if (a === '--startup-runs') o.startupRuns = int(a, argv[++i], 1);
    else if (a === '--rows-list') o.rowsList = String(argv[++i]).split(',').map((s) => int(a, s, 1));
    else if (a === '--json') o.json = true;
    else if (a === '--check') o.check = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else throw new Error(`unknown argument "${a}" (try --help)`);
  }
  return o;
}

// ---------------------------------------------------------------- running

const hasGnuTime = (() => {
  if (process.env.TARIFF_BENCH_RSS === 'proc') return false; // to exercise the fallback
  const r = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /GNU/.test(`${r.stdout}${r.stderr}`);
})();
const RSS_METHOD = hasGnuTime ? '/usr/bin/time -f %M' : process.platform === 'linux' ? '/proc VmHWM, 20 ms polling' : 'none';

const devNull = openSync('/dev/null', 'w');
const scratch = mkdtempSync(join(tmpdir(), 'tariff-bench-'));

const progress = (s) => process.stderr.write(`bench: ${s}\n`);

/** Peak of VmHWM in /proc/<pid>/status, polled until stop() (Linux only). */
function rssSampler(pid) {
  let peakKB = null;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKB = Math.max(peakKB ?? 0, Number(m[1]));
    } catch {
      // the process has exited between polls
    }
  };
  const timer = setInterval(sample, 20);
  sample();
  return { stop: () => (clearInterval(timer), peakKB) };
}

/**
 * Runs cmd with stdout to /dev/null and stderr captured.
 * Returns { ms, rssKB (or null), cpuMs (user + system CPU of the process, or null), code, stderr }.
 */
function run(cmd, args, { rss = false } = {}) {
  let file = cmd;
  let argv = args;
  const timeOut = join(scratch, 'time.out');
  if (rss && hasGnuTime) {
    file = '/usr/bin/time';
    argv = ['-f', '%M %U %S', '-o', timeOut, cmd, ...args];
  }
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'] });
    const sampler = rss && !hasGnuTime && process.platform === 'linux' ? rssSampler(child.pid) : null;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      if (stderr.length < 65536) stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      let rssKB = sampler ? sampler.stop() : null;
      let cpuMs = null;
      if (rss && hasGnuTime) {
        // GNU time may put "Command exited with non-zero status N" before the figures: peak RSS (kB), user and
        // system CPU seconds.
        const [kb, user, sys] = readFileSync(timeOut, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        rssKB = kb || null;
        cpuMs = Number.isFinite(user) && Number.isFinite(sys) ? Math.round((user + sys) * 1000) : null;
      }
      resolveRun({ ms, rssKB, cpuMs, code: code ?? signal, stderr });
    });
  });
}

function median(xs) {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const toMB = (kb) => (kb === null ? null : (kb * 1024) / 1e6);

/** Runs a file-processing command `reps` times; returns medians and the runs. */
async function measureFile(label, cmd, args, rows, reps, { okCodes = [0] } = {}) {
  const runs = [];
  for (let i = 1; i <= reps; i++) {
    const r = await run(cmd, args, { rss: true });
    if (!okCodes.includes(r.code)) {
      throw new Error(`${label} exited with ${r.code}:\n  ${cmd} ${args.join(' ')}\n${r.stderr.slice(0, 2000)}`);
    }
    progress(`${label} ${i}/${reps}: ${(r.ms / 1000).toFixed(2)} s, ${r.rssKB === null ? '? ' : toMB(r.rssKB).toFixed(0)} MB`);
    runs.push({ ms: Math.round(r.ms), cpuMs: r.cpuMs, rssMB: r.rssKB === null ? null : Math.round(toMB(r.rssKB)), code: r.code, stderr: r.stderr.trim() });
  }
  const ms = median(runs.map((r) => r.ms));
  return { ms, cpuMs: median(runs.map((r) => r.cpuMs)), rowsPerSec: Math.round(rows / (ms / 1000)), rssMB: median(runs.map((r) => r.rssMB)), runs };
}

/** `tariff calc` over a file; rejected rows are counted from its stderr summary. */
async function measureCalc(file, rows, reps, extra = []) {
  const label = `calc ${rows} rows${extra.length ? ` ${extra.join(' ')}` : ''}`;
  const m = await measureFile(label, process.execPath, [TARIFF, 'calc', '--format', 'csv', ...extra, file], rows, reps, { okCodes: [0, 1] });
  const summary = /(\d+) lines computed, (\d+) rejected/.exec(m.runs[0].stderr);
  m.computed = summary ? Number(summary[1]) : null;
  m.rejected = summary ? Number(summary[2]) : null;
  for (const r of m.runs) delete r.stderr;
  return m;
}

function compareImplemented() {
  const r = spawnSync(process.execPath, [TARIFF, 'compare', '--help'], { cwd: ROOT, encoding: 'utf8' });
  // An unknown command makes commander print the top-level help with exit 0,
  // so look for compare's own usage line, not just the exit code.
  return r.status === 0 && /Usage: tariff compare\b/.test(r.stdout) && !/unknown command/i.test(`${r.stdout}${r.stderr}`);
}

function millerAvailable() {
  const r = spawnSync('mlr', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// Each start-up run reports its own CPU (user + system, microseconds) on stderr at exit: wall time on a shared
// machine is mostly the scheduler's, CPU time is the process's own work. Bare node gets the same preload.
const CPU_AT_EXIT = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-us "+(u.user+u.system)+"\\n")})';
const cpuOf = (stderr) => {
  const m = /cpu-us (\d+)\s*$/.exec(stderr);
  return m === null ? null : Number(m[1]) / 1000;
};

async function measureStartup(runs) {
  const bare = [process.execPath, ['--import', CPU_AT_EXIT, '-e', '0']];
  const one = [process.execPath, ['--import', CPU_AT_EXIT, TARIFF, 'calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json']];
  await run(...bare); // warm the page cache
  await run(...one);
  const bareMs = [];
  const tariffMs = [];
  const bareCpu = [];
  const tariffCpu = [];
  for (let i = 0; i < runs; i++) {
    const b = await run(...bare);
    bareMs.push(b.ms);
    bareCpu.push(cpuOf(b.stderr));
    const r = await run(...one);
    if (r.code !== 0) throw new Error(`tariff calc --value ... exited with ${r.code}:\n${r.stderr}`);
    tariffMs.push(r.ms);
    tariffCpu.push(cpuOf(r.stderr));
  }
  const b = median(bareMs);
  const t = median(tariffMs);
  const bc = median(bareCpu);
  const tc = median(tariffCpu);
  const cpu = bc === null || tc === null ? null : { bareNodeMs: round1(bc), tariffMs: round1(tc), overheadMs: round1(tc - bc) };
  return { runs, bareNodeMs: round1(b), tariffMs: round1(t), overheadMs: round1(t - b), cpu };
}

const round1 = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------- report

function goal(name, target, actual, pass, note = '') {
  return { name, target, actual, pass, note };
}

function evaluate(r) {
  const g = [];
  const ratio = (x) => (x === null ? null : round2(x));
  g.push(
    r.miller
      ? goal('calc time vs Miller', `<= ${GOALS.calcVsMiller}x`, ratio(r.calc.ms / r.miller.calc.ms), r.calc.ms <= GOALS.calcVsMiller * r.miller.calc.ms)
      : goal('calc time vs Miller', `<= ${GOALS.calcVsMiller}x`, null, null, 'skipped: mlr not on PATH'),
  );
  g.push(
    r.compare.implemented
      ? goal('compare time vs calc', `<= ${GOALS.compareVsCalc}x`, ratio(r.compare.ms / r.calc.ms), r.compare.ms <= GOALS.compareVsCalc * r.calc.ms)
      : goal('compare time vs calc', `<= ${GOALS.compareVsCalc}x`, null, null, 'compare: not implemented yet'),
  );
  g.push(goal('calc peak RSS', `< ${GOALS.rssMB} MB`, r.calc.rssMB, r.calc.rssMB === null ? null : r.calc.rssMB < GOALS.rssMB, r.calc.rssMB === null ? 'RSS not measurable here' : ''));
  if (r.compare.implemented) g.push(goal('compare peak RSS', `< ${GOALS.rssMB} MB`, r.compare.rssMB, r.compare.rssMB === null ? null : r.compare.rssMB < GOALS.rssMB));
  g.push(goal('start-up over bare node', `<= ${GOALS.startupMs} ms`, r.startup.overheadMs, r.startup.overheadMs <= GOALS.startupMs));
  for (const h of r.hard) {
    const most = h.variant === 'mixed' ? GOALS.mixedVsPlain : h.variant === 'impact' ? GOALS.impactVsPlain : GOALS.hardVsPlain;
    g.push(goal(`calc ${h.name} vs plain file`, `<= ${most}x`, ratio(h.ms / r.calc.ms), h.ms <= most * r.calc.ms));
    g.push(goal(`calc ${h.name} peak RSS`, `< ${GOALS.rssMB} MB`, h.rssMB, h.rssMB === null ? null : h.rssMB < GOALS.rssMB));
  }
  if (r.sizes.length > 1) {
    const rss = r.sizes.map((s) => s.rssMB);
    const spread = rss.includes(null) ? null : Math.max(...rss) / Math.min(...rss) - 1;
    g.push(goal('calc RSS flat across sizes', `within ${GOALS.rssFlat * 100}%`, spread === null ? null : `${round1(spread * 100)}%`, spread === null ? null : spread <= GOALS.rssFlat));
  }
  return g;
}

/** Columns padded to the widest cell; the last cell of a short row (a note) may overflow. */
function table(rows) {
  const n = rows[0].length;
  const fits = (r, c) => r.length === n || c < r.length - 1;
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (fits(r, c) ? String(r[c] ?? '').length : 0))));
  return rows.map((r) => r.map((cell, c) => String(cell ?? '').padEnd(widths[c])).join('   ').trimEnd()).join('\n');
}

const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtInt = (n) => n.toLocaleString('en-US');
const fmtRuns = (m) => m.runs.map((r) => (r.ms / 1000).toFixed(2)).join(' / ');

function render(r) {
  const out = [];
  const d = r.data;
  out.push(`tariff bench: ${fmtInt(d.rows)} rows, ${(d.bytes / 1e6).toFixed(1)} MB (${d.file}, seed ${d.seed}, ${d.reused ? 'reused' : 'generated'}); medians of ${r.reps} runs`);
  out.push(`${r.env.node}, ${r.env.platform}, ${r.env.cpus} CPUs; peak RSS via ${r.env.rssMethod}; ${r.env.miller ?? 'Miller not on PATH'}`);
  out.push('');
  // CPU (user + system of the process, GNU time only) beside wall time: on a shared machine it moves far less.
  const rows = [['measure', 'wall', 'cpu', 'rows/s', 'peak RSS', 'runs (s)', 'vs Miller', 'vs']];
  const cpu = (x) => (x?.cpuMs === null || x?.cpuMs === undefined ? '-' : fmtS(x.cpuMs));
  const cpuVs = (x, base) => (x?.cpuMs && base?.cpuMs ? `, cpu ${round2(x.cpuMs / base.cpuMs)}x` : '');
  const vs = (ms, base) => (base ? `${round2(ms / base.ms)}x` : '');
  rows.push(['tariff calc --format csv', fmtS(r.calc.ms), cpu(r.calc), fmtInt(r.calc.rowsPerSec), mb(r.calc.rssMB), fmtRuns(r.calc), vs(r.calc.ms, r.miller?.calc)]);
  if (r.compare.implemented) {
    rows.push(['tariff compare (3 scenarios)', fmtS(r.compare.ms), cpu(r.compare), fmtInt(r.compare.rowsPerSec), mb(r.compare.rssMB), fmtRuns(r.compare), vs(r.compare.ms, r.miller?.compare)]);
  } else rows.push(['tariff compare (3 scenarios)', 'compare: not implemented yet']);
  for (const h of r.hard) {
    rows.push([`tariff calc, ${h.name}`, fmtS(h.ms), cpu(h), fmtInt(h.rowsPerSec), mb(h.rssMB), fmtRuns(h), '', `${round2(h.ms / r.calc.ms)}x plain${cpuVs(h, r.calc)}`]);
  }
  rows.push(['floor: tariff CSV reader alone', fmtS(r.floor.ms), cpu(r.floor), fmtInt(r.floor.rowsPerSec), mb(r.floor.rssMB), fmtRuns(r.floor), vs(r.floor.ms, r.miller?.calc)]);
  if (r.miller) {
    rows.push(['Miller put, 1 rate (calc yardstick)', fmtS(r.miller.calc.ms), cpu(r.miller.calc), fmtInt(r.miller.calc.rowsPerSec), mb(r.miller.calc.rssMB), fmtRuns(r.miller.calc)]);
    rows.push(['Miller put, 3 rates (compare yardstick)', fmtS(r.miller.compare.ms), cpu(r.miller.compare), fmtInt(r.miller.compare.rowsPerSec), mb(r.miller.compare.rssMB), fmtRuns(r.miller.compare)]);
  } else rows.push(['Miller yardstick', 'skipped: mlr not on PATH']);
  const sc = r.startup.cpu;
  rows.push([`start-up: node -e 0 (median of ${r.startup.runs})`, `${r.startup.bareNodeMs} ms`, sc ? `${sc.bareNodeMs} ms` : '-']);
  rows.push([`start-up: tariff calc, one line, json`, `${r.startup.tariffMs} ms`, sc ? `${sc.tariffMs} ms` : '-', '', '', '', '', `+${r.startup.overheadMs} ms${sc ? `, cpu +${sc.overheadMs} ms` : ''}`]);
  out.push(table(rows));
  if (r.calc.rejected) out.push(`warning: calc rejected ${fmtInt(r.calc.rejected)} rows of the bench file`);

  if (r.sizes.length > 1) {
    out.push('');
    const s = [['calc at size', 'wall', 'rows/s', 'peak RSS', 'runs']];
    for (const x of r.sizes) s.push([fmtInt(x.rows), fmtS(x.ms), fmtInt(x.rowsPerSec), mb(x.rssMB), String(x.runs.length)]);
    out.push(table(s));
  }

  out.push('');
  const g = [['goal', 'target', 'actual', 'result']];
  for (const x of r.goals) {
    const actual = x.actual === null ? '-' : typeof x.actual === 'number' ? `${x.actual}${/MB/.test(x.target) ? ' MB' : /ms/.test(x.target) ? ' ms' : 'x'}` : x.actual;
    g.push([x.name, x.target, actual, x.pass === null ? `n/a (${x.note})` : x.pass ? 'PASS' : 'FAIL']);
  }
  out.push(table(g));
  out.push('');
  out.push(`bench took ${fmtS(r.totalMs)}`);
  return out.join('\n');
}

const mb = (x) => (x === null ? '?' : `${x} MB`);

// ---------------------------------------------------------------- main

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.help) {
    console.log('usage: npm run bench -- [--rows N] [--reps N] [--seed N] [--startup-runs N] [--rows-list N,N] [--json] [--check]');
    return;
  }
  const t0 = performance.now();

  const data = ensureBenchData({ rows: o.rows, seed: o.seed });
  progress(`${relative(ROOT, data.path)}: ${data.reused ? 'reused' : `generated in ${fmtS(data.ms)}`}`);

  const calc = await measureCalc(data.path, o.rows, o.reps);

  // Hard inputs: the same rows with loaded/us_content columns; a stray quote in the first row; every origin.
  const hard = [];
  for (const [variant, name] of [
    ['loaded', 'loaded + us_content columns'],
    ['stray', 'stray quote on line 2'],
    ['mixed', 'mixed origins'],
    ['impact', 'impact columns (quantity, unit_price, margin, freight)'],
  ]) {
    const d = ensureBenchData({ rows: o.rows, seed: o.seed, variant });
    progress(`${relative(ROOT, d.path)}: ${d.reused ? 'reused' : `generated in ${fmtS(d.ms)}`}`);
    const m = await measureCalc(d.path, o.rows, o.reps);
    hard.push({ variant, name, file: relative(ROOT, d.path), ...m });
  }

  const floor = await measureFile('parse only (floor)', process.execPath, [PARSE_ONLY, data.path], o.rows, o.reps);
  for (const r of floor.runs) delete r.stderr;

  const compare = { implemented: compareImplemented() };
  if (compare.implemented) {
    const args = [TARIFF, 'compare', data.path, '--scenarios', SCENARIOS, '--format', 'csv'];
    Object.assign(compare, await measureFile('compare', process.execPath, args, o.rows, o.reps, { okCodes: [0, 1] }));
    for (const r of compare.runs) delete r.stderr;
  } else progress('compare: not implemented yet (skipped)');

  progress(`start-up: ${o.startupRuns} runs each`);
  const startup = await measureStartup(o.startupRuns);

  const millerVersion = millerAvailable();
  let miller = null;
  if (millerVersion) {
    const m = (label, expr) => measureFile(label, 'mlr', ['--icsv', '--ocsv', 'put', expr, data.path], o.rows, o.reps);
    miller = { version: millerVersion, calc: await m('Miller 1 rate', MILLER_CALC), compare: await m('Miller 3 rates', MILLER_COMPARE) };
    for (const r of [...miller.calc.runs, ...miller.compare.runs]) delete r.stderr;
  } else progress('mlr not on PATH: Miller yardstick skipped');

  const sizes = [];
  for (const rows of o.rowsList) {
    if (rows === o.rows) {
      sizes.push({ rows, ms: calc.ms, rowsPerSec: calc.rowsPerSec, rssMB: calc.rssMB, runs: calc.runs });
      continue;
    }
    const d = ensureBenchData({ rows, seed: o.seed });
    progress(`${relative(ROOT, d.path)}: ${d.reused ? 'reused' : `generated in ${fmtS(d.ms)}`}`);
    // Medians of --reps runs here too: peak RSS moves by up to ~20% between single runs (V8 sizing its heap).
    const m = await measureCalc(d.path, rows, o.reps);
    sizes.push({ rows, ms: m.ms, rowsPerSec: m.rowsPerSec, rssMB: m.rssMB, runs: m.runs });
  }

  const result = {
    data: { file: relative(ROOT, data.path), rows: o.rows, seed: o.seed, bytes: data.bytes, reused: data.reused },
    reps: o.reps,
    env: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, rssMethod: RSS_METHOD, miller: millerVersion },
    calc,
    hard,
    floor,
    compare,
    startup,
    miller,
    sizes,
  };
  result.goals = evaluate(result);
  result.totalMs = Math.round(performance.now() - t0);

  console.log(o.json ? JSON.stringify(result, null, 2) : render(result));
  if (o.check && result.goals.some((g) => g.pass === false)) process.exitCode = 1;
}

try {
  await main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  closeSync(devNull);
  rmSync(scratch, { recursive: true, force: true });
}
