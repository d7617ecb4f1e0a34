/** calc's options checked into a plan: what the run needs, no I/O yet (so a dry run is free). */
import { MODES, type Mode } from '../../../core/fees.js';
import { UsageError } from '../../../errors.js';
import type { RowDefaults } from '../../../schema/row.js';
import type { RateMicro } from '../../../values/money.js';
import { colorEnabled } from '../../color.js';
import type { CalcOptions } from '../../command-options.js';
import { defaultMode } from '../../defaults.js';
import { flagPassThrough } from '../../impact-setup.js';
import type { InputSpec } from '../../input.js';
import type { CliIo } from '../../io.js';
import { flagAutoPart, flagDate, flagMfnRate, flagOrigin, flagSpi } from '../../options.js';
import { planInput } from '../../plan-input.js';
import { FORMATS, type Format } from '../../render/calc/reporters.js';

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
  /** --out FILE, else null (stdout). */
  outFile: string | null;
  /** --pass-through, when given (else the bundled default, read only if the run has impact inputs). */
  passThrough: RateMicro | undefined;
  /** --range: the range report instead of the lines (render/calc/range.ts). */
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
  const origin = flagOrigin(o.origin);
  const mfn = flagMfnRate(o.mfnRate);
  const defaults: RowDefaults = { date: o.date ?? io.today, origin, mfn, mode: planMode(o.mode), spi: flagSpi(o.spi), transshipped: o.transshipped === true, autoPart: flagAutoPart(o.autoPart) };

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
    outFile,
    passThrough: flagPassThrough(o.passThrough),
    range,
  };
}

function planMode(mode: string | undefined): Mode {
  const m = (mode ?? defaultMode()).toLowerCase();
  if (!(MODES as readonly string[]).includes(m)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  return m as Mode;
}
