/**
 * Which measures apply to a good on an entry date, at what rate, and why the others do not: resolveGood, the rule of
 * stacking, as its named steps.
 *
 *   origin covered (uncoveredOrigin) → a code specific enough (scope.ts tooCoarse) → the good's category and column
 *   1 rate (price.ts pricedOf, claimedOf) → the candidate measures (scope.ts candidatesOf) → per candidate: displacement,
 *   in transit, the rate, US content, notes (stacking.ts) → the plan's notes (stacking.ts planNotes).
 *
 * Resolution depends only on (HTS or category, origin, date, MFN override and the facts a measure reads: loading
 * date, US content, metal value given, special program, transshipped), never on the value, so it is memoised per
 * distinct key (Resolver, below) and the per-row work is only the arithmetic in compute.ts.
 */
import type { CompiledMeasure, Engine } from './compile.js';
import type { RateMicro } from '../values/money.js';
import { payingOf, pricedOf, type ColumnOne, type GeneralRate } from './price.js';
import { candidatesOf, factsOf, finerOf, inScope, measureIndexes, measuresOf, tooCoarse } from './scope.js';
import {
  addedRate,
  appliedReason,
  baseOf,
  chargesNonUsShare,
  displacerOf,
  displaces,
  inTransitRuleOf,
  inTransitText,
  lineFactsOf,
  measureNotes,
  planNotes,
  rateReason,
} from './stacking.js';
import { boundaries, classOf, dayKey, DAY_KEYS, periodOf } from './periods.js';

export interface GoodInput {
  /** HTS digits (normalised), or null when the row gives only a category. */
  hts: string | null;
  /** Category given by the row; ignored when hts is given. */
  category: string | null;
  origin: string;
  /** Entry date YYYY-MM-DD. */
  date: string;
  /** The row's own MFN rate, overriding the table. */
  mfn: RateMicro | null;
  /** Date of loading on the vessel, for the in-transit rules (null: not given). */
  loaded?: string | null;
  /** Share of the value that is US content, in micro-percent (null: not given). */
  usContent?: RateMicro | null;
  /** Whether the row gives the value of its steel/aluminum content. */
  hasMetalValue?: boolean;
  /** Special program indicator claimed for the column 1 Special rate (General Note 3(c)), e.g. "JP"; null: none. */
  spi?: string | null;
  /** Found transshipped to evade duties (EO 14326 s.3): only then do scope.transshipped measures apply. */
  transshipped?: boolean;
  /** A part of a passenger vehicle or light truck (the row's auto_part; null: not given): read by the measures whose assumption names it (given-facts.ts). */
  autoPart?: boolean | null;
}

/** What a measure's rate applies to on a line. */
export type Base = 'value' | 'metal' | 'remainder';

export interface AppliedMeasure {
  measure: CompiledMeasure;
  /** The additional rate this measure adds for this good (for "inclusive", max(0, N - MFN)). */
  rate: RateMicro;
  /** For an inclusive measure over a specific or compound MFN rate: the N% whose amount the MFN duty is taken from, per line. */
  inclusiveOf?: RateMicro;
  /** The value, the metal value, or the value minus the metal value. */
  base: Base;
  /** Applies to the non-US share of the base only (US content at or above the measure's threshold). */
  nonUsShare: boolean;
}

export interface Decision {
  measure: CompiledMeasure;
  applied: boolean;
  reason: string;
}

/** The specific part of a column 1 rate (N¢ per unit), computed per line from the row's quantity in its unit. */
export interface SpecificPart {
  /** Millionths of a cent per unit. */
  microCents: bigint;
  unit: string;
  /** The rate as the schedule writes it. */
  text: string;
  /** The unit names a row's unit may be written in (folded) and the unit each means: the schedule's `units` (Engine.unitAliases). */
  unitAliases: ReadonlyMap<string, string>;
}

export interface Plan {
  category: string;
  /** The ad valorem part of the MFN rate. */
  mfn: RateMicro;
  /** The specific part of the MFN rate, when it has one: computed per line from the row's quantity. */
  mfnSpecific: SpecificPart | null;
  /** Where the MFN rate came from. */
  mfnSource: string;
  applied: AppliedMeasure[];
  /**
   * Every measure, whether it applied and why. Built when first read (--explain, `hts show`), not with the plan: a
   * file with loaded/us_content columns makes thousands of plans of some 30 reasons each that no line prints.
   */
  readonly decisions: Decision[];
  /** Defaults assumed and caveats, to show with the line. */
  notes: string[];
}

