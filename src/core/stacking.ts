/**
 * How the candidate measures of a good stack into its plan (resolution's steps after the candidates), one named
 * step each, in the order resolveGood takes them for each candidate:
 *
 * 1. displacement (displacerOf, baseOf): a measure that displaces another by id or layer takes its place (DOMAIN.md
 *    s.5: the Section 232 autos and metals duties in place of the reciprocal one; the schedule's `displaces`), except
 *    that the rest of the value pays what a metal-content measure displaces when the row gives its metal value
 *    (Proc. 10947: the metal duty is owed on the metal only);
 * 2. in transit (inTransitRuleOf): goods loaded before a cut-off and entered before a deadline keep an earlier rate
 *    or none (the measure's `inTransit` rules, each with its chapter 99 heading);
 * 3. the rate (addedRate, rateReason): the MFN rate, an ad valorem rate, or an inclusive rate N% minus the column 1
 *    rate, at least 0 (the deals' "inclusive of MFN" rates: EO 14345 for Japan, DOMAIN-2026-12 C7);
 * 4. US content (chargesNonUsShare): at or above a measure's threshold the duty is on the non-US share of the
 *    value only (the measure's `usContent`, e.g. 20% for the reciprocal duties: CBP IEEPA FAQ, CSMS #64680374,
 *    heading 9903.01.34);
 * 5. the notes (measureNotes, planNotes): what was assumed for the facts the row did not give, and what is
 *    UNCONFIRMED.
 *
 * Each step is pure and takes the measure and the facts it reads; the reasons (--explain) are worded apart.
 */
import type { CompiledMeasure, CompiledRate, Engine } from './compile.js';
import { formatRate, type RateMicro } from '../values/money.js';
import type { AppliedMeasure, Base, GoodInput, Prepared, Refusal } from './resolve.js';
import { factIsLaw, readsInput } from './given-facts.js';

/** What the stacking steps read of a row beyond its good: the facts that change how a measure applies. */
export interface LineFacts {
  date: string;
  /** Date of loading (null: not given). */
  loaded: string | null;
  /** US content in micro-percent (null: not given). */
  usContent: RateMicro | null;
  /** Whether the row gives the value of its metal content. */
  hasMetal: boolean;
  /** HTS digits (null: a category), for the assumptions whose fact is the law on some lines (exceptHts). */
  hts: string | null;
  /** The row's auto_part (null: not given). */
  autoPart: boolean | null;
}

export function lineFactsOf(good: GoodInput): LineFacts {
  return { date: good.date, loaded: good.loaded ?? null, usContent: good.usContent ?? null, hasMetal: good.hasMetalValue ?? false, hts: good.hts, autoPart: good.autoPart ?? null };
}

/** Whether `by` displaces `m`: by the measure's id or by its whole layer (the schedule's `displaces`). */
export function displaces(by: CompiledMeasure, m: CompiledMeasure): boolean {
  return by !== m && (by.displacesIds.has(m.id) || by.displacesLayers.has(m.layer));
}

/** Whether the rest of the value (beyond the metal the row gives) still pays `m` where the metal-content measure `by` displaces it. */
function paysRemainder(by: CompiledMeasure, m: CompiledMeasure, hasMetal: boolean): boolean {
  return by.metalContent?.remainderPaysDisplaced === true && hasMetal && m.metalContent === null;
}

/**
 * Step 1: the candidate that displaces the measure, if any. A displacer that takes the whole value wins over a
 * metal-content one whose remainder pays what it displaces (when the row gives its metal value).
 */
export function displacerOf(m: CompiledMeasure, candidates: readonly CompiledMeasure[], hasMetal: boolean): CompiledMeasure | undefined {
  let by: CompiledMeasure | undefined;
  for (const o of candidates) {
    if (!displaces(o, m)) continue;
    by = o;
    if (!paysRemainder(o, m, hasMetal)) break;
  }
  return by;
}

/**
 * Step 1: what the measure's rate applies to (null: it is displaced). The metal value for a metal-content measure when
 * the row gives it; the rest of the value for a measure displaced by a metal-content measure whose remainder pays what
 * it displaces, but never a metal duty it replaces (that one is owed on the metal only, Proc. 10947): the UK's 25%
 * takes the place of the general 50%, on the metal.
 */
export function baseOf(m: CompiledMeasure, by: CompiledMeasure | undefined, hasMetal: boolean): Base | null {
  if (by === undefined) return m.metalContent !== null && hasMetal ? 'metal' : 'value';
  return paysRemainder(by, m, hasMetal) ? 'remainder' : null;
}

