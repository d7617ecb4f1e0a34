/**
 * When does the rate change? For one good or a value-weighted basket, the
 * effective rate is evaluated on every date a measure starts or ends, and a
 * step is kept where the rate changes, with the measures that caused it.
 */
import type { Engine } from './compile.js';
import { formatRate, roundHalfUp, type Cents, type RateMicro } from '../values/money.js';
import { Resolver, type GoodInput, type Plan } from './resolve.js';
import { rateRow, type RowRefusal } from './row.js';

export type Good = Omit<GoodInput, 'date'>;

export interface WeightedGood {
  good: Good;
  value: Cents;
}

export interface Step {
  /** First entry date of the step. */
  date: string;
  /** Effective rate in percent from this date (4 decimals, shortest form). */
  rate: string;
  /** The rate before this date, or null for the first step. */
  previous: string | null;
  /** What changed: measures entering into force or ending for these goods. */
  events: string[];
}

export interface TimelineResult {
  steps: Step[];
  /** Goods that could not be computed (e.g. no MFN rate), with the first reason. */
  refused: { good: Good; refusal: RowRefusal }[];
}

/** Every date within [from, to] on which some measure starts or ends, or a list is amended, plus `from`. */
export function changeDates(engine: Engine, from: string, to: string): string[] {
  const dates = new Set<string>([from]);
  for (const m of engine.measures) {
    if (m.from > from && m.from <= to) dates.add(m.from);
    if (m.to !== null && m.to > from && m.to <= to) dates.add(m.to);
  }
  for (const d of engine.listDates) if (d > from && d <= to) dates.add(d);
  return [...dates].sort();
}

export function timeline(engine: Engine, goods: WeightedGood[], from: string, to: string): TimelineResult {
  const refused: TimelineResult['refused'] = [];
  // The goods' plans per period, shared by every date of a period and every good of the basket with the same code.
  const resolver = new Resolver(engine);
  const usable = goods.filter((g) => {
    const r = rateRow(resolver, { ...g.good, date: from });
    if (!r.ok) refused.push({ good: g.good, refusal: r.refusal });
    return r.ok;
  });
  // Nothing left to chart: no step at all (a 0% "MFN only" line would be a silent wrong number).
  if (usable.length === 0) return { steps: [], refused };
  return { steps: stepsOf(resolver, changeDates(engine, from, to), usable, refused), refused };
}

/**
 * One good's steps (--hts, --category): its rate on each change date, or n/a with calc's reason on the dates it cannot
 * be computed, a step where either changes. A good that cannot be computed on the first date but can later (a code
 * whose lines a measure splits until an exemption claimed lifts it for every one: 8807.30.00 claiming C from the UK
 * pays aluminum on 8807.30.00.60 only, until 9903.96.01 lifts it from 2025-06-30) starts n/a and is charted from then
 * on; one computed on no date has no step, refused with the first date's reason.
 */
export function goodTimeline(engine: Engine, good: Good, from: string, to: string): TimelineResult {
  const resolver = new Resolver(engine);
  const steps: Step[] = [];
  let first: RowRefusal | null = null;
  let computed = false;
  let previousRate: string | null = null;
  let previousApplied = new Map<string, string>();
  for (const date of changeDates(engine, from, to)) {
    const r = rateRow(resolver, { ...good, date });
    if (!r.ok) {
      first ??= r.refusal;
      if (previousRate !== 'n/a') steps.push({ date, rate: 'n/a', previous: previousRate, events: [`the good is not computed from here: from ${date}: ${r.refusal.reason}`] });
      previousRate = 'n/a';
      previousApplied = new Map();
      continue;
    }
    computed = true;
    const applied = appliedOf(r.plan);
    const rate = formatRate(r.rate);
    if (rate !== previousRate) {
      const events = eventsBetween(previousApplied, applied);
      steps.push({ date, rate, previous: previousRate, events: events.length === 0 && (previousRate === null || previousRate === 'n/a') ? ['MFN only'] : events });
      previousRate = rate;
    }
    previousApplied = applied;
  }
  return computed ? { steps, refused: [] } : { steps: [], refused: [{ good, refusal: first! }] };
}

