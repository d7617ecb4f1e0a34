/**
 * Which measures apply to a good on an entry date, at what rate, and why the
 * others do not. Resolution depends only on (HTS or category, origin, date,
 * MFN override), never on the value, so it is memoised per distinct key and
 * the per-row work is only the arithmetic in compute.ts.
 */
import { microOf, type CompiledMeasure, type Engine } from './compile.js';
import { nextDay } from '../values/dates.js';
import { firstLongerUnder, formatHts, type PrefixIndex } from '../values/hts.js';
import { priceOfficial, type OfficialPrice } from './hts-lines.js';
import { parseRateText } from './usitc.js';
import { formatRate, pctFromString, type RateMicro } from '../values/money.js';

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

export interface Plan {
  category: string;
  /** The ad valorem part of the MFN rate. */
  mfn: RateMicro;
  /** The specific part of the MFN rate, when it has one: computed per line from the row's quantity. */
  mfnSpecific: { microCents: bigint; unit: string; text: string } | null;
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
  field: 'hts' | 'category' | 'origin' | 'date' | 'mfn_rate' | 'spi';
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
 * MFN rate and which measures are in force and in scope. It depends on the code (or category), origin, date, MFN
 * override and claimed program only, so the Resolver shares it between rows that differ in those three.
 */
interface Prepared {
  ok: true;
  category: string;
  mfn: RateMicro;
  mfnSpecific: Plan['mfnSpecific'];
  mfnSource: string;
  /** The General rate, when a special program is claimed (its rate is then `mfn`). */
  general: { pct: RateMicro; specific: boolean } | null;
  spi: string | null;
  /** The note on an UNCONFIRMED MFN rate, or null. */
  mfnNote: string | null;
  /** Per measure of the engine (same order): why it does not apply ('' without reasons), or null when it is a candidate. */
  outcome: (string | null)[];
  candidates: CompiledMeasure[];
}

function prepare(engine: Engine, good: GoodInput, reasons: boolean): Prepared | { ok: false; refusal: Refusal } {
  if (!engine.origins.has(good.origin)) return { ok: false, refusal: { field: 'origin', reason: uncoveredOrigin(engine, good.origin) } };
  if (engine.partOrigins !== null && !engine.partOrigins.has(good.origin)) throw new Error(`invariant: an engine of the parts about ${[...engine.partOrigins].join(', ')} asked about origin ${good.origin}`);

  // A code too short to tell which measures apply is refused, never guessed. Only the measures in force for the
  // origin on the date count: a 10-digit list does not make an 8-digit code ambiguous on dates it does not apply.
  // A measure whose scope splits the code does not matter either when a measure in force that covers every line
  // under the code displaces it (an auto part of note 33(g) whose 10-digit lines are split by an aluminum list
  // pays the autos measure, whichever line it is).
  if (good.hts !== null) {
    const hts = good.hts;
    const inForce = measuresOf(engine, good.origin).filter(
      (m) => !(good.date < m.from || (m.to !== null && good.date >= m.to)) && (m.claimedSpi === null || (good.spi != null && m.claimedSpi.has(good.spi))),
    );
    const facts = factsOf(engine, hts);
    const lp = listPeriod(engine, good.date);
    for (const m of inForce) {
      const finer = finerOf(engine, facts, m, hts, good.date, lp);
      const moot = (): boolean =>
        inForce.some(
          (d) =>
            d !== m &&
            (d.displacesIds.has(m.id) || d.displacesLayers.has(m.layer)) &&
            measureCovers(engine, d, hts, good.date) &&
            finerLineTreatedOtherwise(engine, d, hts, good.date) === undefined,
        );
      if (finer !== undefined && !moot()) {
        return {
          ok: false,
          refusal: {
            field: 'hts',
            reason:
              `HTS ${formatHts(hts)} is not specific enough: lines under it such as ${formatHts(finer)} are treated differently ` +
              `(${m.id}); give the full 8- or 10-digit code`,
          },
        };
      }
    }
  }

  const priced = pricedOf(engine, good);
  if (!priced.ok) return priced;
  const { category, mfnNote } = priced;
  let { mfn, mfnSpecific, mfnSource } = priced;

  // A special program claimed (spi): the column 1 Special rate of the line for that program replaces the General
  // rate as the line's column 1 duty. The inclusive formulas keep subtracting the General rate (below).
  const spi = good.spi ?? null;
  let general: { pct: RateMicro; specific: boolean } | null = null;
  // A program whose claim stands without a Special rate (specialRateOptional) on a line that does not list it: why it
  // is refused unless a measure claimed with it applies to the line (checked below, once the measures are known).
  let unlisted: string | null = null;
  if (spi !== null) {
    const claimed = claimSpecial(engine, good, spi, mfn, mfnSpecific, mfnSource);
    if (!claimed.ok) return { ok: false, refusal: { field: 'spi', reason: claimed.reason } };
    unlisted = claimed.unlisted ?? null;
    general = { pct: mfn, specific: mfnSpecific !== null };
    ({ mfn, mfnSpecific, mfnSource } = claimed);
  }

  // Measures in force, in scope, for this origin (only the measures of this origin are considered or explained: a
  // mixed-origin schedule does not list every other origin's measures as "does not cover origin").
  const candidates: CompiledMeasure[] = [];
  const outcome: (string | null)[] = [];
  const facts = factsOf(engine, good.hts ?? `category:${good.category ?? ''}`);
  const lp = listPeriod(engine, good.date);
  for (const m of measuresOf(engine, good.origin)) {
    const why = whyNot(engine, m, good, category, reasons, facts, lp);
    outcome.push(why);
    if (why === null) candidates.push(m);
  }
  if (unlisted !== null && !candidates.some((m) => m.claimedSpi?.has(spi!) === true)) return { ok: false, refusal: { field: 'spi', reason: unlisted } };
  return { ok: true, category, mfn, mfnSpecific, mfnSource, general, spi, mfnNote, outcome, candidates };
}

/** The category, the MFN rate and where it came from, and the note on an unconfirmed MFN rate of a good. */
interface Priced {
  ok: true;
  category: string;
  mfn: RateMicro;
  mfnSpecific: Plan['mfnSpecific'];
  mfnSource: string;
  mfnNote: string | null;
}

/**
 * What a good (code or category, MFN override) is priced at before any measure: the same whatever its origin, date or
 * claimed program, so kept per engine and good (factsOf) and shared by every origin and period of it.
 */
function pricedOf(engine: Engine, good: GoodInput): Priced | { ok: false; refusal: Refusal } {
  const facts = factsOf(engine, good.hts ?? `category:${good.category ?? ''}`);
  if (good.mfn === null) return (facts.priced ??= price(engine, good));
  let p = facts.pricedWith?.get(good.mfn);
  if (p === undefined) {
    p = price(engine, good);
    if ((facts.pricedWith ??= new Map()).size < 64) facts.pricedWith.set(good.mfn, p);
  }
  return p;
}

function price(engine: Engine, good: GoodInput): Priced | { ok: false; refusal: Refusal } {
  // Category: from the HTS code when there is one (longest prefix), else as given.
  let category: string;
  if (good.hts !== null) {
    const hit = engine.categoryIndex.lookup(good.hts);
    if (hit) category = hit.value;
    else if (engine.fallbackCategory) category = engine.fallbackCategory;
    else {
      return { ok: false, refusal: { field: 'hts', reason: `HTS ${formatHts(good.hts)} is in no category of schedule ${engine.scheduleId}` } };
    }
  } else if (good.category !== null && engine.categories.has(good.category)) {
    category = good.category;
  } else {
    const known = [...engine.categories.keys()].join(', ');
    return {
      ok: false,
      refusal: good.category === null
        ? { field: 'hts', reason: `give an HTS code or a category (${known})` }
        : { field: 'category', reason: `unknown category "${good.category}"; known: ${known}` },
    };
  }

  // A code that is not a line of the official schedule is refused, mfn_rate or not (a typo priced by hand is
  // still a typo); an override in the table's entries makes a code known.
  let official: OfficialPrice | null = null;
  if (good.hts !== null && engine.mfnLines !== null && engine.mfn.lookup(good.hts) === undefined) {
    official = priceOfficial(engine.mfnLines, good.hts, engine.mfnRevision ?? 'the official HTS');
    if (!official.ok && official.kind === 'not-a-line') return { ok: false, refusal: { field: 'hts', reason: official.reason } };
  }

  // MFN: the row's own rate, else the table by longest prefix, else the category default.
  let mfn: RateMicro;
  let mfnSource: string;
  let mfnSpecific: Plan['mfnSpecific'] = null;
  if (good.mfn !== null) {
    mfn = good.mfn;
    mfnSource = 'mfn_rate given with the row';
  } else if (official !== null) {
    // The official schedule, every line (an override in the table's entries wins, below).
    if (!official.ok) return { ok: false, refusal: { field: official.kind === 'no-computation' ? 'mfn_rate' : 'hts', reason: official.reason } };
    const { rate } = official;
    // An entry of the table under this code (a statistical line with a rate of its own) makes the code ambiguous.
    const hts = good.hts!;
    const finer = firstLongerUnder(engine.mfnPrefixes, hts, (p) => engine.mfn.lookup(p)!.value.text !== rate.text);
    if (finer !== undefined) {
      return {
        ok: false,
        refusal: { field: 'hts', reason: `HTS ${formatHts(hts)} is not specific enough for its MFN rate: ${formatHts(finer)} has a rate of its own; give the full code or mfn_rate` },
      };
    }
    mfn = pctFromString(rate.pct!);
    mfnSource = `${engine.mfnRevision ?? 'the official HTS'} ${formatHts(official.prefix)}: General ${rate.text}`;
    if (rate.specific !== null) mfnSpecific = { microCents: microOf(rate.specific.cents), unit: rate.specific.unit, text: rate.text };
  } else if (good.hts !== null) {
    const hts = good.hts;
    const hit = engine.mfn.lookup(hts);
    const finer = firstLongerUnder(engine.mfnPrefixes, hts, (p) => {
      const own = engine.mfn.lookup(p)!.value;
      return own.pct !== hit?.value.pct || own.text !== hit?.value.text;
    });
    if (finer !== undefined) {
      return {
        ok: false,
        refusal: {
          field: 'hts',
          reason: `HTS ${formatHts(hts)} is not specific enough for its MFN rate: ${formatHts(finer)} has a rate of its own; give the full code or mfn_rate`,
        },
      };
    }
    if (!hit) {
      return {
        ok: false,
        refusal: {
          field: 'hts',
          reason: `no MFN rate known for HTS ${formatHts(good.hts)}; give mfn_rate (the MFN rate in percent)`,
        },
      };
    }
    mfn = hit.value.pct;
    mfnSource = `${engine.mfnRevision ?? 'MFN table'} ${formatHts(hit.prefix)}: ${hit.value.description}`;
    if (hit.value.specific !== null) mfnSpecific = { ...hit.value.specific, text: hit.value.text };
  } else {
    const c = engine.categories.get(category)!;
    if (c.defaultMfn === null) {
      return {
        ok: false,
        refusal: { field: 'mfn_rate', reason: `category "${category}" has no single MFN rate; give mfn_rate (percent) or an HTS code` },
      };
    }
    mfn = c.defaultMfn;
    mfnSource = `category ${category} default (${c.standsFor})`;
  }

  let mfnNote: string | null = null;
  if (good.mfn === null && good.hts !== null) {
    const hit = engine.mfn.lookup(good.hts);
    if (hit !== undefined && hit.value.confidence === 'unconfirmed') mfnNote = `MFN rate for ${formatHts(hit.prefix)} is UNCONFIRMED`;
  }
  return { ok: true, category, mfn, mfnSpecific, mfnSource, mfnNote };
}

/** The plan, from what prepare found and the row's loading date, US content and metal value. */
function finish(engine: Engine, good: GoodInput, pre: Prepared, reasons: boolean): Resolution {
  const { category, mfn, mfnSpecific, mfnSource, general, spi, outcome, candidates } = pre;
  const notes: string[] = pre.mfnNote === null ? [] : [pre.mfnNote];
  const decisions: Decision[] = [];

  // Displacement: a candidate is dropped when another candidate displaces it, unless that one is a metal-content
  // measure whose remainder pays what it displaces and the row gives its metal value: then it applies to the rest.
  const loaded = good.loaded ?? null;
  const usContent = good.usContent ?? null;
  const hasMetal = good.hasMetalValue ?? false;
  const applied: AppliedMeasure[] = [];
  const measures = measuresOf(engine, good.origin); // the list prepare's outcome is aligned with
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i]!;
    const why = outcome[i] as string | null;
    if (why !== null) {
      if (reasons) decisions.push({ measure: m, applied: false, reason: why! });
      continue;
    }
    let base: Base = m.metalContent !== null && hasMetal ? 'metal' : 'value';
    // A displacer that takes the whole value wins over a metal-content one whose remainder pays what it displaces.
    let by: CompiledMeasure | undefined;
    for (const o of candidates) {
      if (o === m || !(o.displacesIds.has(m.id) || o.displacesLayers.has(m.layer))) continue;
      by = o;
      if (!(o.metalContent?.remainderPaysDisplaced && hasMetal && m.metalContent === null)) break;
    }
    if (by) {
      // The rest of the value pays what a metal-content measure displaces, but never a metal duty it replaces (that
      // one is owed on the metal only, Proc. 10947): the UK's 25% takes the place of the general 50%, on the metal.
      if (by.metalContent?.remainderPaysDisplaced && hasMetal && m.metalContent === null) base = 'remainder';
      else {
        if (reasons) decisions.push({ measure: m, applied: false, reason: `displaced by ${by.id} (${by.label})` });
        continue;
      }
    }
    let kind = m.rate;
    let transit = '';
    if (loaded !== null) {
      const t = m.inTransit.find((r) => loaded < r.loadedBefore && good.date < r.enteredBefore);
      if (t) {
        // The rule, not the row's own date: a plan is shared by every row on the same side of each cut-off (Resolver).
        const rule = reasons ? `loaded before ${t.loadedBefore} and entered before ${t.enteredBefore}${t.heading ? `, ${t.heading}` : ''}` : '';
        if (t.rate === null) {
          if (reasons) decisions.push({ measure: m, applied: false, reason: `in-transit exemption: ${rule}` });
          continue;
        }
        kind = t.rate;
        if (reasons) transit = ` (in transit: ${rule})`;
      }
    }
    if (kind.kind === 'not-modelled') {
      return { ok: false, refusal: { field: 'hts', reason: `${m.label} applies (from ${m.from}) and is not modelled: ${kind.reason}` } };
    }
    let rate: RateMicro;
    let reason = '';
    switch (kind.kind) {
      case 'mfn':
        rate = mfn;
        if (reasons) reason = mfnSpecific === null ? `MFN ${formatRate(mfn)}% (${mfnSource})` : `MFN ${mfnSpecific.text}, specific part on the row's quantity (${mfnSource})`;
        break;
      case 'ad-valorem':
        rate = kind.pct;
        if (reasons) reason = `+${formatRate(rate)}% in force ${windowText(m)}`;
        break;
      case 'inclusive':
        if (general !== null && kind.base === 'general') {
          // Claimed special rate: N% minus the column 1 General rate (DOMAIN-2026-12 C7, DOMAIN.md s.7 and open item 10).
          if (general.specific) {
            return { ok: false, refusal: { field: 'spi', reason: `${m.label} is N% minus the column 1 General rate, which for this line has a specific part; with ${spi} claimed that is not computed here: give mfn_rate and no spi` } };
          }
          rate = kind.pct > general.pct ? kind.pct - general.pct : 0n;
          if (reasons) reason = `inclusive ${formatRate(kind.pct)}% minus the column 1 General rate ${formatRate(general.pct)}% (not the ${spi} Special rate claimed): adds ${formatRate(rate)}%`;
          break;
        }
        rate = kind.pct > mfn ? kind.pct - mfn : 0n;
        if (reasons) {
          reason =
            general !== null
              ? `inclusive ${formatRate(kind.pct)}% minus the column 1 rate paid, the ${spi} Special rate ${mfnSpecific === null ? `${formatRate(mfn)}%: adds ${formatRate(rate)}%` : `(${mfnSpecific.text}), at least 0, per line`}`
              : mfnSpecific !== null
              ? `inclusive ${formatRate(kind.pct)}% of value minus the MFN duty (${mfnSpecific.text}), at least 0, per line`
              : rate === 0n
                ? `inclusive ${formatRate(kind.pct)}% already met by MFN ${formatRate(mfn)}%: adds 0`
                : `inclusive ${formatRate(kind.pct)}% minus MFN ${formatRate(mfn)}%: adds ${formatRate(rate)}%`;
        }
        break;
    }
    const nonUsShare = m.usContentThreshold !== null && usContent !== null && usContent >= m.usContentThreshold;
    if (reasons) {
      if (base === 'metal') reason += ', on the metal value';
      if (base === 'remainder') reason += `, on the value minus the metal value (the rest of what ${by!.id} covers)`;
      if (nonUsShare) reason += `, on the non-US share (US content at or above ${formatRate(m.usContentThreshold!)}%)`;
      reason += transit;
      decisions.push({ measure: m, applied: true, reason });
    }
    if (nonUsShare && m.usContentConfidence === 'unconfirmed') notes.push(`the US-content rule for ${m.id} is UNCONFIRMED in the sources`);
    const a: AppliedMeasure = { measure: m, rate, base, nonUsShare };
    if (kind.kind === 'inclusive' && mfnSpecific !== null && (general === null || kind.base === 'applied')) a.inclusiveOf = kind.pct;
    applied.push(a);
    if (m.confidence === 'unconfirmed') notes.push(`${m.id} is UNCONFIRMED in the sources`);
    for (const x of m.assumes) {
      // A loading-date note matters only while an in-transit rule can still apply (before its entry deadline).
      const relevant = x.without !== 'loaded' || m.inTransit.some((t) => good.date < t.enteredBefore);
      const missing = x.without === null || (x.without === 'loaded' ? loaded === null : x.without === 'us_content' ? usContent === null : !hasMetal);
      if (missing && relevant) notes.push(x.note);
    }
  }

  if (general !== null && applied.some((a) => a.measure.rate.kind === 'inclusive' && a.measure.rate.base === 'general')) {
    notes.push(
      `${spi} claimed: the column 1 duty is at the Special rate; the inclusive measures subtract the column 1 General rate ${formatRate(general.pct)}%, ` +
        'as the instruments word it ("column 1 general rate", "MFN tariff": DOMAIN-2026-12 C7; DOMAIN.md open item 10 is otherwise unconfirmed)',
    );
  }
  if (hasMetal && !applied.some((a) => a.base !== 'value')) {
    notes.push('metal_value is not used: no measure in force on this date applies to the metal value');
  }
  // A share given but used by no measure that applied (none has a US-content rule, e.g. Section 232 autos): said so.
  if (usContent !== null && !applied.some((a) => a.measure.usContentThreshold !== null)) {
    // The row's own figure is not repeated: one plan serves every row whose US content falls in the same class (Resolver).
    notes.push(`us_content is not used: no measure applied on this date charges by US content`);
  }
  // The evidence dates of the row's origin: its part's own, where it gives them (a part per origin or group). The only
  // text of a plan that names its origin: the Resolver keeps these periods' plans per origin, not per class (OriginClass).
  const own = engine.originDates.get(good.origin);
  const { knownThrough, coversFrom } = own ?? engine;
  const forOrigin = own === undefined ? '' : ` for origin ${good.origin}`;
  if (good.date > knownThrough) {
    const last = own === undefined ? 'the last date this schedule has evidence for' : `the last date this schedule's evidence${forOrigin} covers`;
    notes.push(`entry date after ${knownThrough}, ${last}: measures announced since then are not in it`);
  }
  if (good.date < coversFrom) {
    notes.push(`entry date before ${coversFrom}, where this schedule's evidence${forOrigin} starts: earlier measures are not modelled`);
  }
  if (reasons) return { ok: true, plan: { category, mfn, mfnSpecific, mfnSource, applied, decisions, notes } };
  // The good as this resolution read it (a row carries more), to resolve again for the reasons when they are read.
  const again: GoodInput = { hts: good.hts, category: good.category, origin: good.origin, date: good.date, mfn: good.mfn, loaded, usContent, hasMetalValue: hasMetal, spi, transshipped: good.transshipped === true };
  // Copies of exact length: arrays grown by push keep room for 17 elements, and a memo keeps thousands of plans.
  return { ok: true, plan: new LazyPlan(category, mfn, mfnSpecific, mfnSource, applied.slice(), notes.slice(), engine, again) };
}

