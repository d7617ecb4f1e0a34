/**
 * Impact figures (README "From duty to impact") in the workbooks, beside the Lines sheet's columns:
 * - calc's Totals sheet: the `totals.impact` of `--format json`, one figure a row, after the duty figures;
 * - compare's Scenarios sheet: per scenario its impact totals and their difference from the baseline (the columns
 *   of compare's csv, COMPARE_IMPACT_HEAD);
 * - compare's Groups sheet: per group the same figures under each scenario, then each scenario's differences.
 * Cells are written from the report's exact decimal text (money as numbers with two decimals, percents as
 * percents), as every other cell of the workbooks; a figure the lines cannot give (no quantity, no price) is empty.
 */
import { STYLE, type RowXml } from '../../../io/xlsx-write.js';
import type { ImpactDiffRecord } from './diff.js';
import type { TotalsImpactRecord } from './records.js';
import type { CompareReport } from '../compare/index.js';

type Kind = 'money' | 'percent' | 'int' | 'quantity' | 'text';

/** The figures of a TotalsImpactRecord, in the order of the JSON, with the kind of cell each is. */
const TOTALS: readonly [keyof TotalsImpactRecord, Kind][] = [
  ['lines', 'int'],
  ['addedDuty', 'money'],
  ['fees', 'money'],
  ['costs', 'money'],
  ['landedCost', 'money'],
  ['quantity', 'quantity'],
  ['unit', 'text'],
  ['landedCostPerUnit', 'money'],
  ['dutyPerUnit', 'money'],
  ['addedDutyPerUnit', 'money'],
  ['priceLines', 'int'],
  ['revenue', 'money'],
  ['grossProfit', 'money'],
  ['margin', 'percent'],
  ['priceIncreaseConstantDollar', 'money'],
  ['priceIncreaseConstantPercent', 'money'],
  ['passThrough', 'percent'],
  ['revenueAfter', 'money'],
  ['grossProfitAfter', 'money'],
  ['marginLeftPercent', 'percent'],
];

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function cell(row: RowXml, kind: Kind, v: string | number | null | undefined): void {
  const s = v === null || v === undefined ? null : String(v);
  if (kind === 'money') row.number(s, STYLE.money);
  else if (kind === 'percent') row.percent(s);
  else if (kind === 'int') row.number(s, STYLE.int);
  else if (kind === 'quantity') row.number(s);
  else row.text(s);
}

/** calc's Totals sheet: a heading row, then `impact_<figure>` and its value, one a row. */
export function impactTotalsRows(t: TotalsImpactRecord, add: (f: (r: RowXml) => void) => void): void {
  add((r) => r.text('impact', STYLE.header).text('amount', STYLE.header));
  for (const [k, kind] of TOTALS) {
    add((r) => {
      r.text(snake(k));
      cell(r, kind, t[k]);
    });
  }
}

/**
 * The Scenarios sheet's impact columns: those of compare's csv (render/impact/compare.ts COMPARE_IMPACT_HEAD, held equal by
 * a test; not imported, so that loading this module for a workbook does not split that one out of compare's chunk).
 */
export const COMPARE_IMPACT_HEAD = [
  'landed_cost', 'landed_cost_per_unit', 'duty_per_unit', 'added_duty', 'price_increase_constant_dollar', 'price_increase_constant_percent',
  'revenue_after', 'gross_profit_after', 'margin_left_percent', 'difference_landed_cost', 'difference_duty_per_unit',
];

/** Whether the report has impact figures. */
export function scenariosHaveImpact(r: CompareReport): boolean {
  return r.scenarios[0]?.totals.impact !== undefined;
}

/** Kinds of the COMPARE_IMPACT_HEAD columns: money but for the margin left (a percent). */
const compareKind = (name: string): Kind => (name === 'margin_left_percent' ? 'percent' : 'money');

/** The Scenarios sheet's impact columns: their names. */
export function scenarioImpactHead(): string[] {
  return COMPARE_IMPACT_HEAD.map((n) => `impact_${n}`);
}

/** The Scenarios sheet's impact cells of a scenario (d: its difference from the baseline, none for the baseline). */
export function scenarioImpactCells(row: RowXml, i: TotalsImpactRecord | undefined, d: ImpactDiffRecord | undefined): void {
  const values: (string | null)[] =
    i === undefined
      ? COMPARE_IMPACT_HEAD.map(() => null)
      : [
          i.landedCost, i.landedCostPerUnit, i.dutyPerUnit, i.addedDuty, i.priceIncreaseConstantDollar, i.priceIncreaseConstantPercent,
          i.revenueAfter, i.grossProfitAfter, i.marginLeftPercent, d?.landedCost ?? null, d?.dutyPerUnit ?? null,
        ];
  values.forEach((v, n) => cell(row, compareKind(COMPARE_IMPACT_HEAD[n]!), v));
}

/** Per group and scenario, these figures of the group's impact. */
const GROUP: readonly [keyof TotalsImpactRecord, Kind][] = [
  ['landedCost', 'money'],
  ['landedCostPerUnit', 'money'],
  ['dutyPerUnit', 'money'],
  ['addedDuty', 'money'],
  ['priceIncreaseConstantDollar', 'money'],
  ['priceIncreaseConstantPercent', 'money'],
  ['revenueAfter', 'money'],
  ['grossProfitAfter', 'money'],
  ['marginLeftPercent', 'percent'],
];
/** Per group and difference, these. */
const GROUP_DIFF: readonly [keyof ImpactDiffRecord, Kind][] = [
  ['landedCost', 'money'],
  ['dutyPerUnit', 'money'],
  ['priceIncreaseConstantPercent', 'money'],
  ['marginLeftPercent', 'percent'],
];

/** Whether the groups carry impact figures (not with --by measure, where a line counts under each of its measures). */
export function groupsHaveImpact(r: CompareReport): boolean {
  return r.scenarios[0]?.groups[0]?.impact !== undefined;
}

/** The Groups sheet's impact columns, after its duty columns. */
export function groupImpactHead(r: CompareReport): string[] {
  return [
    ...r.scenarios.flatMap((s) => GROUP.map(([k]) => `${s.name}_${snake(k)}`)),
    ...r.differences.flatMap((d) => GROUP_DIFF.map(([k]) => `${d.scenario}_vs_${d.vs}_${snake(k)}${k === 'marginLeftPercent' ? '_points' : ''}`)),
  ];
}

/** The Groups sheet's impact cells of group k. */
export function groupImpactCells(row: RowXml, r: CompareReport, k: number): void {
  for (const s of r.scenarios) {
    const i = s.groups[k]?.impact;
    for (const [key, kind] of GROUP) cell(row, kind, i?.[key]);
  }
  for (const d of r.differences) {
    const i = d.groups[k]?.impact;
    for (const [key, kind] of GROUP_DIFF) cell(row, kind, i?.[key]);
  }
}