export interface Refusal {
  field: 'hts' | 'category' | 'origin' | 'date' | 'mfn_rate' | 'spi' | 'auto_part';
  reason: string;
}

export type Resolution = { ok: true; plan: Plan } | { ok: false; refusal: Refusal };

export function resolveGood(engine: Engine, good: GoodInput): Resolution {
  return resolveWith(engine, good, false);
}

/**
 * Resolution; with `reasons`, the plan's decisions are built with it, else only when first read, by resolving the
 * same good again (resolution depends only on the good, so they are the ones an eager pass would have built).
 */
function resolveWith(engine: Engine, good: GoodInput, reasons: boolean): Resolution {
  const pre = prepare(engine, good, reasons);
  return pre.ok ? finish(engine, good, pre, reasons) : pre;
}


/**
 * What resolution finds before it looks at the row's loading date, US content and metal value: the category, the
 * column 1 rate and which measures are in force and in scope. It depends on the code (or category), origin, date,
 * MFN override and claimed program only, so the Resolver shares it between rows that differ in the others.
 */
export interface Prepared extends ColumnOne {
  ok: true;
  category: string;
  /** The note on an UNCONFIRMED MFN rate, or null. */
  mfnNote: string | null;
  /** The General rate (or why it cannot be computed), when a special program is claimed (its rate is then `mfn`). */
  general: GeneralRate | null;
  spi: string | null;
  /** Per measure of the engine's for the origin (measuresOf, same order): why it does not apply ('' without reasons), or null when it is a candidate. */
  outcome: (string | null)[];
  candidates: CompiledMeasure[];
  /** Measures in scope that the line is outside by default, for a fact it did not give (given-facts.ts), with the note it carries. */
  assumedOutside: { measure: CompiledMeasure; note: string }[];
  /** Whether a measure in scope reads a yes/no fact the row may give (auto_part). */
  readsFact: boolean;
}

type Refused = { ok: false; refusal: Refusal };

/** The steps before the row's own facts: origin, a code specific enough, the price (and a program claimed), the candidates. */
function prepare(engine: Engine, good: GoodInput, reasons: boolean): Prepared | Refused {
  if (!engine.origins.has(good.origin)) return { ok: false, refusal: { field: 'origin', reason: uncoveredOrigin(engine, good.origin) } };
  if (engine.partOrigins !== null && !engine.partOrigins.has(good.origin)) throw new Error(`invariant: an engine of the parts about ${[...engine.partOrigins].join(', ')} asked about origin ${good.origin}`);
  const coarse = tooCoarse(engine, good);
  if (coarse !== null) return { ok: false, refusal: coarse };
  const paying = payingOf(engine, good);
  if (!paying.ok) return paying;
  const spi = good.spi ?? null;
  const { category, paid, unlisted } = paying;
  const { outcome, candidates, assumedOutside, refusal, readsFact } = candidatesOf(engine, good, category, reasons);
  if (refusal !== null) return { ok: false, refusal };
  if (unlisted !== null && !candidates.some((m) => m.claimedSpi?.has(spi!) === true)) return { ok: false, refusal: { field: 'spi', reason: unlisted } };
  return {
    ok: true,
    category,
    mfn: paid.mfn,
    mfnSpecific: paid.mfnSpecific,
    mfnSource: paid.mfnSource,
    mfnNote: paying.mfnNote,
    general: paying.general,
    spi,
    outcome,
    candidates,
    assumedOutside,
    readsFact,
  };
}

