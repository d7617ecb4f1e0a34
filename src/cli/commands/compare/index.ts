/**
 * `tariff compare`: the same rows under several scenarios, side by side,
 * with differences from the first scenario. Rows are read once, streamed.
 */
import type { Engine } from '../../../core/compile.js';
import { addLine, GROUP_BYS, PERS, perPeriod, perPeriodParts, percentChange, ScenarioSums, type GroupBy, type Per } from '../../../core/compare.js';
import { computeLineDuty, quantityProblem } from '../../../core/compute.js';
import { formatHts } from '../../../values/hts.js';
import { effectiveRate, formatCents } from '../../../values/money.js';
import { Resolver } from '../../../core/resolve.js';
import { EXIT, UsageError } from '../../../errors.js';
import { loadEngine } from '../../../io/load.js';
import { Out } from '../../../io/out.js';
import type { RowDefaults } from '../../../schema/row.js';
import { columnName } from '../../input.js';
import { planInput } from '../../plan-input.js';
import { colorEnabled, makePaint } from '../../color.js';
import { inputNameOf, plural, readRows } from '../../input.js';
import { Progress } from '../../progress.js';
import { DateWarnings } from '../../date-warnings.js';
import { outputWidth } from '../../render/fit.js';
import { displayText } from '../../render/display.js';
import { DEFAULT_SCENARIOS } from '../../defaults.js';
import type { CliIo } from '../../io.js';
import { flagDate, flagMfnRate, flagOrigin } from '../../options.js';
import { renderCompare, type CompareFormat, type CompareReport } from '../../render/compare/index.js';
import { CompareImpact, compareImpactWanted, impactDiff } from '../../render/impact/diff.js';
import { defaultPassThrough, flagPassThrough } from '../../impact-setup.js';
import type { CompareOptions } from '../../command-options.js';

const COMPARE_FORMATS: readonly CompareFormat[] = ['table', 'csv', 'json', 'markdown'];


interface RejectedRow {
  line: number | null;
  field: string;
  reason: string;
  /** Scenarios that refused the row, when not all of them did. */
  scenarios?: string[];
}