export type InTransitRule = CompiledMeasure['inTransit'][number];

/** Step 2: the measure's in-transit rule that applies to goods loaded on `loaded` and entered on `date` (first match wins). */
export function inTransitRuleOf(m: CompiledMeasure, loaded: string | null, date: string): InTransitRule | undefined {
  return loaded === null ? undefined : m.inTransit.find((r) => loaded < r.loadedBefore && date < r.enteredBefore);
}

/** An in-transit rule in words: the rule, not the row's own date (a plan is shared by every row on the same side of each cut-off). */
export function inTransitText(t: InTransitRule): string {
  return `loaded before ${t.loadedBefore} and entered before ${t.enteredBefore}${t.heading ? `, ${t.heading}` : ''}`;
}

/** What the rate steps read of the good's price: its column 1 rate paid, and the General rate when a program is claimed. */
export type Paid = Pick<Prepared, 'mfn' | 'mfnSpecific' | 'mfnSource' | 'general' | 'spi'>;

/**
 * Step 3: the rate the measure adds, of its rate kind (or of its in-transit rule's), on the good's column 1 rate
 * (`paid`), or why it cannot be computed. An inclusive rate N% adds max(0, N - column 1 rate); with a special program
 * claimed, N% minus the column 1 General rate where the measure says so (`base: general`: the instruments' "column 1
 * general rate", DOMAIN-2026-12 C7, DOMAIN.md s.7 and open item 10).
 */
export function addedRate(m: CompiledMeasure, kind: CompiledRate, paid: Paid): RateMicro | Refusal {
  const { mfn, general, spi } = paid;
  switch (kind.kind) {
    case 'not-modelled':
      return { field: 'hts', reason: `${m.label} applies (from ${m.from}) and is not modelled: ${kind.reason}` };
    case 'mfn':
      return mfn;
    case 'ad-valorem':
      return kind.pct;
    case 'inclusive':
      if (general !== null && kind.base === 'general') {
        if ('unpriced' in general) {
          return { field: 'spi', reason: `${m.label} subtracts the column 1 General rate, not the ${spi} rate claimed, and ${general.unpriced} and leave spi empty` };
        }
        if (general.specific) {
          return { field: 'spi', reason: `${m.label} is N% minus the column 1 General rate, which for this line has a specific part; with ${spi} claimed that is not computed here: give mfn_rate and no spi` };
        }
        return kind.pct > general.pct ? kind.pct - general.pct : 0n;
      }
      return kind.pct > mfn ? kind.pct - mfn : 0n;
  }
}

/** Step 3 in words (--explain): how the measure's rate kind came to `rate` on the column 1 rate paid. */
export function rateReason(m: CompiledMeasure, kind: CompiledRate, paid: Paid, rate: RateMicro): string {
  const { mfn, mfnSpecific, mfnSource, general, spi } = paid;
  switch (kind.kind) {
    case 'not-modelled':
      return '';
    case 'mfn':
      return mfnSpecific === null ? `MFN ${formatRate(mfn)}% (${mfnSource})` : `MFN ${mfnSpecific.text}, specific part on the row's quantity (${mfnSource})`;
    case 'ad-valorem':
      return `+${formatRate(kind.pct)}% in force ${windowText(m)}`;
    case 'inclusive': {
      const pct = kind.pct;
      if (general !== null && 'pct' in general && kind.base === 'general') {
        return `inclusive ${formatRate(pct)}% minus the column 1 General rate ${formatRate(general.pct)}% (not the ${spi} Special rate claimed): adds ${formatRate(rate)}%`;
      }
      return general !== null
        ? `inclusive ${formatRate(pct)}% minus the column 1 rate paid, the ${spi} Special rate ${mfnSpecific === null ? `${formatRate(mfn)}%: adds ${formatRate(rate)}%` : `(${mfnSpecific.text}), at least 0, per line`}`
        : mfnSpecific !== null
          ? `inclusive ${formatRate(pct)}% of value minus the MFN duty (${mfnSpecific.text}), at least 0, per line`
          : rate === 0n
            ? `inclusive ${formatRate(pct)}% already met by MFN ${formatRate(mfn)}%: adds 0`
            : `inclusive ${formatRate(pct)}% minus MFN ${formatRate(mfn)}%: adds ${formatRate(rate)}%`;
    }
  }
}

/** Step 4: whether the measure charges the non-US share of its base only: the row's US content is at or above its threshold. */
export function chargesNonUsShare(m: CompiledMeasure, usContent: RateMicro | null): boolean {
  return m.usContentThreshold !== null && usContent !== null && usContent >= m.usContentThreshold;
}

