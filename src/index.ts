/**
 * The library entry: `import { calc, compare, timeline, explain, range } from 'tariff-duties'`.
 *
 * Each function runs the same command the CLI runs (in the process, on
 * in-memory streams) and returns its `--format json` document as plain data:
 * money and rates are strings exact to the cent / micro-percent, as in the JSON
 * contract. Rows are plain objects named like the CSV columns (value, hts,
 * category, date, origin, mfn_rate, id, entry, mode, quantity, unit,
 * us_content, metal_value, loaded, auto_part; any other key is passed through to
 * `columns`). A row that cannot be computed is not an error: it is listed in
 * `rejected` with its line, field and reason. A bad option, schedule or
 * scenario throws a typed error (UsageError, DataFileError,
 * UnknownScenarioError, InputError) with the message the CLI prints.
 */
import { Readable } from 'node:stream';
import { CommanderError } from 'commander';
import { isCalendarDate } from './values/dates.js';
import { memoryIo, rowsCsv, type ImportRow, type InMemoryOptions, type InMemoryRun, type Rows } from './cli/in-memory.js';
import { localToday } from './cli/main.js';
import { buildProgram } from './cli/program.js';
import { UsageError } from './errors.js';
import type { CompareReport } from './cli/render/compare/index.js';
import type { EntryRecord, LineRecord, RejectedRecord, TotalsRecord } from './cli/render/records.js';
import type { TimelineReport } from './cli/commands/timeline.js';
import type { RangeResult } from './cli/render/calc/range-records.js';

export { UsageError, InputError, EXIT } from './errors.js';
export { DataFileError, UnknownScenarioError, loadEngine, loadSchedule, loadScenarioFile, loadMfnTable, bundledScenarioIds, DATA_DIR, DEFAULT_SCHEDULE } from './io/load.js';
export type { EngineRequest } from './io/load.js';
export { applyScenario } from './core/scenario.js';
export type { Engine } from './core/compile.js';
export type { Schedule, Scenario, MfnTable, Fees } from './schema/schedule.js';
export type { DataIssue } from './values/issues.js';
export type { CompareReport, EntryRecord, LineRecord, RejectedRecord, TotalsRecord, TimelineReport };
export type { DutyRecord, ExplainRecord } from './cli/render/records.js';
export type { Step as TimelineStep } from './core/timeline.js';
export type { RangeResult };
export type { FactsRecord, RangeEndRecord, RangeLineRecord, RangeTotalsRecord } from './cli/render/calc/range-records.js';
export type { FactName } from './core/range.js';

export type { ImportRow, Rows };

/** What every function takes: where the law comes from. */
export interface LawOptions {
  /** Your own schedule file instead of the bundled data/schedules/us.json. */
  schedule?: string | undefined;
  /** An MFN table file (from `tariff hts import`) instead of the bundled one. */
  htsTable?: string | undefined;
  /** Today, YYYY-MM-DD: the entry date of rows when neither the row nor the `date` option gives one (default: the local date). */
  today?: string | undefined;
}

export interface CalcOptions extends LawOptions {
  /** Entry date for rows without a date, YYYY-MM-DD. */
  date?: string | undefined;
  /** Country of origin for rows without one (default: the origin of data/defaults.json, JP). */
  origin?: string | undefined;
  /** MFN percent for rows without one, overriding the MFN table. */
  mfnRate?: string | undefined;
  /** Special program claimed by rows without an `spi` column (`--spi`): JP, KR, S, S+, C (README, the `spi` column). */
  spi?: string | undefined;
  /** Rows without a `transshipped` column were found transshipped to evade duties (`--transshipped`). */
  transshipped?: boolean | undefined;
  /**
   * Rows without an `auto_part` column are (true) or are not (false) parts of a passenger vehicle or light truck
   * (`--auto-part yes|no`; HTS ch. 99 U.S. note 33(f)): read by the Section 232 auto parts duty on provisions such as
   * 8471 that also hold other goods. Absent: not given (README, the `auto_part` column).
   */
  autoPart?: boolean | undefined;
  /** A bundled scenario id (default as-enacted). */
  scenario?: string | undefined;
  /** Your own scenario file (JSON). */
  scenarioFile?: string | undefined;
  /** Mode of transport for rows without one: ocean (default), air, truck, rail. */
  mode?: string | undefined;
  /** false: leave out the customs fees (MPF, HMF). */
  fees?: boolean | undefined;
  /** Every measure considered per line, whether it applied and why (`explain` on each line). */
  explain?: boolean | undefined;
  /** List only the lines with refundable duty (totals cover every line). */
  refunds?: boolean | undefined;
  /** The columns, in order (default: the keys of the first row, or of all rows when given an array). */
  columns?: string[] | undefined;
  /** Percent of the added duty passed on to the price (`--pass-through`; README "From duty to impact"). */
  passThrough?: string | undefined;
}