/**
 * A plan whose decisions are built when first read, by resolving the good again. A class, not an object literal with
 * a getter: each literal's getter is a closure of its own, which gives every plan a shape of its own (its properties
 * then kept as a dictionary), some 700 bytes a plan more; a memo of 11,000 plans (a mixed-origin file) felt it.
 */
class LazyPlan implements Plan {
  readonly #engine: Engine;
  readonly #again: GoodInput;
  #decided: Decision[] | undefined;

  constructor(
    readonly category: string,
    readonly mfn: RateMicro,
    readonly mfnSpecific: Plan['mfnSpecific'],
    readonly mfnSource: string,
    readonly applied: AppliedMeasure[],
    readonly notes: string[],
    engine: Engine,
    again: GoodInput,
  ) {
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
class SharedPlan implements Plan {
  constructor(
    readonly category: string,
    readonly mfn: RateMicro,
    readonly mfnSpecific: Plan['mfnSpecific'],
    readonly mfnSource: string,
    readonly applied: AppliedMeasure[],
    readonly notes: string[],
  ) {}

  get decisions(): Decision[] {
    throw new Error('invariant: the decisions of a plan are read from a Resolver made without them (options.decisions false)');
  }
}

/** Everything of a plan but its decisions, as a string: two plans of one good with the same key are interchangeable. */
function contentKey(engine: Engine, p: Plan): string {
  const index = engineFacts.get(engine)!.index;
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
 * The line's column 1 Special rate for a claimed program (the US-Japan Trade Agreement, "JP", General Note 36):
 * the rate the official line lists for it, or why it cannot be claimed.
 */
function claimSpecial(
  engine: Engine,
  good: GoodInput,
  spi: string,
  generalPct: RateMicro,
  generalSpecific: Plan['mfnSpecific'],
  generalSource: string,
): { ok: true; mfn: RateMicro; mfnSpecific: Plan['mfnSpecific']; mfnSource: string; unlisted?: string } | { ok: false; reason: string } {
  // The programs a row may claim are the schedule's (us.json `programs`); others are refused until modelled.
  const program = engine.programs.get(spi);
  if (program === undefined) {
    const known = [...engine.programs.keys()];
    return { ok: false, reason: `special program ${spi} is not modelled yet (${known.length === 0 ? `schedule ${engine.scheduleId} models none` : `only ${known.join(', ')}`}); leave spi empty for the General rate` };
  }
  if (program.origins !== null && !program.origins.has(good.origin)) {
    return { ok: false, reason: `special program ${spi} (${program.label}) is for goods of ${[...program.origins].join(', ')}, not ${good.origin}` };
  }
  if (good.mfn !== null) return { ok: false, reason: `give mfn_rate or spi ${spi}, not both (mfn_rate is the rate itself)` };
  if (good.hts === null || engine.mfnLines === null) return { ok: false, reason: `spi ${spi} needs an HTS code priced by the official schedule (its Special column)` };
  const code8 = good.hts.slice(0, 8);
  const details = good.hts.length >= 8 ? engine.mfnLines.details(code8) : null;
  if (details === null) return { ok: false, reason: `spi ${spi} needs a full 8- or 10-digit HTS code (the Special rate is per line)` };
  const revision = engine.mfnRevision ?? 'the official HTS';
  const entry = details.specialRates.find((r) => r.programs.includes(spi));
  if (entry === undefined) {
    if (generalPct === 0n && generalSpecific === null) {
      return { ok: true, mfn: 0n, mfnSpecific: null, mfnSource: `${generalSource} (General Free: ${spi} changes nothing)` };
    }
    const reason = `${formatHts(code8)} does not list ${spi} in its Special column (${revision}: ${details.special === '' ? 'empty' : `"${details.special}"`}): no ${spi} rate`;
    // The claim may stand without a Special rate (data: the program's specialRateOptional) where a measure claimed
    // with it applies to the line; the General rate is then kept, and the line says so.
    if (program.specialRateOptional !== null) {
      return {
        ok: true,
        mfn: generalPct,
        mfnSpecific: generalSpecific,
        mfnSource: `${generalSource}; ${reason}: the General rate is kept (${program.specialRateOptional})`,
        unlisted: `${reason}, and no measure claimed with ${spi} applies to it for origin ${good.origin} on the entry date; leave spi empty for the General rate`,
      };
    }
    return { ok: false, reason: `${reason}; leave spi empty for the General rate` };
  }
  const parsed = parseRateText(entry.text);
  if (parsed === null) return { ok: false, reason: `the ${spi} Special rate of ${formatHts(code8)} is "${entry.text}", which has no computation here; give mfn_rate and no spi` };
  return {
    ok: true,
    mfn: pctFromString(parsed.pct),
    mfnSpecific: parsed.specific === null ? null : { microCents: microOf(parsed.specific.cents), unit: parsed.specific.unit, text: entry.text },
    mfnSource: `${revision} ${formatHts(code8)}: Special (${spi}) ${entry.text}, claimed instead of the General rate`,
  };
}

/**
 * A code or prefix under `code` (longer, one of the measure's scope, exclusion or category prefixes) that the
 * measure treats otherwise than `code` itself, or undefined when every line under `code` is in scope, or every one
 * is out. A line's treatment is that of its longest such prefix, so checking those prefixes is enough.
 */
function finerLineTreatedOtherwise(engine: Engine, m: CompiledMeasure, code: string, date: string): string | undefined {
  if (m.allGoods && m.excludeSorted.length === 0 && m.excludeCategories.size === 0) return undefined;
  const covers = (hts: string) => measureCovers(engine, m, hts, date);
  const own = covers(code);
  const differs = (p: string) => covers(p) !== own;
  return (
    firstLongerUnder(m.htsSorted, code, differs) ??
    firstLongerUnder(m.excludeSorted, code, differs) ??
    (m.categories.size > 0 || m.excludeCategories.size > 0 ? firstLongerUnder(engine.categoryPrefixes, code, differs) : undefined)
  );
}

/** Whether the measure's scope covers the code (by HTS prefix or by the code's category), exclusions applied. */
function measureCovers(engine: Engine, m: CompiledMeasure, hts: string, date: string): boolean {
  const c = engine.categoryIndex.lookup(hts)?.value ?? engine.fallbackCategory;
  if (listedOn(engine, m.excludeHts, hts, date) !== undefined || (c !== null && m.excludeCategories.has(c))) return false;
  return m.allGoods || listedOn(engine, m.hts, hts, date) !== undefined || (c !== null && m.categories.has(c));
}

/**
 * The longest prefix of the code in a measure's index that is listed on the date: a code an amendment put on a
 * list from a later date (its entry's `from`) is not on it yet, and a shorter listed prefix may still hold.
 */
function listedOn(engine: Engine, idx: PrefixIndex<string>, hts: string, date: string): { prefix: string; value: string } | undefined {
  let hit = idx.lookup(hts);
  if (engine.listedFrom.size === 0) return hit;
  while (hit !== undefined) {
    const from = hit.value === '' ? undefined : engine.listedFrom.get(`${hit.value}|${hit.prefix}`);
    if (from === undefined || date >= from) return hit;
    hit = hit.prefix.length > 1 ? idx.lookup(hit.prefix.slice(0, -1)) : undefined;
  }
  return undefined;
}

/** The measures that cover an origin, in schedule order: computed once per engine and origin. */
const byOrigin = new WeakMap<Engine, Map<string, readonly CompiledMeasure[]>>();
function measuresOf(engine: Engine, origin: string): readonly CompiledMeasure[] {
  let m = byOrigin.get(engine);
  if (m === undefined) byOrigin.set(engine, (m = new Map()));
  let list = m.get(origin);
  if (list === undefined) m.set(origin, (list = engine.measures.filter((x) => x.origins.has(origin))));
  return list;
}

/**
 * What is known of one good (an HTS code, or "category:" and a category) whatever its origin: its price before any
 * measure (pricedOf) and, per measure and list period, whether the measure's scope covers it and whether a finer line
 * under it is treated otherwise. Every origin class and period of a good asks the same of the measures they share
 * (the 25 that cover every origin, China's lists...): asked once, a mixed-origin file resolves its plans at about the
 * cost of a one-origin file's.
 */
interface GoodFacts {
  priced?: Priced | { ok: false; refusal: Refusal };
  /** With the row's own MFN rate, by that rate (a few per good). */
  pricedWith?: Map<bigint, Priced | { ok: false; refusal: Refusal }>;
  /** By measure index x list periods + list period: 0 not yet known, else the IN_SCOPE and NO_FINER bits and KNOWN_*. */
  flags: Uint8Array;
  /** The finer line treated otherwise, by the same index, where there is one. */
  finer: Map<number, string>;
}

const SCOPE_KNOWN = 1;
const IN_SCOPE = 2;
const FINER_KNOWN = 4;
const NO_FINER = 8;

/** Bound on the goods whose facts are kept per engine (about 0.5 kB each with the bundled schedule's measures). */
const MAX_GOODS = 20_000;

interface EngineFacts {
  /** Index of each measure in engine.measures. */
  index: Map<CompiledMeasure, number>;
  /** List periods: 1 + the dates on which a list is amended. */
  periods: number;
  goods: Map<string, GoodFacts>;
}

const engineFacts = new WeakMap<Engine, EngineFacts>();

function factsOf(engine: Engine, key: string): GoodFacts {
  let e = engineFacts.get(engine);
  if (e === undefined) {
    engineFacts.set(engine, (e = { index: new Map(engine.measures.map((m, i) => [m, i])), periods: engine.listDates.length + 1, goods: new Map() }));
  }
  let f = e.goods.get(key);
  if (f === undefined) {
    if (e.goods.size >= MAX_GOODS) e.goods.clear();
    e.goods.set(key, (f = { flags: new Uint8Array(engine.measures.length * e.periods), finer: new Map() }));
  }
  return f;
}

/** How many list amendment dates are on or before the date: a list's codes are the same within one (listedOn). */
function listPeriod(engine: Engine, date: string): number {
  const d = engine.listDates;
  let p = 0;
  while (p < d.length && d[p]! <= date) p++;
  return p;
}

/** The slot of a measure and list period in a good's facts. */
function slotOf(engine: Engine, m: CompiledMeasure, lp: number): number {
  const e = engineFacts.get(engine)!;
  const i = e.index.get(m);
  if (i === undefined) throw new Error(`invariant: measure ${m.id} is not one of the engine's`);
  return i * e.periods + lp;
}

/** finerLineTreatedOtherwise, kept in the good's facts. */
function finerOf(engine: Engine, facts: GoodFacts, m: CompiledMeasure, hts: string, date: string, lp: number): string | undefined {
  const slot = slotOf(engine, m, lp);
  const f = facts.flags[slot]!;
  if (f & FINER_KNOWN) return f & NO_FINER ? undefined : facts.finer.get(slot);
  const finer = finerLineTreatedOtherwise(engine, m, hts, date);
  facts.flags[slot] = f | FINER_KNOWN | (finer === undefined ? NO_FINER : 0);
  if (finer !== undefined) facts.finer.set(slot, finer);
  return finer;
}

/** Whether the measure's scope takes in the good (by code or category, exclusions applied), kept in the good's facts. */
function inScope(engine: Engine, facts: GoodFacts, lp: number, m: CompiledMeasure, good: GoodInput, category: string): boolean {
  const slot = slotOf(engine, m, lp);
  const f = facts.flags[slot]!;
  if (f & SCOPE_KNOWN) return (f & IN_SCOPE) !== 0;
  const yes =
    (good.hts === null || listedOn(engine, m.excludeHts, good.hts, good.date) === undefined) &&
    !m.excludeCategories.has(category) &&
    (m.allGoods || (good.hts !== null && listedOn(engine, m.hts, good.hts, good.date) !== undefined) || m.categories.has(category));
  facts.flags[slot] = f | SCOPE_KNOWN | (yes ? IN_SCOPE : 0);
  return yes;
}

/**
 * Why the measure does not apply to the good (null: it does); without `reasons`, '' stands for any reason, and the
 * scope's verdict is kept in the good's facts (`facts`, list period `lp`).
 */
function whyNot(engine: Engine, m: CompiledMeasure, good: GoodInput, category: string, reasons: boolean, facts: GoodFacts, lp: number): string | null {
  if (good.date < m.from) return reasons ? `not yet in force (from ${m.from})` : '';
  if (m.to !== null && good.date >= m.to) return reasons ? `no longer in force (ended for entries from ${m.to})` : '';
  if (!m.origins.has(good.origin)) return reasons ? `does not cover origin ${good.origin}` : '';
  if (good.spi != null && m.excludeSpi.has(good.spi)) return reasons ? `not owed on goods claiming special program ${good.spi}` : '';
  if (m.claimedSpi !== null && (good.spi == null || !m.claimedSpi.has(good.spi))) return reasons ? `applies only to goods claiming special program ${[...m.claimedSpi].join(' or ')} (spi)` : '';
  if (m.transshippedOnly && good.transshipped !== true) return reasons ? 'applies only to goods found transshipped to evade duties (transshipped = yes)' : '';
  if (!reasons) return inScope(engine, facts, lp, m, good, category) ? null : '';
  if (good.hts !== null) {
    const ex = listedOn(engine, m.excludeHts, good.hts, good.date);
    if (ex) return `HTS ${formatHts(good.hts)} is excluded (${formatHts(ex.prefix)}${ex.value === '' ? '' : `, list ${ex.value}`})`;
  }
  if (m.excludeCategories.has(category)) return `category ${category} is excluded`;
  if (m.allGoods) return null;
  if (good.hts !== null && listedOn(engine, m.hts, good.hts, good.date) !== undefined) return null;
  if (m.categories.has(category)) return null;
  return good.hts !== null
    ? `HTS ${formatHts(good.hts)} (category ${category}) is not in its scope`
    : `category ${category} is not in its scope`;
}

function windowText(m: CompiledMeasure): string {
  return m.to === null ? `from ${m.from}` : `${m.from} to ${m.to} (exclusive)`;
}

/**
 * The plans of one good (code or category, origin) in one period for rows with loaded or us_content: what
 * resolution finds before it reads them is shared (`pre`), and only the in-transit cut-offs and US-content
 * thresholds of the measures in scope for the good, in force in the period, split its rows into classes.
 */
interface Classes {
  pre: Prepared | { ok: false; refusal: Refusal };
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
    if (m.usContentThreshold !== null && usContent !== null && usContent >= m.usContentThreshold) s += '+';
  }
  return s;
}

function classesOf(pre: Prepared | { ok: false; refusal: Refusal }, date: string): Classes {
  const cuts = new Set<string>();
  const thresholds = new Set<bigint>();
  // As finish decides displacement without a metal value: a candidate another candidate displaces never applies.
  const live = pre.ok ? pre.candidates.filter((m) => !pre.candidates.some((o) => o !== m && (o.displacesIds.has(m.id) || o.displacesLayers.has(m.layer)))) : [];
  for (const m of live) {
    // A rule whose entry deadline is past never applies in this period (deadlines are period boundaries).
    for (const t of m.inTransit) if (date < t.enteredBefore) cuts.add(t.loadedBefore);
    if (m.usContentThreshold !== null) thresholds.add(m.usContentThreshold);
  }
  return { pre, live, cuts: [...cuts].sort(), thresholds: [...thresholds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), plans: [], bySignature: new Map() };
}

/**
 * 0 when not given, else 1 + how many of the ascending cut-offs are on or before the value: an in-transit rule
 * applies when loaded < loadedBefore, a US-content rule when the share >= its threshold, so values between two
 * cut-offs resolve alike. Given differs from not given even where no cut-off counts (the notes say what is used).
 */
function classOf<T extends string | bigint>(value: T | null, cuts: readonly T[]): number {
  if (value === null) return 0;
  let n = 0;
  while (n < cuts.length && cuts[n]! <= value) n++;
  return n + 1;
}

/** The dates on which a plan can change: evidence dates, the measures' windows and in-transit deadlines, list amendments. */
function boundaries(engine: Engine, measures: readonly CompiledMeasure[], originDates: readonly { coversFrom: string; knownThrough: string }[]): string[] {
  const b = new Set<string>([engine.coversFrom, nextDay(engine.knownThrough)]);
  for (const d of originDates) b.add(d.coversFrom).add(nextDay(d.knownThrough));
  for (const m of measures) {
    b.add(m.from);
    if (m.to !== null) b.add(m.to);
    for (const t of m.inTransit) b.add(t.enteredBefore);
  }
  for (const d of engine.listDates) b.add(d); // a list amended on a date (entries' `from`)
  return [...b].sort();
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

  resolve(good: GoodInput): Resolution {
    const oc = this.originClass(good.origin);
    const g = this.#globalPeriod(good.date);
    const p = oc.ofGlobal[g]!;
    // The class, or the origin itself in a period whose plans name it.
    const k2 = oc.ownText[p] ? good.origin : oc.key;
    if (good.mfn === null && good.hasMetalValue !== true && (good.spi ?? null) === null && good.transshipped !== true) {
      const k1 = good.hts ?? `category:${good.category ?? ''}`; // a normalised HTS code is digits only
      const loaded = good.loaded ?? null;
      const usContent = good.usContent ?? null;
      if (loaded === null && usContent === null) {
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
        const q = slot.periods === undefined ? 0 : slot.periods === null ? p : slot.periods[g]!;
        let r = slot.plans[q];
        if (r === undefined) {
          r = this.#share(k1, resolveGood(this.engine, good));
          this.resolved++;
          if (this.#count()) slot.plans[q] = r;
        }
        return r;
      }
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
    // A claimed program is checked against the origin itself (programs name the origins that may claim them).
    const k = (good.spi ?? null) === null ? k2 : good.origin;
    const key = `${good.hts ?? ''}|${good.category ?? ''}|${k}|${p}|${good.mfn ?? ''}|${classOf(good.loaded ?? null, this.#loadedCuts)}|${classOf(good.usContent ?? null, this.#usThresholds)}|${good.hasMetalValue ? 1 : 0}|${good.spi ?? ''}|${good.transshipped === true ? 1 : 0}`;
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

/** Day keys: 100 years of 13 x 32 (dayKey). */
const DAY_KEYS = 100 * 13 * 32;

/**
 * A number for a YYYY-MM-DD date of the years 2000 to 2099 that orders as the dates do (not a count of days: months
 * of 32), or -1 for any other string.
 */
function dayKey(date: string): number {
  if (date.length !== 10 || date.charCodeAt(0) !== 50 || date.charCodeAt(1) !== 48 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  const y2 = date.charCodeAt(2) - 48;
  const y3 = date.charCodeAt(3) - 48;
  const m0 = date.charCodeAt(5) - 48;
  const m1 = date.charCodeAt(6) - 48;
  const d0 = date.charCodeAt(8) - 48;
  const d1 = date.charCodeAt(9) - 48;
  // Each digit 0-9 (an unsigned compare catches what is below '0').
  if ((y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 1 || (m1 >>> 0) > 9 || (d0 >>> 0) > 3 || (d1 >>> 0) > 9) return -1;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month > 12 || day > 31) return -1;
  return ((y2 * 10 + y3) * 13 + month) * 32 + day;
}

/** How many of the ascending boundaries are on or before the date. */
function periodOf(bounds: readonly string[], date: string): number {
  let p = 0;
  while (p < bounds.length && bounds[p]! <= date) p++;
  return p;
}
