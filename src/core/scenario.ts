/**
 * Scenario overlays: a scenario is data that removes, modifies, adds or ends
 * measures of a base schedule. Applying one is a pure function that returns
 * the changed schedule, or the problems with their JSON paths.
 */
import type { Measure, Scenario, Schedule } from '../schema/schedule.js';
import type { Checked, DataIssue } from './issues.js';

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

  scenario.changes.forEach((change, i) => {
    const at = ['changes', i];
    switch (change.op) {
      case 'remove': {
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
        if (s.label !== undefined) m.label = s.label;
        if (s.rate !== undefined) m.rate = s.rate;
        if (s.scope !== undefined) m.scope = s.scope;
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
          }
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
  return { ok: true, value: { ...schedule, measures } };
}

function unknownMeasure(id: string, measures: Measure[]): string {
  return `unknown measure "${id}"; the base schedule has: ${measures.map((m) => m.id).join(', ')}`;
}
