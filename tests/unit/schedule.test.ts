/** Schedule and scenario files: zod shape errors with JSON paths, and the semantic checks of compileEngine. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { formatPath } from '../../src/values/issues.js';
import { computeLineDuty } from '../../src/core/compute.js';
import { formatCents } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import { applyScenario } from '../../src/core/scenario.js';
import { jsonSchemas } from '../../src/schema/json-schema.js';
import { ScenarioSchema, ScheduleSchema, type Schedule } from '../../src/schema/schedule.js';
import { lists, mfnLines, mfnTable, ROOT, schedule } from '../helpers.js';

function zodIssues(data: unknown): string[] {
  const r = ScheduleSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path as (string | number)[])}: ${i.message}`);
}

const clone = (): Schedule => structuredClone(schedule);

describe('the bundled data', () => {
  it('validates and compiles', () => {
    expect(compileEngine(schedule, mfnTable, 'as-enacted', null, lists).ok).toBe(true);
  });

  it('every measure carries a source and a window, and every rate lives in data', () => {
    for (const m of schedule.measures) {
      expect(m.sources.length, m.id).toBeGreaterThan(0);
      expect(m.window.from, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (m.layer !== 'mfn') expect(m.sources.some((s) => s.citation || s.document), m.id).toBe(true);
    }
  });

  it('ships JSON Schemas that match the zod schemas', () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      const shipped = JSON.parse(readFileSync(resolve(ROOT, 'data/schema', file), 'utf8'));
      expect(shipped, `${file} is stale: run npm run build`).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
});

describe('schedule shape errors name the JSON path', () => {
  it.each([
    ['unknown field', (s: Record<string, unknown>) => ((s.measures as Record<string, unknown>[])[2]!.colour = 'red'), /^measures\[2\]: Unrecognized key: "colour"/],
    ['wrong type', (s: Record<string, unknown>) => ((s.measures as Record<string, unknown>[])[1]!.window = { from: 20250405 }), /^measures\[1\]\.window\.from: /],
    ['impossible date', (s: Record<string, unknown>) => (s.knownThrough = '2026-02-30'), /^knownThrough: expected a calendar date/],
    ['rate with an exponent', (s: Record<string, unknown>) => (((s.measures as Record<string, unknown>[])[1]!.rate as Record<string, string>).pct = '1e1'), /^measures\[1\]\.rate\.pct: expected a percentage/],
    ['rate out of range', (s: Record<string, unknown>) => (((s.measures as Record<string, unknown>[])[1]!.rate as Record<string, string>).pct = '5000'), /^measures\[1\]\.rate\.pct: percentage above 1000/],
    ['empty window', (s: Record<string, unknown>) => ((s.measures as Record<string, unknown>[])[1]!.window = { from: '2025-05-01', to: '2025-05-01' }), /^measures\[1\]\.window: window\.to must be after window\.from/],
    ['unknown rate kind', (s: Record<string, unknown>) => ((s.measures as Record<string, unknown>[])[1]!.rate = { kind: 'specific', pct: '1' }), /^measures\[1\]\.rate\.kind: /],
  ])('%s', (_name, mutate, message) => {
    const data = JSON.parse(JSON.stringify(schedule)) as Record<string, unknown>;
    mutate(data);
    expect(zodIssues(data).join('\n')).toMatch(message);
  });
});

describe('semantic checks', () => {
  const issuesOf = (s: Schedule) => {
    const r = compileEngine(s, mfnTable, 'test', null, lists);
    return r.ok ? [] : r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  };

  it('rejects unknown categories, layers, measures, duplicate ids and origins outside the schedule', () => {
    const s = clone();
    s.measures[1]!.scope = { categories: ['toys'] };
    s.measures[2]!.displaces = ['nope', 'layer:tea'];
    s.measures[3]!.id = s.measures[4]!.id;
    s.measures[5]!.layer = 'bogus';
    s.measures[6]!.scope = { origins: ['AU'] };
    expect(issuesOf(s)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^measures\[1\]\.scope\.categories\[0\]: unknown category "toys"/),
        expect.stringMatching(/^measures\[2\]\.displaces\[0\]: unknown measure "nope"/),
        expect.stringMatching(/^measures\[2\]\.displaces\[1\]: unknown layer "tea"/),
        expect.stringMatching(/^measures\[4\]\.id: duplicate measure id/),
        expect.stringMatching(/^measures\[5\]\.layer: unknown layer "bogus"/),
        expect.stringMatching(/^measures\[6\]\.scope\.origins\[0\]: origin "AU" is not among/),
      ]),
    );
  });

  it('rejects a displacement cycle', () => {
    const s = clone();
    const vehicles = s.measures.find((m) => m.id === 's232-vehicles-25')!;
    const steel = s.measures.find((m) => m.id === 's232-steel-50')!;
    steel.displaces = [...(steel.displaces ?? []), 'layer:section-232-autos'];
    expect(vehicles.displaces).toContain('layer:section-232-metals');
    expect(issuesOf(s).join('\n')).toMatch(/displacement cycle: .*s232-vehicles-25.*s232-steel-50|displacement cycle: .*s232-steel-50.*s232-vehicles/);
  });

  it('displacement: a measure is dropped when another applicable one displaces it (autos over metals)', () => {
    const s = clone();
    // Put vehicles in the steel measure's scope too: the autos measure must displace it.
    s.measures.find((m) => m.id === 's232-steel-50')!.scope = { categories: ['steel', 'vehicles'] };
    const e = compileEngine(s, mfnTable, 'test', null, lists, { mfnLines });
    if (!e.ok) throw new Error('compile');
    const r = resolveGood(e.value, { hts: '87032301', category: null, origin: 'JP', date: '2025-07-01', mfn: null });
    if (!r.ok) throw new Error('resolve');
    expect(r.plan.applied.map((a) => a.measure.id)).toEqual(['mfn', 's232-vehicles-25']);
    expect(r.plan.decisions.find((d) => d.measure.id === 's232-steel-50')).toMatchObject({ applied: false, reason: expect.stringMatching(/displaced by s232-vehicles-25/) });
    expect(formatCents(computeLineDuty(r.plan, 100000n).duty)).toBe('275.00');
  });
});

describe('scenario overlays', () => {
  const scenario = (changes: unknown[]) => ScenarioSchema.parse({ id: 'x', title: 'x', base: 'us', description: 'x', changes });

  it('an unknown measure or layer is an error with its path, not a no-op', () => {
    const r = applyScenario(schedule, scenario([{ op: 'remove', measure: 'nope' }, { op: 'end', layers: ['tea'], on: '2025-01-01' }]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([
        expect.stringMatching(/^changes\[0\]\.measure: unknown measure "nope"/),
        expect.stringMatching(/^changes\[1\]\.layers\[0\]: unknown layer "tea"/),
      ]);
    }
  });

  it("removing a measure that an origin's deal measure displaces by id leaves the deal measure, displacing nothing it names", () => {
    // s232-parts-japan-inclusive-15 (EO 14345 s.4) replaces s232-parts-25 for Japan by id; a user who removes the
    // general measure (e.g. "this line is not an auto part", README --range) must not get an "unknown measure" error.
    const r = applyScenario(schedule, scenario([{ op: 'remove', measure: 's232-parts-25' }]));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.measures.some((m) => m.id === 's232-parts-25')).toBe(false);
      expect(r.value.measures.find((m) => m.id === 's232-parts-japan-inclusive-15')?.displaces ?? []).not.toContain('s232-parts-25');
    }
  });

  it('modify changes a rate and a window; add refuses a duplicate id; a scenario for another schedule is refused', () => {
    const ok = applyScenario(schedule, scenario([{ op: 'modify', measure: 's122-10', set: { rate: { kind: 'ad-valorem', pct: '15' }, to: null } }]));
    expect(ok.ok && ok.value.measures.find((m) => m.id === 's122-10')).toMatchObject({ rate: { pct: '15' }, window: { from: '2026-02-24' } });
    const dup = applyScenario(schedule, scenario([{ op: 'add', measure: schedule.measures[1] }]));
    expect(dup.ok).toBe(false);
    const other = applyScenario(schedule, { ...scenario([]), base: 'us-korea' });
    expect(other.ok).toBe(false);
  });

  it('end cuts windows and removes measures that start later', () => {
    const r = applyScenario(schedule, scenario([{ op: 'end', layers: ['reciprocal'], on: '2025-04-09' }]));
    if (!r.ok) throw new Error('apply');
    const ids = r.value.measures.filter((m) => m.layer === 'reciprocal' && m.scope.origins?.includes('JP')).map((m) => [m.id, m.window.to]);
    expect(ids).toEqual([['ieepa-baseline-10', '2025-04-09']]);
  });
});

describe('one measure per layer, good and date', () => {
  const issuesOf = (s: Schedule) => {
    const r = compileEngine(s, mfnTable, 'test', null, lists);
    return r.ok ? [] : r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  };

  it('rejects two measures of one layer with overlapping windows on the same goods', () => {
    const s = clone();
    s.measures.find((m) => m.id === 'ieepa-baseline-10')!.window = { from: '2025-04-05', to: '2025-04-20' };
    expect(issuesOf(s).join('\n')).toMatch(/ieepa-japan-24 and ieepa-baseline-10 \(both layer reciprocal\) apply to all goods on the same entry dates \(2025-04-09 on\)/);
    const t = clone();
    t.measures.find((m) => m.id === 's232-parts-25')!.scope = { categories: ['auto-parts', 'vehicles'] };
    expect(issuesOf(t).join('\n')).toMatch(/s232-parts-25 and s232-vehicles-25 \(both layer section-232-autos\) apply to category vehicles/);
  });

  it('allows measures of one layer on different goods, or whose windows meet', () => {
    expect(issuesOf(clone())).toEqual([]);
  });
});

describe('one measure per layer: HTS-scoped against category-scoped', () => {
  it('rejects a measure scoped by HTS 7207.11 in the layer of a steel-category measure on the same dates', () => {
    const s = structuredClone(schedule);
    s.measures.push({ ...structuredClone(s.measures.find((m) => m.id === 's232-steel-50')!), id: 'billets-10', scope: { hts: ['7207.11'] }, rate: { kind: 'ad-valorem', pct: '10' } });
    const r = compileEngine(s, mfnTable, 'test', null, lists);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message).join('\n')).toMatch(/billets-10 and s232-steel-50 .* apply to HTS 7207\.11 \(category steel\)/);
  });
});
