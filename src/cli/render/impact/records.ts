/**
 * Impact figures (core/impact.ts) as the JSON contract and csv cells of calc and compare: an `impact` object per
 * line and per total (and per scenario, group and difference in compare). Money is a string in dollars with two
 * decimals and percents are percent strings, as everywhere in the JSON; a figure that cannot be computed for the
 * line (no quantity, no unit price) is null. See README "From duty to impact".
 */
import { formatPct4, impactTotals, type ImpactSums, type ImpactTotals, type LineImpact } from '../../../core/impact.js';
import type { Out } from '../../../io/out.js';
import { formatCents, formatRate, type Cents } from '../../../values/money.js';

export interface LineImpactRecord {
  /** Units on the line (the quantity column), or null. */
  quantity: string | null;
  /** freight + insurance + other_costs of the line. */
  costs: string;
  /** Customs fees counted on the line (its own entry's MPF + HMF; 0 for a line of a grouped entry or with --no-fees). */
  fees: string;
  /** value + duty + fees + costs. */
  landedCost: string;
  landedCostPerUnit: string | null;
  dutyPerUnit: string | null;
  /** duty - MFN duty: the duties the price and margin figures are about. */
  addedDuty: string;
  addedDutyPerUnit: string | null;
  unitPrice: string | null;
  unitCost: string | null;
  /** Gross margin before the added duties, percent. */
  margin: string | null;
  /** Per unit: the price increase that keeps the margin in dollars (constant-$ markup) and in percent (constant-%). */
  priceIncreaseConstantDollar: string | null;
  priceIncreaseConstantPercent: string | null;
  /** Share of the added duty passed on to the price, percent (--pass-through). */
  passThrough: string | null;
  newPrice: string | null;
  /** (new price - unit price) / unit price, percent. */
  priceChange: string | null;
  /** Per unit: new price - unit cost - added duty per unit; and as a percent of the new price. */
  marginLeft: string | null;
  marginLeftPercent: string | null;
  /** Per unit: the part of the added duty the seller absorbs. */
  absorbed: string | null;
}

const money = (c: Cents | null | undefined): string | null => (c === null || c === undefined ? null : formatCents(c));
const pct = (p: bigint | null | undefined): string | null => (p === null || p === undefined ? null : formatPct4(p));

/** Millionths of a unit as the shortest decimal: 3_000_000n -> "3", 2_500_000n -> "2.5". */
export function formatQuantity(q: bigint): string {
  return formatRate(q); // the same scale (10^-6) and the same shortest form
}

export function lineImpactRecord(li: LineImpact): LineImpactRecord {
  const p = li.price;
  return {
    quantity: li.quantity === null ? null : formatQuantity(li.quantity),
    costs: formatCents(li.costs),
    fees: formatCents(li.fees),
    landedCost: formatCents(li.landedCost),
    landedCostPerUnit: money(li.landedCostPerUnit),
    dutyPerUnit: money(li.dutyPerUnit),
    addedDuty: formatCents(li.addedDuty),
    addedDutyPerUnit: money(li.addedDutyPerUnit),
    unitPrice: money(p?.unitPrice),
    unitCost: money(p?.unitCost),
    margin: pct(p?.marginPct4),
    priceIncreaseConstantDollar: money(p?.constantDollar),
    priceIncreaseConstantPercent: money(p?.constantPercent),
    passThrough: p ? formatRate(p.passThrough) : null,
    newPrice: money(p?.newPrice),
    priceChange: pct(p?.priceChangePct4),
    marginLeft: money(p?.marginLeft),
    marginLeftPercent: pct(p?.marginLeftPct4),
    absorbed: money(p?.absorbed),
  };
}

export interface TotalsImpactRecord {
  /** Lines summed (computed lines). */
  lines: number;
  addedDuty: string;
  fees: string;
  costs: string;
  landedCost: string;
  /** Units over all lines, when every line gave a quantity in the same unit (else null, and so the per-unit figures). */
  quantity: string | null;
  unit: string | null;
  landedCostPerUnit: string | null;
  dutyPerUnit: string | null;
  addedDutyPerUnit: string | null;
  /** Over the lines with a unit price (null when none has): revenue = unit price x quantity, summed per line. */
  priceLines: number;
  revenue: string | null;
  grossProfit: string | null;
  margin: string | null;
  /** Revenue needed to keep the margin in dollars (= the added duty of the priced lines) and in percent. */
  priceIncreaseConstantDollar: string | null;
  priceIncreaseConstantPercent: string | null;
  passThrough: string | null;
  revenueAfter: string | null;
  grossProfitAfter: string | null;
  marginLeftPercent: string | null;
}

/** Totals of an ImpactSums; `rate` turns an amount into what is shown (a run rate in compare --per, else itself). */
export function totalsImpactRecord(s: ImpactSums, rate: (c: Cents) => Cents = (c) => c): TotalsImpactRecord {
  return totalsImpactFrom(impactTotals(s), rate);
}

