/**
 * From duty to impact: landed cost, cost per unit, and the price and margin
 * effects of the additional duties, per line and summed over a basket.
 *
 * Pure arithmetic on integer cents (bigint), quantities in millionths of a
 * unit (as Row.quantity) and rates in micro-percent. The formulas and their
 * sources are in README "From duty to impact"; the default pass-through share
 * is data (data/impact/pass-through.json), never a constant here.
 *
 * What the figures mean:
 * - landed cost = customs value + duty + customs fees counted on the line + freight + insurance + other costs;
 * - added duty = duty - the line's MFN duty: the duties beyond MFN (reciprocal, Section 122, 232, 301), the cost
 *   the price and margin figures are about. `unit_price` and `margin` (or `unit_cost`) describe the good before
 *   those duties (at its MFN-only cost);
 * - constant-$ markup: the price rises by the added duty per unit, so the margin in dollars is kept;
 * - constant-% markup: the price rises by the added duty per unit x price / cost, so the margin in percent is
 *   kept (the cost x (1 + markup) rule, with markup = price / cost - 1);
 * - pass-through s: the price rises by s x the added duty per unit; the seller absorbs the rest.
 *
 * Rounding: every division rounds once, half up (half away from zero for a signed amount), to the cent or to
 * 4 decimals of a percent, at the place the comment says. A per-unit figure is rounded on its own from the line's
 * exact amounts (it is not a line total divided after rounding); line totals are rounded per line and summed,
 * so a basket total is the sum of its lines.
 */
import type { ImpactInput } from '../schema/impact-row.js';
import type { Cents, RateMicro } from '../values/money.js';

export type { ImpactInput };


export const NO_IMPACT_INPUT: ImpactInput = { unitPrice: null, margin: null, unitCost: null, freight: null, insurance: null, otherCosts: null };

export interface LineImpactArgs {
  value: Cents;
  duty: Cents;
  /** The line's MFN duty (the part of `duty` that is not an added duty). */
  mfnDuty: Cents;
  /** Customs fees counted on this line (its own entry's MPF + HMF), 0n when none are. */
  fees: Cents;
  /** Units, in millionths (Row.quantity), or null. */
  quantity: bigint | null;
  input: ImpactInput;
  /** Share of the added duty passed on to the price, micro-percent (100% = 100_000_000n). */
  passThrough: RateMicro;
}

/** Price and margin figures of a line with a unit price (per unit unless named *Line). */
export interface PriceImpact {
  unitPrice: Cents;
  /** Given, or derived from the margin: unit price x (100% - margin), half up to the cent. */
  unitCost: Cents;
  /** Gross margin before the added duties: as given, else (price - cost) / price; percent x 10^4. */
  marginPct4: bigint;
  /** Price increase that keeps the margin in dollars: the added duty per unit. */
  constantDollar: Cents;
  /** Price increase that keeps the margin in percent: added duty per unit x price / cost. */
  constantPercent: Cents;
  passThrough: RateMicro;
  /** unit price + pass-through x added duty per unit (the increase rounded half up to the cent). */
  newPrice: Cents;
  /** (new price - unit price) / unit price, percent x 10^4. */
  priceChangePct4: bigint;
  /** New price - unit cost - added duty per unit. */
  marginLeft: Cents;
  /** Margin left / new price, percent x 10^4. */
  marginLeftPct4: bigint;
  /** The part of the added duty per unit the seller absorbs: added duty per unit - the price increase. */
  absorbed: Cents;
}

/** A priced line's totals, each rounded once per line, summed into a basket (priceLineTotals). */
export interface PriceLineTotals {
  /** Unit price x quantity. */
  revenue: Cents;
  /** Unit cost x quantity. */
  cost: Cents;
  /** The revenue rise that keeps the margin in percent: added duty x price / cost. */
  constantPercent: Cents;
  /** New price x quantity. */
  revenueAfter: Cents;
}

export interface LineImpact {
  /** freight + insurance + other costs. */
  costs: Cents;
  fees: Cents;
  landedCost: Cents;
  addedDuty: Cents;
  quantity: bigint | null;
  /** Per unit (null without a quantity above 0). */
  landedCostPerUnit: Cents | null;
  dutyPerUnit: Cents | null;
  addedDutyPerUnit: Cents | null;
  /** Null without a unit price. */
  price: PriceImpact | null;
}

