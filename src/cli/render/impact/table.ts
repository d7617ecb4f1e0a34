/**
 * The impact part of calc's table format: the basket's landed cost, price and margin figures, the per-unit
 * figures of the lines shown, and a bar chart of the price impact per category (plain Unicode blocks).
 * Pure: records in, text out.
 */
import { ImpactSums, type LineImpact } from '../../../core/impact.js';
import { displayMoney, displayText } from '../display.js';
import { fitTable } from '../fit.js';
import { totalsImpactRecord, type LineImpactRecord, type TotalsImpactRecord } from './records.js';
import type { LineRecord } from '../records.js';
import { barChart } from '../compare/index.js';

/** Impact sums per category, over every line the table is given. */
export class TableImpact {
  readonly byCategory = new Map<string, ImpactSums>();

  add(category: string, value: bigint, duty: bigint, li: LineImpact, unit: string | null): void {
    let s = this.byCategory.get(category);
    if (s === undefined) this.byCategory.set(category, (s = new ImpactSums()));
    s.add(value, duty, li, unit, category);
  }
}

const $ = (s: string | null) => (s === null ? '' : displayMoney(s));
const pctOf = (s: string | null) => (s === null ? '' : `${s}%`);

/** Name and value rows of a total's impact (also used by compare). */
export function impactTotalRows(t: TotalsImpactRecord): [string, string][] {
  const rows: [string, string][] = [
    ['landed cost (value + duty + fees + costs)', $(t.landedCost)],
    ['  of which fees', $(t.fees)],
    ['  of which freight, insurance, other costs', $(t.costs)],
    ['added duty (beyond MFN)', $(t.addedDuty)],
  ];
  if (t.quantity !== null) {
    const unit = t.unit === null ? 'unit' : displayText(t.unit);
    rows.push([`units (${unit})`, t.quantity], ['landed cost per unit', $(t.landedCostPerUnit)], ['duty per unit', $(t.dutyPerUnit)], ['added duty per unit', $(t.addedDutyPerUnit)]);
  }
  if (t.revenue !== null) {
    rows.push(
      [`revenue before the added duty (${t.priceLines} priced ${t.priceLines === 1 ? 'line' : 'lines'})`, $(t.revenue)],
      ['gross margin before', `${$(t.grossProfit)} (${pctOf(t.margin)})`],
      ['price rise to keep the margin in $ (constant-$ markup)', $(t.priceIncreaseConstantDollar)],
      ['price rise to keep the margin in % (constant-% markup)', $(t.priceIncreaseConstantPercent)],
      [`revenue at ${t.passThrough ?? ''}% pass-through`, $(t.revenueAfter)],
      ['gross margin left', `${$(t.grossProfitAfter)} (${pctOf(t.marginLeftPercent)})`],
    );
  }
  return rows;
}

/** Per-unit figures of the lines shown (those with a quantity). */
function lineRows(lines: LineRecord[]): string[][] {
  return lines
    .filter((r): r is LineRecord & { impact: LineImpactRecord } => r.impact !== undefined && r.impact.quantity !== null)
    .map((r) => {
      const i = r.impact;
      const margin = i.margin === null ? '' : `${i.margin}% → ${i.marginLeftPercent ?? ''}%`;
      return [r.line === null ? '-' : String(r.line), displayText(r.id ?? ''), i.quantity ?? '', $(i.landedCostPerUnit), $(i.addedDutyPerUnit), $(i.unitPrice), $(i.priceIncreaseConstantDollar), $(i.priceIncreaseConstantPercent), i.newPrice === null ? '' : `${$(i.newPrice)} (${i.passThrough}%)`, margin];
    });
}

export function renderImpactTable(t: TotalsImpactRecord, lines: LineRecord[], table: TableImpact, opts: { bold: (s: string) => string; width: number | null; chart: boolean }): string {
  const b = opts.bold;
  const width = opts.width;
  const out: string[] = [b('Impact (added duty = duty beyond MFN; see README "From duty to impact")'), fitTable(impactTotalRows(t), { aligns: ['left', 'right'], width })];
  const rows = lineRows(lines);
  if (rows.length > 0) {
    out.push(b('Per unit'));
    out.push(
      fitTable(rows, {
        head: ['line', 'id', 'units', 'landed cost', 'added duty', 'price', 'rise, keep $', 'rise, keep %', 'new price', 'margin → left'],
        aligns: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        width,
      }),
    );
  }
  if (opts.chart && table.byCategory.size > 0) {
    const cats = [...table.byCategory].map(([k, s]) => [k, totalsImpactRecord(s)] as const);
    const priced = cats.some(([, r]) => r.priceIncreaseConstantPercent !== null);
    const items: [string, string][] = cats.map(([k, r]) => [displayText(k), priced ? (r.priceIncreaseConstantPercent ?? '0.00') : r.addedDuty]);
    out.push(b(priced ? 'Price rise to keep the margin in %, by category' : 'Added duty, by category'));
    const label = Math.max(...items.map(([l]) => l.length));
    const amount = Math.max(...items.map(([, v]) => displayMoney(v).length));
    out.push(...barChart(items, width === null ? 40 : Math.max(10, Math.min(40, width - label - amount - 4))));
  }
  return `${out.join('\n')}\n`;
}