/** The plan, from what prepare found and the row's loading date, US content and metal value: each candidate stacked. */
function finish(engine: Engine, good: GoodInput, pre: Prepared, reasons: boolean): Resolution {
  const notes: string[] = pre.mfnNote === null ? [] : [pre.mfnNote];
  const decisions: Decision[] = [];
  const applied: AppliedMeasure[] = [];
  const line = lineFactsOf(good);
  const measures = measuresOf(engine, good.origin); // the list prepare's outcome is aligned with
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i]!;
    const why = pre.outcome[i] as string | null;
    if (why !== null) {
      if (reasons) decisions.push({ measure: m, applied: false, reason: why });
      continue;
    }
    const by = displacerOf(m, pre.candidates, line.hasMetal);
    const base = baseOf(m, by, line.hasMetal);
    if (base === null) {
      if (reasons) decisions.push({ measure: m, applied: false, reason: `displaced by ${by!.id} (${by!.label})` });
      continue;
    }
    const transit = inTransitRuleOf(m, line.loaded, line.date);
    if (transit !== undefined && transit.rate === null) {
      if (reasons) decisions.push({ measure: m, applied: false, reason: `in-transit exemption: ${inTransitText(transit)}` });
      continue;
    }
    const kind = transit?.rate ?? m.rate;
    const rate = addedRate(m, kind, pre);
    if (typeof rate !== 'bigint') return { ok: false, refusal: rate };
    const a: AppliedMeasure = { measure: m, rate, base, nonUsShare: chargesNonUsShare(m, line.usContent) };
    if (kind.kind === 'inclusive' && pre.mfnSpecific !== null && (pre.general === null || kind.base === 'applied')) a.inclusiveOf = kind.pct;
    if (reasons) decisions.push({ measure: m, applied: true, reason: appliedReason(rateReason(m, kind, pre, rate), a, by, transit) });
    applied.push(a);
    measureNotes(a, line, notes);
  }
  // What was assumed of a fact the row did not give where the default is the other case (a measure that another
  // candidate displaces would not have applied anyway); one note per text (the deals' measures share theirs).
  for (const { measure, note } of pre.assumedOutside) {
    if (!pre.candidates.some((o) => displaces(o, measure)) && !notes.includes(note)) notes.push(note);
  }
  // An answer given that no measure in scope reads (before 2025-05-03, say): said so, as for us_content.
  if ((good.autoPart ?? null) !== null && !pre.readsFact) notes.push('auto_part is not used: no measure in force on this date for this line asks whether the good is an automobile part');
  planNotes(engine, good.origin, pre, applied, line, notes);
  return planOf(engine, good, pre, applied, notes, reasons ? decisions : null);
}

/** The plan: with its decisions when they were built, else one that builds them when first read (LazyPlan). */
function planOf(engine: Engine, good: GoodInput, pre: Prepared, applied: AppliedMeasure[], notes: string[], decisions: Decision[] | null): Resolution {
  const { category, mfn, mfnSpecific, mfnSource } = pre;
  if (decisions !== null) return { ok: true, plan: { category, mfn, mfnSpecific, mfnSource, applied, decisions, notes } };
  // The good as this resolution read it (a row carries more), to resolve again for the reasons when they are read.
  const again: GoodInput = {
    hts: good.hts,
    category: good.category,
    origin: good.origin,
    date: good.date,
    mfn: good.mfn,
    loaded: good.loaded ?? null,
    usContent: good.usContent ?? null,
    hasMetalValue: good.hasMetalValue ?? false,
    spi: pre.spi,
    transshipped: good.transshipped === true,
    autoPart: good.autoPart ?? null,
  };
  // Copies of exact length: arrays grown by push keep room for 17 elements, and a memo keeps thousands of plans.
  return { ok: true, plan: new LazyPlan({ category, mfn, mfnSpecific, mfnSource, applied: applied.slice(), notes: notes.slice() }, engine, again) };
}

/** A plan's fields but its decisions: the plans a Resolver keeps (LazyPlan, SharedPlan) differ only in how they give those. */
abstract class PlanFields implements Plan {
  constructor(
    readonly category: string,
    readonly mfn: RateMicro,
    readonly mfnSpecific: Plan['mfnSpecific'],
    readonly mfnSource: string,
    readonly applied: AppliedMeasure[],
    readonly notes: string[],
  ) {}

  abstract get decisions(): Decision[];
}

/**
 * A plan whose decisions are built when first read, by resolving the good again. A class, not an object literal with
 * a getter: each literal's getter is a closure of its own, which gives every plan a shape of its own (its properties
 * then kept as a dictionary), some 700 bytes a plan more; a memo of 11,000 plans (a mixed-origin file) felt it.
 */
class LazyPlan extends PlanFields {
  readonly #engine: Engine;
  readonly #again: GoodInput;
  #decided: Decision[] | undefined;