const MILLION = 1_000_000n;
const HALF_MILLION = 500_000n;
const HUNDRED_PCT = 100_000_000n; // 100% in micro-percent
const HALF_HUNDRED_PCT = 50_000_000n;

/** n / d rounded half away from zero (d > 0): (2|n| + d) / 2d with the sign of n, in bigint. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('invariant: divRound by a divisor <= 0');
  return n >= 0n ? (n * 2n + d) / (d * 2n) : -((d - n * 2n) / (d * 2n));
}

/** divRound(n, d) with 2d given (d > 0): the divisions of one line by its quantity share it. */
function divRound2(n: bigint, d: bigint, d2: bigint): bigint {
  return n >= 0n ? (n * 2n + d) / d2 : -((d - n * 2n) / d2);
}

/** divRound(n, 10^6): (|n| + 10^6 / 2) / 10^6 with the sign of n (the divisor is even, so the same fraction). */
function divRoundMillion(n: bigint): bigint {
  return n >= 0n ? (n + HALF_MILLION) / MILLION : -((HALF_MILLION - n) / MILLION);
}

/** num / den in percent with 4 decimals (percent x 10^4), half away from zero; null when den is 0. */
export function ratioPct4(num: bigint, den: bigint): bigint | null {
  if (den === 0n) return null;
  return den > 0n ? divRound(num * MILLION, den) : divRound(-num * MILLION, -den);
}

