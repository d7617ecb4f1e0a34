/**
 * Where calc's rows go: the header picks the reporter (the format's, or --range's) and whether impact figures are
 * computed; each row is computed by CalcLines; after each batch the output is flushed (back-pressure).
 */
import type { Engine } from '../../../core/compile.js';
import type { FeeRules } from '../../../core/fees.js';
import { ImpactSums } from '../../../core/impact.js';
import type { Resolver } from '../../../core/resolve.js';
import type { Out } from '../../../io/out.js';
import type { HeaderMap } from '../../../schema/row.js';
import { formatCents, formatRate } from '../../../values/money.js';
import { makePaint, type Paint } from '../../color.js';
import type { CalcOptions } from '../../command-options.js';
import type { DateWarnings } from '../../date-warnings.js';
import { defaultPassThrough, impactWanted } from '../../impact-setup.js';
import type { RowSink } from '../../input.js';
import type { CliIo } from '../../io.js';
import { lineColumns } from '../../render/calc/csv.js';
import { makeReporter, type Reporter, type ReporterContext } from '../../render/calc/reporters.js';
import { outputWidth } from '../../render/fit.js';
import { IMPACT_CSV_COLUMNS, IMPACT_PERCENT_COLUMNS } from '../../render/impact/records.js';
import { lineRecord, passthroughColumns } from '../../render/records.js';
import type { CalcLines } from './lines.js';
import type { CalcPlan } from './plan.js';

/** What one calc run is made of, once set up. */
export interface CalcRun {
  plan: CalcPlan;
  options: CalcOptions;
  io: CliIo;
  engine: Engine;
  resolver: Resolver;
  warnings: DateWarnings;
  out: Out;
  /** Customs fee rules, or null with --no-fees. */
  feeRules: FeeRules | null;
  calc: CalcLines;
  /** Colours of stderr. */
  errPaint: Paint;
}

/** The reporters a run may need beyond the four built in, loaded only for their format (or --range). */
interface Loaded {
  range: typeof import('../../render/calc/range.js') | null;
  html: ((ctx: ReporterContext) => Reporter) | undefined;
  xlsx: ((ctx: ReporterContext) => Reporter) | undefined;
}

export async function makeSink(run: CalcRun): Promise<RowSink> {
  const { plan, io, out, calc } = run;
  const paint = await makePaint(plan.color);
  const loaded: Loaded = {
    // --range: its reporter and the core's range code, loaded only then.
    range: plan.range ? await import('../../render/calc/range.js') : null,
    html: plan.format === 'html' ? (await import('../../render/calc/html.js')).htmlCalcReporter : undefined,
    xlsx:
      plan.format === 'xlsx'
        ? (await import('../../render/calc/xlsx.js')).xlsxReporter({ lineRecord, passthroughColumns, formatCents, formatRate, lineColumns, maxRows: xlsxMaxRows(io.env), impactColumns: IMPACT_CSV_COLUMNS, impactPercent: IMPACT_PERCENT_COLUMNS })
        : undefined,
  };
  return {
    header: (header) => {
      calc.reporter = reporterFor(run, header, paint, loaded);
    },
    row: (row, cells, header) => {
      calc.row(row, cells, header);
      if (plan.input.kind === 'flags' && row.quantity !== null && calc.impact === null) warnUnusedQuantity(run, row);
    },
    rejected: (issue, cells, header) => calc.reject(issue, cells, header),
    afterBatch: async () => {
      await out.flush(false);
      return !out.closed;
    },
  };
}

/** The reporter for the input's header; also decides whether the run computes impact figures. */
function reporterFor(run: CalcRun, header: HeaderMap | null, paint: Paint, loaded: Loaded): Reporter {
  const { plan, io, engine, out, calc } = run;
  const width = outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number });
  if (loaded.range !== null) {
    const format = plan.format as 'table' | 'csv' | 'json';
    return new loaded.range.RangeReporter({ engine, resolver: run.resolver, header, out, format, limit: plan.limit, paint, raw: plan.raw, width });
  }
  // Impact figures: the default pass-through share is read (data/impact/) only for a run that has impact inputs.
  const impact = impactWanted(plan.input.kind === 'flags' ? plan.input.header : header, plan.passThrough);
  // csv shows the impact figures of each line and no totals of them (its summary on stderr is the duty's): no sums.
  if (impact) calc.impact = { passThrough: plan.passThrough ?? defaultPassThrough().pct, sums: plan.format === 'csv' ? null : new ImpactSums() };
  const ctx: ReporterContext = { engine, header, out, limit: plan.limit, paint, raw: plan.raw, explain: plan.explain, fees: run.feeRules !== null, width, xlsx: loaded.xlsx, impact, html: loaded.html };
  return makeReporter(plan.format, ctx);
}

/**
 * A quantity given by flag for a good whose MFN rate has no specific part would otherwise be silently ignored.
 * (With impact inputs the quantity is the units of the per-unit figures: used either way.)
 */
function warnUnusedQuantity(run: CalcRun, row: Parameters<Resolver['resolve']>[0]): void {
  const r = run.resolver.resolve(row);
  if (r.ok && r.plan.mfnSpecific === null) {
    run.warnings.add(`--quantity ${run.options.quantity ?? ''} is not used: the MFN rate of this good is ad valorem (${formatRate(r.plan.mfn)}%), so the duty does not depend on the quantity`);
  }
}

/** TARIFF_XLSX_MAX_ROWS lowers Excel's row limit (for tests of the limit). */
function xlsxMaxRows(env: Record<string, string | undefined>): number | undefined {
  const n = Number(env.TARIFF_XLSX_MAX_ROWS);
  return Number.isInteger(n) && n >= 2 ? n : undefined;
}
