/**
 * `tariff calc`: duties for one import given by flags, or for every record of
 * a CSV file or stdin, streamed.
 */
import { statSync } from 'node:fs';
import { entryFees, MODES, type Mode } from '../core/fees.js';
import { formatCents, formatRate, parseMoney } from '../core/money.js';
import { Resolver } from '../core/resolve.js';
import { loadEngine } from '../io/load.js';
import { Out } from '../io/out.js';
import type { OutFile } from '../io/out-file.js';
import { sniffFile } from '../io/file-kind.js';
import { readHeader, readRow, type RowDefaults, type RowIssue } from '../schema/row.js';
import { colorEnabled, makePaint, type Paint } from './color.js';
import { EXIT, UsageError } from '../errors.js';
import { DateWarnings } from './date-warnings.js';
import { outputWidth } from './fit.js';
import { displayText } from './display.js';
import { inputNameOf, plural, readRows, type InputSpec, type RowSink } from './input.js';
import { CalcLines } from './calc-lines.js';
import { readRowsParallel } from './parallel.js';
import { Progress } from './progress.js';
import type { CliIo } from './io.js';
import { flagDate, flagMfnRate, flagOrigin, flagSpi } from './options.js';
import { entryRecord, lineRecord, passthroughColumns, totalsRecord } from './records.js';
import { FORMATS, lineColumns, makeReporter, type Format } from './reporters.js';
import { ImpactSums } from '../core/impact.js';
import type { RateMicro } from '../core/money.js';
import { defaultPassThrough, flagPassThrough, impactWanted, type ImpactFlags } from './impact-setup.js';
import { IMPACT_CSV_COLUMNS, IMPACT_PERCENT_COLUMNS, totalsImpactRecord } from './impact-records.js';

export interface CalcOptions extends ImpactFlags {
  value?: string | undefined;
  hts?: string | undefined;
  category?: string | undefined;
  origin?: string | undefined;
  date?: string | undefined;
  mfnRate?: string | undefined;
  id?: string | undefined;
  scenario?: string | undefined;
  scenarioFile?: string | undefined;
  schedule?: string | undefined;
  format?: string | undefined;
  limit?: string | undefined;
  color?: boolean | undefined;
  quiet?: boolean | undefined;
  raw?: boolean | undefined;
  refunds?: boolean | undefined;
  explain?: boolean | undefined;
  mode?: string | undefined;
  quantity?: string | undefined;
  unit?: string | undefined;
  usContent?: string | undefined;
  metalValue?: string | undefined;
  loaded?: string | undefined;
  htsTable?: string | undefined;
  /** Special program indicator claimed for rows without an spi column (e.g. JP). */
  spi?: string | undefined;
  /** --transshipped: rows without a transshipped column were found transshipped to evade duties. */
  transshipped?: boolean | undefined;
  /** false with --no-fees */
  fees?: boolean | undefined;
  jobs?: string | undefined;
  /** The sheet of an .xlsx input. */
  sheet?: string | undefined;
  /** Write the output to this file instead of stdout. */
  out?: string | undefined;
  /** Per line and in total, the lowest and highest duty over the facts the line did not give. */
  range?: boolean | undefined;
}

/** Options after checking: what the run needs, no I/O yet. */
export interface CalcPlan {
  input: InputSpec;
  defaults: RowDefaults;
  /** True when rows without a date fall back to today (not to --date). */
  dateIsToday: boolean;
  format: Format;
  limit: number;
  color: boolean;
  quiet: boolean;
  raw: boolean;
  /** List only lines with a refundable amount. */
  refunds: boolean;
  explain: boolean;
  /** Compute customs fees (MPF, HMF). */
  fees: boolean;
  scenario: string | undefined;
  scenarioFile: string | undefined;
  schedule: string | undefined;
  htsTable: string | undefined;
  /** Worker threads for a large input (1: none; 'auto': one per CPU, looked up when the run starts). */
  jobs: number | 'auto';
  /** --out FILE, else null (stdout). */
  outFile: string | null;
  /** --pass-through, when given (else the bundled default, read only if the run has impact inputs). */
  passThrough: RateMicro | undefined;
  /** --range: the range report instead of the lines (src/cli/range-report.ts). */
  range: boolean;
}

