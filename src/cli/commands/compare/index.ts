/**
 * `tariff compare`: the same rows under several scenarios (or as if from several origins), side by side, with
 * differences from the first. Rows are read once, streamed. The run: plan (plan.ts), engines, each row under
 * every column (rows.ts), the report (report.ts), then its output and the rejected rows on stderr.
 */
import type { Engine } from '../../../core/compile.js';
import { perPeriod } from '../../../core/compare.js';
import { EXIT, UsageError } from '../../../errors.js';
import { loadEngine } from '../../../io/load.js';
import { Out } from '../../../io/out.js';
import { formatCents } from '../../../values/money.js';
import { colorEnabled, makePaint } from '../../color.js';
import type { CompareOptions } from '../../command-options.js';
import { DateWarnings } from '../../date-warnings.js';
import { defaultPassThrough } from '../../impact-setup.js';
import { inputNameOf, plural, readRows } from '../../input.js';
import type { CliIo } from '../../io.js';
import { Progress } from '../../progress.js';
import { renderCompare, type CompareReport } from '../../render/compare/index.js';
import { displayText } from '../../render/display.js';
import { outputWidth } from '../../render/fit.js';
import { CompareImpact, compareImpactWanted } from '../../render/impact/diff.js';
import { planCompare, type ComparePlan } from './plan.js';
import { buildReport, cheapestOrigin } from './report.js';
import { CompareRows } from './rows.js';

export async function runCompare(file: string | undefined, o: CompareOptions, io: CliIo): Promise<number> {
  const plan = planCompare(file, o, io);
  const { input, by, per } = plan;
  const errPaint = await makePaint(colorEnabled(Boolean(io.stderr.isTTY), io.env, o.color === false));
  const warn = (s: string) => io.stderr.write(`${errPaint.yellow('warning')}: ${displayText(s, { keepLines: true })}\n`);
  const { engines, originsScenario } = await loadEngines(plan, o);
  // --range: the core's range code, loaded only then.
  const range = o.range ? await import('../../../core/range.js') : null;
  const rows = new CompareRows(engines, by, plan.origins, plan.html && by !== 'measure', range);
  const dates = new DateWarnings(engines[0]!, warn);
  const progress = input.kind === 'flags' ? null : Progress.forRun(io.stderr, Boolean(o.quiet), inputNameOf(input), io.now);
  const summary = await readRows(input, io.stdin, { defaults: plan.defaults, forceDate: o.on, progress }, {
    header: (h) => {
      if (input.kind === 'flags' ? compareImpactWanted(input.header, plan.passThrough, o.quantity !== undefined) : compareImpactWanted(h, plan.passThrough)) {
        rows.impact = new CompareImpact(engines.length, by, plan.passThrough ?? defaultPassThrough().pct, engines.map((e) => e.fees));
      }
    },
    row: (row, _cells, header) => {
      dates.check(row.date, row.origin);
      rows.row(row, header);
    },
    rejected: (issue) => rows.reject(issue),
    afterBatch: async () => true,
  });
  dates.finish();
  if (summary.usedDefaultDate && o.date === undefined && o.on === undefined) {
    warn(`rows without a date are evaluated for today, ${io.today}; give --date for their entry date, or --on to evaluate every row on one date`);
  }
  const report = buildReport(engines, rows.sums, by, per, o.date ?? null, rows.rejected, o.on ?? null, rows.differentRows, rows.impact);
  if (range !== null) {
    report.scenarios.forEach((s, i) => {
      s.totals.low = formatCents(perPeriod(rows.ranges[i]!.low, per));
      s.totals.high = formatCents(perPeriod(rows.ranges[i]!.high, per));
    });
  }
  report.warnings = dates.list;
  const groupedEntryLines = rows.impact?.groupedEntryLines ?? 0;
  if (groupedEntryLines > 0) {
    const w = `${plural(groupedEntryLines, 'line')} of entries grouped by an entry column: their customs fees are per entry, so not in their landed cost here (tariff calc adds them to the total)`;
    warn(w);
    report.warnings = [...report.warnings, w];
  }
  if (originsScenario !== null) report.origins = { scenario: originsScenario, cheapest: cheapestOrigin(rows.sums) };
  const written = await writeReport(file, o, io, plan, report, () =>
    rows.measureSums === null ? null : buildReport(engines, rows.measureSums, 'measure', per, o.date ?? null, rows.rejected, o.on ?? null, rows.differentRows),
  summary.inputName);
  if (written !== null) return written;
  return reportRejected(io, summary.inputName, rows, report);
}