/** `tariff calc --format json`. */
export interface CalcResult {
  schedule: string;
  scenario: string;
  knownThrough: string;
  lines: LineRecord[];
  rejected: RejectedRecord[];
  /** Entries grouped by an `entry` column, with their fees (absent with `fees: false`). */
  entries?: EntryRecord[];
  totals: TotalsRecord;
  warnings: string[];
}

export interface CompareOptions extends LawOptions {
  /** Bundled scenarios; the first is the baseline (default: the CLI's default list). */
  scenarios?: string[] | undefined;
  /** Your own scenario files, after the named ones. */
  scenarioFiles?: string[] | undefined;
  /** Entry date for rows without a date, YYYY-MM-DD (as in calc). */
  date?: string | undefined;
  /** Evaluate every row on this entry date, ignoring the rows' own dates (`--on`). */
  on?: string | undefined;
  by?: 'category' | 'hts' | 'measure' | 'id' | undefined;
  /** Treat values as annual flows; amounts as run rates per year, month, day or hour. */
  per?: 'year' | 'month' | 'day' | 'hour' | undefined;
  origin?: string | undefined;
  mfnRate?: string | undefined;
  /** Special program claimed by rows without an `spi` column (`--spi`). */
  spi?: string | undefined;
  /** Rows without a `transshipped` column were found transshipped (`--transshipped`). */
  transshipped?: boolean | undefined;
  /** Rows without an `auto_part` column are (true) or are not (false) automobile parts (`--auto-part yes|no`, as in calc). */
  autoPart?: boolean | undefined;
  columns?: string[] | undefined;
  /** Percent of the added duty passed on to the price (`--pass-through`). */
  passThrough?: string | undefined;
}

export interface TimelineOptions extends LawOptions {
  from?: string | undefined;
  to?: string | undefined;
  /** Bundled scenarios (default: as-enacted). */
  scenarios?: string[] | undefined;
  scenarioFiles?: string[] | undefined;
  origin?: string | undefined;
  mfnRate?: string | undefined;
  /** Special program the good claims (or rows of a basket without an `spi` column): `--spi`. */
  spi?: string | undefined;
  /** The good (or rows of a basket without a `transshipped` column) was found transshipped: `--transshipped`. */
  transshipped?: boolean | undefined;
  /**
   * The good (or rows of a basket without an `auto_part` column) is (true) or is not (false) a part of a passenger
   * vehicle or light truck: `--auto-part yes|no`, as in calc.
   */
  autoPart?: boolean | undefined;
  columns?: string[] | undefined;
}

/** One good for a timeline: an HTS code or a category. */
export interface Good {
  hts?: string | undefined;
  category?: string | undefined;
}

/** Duties, per measure and line, of every row (`tariff calc --format json`). */
export async function calc(rows: Rows, options: CalcOptions = {}): Promise<CalcResult> {
  const argv = ['calc', '-', '--format', 'json'];
  lineFlags(argv, options);
  if (options.fees === false) argv.push('--no-fees');
  if (options.transshipped) argv.push('--transshipped');
  autoPartFlag(argv, options.autoPart);
  if (options.explain) argv.push('--explain');
  if (options.refunds) argv.push('--refunds');
  flag(argv, '--pass-through', options.passThrough);
  lawFlags(argv, options);
  return json<CalcResult>(argv, rows, options);
}

/** What `range` takes: calc's options that say how a line is computed (not its output options). */
export type RangeOptions = Omit<CalcOptions, 'explain' | 'refunds' | 'fees' | 'passThrough'>;

/**
 * Per line and in total, the lowest and highest duty the law allows over the facts a line did not give (loading
 * date, US content, metal value, special program, whether a good is an automobile part, a measure's assumption), and the facts that give each end
 * (`tariff calc --range --format json`; README "Ranges").
 */
export async function range(rows: Rows, options: RangeOptions = {}): Promise<RangeResult> {
  const argv = ['calc', '-', '--range', '--format', 'json'];
  lineFlags(argv, options);
  if (options.transshipped) argv.push('--transshipped');
  autoPartFlag(argv, options.autoPart);
  lawFlags(argv, options);
  return json<RangeResult>(argv, rows, options);
}

/** Why each measure did or did not apply to one import: `calc` with `explain`, each line carrying `explain`. */
export async function explain(row: ImportRow, options: Omit<CalcOptions, 'explain' | 'columns'> = {}): Promise<CalcResult> {
  return calc([row], { ...options, explain: true });
}