export function planCalc(file: string | undefined, o: CalcOptions, io: CliIo): CalcPlan {
  const outFile = o.out ?? null;
  if (outFile === '') throw new UsageError('--out needs a file name');
  // Written to a file, the default is CSV, or a workbook when the file is named .xlsx.
  const format = (o.format ?? (outFile !== null ? (/\.xlsx$/i.test(outFile) ? 'xlsx' : /\.html?$/i.test(outFile) ? 'html' : 'csv') : io.stdout.isTTY ? 'table' : 'csv')) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${o.format}"`);
  if (format === 'xlsx' && outFile === null && io.stdout.isTTY) {
    throw new UsageError('--format xlsx writes a binary workbook: give --out FILE.xlsx, or redirect stdout to a file', 'e.g. tariff calc lines.csv --format xlsx --out duties.xlsx');
  }
  if (format === 'html' && outFile === null && io.stdout.isTTY) {
    throw new UsageError('--format html writes a web page: give --out FILE.html, or redirect stdout to a file', 'e.g. tariff calc lines.csv --format html --out duties.html');
  }
  const limit = o.limit === undefined ? 50 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, got "${o.limit}"`);
  flagDate('--date', o.date);
  // One thread unless asked: on the 2-core bench machine workers saved 15-25% of the time for 2.5x the memory (README).
  const jobs = o.jobs === undefined ? 1 : o.jobs === 'auto' ? 'auto' : /^\d+$/.test(o.jobs) ? Number(o.jobs) : NaN;
  if (jobs !== 'auto' && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) throw new UsageError(`--jobs must be "auto" or a whole number from 1 to 64, got "${o.jobs}"`);
  const origin = flagOrigin(o.origin);
  const mfn = flagMfnRate(o.mfnRate);
  const defaults: RowDefaults = { date: o.date ?? io.today, origin, mfn, mode: planMode(o.mode), spi: flagSpi(o.spi), transshipped: o.transshipped === true };

  if (o.scenario !== undefined && o.scenarioFile !== undefined) {
    throw new UsageError('give --scenario NAME or --scenario-file FILE, not both', 'to put scenarios side by side, use tariff compare');
  }
  const input = planInput(file, o, io);
  const range = Boolean(o.range);
  if (range) {
    if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--range gives table, csv or json, not ${format}`);
    if (o.refunds || o.explain) throw new UsageError(`--range and --${o.refunds ? 'refunds' : 'explain'} answer different questions: give one`);
  }
  return {
    input,
    defaults,
    dateIsToday: o.date === undefined,
    format,
    limit,
    color: colorEnabled(Boolean(io.stdout.isTTY), io.env, o.color === false) && format === 'table',
    quiet: Boolean(o.quiet),
    raw: Boolean(o.raw),
    refunds: Boolean(o.refunds),
    explain: Boolean(o.explain),
    fees: o.fees !== false,
    scenario: o.scenario,
    scenarioFile: o.scenarioFile,
    schedule: o.schedule,
    htsTable: o.htsTable,
    jobs,
    outFile,
    passThrough: flagPassThrough(o.passThrough),
    range,
  };
}

