/**
 * The impact part of compare's table, markdown and csv formats (pure: the report in, text out). Present only
 * when the report carries impact records (rows with a quantity or impact inputs).
 */
import { displayMoney, displayText, markdownCell } from '../display.js';
import { fitTable, wrapLine } from '../fit.js';
import type { CompareReport } from '../compare/index.js';
import type { TotalsImpactRecord } from './records.js';
import type { ImpactDiffRecord } from './diff.js';

type Scenario = CompareReport['scenarios'][number];

export function hasImpact(r: CompareReport): boolean {
  return r.scenarios[0]?.totals.impact !== undefined;
}

const $ = (s: string | null | undefined) => (s === null || s === undefined ? '' : displayMoney(s));
const $signed = (s: string | null | undefined) => (s === null || s === undefined ? '' : s.startsWith('-') ? displayMoney(s) : `+${displayMoney(s)}`);
const pct = (s: string | null | undefined) => (s === null || s === undefined ? '' : `${s}%`);
const perLabel = (r: CompareReport) => (r.per === null ? '' : ` per ${r.per}`);

/** "as-enacted saves $3,750.00 of duty per unit against no-deal ($4,500.00 against $8,250.00)". */
export function perUnitSentences(r: CompareReport): string[] {
  const base = r.scenarios[0];
  if (base === undefined) return [];
  const out: string[] = [];
  r.differences.forEach((d, j) => {
    const other = r.scenarios[j + 1]!;
    const a = base.totals.impact?.dutyPerUnit ?? null;
    const b = other.totals.impact?.dutyPerUnit ?? null;
    const diff = d.impact?.dutyPerUnit ?? null;
    if (a === null || b === null || diff === null) return;
    const unit = base.totals.impact?.unit ?? 'unit';
    const cents = BigInt(diff.replace('-', '').replace('.', ''));
    const verb = cents === 0n ? 'costs the same duty' : diff.startsWith('-') ? `costs ${displayMoney(diff.replace('-', ''))} more duty` : `saves ${displayMoney(diff)} of duty`;
    out.push(`${d.vs} ${verb} per ${displayText(unit)} against ${d.scenario} (${displayMoney(a)} against ${displayMoney(b)})`);
  });
  return out;
}

/** A scenario's impact figures; money shown as on a terminal ($1,234.56), or as in the data (markdown). */
function scenarioRow(s: Scenario, d: CompareReport['differences'][number] | undefined, terminal: boolean): string[] {
  const i = s.totals.impact!;
  const m = terminal ? $ : (x: string | null) => x ?? '';
  const signed = terminal ? $signed : (x: string | null | undefined) => (x === null || x === undefined ? '' : x.startsWith('-') ? x : `+${x}`);
  return [
    terminal ? displayText(s.name) : s.name,
    m(i.landedCost),
    m(i.landedCostPerUnit),
    m(i.dutyPerUnit),
    m(i.priceIncreaseConstantDollar),
    m(i.priceIncreaseConstantPercent),
    i.revenueAfter === null ? '' : `${m(i.revenueAfter)} (${i.passThrough}%)`,
    pct(i.marginLeftPercent),
    d?.impact ? signed(d.impact.dutyPerUnit ?? d.impact.landedCost) : '',
  ];
}

/** The revenue rises are over all the units of the priced lines (per unit: see calc, or the json `impact` of a line). */
const HEAD = (r: CompareReport) => ['scenario', `landed cost${perLabel(r)}`, 'landed / unit', 'duty / unit', `revenue rise, keep $${perLabel(r)}`, `revenue rise, keep %${perLabel(r)}`, 'revenue at pass-through', 'margin left', `vs ${r.baseline} (per unit, else landed)`];

/** Table format: the impact table, the per-unit sentences and (on a terminal) a bar chart per group. */
export function renderImpactCompareTable(r: CompareReport, opts: { bold: (s: string) => string; dim: (s: string) => string; width: number | null; chart: boolean; barChart: (items: [string, string][], width: number, max?: bigint) => string[] }): string[] {
  if (!hasImpact(r)) return [];
  const b = opts.bold;
  const out = [b('Impact (added duty = duty beyond MFN; see README "From duty to impact")')];
  const rows = r.scenarios.map((s) => scenarioRow(s, r.differences.find((d) => d.scenario === s.name), true));
  out.push(fitTable(rows, { head: HEAD(r), aligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'], width: opts.width }));
  out.push(...perUnitSentences(r).map((s) => wrapLine(s, opts.width, 2)));
  const priced = r.scenarios.some((s) => s.groups.some((g) => g.impact?.priceIncreaseConstantPercent != null));
  if (opts.chart && priced) {
    // One scale for every group and scenario, as the duty chart.
    const amounts = r.scenarios.flatMap((s) => s.groups.map((g) => g.impact?.priceIncreaseConstantPercent ?? '0.00'));
    const max = amounts.map((m) => BigInt(m.replace('.', ''))).reduce((m, c) => (c > m ? c : m), 0n);
    const labels = Math.max(...r.scenarios.map((s) => s.name.length + 2));
    const widest = Math.max(...amounts.map((m) => displayMoney(m).length));
    const bars = opts.width === null ? 40 : Math.max(10, Math.min(40, opts.width - labels - widest - 4));
    out.push(b(`Price rise to keep the margin in %${perLabel(r)}, by ${r.by}`));
    r.scenarios[0]?.groups.forEach((grp, k) => {
      out.push(opts.dim(displayText(grp.key)));
      out.push(...opts.barChart(r.scenarios.map((s) => [`  ${s.name}`, s.groups[k]!.impact?.priceIncreaseConstantPercent ?? '0.00']), bars, max));
    });
  }
  return out;
}

/** Markdown: the impact table and the per-unit sentences. */
export function renderImpactMarkdown(r: CompareReport): string[] {
  if (!hasImpact(r)) return [];
  const row = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const head = HEAD(r);
  const out = ['', row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:')))];
  for (const s of r.scenarios) out.push(row(scenarioRow(s, r.differences.find((d) => d.scenario === s.name), false)));
  const sentences = perUnitSentences(r);
  if (sentences.length > 0) out.push('', ...sentences);
  return out;
}

/** The csv columns compare adds with impact figures, after its own. */
export const COMPARE_IMPACT_HEAD = [
  'landed_cost', 'landed_cost_per_unit', 'duty_per_unit', 'added_duty', 'price_increase_constant_dollar', 'price_increase_constant_percent',
  'revenue_after', 'gross_profit_after', 'margin_left_percent', 'difference_landed_cost', 'difference_duty_per_unit',
];

export function compareImpactCells(i: TotalsImpactRecord | undefined, d: ImpactDiffRecord | undefined): string[] {
  if (i === undefined) return COMPARE_IMPACT_HEAD.map(() => '');
  return [
    i.landedCost, i.landedCostPerUnit ?? '', i.dutyPerUnit ?? '', i.addedDuty, i.priceIncreaseConstantDollar ?? '', i.priceIncreaseConstantPercent ?? '',
    i.revenueAfter ?? '', i.grossProfitAfter ?? '', i.marginLeftPercent ?? '', d?.landedCost ?? '', d?.dutyPerUnit ?? '',
  ];
}
