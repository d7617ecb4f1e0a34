/**
 * One row, resolve → check → compute: the one place where an input row becomes a computed line or a refusal.
 *
 * - calc (CalcLines), compare (CompareRows, once per column) and explain (calc --explain) call computeRow; the
 *   library entry (src/index.ts) and the MCP tools run those commands, so they go through it too.
 * - timeline calls rateRow: the same resolve and the same place to refuse, with the line's rate in place of its
 *   duty (a rate over time has no value or quantity to compute a duty from).
 *
 * Both are pure and take anything that resolves a good (a Resolver, whose memo makes the per-row work the
 * arithmetic alone). A refusal names the input field it is about (hts, origin, quantity...), as a CSV column
 * before the caller maps it to the user's own header.
 */
import type { Cents, RateMicro } from '../values/money.js';
import { computeLineDuty, quantityProblem, type ComputedLine } from './compute.js';
import type { GoodInput, Plan, Refusal, Resolution } from './resolve.js';

/** What resolves a good into a plan (Resolver; resolveGood behind a memo). */
export interface Resolves {
  resolve(good: GoodInput): Resolution;
}

/** A row as the pipeline reads it: the good, and what its duty is computed on. */
export interface LineInput extends GoodInput {
  value: Cents;
  /** Quantity in millionths of its unit (null: not given): needed when the MFN rate has a specific part. */
  quantity: bigint | null;
  /** The unit the quantity is in, when the row says. */
  unit: string | null;
  /** Value of the steel/aluminum content, in cents (null: not given). */
  metalValue: Cents | null;
  usContent: RateMicro | null;
}

/** Why a row is not computed: the field it is about (an input column's name) and the reason. */
export interface RowRefusal {
  field: Refusal['field'] | 'quantity';
  reason: string;
}

export type RowResult<R> = ComputedLine<R> | { ok: false; refusal: RowRefusal };

/**
 * The row's line: its plan (resolve), refused when the plan cannot be computed from what the row gives (check: a
 * specific MFN rate needs the quantity in its unit), else its duties per measure (compute, rounded once per
 * measure per line).
 */
export function computeRow<R extends LineInput>(resolver: Resolves, row: R): RowResult<R> {
  const r = resolver.resolve(row);
  if (!r.ok) return r;
  const plan = r.plan;
  const problem = quantityProblem(plan, row);
  if (problem !== null) return { ok: false, refusal: { field: 'quantity', reason: problem } };
  const d = computeLineDuty(plan, row.value, row.quantity, row);
  return { ok: true, row, plan, duties: d.duties, duty: d.duty, refundable: d.refundable };
}

export type RateResult = { ok: true; plan: Plan; rate: RateMicro } | { ok: false; refusal: RowRefusal };

/**
 * The good's rate on its date: its plan (resolve), refused when its MFN rate has a specific part (check: a rate
 * over time is a percentage of value, and a specific duty is not one without a value and quantity), else the sum
 * of the rates of the measures that apply (compute).
 */
export function rateRow(resolver: Resolves, good: GoodInput): RateResult {
  const r = resolver.resolve(good);
  if (!r.ok) return r;
  const plan = r.plan;
  if (plan.mfnSpecific !== null) {
    return { ok: false, refusal: { field: 'mfn_rate', reason: `the MFN rate is ${plan.mfnSpecific.text}: a rate over time needs an ad valorem MFN; give mfn_rate (--mfn-rate)` } };
  }
  let rate = 0n;
  for (const a of plan.applied) rate += a.rate;
  return { ok: true, plan, rate };
}