export function planMode(mode: string | undefined): Mode {
  const m = (mode ?? 'ocean').toLowerCase();
  if (!(MODES as readonly string[]).includes(m)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  return m as Mode;
}

/** The flag of each input that an import given by flags checks as a usage error (the code is checked by the schedule). */
const FLAG_OF: Record<string, string> = {
  us_content: '--us-content',
  metal_value: '--metal-value',
  loaded: '--loaded',
  quantity: '--quantity',
  unit: '--unit',
  unit_price: '--unit-price',
  margin: '--margin',
  unit_cost: '--unit-cost',
  freight: '--freight',
  insurance: '--insurance',
  other_costs: '--other-costs',
};

/** The impact flags of one import and the columns they stand for. */
const IMPACT_FLAGS = [
  ['unitPrice', 'unit_price'],
  ['margin', 'margin'],
  ['unitCost', 'unit_cost'],
  ['freight', 'freight'],
  ['insurance', 'insurance'],
  ['otherCosts', 'other_costs'],
] as const;

/** Where the rows come from: flags (--value with --hts/--category), a file, or stdin. */
export function planInput(
  file: string | undefined,
  o: {
    value?: string | undefined;
    hts?: string | undefined;
    category?: string | undefined;
    id?: string | undefined;
    quantity?: string | undefined;
    unit?: string | undefined;
    usContent?: string | undefined;
    metalValue?: string | undefined;
    loaded?: string | undefined;
    date?: string | undefined;
    on?: string | undefined;
    sheet?: string | undefined;
    unitPrice?: string | undefined;
    margin?: string | undefined;
    unitCost?: string | undefined;
    freight?: string | undefined;
    insurance?: string | undefined;
    otherCosts?: string | undefined;
  },
  io: CliIo,
  command = 'calc',
): InputSpec {
  const impactFlags = IMPACT_FLAGS.filter(([k]) => o[k] !== undefined);
  const single = o.value !== undefined || o.hts !== undefined || o.category !== undefined;
  if (single) {
    if (file !== undefined) throw new UsageError('give either a FILE or --value with --hts/--category, not both');
    if (o.sheet !== undefined) throw new UsageError('--sheet names the sheet of an Excel workbook given as FILE');
    if (o.value === undefined) throw new UsageError('--value is required with --hts or --category', `e.g. tariff ${command} --value 45000 --hts 8703.24.01`);
    if (o.hts === undefined && o.category === undefined) {
      throw new UsageError('--value needs --hts CODE or --category NAME', `e.g. tariff ${command} --value 45000 --category vehicles`);
    }
    // A code decides the category: with both, one would be silently ignored.
    if (o.hts !== undefined && o.category !== undefined) throw new UsageError('give --hts CODE or --category NAME, not both (a code decides its category)');
    const money = parseMoney(o.value);
    if (!money.ok) throw new UsageError(`--value: ${money.reason}`);
    // Impact columns only when an impact flag is given: without them the import is read exactly as before.
    const header = readHeader(['value', 'hts', 'category', 'id', 'quantity', 'unit', 'us_content', 'metal_value', 'loaded', ...impactFlags.map(([, c]) => c)]);
    if (!header.ok) throw new Error(`invariant: ${header.problem.message}`);
    const cells = [o.value, o.hts ?? '', o.category ?? '', o.id ?? '', o.quantity ?? '', o.unit ?? '', o.usContent ?? '', o.metalValue ?? '', o.loaded ?? '', ...impactFlags.map(([k]) => o[k] ?? '')];
    // The flags of one import are checked as the row they make: a bad one is a usage error (exit 2), as a bad --value is.
    const checked = readRow(cells, null, header.header, { date: o.on ?? o.date ?? io.today, origin: 'JP', mfn: null, mode: 'ocean' });
    if (!checked.ok) {
      const flag = FLAG_OF[checked.issue.field];
      if (flag !== undefined) throw new UsageError(`${flag}: ${checked.issue.reason}`);
    }
    return { kind: 'flags', cells, header: header.header };
  }
  if (impactFlags.length > 0) {
    throw new UsageError(`${impactFlags.map(([, c]) => `--${c.replace('_', '-')}`).join(', ')} ${impactFlags.length === 1 ? 'is' : 'are'} for one import given by --value; in a file, give the ${impactFlags.length === 1 ? 'column' : 'columns'} ${impactFlags.map(([, c]) => c).join(', ')}`);
  }
  if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY) {
      throw new UsageError('no input: give a CSV FILE, pipe CSV on stdin, or use --value with --hts/--category', `see tariff ${command} --help`);
    }
    if (o.sheet !== undefined) throw new UsageError('--sheet is for an Excel workbook (.xlsx) given as FILE; stdin is read as CSV');
    return { kind: 'stdin' };
  }
  return o.sheet === undefined ? { kind: 'file', path: file } : { kind: 'file', path: file, sheet: o.sheet };
}

