/**
 * Duty arithmetic for one line and the running totals of a run.
 *
 * Rounding happens once, at one place: each measure's amount, per line, half
 * up to the cent (applyRate). A line's duty and every total are sums of those
 * rounded amounts, so lines and totals always reconcile.
 */
import type { CompiledMeasure } from './compile.js';
import { applyRate, MICRO_PER_PCT, roundHalfUp, type Cents, type RateMicro } from '../values/money.js';
import type { LineImpact } from './impact.js';
import type { Base, Plan } from './resolve.js';
import { QUALIFIED_UNITS } from './usitc.js';

export interface DutyAmount {
  measure: CompiledMeasure;
  rate: RateMicro;
  amount: Cents;
  /** What the rate applied to, and whether to the non-US share only (see AppliedMeasure). */
  base: Base;
  nonUsShare: boolean;
}

export interface LineDuty {
  duties: DutyAmount[];
  duty: Cents;
  /** The part of the duty paid under refundable measures. */
  refundable: Cents;
}

/**
 * A specific duty: quantity (millionths of a unit) x millionths of a cent per
 * unit, rounded half up to the cent.
 */
export function specificAmount(quantityMicro: bigint, microCentsPerUnit: bigint): Cents {
  const d = 1_000_000_000_000n;
  return roundHalfUp(quantityMicro * microCentsPerUnit, d);
}

/**
 * The duties of one line. `quantityMicro` (millionths of the rate's unit) is
 * needed when the MFN rate has a specific part (see quantityProblem); an
 * inclusive measure over such a rate adds max(0, N% of value - MFN duty).
 */
/** A line's inputs beyond its value that change what a measure applies to. */
export interface LineContent {
  /** Value of the steel/aluminum content (cents), when given. */
  metalValue: Cents | null;
  /** US content in micro-percent, when given. */
  usContent: RateMicro | null;
}

const NO_CONTENT: LineContent = { metalValue: null, usContent: null };
const HUNDRED_PCT = 100n * MICRO_PER_PCT;

/** base x rate% x share%, rounded once, half up, to the cent. */
function applyRateShare(base: Cents, rate: RateMicro, share: RateMicro): Cents {
  const d = HUNDRED_PCT * HUNDRED_PCT;
  return roundHalfUp(base * rate * share, d);
}

export function computeLineDuty(plan: Plan, value: Cents, quantityMicro: bigint | null = null, content: LineContent = NO_CONTENT): LineDuty {
  const duties: DutyAmount[] = [];
  let duty = 0n;
  let refundable = 0n;
  // A specific or compound MFN duty, exact in units of 10^-12 cent: value x ad valorem part + quantity x cents per unit.
  let mfnExact: bigint | null = null;
  if (plan.mfnSpecific !== null) {
    if (quantityMicro === null) throw new Error('invariant: a specific MFN rate needs the quantity (check quantityProblem first)');
    mfnExact = value * plan.mfn * 10_000n + quantityMicro * plan.mfnSpecific.microCents;
  }
  for (const a of plan.applied) {
    let amount: Cents;
    let rate = a.rate;
    const base = a.base === 'value' ? value : a.base === 'metal' ? content.metalValue! : value - content.metalValue!;
    if (mfnExact !== null && a.measure.rate.kind === 'mfn') {
      amount = roundHalfUp(mfnExact, E12); // one rounding for both parts
      rate = displayRate(amount, value);
    } else if (mfnExact !== null && a.inclusiveOf !== undefined) {
      // N% of the base minus the MFN duty's share of that base (its ad valorem equivalent), at least 0; on the
      // non-US share when the US-content rule applies. Exact until one rounding.
      if (value === 0n) amount = 0n;
      else {
        const top = base * (a.inclusiveOf * 10_000n * value - mfnExact); // x 10^-12 cent x value
        const share = a.nonUsShare ? HUNDRED_PCT - content.usContent! : HUNDRED_PCT;
        amount = top <= 0n ? 0n : roundHalfUp(top * share, value * E12 * HUNDRED_PCT);
      }
      rate = displayRate(amount, value);
    } else {
      amount = a.nonUsShare ? applyRateShare(base, a.rate, HUNDRED_PCT - content.usContent!) : applyRate(base, a.rate);
    }
    duty += amount;
    if (a.measure.refundBasis !== null) refundable += amount;
    duties.push({ measure: a.measure, rate, amount, base: a.base, nonUsShare: a.nonUsShare });
  }
  return { duties, duty, refundable };
}

