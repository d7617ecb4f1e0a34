/**
 * A schedule in parts: the bundled schedule keeps one file per origin (or group of origins, e.g. the EU's 27 member
 * states) plus one of the measures common to every origin, so that "what does Korea pay" has one obvious place.
 * Merging is pure: the loader reads and validates the files, this joins them into the one schedule the engine
 * compiles, and says where each merged measure came from so that a problem is reported in the file that has it.
 */
import type { DataIssue } from '../values/issues.js';
import type { Measure, Schedule, SchedulePart } from '../schema/schedule.js';

/** Where a merged measure was written: the schedule file itself (`part` null) or a part, at its own index. */
export interface MeasureOrigin {
  part: string | null;
  index: number;
}

export interface PartIssue extends DataIssue {
  /** The part whose file has the problem; null: the schedule file. */
  part: string | null;
}

/** The evidence dates of one origin, when its part gives its own (coversFrom/knownThrough). */
export interface OriginDates {
  coversFrom: string;
  knownThrough: string;
}

export interface Merged {
  schedule: Schedule;
  /** Per origin, the dates of the part about it, where they differ from the schedule's. */
  originDates: Map<string, OriginDates>;
  /** By merged measure index. */
  from: MeasureOrigin[];
  issues: PartIssue[];
}

export function mergeParts(schedule: Schedule, parts: readonly SchedulePart[]): Merged {
  const issues: PartIssue[] = [];
  const known = new Set(schedule.origins);
  const measures: Measure[] = [...schedule.measures];
  const from: MeasureOrigin[] = schedule.measures.map((_, index) => ({ part: null, index }));
  const categories = { ...schedule.categories };
  const categoryFrom = new Map<string, string | null>(Object.keys(categories).map((c) => [c, null]));
  const originDates = new Map<string, OriginDates>();
  for (const part of parts) {
    const dates = { coversFrom: part.coversFrom ?? schedule.coversFrom, knownThrough: part.knownThrough ?? schedule.knownThrough };
    if (dates.coversFrom !== schedule.coversFrom || dates.knownThrough !== schedule.knownThrough) part.origins?.forEach((o) => originDates.set(o, dates));
    const own = part.origins === undefined ? null : new Set(part.origins);
    part.origins?.forEach((o, i) => {
      if (!known.has(o)) issues.push({ part: part.id, path: ['origins', i], message: `origin "${o}" is not among the schedule's origins (${schedule.id}: ${schedule.origins.join(', ')})` });
    });
    for (const [id, category] of Object.entries(part.categories ?? {})) {
      if (categoryFrom.has(id)) {
        const where = categoryFrom.get(id);
        issues.push({ part: part.id, path: ['categories', id], message: `category "${id}" is already defined by ${where === null ? `schedule ${schedule.id}` : `part ${where}`}` });
        continue;
      }
      categories[id] = category;
      categoryFrom.set(id, part.id);
    }
    part.measures.forEach((m, index) => {
      let measure = m;
      if (own !== null) {
        if (m.scope.origins === undefined) measure = { ...m, scope: { ...m.scope, origins: [...own] } };
        else
          m.scope.origins.forEach((o, j) => {
            if (!own.has(o)) issues.push({ part: part.id, path: ['measures', index, 'scope', 'origins', j], message: `origin "${o}" is not one of this part's origins (${[...own].join(', ')})` });
          });
      }
      measures.push(measure);
      from.push({ part: part.id, index });
    });
  }
  if (measures.length === 0) issues.push({ part: null, path: ['measures'], message: 'the schedule and its parts hold no measure' });
  // Measures in the layers' display order (stable: within a layer, the schedule's own, then each part's in turn), so
  // that an explanation reads the same whichever part a measure came from: the common MFN first, then the layers.
  const rank = new Map(Object.keys(schedule.layers).map((id, i) => [id, i]));
  const order = measures.map((_, i) => i).sort((a, b) => (rank.get(measures[a]!.layer) ?? rank.size) - (rank.get(measures[b]!.layer) ?? rank.size) || a - b);
  return { schedule: { ...schedule, categories, measures: order.map((i) => measures[i]!) }, originDates, from: order.map((i) => from[i]!), issues };
}

/** An issue of the merged schedule, located in the file that has it: a merged measure's path becomes its part's. */
export function locateIssue(merged: Merged, issue: DataIssue): PartIssue {
  if (issue.path[0] !== 'measures' || typeof issue.path[1] !== 'number') return { ...issue, part: null };
  const at = merged.from[issue.path[1]];
  if (at === undefined) return { ...issue, part: null };
  return { ...issue, part: at.part, path: ['measures', at.index, ...issue.path.slice(2)] };
}
