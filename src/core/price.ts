/**
 * What a good pays before any additional measure (resolution's step "price"): its category, and its column 1 rate
 * with where that rate came from. The MFN (column 1 General) rate is the row's own mfn_rate, else the official
 * schedule's General column for the line (HTS 2026 Rev. 10, every line), else the MFN table by longest prefix, else
 * the category's default; a special program claimed (spi, General Note 3(c)) puts the line's column 1 Special rate
 * for that program in its place. A General rate that cannot be computed (a clock's "2.6% on the movement and case +
 * 3.5% on the battery") does not stop a claim: the claim is checked first, and the row is refused only when the rate
 * it pays cannot be computed, or a measure that subtracts the General rate applies (stacking.ts addedRate).
 */
import { microOf, type Engine } from './compile.js';
import { firstLongerUnder, formatHts } from '../values/hts.js';
import { priceOfficial, type OfficialPrice } from './hts-lines.js';
import { parseRateText } from './usitc.js';
import { pctFromString, type RateMicro } from '../values/money.js';
import type { GoodInput, Plan, Refusal } from './resolve.js';
import { factsOf } from './scope.js';

/** A column 1 rate and where it came from. */
export interface ColumnOne {
  /** The ad valorem part of the rate. */
  mfn: RateMicro;
  /** The specific part, when it has one (computed per line from the row's quantity). */
  mfnSpecific: Plan['mfnSpecific'];
  mfnSource: string;
}

/** The category, the MFN rate and where it came from, and the note on an unconfirmed MFN rate of a good. */
export interface Priced extends ColumnOne {
  ok: true;
  category: string;
  mfnNote: string | null;
}

/**
 * A good whose category is known and whose General rate cannot be computed (no computation for its text, or a finer
 * entry of another rate): refused as it is, unless it claims a program whose Special rate the line lists.
 */
export interface Unpriced {
  ok: false;
  refusal: Refusal;
  category: string;
}

/** The General rate the inclusive measures subtract when a program is claimed, or why it cannot be computed. */
export type GeneralRate = { pct: RateMicro; specific: boolean } | { unpriced: string };

type Refused = { ok: false; refusal: Refusal };

/** The column 1 rate paid with a special program claimed, and the General rate it replaces. */
export interface Claimed {
  ok: true;
  paid: ColumnOne;
  /** The General rate (the inclusive measures subtract it: stacking.ts addedRate), or why it cannot be computed. */
  general: GeneralRate;
  /**
   * A program whose claim stands without a Special rate (specialRateOptional) on a line that does not list it: why it
   * is refused unless a measure claimed with it applies to the line (prepare checks, once the candidates are known).
   */
  unlisted: string | null;
}

/**
 * Step: a special program claimed (spi): the column 1 Special rate of the line for that program replaces the General
 * rate as the line's column 1 duty; the inclusive measures keep subtracting the General rate. The claim is checked
 * before the General rate is needed: a line whose General rate cannot be computed (`Unpriced`) is priced at the
 * Special rate it lists for the program, and refused only when that rate cannot be computed (or the General rate is
 * kept: a program that stands without a Special rate, on a line that does not list it).
 */
export function claimedOf(engine: Engine, good: GoodInput, spi: string, priced: Priced | Unpriced): Claimed | Refused {
  const general: ColumnOne | Refusal = priced.ok ? priced : priced.refusal;
  const claimed = claimSpecial(engine, good, spi, general);
  if (!claimed.ok) return { ok: false, refusal: { field: claimed.field ?? 'spi', reason: claimed.reason } };
  return {
    ok: true,
    paid: claimed,
    general: priced.ok ? { pct: priced.mfn, specific: priced.mfnSpecific !== null } : { unpriced: priced.refusal.reason },
    unlisted: claimed.unlisted ?? null,
  };
}

/** What a good pays as its column 1 duty, with a program claimed or not (resolution's step "price"). */
export interface Paying {
  ok: true;
  category: string;
  /** The note on an UNCONFIRMED MFN rate, or null. */
  mfnNote: string | null;
  /** The column 1 rate paid: the General rate, or the Special rate of the program claimed. */
  paid: ColumnOne;
  /** With a program claimed, the General rate (or why it cannot be computed) the inclusive measures subtract; else null. */
  general: GeneralRate | null;
  /** See Claimed.unlisted. */
  unlisted: string | null;
}

/**
 * Step: the column 1 rate the good pays. Without a claim, its General rate (pricedOf), refused when that cannot be
 * computed. With a program claimed (spi), the claim is checked first (claimedOf): a line that lists the program pays
 * its Special rate even when its General rate has no computation here (a clock's General rate on the movement, case
 * and battery valued apart; 9104.00.05 lists C and pays Free under it, General Note 6).
 */
