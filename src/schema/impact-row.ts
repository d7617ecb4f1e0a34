/**
 * The impact columns of an input row (README "From duty to impact"): unit_price, margin or unit_cost, freight,
 * insurance, other_costs. Checked with the same strict money and percent patterns as the other columns; a bad
 * cell rejects the row naming the column, as every other check does. Read only when the header has one of them.
 */
import { parseMoney, parsePct, type Cents, type RateMicro } from '../values/money.js';
import type { Field, HeaderMap } from './row.js';

/** The optional impact inputs of a line (columns or flags); null: not given. */
export interface ImpactInput {
  /** Selling price per unit today (before the added duties), in cents. */
  unitPrice: Cents | null;
  /** Gross margin at today's price, in micro-percent (0 <= margin < 100%). */
  margin: RateMicro | null;
  /** Cost per unit today (before the added duties), in cents; the alternative to `margin`. */
  unitCost: Cents | null;
  freight: Cents | null;
  insurance: Cents | null;
  otherCosts: Cents | null;
}

/** The impact columns, in the order they are listed in the README and --help. */
export const IMPACT_FIELDS = ['unit_price', 'margin', 'unit_cost', 'freight', 'insurance', 'other_costs'] as const satisfies readonly Field[];
export type ImpactField = (typeof IMPACT_FIELDS)[number];

/** Margins repeat over a file: each distinct cell is parsed once (bounded). */
const MARGINS = new Map<string, ReturnType<typeof parsePct>>();
function marginOf(cell: string): ReturnType<typeof parsePct> {
  let r = MARGINS.get(cell);
  if (r === undefined) {
    r = parsePct(cell);
    if (MARGINS.size < 10_000) MARGINS.set(cell, r);
  }
  return r;
}

type Checked<T> = { ok: true; value: T } | { ok: false; field: Field; reason: string };

function cellOf(cells: string[], header: HeaderMap, f: Field): string {
  const i = header.index[f];
  return i === undefined ? '' : cells[i]!.trim();
}

/** A money cell that may be 0 (a cost), or must be above 0 (a price). Empty: null. */
function money(cell: string, f: Field, what: string, positive: boolean): Checked<Cents | null> {
  if (cell === '') return { ok: true, value: null };
  if (cell.startsWith('-')) return { ok: false, field: f, reason: `negative ${what} "${cell}"; give it as 0 or more, in dollars` };
  const r = parseMoney(cell);
  if (!r.ok) return { ok: false, field: f, reason: r.reason.replace('give the value in dollars and cents', `give the ${what} in dollars and cents`) };
  if (positive && r.value === 0n) return { ok: false, field: f, reason: `a ${what} of 0 leaves nothing to compute a margin on; give it above 0, or leave the cell empty` };
  return { ok: true, value: r.value };
}

/** Where a header has the impact columns (-1: absent), found once per header rather than per row. */
interface ImpactColumns {
  unitPrice: number;
  margin: number;
  unitCost: number;
  freight: number;
  insurance: number;
  otherCosts: number;
}
let lastHeader: HeaderMap | null = null;
let lastColumns: ImpactColumns | null = null;
function columnsOf(header: HeaderMap): ImpactColumns {
  if (header !== lastHeader || lastColumns === null) {
    const at = (f: Field) => header.index[f] ?? -1;
    lastColumns = { unitPrice: at('unit_price'), margin: at('margin'), unitCost: at('unit_cost'), freight: at('freight'), insurance: at('insurance'), otherCosts: at('other_costs') };
    lastHeader = header;
  }
  return lastColumns;
}

/** A cell by its index, trimmed; '' when the column is absent. */
function cellAt(cells: string[], i: number): string {
  return i < 0 ? '' : cells[i]!.trim();
}

/** A money cell's cents when it is one (parseMoney), null when empty, undefined when it is not money. */
function centsOf(cell: string): Cents | null | undefined {
  if (cell === '') return null;
  const r = parseMoney(cell);
  return r.ok ? r.value : undefined;
}

/**
 * The impact inputs of a row. `quantity` (millionths of a unit, from the quantity column) is the number of units
 * a unit price is for: a unit price needs one above 0.
 *
 * The per-row path: a row whose cells all pass is read with a lookup of where each column is and one parse a cell;
 * anything else (a cell that is not money, a rule broken) is read again by readImpactFully, which names the column
 * and the reason. Both accept the same rows with the same values (held equal by a test).
 */
