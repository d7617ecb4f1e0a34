/**
 * Scenario comparison: the same rows under several engines, summed per
 * scenario and per group, with differences from the first scenario (the
 * baseline) and optional run rates (annual flows shown per month, day, hour).
 */
import type { LineDuty } from './compute.js';
import { roundHalfAwayFromZero, roundHalfUp, type Cents } from '../values/money.js';
import type { Plan } from './resolve.js';

export type GroupBy = 'category' | 'hts' | 'measure' | 'id' | 'origin';
export const GROUP_BYS: readonly GroupBy[] = ['category', 'hts', 'measure', 'id', 'origin'];

export type Per = 'year' | 'month' | 'day' | 'hour';
export const PERS: readonly Per[] = ['year', 'month', 'day', 'hour'];
/** How many of each period a year has (a year is 365 days). */
export const PERIODS_PER_YEAR: Record<Per, bigint> = { year: 1n, month: 12n, day: 365n, hour: 365n * 24n };

export interface GroupSum {
  value: Cents;
  duty: Cents;
}

export class ScenarioSums {
  lines = 0;
  rejected = 0;
  value: Cents = 0n;
  duty: Cents = 0n;
  readonly groups = new Map<string, GroupSum>();

  constructor(readonly name: string) {}

  add(key: string, value: Cents, duty: Cents): void {
    const g = this.groups.get(key);
    if (g) {
      g.value += value;
      g.duty += duty;
    } else this.groups.set(key, { value, duty });
  }
}

export interface GroupedLine {
  id: string | null;
  hts: string | null;
  /** The country of origin the line was priced for (--by origin). */
  origin?: string;
  value: Cents;
}

/** Adds one computed line to a scenario's sums under the chosen grouping. */
export function addLine(sums: ScenarioSums, by: GroupBy, line: GroupedLine, plan: Plan, duty: LineDuty, htsLabel: (digits: string) => string): void {
  sums.lines++;
  sums.value += line.value;
  sums.duty += duty.duty;
  switch (by) {
    case 'category':
      sums.add(plan.category, line.value, duty.duty);
      break;
    case 'hts':
      sums.add(line.hts === null ? `(${plan.category})` : htsLabel(line.hts), line.value, duty.duty);
      break;
    case 'id':
      sums.add(line.id ?? '(no id)', line.value, duty.duty);
      break;
    case 'measure':
      for (const d of duty.duties) sums.add(d.measure.id, line.value, d.amount);
      break;
    case 'origin':
      sums.add(line.origin ?? '(no origin)', line.value, duty.duty);
      break;
  }
}

/** An annual amount as a run rate per period, rounded half away from zero to the cent (it may be a difference). */
export function perPeriod(annual: Cents, per: Per | null): Cents {
  if (per === null) return annual;
  const n = PERIODS_PER_YEAR[per];
  return roundHalfAwayFromZero(annual, n);
}

/** (b - a) / a in percent, 4 decimals half up (away from zero), or null when a is 0. */
export function percentChange(a: Cents, b: Cents): string | null {
  if (a === 0n) return null;
  const diff = b - a;
  const neg = diff < 0n !== a < 0n;
  const num = (diff < 0n ? -diff : diff) * 1_000_000n;
  const den = a < 0n ? -a : a;
  const q = roundHalfUp(num, den); // percent x 10^4, of magnitudes: the sign is put back below
  const s = q.toString().padStart(5, '0');
  const text = `${s.slice(0, -4)}.${s.slice(-4)}`.replace(/\.?0+$/, '');
  return q === 0n ? '0' : `${neg ? '-' : ''}${text}`;
}

/**
 * Run rates of parts that add up to the run rate of their sum: each part is
 * floored, and the cents left over go to the parts with the largest
 * remainders (earlier parts first on ties), so a table of groups adds up to
 * its total. Every part ends within one cent of its exact run rate.
 */
export function perPeriodParts(parts: readonly Cents[], per: Per | null): Cents[] {
  if (per === null) return [...parts];
  const n = PERIODS_PER_YEAR[per];
  if (parts.some((p) => p < 0n)) return parts.map((p) => perPeriod(p, per));
  const total = perPeriod(parts.reduce((a, b) => a + b, 0n), per);
  const floors = parts.map((p) => p / n);
  let left = total - floors.reduce((a, b) => a + b, 0n);
  const order = parts.map((p, i) => ({ i, r: p % n })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    floors[i]!++;
    left--;
  }
  return floors;
}