export function totalsImpactFrom(t: ImpactTotals, rate: (c: Cents) => Cents = (c) => c): TotalsImpactRecord {
  const m = (c: Cents | null | undefined) => (c === null || c === undefined ? null : formatCents(rate(c)));
  const p = t.price;
  return {
    lines: t.lines,
    addedDuty: formatCents(rate(t.addedDuty)),
    fees: formatCents(rate(t.fees)),
    costs: formatCents(rate(t.costs)),
    landedCost: formatCents(rate(t.landedCost)),
    quantity: t.quantity === null ? null : formatQuantity(t.quantity),
    unit: t.unit,
    // Per-unit figures are not flows: never turned into run rates.
    landedCostPerUnit: money(t.landedCostPerUnit),
    dutyPerUnit: money(t.dutyPerUnit),
    addedDutyPerUnit: money(t.addedDutyPerUnit),
    priceLines: p?.lines ?? 0,
    revenue: m(p?.revenue),
    grossProfit: m(p?.grossProfit),
    margin: pct(p?.marginPct4),
    priceIncreaseConstantDollar: m(p?.constantDollar),
    priceIncreaseConstantPercent: m(p?.constantPercent),
    passThrough: p?.passThrough === null || p?.passThrough === undefined ? null : formatRate(p.passThrough),
    revenueAfter: m(p?.revenueAfter),
    grossProfitAfter: m(p?.grossProfitAfter),
    marginLeftPercent: pct(p?.marginLeftPct4),
  };
}

/** The csv columns of a line's impact, after the fee columns, in this order (present when impact is on). */
export const IMPACT_CSV_COLUMNS: readonly (keyof LineImpactRecord)[] = [
  'quantity', 'costs', 'landedCost', 'landedCostPerUnit', 'dutyPerUnit', 'addedDuty', 'addedDutyPerUnit', 'unitPrice', 'unitCost', 'margin',
  'priceIncreaseConstantDollar', 'priceIncreaseConstantPercent', 'passThrough', 'newPrice', 'priceChange', 'marginLeft', 'marginLeftPercent', 'absorbed',
];

/** snake_case names of the csv columns: landedCost -> landed_cost. */
export const IMPACT_CSV_HEAD: readonly string[] = IMPACT_CSV_COLUMNS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** Percent columns (the xlsx sheet formats them as percents); the others are money, or a count (quantity). */
export const IMPACT_PERCENT_COLUMNS: ReadonlySet<keyof LineImpactRecord> = new Set(['margin', 'passThrough', 'priceChange', 'marginLeftPercent']);

/** The csv cells of a line's impact (our own numbers: never neutralised), '' where null. */
export function impactCsvCells(r: LineImpactRecord): string[] {
  return IMPACT_CSV_COLUMNS.map((k) => r[k] ?? '');
}

/**
 * Writes a line's impact csv cells, each after a comma (the same text as impactCsvCells, held equal by a test):
 * amounts, percents and the quantity go into the output buffer as digits (Out.decimalCell), with no string made
 * for a cell.
 */
export function writeImpactCsv(out: Out, li: LineImpact): void {
  if (li.quantity === null) out.byte(COMMA);
  else out.decimalCell(li.quantity, 6, true);
  out.decimalCell(li.costs, 2, false);
  out.decimalCell(li.landedCost, 2, false);
  const p = li.price;
  if (li.landedCostPerUnit === null) {
    // No quantity: no per-unit figures, and so no price figures.
    out.byte(COMMA);
    out.byte(COMMA);
    out.decimalCell(li.addedDuty, 2, false);
    out.bytes(p === null ? EMPTY_12 : EMPTY_1);
    if (p === null) return;
  } else {
    out.decimalCell(li.landedCostPerUnit, 2, false);
    out.decimalCell(li.dutyPerUnit!, 2, false);
    out.decimalCell(li.addedDuty, 2, false);
    out.decimalCell(li.addedDutyPerUnit!, 2, false);
    if (p === null) {
      out.bytes(EMPTY_11);
      return;
    }
  }
  out.decimalCell(p.unitPrice, 2, false);
  out.decimalCell(p.unitCost, 2, false);
  out.decimalCell(p.marginPct4, 4, true);
  out.decimalCell(p.constantDollar, 2, false);
  out.decimalCell(p.constantPercent, 2, false);
  out.byte(COMMA);
  out.ascii(passThroughText(p.passThrough));
  out.decimalCell(p.newPrice, 2, false);
  out.decimalCell(p.priceChangePct4, 4, true);
  out.decimalCell(p.marginLeft, 2, false);
  out.decimalCell(p.marginLeftPct4, 4, true);
  out.decimalCell(p.absorbed, 2, false);
}

const COMMA = 0x2c;
const UTF8 = new TextEncoder();
const EMPTY_1 = UTF8.encode(',');
const EMPTY_11 = UTF8.encode(','.repeat(11));
const EMPTY_12 = UTF8.encode(','.repeat(12));
/** One share for a whole run: formatted once. */
let lastShare: { pct: bigint; text: string } | null = null;
function passThroughText(pct: bigint): string {
  if (lastShare === null || lastShare.pct !== pct) lastShare = { pct, text: formatRate(pct) };
  return lastShare.text;
}