/** The measures that add to a plan's rate (id -> label); the column 1 rate is the base, not an event (its rate kind 'mfn'). */
function appliedOf(plan: Plan): Map<string, string> {
  const applied = new Map<string, string>();
  for (const a of plan.applied) if (a.measure.rate.kind !== 'mfn' && a.rate > 0n) applied.set(a.measure.id, a.measure.label);
  return applied;
}

/** The steps over the change dates: a step where the rate changes, with what came into force, ended, or left. */
function stepsOf(resolver: Resolver, dates: string[], usable: WeightedGood[], refused: TimelineResult['refused']): Step[] {
  let total = usable.reduce((s, g) => s + g.value, 0n);
  const appliedLeft: string[] = [];
  const single = usable.length === 1;
  const steps: Step[] = [];
  let previousRate: string | null = null;
  let previousApplied = new Map<string, string>();
  for (const date of dates) {
    const on = rateOn(resolver, usable, date, refused);
    for (const g of on.left) {
      usable.splice(usable.indexOf(g), 1);
      total -= g.value;
      appliedLeft.push(`${on.left.length === 1 && single ? 'the good' : 'a good'} is not computed from here: ${refused[refused.length - 1]!.refusal.reason}`);
    }
    if (single && usable.length === 0) {
      steps.push({ date, rate: 'n/a', previous: previousRate, events: appliedLeft.splice(0) });
      break;
    }
    const rate = single ? formatRate(on.singleRate) : total === 0n ? '0' : weightedRate(on.weighted, total);
    if (rate !== previousRate) {
      const events = [...eventsBetween(previousApplied, on.applied), ...appliedLeft.splice(0)];
      steps.push({ date, rate, previous: previousRate, events: previousRate === null && events.length === 0 ? ['MFN only'] : events });
      previousRate = rate;
    }
    previousApplied = on.applied;
  }
  return steps;
}

/**
 * The goods' rates on a date: sum(value x rate) in cents x micro-percent, the one good's rate, the measures that add
 * to them (id -> label), and the goods that cannot be computed from this date (refused, with the date said).
 */
function rateOn(resolver: Resolver, usable: readonly WeightedGood[], date: string, refused: TimelineResult['refused']) {
  let weighted = 0n;
  let singleRate: RateMicro = 0n;
  const applied = new Map<string, string>();
  const left: WeightedGood[] = [];
  for (const g of usable) {
    const r = rateRow(resolver, { ...g.good, date });
    if (!r.ok) {
      // From this date the good cannot be computed (e.g. a measure not modelled): it leaves the timeline, said so.
      refused.push({ good: g.good, refusal: { ...r.refusal, reason: `from ${date}: ${r.refusal.reason}` } });
      left.push(g);
      continue;
    }
    // The column 1 rate is the base the steps are read against, not an event: the MFN measure is known by its rate kind.
    for (const a of r.plan.applied) if (a.measure.rate.kind !== 'mfn' && a.rate > 0n) applied.set(a.measure.id, a.measure.label);
    weighted += g.value * r.rate;
    singleRate = r.rate;
  }
  return { weighted, singleRate, applied, left };
}

/** What ended and what came into force between two dates' applied measures (id -> label). */
function eventsBetween(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [
    ...[...before].filter(([id]) => !after.has(id)).map(([, label]) => `${label}: ends`),
    ...[...after].filter(([id]) => !before.has(id)).map(([, label]) => `${label}: in force`),
  ];
}

/** sum(value x rate) / sum(value), as a percent with 4 decimals, half up. */
function weightedRate(weighted: bigint, total: bigint): string {
  // weighted is in cents x micro-percent; result in micro-percent rounded to 4 decimals of a percent (100 micro).
  const hundredths = roundHalfUp(weighted, total * 100n); // rate in units of 0.0001%
  return formatRate(hundredths * 100n);
}