export function payingOf(engine: Engine, good: GoodInput): Paying | Refused {
  const priced = pricedOf(engine, good);
  const spi = good.spi ?? null;
  if (!priced.ok && !('category' in priced)) return priced;
  if (spi === null) return priced.ok ? { ok: true, category: priced.category, mfnNote: priced.mfnNote, paid: priced, general: null, unlisted: null } : { ok: false, refusal: priced.refusal };
  const claimed = claimedOf(engine, good, spi, priced);
  if (!claimed.ok) return claimed;
  return { ok: true, category: priced.category, mfnNote: priced.ok ? priced.mfnNote : null, paid: claimed.paid, general: claimed.general, unlisted: claimed.unlisted };
}

/**
 * What a good (code or category, MFN override) is priced at before any measure: the same whatever its origin, date or
 * claimed program, so kept per engine and good (factsOf) and shared by every origin and period of it.
 */
export function pricedOf(engine: Engine, good: GoodInput): Priced | Unpriced | Refused {
  const facts = factsOf(engine, good.hts ?? `category:${good.category ?? ''}`);
  if (good.mfn === null) return (facts.priced ??= price(engine, good));
  let p = facts.pricedWith?.get(good.mfn);
  if (p === undefined) {
    p = price(engine, good);
    if ((facts.pricedWith ??= new Map()).size < 64) facts.pricedWith.set(good.mfn, p);
  }
  return p;
}

function price(engine: Engine, good: GoodInput): Priced | Unpriced | Refused {
  const category = categoryOf(engine, good);
  if (typeof category !== 'string') return { ok: false, refusal: category };
  // A code that is not a line of the official schedule is refused, mfn_rate or not (a typo priced by hand is
  // still a typo); an override in the table's entries makes a code known.
  let official: OfficialPrice | null = null;
  if (good.hts !== null && engine.mfnLines !== null && engine.mfn.lookup(good.hts) === undefined) {
    official = priceOfficial(engine.mfnLines, good.hts, engine.mfnRevision ?? 'the official HTS');
    if (!official.ok && official.kind === 'not-a-line') return { ok: false, refusal: { field: 'hts', reason: official.reason } };
  }
  // MFN: the row's own rate, else the official line, else the table by longest prefix, else the category default.
  const rate: ColumnOne | Refusal =
    good.mfn !== null
      ? { mfn: good.mfn, mfnSpecific: null, mfnSource: 'mfn_rate given with the row' }
      : official !== null
        ? fromOfficial(engine, good.hts!, official)
        : good.hts !== null
          ? fromTable(engine, good.hts)
          : fromCategory(engine, category);
  if ('reason' in rate) return { ok: false, refusal: rate, category };
  return { ok: true, category, mfn: rate.mfn, mfnSpecific: rate.mfnSpecific, mfnSource: rate.mfnSource, mfnNote: unconfirmedNote(engine, good) };
}

/** The category: from the HTS code when there is one (longest prefix, else the schedule's fallbackCategory), else as given. */
export function categoryOf(engine: Engine, good: GoodInput): string | Refusal {
  if (good.hts !== null) {
    const hit = engine.categoryIndex.lookup(good.hts);
    if (hit) return hit.value;
    if (engine.fallbackCategory) return engine.fallbackCategory;
    return { field: 'hts', reason: `HTS ${formatHts(good.hts)} is in no category of schedule ${engine.scheduleId}` };
  }
  if (good.category !== null && engine.categories.has(good.category)) return good.category;
  const known = [...engine.categories.keys()].join(', ');
  return good.category === null
    ? { field: 'hts', reason: `give an HTS code or a category (${known})` }
    : { field: 'category', reason: `unknown category "${good.category}"; known: ${known}` };
}

/** The official schedule's General rate of the line (an override in the table's entries wins: see price). */
function fromOfficial(engine: Engine, hts: string, official: OfficialPrice): ColumnOne | Refusal {
  if (!official.ok) return { field: official.kind === 'no-computation' ? 'mfn_rate' : 'hts', reason: official.reason };
  const { rate } = official;
  // An entry of the table under this code (a statistical line with a rate of its own) makes the code ambiguous.
  const finer = firstLongerUnder(engine.mfnPrefixes, hts, (p) => engine.mfn.lookup(p)!.value.text !== rate.text);
  if (finer !== undefined) {
    return { field: 'hts', reason: `HTS ${formatHts(hts)} is not specific enough for its MFN rate: ${formatHts(finer)} has a rate of its own; give the full code or mfn_rate` };
  }
  return {
    mfn: pctFromString(rate.pct!),
    mfnSpecific: rate.specific === null ? null : { microCents: microOf(rate.specific.cents), unit: rate.specific.unit, text: rate.text, unitAliases: engine.unitAliases },
    mfnSource: `${engine.mfnRevision ?? 'the official HTS'} ${formatHts(official.prefix)}: General ${rate.text}`,
  };
}

