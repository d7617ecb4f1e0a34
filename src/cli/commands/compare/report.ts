/** compare's report: per scenario its totals and groups (as run rates with --per), and differences from the baseline. */
import type { Engine } from '../../../core/compile.js';
import { perPeriod, perPeriodParts, percentChange, type GroupBy, type Per, type ScenarioSums } from '../../../core/compare.js';
import { effectiveRate, formatCents } from '../../../values/money.js';
import type { CompareReport } from '../../render/compare/index.js';
import { impactDiff, type CompareImpact } from '../../render/impact/diff.js';

export interface RejectedRow {
  line: number | null;
  field: string;
  reason: string;
  /** Scenarios that refused the row, when not all of them did. */
  scenarios?: string[];
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