export function readImpact(cells: string[], header: HeaderMap, quantity: bigint | null): Checked<ImpactInput> {
  const c = columnsOf(header);
  const unitPrice = centsOf(cellAt(cells, c.unitPrice));
  const unitCost = centsOf(cellAt(cells, c.unitCost));
  const freight = centsOf(cellAt(cells, c.freight));
  const insurance = centsOf(cellAt(cells, c.insurance));
  const otherCosts = centsOf(cellAt(cells, c.otherCosts));
  const marginCell = cellAt(cells, c.margin);
  let margin: RateMicro | null = null;
  if (marginCell !== '') {
    const r = marginOf(marginCell);
    margin = r.ok && r.value < 100_000_000n ? r.value : -1n;
  }
  if (unitPrice === undefined || unitCost === undefined || freight === undefined || insurance === undefined || otherCosts === undefined || margin === -1n) {
    return readImpactFully(cells, header, quantity);
  }
  if (unitPrice === null) {
    if (margin !== null || unitCost !== null) return readImpactFully(cells, header, quantity);
  } else if (
    unitPrice === 0n ||
    quantity === null ||
    quantity === 0n ||
    unitCost === 0n ||
    (margin !== null && (unitCost !== null || unitPrice * (100_000_000n - margin) < 50_000_000n))
  ) {
    return readImpactFully(cells, header, quantity);
  }
  return { ok: true, value: { unitPrice, margin, unitCost, freight, insurance, otherCosts } };
}

/** readImpact, every check in turn with its reason: the rows the per-row path does not take (exported for tests). */
export function readImpactFully(cells: string[], header: HeaderMap, quantity: bigint | null): Checked<ImpactInput> {
  const price = money(cellOf(cells, header, 'unit_price'), 'unit_price', 'unit price', true);
  if (!price.ok) return price;
  const unitPrice = price.value;
  if (unitPrice !== null && (quantity === null || quantity === 0n)) {
    return { ok: false, field: 'unit_price', reason: 'a unit price needs quantity: the number of units on the line (above 0) the price is for' };
  }

  const marginCell = cellOf(cells, header, 'margin');
  let margin: bigint | null = null;
  if (marginCell !== '') {
    const r = marginOf(marginCell);
    if (!r.ok) return { ok: false, field: 'margin', reason: `${r.reason} (the gross margin in percent of today's price)` };
    if (r.value >= 100_000_000n) return { ok: false, field: 'margin', reason: `a gross margin is below 100 (percent of the price), got "${marginCell}"` };
    margin = r.value;
  }
  const cost = money(cellOf(cells, header, 'unit_cost'), 'unit_cost', 'unit cost', true);
  if (!cost.ok) return cost;
  const unitCost = cost.value;
  if (margin !== null && unitCost !== null) return { ok: false, field: 'unit_cost', reason: 'give margin or unit_cost, not both (each says what the other would)' };
  if ((margin !== null || unitCost !== null) && unitPrice === null) {
    return { ok: false, field: margin !== null ? 'margin' : 'unit_cost', reason: `${margin !== null ? 'a margin' : 'a unit cost'} needs unit_price (and quantity): the price it is a margin of` };
  }
  // The unit cost a margin implies, price x (100% - margin) / 10^8 rounded half up to the cent (core/impact.ts),
  // must not be 0: it is 0 exactly when price x (100% - margin) is below half a cent's 10^8.
  if (margin !== null && unitPrice !== null && unitPrice * (100_000_000n - margin) < 50_000_000n) {
    return { ok: false, field: 'margin', reason: `a margin of ${marginCell} on a unit price of ${cellOf(cells, header, 'unit_price')} leaves a unit cost of $0.00; give unit_cost instead` };
  }

  const freight = money(cellOf(cells, header, 'freight'), 'freight', 'freight cost', false);
  if (!freight.ok) return freight;
  const insurance = money(cellOf(cells, header, 'insurance'), 'insurance', 'insurance cost', false);
  if (!insurance.ok) return insurance;
  const other = money(cellOf(cells, header, 'other_costs'), 'other_costs', 'other cost', false);
  if (!other.ok) return other;
  return { ok: true, value: { unitPrice, margin, unitCost, freight: freight.value, insurance: insurance.value, otherCosts: other.value } };
}
