/**
 * `--range`: the lowest and highest duty the law allows for a line, over the facts the line did not give.
 *
 * A line that leaves out its loading date, its US content, its metal value or a special program is computed under
 * the documented defaults (loaded after every in-transit cut-off, no US content, metal content = the whole value,
 * no program claimed). Here each fact left out takes, in turn, one value from each class the law distinguishes,
 * and every combination is computed with the ordinary engine (Resolver + computeLineDuty). Which facts matter and
 * which values they take come from the data, never from this code:
 *
 * - loading date: the `loadedBefore` cut-offs of the in-transit rules (`inTransit`) of the measures in force for
 *   the origin on the entry date, whose entry deadline is after it: one date in each span between two cut-offs
 *   (the latest such date, never after the entry date);
 * - US content: the `usContent` thresholds of the measures in force: 0%, each threshold, and 100% (above a
 *   threshold the duty falls linearly with the share, so its ends are at the threshold and at 100%);
 * - metal value: where a measure in force has a `metalContent` rule: 0 and the full value (the duty is linear in
 *   the metal value between them);
 * - special program: the programs the line's Special column lists that the engine computes (the schedule's `programs` for the row's origin),
 *   and those a measure in force claims (`scope.spi`) on a list that takes in the line (civil aircraft, C), and none;
 * - an assumption tariff has no input for (the metal's share of the weight): where the measure that applies to the
 *   line says in its `assumes` what the law gives `otherwise` (`effect: "outside"`: the line is outside that
 *   measure), the assumption holding, and not. The other case is computed by the engine without that measure, as a
 *   scenario removing it would (`fact` names it);
 * - a yes/no fact the row may give (auto_part: a part of a passenger vehicle or light truck, note 33(f)): where a
 *   measure in force whose scope takes the line in reads it (`assumes[].without`) and it is not the law for the line
 *   (`exceptHts`), the default and the other answer (yes where the default is the other case, `byDefault`, else
 *   no). A row that gives it is computed as given: no range over it.
 *
 * Duty is linear in the metal value and in the US share within a class, and the classes' ends are enumerated, so
 * the ends found are the ends over every value of the facts, up to the rounding of each measure's amount to the
 * cent (at most a cent per measure inside an interval). A combination the engine refuses (a program whose Special
 * rate has no computation, say) is listed in `skipped`, not guessed.
 */
import type { CompiledMeasure, Engine } from './compile.js';
import { computeLineDuty, quantityProblem } from './compute.js';
import { MICRO_PER_PCT, type Cents, type RateMicro } from '../values/money.js';
import { Resolver, type GoodInput, type Plan } from './resolve.js';
import { listedOn } from './scope.js';
import { factIsLaw, outsideByDefault, readsInput } from './given-facts.js';

/** The row as the core computes it (a subset of schema/row.ts's Row). */
export interface RangeRow extends GoodInput {
  value: Cents;
  quantity: bigint | null;
  unit: string | null;
  loaded: string | null;
  usContent: RateMicro | null;
  metalValue: Cents | null;
  hasMetalValue: boolean;
  spi: string | null;
}

export type FactName = 'loaded' | 'us_content' | 'metal_value' | 'spi' | 'auto_part' | 'outside';

/** The facts a variant computes with: the row's own where it gave them, else one alternative. */
export interface RangeFacts {
  loaded: string | null;
  usContent: RateMicro | null;
  metalValue: Cents | null;
  spi: string | null;
  /** The row's auto_part, or the answer tried (null: not given, the default). */
  autoPart: boolean | null;
  /** Measures whose assumption does not hold in this variant (the line is outside them), by id. */
  outside: string[];
}

export interface RangeEnd {
  duty: Cents;
  facts: RangeFacts;
  /** The facts of `facts` that differ from what the documented defaults assume (empty: the defaults give this end). */
  assumed: FactName[];
}

