/** compare's options checked into a plan: formats, grouping, dates, scenarios or origins, the input. No I/O. */
import { GROUP_BYS, PERS, type GroupBy, type Per } from '../../../core/compare.js';
import { UsageError } from '../../../errors.js';
import type { RowDefaults } from '../../../schema/row.js';
import type { RateMicro } from '../../../values/money.js';
import type { CompareOptions } from '../../command-options.js';
import { defaultCompareScenarios, defaultMode } from '../../defaults.js';
import { flagPassThrough } from '../../impact-setup.js';
import type { InputSpec } from '../../input.js';
import type { CliIo } from '../../io.js';
import { flagAutoPart, flagDate, flagMfnRate, flagOrigin, flagSpi } from '../../options.js';
import { planInput } from '../../plan-input.js';
import type { CompareFormat } from '../../render/compare/index.js';

const COMPARE_FORMATS: readonly CompareFormat[] = ['table', 'csv', 'json', 'markdown'];

export interface ComparePlan {
  /** The report's format (json for a workbook or a page, which are written from it). */
  format: CompareFormat;
  workbook: boolean;
  html: boolean;
  by: GroupBy;
  per: Per | null;
  /** --origins: the columns are these origins under one scenario; null: the columns are scenarios. */
  origins: string[] | null;
  /** Bundled scenarios, then scenario files; the first is the baseline. */
  names: string[];
  files: string[];
  input: InputSpec;
  passThrough: RateMicro | undefined;
  defaults: RowDefaults;
}

export function planCompare(file: string | undefined, o: CompareOptions, io: CliIo): ComparePlan {
  const { format, workbook, html } = compareFormat(o, io);
  const by = (o.by ?? 'category') as GroupBy;
  if (!GROUP_BYS.includes(by)) throw new UsageError(`--by must be one of ${GROUP_BYS.join(', ')}, got "${o.by}"`);
  const per = (o.per ?? null) as Per | null;
  if (per !== null && !PERS.includes(per)) throw new UsageError(`--per must be one of ${PERS.join(', ')}, got "${o.per}"`);
  flagDate('--date', o.date);
  flagDate('--on', o.on);
  if (o.date !== undefined && o.on !== undefined) {
    throw new UsageError('give --date (entry date of rows without one) or --on (every row on that date), not both');
  }
  const origin = flagOrigin(o.origin);
  const mfn = flagMfnRate(o.mfnRate);
  // Scenario files are added to the named scenarios (by default the three bundled ones); the first is the baseline.
  // --origins: the columns are origins under one scenario (as-enacted unless named), not scenarios.
  const origins = o.origins === undefined ? null : o.origins.split(',').map((s) => flagOrigin(s.trim()));
  if (origins !== null && origins.length < 1) throw new UsageError('--origins needs at least one origin code, e.g. --origins CN,VN,MX,JP');
  if (origins !== null && new Set(origins).size < origins.length) throw new UsageError(`--origins lists an origin twice: ${origins.join(',')}`);
  const names = o.scenarios === undefined ? (origins === null ? defaultCompareScenarios() : defaultCompareScenarios().slice(0, 1)) : o.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  const files = o.scenarioFile ?? [];
  if (names.length + files.length < 1) throw new UsageError('--scenarios needs at least one scenario name');
  if (origins !== null && names.length + files.length > 1) {
    throw new UsageError('--origins compares origins under one scenario: give at most one of --scenarios NAME or --scenario-file FILE', 'e.g. tariff compare lines.csv --origins CN,VN,MX --scenarios no-deal');
  }
  const input = planInput(file, o, io, 'compare');
  const passThrough = flagPassThrough(o.passThrough);
  // --date is what it is in calc: the entry date of rows without one. --on evaluates every row on one date.
  const defaults: RowDefaults = { date: o.date ?? io.today, origin, mfn, mode: defaultMode(), autoPart: flagAutoPart(o.autoPart), spi: flagSpi(o.spi), transshipped: o.transshipped === true };
  return { format, workbook, html, by, per, origins, names, files, input, passThrough, defaults };
}

function compareFormat(o: CompareOptions, io: CliIo): { format: CompareFormat; workbook: boolean; html: boolean } {
  // An Excel workbook (--format xlsx, or --out FILE.xlsx) is written from the json report; to a file, csv otherwise.
  const workbook = o.format === 'xlsx' || (o.format === undefined && o.out !== undefined && /\.xlsx$/i.test(o.out));
  if (workbook && o.out === undefined && io.stdout.isTTY) {
    throw new UsageError('--format xlsx writes a binary workbook: give --out FILE.xlsx, or redirect stdout to a file', 'e.g. tariff compare lines.csv --format xlsx --out compare.xlsx');
  }
  // A page (--format html, or --out FILE.html): written from the json report too (render/compare/html.ts).
  const html = o.format === 'html' || (o.format === undefined && o.out !== undefined && /\.html?$/i.test(o.out));
  if (html && o.out === undefined && io.stdout.isTTY) {
    throw new UsageError('--format html writes a web page: give --out FILE.html, or redirect stdout to a file', 'e.g. tariff compare lines.csv --format html --out compare.html');
  }
  const format = (workbook || html ? 'json' : (o.format ?? (io.stdout.isTTY && o.out === undefined ? 'table' : 'csv'))) as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${COMPARE_FORMATS.join(', ')}, got "${o.format}"`);
  return { format, workbook, html };
}