/** compare's options with a flag of their own: option, flag. */
const COMPARE_FLAGS = [['date', '--date'], ['on', '--on'], ['by', '--by'], ['per', '--per'], ['origin', '--origin'], ['mfnRate', '--mfn-rate'], ['spi', '--spi'], ['passThrough', '--pass-through']] as const;

/** The same rows under several scenarios, side by side (`tariff compare --format json`). */
export async function compare(rows: Rows, options: CompareOptions = {}): Promise<CompareReport> {
  const argv = ['compare', '-', '--format', 'json'];
  if (options.scenarios !== undefined) argv.push('--scenarios', options.scenarios.join(','));
  for (const f of options.scenarioFiles ?? []) argv.push('--scenario-file', f);
  for (const [key, name] of COMPARE_FLAGS) flag(argv, name, options[key]);
  if (options.transshipped) argv.push('--transshipped');
  autoPartFlag(argv, options.autoPart);
  lawFlags(argv, options);
  return json<CompareReport>(argv, rows, options);
}

/** Every date on which the effective rate of a good, or of a value-weighted basket of rows, changes (`tariff timeline --format json`). */
export async function timeline(goods: Good | Rows, options: TimelineOptions = {}): Promise<TimelineReport> {
  const argv = ['timeline'];
  const basket = isIterable(goods);
  if (basket) argv.push('-');
  else {
    flag(argv, '--hts', goods.hts);
    flag(argv, '--category', goods.category);
    if (goods.hts === undefined && goods.category === undefined) throw new TypeError('timeline: give { hts } or { category }, or rows for a basket');
  }
  argv.push('--format', 'json');
  flag(argv, '--from', options.from);
  flag(argv, '--to', options.to);
  if (options.scenarios !== undefined) argv.push('--scenarios', options.scenarios.join(','));
  for (const f of options.scenarioFiles ?? []) argv.push('--scenario-file', f);
  flag(argv, '--origin', options.origin);
  flag(argv, '--mfn-rate', options.mfnRate);
  flag(argv, '--spi', options.spi);
  if (options.transshipped) argv.push('--transshipped');
  autoPartFlag(argv, options.autoPart);
  lawFlags(argv, options);
  return json<TimelineReport>(argv, basket ? goods : null, options);
}

function flag(argv: string[], name: string, value: string | undefined): void {
  if (value !== undefined) argv.push(name, value);
}

/** `autoPart` as the flag takes it: true is yes, false is no (a fact given), undefined not given. */
function autoPartFlag(argv: string[], value: boolean | undefined): void {
  if (value === undefined) return;
  // A string "no" would be truthy: an untyped caller's value is checked, never coerced.
  if (typeof value !== 'boolean') throw new UsageError(`autoPart must be true or false, got ${JSON.stringify(value)}`);
  argv.push('--auto-part', value ? 'yes' : 'no');
}

/** How calc and range compute a line that does not say (its date, origin, MFN rate, scenario and mode): option, flag. */
const LINE_FLAGS = [['date', '--date'], ['origin', '--origin'], ['mfnRate', '--mfn-rate'], ['spi', '--spi'], ['scenario', '--scenario'], ['scenarioFile', '--scenario-file'], ['mode', '--mode']] as const;

function lineFlags(argv: string[], o: RangeOptions): void {
  for (const [key, name] of LINE_FLAGS) flag(argv, name, o[key]);
}

function lawFlags(argv: string[], o: LawOptions): void {
  flag(argv, '--schedule', o.schedule);
  flag(argv, '--hts-table', o.htsTable);
}

function isIterable(x: unknown): x is Rows {
  return x !== null && typeof x === 'object' && (Symbol.iterator in x || Symbol.asyncIterator in x);
}

async function json<T>(argv: string[], rows: Rows | null, o: LawOptions & { columns?: string[] | undefined }): Promise<T> {
  const stdin = rows === null ? undefined : Readable.from(rowsCsv(rows, o.columns));
  const run = await runProgram(argv, { stdin, today: o.today ?? localToday() });
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    // Every error of a command is thrown as a typed error above; output that is not JSON is a bug of tariff.
    throw new Error(`tariff ${argv[0]} wrote no JSON document (exit code ${run.code}): ${run.stderr.trim()}`);
  }
}

/**
 * Runs `tariff ARGV` and lets the command's errors through as the typed errors
 * the command throws (UsageError, InputError, DataFileError, UnknownScenarioError);
 * a command-line problem found by commander becomes a UsageError with its message.
 */
async function runProgram(argv: string[], o: InMemoryOptions): Promise<InMemoryRun> {
  const { io, stdout, stderr } = memoryIo(o);
  if (!isCalendarDate(o.today)) throw new UsageError(`today must be a date YYYY-MM-DD, got "${o.today}"`);
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(e.message.replace(/^error: /, ''));
    throw e;
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