export interface LineRange {
  low: RangeEnd;
  high: RangeEnd;
  /** The facts the line did not give that a measure in force on its date asks about, in a fixed order: each end's `facts` give them all. */
  considered: FactName[];
  /** Of those, the ones that change the duty (two combinations differing only in it differ in duty). */
  varied: FactName[];
  /** Combinations computed. */
  variants: number;
  /** Combinations the engine could not compute, with its reason. */
  skipped: { facts: RangeFacts; reason: string }[];
}

const HUNDRED = 100n * MICRO_PER_PCT;

/** One fact's alternatives; the first is the one the documented default amounts to. */
interface Alternatives {
  fact: FactName;
  /** Shared between lines with the same law: never changed. */
  values: readonly (string | bigint | boolean | null)[];
  /** Whether values[0] is what the default amounts to (false when the law leaves that class out on the date). */
  defaultFirst: boolean;
}

/**
 * What the alternatives read of the law for a good (its code or category, the category it resolved to, its origin):
 * the programs of its Special column, and by period (see periodOf) the in-transit cut-offs whose entry deadline is
 * still ahead, the US-content values and whether a measure has a metal-content rule. Made once per good and period
 * instead of scanning every measure's scope for every line.
 */
interface LawOfGood {
  /** The programs of the line's Special column; null when no program can be claimed on the line (specialProgramsOf). */
  special: string[] | null;
  /** By period. */
  periods: (LawOfPeriod | undefined)[];
}

interface LawOfPeriod {
  /** null, then the programs a row may claim on the line for its origin (its Special column's and those the measures
   * in force claim on a list that takes it in): the spi alternatives; null when there are none. */
  spiValues: (string | null)[] | null;
  /** loadedBefore of the in-transit rules of the measures in force with enteredBefore after the date, sorted, distinct. */
  cuts: string[];
  /** 0%, the US-content thresholds strictly between 0 and 100%, and 100%; null when no measure in force has one. */
  usValues: bigint[] | null;
  metal: boolean;
  /** The other answer to auto_part that a measure in force whose scope takes the line in reads (given-facts.ts), or null when none asks. */
  autoPartOther: boolean | null;
}

/**
 * Per engine: the dates at which a measure comes into or out of force or an in-transit rule's entry deadline passes
 * (sorted), and the law of each good by code or category, category and origin (bounded: emptied when full, as the
 * Resolver's memo is).
 */
interface LawMemo {
  bounds: string[];
  goods: Map<string, Map<string, Map<string, LawOfGood>>>;
  entries: number;
}
const lawMemos = new WeakMap<Engine, LawMemo>();
const LAW_MEMO_MAX = 20_000;

function lawMemo(engine: Engine): LawMemo {
  let memo = lawMemos.get(engine);
  if (memo === undefined) {
    const dates = new Set<string>();
    for (const m of engine.measures) {
      dates.add(m.from);
      if (m.to !== null) dates.add(m.to);
      for (const t of m.inTransit) dates.add(t.enteredBefore);
    }
    // A list amended on a date (its entries' `from`) changes which measures cover a code from that date.
    for (const d of engine.listDates) dates.add(d);
    memo = { bounds: [...dates].sort(), goods: new Map(), entries: 0 };
    lawMemos.set(engine, memo);
  }
  return memo;
}

/**
 * How many bounds are on or before the date: dates with the same count see the same measures in force
 * (from <= date < to) and the same entry deadlines ahead (date < enteredBefore).
 */
function periodOf(bounds: readonly string[], date: string): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lawOf(engine: Engine, row: RangeRow, category: string | null): LawOfPeriod {
  const memo = lawMemo(engine);
  if (memo.entries >= LAW_MEMO_MAX) {
    memo.goods.clear();
    memo.entries = 0;
  }
  const k1 = row.hts ?? `category:${row.category ?? ''}`; // a normalised HTS code is digits only
  let byCategory = memo.goods.get(k1);
  if (byCategory === undefined) memo.goods.set(k1, (byCategory = new Map()));
  const k2 = category ?? '\u0000';
  let byOrigin = byCategory.get(k2);
  if (byOrigin === undefined) byCategory.set(k2, (byOrigin = new Map()));
  let good = byOrigin.get(row.origin);
  if (good === undefined) {
    byOrigin.set(row.origin, (good = { special: specialProgramsOf(engine, row), periods: [] }));
    memo.entries++;
  }
  const p = periodOf(memo.bounds, row.date);
  let period = good.periods[p];
  if (period === undefined) {
    good.periods[p] = period = readPeriod(engine, row, category, good.special);
    memo.entries++;
  }
  return period;
}

