/**
 * Turns a validated schedule (and its MFN table) into the engine's indexed
 * form, checking what a schema cannot: unique ids, references to categories,
 * measures and layers, and displacement cycles.
 */
import type { Citation, Confidence, Fees, MfnTable, Origins, ProductList, Rate, Schedule } from '../schema/schedule.js';
import { compileFees, type FeeRules } from './fees.js';
import { firstLongerUnder, formatHts, PrefixIndex, prefixDigits } from '../values/hts.js';
import type { HtsLines } from './hts-lines.js';
import type { Checked, DataIssue } from '../values/issues.js';
import { pctFromString, type RateMicro } from '../values/money.js';

export type CompiledRate =
  | { kind: 'mfn' }
  | { kind: 'ad-valorem'; pct: RateMicro }
  | { kind: 'inclusive'; pct: RateMicro; base: 'general' | 'applied' }
  | { kind: 'not-modelled'; reason: string };

export interface CompiledMeasure {
  id: string;
  label: string;
  layer: string;
  authority: string;
  sources: Citation[];
  /** One line: instrument, FR citation, document number. */
  citation: string;
  chapter99: string[];
  confidence: Confidence;
  assumes: {
    without: 'loaded' | 'us_content' | 'metal_value' | 'auto_part' | null;
    note: string;
    otherwise: { effect: 'outside'; fact: string; exceptHts: string[]; exceptBasis: string | null; byDefault: { note: string } | null } | null;
  }[];
  /** At or above this US content, the measure applies to the non-US share only. */
  usContentThreshold: RateMicro | null;
  usContentConfidence: Confidence | null;
  /** Applies to the metal value when the row gives one; `remainderPaysDisplaced`: what it displaces applies to the rest. */
  metalContent: { remainderPaysDisplaced: boolean } | null;
  /** In-transit rules, first match wins. */
  inTransit: { loadedBefore: string; enteredBefore: string; rate: CompiledRate | null; heading: string | null }[];
  /** Why duties paid under this measure are refundable, or null when they are not. */
  refundBasis: string | null;
  notes: string | undefined;
  from: string;
  /** Exclusive end date, or null when still in force. */
  to: string | null;
  rate: CompiledRate;
  origins: ReadonlySet<string>;
  /** Applies only to rows found transshipped (scope.transshipped). */
  transshippedOnly: boolean;
  allGoods: boolean;
  /** Scope as written, for display. */
  htsPrefixes: string[];
  /** Product lists (ids) in scope, for display. */
  lists: string[];
  exclusions: string[];
  /** Codes in scope (scope.hts and every code of scope.lists): the value is the list id, or "" for scope.hts. */
  readonly hts: PrefixIndex<string>;
  /** The same codes as digits, sorted: to find the lines under a short code. */
  readonly htsSorted: readonly string[];
  categories: ReadonlySet<string>;
  /** Codes excluded (scope.exclude.hts and .lists), as `hts`. */
  readonly excludeHts: PrefixIndex<string>;
  readonly excludeSorted: readonly string[];
  excludeCategories: ReadonlySet<string>;
  /** Special programs whose claim (the row's spi) takes the row out of scope (scope.exclude.spi). */
  excludeSpi: ReadonlySet<string>;
  /** Applies only to rows claiming one of these special programs (scope.spi); null: whatever the row claims. */
  claimedSpi: ReadonlySet<string> | null;
  displacesIds: ReadonlySet<string>;
  displacesLayers: ReadonlySet<string>;
}

/** What a compiled measure holds apart from its scope indexes (built on first use). */
type MeasureFields = Omit<CompiledMeasure, 'hts' | 'htsSorted' | 'excludeHts' | 'excludeSorted'>;
type BuiltIndex = { idx: PrefixIndex<string>; sorted: string[] };

/**
 * A compiled measure. A class, not an object literal with getters: V8 keeps a literal with accessors (and an object
 * filled by Object.assign with this many fields) in dictionary mode, a hash lookup on every read, and every row reads
 * these fields. Each field is assigned by name so that every measure shares one hidden class (fast properties).
 */