export async function runCompare(file: string | undefined, o: CompareOptions, io: CliIo): Promise<number> {
  // An Excel workbook (--format xlsx, or --out FILE.xlsx) is written from the json report; to a file, csv otherwise.
  const workbook = o.format === 'xlsx' || (o.format === undefined && o.out !== undefined && /\.xlsx$/i.test(o.out));
  if (workbook && o.out === undefined && io.stdout.isTTY) {
    throw new UsageError('--format xlsx writes a binary workbook: give --out FILE.xlsx, or redirect stdout to a file', 'e.g. tariff compare lines.csv --format xlsx --out compare.xlsx');
  }
  // A page (--format html, or --out FILE.html): written from the json report too (html-report.ts).
  const html = o.format === 'html' || (o.format === undefined && o.out !== undefined && /\.html?$/i.test(o.out));
  if (html && o.out === undefined && io.stdout.isTTY) {
    throw new UsageError('--format html writes a web page: give --out FILE.html, or redirect stdout to a file', 'e.g. tariff compare lines.csv --format html --out compare.html');
  }
  const format = (workbook || html ? 'json' : (o.format ?? (io.stdout.isTTY && o.out === undefined ? 'table' : 'csv'))) as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${COMPARE_FORMATS.join(', ')}, got "${o.format}"`);
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
  const names = o.scenarios === undefined ? (origins === null ? DEFAULT_SCENARIOS : ['as-enacted']) : o.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  const files = o.scenarioFile ?? [];
  if (names.length + files.length < 1) throw new UsageError('--scenarios needs at least one scenario name');
  if (origins !== null && names.length + files.length > 1) {
    throw new UsageError('--origins compares origins under one scenario: give at most one of --scenarios NAME or --scenario-file FILE', 'e.g. tariff compare lines.csv --origins CN,VN,MX --scenarios no-deal');
  }
  const input = planInput(file, o, io, 'compare');
  const passThrough = flagPassThrough(o.passThrough);
  // --date is what it is in calc: the entry date of rows without one. --on evaluates every row on one date.
  const defaults: RowDefaults = { date: o.date ?? io.today, origin, mfn, mode: 'ocean' };

  const errPaint = await makePaint(colorEnabled(Boolean(io.stderr.isTTY), io.env, o.color === false));
  const warn = (s: string) => io.stderr.write(`${errPaint.yellow('warning')}: ${displayText(s, { keepLines: true })}\n`);

  const engines: Engine[] = [];
  let originsOf: { scenario: string; cheapest: string | null } | null = null;
  for (const scenario of names) engines.push(await loadEngine({ scheduleFile: o.schedule, scenario, htsTable: o.htsTable }));
  for (const scenarioFile of files) engines.push(await loadEngine({ scheduleFile: o.schedule, scenarioFile, htsTable: o.htsTable }));
  const seen = new Set<string>();
  for (const e of engines) {
    if (seen.has(e.scenario)) throw new UsageError(`scenario "${e.scenario}" is listed twice`);
    seen.add(e.scenario);
  }
  if (origins !== null) {
    const { uncoveredOrigin } = await import('../../../core/resolve.js');
    const uncovered = origins.find((c) => !engines[0]!.origins.has(c));
    if (uncovered !== undefined) throw new UsageError(`--origins: ${uncoveredOrigin(engines[0]!, uncovered)}`);
    // One column per origin: the same engine (and one Resolver: its memo is keyed by origin) for each.
    const base = engines[0]!;
    engines.length = 0;
    for (const c of origins) engines.push({ ...base, scenario: c });
    originsOf = { scenario: base.scenario, cheapest: null };
  }
  const shared = origins === null ? null : new Resolver(engines[0]!);
  const resolvers = engines.map((e) => shared ?? new Resolver(e));
  const sums = engines.map((e) => new ScenarioSums(e.scenario));
  // The page also has the duty by measure when the report is grouped otherwise.
  const measureSums = html && by !== 'measure' ? engines.map((e) => new ScenarioSums(e.scenario)) : null;
  // --range: the core's range code, loaded only then; per scenario, the sums of the lines' lowest and highest duty.
  const range = o.range ? await import('../../../core/range.js') : null;
  const ranges = engines.map(() => ({ low: 0n, high: 0n }));
  const rejected: RejectedRow[] = [];
  /** Per scenario, rows computed under it or under the baseline but not under both: its difference is not like for like. */
  const differentRows = engines.map(() => 0);
  const head = engines[0]!;
  const dates = new DateWarnings(head, warn);

  const progress = input.kind === 'flags' ? null : Progress.forRun(io.stderr, Boolean(o.quiet), inputNameOf(input), io.now);
  // Impact figures (per-unit duty, landed cost, price and margin) when the rows have a quantity or impact inputs.
  let impact: CompareImpact | null = null;
  const summary = await readRows(input, io.stdin, { defaults, forceDate: o.on, progress }, {
    header: (h) => {
      if (input.kind === 'flags' ? compareImpactWanted(input.header, passThrough, o.quantity !== undefined) : compareImpactWanted(h, passThrough)) {
        impact = new CompareImpact(engines.length, by, passThrough ?? defaultPassThrough().pct, engines.map((e) => e.fees));
      }
    },
    row: (row, _cells, header) => {
      dates.check(row.date, row.origin);
      let refusal: { field: string; reason: string } | null = null;
      const refusedBy: string[] = [];
      resolvers.forEach((resolver, i) => {
        // --origins: the row as if from this column's origin.
        const good = origins === null ? row : { ...row, origin: origins[i]! };
        const r = resolver.resolve(good);
        if (!r.ok) {
          sums[i]!.rejected++;
          if (measureSums !== null) measureSums[i]!.rejected++;
          refusedBy.push(engines[i]!.scenario);
          refusal ??= { field: columnName(header, r.refusal.field), reason: r.refusal.reason };
          return;
        }
        const qp = quantityProblem(r.plan, row);
        if (qp !== null) {
          sums[i]!.rejected++;
          if (measureSums !== null) measureSums[i]!.rejected++;
          refusedBy.push(engines[i]!.scenario);
          refusal ??= { field: columnName(header, 'quantity'), reason: qp };
          return;
        }
        const duty = computeLineDuty(r.plan, row.value, row.quantity, row);
        addLine(sums[i]!, by, good, r.plan, duty, formatHts);
        (impact as CompareImpact | null)?.add(i, row, r.plan, duty);
        if (measureSums !== null) addLine(measureSums[i]!, 'measure', good, r.plan, duty, formatHts);
        if (range !== null) {
          const lr = range.lineRange(resolver, good);
          ranges[i]!.low += lr.low.duty;
          ranges[i]!.high += lr.high.duty;
        }
      });
      if (refusedBy.length > 0 && refusedBy.length < engines.length) {
        const baseRefused = refusedBy.includes(engines[0]!.scenario);
        engines.forEach((e, i) => {
          if (i > 0 && refusedBy.includes(e.scenario) !== baseRefused) differentRows[i]!++;
        });
      }
      if (refusal !== null) {
        const rr: RejectedRow = { line: row.line, ...(refusal as { field: string; reason: string }) };
        if (refusedBy.length < engines.length) rr.scenarios = refusedBy;
        rejected.push(rr);
      }
    },
    rejected: (issue) => {
      for (const s of sums) s.rejected++;
      for (const s of measureSums ?? []) s.rejected++;
      rejected.push({ line: issue.line, field: issue.field, reason: issue.reason });
    },
    afterBatch: async () => true,
  });

  dates.finish();
  if (summary.usedDefaultDate && o.date === undefined && o.on === undefined) {
    warn(`rows without a date are evaluated for today, ${io.today}; give --date for their entry date, or --on to evaluate every row on one date`);
  }

  const report = buildReport(engines, sums, by, per, o.date ?? null, rejected, o.on ?? null, differentRows, impact);
  if (range !== null) {
    report.scenarios.forEach((s, i) => {
      s.totals.low = formatCents(perPeriod(ranges[i]!.low, per));
      s.totals.high = formatCents(perPeriod(ranges[i]!.high, per));
    });
  }
  report.warnings = dates.list;
  const groupedEntryLines = (impact as CompareImpact | null)?.groupedEntryLines ?? 0;
  if (groupedEntryLines > 0) {
    const w = `${plural(groupedEntryLines, 'line')} of entries grouped by an entry column: their customs fees are per entry, so not in their landed cost here (tariff calc adds them to the total)`;
    warn(w);
    report.warnings = [...report.warnings, w];
  }
  if (originsOf !== null) report.origins = { scenario: originsOf.scenario, cheapest: cheapestOrigin(sums) };
  // --out: through a temporary file renamed when complete (io/out-file.ts, loaded only then).
  let outFile = null;
  if (o.out !== undefined) {
    const { OutFile, refuseInputAsOutput } = await import('../../../io/out-file.js');
    refuseInputAsOutput(o.out, [file, o.schedule, ...(o.scenarioFile ?? []), o.htsTable]);
    outFile = await OutFile.open(o.out);
  }
  if (outFile !== null && !outFile.ok) return outFile.failed(io);
  try {
    const out = new Out(outFile?.stream ?? io.stdout);
    if (workbook) (await import('../../render/compare/xlsx.js')).writeCompareWorkbook(report, (b) => out.take(b));
    else if (html) {
      const byMeasure = measureSums === null ? null : buildReport(engines, measureSums, 'measure', per, o.date ?? null, rejected, o.on ?? null, differentRows);
      out.push((await import('../../render/compare/html.js')).renderCompareHtml(report, { byMeasure, inputName: summary.inputName }));
    }
    else {
      const chart = format === 'table' && Boolean(io.stdout.isTTY) && outFile === null;
      const paint = await makePaint(format === 'table' && outFile === null && colorEnabled(Boolean(io.stdout.isTTY), io.env, o.color === false));
      const width = outFile === null ? outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number }) : null;
      out.push(renderCompare(report, format, { paint, chart, raw: Boolean(o.raw), width }));
    }
    await out.flush();
    if (outFile !== null && !(await outFile.close())) return outFile.failed(io);
  } finally {
    outFile?.discard();
  }

  const anyRejected = sums.some((s) => s.rejected > 0);
  if (anyRejected) {
    const name = displayText(summary.inputName);
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
  }
  return anyRejected ? EXIT.rejected : EXIT.ok;
}

export function buildReport(
  engines: Engine[],
  sums: ScenarioSums[],
  by: GroupBy,
  per: Per | null,
  date: string | null,
  rejected: RejectedRow[],
  on: string | null = null,
  differentRows: number[] = [],
  impact: CompareImpact | null = null,
): CompareReport {
  const keys = groupKeys(engines, sums, by);
  const base = sums[0]!;
  const rate = (c: bigint) => formatCents(perPeriod(c, per));
  // Run rates of the groups are shared out so that they add up to the run rate of the total (when the groups
  // partition it: always for duty; for value unless grouped by measure, where a line counts under each measure).
  const shares = (parts: bigint[], total: bigint) => (parts.reduce((a, b) => a + b, 0n) === total ? perPeriodParts(parts, per) : parts.map((p) => perPeriod(p, per)));
  const runRates = sums.map((s) => {
    const groups = keys.map((key) => s.groups.get(key) ?? { value: 0n, duty: 0n });
    return {
      duty: shares(groups.map((g) => g.duty), s.duty),
      value: shares(groups.map((g) => g.value), s.value),
    };
  });
  const scenarios = sums.map((s, i) => ({
    name: s.name,
    totals: { lines: s.lines, rejected: s.rejected, value: rate(s.value), duty: rate(s.duty), effectiveRate: effectiveRate(s.duty, s.value) },
    groups: keys.map((key, k) => ({ key, value: formatCents(runRates[i]!.value[k]!), duty: formatCents(runRates[i]!.duty[k]!) })),
  }));
  const differences = sums.slice(1).map((s, j) => ({
    scenario: s.name,
    vs: base.name,
    duty: formatCents(perPeriod(s.duty, per) - perPeriod(base.duty, per)),
    percent: percentChange(base.duty, s.duty),
    differentRows: differentRows[j + 1] ?? 0,
    groups: keys.map((key, k) => {
      const a = base.groups.get(key)?.duty ?? 0n;
      const b = s.groups.get(key)?.duty ?? 0n;
      return { key, duty: formatCents(runRates[j + 1]!.duty[k]! - runRates[0]!.duty[k]!), percent: percentChange(a, b) };
    }),
  }));
  const report: CompareReport = { schedule: engines[0]!.scheduleId, baseline: base.name, date, on, per, by, scenarios, differences, rejected };
  if (impact !== null) addImpact(report, impact, keys, per);
  return report;
}

/** Impact records on each scenario's totals and groups, and their differences from the baseline. */
function addImpact(report: CompareReport, impact: CompareImpact, keys: string[], per: Per | null): void {
  const recs = report.scenarios.map((s, i) => {
    const r = impact.records(i, keys, per);
    s.totals.impact = r.totals;
    s.groups.forEach((g, k) => {
      if (r.groups[k] !== undefined) g.impact = r.groups[k];
    });
    return r;
  });
  report.differences.forEach((d, j) => {
    d.impact = impactDiff(recs[0]!.totals, recs[j + 1]!.totals);
    d.groups.forEach((g, k) => {
      const a = recs[0]!.groups[k];
      const b = recs[j + 1]!.groups[k];
      if (a !== undefined && b !== undefined) g.impact = impactDiff(a, b);
    });
  });
}

/**
 * The origin of least total duty among those that computed every row any origin computed (a column that rejected
 * rows is not like for like); null when none did, or two tie.
 */
export function cheapestOrigin(sums: ScenarioSums[]): string | null {
  const most = Math.max(...sums.map((s) => s.lines));
  const full = sums.filter((s) => s.lines === most && most > 0);
  if (full.length === 0) return null;
  const least = full.reduce((a, b) => (b.duty < a.duty ? b : a));
  return full.filter((s) => s.duty === least.duty).length > 1 ? null : least.name;
}

/** Group keys in a stable, meaningful order: schedule order for categories and measures, sorted otherwise. */
function groupKeys(engines: Engine[], sums: ScenarioSums[], by: GroupBy): string[] {
  const present = new Set<string>();
  for (const s of sums) for (const k of s.groups.keys()) present.add(k);
  let order: string[] = [];
  if (by === 'category') order = [...engines[0]!.categories.keys()];
  if (by === 'measure') order = [...new Set(engines.flatMap((e) => e.measures.map((m) => m.id)))];
  const known = order.filter((k) => present.has(k));
  const rest = [...present].filter((k) => !order.includes(k)).sort();
  return [...known, ...rest];
}
