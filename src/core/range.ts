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
 * - an assumption tariff has no input for (a parts certification, the metal's share of the weight): where the
 *   measure that applies to the line says in its `assumes` what the law gives `otherwise` (`effect: "outside"`:
 *   the line is outside that measure), the assumption holding, and not. The other case is computed by the engine
 *   without that measure, as a scenario removing it would (`fact` names it).
 *
 * Duty is linear in the metal value and in the US share within a class, and the classes' ends are enumerated, so
 * the ends found are the ends over every value of the facts, up to the rounding of each measure's amount to the
 * cent (at most a cent per measure inside an interval). A combination the engine refuses (a program whose Special
 * rate has no computation, say) is listed in `skipped`, not guessed.
 */
import type { CompiledMeasure, Engine } from './compile.js';
import { computeLineDuty, quantityProblem } from './compute.js';
import { MICRO_PER_PCT, type Cents, type RateMicro } from '../values/money.js';
import { Resolver, type GoodInput } from './resolve.js';

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

export type FactName = 'loaded' | 'us_content' | 'metal_value' | 'spi' | 'outside';

/** The facts a variant computes with: the row's own where it gave them, else one alternative. */
export interface RangeFacts {
  loaded: string | null;
  usContent: RateMicro | null;
  metalValue: Cents | null;
  spi: string | null;
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

/** The field of RangeFacts each fact sets. */
const FIELD: Record<FactName, keyof RangeFacts> = { loaded: 'loaded', us_content: 'usContent', metal_value: 'metalValue', spi: 'spi', outside: 'outside' };

/** One fact's alternatives; the first is the one the documented default amounts to. */
interface Alternatives {
  fact: FactName;
  values: (string | bigint | null)[];
  /** Whether values[0] is what the default amounts to (false when the law leaves that class out on the date). */
  defaultFirst: boolean;
}

/**
 * The alternatives of each fact the row leaves out that a measure in force for its origin on its date asks about.
 * Exported for tests.
 */
export function factAlternatives(engine: Engine, row: RangeRow, applied: readonly CompiledMeasure[] = [], category: string | null = null): Alternatives[] {
  // The measures in force for the origin on the date whose scope covers the good (by code or category, exclusions
  // applied, as the Resolver decides it): only their rules can make a fact matter.
  const hts = row.hts;
  const covers = (m: CompiledMeasure) =>
    category === null ||
    (!(hts !== null && m.excludeHts.matches(hts)) && !m.excludeCategories.has(category) && (m.allGoods || (hts !== null && m.hts.matches(hts)) || m.categories.has(category)));
  const inForce = engine.measures.filter((m) => m.from <= row.date && (m.to === null || row.date < m.to) && m.origins.has(row.origin) && covers(m));
  const out: Alternatives[] = [];
  if (row.loaded === null) {
    const cuts = [...new Set(inForce.flatMap((m) => m.inTransit.filter((t) => row.date < t.enteredBefore).map((t) => t.loadedBefore)))].sort();
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
  if (row.usContent === null) {
    const thresholds = [...new Set(inForce.flatMap((m) => (m.usContentThreshold === null ? [] : [m.usContentThreshold])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (thresholds.length > 0) {
      const values = [0n, ...thresholds.filter((t) => t > 0n && t < HUNDRED), HUNDRED];
      out.push({ fact: 'us_content', values, defaultFirst: true });
    }
  }
  if (!row.hasMetalValue && inForce.some((m) => m.metalContent !== null)) {
    // The default (the whole value is metal) first, then none.
    out.push({ fact: 'metal_value', values: [row.value, 0n], defaultFirst: true });
  }
  if (row.spi === null && row.mfn === null && row.hts !== null && row.hts.length >= 8 && engine.mfnLines !== null && engine.mfn.lookup(row.hts) === undefined) {
    const details = engine.mfnLines.details(row.hts.slice(0, 8));
    // Also the programs a measure in force claims (scope.spi) whose list takes in the line, whether or not its Special
    // column lists them (civil aircraft, spi C: the exemptions apply "regardless of whether ... Free (C) appears").
    const claimed = inForce.flatMap((m) => (m.claimedSpi === null || m.allGoods || !m.hts.matches(row.hts!) || m.excludeHts.matches(row.hts!) ? [] : [...m.claimedSpi]));
    const programs = [...new Set([...(details?.specialRates ?? []).flatMap((r) => r.programs), ...claimed])].filter((p) => engine.programs.has(p) && (engine.programs.get(p)!.origins?.has(row.origin) ?? true)).sort();
    if (programs.length > 0) out.push({ fact: 'spi', values: [null, ...programs], defaultFirst: true });
  }
  // Assumptions with an other case in the data, of the measures that apply to the line as given.
  for (const m of applied) {
    const lifts = m.assumes.some((a) => a.otherwise !== null && !(row.hts !== null && a.otherwise.exceptHts.some((p) => row.hts!.startsWith(p))));
    if (lifts) out.push({ fact: 'outside', values: [null, m.id], defaultFirst: true });
  }
  return out;
}

/**
 * The range of a line the engine computes as given (the caller has its duty under the defaults). Every
 * combination of the alternatives is computed; of equal duties, the end that assumes the fewest facts away from
 * the defaults is reported.
 */
export function lineRange(resolver: Resolver, row: RangeRow): LineRange {
  const asGiven = resolver.resolve(row);
  const alternatives = factAlternatives(resolver.engine, row, asGiven.ok ? asGiven.plan.applied.map((a) => a.measure) : [], asGiven.ok ? asGiven.plan.category : null);
  const given: RangeFacts = { loaded: row.loaded, usContent: row.usContent, metalValue: row.metalValue, spi: row.spi, outside: [] };
  // Every combination, by how many facts it takes away from the defaults, then in order.
  let combos: { facts: RangeFacts; assumed: FactName[] }[] = [{ facts: given, assumed: [] }];
  for (const alt of alternatives) {
    const next: typeof combos = [];
    for (const c of combos) {
      alt.values.forEach((v, i) => {
        const facts = { ...c.facts };
        if (alt.fact === 'loaded') facts.loaded = v as string;
        else if (alt.fact === 'us_content') facts.usContent = v as bigint;
        else if (alt.fact === 'metal_value') facts.metalValue = v as bigint;
        else if (alt.fact === 'spi') facts.spi = v as string | null;
        else if (v !== null) facts.outside = [...facts.outside, v as string];
        next.push({ facts, assumed: i === 0 && alt.defaultFirst ? c.assumed : [...c.assumed, alt.fact] });
      });
    }
    combos = next;
  }
  combos.sort((a, b) => a.assumed.length - b.assumed.length); // stable: equal counts keep their order

  let low: RangeEnd | null = null;
  let high: RangeEnd | null = null;
  const skipped: LineRange['skipped'] = [];
  const duties: { facts: RangeFacts; duty: Cents }[] = [];
  for (const { facts, assumed } of combos) {
    const duty = dutyWith(resolver, row, facts);
    if (typeof duty === 'string') {
      skipped.push({ facts, reason: duty });
      continue;
    }
    duties.push({ facts, duty });
    if (low === null || duty < low.duty) low = { duty, facts, assumed };
    if (high === null || duty > high.duty) high = { duty, facts, assumed };
  }
  if (low === null || high === null) throw new Error('invariant: a line computed as given has no computable variant');
  const considered = [...new Set(alternatives.map((a) => a.fact))];
  // A fact changes the duty when two combinations that differ only in it differ in duty.
  const varied = considered.filter((f) => {
    const byOthers = new Map<string, Cents>();
    for (const { facts, duty } of duties) {
      const key = factsKey(facts, FIELD[f]);
      const seen = byOthers.get(key);
      if (seen === undefined) byOthers.set(key, duty);
      else if (seen !== duty) return true;
    }
    return false;
  });
  return { low, high, considered, varied, variants: combos.length, skipped };
}

/** The facts as a key, one field left out (each field written unambiguously: null as "-", text after a tag). */
function factsKey(f: RangeFacts, without: keyof RangeFacts): string {
  const part = (k: keyof RangeFacts, v: string | bigint | null): string => (k === without || v === null ? '-' : `=${v}`);
  return `${part('loaded', f.loaded)}|${part('usContent', f.usContent)}|${part('metalValue', f.metalValue)}|${part('spi', f.spi)}|${without === 'outside' ? '-' : f.outside.join(' ')}`;
}

/** The line's duty with these facts, or why the engine refuses it. */
export function dutyWith(resolver: Resolver, row: RangeRow, facts: RangeFacts): Cents | string {
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
  };
  const r = (facts.outside.length === 0 ? resolver : without(resolver, facts.outside)).resolve(good);
  if (!r.ok) return r.refusal.reason;
  const qp = quantityProblem(r.plan, row);
  if (qp !== null) return qp;
  return computeLineDuty(r.plan, row.value, row.quantity, { metalValue: facts.metalValue, usContent: facts.usContent }).duty;
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