/** Percent x 10^4 in its shortest form: 275000n -> "27.5", -12345n -> "-1.2345". */
export function formatPct4(p: bigint): string {
  const neg = p < 0n;
  const a = neg ? -p : p;
  const frac = (a % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 10_000n}${frac ? `.${frac}` : ''}`;
}

/**
 * The unit cost a margin implies: unit price x (100% - margin), half up to the cent (the one rounding of the
 * cost). Both factors are >= 0, so half up is (n + 10^8 / 2) / 10^8.
 */
export function costFromMargin(unitPrice: Cents, margin: RateMicro): Cents {
  return (unitPrice * (HUNDRED_PCT - margin) + HALF_HUNDRED_PCT) / HUNDRED_PCT;
}

/** An amount per unit: cents x 10^6 / quantity in millionths, half up (null without a quantity above 0). */
function perUnit(amount: Cents, quantity: bigint | null): Cents | null {
  return quantity === null || quantity === 0n ? null : divRound(amount * MILLION, quantity);
}

const TWO_MILLION = 2_000_000n;

/**
 * amount x 10^6 / q rounded half away from zero, with 2q given: divRound(amount x 10^6, q) with the two factors of
 * the numerator (10^6, then 2) taken as one.
 */
function perUnit2(amount: Cents, q: bigint, q2: bigint): Cents {
  return amount >= 0n ? (amount * TWO_MILLION + q) / q2 : -((q - amount * TWO_MILLION) / q2);
}

/** The impact of one computed line. Never throws on user data (rows were checked by the schema). */
export function lineImpact(a: LineImpactArgs): LineImpact {
  const i = a.input;
  // freight + insurance + other costs, adding only the ones given (most lines give one or none).
  let costs = i.freight ?? 0n;
  if (i.insurance !== null) costs += i.insurance;
  if (i.otherCosts !== null) costs += i.otherCosts;
  const landedCost = a.value + a.duty + a.fees + costs;
  const addedDuty = a.duty - a.mfnDuty;
  const q = a.quantity;
  if (q === null || q === 0n) {
    return { costs, fees: a.fees, landedCost, addedDuty, quantity: q, landedCostPerUnit: null, dutyPerUnit: null, addedDutyPerUnit: null, price: null };
  }
  // Per unit: amount x 10^6 / quantity in millionths, each rounded once, half up (away from zero when negative).
  const q2 = q * 2n;
  const addedDutyPerUnit = perUnit2(addedDuty, q, q2);
  return {
    costs,
    fees: a.fees,
    landedCost,
    addedDuty,
    quantity: q,
    landedCostPerUnit: perUnit2(landedCost, q, q2),
    dutyPerUnit: perUnit2(a.duty, q, q2),
    addedDutyPerUnit,
    price: i.unitPrice === null ? null : priceImpact(i, i.unitPrice, q, q2, addedDuty, addedDutyPerUnit, a.passThrough),
  };
}

/**
 * Price and margin figures. `addedExact / q` (addedExact = added duty x 10^6) is the added duty per unit exactly;
 * `perUnit` is it rounded once (the constant-$ increase). Every figure is its exact fraction rounded once, half
 * away from zero; the products the fractions share (the increase x quantity) are made once.
 */
function priceImpact(i: ImpactInput, p0: Cents, q: bigint, q2: bigint, addedDuty: Cents, perUnit: Cents, s: RateMicro): PriceImpact {
  const margin = i.margin;
  const c0 = i.unitCost ?? costFromMargin(p0, margin ?? 0n);
  if (c0 <= 0n) throw new Error('invariant: a unit cost of 0 or less (the row check refuses it)');
  const addedExact = addedDuty * MILLION; // / q: the added duty per unit, exactly
  // The margin as given (micro-percent to percent x 10^4, half up: it is >= 0), else (price - cost) / price.
  const marginPct4 = margin !== null ? (margin + 50n) / 100n : divRound((p0 - c0) * MILLION, p0);
  // Keeping the margin in percent: cost and price scale together, so the price rises by the cost increase x p0 / c0:
  // added duty x p0 / c0 on the line, and that x 10^6 / q a unit.
  const constantPercent = divRound(addedDuty * p0 * MILLION, q * c0);
  // s x addedDuty x 10^6 / q / 10^8 = addedDuty x s / (q x 100); at 100% that is the constant-$ increase itself
  // (the same fraction, so the same rounding).
  const increase = s === HUNDRED_PCT ? perUnit : divRound(addedDuty * s, q * 100n);
  const newPrice = p0 + increase;
  const increaseExact = increase * q; // x 10^-6 cents
  const revenueAfterExact = p0 * q + increaseExact; // new price x q
  // Margin left per unit: new price - cost - added duty per unit, exact until one rounding: (new price x q - c0 x q - addedExact) / q.
  const leftNum = revenueAfterExact - c0 * q - addedExact;
  return {
    unitPrice: p0,
    unitCost: c0,
    marginPct4,
    constantDollar: perUnit,
    constantPercent,
    passThrough: s,
    newPrice,
    priceChangePct4: divRound(increase * MILLION, p0),
    marginLeft: divRound2(leftNum, q, q2),
    marginLeftPct4: ratioPct4(leftNum, revenueAfterExact) ?? 0n,
    absorbed: divRound2(addedExact - increaseExact, q, q2),
  };
}

/**
 * A priced line's totals for a basket: price, cost and new price x quantity, half up to the cent, and the
 * constant-% revenue rise, half away from zero, each once per line. Made only where totals are shown (calc's csv
 * has no totals of impact: it does not make them).
 */
export function priceLineTotals(p: PriceImpact, q: bigint, addedDuty: Cents): PriceLineTotals {
  return {
    revenue: (p.unitPrice * q + HALF_MILLION) / MILLION,
    cost: (p.unitCost * q + HALF_MILLION) / MILLION,
    constantPercent: divRound(addedDuty * p.unitPrice, p.unitCost),
    revenueAfter: divRoundMillion(p.newPrice * q),
  };
}

/** Sums of line impacts over a basket (a run, a scenario, a group). */
export class ImpactSums {
  lines = 0;
  value: Cents = 0n;
  duty: Cents = 0n;
  addedDuty: Cents = 0n;
  fees: Cents = 0n;
  costs: Cents = 0n;
  landedCost: Cents = 0n;
  /** Units over the lines with a quantity, and whether every line had one, of the same kind of good, in the same unit. */
  quantity = 0n;
  unitsAlike = true;
  #unit: string | null | undefined = undefined;
  #kind: string | undefined = undefined;
  /** Lines with a unit price, and their sums. */
  priceLines = 0;
  revenue: Cents = 0n;
  cost: Cents = 0n;
  constantPercent: Cents = 0n;
  revenueAfter: Cents = 0n;
  /** Added duty of the lines with a unit price (the constant-$ increase of the basket). */
  priceAddedDuty: Cents = 0n;
  passThrough: RateMicro | null = null;

  /**
   * Adds a line. `kind` is the kind of good (its category): units are added up only over lines of one kind and one
   * `unit`, so a basket of cars and parts has no "per unit" figure.
   */
  add(value: Cents, duty: Cents, li: LineImpact, unit: string | null, kind: string): void {
    this.lines++;
    this.value += value;
    this.duty += duty;
    this.addedDuty += li.addedDuty;
    this.fees += li.fees;
    this.costs += li.costs;
    this.landedCost += li.landedCost;
    if (li.quantity === null) this.unitsAlike = false;
    else {
      this.quantity += li.quantity;
      if (this.#kind === undefined) {
        this.#unit = unit;
        this.#kind = kind;
      } else if (this.#unit !== unit || this.#kind !== kind) this.unitsAlike = false;
    }
    const p = li.price;
    if (p !== null) {
      const t = priceLineTotals(p, li.quantity!, li.addedDuty); // a price comes with a quantity above 0
      this.priceLines++;
      this.revenue += t.revenue;
      this.cost += t.cost;
      this.constantPercent += t.constantPercent;
      this.revenueAfter += t.revenueAfter;
      this.priceAddedDuty += li.addedDuty;
      this.passThrough = p.passThrough;
    }
  }

  /** Fees counted for the whole run rather than per line (entries grouped by an entry column). */
  addFees(fees: Cents): void {
    this.fees += fees;
    this.landedCost += fees;
  }

  /** The unit of every line's quantity, when they share one (null: no unit named). */
  get unit(): string | null {
    return this.#unit ?? null;
  }
}

/** Totals of a basket: per-unit figures when every line gave a quantity in one unit, margins over the priced lines. */
export interface ImpactTotals {
  lines: number;
  value: Cents;
  duty: Cents;
  addedDuty: Cents;
  fees: Cents;
  costs: Cents;
  landedCost: Cents;
  /** Null unless every line has a quantity in the same unit (else a per-unit figure would add kilograms to cars). */
  quantity: bigint | null;
  unit: string | null;
  landedCostPerUnit: Cents | null;
  dutyPerUnit: Cents | null;
  addedDutyPerUnit: Cents | null;
  price: {
    lines: number;
    revenue: Cents;
    grossProfit: Cents;
    marginPct4: bigint | null;
    /** Revenue needed to keep the margin in dollars (the added duty) and in percent. */
    constantDollar: Cents;
    constantPercent: Cents;
    passThrough: RateMicro | null;
    revenueAfter: Cents;
    grossProfitAfter: Cents;
    marginLeftPct4: bigint | null;
  } | null;
}

export function impactTotals(s: ImpactSums): ImpactTotals {
  const q = s.lines > 0 && s.unitsAlike && s.quantity > 0n ? s.quantity : null;
  const grossProfit = s.revenue - s.cost;
  const grossProfitAfter = s.revenueAfter - s.cost - s.priceAddedDuty;
  return {
    lines: s.lines,
    value: s.value,
    duty: s.duty,
    addedDuty: s.addedDuty,
    fees: s.fees,
    costs: s.costs,
    landedCost: s.landedCost,
    quantity: q,
    unit: q === null ? null : s.unit,
    landedCostPerUnit: perUnit(s.landedCost, q),
    dutyPerUnit: perUnit(s.duty, q),
    addedDutyPerUnit: perUnit(s.addedDuty, q),
    price:
      s.priceLines === 0
        ? null
        : {
            lines: s.priceLines,
            revenue: s.revenue,
            grossProfit,
            marginPct4: ratioPct4(grossProfit, s.revenue),
            constantDollar: s.priceAddedDuty,
            constantPercent: s.constantPercent,
            passThrough: s.passThrough,
            revenueAfter: s.revenueAfter,
            grossProfitAfter,
            marginLeftPct4: ratioPct4(grossProfitAfter, s.revenueAfter),
          },
  };
}
