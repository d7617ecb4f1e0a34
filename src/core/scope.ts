/**
 * Which measures can apply to a good (resolution's steps "too coarse a code" and "candidates"): a measure is a
 * candidate when it is in force on the entry date, covers the origin, is not lifted by the special program claimed,
 * asks for a transshipped good only of one, and its scope (HTS prefixes, product lists as amended on the date,
 * categories, exclusions) takes the good in. What is known of a good's scope per measure and list period is kept
 * per engine (GoodFacts), so every origin class and period of a good asks each measure once.
 */
import type { CompiledMeasure, Engine } from './compile.js';
import { firstLongerUnder, formatHts, type PrefixIndex } from '../values/hts.js';
import type { Priced } from './price.js';
import type { GoodInput, Refusal } from './resolve.js';
import { inputCaseOf, readsInput } from './given-facts.js';

/**
 * Step: a code too short to tell which measures apply is refused, never guessed. Only the measures in force for the
 * origin on the date count: a 10-digit list does not make an 8-digit code ambiguous on dates it does not apply.
 * A measure whose scope splits the code does not matter either when a measure in force that covers every line
 * under the code displaces it (an auto part of note 33(g) whose 10-digit lines are split by an aluminum list
 * pays the autos measure, whichever line it is).
 */
export function tooCoarse(engine: Engine, good: GoodInput): Refusal | null {
  if (good.hts === null) return null;
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
          // A displacer the line is outside of, by the row's answer or by default (given-facts.ts), displaces nothing.
          (d.assumes.length === 0 || !outsideByFact(d, good)) &&
          finerLineTreatedOtherwise(engine, d, hts, good.date) === undefined,
      );
    if (finer !== undefined && !moot()) {
      return {
        field: 'hts',
        reason:
          `HTS ${formatHts(hts)} is not specific enough: lines under it such as ${formatHts(finer)} are treated differently ` +
          `(${m.id}); give the full 8- or 10-digit code`,
      };
    }
  }
  return null;
}

/** Whether the row's answer, or the default for the line, takes the good out of the measure (given-facts.ts); a refusal of the answer is not. */
function outsideByFact(m: CompiledMeasure, good: GoodInput): boolean {
  const c = inputCaseOf(m, good);
  return c !== null && !('refusal' in c);
}

/**
 * Step: the measures of the origin, each a candidate (null) or why it is not ('' without `reasons`). Only the measures
 * of this origin are considered or explained: a mixed-origin schedule does not list every other origin's measures as
 * "does not cover origin".
 */
export function candidatesOf(
  engine: Engine,
  good: GoodInput,
  category: string,
  reasons: boolean,
): { outcome: (string | null)[]; candidates: CompiledMeasure[]; assumedOutside: { measure: CompiledMeasure; note: string }[]; refusal: Refusal | null; readsFact: boolean } {
  const candidates: CompiledMeasure[] = [];
  const outcome: (string | null)[] = [];
  const assumedOutside: { measure: CompiledMeasure; note: string }[] = [];
  let refusal: Refusal | null = null;
  let readsFact = false;
  const facts = factsOf(engine, good.hts ?? `category:${good.category ?? ''}`);
  const lp = listPeriod(engine, good.date);
  for (const m of measuresOf(engine, good.origin)) {
    let why = whyNot(engine, m, good, category, reasons, facts, lp);
    // A measure in scope whose assumption the row answers, or whose other case is the default for the line (given-facts.ts).
    if (why === null && m.assumes.length !== 0) {
      readsFact ||= m.assumes.some(readsInput);
      const c = inputCaseOf(m, good);
      if (c !== null && 'refusal' in c) refusal ??= c.refusal;
      else if (c !== null) {
        why = reasons ? c.reason : '';
        if (c.note !== null) assumedOutside.push({ measure: m, note: c.note });
      }
    }
    outcome.push(why);
    if (why === null) candidates.push(m);
  }
  return { outcome, candidates, assumedOutside, refusal, readsFact };
}

/**
 * A code or prefix under `code` (longer, one of the measure's scope, exclusion or category prefixes) that the
 * measure treats otherwise than `code` itself, or undefined when every line under `code` is in scope, or every one
 * is out. A line's treatment is that of its longest such prefix, so checking those prefixes is enough.
 */
export function finerLineTreatedOtherwise(engine: Engine, m: CompiledMeasure, code: string, date: string): string | undefined {
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
export function measureCovers(engine: Engine, m: CompiledMeasure, hts: string, date: string): boolean {
  const c = engine.categoryIndex.lookup(hts)?.value ?? engine.fallbackCategory;
  if (listedOn(engine, m.excludeHts, hts, date) !== undefined || (c !== null && m.excludeCategories.has(c))) return false;
  return m.allGoods || listedOn(engine, m.hts, hts, date) !== undefined || (c !== null && m.categories.has(c));
}

/**
 * The longest prefix of the code in a measure's index that is listed on the date: a code an amendment put on a
 * list from a later date (its entry's `from`) is not on it yet, and a shorter listed prefix may still hold.
 */
export function listedOn(engine: Engine, idx: PrefixIndex<string>, hts: string, date: string): { prefix: string; value: string } | undefined {
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
export function measuresOf(engine: Engine, origin: string): readonly CompiledMeasure[] {
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
export interface GoodFacts {
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

export function factsOf(engine: Engine, key: string): GoodFacts {
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
export function listPeriod(engine: Engine, date: string): number {
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
export function finerOf(engine: Engine, facts: GoodFacts, m: CompiledMeasure, hts: string, date: string, lp: number): string | undefined {
  const slot = slotOf(engine, m, lp);
  const f = facts.flags[slot]!;
  if (f & FINER_KNOWN) return f & NO_FINER ? undefined : facts.finer.get(slot);
  const finer = finerLineTreatedOtherwise(engine, m, hts, date);
  facts.flags[slot] = f | FINER_KNOWN | (finer === undefined ? NO_FINER : 0);
  if (finer !== undefined) facts.finer.set(slot, finer);
  return finer;
}

/** Whether the measure's scope takes in the good (by code or category, exclusions applied), kept in the good's facts. */
export function inScope(engine: Engine, facts: GoodFacts, lp: number, m: CompiledMeasure, good: GoodInput, category: string): boolean {
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
export function whyNot(engine: Engine, m: CompiledMeasure, good: GoodInput, category: string, reasons: boolean, facts: GoodFacts, lp: number): string | null {
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

/** The index of each measure in engine.measures (a plan's content key names its measures by it). */
export function measureIndexes(engine: Engine): ReadonlyMap<CompiledMeasure, number> {
  const e = engineFacts.get(engine);
  if (e === undefined) throw new Error('invariant: the measure indexes are read before any good of the engine was resolved');
  return e.index;
}