class Measure implements CompiledMeasure {
  readonly id: string;
  readonly label: string;
  readonly layer: string;
  readonly authority: string;
  readonly sources: Citation[];
  readonly citation: string;
  readonly chapter99: string[];
  readonly confidence: Confidence;
  readonly assumes: MeasureFields['assumes'];
  readonly usContentThreshold: RateMicro | null;
  readonly usContentConfidence: Confidence | null;
  readonly metalContent: MeasureFields['metalContent'];
  readonly inTransit: MeasureFields['inTransit'];
  readonly refundBasis: string | null;
  readonly notes: string | undefined;
  readonly from: string;
  readonly to: string | null;
  readonly rate: CompiledRate;
  readonly origins: ReadonlySet<string>;
  readonly transshippedOnly: boolean;
  readonly allGoods: boolean;
  readonly htsPrefixes: string[];
  readonly lists: string[];
  readonly exclusions: string[];
  readonly categories: ReadonlySet<string>;
  readonly excludeCategories: ReadonlySet<string>;
  readonly excludeSpi: ReadonlySet<string>;
  readonly claimedSpi: ReadonlySet<string> | null;
  readonly displacesIds: ReadonlySet<string>;
  readonly displacesLayers: ReadonlySet<string>;
  #included: BuiltIndex | undefined = undefined;
  #excluded: BuiltIndex | undefined = undefined;
  readonly #include: () => BuiltIndex;
  readonly #exclude: () => BuiltIndex;

  constructor(f: MeasureFields, include: () => BuiltIndex, exclude: () => BuiltIndex) {
    this.id = f.id;
    this.label = f.label;
    this.layer = f.layer;
    this.authority = f.authority;
    this.sources = f.sources;
    this.citation = f.citation;
    this.chapter99 = f.chapter99;
    this.confidence = f.confidence;
    this.assumes = f.assumes;
    this.usContentThreshold = f.usContentThreshold;
    this.usContentConfidence = f.usContentConfidence;
    this.metalContent = f.metalContent;
    this.inTransit = f.inTransit;
    this.refundBasis = f.refundBasis;
    this.notes = f.notes;
    this.from = f.from;
    this.to = f.to;
    this.rate = f.rate;
    this.origins = f.origins;
    this.transshippedOnly = f.transshippedOnly;
    this.allGoods = f.allGoods;
    this.htsPrefixes = f.htsPrefixes;
    this.lists = f.lists;
    this.exclusions = f.exclusions;
    this.categories = f.categories;
    this.excludeCategories = f.excludeCategories;
    this.excludeSpi = f.excludeSpi;
    this.claimedSpi = f.claimedSpi;
    this.displacesIds = f.displacesIds;
    this.displacesLayers = f.displacesLayers;
    this.#include = include;
    this.#exclude = exclude;
  }

