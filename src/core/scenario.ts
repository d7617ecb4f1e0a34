/**
 * Scenario overlays: a scenario is data that removes, modifies, adds or ends
 * measures of a base schedule. Applying one is a pure function that returns
 * the changed schedule, or the problems with their JSON paths.
 */
import type { Measure, Scenario, Schedule } from '../schema/schedule.js';
import type { Checked, DataIssue } from '../values/issues.js';

export function applyScenario(schedule: Schedule, scenario: Scenario): Checked<Schedule> {
  if (scenario.base !== schedule.id) {
    return { ok: false, issues: [{ path: ['base'], message: `scenario "${scenario.id}" is written for schedule "${scenario.base}", not "${schedule.id}"` }] };
  }
  const ctx = overlayOf(schedule);
  scenario.changes.forEach((change, i) => {
    const at = ['changes', i];
    switch (change.op) {
      case 'remove':
        return removeMeasure(ctx, change.measure, at);
      case 'modify':
        return modifyMeasure(ctx, change.measure, change.set, at);
      case 'add':
        return addMeasure(ctx, change.measure, at);
      case 'end':
        return endLayers(ctx, change.layers, change.on, at);
    }
  });
  if (ctx.issues.length > 0) return { ok: false, issues: ctx.issues };
  return { ok: true, value: { ...schedule, measures: withoutMootDisplacements(schedule, ctx.measures) } };
}

type Change = Scenario['changes'][number];
type Path = (string | number)[];

/** A schedule's measures as the changes of a scenario are applied to them, with the problems found. */
interface Overlay {
  measures: Measure[];
  readonly issues: DataIssue[];
  readonly layers: ReadonlySet<string>;
  /** The MFN measure(s) and their layer: MFN always applies. */
  readonly mfnIds: ReadonlySet<string>;
  readonly mfnLayers: ReadonlySet<string>;
}

function overlayOf(schedule: Schedule): Overlay {
  const mfn = schedule.measures.filter((m) => m.rate.kind === 'mfn');
  return {
    measures: schedule.measures.map((m) => structuredClone(m)),
    issues: [],
    layers: new Set(Object.keys(schedule.layers)),
    mfnIds: new Set(mfn.map((m) => m.id)),
    mfnLayers: new Set(mfn.map((m) => m.layer)),
  };
}

/**
 * MFN always applies (DOMAIN §0): the inclusive rates of EO 14345 and USTR's Section 301 action are max(MFN, N%)
 * in total, defined against the MFN actually charged, so a scenario that took MFN away would make them subtract
 * a duty no longer paid. The MFN measure may be relabelled or re-graded, nothing else.
 */
function refuseMfn(ctx: Overlay, path: Path, what: string): void {
  ctx.issues.push({ path, message: `MFN always applies (DOMAIN §0; HTSUS column 1): a scenario cannot ${what}` });
}

/** A displacement of the MFN measure (by id or by its layer) is refused. */
function checkDisplaces(ctx: Overlay, list: string[] | undefined, path: Path): void {
  list?.forEach((d, k) => {
    if (ctx.mfnIds.has(d) || (d.startsWith('layer:') && ctx.mfnLayers.has(d.slice(6)))) refuseMfn(ctx, [...path, k], `displace the MFN measure ("${d}")`);
  });
}

/** `remove`: the measure leaves the schedule. */
function removeMeasure(ctx: Overlay, id: string, at: Path): void {
  if (ctx.mfnIds.has(id)) return refuseMfn(ctx, [...at, 'measure'], `remove measure "${id}"`);
  const idx = ctx.measures.findIndex((m) => m.id === id);
  if (idx < 0) ctx.issues.push({ path: [...at, 'measure'], message: unknownMeasure(id, ctx.measures) });
  else ctx.measures.splice(idx, 1);
}

/** `modify`: the fields given replace the measure's (its window's ends one by one; `to: null` opens it). */
function modifyMeasure(ctx: Overlay, id: string, s: Extract<Change, { op: 'modify' }>['set'], at: Path): void {
  const m = ctx.measures.find((x) => x.id === id);
  if (!m) {
    ctx.issues.push({ path: [...at, 'measure'], message: unknownMeasure(id, ctx.measures) });
    return;
  }
  if (ctx.mfnIds.has(m.id)) {
    const touched = (['rate', 'from', 'to', 'scope', 'displaces'] as const).filter((k) => s[k] !== undefined);
    for (const k of touched) refuseMfn(ctx, [...at, 'set', k], `change the ${k === 'from' || k === 'to' ? 'window' : k} of measure "${m.id}" (only its label and confidence)`);
    if (touched.length > 0) return;
  }
  checkDisplaces(ctx, s.displaces, [...at, 'set', 'displaces']);
  if (s.label !== undefined) m.label = s.label;
  if (s.rate !== undefined) m.rate = s.rate;
  // A new scope keeps the measure's origins unless it names its own: narrowing the goods of Japan's measure must not
  // widen it to every origin of the schedule.
  if (s.scope !== undefined) m.scope = s.scope.origins === undefined && m.scope.origins !== undefined ? { ...s.scope, origins: m.scope.origins } : s.scope;
  if (s.displaces !== undefined) m.displaces = s.displaces;
  if (s.confidence !== undefined) m.confidence = s.confidence;
  if (s.from !== undefined) m.window = { ...m.window, from: s.from };
  if (s.to === null) m.window = { from: m.window.from };
  else if (s.to !== undefined) m.window = { ...m.window, to: s.to };
  if (m.window.to !== undefined && m.window.to <= m.window.from) {
    ctx.issues.push({ path: [...at, 'set'], message: `measure "${m.id}" would have an empty window [${m.window.from}, ${m.window.to})` });
  }
}

