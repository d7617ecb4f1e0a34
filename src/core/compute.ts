/**
 * Duty arithmetic for one line and the running totals of a run.
 *
 * Rounding happens once, at one place: each measure's amount, per line, half
 * up to the cent (applyRate). A line's duty and every total are sums of those
 * rounded amounts, so lines and totals always reconcile.
 */
import type { CompiledMeasure } from './compile.js';
import { applyRate, type Cents, type RateMicro } from './money.js';
import type { Plan } from './resolve.js';

export interface DutyAmount {
  measure: CompiledMeasure;
  rate: RateMicro;
  amount: Cents;
}

export interface LineDuty {
  duties: DutyAmount[];
  duty: Cents;
  /** The part of the duty paid under refundable measures. */
  refundable: Cents;
}

export function computeLineDuty(plan: Plan, value: Cents): LineDuty {
  const duties: DutyAmount[] = [];
  let duty = 0n;
  let refundable = 0n;
  for (const a of plan.applied) {
    const amount = applyRate(value, a.rate);
    duty += amount;
    if (a.measure.refundBasis !== null) refundable += amount;
    duties.push({ measure: a.measure, rate: a.rate, amount });
  }
  return { duties, duty, refundable };
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
  readonly byMeasure = new Map<string, Cents>();
  readonly byLayer = new Map<string, Cents>();

  addLine(value: Cents, line: LineDuty): void {
    this.lines++;
    this.value += value;
    this.duty += line.duty;
    this.refundable += line.refundable;
    if (line.refundable > 0n) this.refundableLines++;
    for (const d of line.duties) {
      this.byMeasure.set(d.measure.id, (this.byMeasure.get(d.measure.id) ?? 0n) + d.amount);
      this.byLayer.set(d.measure.layer, (this.byLayer.get(d.measure.layer) ?? 0n) + d.amount);
    }
  }

  addRejected(): void {
    this.rejected++;
  }
}

export interface ComputedLine<R> extends LineDuty {
  row: R;
  plan: Plan;
}