  get hts(): PrefixIndex<string> {
    return (this.#included ??= this.#include()).idx;
  }
  get htsSorted(): readonly string[] {
    return (this.#included ??= this.#include()).sorted;
  }
  get excludeHts(): PrefixIndex<string> {
    return (this.#excluded ??= this.#exclude()).idx;
  }
  get excludeSorted(): readonly string[] {
    return (this.#excluded ??= this.#exclude()).sorted;
  }
}

export interface CompiledCategory {
  id: string;
  label: string;
  defaultMfn: RateMicro | null;
  standsFor: string;
}

/** A bundled product list as the engine keeps it (its codes are in the measures' indexes). */
export interface CompiledList {
  id: string;
  title: string;
  citation: string;
  chapter99: string[];
  confidence: Confidence;
  asOf: string;
  size: number;
}

export interface MfnLine {
  prefix: string;
  pct: RateMicro;
  /** A specific part: millionths of a cent per unit. */
  specific: { microCents: bigint; unit: string } | null;
  /** The rate as written, e.g. "2.5% + 4.4¢/kg". */
  text: string;
  description: string;
  confidence: Confidence;
  source: string;
}

export interface Engine {
  scheduleId: string;
  title: string;
  scenario: string;
  origins: ReadonlySet<string>;
  /** Special programs a row may claim (spi), by indicator: label and the origins that may claim it (null: any). */
  programs: ReadonlyMap<string, { label: string; origins: ReadonlySet<string> | null; specialRateOptional: string | null }>;
  coversFrom: string;
  knownThrough: string;
  /** How amounts are rounded, as the schedule states it (null: not stated; the engine rounds half up per measure per line). */
  rounding: Schedule['rounding'] | null;
  /** Origins whose part gives its own evidence dates (coversFrom/knownThrough), by origin. */
  originDates: ReadonlyMap<string, { coversFrom: string; knownThrough: string }>;
  /** ISO 3166-1 alpha-2 code -> name (data/origins.json), or null when not given: any two letters are a code. */
  originNames: ReadonlyMap<string, string> | null;
  /** Groups of origins (EU: its member states), by their code. */
  originGroups: ReadonlyMap<string, { label: string; members: readonly string[] }>;
  measures: readonly CompiledMeasure[];
  /** Layers in display order. */
  layers: readonly string[];
  layerLabels: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, CompiledCategory>;
  categoryIndex: PrefixIndex<string>;
  /** Category given to an HTS code that matches no category prefix: the schedule's fallbackCategory (data), or none. */
  fallbackCategory: string | null;
  /** Unit names a row's unit may be written in (folded), and the unit of a specific rate each means: the schedule's `units`. */
  unitAliases: ReadonlyMap<string, string>;
  /** What the refundable duties are, for the output's "refundable (<label>)": the schedule's `refunds.label`, or null. */
  refundLabel: string | null;
  mfn: PrefixIndex<MfnLine>;
  /** MFN table prefixes (digits, sorted), to tell when a short code is ambiguous about its MFN rate. */
  mfnPrefixes: readonly string[];
  /** Category prefixes (digits, sorted): a code shorter than one of these may be ambiguous about its category. */
  categoryPrefixes: readonly string[];
  /** The product lists the measures name, by id. */
  lists: ReadonlyMap<string, CompiledList>;
  /**
   * Codes an amendment put on a list from a date (the entries' `from`), keyed `<list id>|<digits>`: before that date
   * the code is not on the list. Only dated entries are here; most lists have none. A list's entries are added when
   * its codes are first indexed, before any index gives one of them.
   */
  listedFrom: ReadonlyMap<string, string>;
  /**
   * The distinct dates of the lists' dated entries (of listedFrom, once every list is indexed), sorted: a list changes
   * on them, so they bound the resolver's periods.
   */
  listDates: readonly string[];
  mfnTableId: string | null;
  /** Every line of the official schedule, when the MFN table has one: a code that is not a line is refused. */
  mfnLines: HtsLines | null;
  /** The HTS revision that priced the table's lines ("HTS 2026 Rev. 10"), for the output. */
  mfnRevision: string | null;
  /** Customs fees (MPF, HMF), when the schedule names a fees file. */
  fees: FeeRules | null;
  /**
   * When only the parts about these origins were merged (one import given by flags): the engine prices rows of
   * these origins only. Null: the whole schedule.
   */
  partOrigins: ReadonlySet<string> | null;
}

/** Every product list a schedule's measures name, with where: the ids to load before compiling. */
export function listRefs(schedule: Schedule): { id: string; path: (string | number)[] }[] {
  const out: { id: string; path: (string | number)[] }[] = [];
  schedule.measures.forEach((m, i) => {
    m.scope.lists?.forEach((id, j) => out.push({ id, path: ['measures', i, 'scope', 'lists', j] }));
    m.scope.exclude?.lists?.forEach((id, j) => out.push({ id, path: ['measures', i, 'scope', 'exclude', 'lists', j] }));
  });
  return out;
}

/**
 * A product list whose bytes the build checked, parsed only when first needed: when a measure in force on a row's
 * date first looks at its scope, or something shows the list (start-up: a run reads only the lists of the measures
 * in force on its dates). `dates`: the distinct `from` dates of its entries, as the build recorded them (they bound
 * the resolver's periods, so they are known before the list is read).
 */
export interface DeferredList {
  readonly dates: readonly string[];
  /** The list (parsed on the first call, the same object after). */
  list(): ProductList;
  /**
   * The list's codes as the build wrote them from the same bytes (scripts/build-data.js), so that indexing the list
   * does not parse it; null when there are none to trust (then they are made from list()).
   */
  digits?(): ListDigits | null;
}

/** A list's codes as digits, in the list's order, and the `from` of its dated entries by digits. */
export interface ListDigits {
  readonly digits: readonly string[];
  readonly from: ReadonlyMap<string, string>;
}

function isDeferred(l: ProductList | DeferredList): l is DeferredList {
  return typeof (l as DeferredList).list === 'function';
}

/**
 * `lists`: the bundled product lists the measures name (scope.lists, scope.exclude.lists), by id, each given or
 * deferred (read on first use; only when `checked`, else every list is read now for the checks); a measure naming a
 * list not given is an error. `checked`: the same schedule, scenario and lists passed every check at build time
 * (their bytes match the build's stamps), so the costly consistency checks (one measure per layer, displacement
 * cycles, codes listed twice) are not run again at start-up. `mfnLines`: every line of the official schedule, when
 * the MFN table has one (a code that is not a line is then refused).
 */
/** What compileEngine takes beyond the schedule and its tables. */
export interface CompileOptions {
  /** The build compiled these same files (their stamps are current): its consistency checks are not made again. */
  checked?: boolean;
  mfnLines?: HtsLines | null;
  /** data/origins.json: every origin the schedule names must be one of its codes. */
  origins?: Origins | null;
  /** Per-origin evidence dates of the schedule's parts (mergeParts). */
  originDates?: ReadonlyMap<string, { coversFrom: string; knownThrough: string }>;
  /** The schedule holds only the parts about these origins (loadSchedule's `origins`). */
  partOrigins?: ReadonlySet<string> | null;
}

/** The special programs a row may claim (the schedule's `programs`), by indicator. */
function programsOf(schedule: Schedule): Engine['programs'] {
  return new Map(
    Object.entries(schedule.programs ?? {}).map(([p, v]) => [p, { label: v.label, origins: v.origins === undefined ? null : new Set(v.origins), specialRateOptional: v.specialRateOptional?.basis ?? null }]),
  );
}

/** The schedule's fallbackCategory, when it names one, is one of its categories. */
function checkFallbackCategory(schedule: Schedule, categoryIds: ReadonlySet<string>, issues: DataIssue[]): void {
  if (schedule.fallbackCategory !== undefined && !categoryIds.has(schedule.fallbackCategory)) {
    issues.push({ path: ['fallbackCategory'], message: `unknown category "${schedule.fallbackCategory}"; known: ${[...categoryIds].join(', ')}` });
  }
}

export function compileEngine(
  schedule: Schedule,
  mfnTable: MfnTable | null,
  scenarioId: string,
  fees: Fees | null = null,
  lists: ReadonlyMap<string, ProductList | DeferredList> = new Map(),
  { checked = false, mfnLines = null, origins: originCodes = null, originDates = new Map(), partOrigins = null }: CompileOptions = {},
): Checked<Engine> {
  const issues: DataIssue[] = [];
  const compiledLists = compileLists(schedule, lists, checked, issues);
  const categoryIds = new Set(Object.keys(schedule.categories));
  checkFallbackCategory(schedule, categoryIds, issues);
  const layers = Object.keys(schedule.layers);
  const origins = new Set(schedule.origins);
  const originNames = checkOrigins(schedule, originCodes, issues);
  const ids = measureIds(schedule, layers, issues);
  const ctx: ScopeContext = { schedule, ids, layers, origins, categoryIds, index: scopeIndexer(compiledLists) };
  const measures = schedule.measures.map((m, i) => compileMeasure(m, i, ctx, issues));
  if (!checked) checkLayersAndDisplacements(schedule, measures, ids, issues);
  const { categories, categoryIndex } = compileCategories(schedule, issues);
  const mfn = compileMfnEntries(mfnTable, issues);
  const { usedLists, listedFrom, listDates } = compiledLists;

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      scheduleId: schedule.id,
      title: schedule.title,
      scenario: scenarioId,
      origins,
      programs: programsOf(schedule),
      coversFrom: schedule.coversFrom,
      knownThrough: schedule.knownThrough,
      rounding: schedule.rounding ?? null,
      originDates,
      originNames,
      originGroups: new Map(Object.entries(originCodes?.groups ?? {}).map(([g, v]) => [g, { label: v.label, members: v.members }])),
      measures,
      layers,
      layerLabels: new Map(Object.entries(schedule.layers).map(([id, l]) => [id, l.label])),
      categories,
      categoryIndex,
      fallbackCategory: schedule.fallbackCategory ?? null,
      unitAliases: new Map(Object.entries(schedule.units?.aliases ?? {})),
      refundLabel: schedule.refunds?.label ?? null,
      mfn,
      mfnPrefixes: (mfnTable?.entries ?? []).map((e) => prefixDigits(e.hts)).sort(),
      categoryPrefixes: [...new Set(Object.values(schedule.categories).flatMap((c) => c.hts).map(prefixDigits))].sort(),
      lists: usedLists,
      listedFrom,
      listDates,
      mfnTableId: mfnTable?.id ?? null,
      mfnLines,
      mfnRevision: mfnTable?.revision ?? null,
      fees: fees === null ? null : compileFees(fees),
      partOrigins,
    },
  };
}

/** What compileLists gives: the lists the schedule names, the dates of dated entries, and their codes as digits. */
interface CompiledLists {
  usedLists: Map<string, CompiledList>;
  /** Filled as lists are read: every dated entry of a list is in it before an index gives one of its codes. */
  listedFrom: Map<string, string>;
  /** The distinct dates of dated entries of every list, sorted (known before a deferred list is read). */
  listDates: string[];
  /** A list's codes as digits, made when a measure's index first needs them. */
  digitsOf: (id: string) => readonly string[];
}

/** The product lists the schedule names: each once, its dated entries, and (unless checked) no code twice. */
function compileLists(schedule: Schedule, lists: ReadonlyMap<string, ProductList | DeferredList>, checked: boolean, issues: DataIssue[]): CompiledLists {
  const usedLists = new Map<string, CompiledList>();
  const listedFrom = new Map<string, string>();
  const dates = new Set<string>();
  // A list's entries, read (a deferred list) on first use.
  const read = new Map<string, ProductList>();
  const entriesOf = (id: string): ProductList => {
    let list = read.get(id);
    if (list === undefined) {
      const given = lists.get(id)!;
      list = isDeferred(given) ? given.list() : given;
      read.set(id, list);
    }
    return list;
  };
  // A list's codes as digits, made when a measure's index first needs them (start-up: a run indexes only the lists
  // of the measures in force on its rows' dates), or now for the checks. Its dated entries go into listedFrom in the
  // same pass, before any index holds its codes (listedOn reads listedFrom only for codes an index gave).
  const listDigits = new Map<string, readonly string[]>();
  const digitsOf = (id: string): readonly string[] => {
    let digits = listDigits.get(id);
    if (digits === undefined) {
      const given = lists.get(id)!;
      const built = isDeferred(given) ? (given.digits?.() ?? null) : null;
      if (built !== null) {
        for (const [d, from] of built.from) listedFrom.set(`${id}|${d}`, from);
        listDigits.set(id, built.digits);
        return built.digits;
      }
      const entries = entriesOf(id).entries;
      const made = new Array<string>(entries.length);
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const d = (made[i] = prefixDigits(e.hts));
        if (e.from !== undefined) listedFrom.set(`${id}|${d}`, e.from);
      }
      listDigits.set(id, (digits = made));
    }
    return digits;
  };
  for (const { id, path } of listRefs(schedule)) {
    const given = lists.get(id);
    if (given === undefined) {
      issues.push({ path, message: `unknown product list "${id}"; bundled lists are data/lists/<id>.json` });
      continue;
    }
    if (usedLists.has(id)) continue;
    if (!checked || !isDeferred(given)) {
      const list = entriesOf(id);
      if (!checked) {
        const seen = new Set<string>();
        digitsOf(id).forEach((d, j) => {
          if (seen.has(d)) issues.push({ path: [...path, `(list ${id})`, 'entries', j, 'hts'], message: `HTS ${list.entries[j]!.hts} is listed twice in list "${id}"` });
          seen.add(d);
        });
      }
      for (const e of list.entries) if (e.from !== undefined) dates.add(e.from);
    } else {
      for (const d of given.dates) dates.add(d);
    }
    usedLists.set(id, listInfo(id, () => entriesOf(id)));
  }
  return { usedLists, listedFrom, listDates: [...dates].sort(), digitsOf };
}

/**
 * What the engine shows of a list (schedule show, --explain), read from the list on first use: getters of the object
 * itself, so that JSON.stringify, a spread or structuredClone see the fields of a CompiledList, in their order.
 */
function listInfo(id: string, read: () => ProductList): CompiledList {
  let got: ProductList | undefined;
  const l = (): ProductList => (got ??= read());
  return {
    id,
    get title() {
      return l().title;
    },
    get citation() {
      return l().sources.map(formatCitation).join('; ');
    },
    get chapter99() {
      return l().chapter99 ?? [];
    },
    get confidence() {
      return l().confidence;
    },
    get asOf() {
      return l().asOf;
    },
    get size() {
      return l().entries.length;
    },
  };
}

/** Every origin the schedule and its programs name is an ISO code of data/origins.json; the codes' names. */
function checkOrigins(schedule: Schedule, originCodes: Origins | null, issues: DataIssue[]): Map<string, string> | null {
  const originNames = originCodes === null ? null : new Map(Object.entries(originCodes.countries));
  if (originNames !== null) {
    const iso = (o: string, path: (string | number)[]) => {
      if (!originNames.has(o)) issues.push({ path, message: `origin "${o}" is not an ISO 3166-1 alpha-2 country code (data/origins.json)` });
    };
    schedule.origins.forEach((o, i) => iso(o, ['origins', i]));
    for (const [p, v] of Object.entries(schedule.programs ?? {})) v.origins?.forEach((o, i) => iso(o, ['programs', p, 'origins', i]));
  }
  return originNames;
}

/** Each measure's index by id; a duplicate id or an unknown layer is an issue. */
function measureIds(schedule: Schedule, layers: string[], issues: DataIssue[]): Map<string, number> {
  const ids = new Map<string, number>();
  schedule.measures.forEach((m, i) => {
    if (ids.has(m.id)) issues.push({ path: ['measures', i, 'id'], message: `duplicate measure id "${m.id}" (also measures[${ids.get(m.id)}])` });
    else ids.set(m.id, i);
    if (!layers.includes(m.layer)) issues.push({ path: ['measures', i, 'layer'], message: `unknown layer "${m.layer}"; the schedule's layers are: ${layers.join(', ')}` });
  });
  return ids;
}

/** What compiling one measure needs of the schedule. */
interface ScopeContext {
  schedule: Schedule;
  ids: Map<string, number>;
  layers: string[];
  origins: Set<string>;
  categoryIds: Set<string>;
  /** The prefix index of a scope's codes and lists (shared by measures of the same scope, built on first use). */
  index: (hts: string[] | undefined, ids: string[] | undefined) => BuiltIndex;
}

/**
 * Codes of scope.hts (value "") and of the named lists (value: the list id); a code in both keeps the first.
 * Measures with the same scope (one list, several windows or origins) share one index.
 */
function scopeIndexer({ usedLists, listedFrom, digitsOf }: CompiledLists): ScopeContext['index'] {
  const indexes = new Map<string, BuiltIndex>();
  return (hts, ids) => {
    const key = `${hts?.join(',') ?? ''}|${ids?.join(',') ?? ''}`;
    const cached = indexes.get(key);
    if (cached !== undefined) return cached;
    const idx = new PrefixIndex<string>();
    const add = (d: string, from: string) => {
      // A code on two lists keeps the first, unless only the first dates it (`from`): then the undated one holds.
      // (Only the code itself is looked at: `has` first, not a longest-prefix lookup for every code.)
      if (!idx.has(d) || (from !== '' && listedFrom.has(`${idx.lookup(d)!.value}|${d}`) && !listedFrom.has(`${from}|${d}`))) idx.set(d, from);
    };
    const known = ids?.filter((id) => usedLists.has(id)) ?? [];
    if (hts === undefined && known.length === 1) {
      // One list and nothing else: no code to weigh against another's (the checks refuse a code listed twice).
      for (const d of digitsOf(known[0]!)) idx.set(d, known[0]!);
    } else {
      hts?.forEach((p) => add(prefixDigits(p), ''));
      known.forEach((id) => digitsOf(id).forEach((d) => add(d, id)));
    }
    const keys = [...idx.keys()];
    const built = { idx, sorted: isSorted(keys) ? keys : keys.sort() };
    indexes.set(key, built);
    return built;
  };
}

type ScheduleMeasure = Schedule['measures'][number];

/** A measure's references (categories, origins, displaced measures and layers) checked; what it displaces. */
function checkMeasureRefs(m: ScheduleMeasure, at: (string | number)[], ctx: ScopeContext, issues: DataIssue[]): { displacesIds: Set<string>; displacesLayers: Set<string> } {
  const { categoryIds, origins, layers, ids } = ctx;
  const checkCategories = (list: string[] | undefined, path: (string | number)[]) =>
    list?.forEach((c, j) => {
      if (!categoryIds.has(c)) issues.push({ path: [...path, j], message: `unknown category "${c}"; known: ${[...categoryIds].join(', ')}` });
    });
  checkCategories(m.scope.categories, [...at, 'scope', 'categories']);
  checkCategories(m.scope.exclude?.categories, [...at, 'scope', 'exclude', 'categories']);
  m.scope.origins?.forEach((o, j) => {
    if (!origins.has(o)) issues.push({ path: [...at, 'scope', 'origins', j], message: `origin "${o}" is not among the schedule's origins (${[...origins].join(', ')})` });
  });
  const displacesIds = new Set<string>();
  const displacesLayers = new Set<string>();
  m.displaces?.forEach((d, j) => {
    if (d.startsWith('layer:')) {
      const layer = d.slice('layer:'.length);
      if (!layers.includes(layer)) issues.push({ path: [...at, 'displaces', j], message: `unknown layer "${layer}"; known: ${layers.join(', ')}` });
      displacesLayers.add(layer);
    } else {
      if (!ids.has(d)) issues.push({ path: [...at, 'displaces', j], message: `unknown measure "${d}"` });
      if (d === m.id) issues.push({ path: [...at, 'displaces', j], message: 'a measure cannot displace itself' });
      displacesIds.add(d);
    }
  });
  return { displacesIds, displacesLayers };
}

/** One measure of the schedule, compiled; its scope's indexes are built on first use. */
function compileMeasure(m: ScheduleMeasure, i: number, ctx: ScopeContext, issues: DataIssue[]): CompiledMeasure {
  const { displacesIds, displacesLayers } = checkMeasureRefs(m, ['measures', i], ctx, issues);
  const { schedule, index } = ctx;
  const scope = m.scope;
  const rate = compileRate(m.rate);
  return new Measure(
    {
      id: m.id,
      label: m.label,
      layer: m.layer,
      authority: m.authority,
      sources: m.sources,
      citation: m.sources.map(formatCitation).join('; '),
      chapter99: m.chapter99 ?? [],
      confidence: m.confidence,
      assumes: (m.assumes ?? []).map((a) => ({
        without: a.without ?? null,
        note: a.note,
        otherwise:
          a.otherwise === undefined
            ? null
            : {
                effect: a.otherwise.effect,
                fact: a.otherwise.fact,
                exceptHts: (a.otherwise.exceptHts ?? []).map(prefixDigits),
                exceptBasis: a.otherwise.exceptBasis ?? null,
                byDefault: a.otherwise.byDefault ?? null,
              },
      })),
      usContentThreshold: m.usContent === undefined ? null : pctFromString(m.usContent.thresholdPct),
      usContentConfidence: m.usContent?.confidence ?? null,
      metalContent: m.metalContent === undefined ? null : { remainderPaysDisplaced: m.metalContent.remainderPaysDisplaced },
      inTransit: (m.inTransit ?? []).map((t) => ({ loadedBefore: t.loadedBefore, enteredBefore: t.enteredBefore, rate: t.rate === null ? null : compileRate(t.rate), heading: t.heading ?? null })),
      refundBasis: m.refund?.basis ?? null,
      notes: m.notes,
      from: m.window.from,
      to: m.window.to ?? null,
      rate,
      origins: new Set(m.scope.origins ?? schedule.origins),
      transshippedOnly: m.scope.transshipped === true,
      allGoods: m.scope.hts === undefined && m.scope.lists === undefined && m.scope.categories === undefined,
      htsPrefixes: m.scope.hts ?? [],
      lists: m.scope.lists ?? [],
      exclusions: [
        ...(m.scope.exclude?.hts ?? []),
        ...(m.scope.exclude?.lists ?? []).map((id) => `list ${id}`),
        ...(m.scope.exclude?.categories ?? []),
        ...(m.scope.exclude?.spi ?? []).map((p) => `spi ${p} claimed`),
      ],
      categories: new Set(m.scope.categories ?? []),
      excludeCategories: new Set(m.scope.exclude?.categories ?? []),
      excludeSpi: new Set(m.scope.exclude?.spi ?? []),
      claimedSpi: m.scope.spi === undefined ? null : new Set(m.scope.spi),
      displacesIds,
      displacesLayers,
    },
    // Built on first use: a run indexes only the measures in force on its rows' dates (start-up time).
    () => index(scope.hts, scope.lists),
    () => index(scope.exclude?.hts, scope.exclude?.lists),
  );
}

/** One measure per layer for a good and date, and no displacement cycle (the build checks them once). */
function checkLayersAndDisplacements(schedule: Schedule, measures: CompiledMeasure[], ids: Map<string, number>, issues: DataIssue[]): void {
  const categoryPrefixes = new Map(Object.entries(schedule.categories).map(([id, c]) => [id, c.hts.map(prefixDigits)]));
  for (const clash of findLayerOverlaps(measures, (id) => categoryPrefixes.get(id) ?? [])) {
    const [a, b, what] = clash;
    issues.push({
      path: ['measures', ids.get(b.id)!, 'window'],
      message:
        `${b.id} and ${a.id} (both layer ${a.layer}) apply to ${what} on the same entry dates ` +
        `(${a.from > b.from ? a.from : b.from} on); a layer holds one measure per good and date: make the windows meet, or use another layer`,
    });
  }

  const cycle = findDisplacementCycle(measures);
  if (cycle) {
    issues.push({ path: ['measures', ids.get(cycle[0]!)!, 'displaces'], message: `displacement cycle: ${cycle.join(' -> ')}` });
  }

}

/** The categories and the prefix index of their HTS codes; a prefix in two categories is an issue. */
function compileCategories(schedule: Schedule, issues: DataIssue[]): { categories: Map<string, CompiledCategory>; categoryIndex: PrefixIndex<string> } {
  const categories = new Map<string, CompiledCategory>();
  const categoryIndex = new PrefixIndex<string>();
  for (const [id, c] of Object.entries(schedule.categories)) {
    categories.set(id, { id, label: c.label, defaultMfn: c.defaultMfnPct === null ? null : pctFromString(c.defaultMfnPct), standsFor: c.standsFor });
    c.hts.forEach((p, j) => {
      const digits = prefixDigits(p);
      const owner = categoryIndex.lookup(digits);
      if (owner && owner.prefix === digits) {
        issues.push({ path: ['categories', id, 'hts', j], message: `HTS prefix ${p} is already in category "${owner.value}"` });
      }
      categoryIndex.set(digits, id);
    });
  }

  return { categories, categoryIndex };
}

/** The MFN table's entries by prefix; a duplicate is an issue at `entries[i].hts` (the table's, not the schedule's). */
export function compileMfnEntries(mfnTable: MfnTable | null, issues: DataIssue[]): PrefixIndex<MfnLine> {
  const mfn = new PrefixIndex<MfnLine>();
  mfnTable?.entries.forEach((e, i) => {
    const digits = prefixDigits(e.hts);
    if (mfn.has(digits)) issues.push({ path: ['entries', i, 'hts'], message: `duplicate MFN entry for ${e.hts}` });
    const specific = e.specific === undefined ? null : { microCents: microOf(e.specific.cents), unit: e.specific.unit };
    const text = e.text ?? (specific === null ? `${e.pct}%` : `${e.pct === '0' ? '' : `${e.pct}% + `}${e.specific!.cents}¢/${e.specific!.unit}`);
    mfn.set(digits, { prefix: digits, pct: pctFromString(e.pct), specific, text, description: e.description, confidence: e.confidence, source: e.source });
  });
  return mfn;
}

function compileRate(r: Rate): CompiledRate {
  switch (r.kind) {
    case 'mfn':
      return { kind: 'mfn' };
    case 'not-modelled':
      return { kind: 'not-modelled', reason: r.reason };
    case 'inclusive':
      return { kind: 'inclusive', pct: pctFromString(r.pct), base: r.base ?? 'general' };
    default:
      return { kind: r.kind, pct: pctFromString(r.pct) };
  }
}

function isSorted(a: readonly string[]): boolean {
  for (let i = 1; i < a.length; i++) if (a[i - 1]! > a[i]!) return false;
  return true;
}

/** "4.4" -> 4_400_000n (millionths). */
export function microOf(decimal: string): bigint {
  const [int, frac = ''] = decimal.split('.');
  return BigInt(int!) * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6));
}