/** `add`: a new measure, never in the MFN layer (the MFN rate comes from the MFN table or mfn_rate). */
function addMeasure(ctx: Overlay, measure: Measure, at: Path): void {
  if (measure.rate.kind === 'mfn' || ctx.mfnLayers.has(measure.layer)) {
    return refuseMfn(ctx, [...at, 'measure', 'layer'], `add a measure to the MFN layer ("${measure.id}"): the MFN rate comes from the MFN table or mfn_rate`);
  }
  checkDisplaces(ctx, measure.displaces, [...at, 'measure', 'displaces']);
  if (ctx.measures.some((m) => m.id === measure.id)) ctx.issues.push({ path: [...at, 'measure', 'id'], message: `measure "${measure.id}" already exists; use "modify"` });
  else ctx.measures.push(structuredClone(measure));
}

/** `end`: every measure of the layers ends for entries from `on`; one that would start on or after it is dropped. */
function endLayers(ctx: Overlay, layers: string[], on: string, at: Path): void {
  layers.forEach((layer, j) => {
    if (!ctx.layers.has(layer)) ctx.issues.push({ path: [...at, 'layers', j], message: `unknown layer "${layer}"; known: ${[...ctx.layers].join(', ')}` });
    else if (ctx.mfnLayers.has(layer)) refuseMfn(ctx, [...at, 'layers', j], `end layer "${layer}"`);
  });
  const ending = new Set(layers);
  ctx.measures = ctx.measures.flatMap((m) => {
    if (!ending.has(m.layer)) return [m];
    if (m.window.from >= on) return [];
    if (m.window.to === undefined || m.window.to > on) m.window = { ...m.window, to: on };
    return [m];
  });
}

/**
 * A measure of the schedule that the scenario removed (`remove`, or an `end` before it starts) is displaced by
 * nothing: another's displacement of it by id is moot, not an error (an origin's deal measure names the general
 * one it replaces; removing the general one leaves the deal). An id the schedule never had stays an error.
 */
function withoutMootDisplacements(schedule: Schedule, measures: Measure[]): Measure[] {
  const kept = new Set(measures.map((m) => m.id));
  const gone = new Set(schedule.measures.map((m) => m.id).filter((id) => !kept.has(id)));
  if (gone.size === 0) return measures;
  return measures.map((m) => (m.displaces?.some((d) => gone.has(d)) ? { ...m, displaces: m.displaces.filter((d) => !gone.has(d)) } : m));
}

function unknownMeasure(id: string, measures: Measure[]): string {
  return `unknown measure "${id}"; the base schedule has: ${measures.map((m) => m.id).join(', ')}`;
}

/**
 * Locates problems found in the schedule a scenario produced (compileEngine's paths, `measures[4].window`) in the
 * scenario file, at the change that made them: a modified field (`changes[0].set.to`), an added measure
 * (`changes[1].measure.displaces[0]`), or an `end` (`changes[2].on`). A problem of a measure the scenario did not
 * touch is put at the change of another measure its message names (an overlap names both); failing that, it keeps
 * its place in the changed schedule, said so in the message.
 */
export function traceToScenario(scenario: Scenario, merged: Schedule, issues: DataIssue[]): DataIssue[] {
  const layerOf = new Map(merged.measures.map((m) => [m.id, m.layer]));
  /** The last change that touched each measure id. */
  const touched = new Map<string, number>();
  scenario.changes.forEach((c, i) => {
    if (c.op === 'modify') touched.set(c.measure, i);
    else if (c.op === 'add') touched.set(c.measure.id, i);
    else if (c.op === 'end') for (const [id, layer] of layerOf) if (c.layers.includes(layer)) touched.set(id, i);
  });
  const at = (i: number, rest: (string | number)[]): (string | number)[] => {
    const c = scenario.changes[i]!;
    if (c.op === 'add') return ['changes', i, 'measure', ...rest];
    if (c.op === 'end') return ['changes', i, 'on'];
    if (c.op !== 'modify') return ['changes', i];
    const field = rest[0];
    if (field === 'window') {
      if (c.set.to !== undefined) return ['changes', i, 'set', 'to'];
      if (c.set.from !== undefined) return ['changes', i, 'set', 'from'];
      return ['changes', i, 'set'];
    }
    if (typeof field === 'string' && field in c.set) return ['changes', i, 'set', ...rest];
    return ['changes', i, 'set'];
  };
  return issues.map((issue) => {
    const [head, k, ...rest] = issue.path;
    if (head !== 'measures' || typeof k !== 'number') return issue;
    const id = merged.measures[k]?.id;
    if (id === undefined) return issue;
    const own = touched.get(id);
    if (own !== undefined) return { path: at(own, rest), message: issue.message };
    const words = new Set(issue.message.split(/[\s,;:()"]+/));
    const named = [...touched.keys()].find((other) => words.has(other));
    if (named !== undefined) return { path: at(touched.get(named)!, rest), message: issue.message };
    return { path: [], message: `in the schedule as this scenario changes it, measures[${k}] (${id}): ${issue.message}` };
  });
}