const E12 = 1_000_000_000_000n;


/** The percentage an amount comes to on the line's value, for display (micro-percent). */
function displayRate(amount: Cents, value: Cents): RateMicro {
  return value === 0n ? 0n : roundHalfUp(amount * 100_000_000n, value);
}

/**
 * A line whose MFN rate has a specific part needs its quantity in the rate's
 * unit; returns the reason when it cannot be computed, else null.
 */
export function quantityProblem(plan: Plan, row: { quantity: bigint | null; unit: string | null }): string | null {
  if (plan.mfnSpecific === null) return null;
  const unit = plan.mfnSpecific.unit;
  if (row.quantity === null) return `the MFN rate is ${plan.mfnSpecific.text}: give quantity (in ${unit})`;
  if (row.unit === null && QUALIFIED_UNITS.has(unit)) return `the MFN rate is ${plan.mfnSpecific.text}: give the quantity in ${unit} with unit "${unit}"`;
  const aliases = plan.mfnSpecific.unitAliases;
  if (row.unit !== null && unitName(row.unit, aliases) !== unitName(unit, aliases)) return `the MFN rate is per ${unit}, but the quantity is in ${row.unit}: give it in ${unit}`;
  return null;
}

/**
 * A unit as compared: its spelling folded (case, spaces, a final ".": the USITC export writes "No.", "liters"), then
 * the unit it means by the schedule's aliases ("pcs" = "each": data/schedules/us.json `units`), else without a plural
 * "s" ("liters" = "liter").
 */
export function unitName(u: string, aliases: ReadonlyMap<string, string>): string {
  const w = u.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  const alias = aliases.get(w);
  if (alias !== undefined) return alias;
  return w.length > 2 && w.endsWith('s') ? w.slice(0, -1) : w;
}

/** Running totals over a stream of lines; memory is bounded by the number of measures. */
export class Totals {
  lines = 0;
  rejected = 0;
  value: Cents = 0n;
  duty: Cents = 0n;
  refundable: Cents = 0n;
  /** Lines with a refundable amount. */
  refundableLines = 0;
  /** Duty by measure (keyed by the measure object: an identity lookup on the per-row path). */
  readonly #byMeasure = new Map<CompiledMeasure, Cents>();

  addLine(value: Cents, line: LineDuty): void {
    this.lines++;
    this.value += value;
    this.duty += line.duty;
    this.refundable += line.refundable;
    if (line.refundable > 0n) this.refundableLines++;
    for (const d of line.duties) this.#byMeasure.set(d.measure, (this.#byMeasure.get(d.measure) ?? 0n) + d.amount);
  }

  /** Duty of a measure over all lines, or undefined when it never applied. */
  measureDuty(id: string): Cents | undefined {
    for (const [m, amount] of this.#byMeasure) if (m.id === id) return amount;
    return undefined;
  }

  /** Duty by layer, summed from the measures. */
  layerDuty(): Map<string, Cents> {
    const out = new Map<string, Cents>();
    for (const [m, amount] of this.#byMeasure) out.set(m.layer, (out.get(m.layer) ?? 0n) + amount);
    return out;
  }

  addRejected(): void {
    this.rejected++;
  }
}

/** A row computed (core/row.ts computeRow): its plan and duties. */
export interface ComputedLine<R> extends LineDuty {
  ok: true;
  row: R;
  plan: Plan;
  /** Landed cost, price and margin figures, when the run computes them (impact inputs given). */
  impact?: LineImpact;
}

/** The part of a line's duty charged by its MFN measure (the rest is what the impact figures call added duty). */
export function mfnDutyOf(line: LineDuty): Cents {
  let mfn = 0n;
  for (const d of line.duties) if (d.measure.rate.kind === 'mfn') mfn += d.amount;
  return mfn;
}