/**
 * The programs of the line's Special column (null when no program can be claimed on the line: no full official code,
 * or an MFN rate the row or an override gives). Which of them the engine computes for the origin, and the programs
 * the measures in force claim, are added by period (readPeriod).
 */
function specialProgramsOf(engine: Engine, row: RangeRow): string[] | null {
  const hts = row.hts;
  if (hts === null || hts.length < 8 || engine.mfnLines === null || engine.mfn.lookup(hts) !== undefined) return null;
  const details = engine.mfnLines.details(hts.slice(0, 8));
  return (details?.specialRates ?? []).flatMap((r) => r.programs);
}

function readPeriod(engine: Engine, row: RangeRow, category: string | null, special: string[] | null): LawOfPeriod {
  // The measures in force for the origin on the date whose scope covers the good (by code or category, exclusions
  // applied, as the Resolver decides it): only their rules can make a fact matter.
  const hts = row.hts;
  // A code is on a list from its entry's date (listedOn), as the Resolver reads it: 0201.10.50 is on Annex II only from
  // 2025-11-13, so before then the reciprocal measure covers it, with its US-content and in-transit rules.
  const on = (idx: CompiledMeasure['hts']) => hts !== null && listedOn(engine, idx, hts, row.date) !== undefined;
  const covers = (m: CompiledMeasure) =>
    category === null || (!on(m.excludeHts) && !m.excludeCategories.has(category) && (m.allGoods || on(m.hts) || m.categories.has(category)));
  const inForce = engine.measures.filter((m) => m.from <= row.date && (m.to === null || row.date < m.to) && m.origins.has(row.origin) && covers(m));
  const cuts = [...new Set(inForce.flatMap((m) => m.inTransit.filter((t) => row.date < t.enteredBefore).map((t) => t.loadedBefore)))].sort();
  const thresholds = [...new Set(inForce.flatMap((m) => (m.usContentThreshold === null ? [] : [m.usContentThreshold])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // The spi alternatives: none claimed, then the programs of the Special column and those a measure in force claims
  // (scope.spi) whose list takes in the line, whether or not its Special column lists them (civil aircraft, spi C:
  // the exemptions apply "regardless of whether ... Free (C) appears"), that the engine computes for the origin.
  let spiValues: (string | null)[] | null = null;
  if (special !== null && hts !== null) {
    const claimed = inForce.flatMap((m) => (m.claimedSpi === null || m.allGoods || !on(m.hts) || on(m.excludeHts) ? [] : [...m.claimedSpi]));
    const programs = [...new Set([...special, ...claimed])].filter((p) => engine.programs.has(p) && (engine.programs.get(p)!.origins?.has(row.origin) ?? true)).sort();
    if (programs.length > 0) spiValues = [null, ...programs];
  }
  return {
    spiValues,
    cuts,
    usValues: thresholds.length === 0 ? null : [0n, ...thresholds.filter((t) => t > 0n && t < HUNDRED), HUNDRED],
    metal: inForce.some((m) => m.metalContent !== null),
    autoPartOther: autoPartOtherOf(inForce, hts),
  };
}

/**
 * The answer to auto_part other than the default, where a measure reads it and it is not the law for the line: yes
 * where the default is the other case (byDefault, a line with a code), else no.
 */
function autoPartOtherOf(inForce: readonly CompiledMeasure[], hts: string | null): boolean | null {
  for (const m of inForce) {
    for (const a of m.assumes) {
      if (readsInput(a) && a.without === 'auto_part' && !factIsLaw(a, hts)) return outsideByDefault(a, hts);
    }
  }
  return null;
}

/**
 * The alternatives of each fact the row leaves out that a measure in force for its origin on its date asks about.
 * Exported for tests.
 */
export function factAlternatives(engine: Engine, row: RangeRow, applied: readonly CompiledMeasure[] = [], category: string | null = null): Alternatives[] {
  const law = lawOf(engine, row, category);
  const out: Alternatives[] = [];
  if (row.loaded === null) {
    const cuts = law.cuts;
    if (cuts.length > 0) {
      // One loading date per span [cut i-1, cut i): the latest that is not after the entry date. The default (no
      // in-transit rule) is the span from the last cut-off on, listed first.
      const dates: string[] = [];
      for (let i = cuts.length; i >= 0; i--) {
        const start = i === 0 ? null : cuts[i - 1]!;
        const latest = i === cuts.length ? row.date : minDate(previousDay(cuts[i]!), row.date);
        if (start === null || latest >= start) dates.push(latest);
      }
      if (dates.length > 1 || (dates.length === 1 && row.date < cuts[cuts.length - 1]!)) {
        out.push({ fact: 'loaded', values: dates, defaultFirst: row.date >= cuts[cuts.length - 1]! });
      }
    }
  }
  if (row.usContent === null && law.usValues !== null) out.push({ fact: 'us_content', values: law.usValues, defaultFirst: true });
  if (!row.hasMetalValue && law.metal) {
    // The default (the whole value is metal) first, then none.
    out.push({ fact: 'metal_value', values: [row.value, 0n], defaultFirst: true });
  }
  if (row.spi === null && row.mfn === null && law.spiValues !== null) out.push({ fact: 'spi', values: law.spiValues, defaultFirst: true });
  if ((row.autoPart ?? null) === null && law.autoPartOther !== null) out.push({ fact: 'auto_part', values: [null, law.autoPartOther], defaultFirst: true });
  // Assumptions with an other case in the data and no input, of the measures that apply to the line as given.
  for (const m of applied) {
    const lifts = m.assumes.some((a) => a.otherwise !== null && !readsInput(a) && !factIsLaw(a, row.hts));
    if (lifts) out.push({ fact: 'outside', values: [null, m.id], defaultFirst: true });
  }
  return out;
}

/**
 * The range of a line the engine computes as given (the caller has its duty under the defaults). Every
 * combination of the alternatives is computed; of equal duties, the end that assumes the fewest facts away from
 * the defaults is reported.
 *
 * A combination is its index in mixed radix over the alternatives (the first most significant: the order in which
 * they are listed), so that it needs no object of its own until it is an end or is skipped (this runs for every
 * line of a file, a few to a few dozen times). Two combinations that differ only in the metal value have the same
 * plan (the Resolver reads only whether a metal value is given): it is resolved once for both.
 */
export function lineRange(resolver: Resolver, row: RangeRow): LineRange {
  const asGiven = resolver.resolve(row);
  const alts = factAlternatives(resolver.engine, row, asGiven.ok ? asGiven.plan.applied.map((a) => a.measure) : [], asGiven.ok ? asGiven.plan.category : null);
  const n = alts.length;
  let total = 1;
  for (let j = 0; j < n; j++) total *= alts[j]!.values.length;
  // Each combination's digits (combination c's digit of alternative j at digits[c * n + j]) and how many facts it
  // takes away from the defaults (every digit but a default first value). Scratch arrays, kept between lines.
  const { digits, away, duties, plans, seen } = scratchFor(total, n);
  let mostAway = 0;
  for (let c = 0; c < total; c++) {
    let rest = c;
    let k = 0;
    for (let j = n - 1; j >= 0; j--) {
      const len = alts[j]!.values.length;
      const d = rest % len;
      rest = (rest - d) / len;
      digits[c * n + j] = d;
      if (d !== 0 || !alts[j]!.defaultFirst) k++;
    }
    away[c] = k;
    if (k > mostAway) mostAway = k;
    duties[c] = null;
    plans[c] = undefined;
  }
  let metalAt = -1;
  for (let j = 0; j < n; j++) if (alts[j]!.fact === 'metal_value') metalAt = j;

  let low: RangeEnd | null = null;
  let high: RangeEnd | null = null;
  let lowAt = -1;
  let highAt = -1;
  let skipped: LineRange['skipped'] | null = null;
  // Every combination, by how many facts it takes away from the defaults, then in order.
  for (let k = 0; k <= mostAway; k++) {
    for (let c = 0; c < total; c++) {
      if (away[c] !== k) continue;
      const facts = factsOf(row, alts, digits, c);
      // The combination with the whole value as metal value (digit 0) has the same plan, and came earlier.
      const twin = metalAt < 0 || digits[c * n + metalAt] === 0 ? -1 : c - digits[c * n + metalAt]! * weightOf(alts, metalAt);
      let plan = twin < 0 ? undefined : plans[twin];
      if (plan === undefined) plan = planWith(resolver, row, facts);
      plans[c] = plan;
      if (typeof plan === 'string') {
        (skipped ??= []).push({ facts, reason: plan });
        continue;
      }
      const duty = computeLineDuty(plan, row.value, row.quantity, facts).duty;
      duties[c] = duty;
      if (low === null || duty < low.duty) {
        low = { duty, facts, assumed: [] };
        lowAt = c;
      }
      if (high === null || duty > high.duty) {
        high = { duty, facts, assumed: [] };
        highAt = c;
      }
    }
  }
  if (low === null || high === null) throw new Error('invariant: a line computed as given has no computable variant');
  low.assumed = assumedOf(alts, digits, lowAt);
  high.assumed = assumedOf(alts, digits, highAt);
  // The facts considered, each once, in the order of the alternatives.
  const considered: FactName[] = [];
  for (let j = 0; j < n; j++) if (!considered.includes(alts[j]!.fact)) considered.push(alts[j]!.fact);
  // A fact changes the duty when two combinations that differ only in it differ in duty: the computed combinations
  // grouped by their index with the fact's digits set to 0, the first duty of each group kept. (Each alternative's
  // values are distinct, but for a metal value of 0, which is also the whole value: those two combinations have the
  // same facts, so one duty.)
  const varied = considered.filter((f) => {
    seen.fill(undefined, 0, total);
    for (let c = 0; c < total; c++) {
      const duty = duties[c];
      if (duty === null || duty === undefined) continue;
      let key = 0;
      for (let j = 0; j < n; j++) key = key * alts[j]!.values.length + (alts[j]!.fact === f ? 0 : digits[c * n + j]!);
      const first = seen[key];
      if (first === undefined) seen[key] = duty;
      else if (first !== duty) return true;
    }
    return false;
  });
  plans.fill(undefined, 0, total); // nothing of the line kept
  return { low, high, considered, varied, variants: total, skipped: skipped ?? [] };
}

/**
 * Per combination of a line: its digits, how many facts it takes away from the defaults, its duty (null: skipped)
 * and its plan (or the engine's refusal); and a slot per group of combinations (see varied). Grown as needed and
 * reused from line to line: lineRange runs for every line of a file, and does not call itself.
 */
const scratch = { digits: [] as number[], away: [] as number[], duties: [] as (Cents | null)[], plans: [] as (PlanOrRefusal | undefined)[], seen: [] as (Cents | undefined)[] };
function scratchFor(total: number, n: number): typeof scratch {
  if (scratch.away.length < total) {
    scratch.away = new Array<number>(total).fill(0);
    scratch.duties = new Array<Cents | null>(total).fill(null);
    scratch.plans = new Array<PlanOrRefusal | undefined>(total).fill(undefined);
    scratch.seen = new Array<Cents | undefined>(total).fill(undefined);
  }
  if (scratch.digits.length < total * n) scratch.digits = new Array<number>(total * n).fill(0);
  return scratch;
}

/** How much alternative j's digit is worth in a combination's index (the last alternative's counts 1). */
function weightOf(alts: readonly Alternatives[], j: number): number {
  let w = 1;
  for (let i = j + 1; i < alts.length; i++) w *= alts[i]!.values.length;
  return w;
}

/** The facts of combination c: the row's own, with each alternative's value. */
function factsOf(row: RangeRow, alts: readonly Alternatives[], digits: readonly number[], c: number): RangeFacts {
  const n = alts.length;
  const facts: RangeFacts = { loaded: row.loaded, usContent: row.usContent, metalValue: row.metalValue, spi: row.spi, autoPart: row.autoPart ?? null, outside: [] };
  for (let j = 0; j < n; j++) {
    const alt = alts[j]!;
    const v = alt.values[digits[c * n + j]!]!;
    if (alt.fact === 'loaded') facts.loaded = v as string;
    else if (alt.fact === 'us_content') facts.usContent = v as bigint;
    else if (alt.fact === 'metal_value') facts.metalValue = v as bigint;
    else if (alt.fact === 'spi') facts.spi = v as string | null;
    else if (alt.fact === 'auto_part') facts.autoPart = v as boolean | null;
    else if (v !== null) facts.outside = [...facts.outside, v as string];
  }
  return facts;
}

/** The facts combination c takes away from the defaults, in the order of the alternatives. */
function assumedOf(alts: readonly Alternatives[], digits: readonly number[], c: number): FactName[] {
  const n = alts.length;
  const assumed: FactName[] = [];
  for (let j = 0; j < n; j++) if (digits[c * n + j] !== 0 || !alts[j]!.defaultFirst) assumed.push(alts[j]!.fact);
  return assumed;
}

type PlanOrRefusal = Plan | string;

/** The plan of the line with these facts (the Resolver's), or why the engine refuses it. */
function planWith(resolver: Resolver, row: RangeRow, facts: RangeFacts): PlanOrRefusal {
  // The fields the Resolver reads, named (not a copy of the whole row: this runs for every combination of every line).
  const good: GoodInput = {
    hts: row.hts,
    category: row.category,
    origin: row.origin,
    date: row.date,
    mfn: row.mfn,
    loaded: facts.loaded,
    usContent: facts.usContent,
    hasMetalValue: facts.metalValue !== null,
    spi: facts.spi,
    transshipped: row.transshipped ?? false,
    autoPart: facts.autoPart,
  };
  const r = (facts.outside.length === 0 ? resolver : without(resolver, facts.outside)).resolve(good);
  if (!r.ok) return r.refusal.reason;
  return quantityProblem(r.plan, row) ?? r.plan;
}

/** The line's duty with these facts, or why the engine refuses it. */
export function dutyWith(resolver: Resolver, row: RangeRow, facts: RangeFacts): Cents | string {
  const plan = planWith(resolver, row, facts);
  if (typeof plan === 'string') return plan;
  return computeLineDuty(plan, row.value, row.quantity, { metalValue: facts.metalValue, usContent: facts.usContent }).duty;
}

/** Running sums of the ends over a run: each line's facts are its own, so the ends add up. */
export class RangeTotals {
  lines = 0;
  duty: Cents = 0n;
  low: Cents = 0n;
  high: Cents = 0n;
  /** Lines whose range is wider than a point. */
  ranged = 0;

  add(duty: Cents, r: LineRange): void {
    this.lines++;
    this.duty += duty;
    this.low += r.low.duty;
    this.high += r.high.duty;
    if (r.low.duty !== r.high.duty) this.ranged++;
  }
}

/** Resolvers over the engine without some measures (the line outside them), one per set of measures, kept per resolver. */
const withoutMeasures = new WeakMap<Resolver, Map<string, Resolver>>();

function without(resolver: Resolver, ids: readonly string[]): Resolver {
  let byIds = withoutMeasures.get(resolver);
  if (byIds === undefined) withoutMeasures.set(resolver, (byIds = new Map()));
  const key = [...ids].sort().join(' ');
  let r = byIds.get(key);
  if (r === undefined) {
    const engine = resolver.engine;
    r = new Resolver({ ...engine, measures: engine.measures.filter((m) => !ids.includes(m.id)) });
    byIds.set(key, r);
  }
  return r;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The calendar day before a valid date: 2026-01-01 -> 2025-12-31. */
export function previousDay(date: string): string {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  let day = Number(date.slice(8, 10)) - 1;
  if (day === 0) {
    month--;
    if (month === 0) {
      month = 12;
      year--;
    }
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    day = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  }
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(year, 4)}-${p(month)}-${p(day)}`;
}
