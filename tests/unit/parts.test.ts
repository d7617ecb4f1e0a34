import { describe, expect, it } from 'vitest';
import { locateIssue, mergeParts } from '../../src/core/parts.js';
import { SchedulePartSchema, ScheduleSchema } from '../../src/schema/schedule.js';
import { schedule as bundled } from '../helpers.js';

const measure = (id: string, scope: Record<string, unknown> = {}) => ({
  id, label: id, layer: 'reciprocal', authority: 'IEEPA', sources: [{ instrument: 'EO' }], chapter99: [], scope,
  window: { from: '2025-04-05' }, rate: { kind: 'ad-valorem', pct: '10' }, confidence: 'primary',
});
const top = ScheduleSchema.parse({
  id: 's', title: 's', importer: 'US', origins: ['JP', 'KR', 'DE', 'FR'], coversFrom: '2025-01-01', knownThrough: '2026-01-01',
  layers: { reciprocal: { label: 'r' } }, categories: {}, parts: ['eu', 'korea'], measures: [measure('all')],
});
const part = (p: Record<string, unknown>) => SchedulePartSchema.parse({ title: 't', ...p });

describe('a schedule in parts (data/schedules/parts/<id>.json)', () => {
  it("gives each part's measures the part's origins, after the schedule's own measures", () => {
    const m = mergeParts(top, [part({ id: 'eu', origins: ['DE', 'FR'], measures: [measure('eu-15')] }), part({ id: 'korea', origins: ['KR'], measures: [measure('kr-15')] })]);
    expect(m.issues).toEqual([]);
    expect(m.schedule.measures.map((x) => [x.id, x.scope.origins])).toEqual([['all', undefined], ['eu-15', ['DE', 'FR']], ['kr-15', ['KR']]]);
    expect(m.from).toEqual([{ part: null, index: 0 }, { part: 'eu', index: 0 }, { part: 'korea', index: 0 }]);
  });

  it("refuses a measure that reaches beyond its part's origins, and a part origin the schedule does not cover", () => {
    const m = mergeParts(top, [part({ id: 'korea', origins: ['KR', 'CN'], measures: [measure('kr', { origins: ['JP'] })] })]);
    expect(m.issues).toEqual([
      { part: 'korea', path: ['origins', 1], message: expect.stringMatching(/"CN" is not among the schedule's origins/) },
      { part: 'korea', path: ['measures', 0, 'scope', 'origins', 0], message: expect.stringMatching(/"JP" is not one of this part's origins/) },
    ]);
  });

  it('refuses a category defined twice, naming where it was first', () => {
    const cat = { label: 'c', hts: ['87'], defaultMfnPct: null, standsFor: 'x' };
    const m = mergeParts({ ...top, categories: { cars: cat } }, [part({ id: 'eu', categories: { cars: cat }, measures: [measure('x')] })]);
    expect(m.issues).toEqual([{ part: 'eu', path: ['categories', 'cars'], message: 'category "cars" is already defined by schedule s' }]);
  });

  it("orders the merged measures by the layers' display order, each layer's in file order, and keeps where each came from", () => {
    const two = ScheduleSchema.parse({ ...top, layers: { mfn: { label: 'm' }, reciprocal: { label: 'r' } }, measures: [measure('all')] });
    const m = mergeParts(two, [
      part({ id: 'all-origins', measures: [{ ...measure('mfn'), layer: 'mfn' }] }),
      part({ id: 'korea', origins: ['KR'], measures: [measure('kr'), { ...measure('kr-mfn'), layer: 'mfn' }] }),
    ]);
    expect(m.schedule.measures.map((x) => x.id)).toEqual(['mfn', 'kr-mfn', 'all', 'kr']);
    expect(m.from).toEqual([{ part: 'all-origins', index: 0 }, { part: 'korea', index: 1 }, { part: null, index: 0 }, { part: 'korea', index: 0 }]);
    expect(locateIssue(m, { path: ['measures', 1, 'rate'], message: 'x' })).toEqual({ part: 'korea', path: ['measures', 1, 'rate'], message: 'x' });
  });

  it("locates a problem of a merged measure in its part's file, at the part's own index", () => {
    const m = mergeParts(top, [part({ id: 'korea', measures: [measure('a'), measure('b')] })]);
    expect(locateIssue(m, { path: ['measures', 2, 'window'], message: 'x' })).toEqual({ part: 'korea', path: ['measures', 1, 'window'], message: 'x' });
    expect(locateIssue(m, { path: ['measures', 0], message: 'x' })).toEqual({ part: null, path: ['measures', 0], message: 'x' });
    expect(locateIssue(m, { path: ['layers'], message: 'x' })).toEqual({ part: null, path: ['layers'], message: 'x' });
  });

  it("the bundled schedule's Japan part covers JP only, the all-origins part every origin", () => {
    expect(bundled.id).toBe('us');
    const japan = new Set(['ieepa-japan-24', 's232-vehicles-japan-inclusive-15', 'civil-aircraft-japan']);
    expect(bundled.measures.filter((x) => japan.has(x.id)).every((x) => x.scope.origins?.join() === 'JP')).toBe(true);
    // the common measures (DOMAIN-ORIGINS s.15b-15d) name no origin: they cover every origin of the schedule
    for (const id of ['mfn', 's122-10', 's301-forced-labor-12.5', 's232-steel-50', 's232-vehicles-25']) expect(bundled.measures.find((x) => x.id === id)?.scope.origins).toBeUndefined();
    // and a measure that names origins names only origins of the schedule (each part's own)
    expect(bundled.measures.every((x) => x.scope.origins === undefined || x.scope.origins.every((o) => bundled.origins.includes(o)))).toBe(true);
  });
});