export async function runCalc(file: string | undefined, options: CalcOptions, io: CliIo): Promise<number> {
  const plan = planCalc(file, options, io);
  // out-file.ts is loaded only for --out.
  let outFile = null;
  if (plan.outFile !== null) {
    const { OutFile, refuseInputAsOutput } = await import('../io/out-file.js');
    refuseInputAsOutput(plan.outFile, [file, plan.schedule, plan.scenarioFile, plan.htsTable]);
    outFile = await OutFile.open(plan.outFile);
  }
  if (outFile !== null && !outFile.ok) return outFile.failed(io);
  try {
    return await calcTo(plan, options, io, outFile);
  } finally {
    outFile?.discard(); // a run that stopped before the file was complete leaves no part of it
  }
}

async function calcTo(plan: CalcPlan, options: CalcOptions, io: CliIo, outFile: OutFile | null): Promise<number> {
  const errPaint = await makePaint(colorEnabled(Boolean(io.stderr.isTTY), io.env, options.color === false));
  const warn = (s: string) => io.stderr.write(`${errPaint.yellow('warning')}: ${displayText(s, { keepLines: true })}\n`);
  // One import given by flags has one origin: only the schedule's parts about it are read (start-up time).
  const origins = plan.input.kind === 'flags' ? [plan.defaults.origin] : undefined;
  const engine = await loadEngine({ scheduleFile: plan.schedule, scenario: plan.scenario, scenarioFile: plan.scenarioFile, htsTable: plan.htsTable, origins });
  // Plans are shared by their content unless --explain reads their decisions (Resolver, options.decisions).
  const resolver = new Resolver(engine, undefined, { decisions: plan.explain });
  const warnings = new DateWarnings(engine, warn);
  const out = new Out(outFile?.stream ?? io.stdout);
  const paint = await makePaint(plan.color);
  const flags = plan.input.kind === 'flags';
  // Customs fees: a line without an entry is an entry of its own, computed at once; grouped entries are summed
  // as their lines stream and computed after the last line (memory grows with distinct entries, not rows).
  const feeRules = plan.fees ? engine.fees : null;
  const calc = new CalcLines(engine, resolver, warnings, feeRules, plan.refunds, flags, plan.defaults);

  // Not while lines stream to the same terminal (csv, json or ndjson on a terminal stdout): they would tangle.
  const streamsToTerminal = Boolean(io.stdout.isTTY) && plan.format !== 'table';
  const progress = plan.input.kind === 'flags' || streamsToTerminal ? null : Progress.forRun(io.stderr, plan.quiet, inputNameOf(plan.input), io.now);
  // --range: its reporter and the core's range code, loaded only then.
  const rangeReport = plan.range ? await import('./range-report.js') : null;
  const html = plan.format === 'html' ? (await import('./html-calc.js')).htmlCalcReporter : undefined;
  const xlsx = plan.format === 'xlsx' ? (await import('./xlsx-reporter.js')).xlsxReporter({ lineRecord, passthroughColumns, formatCents, formatRate, lineColumns, maxRows: xlsxMaxRows(io.env), impactColumns: IMPACT_CSV_COLUMNS, impactPercent: IMPACT_PERCENT_COLUMNS }) : undefined;
  const sink: RowSink = {
    header: (header) => {
      if (rangeReport !== null) {
        calc.reporter = new rangeReport.RangeReporter({
          engine,
          resolver,
          header,
          out,
          format: plan.format as 'table' | 'csv' | 'json',
          limit: plan.limit,
          paint,
          raw: plan.raw,
          width: outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number }),
        });
        return;
      }
      // Impact figures: the default pass-through share is read (data/impact/) only for a run that has impact inputs.
      const impact = impactWanted(plan.input.kind === 'flags' ? plan.input.header : header, plan.passThrough);
      if (impact) calc.impact = { passThrough: plan.passThrough ?? defaultPassThrough().pct, sums: new ImpactSums() };
      calc.reporter = makeReporter(plan.format, {
        engine,
        header,
        out,
        limit: plan.limit,
        paint,
        raw: plan.raw,
        explain: plan.explain,
        fees: feeRules !== null,
        width: outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number }),
        xlsx,
        impact,
        html,
      });
    },
    row: (row, cells, header) => {
      calc.row(row, cells, header);
      // A quantity given by flag for a good whose MFN rate has no specific part would otherwise be silently ignored.
      // (With impact inputs the quantity is the units of the per-unit figures: used either way.)
      if (flags && row.quantity !== null && calc.impact === null) {
        const r = resolver.resolve(row);
        if (r.ok && r.plan.mfnSpecific === null) {
          warnings.add(`--quantity ${options.quantity ?? ''} is not used: the MFN rate of this good is ad valorem (${formatRate(r.plan.mfn)}%), so the duty does not depend on the quantity`);
        }
      }
    },
    rejected: (issue, cells, header) => calc.reject(issue, cells, header),
    afterBatch: async () => {
      await out.flush(false);
      return !out.closed;
    },
  };
  const readOpts = { defaults: plan.defaults, progress };
  const input = plan.input;
  // node:os only for --jobs auto: a one-import run does not load it.
  const jobs = plan.jobs === 'auto' ? (await import('node:os')).availableParallelism() : plan.jobs;
  const summary =
    // Impact figures are summed on one thread (parallel.ts also keeps a file with impact columns on the main thread).
    input.kind !== 'flags' && plan.format !== 'table' && plan.format !== 'xlsx' && plan.format !== 'html' && !plan.range && jobs > 1 && plan.passThrough === undefined && userFilesAreRegular(plan) && !isWorkbook(input)
      ? await readRowsParallel(
          input,
          io.stdin,
          readOpts,
          {
            sink,
            part: (r) => {
              calc.merge(r.delta);
              calc.reporter!.append(r);
            },
            flush: async () => {
              await out.flush(false);
              return !out.closed;
            },
          },
          {
            jobs,
            partBytes: partBytes(io.env),
            trace: io.env.TARIFF_TRACE_PARTS ? (s) => io.stderr.write(`tariff: ${s}\n`) : undefined,
            init: {
              engine: { scheduleFile: plan.schedule, scenario: plan.scenario, scenarioFile: plan.scenarioFile, htsTable: plan.htsTable },
              format: plan.format,
              raw: plan.raw,
              explain: plan.explain,
              refunds: plan.refunds,
              fees: plan.fees,
              defaults: plan.defaults,
            },
          },
        )
      : await readRows(input, io.stdin, readOpts, sink);
  if (outFile !== null && out.closed) return outFile.failed(io);
  if (out.closed) return EXIT.ok; // the reader went away (e.g. | head): stop quietly
  warnings.finish();

  if (summary.usedDefaultDate && plan.dateIsToday) {
    warnings.add(
      flags
        ? `no --date given: computed for today, ${io.today}`
        : `rows without a date are computed for today, ${io.today}; give --date or a date column for the entry date`,
    );
  }
  const { totals, feeTotals, yearNotes } = calc;
  const reporter = calc.reporter!;
  let groupedFees = 0n;
  if (feeRules !== null) {
    const entries = [...calc.grouped.values()].map((e) => entryFees(feeRules, e));
    for (const e of entries) {
      feeTotals.mpf += e.mpf;
      feeTotals.hmf += e.hmf;
      groupedFees += e.mpf + e.hmf;
      if (e.yearNote !== null) yearNotes.add(e.yearNote);
    }
    if (entries.length > 0 && !plan.refunds) reporter.entries(entries.map(entryRecord));
    const mixed = entries.filter((e) => e.mixed);
    if (mixed.length > 0) {
      warnings.add(`${plural(mixed.length, 'entry')} (${mixed.slice(0, 5).map((e) => e.entry).join(', ')}${mixed.length > 5 ? ', …' : ''}) mix entry dates or modes: the first line's date picks the MPF fiscal year; each line's own mode decides its HMF`);
    }
    for (const n of yearNotes) warnings.add(n);
  } else if (plan.fees && engine.fees === null && !plan.quiet) {
    warnings.add(`schedule ${engine.scheduleId} names no customs fees: MPF and HMF are not computed`);
  }
  const t = totalsRecord(engine, totals, feeRules === null ? null : feeTotals);
  if (calc.impact !== null) {
    // The fees of entries grouped by an entry column belong to no one line: they join the landed cost of the total.
    calc.impact.sums.addFees(groupedFees);
    t.impact = totalsImpactRecord(calc.impact.sums);
  }
  reporter.end(t, warnings.list);
  await out.flush();
  if (outFile !== null && !(await outFile.close())) return outFile.failed(io);

  const value = t.fees === undefined ? t.value : `${t.value}; fees ${t.fees} (MPF ${t.mpf}, HMF ${t.hmf}); duty + fees ${t.total}`;
  summarise(io, errPaint, plan.format, plan.quiet, summary.inputName, t.lines, t.rejected, t.duty, value, calc.rejectedSample);
  if (plan.refunds && !plan.quiet) {
    io.stderr.write(`${summary.inputName}: ${plural(totals.refundableLines, 'line')} with refundable duty, ${t.refundable} in all\n`);
  }
  return totals.rejected > 0 ? EXIT.rejected : EXIT.ok;
}