/**
 * One engine per scenario (named, then files), each once; with --origins, one column per origin under the one
 * scenario (`originsScenario`, null without --origins).
 */
async function loadEngines(plan: ComparePlan, o: CompareOptions): Promise<{ engines: Engine[]; originsScenario: string | null }> {
  const engines: Engine[] = [];
  for (const scenario of plan.names) engines.push(await loadEngine({ scheduleFile: o.schedule, scenario, htsTable: o.htsTable }));
  for (const scenarioFile of plan.files) engines.push(await loadEngine({ scheduleFile: o.schedule, scenarioFile, htsTable: o.htsTable }));
  const seen = new Set<string>();
  for (const e of engines) {
    if (seen.has(e.scenario)) throw new UsageError(`scenario "${e.scenario}" is listed twice`);
    seen.add(e.scenario);
  }
  if (plan.origins === null) return { engines, originsScenario: null };
  const { uncoveredOrigin } = await import('../../../core/resolve.js');
  const base = engines[0]!;
  const uncovered = plan.origins.find((c) => !base.origins.has(c));
  if (uncovered !== undefined) throw new UsageError(`--origins: ${uncoveredOrigin(base, uncovered)}`);
  // One column per origin: the same engine for each, named by the origin (the scenario is said in report.origins).
  return { engines: plan.origins.map((c) => ({ ...base, scenario: c })), originsScenario: base.scenario };
}

/** The report to stdout or --out (through a temporary file renamed when complete); an exit code when that failed. */
async function writeReport(
  file: string | undefined,
  o: CompareOptions,
  io: CliIo,
  plan: ComparePlan,
  report: CompareReport,
  byMeasure: () => CompareReport | null,
  inputName: string,
): Promise<number | null> {
  let outFile = null;
  if (o.out !== undefined) {
    const { OutFile, refuseInputAsOutput } = await import('../../../io/out-file.js');
    refuseInputAsOutput(o.out, [file, o.schedule, ...(o.scenarioFile ?? []), o.htsTable]);
    outFile = await OutFile.open(o.out);
  }
  if (outFile !== null && !outFile.ok) return outFile.failed(io);
  try {
    const out = new Out(outFile?.stream ?? io.stdout);
    if (plan.workbook) (await import('../../render/compare/xlsx.js')).writeCompareWorkbook(report, (b) => out.take(b));
    else if (plan.html) out.push((await import('../../render/compare/html.js')).renderCompareHtml(report, { byMeasure: byMeasure(), inputName }));
    else {
      const toTerminal = plan.format === 'table' && outFile === null;
      const chart = toTerminal && Boolean(io.stdout.isTTY);
      const paint = await makePaint(toTerminal && colorEnabled(Boolean(io.stdout.isTTY), io.env, o.color === false));
      const width = outFile === null ? outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number }) : null;
      out.push(renderCompare(report, plan.format, { paint, chart, raw: Boolean(o.raw), width }));
    }
    await out.flush();
    if (outFile !== null && !(await outFile.close())) return outFile.failed(io);
    return null;
  } finally {
    outFile?.discard();
  }
}

/** The rows rejected in at least one column, on stderr (the first ten), and the differences that are not like for like. */
function reportRejected(io: CliIo, inputName: string, rows: CompareRows, report: CompareReport): number {
  if (!rows.sums.some((s) => s.rejected > 0)) return EXIT.ok;
  const { rejected } = rows;
  const name = displayText(inputName);
  io.stderr.write(`${name}: ${plural(rejected.length, 'row')} rejected in at least one scenario\n`);
  for (const r of rejected.slice(0, 10)) {
    io.stderr.write(`  ${name}${r.line === null ? '' : ` line ${r.line}`}, ${r.field === '(row)' ? 'row' : `column "${displayText(r.field)}"`}: ${displayText(r.reason)}${r.scenarios ? ` (in ${r.scenarios.join(', ')})` : ''}\n`);
  }
  if (rejected.length > 10) io.stderr.write(`  … and ${rejected.length - 10} more; every rejected row is in the json output\n`);
  for (const d of report.differences) {
    if (d.differentRows > 0) {
      io.stderr.write(`  the difference ${d.scenario} − ${d.vs} is not like for like: ${plural(d.differentRows, 'row')} computed under only one of the two (it includes their duty)\n`);
    }
  }
  return EXIT.rejected;
}