  constructor(plan: Omit<Plan, 'decisions'>, engine: Engine, again: GoodInput) {
    super(plan.category, plan.mfn, plan.mfnSpecific, plan.mfnSource, plan.applied, plan.notes);
    this.#engine = engine;
    this.#again = again;
  }

  get decisions(): Decision[] {
    if (this.#decided === undefined) {
      const r = resolveWith(this.#engine, this.#again, true);
      if (!r.ok) throw new Error(`invariant: a good resolved once is refused when resolved again (${r.refusal.reason})`);
      this.#decided = r.plan.decisions;
    }
    return this.#decided;
  }
}

/** A plan shared by periods whose decisions differ (Resolver, options.decisions false): they are not kept. */
class SharedPlan extends PlanFields {
  get decisions(): Decision[] {
    throw new Error('invariant: the decisions of a plan are read from a Resolver made without them (options.decisions false)');
  }
}

/** Everything of a plan but its decisions, as a string: two plans of one good with the same key are interchangeable. */

/** Everything of a plan but its decisions, as a string: two plans of one good with the same key are interchangeable. */
function contentKey(engine: Engine, p: Plan): string {
  const index = measureIndexes(engine);
  let k = `${p.category}|${p.mfn}|${p.mfnSpecific === null ? '' : `${p.mfnSpecific.microCents}/${p.mfnSpecific.unit}/${p.mfnSpecific.text}`}|${p.mfnSource}`;
  for (const a of p.applied) k += `|${index.get(a.measure)}:${a.rate}:${a.inclusiveOf ?? ''}:${a.base}:${a.nonUsShare ? 1 : 0}`;
  for (const n of p.notes) k += `\u0001${n}`;
  return k;
}

/**
 * Why an origin the schedule does not cover is refused: a group's code (EU) is not an origin, an unknown code is not
 * an ISO 3166-1 one, a valid one is not covered (the covered origins named, a group whose members are all covered
 * by its code).
 */
export function uncoveredOrigin(engine: Engine, origin: string): string {
  const group = engine.originGroups.get(origin);
  if (group !== undefined) return `origin ${origin} is a group (${group.label}), not a country of origin: give the member state's code, e.g. ${group.members.slice(0, 3).join(', ')}`;
  const names = engine.originNames;
  if (names !== null && !names.has(origin)) return `origin ${origin} is not an ISO 3166-1 alpha-2 country code`;
  const name = (o: string) => (names?.has(o) ? `${o} (${names.get(o)})` : o);
  const covered = [...engine.origins];
  const inGroups = new Set<string>();
  const shown: string[] = [];
  for (const [code, g] of engine.originGroups) {
    if (g.members.every((m) => engine.origins.has(m))) {
      g.members.forEach((m) => inGroups.add(m));
      shown.push(`${code} (${g.members.length} member states)`);
    }
  }
  shown.push(...covered.filter((o) => !inGroups.has(o)).map(name));
  return `origin ${name(origin)} is not covered by schedule ${engine.scheduleId} (covers ${shown.join(', ')})`;
}

/**
 * The plans of one good (code or category, origin) in one period for rows with loaded or us_content: what
 * resolution finds before it reads them is shared (`pre`), and only the in-transit cut-offs and US-content
 * thresholds of the measures in scope for the good, in force in the period, split its rows into classes.
 */
interface Classes {
  pre: Prepared | Refused;
  /** The measures in scope that no other displaces (rows here give no metal value): only theirs can apply. */
  live: CompiledMeasure[];
  /** The loadedBefore cut-offs of the in-transit rules that can still apply, ascending. */
  cuts: string[];
  /** The US-content thresholds, ascending. */
  thresholds: bigint[];
  /** By class: loading-date class x (thresholds + 2) + US-content class. */
  plans: (Resolution | undefined)[];
  /** The same plans by what they depend on (see signature): classes that come to the same plan share it. */
  bySignature: Map<string, Resolution>;
}

/**
 * What a plan of the group depends on beyond the group: whether a loading date and a US share are given, and, per
 * measure in scope, the in-transit rule that applies and whether it charges the non-US share only (see finish).
 * Classes of one signature make the same plan, decisions included.
 */
function signature(live: readonly CompiledMeasure[], date: string, loaded: string | null, usContent: bigint | null): string {
  let s = `${loaded === null ? 0 : 1}${usContent === null ? 0 : 1}`;
  for (const m of live) {
    s += `,${loaded === null ? -1 : m.inTransit.findIndex((t) => loaded < t.loadedBefore && date < t.enteredBefore)}`;
    if (chargesNonUsShare(m, usContent)) s += '+';
  }
  return s;
}

function classesOf(pre: Prepared | Refused, date: string): Classes {
  const cuts = new Set<string>();
  const thresholds = new Set<bigint>();
  // As finish decides displacement without a metal value: a candidate another candidate displaces never applies.
  const live = pre.ok ? pre.candidates.filter((m) => !pre.candidates.some((o) => displaces(o, m))) : [];
  for (const m of live) {
    // A rule whose entry deadline is past never applies in this period (deadlines are period boundaries).
    for (const t of m.inTransit) if (date < t.enteredBefore) cuts.add(t.loadedBefore);
    if (m.usContentThreshold !== null) thresholds.add(m.usContentThreshold);
  }
  return { pre, live, cuts: [...cuts].sort(), thresholds: [...thresholds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), plans: [], bySignature: new Map() };
}

/**
 * Origins that resolve alike. A plan depends on its origin only through the measures that cover it (measuresOf: which
 * apply, their reasons, the periods) and through its evidence dates (engine.originDates: the notes on dates outside
 * them); an origin the schedule does not cover is refused in words that name it, so it is a class of its own. The one
 * text of a plan that names the origin is the note on an entry date outside the origin's own evidence dates (finish):
 * in those periods (`ownText`) plans are kept per origin, not per class.
 */
export interface OriginClass {
  /** '#' and a number, or '?' and the origin for an origin not covered: never an origin code (two letters). */
  key: string;
  /** The origins of the class seen so far. */
  origins: string[];
  /** The dates that can change a plan of the class: its period of a date is how many are on or before it. */
  bounds: string[];
  /** The class's period of each period of the resolver's (whose boundaries are those of every origin). */
  ofGlobal: Int16Array;
  /** By period: whether a plan of that period names its origin (kept per origin). */
  ownText: boolean[];
}

/**
 * Memoises resolution per distinct good, origin class and period. A period is
 * a span of entry dates between two consecutive window boundaries of the
 * class's measures (or evidence dates), so every date of a period resolves the
 * same way; plans and their reasons never mention the date itself. Bounded, so
 * a file of all distinct goods cannot grow it without limit.
 *
 * Origins are memoised by class (OriginClass): origins with the same measures
 * and the same evidence dates resolve alike, so the 27 EU member states share
 * their plans. Keyed by origin, a file mixing the 43 covered origins made 43
 * plans of every good and period, more than the memo holds, and it was emptied
 * and refilled all along (issue 13: 3.9x the Japan-only file's time at 470 MB).
 *
 * The loading date and the US content are keyed the same way, by what the law
 * asks of them: which in-transit cut-offs (loadedBefore) the loading date is
 * before, and which US-content thresholds the share reaches, counting only the
 * rules of measures in scope for the good and in force in the period (Classes).
 * Keyed by their values, a file with those columns resolved nearly every row
 * afresh and churned the cache: 9x slower at 7x the memory (QA-2026-12 #8);
 * keyed by every cut-off of the schedule, it made 5x the plans of a plain file.
 */
export class Resolver {
  readonly #cache = new Map<string, Resolution>();
  readonly #periodOfDate = new Map<string, number>();
  readonly #boundaries: string[];
  /** Every in-transit loadedBefore cut-off and every US-content threshold of the schedule, ascending. */
  readonly #loadedCuts: string[];
  readonly #usThresholds: bigint[];
  /** Resolutions computed (cache misses), for tests of the memo. */
  resolved = 0;