/** The MFN table's rate by longest prefix; a code with a finer entry of another rate under it is ambiguous. */
function fromTable(engine: Engine, hts: string): ColumnOne | Refusal {
  const hit = engine.mfn.lookup(hts);
  const finer = firstLongerUnder(engine.mfnPrefixes, hts, (p) => {
    const own = engine.mfn.lookup(p)!.value;
    return own.pct !== hit?.value.pct || own.text !== hit?.value.text;
  });
  if (finer !== undefined) {
    return { field: 'hts', reason: `HTS ${formatHts(hts)} is not specific enough for its MFN rate: ${formatHts(finer)} has a rate of its own; give the full code or mfn_rate` };
  }
  if (!hit) return { field: 'hts', reason: `no MFN rate known for HTS ${formatHts(hts)}; give mfn_rate (the MFN rate in percent)` };
  return {
    mfn: hit.value.pct,
    mfnSpecific: hit.value.specific === null ? null : { ...hit.value.specific, text: hit.value.text, unitAliases: engine.unitAliases },
    mfnSource: `${engine.mfnRevision ?? 'MFN table'} ${formatHts(hit.prefix)}: ${hit.value.description}`,
  };
}

/** The category's default MFN rate, for a row that gives a category and no code. */
function fromCategory(engine: Engine, category: string): ColumnOne | Refusal {
  const c = engine.categories.get(category)!;
  if (c.defaultMfn === null) return { field: 'mfn_rate', reason: `category "${category}" has no single MFN rate; give mfn_rate (percent) or an HTS code` };
  return { mfn: c.defaultMfn, mfnSpecific: null, mfnSource: `category ${category} default (${c.standsFor})` };
}

/** The note on an MFN rate of the table whose confidence is unconfirmed (not for a row's own rate). */
function unconfirmedNote(engine: Engine, good: GoodInput): string | null {
  if (good.mfn !== null || good.hts === null) return null;
  const hit = engine.mfn.lookup(good.hts);
  return hit !== undefined && hit.value.confidence === 'unconfirmed' ? `MFN rate for ${formatHts(hit.prefix)} is UNCONFIRMED` : null;
}

/**
 * The line's column 1 Special rate for a claimed program (the US-Japan Trade Agreement, "JP", General Note 36):
 * the rate the official line lists for it, or why it cannot be claimed. `general` is the line's General rate, or why
 * it cannot be computed: needed only when the line does not list the program (a General rate of Free, which the
 * claim leaves as it is, or a program whose claim keeps the General rate); then its refusal is the row's.
 */
export function claimSpecial(
  engine: Engine,
  good: GoodInput,
  spi: string,
  general: ColumnOne | Refusal,
): ({ ok: true; unlisted?: string } & ColumnOne) | { ok: false; reason: string; field?: Refusal['field'] } {
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
    if (!('field' in general) && general.mfn === 0n && general.mfnSpecific === null) {
      return { ok: true, mfn: 0n, mfnSpecific: null, mfnSource: `${general.mfnSource} (General Free: ${spi} changes nothing)` };
    }
    const reason = `${formatHts(code8)} does not list ${spi} in its Special column (${revision}: ${details.special === '' ? 'empty' : `"${details.special}"`}): no ${spi} rate`;
    // The claim may stand without a Special rate (data: the program's specialRateOptional) where a measure claimed
    // with it applies to the line; the General rate is then kept, and the line says so.
    if (program.specialRateOptional !== null) {
      // The General rate is what the line pays then: a claim does not make computable a rate that is not (and a row
      // with mfn_rate claims no program).
      if ('field' in general) {
        return { ok: false, field: general.field, reason: `${general.reason} and leave spi empty (${formatHts(code8)} does not list ${spi} in its Special column: a ${spi} claim would keep the General rate)` };
      }
      return {
        ok: true,
        mfn: general.mfn,
        mfnSpecific: general.mfnSpecific,
        mfnSource: `${general.mfnSource}; ${reason}: the General rate is kept (${program.specialRateOptional})`,
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
    mfnSpecific: parsed.specific === null ? null : { microCents: microOf(parsed.specific.cents), unit: parsed.specific.unit, text: entry.text, unitAliases: engine.unitAliases },
    mfnSource: `${revision} ${formatHts(code8)}: Special (${spi}) ${entry.text}, claimed instead of the General rate`,
  };
}
