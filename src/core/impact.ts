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
import { roundHalfAwayFromZero, type Cents, type RateMicro } from '../values/money.js';

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
  /** Line totals (each rounded once per line), summed into a basket. */
  revenueLine: Cents;
  costLine: Cents;
  constantPercentLine: Cents;
  revenueAfterLine: Cents;
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
const HUNDRED_PCT = 100_000_000n; // 100% in micro-percent

/** 2^52: below it n, d, n + d and 2 x d are exact in a double. */
const FAST_MAX = 2n ** 52n;

/** n / d rounded half away from zero (d > 0). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('invariant: divRound by a divisor <= 0');
  if (n >= 0n && n < FAST_MAX && d < FAST_MAX) {
    // The per-row path, in doubles: every value below is an integer under 2^53, so exact. Math.floor of the double
    // quotient can be one off when nn / dd rounds to an integer: the remainder says so, and it is corrected.
    const nn = Number(n);
    const dd = Number(d);
    let q = Math.floor(nn / dd);
    let r = nn - q * dd;
    if (r < 0) {
      q--;
      r += dd;
    } else if (r >= dd) {
      q++;
      r -= dd;
    }
    return BigInt(r * 2 >= dd ? q + 1 : q);
  }
  return roundHalfAwayFromZero(n, d);
}

/** num / den in percent with 4 decimals (percent x 10^4), half away from zero; null when den is 0. */
export function ratioPct4(num: bigint, den: bigint): bigint | null {
  if (den === 0n) return null;
  return den > 0n ? divRound(num * MILLION, den) : divRound(-num * MILLION, -den);
}

/** Percent x 10^4 in its shortest form: 275000n -> "27.5", -12345n -> "-1.2345". */
export function formatPct4(p: bigint): string {
  if (p >= 0n && p < FAST_MAX) {
    // The per-row path: integer and 4-decimal parts from a double (exact below 2^53).
    const n = Number(p);
    const frac = n % 10_000;
    return frac === 0 ? String((n - frac) / 10_000) : `${(n - frac) / 10_000}.${String(frac).padStart(4, '0').replace(/0+$/, '')}`;
  }
  const neg = p < 0n;
  const a = neg ? -p : p;
  const frac = (a % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 10_000n}${frac ? `.${frac}` : ''}`;
}

/** An amount per unit: cents x 10^6 / quantity in millionths, half up (null without a quantity above 0). */
function perUnit(amount: Cents, quantity: bigint | null): Cents | null {
  return quantity === null || quantity === 0n ? null : divRound(amount * MILLION, quantity);
}

/** The impact of one computed line. Never throws on user data (rows were checked by the schema). */
export function lineImpact(a: LineImpactArgs): LineImpact {
  const i = a.input;
  const costs = (i.freight ?? 0n) + (i.insurance ?? 0n) + (i.otherCosts ?? 0n);
  const landedCost = a.value + a.duty + a.fees + costs;
  const addedDuty = a.duty - a.mfnDuty;
  const q = a.quantity;
  return {
    costs,
    fees: a.fees,
    landedCost,
    addedDuty,
    quantity: q,
    landedCostPerUnit: perUnit(landedCost, q),
    dutyPerUnit: perUnit(a.duty, q),
    addedDutyPerUnit: perUnit(addedDuty, q),
    price: i.unitPrice === null || q === null || q === 0n ? null : priceImpact(i, i.unitPrice, q, addedDuty, a.passThrough),
  };
}

function priceImpact(i: ImpactInput, p0: Cents, q: bigint, addedDuty: Cents, s: RateMicro): PriceImpact {
  // Unit cost: given, or price x (100% - margin) rounded half up to the cent (the one rounding of the cost).
  const c0 = i.unitCost ?? divRound(p0 * (HUNDRED_PCT - (i.margin ?? 0n)), HUNDRED_PCT);
  if (c0 <= 0n) throw new Error('invariant: a unit cost of 0 or less (the row check refuses it)');
  const marginPct4 = i.margin !== null ? divRound(i.margin, 100n) : ratioPct4(p0 - c0, p0)!;
  // Added duty per unit, exact: addedDuty x 10^6 / q cents. Each per-unit figure below rounds it once.
  const exactNum = addedDuty * MILLION; // / q
  const constantDollar = divRound(exactNum, q);
  // Keeping the margin in percent: cost and price scale together, so the price rises by the cost increase x p0 / c0.
  const constantPercent = divRound(exactNum * p0, q * c0);
  // s x addedDuty x 10^6 / q / 10^8, with the 10^6 / 10^8 cancelled to keep the numbers small (the same fraction).
  const increase = divRound(addedDuty * s, q * 100n);
  const newPrice = p0 + increase;
  // Margin left per unit: new price - cost - added duty per unit, exact until one rounding.
  const leftNum = (newPrice - c0) * q - exactNum; // / q
  const marginLeft = divRound(leftNum, q);
  const marginLeftPct4 = ratioPct4(leftNum, newPrice * q) ?? 0n;
  return {
    unitPrice: p0,
    unitCost: c0,
    marginPct4,
    constantDollar,
    constantPercent,
    passThrough: s,
    newPrice,
    priceChangePct4: ratioPct4(increase, p0)!,
    marginLeft,
    marginLeftPct4,
    absorbed: divRound(exactNum - increase * q, q),
    // Line totals: price or cost x quantity, half up to the cent, once per line.
    revenueLine: divRound(p0 * q, MILLION),
    costLine: divRound(c0 * q, MILLION),
    constantPercentLine: divRound(addedDuty * p0, c0),
    revenueAfterLine: divRound(newPrice * q, MILLION),
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
      this.priceLines++;
      this.revenue += p.revenueLine;
      this.cost += p.costLine;
      this.constantPercent += p.constantPercentLine;
      this.revenueAfter += p.revenueAfterLine;
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
