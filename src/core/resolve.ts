/**
 * Which measures apply to a good on an entry date, at what rate, and why the
 * others do not. Resolution depends only on (HTS or category, origin, date,
 * MFN override), never on the value, so it is memoised per distinct key and
 * the per-row work is only the arithmetic in compute.ts.
 */
import { microOf, type CompiledMeasure, type Engine } from './compile.js';
import { nextDay } from './dates.js';
import { firstLongerUnder, formatHts } from './hts.js';
import { priceOfficial, type OfficialPrice } from './hts-lines.js';
import { parseRateText } from './usitc.js';
import { formatRate, pctFromString, type RateMicro } from './money.js';

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
  decisions: Decision[];
  /** Defaults assumed and caveats, to show with the line. */
  notes: string[];
}

export interface Refusal {
  field: 'hts' | 'category' | 'origin' | 'date' | 'mfn_rate' | 'spi';
  reason: string;
}

export type Resolution = { ok: true; plan: Plan } | { ok: false; refusal: Refusal };

export function resolveGood(engine: Engine, good: GoodInput): Resolution {
  if (!engine.origins.has(good.origin)) return { ok: false, refusal: { field: 'origin', reason: uncoveredOrigin(engine, good.origin) } };

  // A code too short to tell which measures apply is refused, never guessed. Only the measures in force for the
  // origin on the date count: a 10-digit list does not make an 8-digit code ambiguous on dates it does not apply.
  // A measure whose scope splits the code does not matter either when a measure in force that covers every line
  // under the code displaces it (an auto part of note 33(g) whose 10-digit lines are split by an aluminum list
  // pays the autos measure, whichever line it is).
  if (good.hts !== null) {
    const hts = good.hts;
    const inForce = measuresOf(engine, good.origin).filter((m) => !(good.date < m.from || (m.to !== null && good.date >= m.to)));
    for (const m of inForce) {
      const finer = finerLineTreatedOtherwise(engine, m, hts);
      const moot = (): boolean =>
        inForce.some(
          (d) =>
            d !== m &&
            (d.displacesIds.has(m.id) || d.displacesLayers.has(m.layer)) &&
            measureCovers(engine, d, hts) &&
            finerLineTreatedOtherwise(engine, d, hts) === undefined,
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

  // A special program claimed (spi): the column 1 Special rate of the line for that program replaces the General
  // rate as the line's column 1 duty. The inclusive formulas keep subtracting the General rate (below).
  const spi = good.spi ?? null;
  let general: { pct: RateMicro; specific: boolean } | null = null;
  if (spi !== null) {
    const claimed = claimSpecial(engine, good, spi, mfn, mfnSpecific, mfnSource);
    if (!claimed.ok) return { ok: false, refusal: { field: 'spi', reason: claimed.reason } };
    general = { pct: mfn, specific: mfnSpecific !== null };
    ({ mfn, mfnSpecific, mfnSource } = claimed);
  }

  const notes: string[] = [];
  if (good.mfn === null && good.hts !== null) {
    const hit = engine.mfn.lookup(good.hts);
    if (hit !== undefined && hit.value.confidence === 'unconfirmed') notes.push(`MFN rate for ${formatHts(hit.prefix)} is UNCONFIRMED`);
  }

  // Measures in force, in scope, for this origin (only the measures of this origin are considered or explained: a
  // mixed-origin schedule does not list every other origin's measures as "does not cover origin").
  const measures = measuresOf(engine, good.origin);
  const candidates: CompiledMeasure[] = [];
  const decisions: Decision[] = [];
  const outcome = new Map<CompiledMeasure, string | null>();
  for (const m of measures) {
    const why = whyNot(m, good, category);
    outcome.set(m, why);
    if (why === null) candidates.push(m);
  }

  // Displacement: a candidate is dropped when another candidate displaces it, unless that one is a metal-content
  // measure whose remainder pays what it displaces and the row gives its metal value: then it applies to the rest.
  const loaded = good.loaded ?? null;
  const usContent = good.usContent ?? null;
  const hasMetal = good.hasMetalValue ?? false;
  const applied: AppliedMeasure[] = [];
  for (const m of measures) {
    const why = outcome.get(m);
    if (why !== null) {
      decisions.push({ measure: m, applied: false, reason: why! });
      continue;
    }
    let base: Base = m.metalContent !== null && hasMetal ? 'metal' : 'value';
    const by = candidates.find((o) => o !== m && (o.displacesIds.has(m.id) || o.displacesLayers.has(m.layer)));
    if (by) {
      if (by.metalContent?.remainderPaysDisplaced && hasMetal) base = 'remainder';
      else {
        decisions.push({ measure: m, applied: false, reason: `displaced by ${by.id} (${by.label})` });
        continue;
      }
    }
    let kind = m.rate;
    let transit = '';
    if (loaded !== null) {
      const t = m.inTransit.find((r) => loaded < r.loadedBefore && good.date < r.enteredBefore);
      if (t) {
        // The rule, not the row's own date: a plan is shared by every row on the same side of each cut-off (Resolver).
        const rule = `loaded before ${t.loadedBefore} and entered before ${t.enteredBefore}${t.heading ? `, ${t.heading}` : ''}`;
        if (t.rate === null) {
          decisions.push({ measure: m, applied: false, reason: `in-transit exemption: ${rule}` });
          continue;
        }
        kind = t.rate;
        transit = ` (in transit: ${rule})`;
      }
    }
    if (kind.kind === 'not-modelled') {
      return { ok: false, refusal: { field: 'hts', reason: `${m.label} applies (from ${m.from}) and is not modelled: ${kind.reason}` } };
    }
    let rate: RateMicro;
    let reason: string;
    switch (kind.kind) {
      case 'mfn':
        rate = mfn;
        reason = mfnSpecific === null ? `MFN ${formatRate(mfn)}% (${mfnSource})` : `MFN ${mfnSpecific.text}, specific part on the row's quantity (${mfnSource})`;
        break;
      case 'ad-valorem':
        rate = kind.pct;
        reason = `+${formatRate(rate)}% in force ${windowText(m)}`;
        break;
      case 'inclusive':
        if (general !== null && kind.base === 'general') {
          // Claimed special rate: N% minus the column 1 General rate (DOMAIN-2026-12 C7, DOMAIN.md s.7 and open item 10).
          if (general.specific) {
            return { ok: false, refusal: { field: 'spi', reason: `${m.label} is N% minus the column 1 General rate, which for this line has a specific part; with ${spi} claimed that is not computed here: give mfn_rate and no spi` } };
          }
          rate = kind.pct > general.pct ? kind.pct - general.pct : 0n;
          reason = `inclusive ${formatRate(kind.pct)}% minus the column 1 General rate ${formatRate(general.pct)}% (not the ${spi} Special rate claimed): adds ${formatRate(rate)}%`;
          break;
        }
        rate = kind.pct > mfn ? kind.pct - mfn : 0n;
        reason =
          general !== null
            ? `inclusive ${formatRate(kind.pct)}% minus the column 1 rate paid, the ${spi} Special rate ${mfnSpecific === null ? `${formatRate(mfn)}%: adds ${formatRate(rate)}%` : `(${mfnSpecific.text}), at least 0, per line`}`
            : mfnSpecific !== null
            ? `inclusive ${formatRate(kind.pct)}% of value minus the MFN duty (${mfnSpecific.text}), at least 0, per line`
            : rate === 0n
              ? `inclusive ${formatRate(kind.pct)}% already met by MFN ${formatRate(mfn)}%: adds 0`
              : `inclusive ${formatRate(kind.pct)}% minus MFN ${formatRate(mfn)}%: adds ${formatRate(rate)}%`;
        break;
    }
    const nonUsShare = m.usContentThreshold !== null && usContent !== null && usContent >= m.usContentThreshold;
    if (base === 'metal') reason += ', on the metal value';
    if (base === 'remainder') reason += `, on the value minus the metal value (the rest of what ${by!.id} covers)`;
    if (nonUsShare) {
      reason += `, on the non-US share (US content at or above ${formatRate(m.usContentThreshold!)}%)`;
      if (m.usContentConfidence === 'unconfirmed') notes.push(`the US-content rule for ${m.id} is UNCONFIRMED in the sources`);
    }
    reason += transit;
    const a: AppliedMeasure = { measure: m, rate, base, nonUsShare };
    if (kind.kind === 'inclusive' && mfnSpecific !== null && (general === null || kind.base === 'applied')) a.inclusiveOf = kind.pct;
    applied.push(a);
    decisions.push({ measure: m, applied: true, reason });
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
  // The evidence dates of the row's origin: its part's own, where it gives them (a part per origin or group).
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
  return { ok: true, plan: { category, mfn, mfnSpecific, mfnSource, applied, decisions, notes } };
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
): { ok: true; mfn: RateMicro; mfnSpecific: Plan['mfnSpecific']; mfnSource: string } | { ok: false; reason: string } {
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
    return { ok: false, reason: `${formatHts(code8)} does not list ${spi} in its Special column (${revision}: ${details.special === '' ? 'empty' : `"${details.special}"`}): no ${spi} rate; leave spi empty for the General rate` };
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
function finerLineTreatedOtherwise(engine: Engine, m: CompiledMeasure, code: string): string | undefined {
  if (m.allGoods && m.excludeSorted.length === 0 && m.excludeCategories.size === 0) return undefined;
  const covers = (hts: string) => measureCovers(engine, m, hts);
  const own = covers(code);
  const differs = (p: string) => covers(p) !== own;
  return (
    firstLongerUnder(m.htsSorted, code, differs) ??
    firstLongerUnder(m.excludeSorted, code, differs) ??
    (m.categories.size > 0 || m.excludeCategories.size > 0 ? firstLongerUnder(engine.categoryPrefixes, code, differs) : undefined)
  );
}

/** Whether the measure's scope covers the code (by HTS prefix or by the code's category), exclusions applied. */
function measureCovers(engine: Engine, m: CompiledMeasure, hts: string): boolean {
  const c = engine.categoryIndex.lookup(hts)?.value ?? engine.fallbackCategory;
  if (m.excludeHts.matches(hts) || (c !== null && m.excludeCategories.has(c))) return false;
  return m.allGoods || m.hts.matches(hts) || (c !== null && m.categories.has(c));
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

function whyNot(m: CompiledMeasure, good: GoodInput, category: string): string | null {
  if (good.date < m.from) return `not yet in force (from ${m.from})`;
  if (m.to !== null && good.date >= m.to) return `no longer in force (ended for entries from ${m.to})`;
  if (!m.origins.has(good.origin)) return `does not cover origin ${good.origin}`;
  if (good.spi != null && m.excludeSpi.has(good.spi)) return `not owed on goods claiming special program ${good.spi}`;
  if (m.transshippedOnly && good.transshipped !== true) return 'applies only to goods found transshipped to evade duties (transshipped = yes)';
  if (good.hts !== null) {
    const ex = m.excludeHts.lookup(good.hts);
    if (ex) return `HTS ${formatHts(good.hts)} is excluded (${formatHts(ex.prefix)}${ex.value === '' ? '' : `, list ${ex.value}`})`;
  }
  if (m.excludeCategories.has(category)) return `category ${category} is excluded`;
  if (m.allGoods) return null;
  if (good.hts !== null && m.hts.matches(good.hts)) return null;
  if (m.categories.has(category)) return null;
  return good.hts !== null
    ? `HTS ${formatHts(good.hts)} (category ${category}) is not in its scope`
    : `category ${category} is not in its scope`;
}

function windowText(m: CompiledMeasure): string {
  return m.to === null ? `from ${m.from}` : `${m.from} to ${m.to} (exclusive)`;
}

/**
 * Memoises resolution per distinct good and period. A period is a span of
 * entry dates between two consecutive window boundaries of the schedule (or
 * coversFrom), so every date of a period resolves the same way; plans and
 * their reasons never mention the date itself. Bounded, so a file of all
 * distinct goods cannot grow it without limit.
 *
 * The loading date and the US content are keyed the same way, by what the law
 * asks of them: which in-transit cut-offs (loadedBefore) the loading date is
 * before, and which US-content thresholds the share reaches. Keyed by their
 * values, a file with those columns resolved nearly every row afresh and
 * churned the cache: 9x slower at 7x the memory (QA-2026-12 #8).
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

  constructor(
    readonly engine: Engine,
    private readonly maxEntries = 20_000,
  ) {
    const b = new Set<string>([engine.coversFrom, nextDay(engine.knownThrough)]);
    for (const d of engine.originDates.values()) b.add(d.coversFrom).add(nextDay(d.knownThrough));
    for (const m of engine.measures) {
      b.add(m.from);
      if (m.to !== null) b.add(m.to);
      for (const t of m.inTransit) b.add(t.enteredBefore);
    }
    this.#boundaries = [...b].sort();
    const cuts = new Set<string>();
    const thresholds = new Set<bigint>();
    for (const m of engine.measures) {
      for (const t of m.inTransit) cuts.add(t.loadedBefore);
      if (m.usContentThreshold !== null) thresholds.add(m.usContentThreshold);
    }
    this.#loadedCuts = [...cuts].sort();
    this.#usThresholds = [...thresholds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  }

  /**
   * 0 without a loading date, else 1 + how many in-transit cut-offs are on or before it (a rule applies when
   * loaded < loadedBefore, so dates between two cut-offs resolve alike). With `cuts`, only those cut-offs count.
   */
  #loadedSlot(loaded: string | null | undefined, cuts: readonly string[] = this.#loadedCuts): number {
    if (loaded === null || loaded === undefined) return 0;
    let n = 0;
    while (n < cuts.length && cuts[n]! <= loaded) n++;
    return n + 1;
  }

  /** 0 without US content, else 1 + how many US-content thresholds the share reaches (the rule: usContent >= it). */
  #usSlot(usContent: bigint | null | undefined, thresholds: readonly bigint[] = this.#usThresholds): number {
    if (usContent === null || usContent === undefined) return 0;
    let n = 0;
    while (n < thresholds.length && thresholds[n]! <= usContent) n++;
    return n + 1;
  }

  /**
   * The in-transit cut-offs and US-content thresholds that can change a plan in period `p`: those of measures in
   * force in it, and of in-transit rules whose entry deadline is after it (both are period boundaries, so this is
   * the same for every date of the period). A loading date or US share in a period where none counts resolves like
   * any other, so rows of a file with these columns share plans as plain rows do (QA #8: a key on every cut-off of
   * the schedule made too many slots for the memo, which was then cleared over and over).
   */
  readonly #relevant: ({ cuts: string[]; thresholds: bigint[] } | undefined)[] = [];
  #relevantIn(p: number): { cuts: string[]; thresholds: bigint[] } {
    let r = this.#relevant[p];
    if (r === undefined) {
      if (p === 0) r = { cuts: this.#loadedCuts, thresholds: this.#usThresholds };
      else {
        const start = this.#boundaries[p - 1]!;
        const inForce = this.engine.measures.filter((m) => m.from <= start && (m.to === null || start < m.to));
        const cuts = new Set<string>();
        const thresholds = new Set<bigint>();
        for (const m of inForce) {
          for (const t of m.inTransit) if (start < t.enteredBefore) cuts.add(t.loadedBefore);
          if (m.usContentThreshold !== null) thresholds.add(m.usContentThreshold);
        }
        r = { cuts: [...cuts].sort(), thresholds: [...thresholds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) };
      }
      this.#relevant[p] = r;
    }
    return r;
  }

  /** Index of the period a date falls in: how many boundaries are on or before it. */
  period(date: string): number {
    let p = this.#periodOfDate.get(date);
    if (p === undefined) {
      p = 0;
      while (p < this.#boundaries.length && this.#boundaries[p]! <= date) p++;
      if (this.#periodOfDate.size < 10_000) this.#periodOfDate.set(date, p);
    }
    return p;
  }

  /**
   * The common row (no mfn_rate, loaded, us_content or metal_value of its own) is looked up without building a
   * key: by HTS code (or category, which an HTS code makes irrelevant), then origin, then period.
   */
  readonly #simple = new Map<string, Map<string, (Resolution | undefined)[]>>();
  /** The same for rows with loaded or us_content (and no mfn_rate or metal_value), by period and class. */
  readonly #classed = new Map<string, Map<string, (Resolution | undefined)[]>>();
  #simpleCount = 0;

  resolve(good: GoodInput): Resolution {
    if (good.mfn === null && good.hasMetalValue !== true && (good.spi ?? null) === null && good.transshipped !== true) {
      const k1 = good.hts ?? `category:${good.category ?? ''}`; // a normalised HTS code is digits only
      const loaded = good.loaded ?? null;
      const usContent = good.usContent ?? null;
      const plain = loaded === null && usContent === null;
      const table = plain ? this.#simple : this.#classed;
      let byOrigin = table.get(k1);
      if (byOrigin === undefined) table.set(k1, (byOrigin = new Map()));
      let bySlot = byOrigin.get(good.origin);
      if (bySlot === undefined) byOrigin.set(good.origin, (bySlot = []));
      // The period; with loaded or us_content, the slot of (period, loading-date class, US-content class).
      let slot = this.period(good.date);
      if (!plain) {
        const { cuts, thresholds } = this.#relevantIn(slot);
        // A loading date where no cut-off counts is as good as none; a US share where no threshold counts still
        // differs from none (the line says it is not used).
        const l = cuts.length === 0 ? 0 : this.#loadedSlot(loaded, cuts);
        const u = thresholds.length === 0 ? (usContent === null ? 0 : 1) : this.#usSlot(usContent, thresholds);
        slot = (slot * (this.#loadedCuts.length + 2) + l) * (this.#usThresholds.length + 2) + u;
      }
      let r = bySlot[slot];
      if (r === undefined) {
        r = resolveGood(this.engine, good);
        this.resolved++;
        if (++this.#simpleCount > this.maxEntries) {
          this.#simple.clear();
          this.#classed.clear();
          this.#simpleCount = 0;
        } else bySlot[slot] = r;
      }
      return r;
    }
    const key = `${good.hts ?? ''}|${good.category ?? ''}|${good.origin}|${this.period(good.date)}|${good.mfn ?? ''}|${this.#loadedSlot(good.loaded)}|${this.#usSlot(good.usContent)}|${good.hasMetalValue ? 1 : 0}|${good.spi ?? ''}|${good.transshipped === true ? 1 : 0}`;
    let r = this.#cache.get(key);
    if (r === undefined) {
      r = resolveGood(this.engine, good);
      this.resolved++;
      if (this.#cache.size >= this.maxEntries) this.#cache.clear();
      this.#cache.set(key, r);
    }
    return r;
  }
}