  /**
   * Plans by good and content, when their decisions are not kept (options.decisions false): the periods and origin
   * classes of a good that come to the same plan (the same measures at the same rates, the same notes) share one.
   */
  readonly #shared: Map<string, Resolution> | null;

  /**
   * `options.decisions` false: the caller never reads a plan's decisions (no --explain), so plans of one good that
   * differ only in them (every period's reasons differ: "not yet in force"...) are one object, and reading them is a
   * bug (it throws). A 1M-row file of 43 origins made 11,000 plans, 1,700 once shared: each row's plan, its memo of
   * output text and their objects are read from a working set that fits the caches, and the memory is less.
   */
  constructor(
    readonly engine: Engine,
    private readonly maxEntries = 20_000,
    options: { decisions?: boolean } = {},
  ) {
    this.#shared = options.decisions === false ? new Map() : null;
    this.#boundaries = boundaries(engine, engine.measures, [...engine.originDates.values()]);
    const cuts = new Set<string>();
    const thresholds = new Set<bigint>();
    for (const m of engine.measures) {
      for (const t of m.inTransit) cuts.add(t.loadedBefore);
      if (m.usContentThreshold !== null) thresholds.add(m.usContentThreshold);
    }
    this.#loadedCuts = [...cuts].sort();
    this.#usThresholds = [...thresholds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  }

  /** Counts an entry of the memo; when it is full, empties it and says not to keep the entry. */
  #count(): boolean {
    if (++this.#simpleCount <= this.maxEntries) return true;
    this.#simple.clear();
    this.#classed.clear();
    this.#shared?.clear();
    this.#simpleCount = 0;
    return false;
  }

  /** The plan of the good (k1) with the same content, kept before, when plans are shared (see #shared). */
  #share(k1: string, r: Resolution): Resolution {
    const shared = this.#shared;
    if (shared === null || !r.ok) return r;
    const key = `${k1}\u0000${contentKey(this.engine, r.plan)}`;
    const had = shared.get(key);
    if (had !== undefined) return had;
    if (shared.size >= this.maxEntries) shared.clear();
    const p = r.plan;
    const mine: Resolution = { ok: true, plan: new SharedPlan(p.category, p.mfn, p.mfnSpecific, p.mfnSource, p.applied, p.notes) };
    shared.set(key, mine);
    return mine;
  }