/** An .xlsx input is read on the main thread: workers cut CSV text into parts. */
function isWorkbook(input: InputSpec): boolean {
  return input.kind === 'file' && sniffFile(input.path) !== 'other';
}

/** Workers read the user's schedule, scenario and MFN files again: only regular files can be (not a pipe, say). */
function userFilesAreRegular(plan: CalcPlan): boolean {
  return [plan.schedule, plan.scenarioFile, plan.htsTable].every((f) => {
    if (f === undefined) return true;
    try {
      return statSync(f).isFile();
    } catch {
      return false; // the engine's loading says what is wrong
    }
  });
}

/**
 * TARIFF_PART_BYTES sets the size of the parts handed to workers (for tests of the cutting). The default:
 * measured on 1,000,000 rows with 2 workers, parts of 256 KiB, 1 MiB and 4 MiB took the same time within
 * this machine's noise, and the smaller ones hold less memory (about 280, 310 and 450 MB at peak).
 */
function xlsxMaxRows(env: Record<string, string | undefined>): number | undefined {
  const n = Number(env.TARIFF_XLSX_MAX_ROWS);
  return Number.isInteger(n) && n >= 2 ? n : undefined;
}

function partBytes(env: Record<string, string | undefined>): number {
  const n = Number(env.TARIFF_PART_BYTES);
  return Number.isInteger(n) && n > 0 ? n : 256 << 10;
}

function summarise(
  io: CliIo,
  paint: Paint,
  format: Format,
  quiet: boolean,
  inputName: string,
  lines: number,
  rejected: number,
  duty: string,
  value: string,
  sample: RowIssue[],
): void {
  inputName = displayText(inputName);
  // CSV and a workbook carry no totals line of their own on the terminal: it goes to stderr.
  const totalsLine = format === 'csv' || format === 'xlsx' || format === 'html';
  if (totalsLine && !quiet) {
    io.stderr.write(`${inputName}: ${plural(lines, 'line')} computed, ${rejected} rejected; duty ${duty} on customs value ${value}\n`);
  }
  if (rejected === 0) return;
  if (!totalsLine || quiet) io.stderr.write(`${inputName}: ${plural(lines, 'line')} computed, ${paint.red(`${rejected} rejected`)}\n`);
  for (const r of sample) {
    io.stderr.write(`  ${inputName}${r.line === null ? '' : ` line ${r.line}`}, ${r.field === '(row)' ? 'row' : `column "${displayText(r.field)}"`}: ${displayText(r.reason)}\n`);
  }
  if (rejected > sample.length) io.stderr.write(`  … and ${rejected - sample.length} more; every rejected row is in the output\n`);
}