export function formatCitation(c: Citation): string {
  // A CSMS message is often both the instrument and the document number: say it once.
  return [c.instrument, c.citation, c.document && !c.instrument.includes(c.document) ? c.document : undefined].filter(Boolean).join(', ');
}

/** Pairs of measures of one layer whose windows, origins and goods overlap, with what they share. */
function findLayerOverlaps(measures: CompiledMeasure[], prefixesOf: (category: string) => string[]): [CompiledMeasure, CompiledMeasure, string][] {
  const out: [CompiledMeasure, CompiledMeasure, string][] = [];
  for (let i = 0; i < measures.length; i++) {
    for (let j = i + 1; j < measures.length; j++) {
      const a = measures[i]!;
      const b = measures[j]!;
      if (a.layer !== b.layer) continue;
      // One that displaces the other by id replaces it where both apply (an origin's deal rate over the rate for
      // every origin): said in the data, so not an accidental overlap.
      if (a.displacesIds.has(b.id) || b.displacesIds.has(a.id)) continue;
      const windows = (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);
      if (!windows || ![...a.origins].some((o) => b.origins.has(o))) continue;
      const what = sharedGoods(a, b, prefixesOf);
      if (what !== null) out.push([a, b, what]);
    }
  }
  return out;
}

function sharedGoods(a: CompiledMeasure, b: CompiledMeasure, prefixesOf: (category: string) => string[]): string | null {
  const coversScope = (all: CompiledMeasure, other: CompiledMeasure) =>
    other.htsSorted.length > 0 || [...other.categories].some((c) => !all.excludeCategories.has(c)) || other.allGoods;
  if (a.allGoods && coversScope(a, b)) return b.allGoods ? 'all goods' : 'some of the same goods';
  if (b.allGoods && coversScope(b, a)) return 'some of the same goods';
  const category = [...a.categories].find((c) => b.categories.has(c));
  if (category !== undefined) return `category ${category}`;
  // Codes (of scope.hts or lists) one of which contains the other, unless either measure excludes the shared
  // line: by lookup and binary search, not pair by pair.
  const shared = (line: string) => !a.excludeHts.matches(line) && !b.excludeHts.matches(line);
  for (const p of a.htsSorted) {
    if (b.hts.matches(p) && shared(p)) return `HTS ${formatHts(p)}`;
    const q = firstLongerUnder(b.htsSorted, p, shared);
    if (q !== undefined) return `HTS ${formatHts(q)}`;
  }
  // One scoped by HTS code, the other by category: a code of one inside, or around, a prefix of the other's
  // categories (looked up per category prefix, which are few, not per code).
  for (const [x, y] of [[a, b], [b, a]] as const) {
    for (const c of y.categories) {
      for (const q of prefixesOf(c)) {
        const hit = x.hts.lookup(q)?.prefix ?? firstLongerUnder(x.htsSorted, q, shared);
        if (hit !== undefined && shared(hit.length >= q.length ? hit : q)) return `HTS ${formatHts(hit)} (category ${c})`;
      }
    }
  }
  return null;
}

/** Edges: A -> B when A displaces B (by id or by B's layer). Returns a cycle's ids, or null. */
function findDisplacementCycle(measures: CompiledMeasure[]): string[] | null {
  const edges = new Map<string, string[]>();
  for (const a of measures) {
    edges.set(
      a.id,
      measures.filter((b) => b.id !== a.id && (a.displacesIds.has(b.id) || a.displacesLayers.has(b.layer))).map((b) => b.id),
    );
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const m of measures) {
    if (!state.has(m.id)) {
      const found = visit(m.id);
      if (found) return found;
    }
  }
  return null;
}
