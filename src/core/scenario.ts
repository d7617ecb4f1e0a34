/**
 * Scenario overlays: a scenario is data that removes, modifies, adds or ends
 * measures of a base schedule. Applying one is a pure function that returns
 * the changed schedule, or the problems with their JSON paths.
 */
import type { Measure, Scenario, Schedule } from '../schema/schedule.js';
import type { Checked, DataIssue } from '../values/issues.js';

export function applyScenario(schedule: Schedule, scenario: Scenario): Checked<Schedule> {
  const issues: DataIssue[] = [];
  if (scenario.base !== schedule.id) {
    issues.push({
      path: ['base'],
      message: `scenario "${scenario.id}" is written for schedule "${scenario.base}", not "${schedule.id}"`,
    });
    return { ok: false, issues };
  }
  let measures: Measure[] = schedule.measures.map((m) => structuredClone(m));
  const layers = new Set(Object.keys(schedule.layers));
  // MFN always applies (DOMAIN §0): the inclusive rates of EO 14345 and USTR's Section 301 action are max(MFN, N%)
  // in total, defined against the MFN actually charged, so a scenario that took MFN away would make them subtract
  // a duty no longer paid. The MFN measure may be relabelled or re-graded, nothing else.
  const mfnIds = new Set(schedule.measures.filter((m) => m.rate.kind === 'mfn').map((m) => m.id));
  const mfnLayers = new Set(schedule.measures.filter((m) => m.rate.kind === 'mfn').map((m) => m.layer));
  const refuseMfn = (path: (string | number)[], what: string) =>
    issues.push({ path, message: `MFN always applies (DOMAIN §0; HTSUS column 1): a scenario cannot ${what}` });
  const checkDisplaces = (list: string[] | undefined, path: (string | number)[]) =>
    list?.forEach((d, k) => {
      if (mfnIds.has(d) || (d.startsWith('layer:') && mfnLayers.has(d.slice(6)))) refuseMfn([...path, k], `displace the MFN measure ("${d}")`);
    });

  scenario.changes.forEach((change, i) => {
    const at = ['changes', i];
    switch (change.op) {
      case 'remove': {
        if (mfnIds.has(change.measure)) {
          refuseMfn([...at, 'measure'], `remove measure "${change.measure}"`);
          break;
        }
        const idx = measures.findIndex((m) => m.id === change.measure);
        if (idx < 0) issues.push({ path: [...at, 'measure'], message: unknownMeasure(change.measure, measures) });
        else measures.splice(idx, 1);
        break;
      }
      case 'modify': {
        const m = measures.find((x) => x.id === change.measure);
        if (!m) {
          issues.push({ path: [...at, 'measure'], message: unknownMeasure(change.measure, measures) });
          break;
        }
        const s = change.set;
        if (mfnIds.has(m.id)) {
          const touched = (['rate', 'from', 'to', 'scope', 'displaces'] as const).filter((k) => s[k] !== undefined);
          for (const k of touched) refuseMfn([...at, 'set', k], `change the ${k === 'from' || k === 'to' ? 'window' : k} of measure "${m.id}" (only its label and confidence)`);
          if (touched.length > 0) break;
        }
        checkDisplaces(s.displaces, [...at, 'set', 'displaces']);
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
          issues.push({
            path: [...at, 'set'],
            message: `measure "${m.id}" would have an empty window [${m.window.from}, ${m.window.to})`,
          });
        }
        break;
      }
      case 'add': {
        if (change.measure.rate.kind === 'mfn' || mfnLayers.has(change.measure.layer)) {
          refuseMfn([...at, 'measure', 'layer'], `add a measure to the MFN layer ("${change.measure.id}"): the MFN rate comes from the MFN table or mfn_rate`);
          break;
        }
        checkDisplaces(change.measure.displaces, [...at, 'measure', 'displaces']);
        if (measures.some((m) => m.id === change.measure.id)) {
          issues.push({ path: [...at, 'measure', 'id'], message: `measure "${change.measure.id}" already exists; use "modify"` });
        } else {
          measures.push(structuredClone(change.measure));
        }
        break;
      }
      case 'end': {
        change.layers.forEach((layer, j) => {
          if (!layers.has(layer)) {
            issues.push({ path: [...at, 'layers', j], message: `unknown layer "${layer}"; known: ${[...layers].join(', ')}` });
          } else if (mfnLayers.has(layer)) refuseMfn([...at, 'layers', j], `end layer "${layer}"`);
        });
        const ending = new Set(change.layers);
        measures = measures.flatMap((m) => {
          if (!ending.has(m.layer)) return [m];
          if (m.window.from >= change.on) return [];
          if (m.window.to === undefined || m.window.to > change.on) m.window = { ...m.window, to: change.on };
          return [m];
        });
        break;
      }
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  // A measure of the schedule that the scenario removed (`remove`, or an `end` before it starts) is displaced by
  // nothing: another's displacement of it by id is moot, not an error (an origin's deal measure names the general
  // one it replaces; removing the general one leaves the deal). An id the schedule never had stays an error.
  const kept = new Set(measures.map((m) => m.id));
  const gone = new Set(schedule.measures.map((m) => m.id).filter((id) => !kept.has(id)));
  if (gone.size > 0) {
    measures = measures.map((m) => (m.displaces?.some((d) => gone.has(d)) ? { ...m, displaces: m.displaces.filter((d) => !gone.has(d)) } : m));
  }
  return { ok: true, value: { ...schedule, measures } };
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