  /**
   * Index of the period a date falls in: how many boundaries are on or before it. With an origin, only the dates
   * that can change a plan for that origin's class count (its measures' windows, its evidence dates, list
   * amendments): a mixed-origin file does not split one origin's rows at every other origin's dates.
   */
  period(date: string, origin?: string): number {
    const p = this.#globalPeriod(date);
    return origin === undefined ? p : this.originClass(origin).ofGlobal[p]!;
  }

  /** Period + 1 (0: not known yet) by dayKey, for dates of the years 2000 to 2099; made on first use. */
  #periodOfDay: Int16Array | null = null;

  /** The period among every boundary of the schedule: by the date's day key, without hashing the date string. */
  #globalPeriod(date: string): number {
    const k = dayKey(date);
    if (k < 0) return this.#globalPeriodSlow(date);
    const days = (this.#periodOfDay ??= new Int16Array(DAY_KEYS));
    const known = days[k]!;
    if (known !== 0) return known - 1;
    const p = periodOf(this.#boundaries, date);
    days[k] = p + 1;
    return p;
  }

  #globalPeriodSlow(date: string): number {
    let p = this.#periodOfDate.get(date);
    if (p === undefined) {
      p = periodOf(this.#boundaries, date);
      if (this.#periodOfDate.size < 10_000) this.#periodOfDate.set(date, p);
    }
    return p;
  }

  /**
   * Without decisions, the periods of one good in one origin class, by the resolver's period: only the dates of the
   * measures that can change its plan count, those whose scope takes the good in or splits it (finer lines treated
   * otherwise, on any list period), with the evidence and list dates. Another measure of the class starting or ending
   * changes only why it does not apply, a decision. Null when the good is refused before any measure is read (its
   * price): then the class's periods. A 1M-row file of 43 origins resolved 11,000 plans by the class's periods.
   */
  #periodsOfGood(good: GoodInput): Int16Array | null {
    const engine = this.engine;
    if (!engine.origins.has(good.origin)) return null;
    const priced = pricedOf(engine, good);
    if (!priced.ok) return null;
    const k1 = good.hts ?? `category:${good.category ?? ''}`;
    const facts = factsOf(engine, k1);
    // A date of each list period: before every amendment, then each amendment's date.
    const at = ['0000-00-00', ...engine.listDates].map((date) => ({ ...good, date }));
    const relevant = measuresOf(engine, good.origin).filter((m) =>
      at.some((g, lp) => inScope(engine, facts, lp, m, g, priced.category) || (g.hts !== null && finerOf(engine, facts, m, g.hts, g.date, lp) !== undefined)),
    );
    const own = engine.originDates.get(good.origin);
    const bounds = boundaries(engine, relevant, own === undefined ? [] : [own]);
    const out = new Int16Array(this.#boundaries.length + 1);
    for (let g = 1; g <= this.#boundaries.length; g++) out[g] = periodOf(bounds, this.#boundaries[g - 1]!);
    // The origin's evidence dates are among the bounds: no period mixes dates whose plans name the origin (ownText,
    // kept per origin) with dates whose do not.
    return out;
  }

  /** Classes by origin, and by what makes them (the indexes of their measures, their evidence dates). */
  readonly #classOfOrigin = new Map<string, OriginClass>();
  readonly #classes = new Map<string, OriginClass>();

  /** The class of an origin (see OriginClass): computed once per origin and resolver. */
  originClass(origin: string): OriginClass {
    let c = this.#classOfOrigin.get(origin);
    if (c !== undefined) return c;
    const engine = this.engine;
    const own = engine.originDates.get(origin);
    let what: string;
    if (!engine.origins.has(origin)) what = `?${origin}`;
    else {
      what = own === undefined ? '-' : `${own.coversFrom}..${own.knownThrough}`;
      engine.measures.forEach((m, i) => {
        if (m.origins.has(origin)) what += `,${i}`;
      });
    }
    c = this.#classes.get(what);
    if (c === undefined) {
      const bounds = boundaries(engine, measuresOf(engine, origin), own === undefined ? [] : [own]);
      // A period is outside the origin's own evidence dates when its first date is (each is a boundary).
      const ownText = Array.from({ length: bounds.length + 1 }, (_, p) => own !== undefined && (p === 0 || bounds[p - 1]! < own.coversFrom || bounds[p - 1]! > own.knownThrough));
      // Every boundary of the class is one of the resolver's, so a period of the resolver's lies in one of the class's:
      // the one its first date (the boundary that opens it) is in.
      const ofGlobal = new Int16Array(this.#boundaries.length + 1);
      for (let g = 1; g <= this.#boundaries.length; g++) ofGlobal[g] = periodOf(bounds, this.#boundaries[g - 1]!);
      c = { key: what.startsWith('?') ? what : `#${this.#classes.size}`, origins: [], bounds, ofGlobal, ownText };
      this.#classes.set(what, c);
    }
    c.origins.push(origin);
    this.#classOfOrigin.set(origin, c);
    return c;
  }

  /** The classes of the origins seen so far (for tests and measurements). */
  get originClasses(): readonly OriginClass[] {
    return [...this.#classes.values()];
  }

  /**
   * The common row (no mfn_rate, loaded, us_content or metal_value of its own) is looked up without building a
   * key: by HTS code (or category, which an HTS code makes irrelevant), then origin class, then period.
   */
  readonly #simple = new Map<string, Map<string, { periods: Int16Array | null | undefined; g0: number; plans: (Resolution | undefined)[] }>>();
  /** Rows with loaded or us_content (and no mfn_rate or metal_value), by code or category, origin class and period. */
  readonly #classed = new Map<string, Map<string, (Classes | undefined)[]>>();
  /** Entries of #simple and #classed (a group of classes, a plan of one), bounded by maxEntries. */
  #simpleCount = 0;

  /**
   * The good's plan, from the memo: the common row by code, origin class and period (#plain); a row with a loading
   * date or US share by the classes of those the law's cut-offs make (#classed); any other by a key of all it gives.
   */
  resolve(good: GoodInput): Resolution {
    const oc = this.originClass(good.origin);
    const g = this.#globalPeriod(good.date);
    const p = oc.ofGlobal[g]!;
    // The class, or the origin itself in a period whose plans name it.
    const k2 = oc.ownText[p] ? good.origin : oc.key;
    if (good.mfn === null && good.hasMetalValue !== true && (good.spi ?? null) === null && good.transshipped !== true && (good.autoPart ?? null) === null) {
      const k1 = good.hts ?? `category:${good.category ?? ''}`; // a normalised HTS code is digits only
      const loaded = good.loaded ?? null;
      const usContent = good.usContent ?? null;
      return loaded === null && usContent === null ? this.#plain(good, k1, k2, oc, g) : this.#classedPlan(good, k1, k2, p, loaded, usContent);
    }
    return this.#keyed(good, k2, p);
  }

  /** A row with no mfn_rate, loaded, us_content, metal_value, spi or transshipped of its own: by code, origin class, period. */
  #plain(good: GoodInput, k1: string, k2: string, oc: OriginClass, g: number): Resolution {
    let byClass = this.#simple.get(k1);
    if (byClass === undefined) this.#simple.set(k1, (byClass = new Map()));
    let slot = byClass.get(k2);
    if (slot === undefined) byClass.set(k2, (slot = { periods: this.#shared === null ? null : undefined, g0: g, plans: [] }));
    // The good's periods (#periodsOfGood looks at every measure of the origin, on every date, and reads their
    // lists) are worked out when a second period of the resolver's comes: a good seen once (one import given by
    // flags) is resolved from the measures in force on its date only. Until then its one plan is at 0.
    if (slot.periods === undefined && g !== slot.g0) {
      const periods = this.#periodsOfGood(good);
      const first = slot.plans[0];
      slot.plans = [];
      if (first !== undefined) slot.plans[periods === null ? oc.ofGlobal[slot.g0]! : periods[slot.g0]!] = first;
      slot.periods = periods;
    }
    const q = slot.periods === undefined ? 0 : slot.periods === null ? oc.ofGlobal[g]! : slot.periods[g]!;
    let r = slot.plans[q];
    if (r === undefined) {
      r = this.#share(k1, resolveGood(this.engine, good));
      this.resolved++;
      if (this.#count()) slot.plans[q] = r;
    }
    return r;
  }

  /** A row with loaded or us_content (and nothing else of its own): what prepare found, shared; a plan per class (Classes). */
  #classedPlan(good: GoodInput, k1: string, k2: string, p: number, loaded: string | null, usContent: RateMicro | null): Resolution {
    let byClass = this.#classed.get(k1);
    if (byClass === undefined) this.#classed.set(k1, (byClass = new Map()));
    let byPeriod = byClass.get(k2);
    if (byPeriod === undefined) byClass.set(k2, (byPeriod = []));
    let c = byPeriod[p];
    if (c === undefined) {
      c = classesOf(prepare(this.engine, good, false), good.date);
      if (this.#count()) byPeriod[p] = c;
    }
    if (!c.pre.ok) return c.pre;
    // A loading date where no cut-off counts is as good as none (no in-transit rule, nor its note, can apply); a US
    // share where no threshold counts still differs from none (the line says it is not used).
    const slot = (c.cuts.length === 0 ? 0 : classOf(loaded, c.cuts)) * (c.thresholds.length + 2) + classOf(usContent, c.thresholds);
    let r = c.plans[slot];
    if (r === undefined) {
      const sig = signature(c.live, good.date, loaded, usContent);
      r = c.bySignature.get(sig);
      if (r === undefined) {
        r = this.#share(k1, finish(this.engine, good, c.pre, false));
        this.resolved++;
        if (this.#count()) c.bySignature.set(sig, r);
      }
      c.plans[slot] = r;
    }
    return r;
  }

  /** Any other row: by a key of everything resolution reads (each fact by its class). */
  #keyed(good: GoodInput, k2: string, p: number): Resolution {
    // A claimed program is checked against the origin itself (programs name the origins that may claim them).
    const k = (good.spi ?? null) === null ? k2 : good.origin;
    const key = `${good.hts ?? ''}|${good.category ?? ''}|${k}|${p}|${good.mfn ?? ''}|${classOf(good.loaded ?? null, this.#loadedCuts)}|${classOf(good.usContent ?? null, this.#usThresholds)}|${good.hasMetalValue ? 1 : 0}|${good.spi ?? ''}|${good.transshipped === true ? 1 : 0}|${good.autoPart == null ? '' : good.autoPart ? 1 : 0}`;
    let r = this.#cache.get(key);
    if (r === undefined) {
      r = this.#share(good.hts ?? `category:${good.category ?? ''}`, resolveGood(this.engine, good));
      this.resolved++;
      if (this.#cache.size >= this.maxEntries) this.#cache.clear();
      this.#cache.set(key, r);
    }
    return r;
  }
}