/** The reason of an applied measure, with its base, its US-content share and its in-transit rule (--explain). */
export function appliedReason(rateReason: string, a: AppliedMeasure, by: CompiledMeasure | undefined, transit: InTransitRule | undefined): string {
  let reason = rateReason;
  if (a.base === 'metal') reason += ', on the metal value';
  if (a.base === 'remainder') reason += `, on the value minus the metal value (the rest of what ${by!.id} covers)`;
  if (a.nonUsShare) reason += `, on the non-US share (US content at or above ${formatRate(a.measure.usContentThreshold!)}%)`;
  if (transit !== undefined) reason += ` (in transit: ${inTransitText(transit)})`;
  return reason;
}

/**
 * Step 5: the notes of a measure that applies: an UNCONFIRMED US-content rule it used or measure, and what it
 * assumes of a fact the row did not give (a loading-date note only while an in-transit rule can still apply).
 */
export function measureNotes(a: AppliedMeasure, line: LineFacts, notes: string[]): void {
  const m = a.measure;
  if (a.nonUsShare && m.usContentConfidence === 'unconfirmed') notes.push(`the US-content rule for ${m.id} is UNCONFIRMED in the sources`);
  if (m.confidence === 'unconfirmed') notes.push(`${m.id} is UNCONFIRMED in the sources`);
  for (const x of m.assumes) {
    // A yes/no fact (auto_part): no note where the row gives it or where it is the law for the line (given-facts.ts).
    if (readsInput(x)) {
      if (line.autoPart === null && !factIsLaw(x, line.hts) && !notes.includes(x.note)) notes.push(x.note);
      continue;
    }
    const relevant = x.without !== 'loaded' || m.inTransit.some((t) => line.date < t.enteredBefore);
    const missing = x.without === null || (x.without === 'loaded' ? line.loaded === null : x.without === 'us_content' ? line.usContent === null : !line.hasMetal);
    if (missing && relevant) notes.push(x.note);
  }
}

/**
 * Step 5: the notes of the plan: the General rate the inclusive measures subtract when a program is claimed, a metal
 * value or US share given and used by no measure, and an entry date outside the schedule's evidence (for the origin).
 */
export function planNotes(engine: Engine, origin: string, paid: Paid, applied: readonly AppliedMeasure[], line: LineFacts, notes: string[]): void {
  const { general, spi } = paid;
  if (general !== null && 'pct' in general && applied.some((a) => a.measure.rate.kind === 'inclusive' && a.measure.rate.base === 'general')) {
    notes.push(
      `${spi} claimed: the column 1 duty is at the Special rate; the inclusive measures subtract the column 1 General rate ${formatRate(general.pct)}%, ` +
        'as the instruments word it ("column 1 general rate", "MFN tariff": DOMAIN-2026-12 C7; DOMAIN.md open item 10 is otherwise unconfirmed)',
    );
  }
  if (line.hasMetal && !applied.some((a) => a.base !== 'value')) {
    notes.push('metal_value is not used: no measure in force on this date applies to the metal value');
  }
  // A share given but used by no measure that applied (none has a US-content rule, e.g. Section 232 autos): said so.
  if (line.usContent !== null && !applied.some((a) => a.measure.usContentThreshold !== null)) {
    // The row's own figure is not repeated: one plan serves every row whose US content falls in the same class (Resolver).
    notes.push(`us_content is not used: no measure applied on this date charges by US content`);
  }
  // The evidence dates of the row's origin: its part's own, where it gives them (a part per origin or group). The only
  // text of a plan that names its origin: the Resolver keeps these periods' plans per origin, not per class (OriginClass).
  const own = engine.originDates.get(origin);
  const { knownThrough, coversFrom } = own ?? engine;
  const forOrigin = own === undefined ? '' : ` for origin ${origin}`;
  if (line.date > knownThrough) {
    const last = own === undefined ? 'the last date this schedule has evidence for' : `the last date this schedule's evidence${forOrigin} covers`;
    notes.push(`entry date after ${knownThrough}, ${last}: measures announced since then are not in it`);
  }
  if (line.date < coversFrom) {
    notes.push(`entry date before ${coversFrom}, where this schedule's evidence${forOrigin} starts: earlier measures are not modelled`);
  }
}

export function windowText(m: CompiledMeasure): string {
  return m.to === null ? `from ${m.from}` : `${m.from} to ${m.to} (exclusive)`;
}
