/**
 * A scenario cannot take MFN away (DOMAIN §0: "MFN always applies"; the inclusive 15% of EO 14345 is max(MFN, 15%)
 * in total, so it is defined against the MFN actually charged), and problems found once a scenario is applied are
 * reported at the JSON path of the scenario file's change, not in the merged schedule (QA #2, #16).
 */
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { formatPath } from '../../src/values/issues.js';
import { applyScenario, traceToScenario } from '../../src/core/scenario.js';
import { ScenarioSchema, type Measure } from '../../src/schema/schedule.js';
import { lists, mfnLines, mfnTable, schedule } from '../helpers.js';

const scenario = (changes: unknown[]) => ScenarioSchema.parse({ id: 'x', title: 'x', base: 'us', description: 'x', changes });
const paths = (r: ReturnType<typeof applyScenario>) => (r.ok ? [] : r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
const mfnMeasure = schedule.measures.find((m) => m.rate.kind === 'mfn')!;

describe('MFN always applies (DOMAIN §0): a scenario cannot remove, end or re-rate it', () => {
  it.each([
    ['remove', [{ op: 'remove', measure: 'mfn' }], /^changes\[0\]\.measure: MFN always applies/],
    ['end its layer', [{ op: 'end', layers: ['reciprocal', 'mfn'], on: '2025-09-01' }], /^changes\[0\]\.layers\[1\]: MFN always applies/],
    ['change its rate', [{ op: 'modify', measure: 'mfn', set: { rate: { kind: 'ad-valorem', pct: '0' } } }], /^changes\[0\]\.set\.rate: MFN always applies/],
    ['end its window', [{ op: 'modify', measure: 'mfn', set: { to: '2025-09-01' } }], /^changes\[0\]\.set\.to: MFN always applies/],
    ['narrow its scope', [{ op: 'modify', measure: 'mfn', set: { scope: { hts: ['8703'] } } }], /^changes\[0\]\.set\.scope: MFN always applies/],
    ['displace it from a measure of its own', [{ op: 'modify', measure: 's122-10', set: { displaces: ['layer:mfn'] } }], /^changes\[0\]\.set\.displaces\[0\]: MFN always applies/],
    ['add a second MFN', [{ op: 'add', measure: { ...structuredClone(mfnMeasure), id: 'mfn-2' } as Measure }], /^changes\[0\]\.measure\.layer: MFN always applies/],
  ])('%s: refused with the path in the scenario file', (_what, changes, message) => {
    const got = paths(applyScenario(schedule, scenario(changes)));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(message);
  });

  it('its label and confidence may still be changed, and other measures removed', () => {
    const r = applyScenario(schedule, scenario([{ op: 'modify', measure: 'mfn', set: { label: 'MFN', confidence: 'primary' } }, { op: 'remove', measure: 's122-10' }]));
    expect(paths(r)).toEqual([]);
  });
});

describe('problems of the changed schedule are reported where the scenario file made them (QA #16)', () => {
  const compiled = (changes: unknown[]) => {
    const s = scenario(changes);
    const applied = applyScenario(schedule, s);
    if (!applied.ok) throw new Error('expected the scenario to apply');
    const c = compileEngine(applied.value, mfnTable, 'x', null, lists, { mfnLines });
    return c.ok ? [] : traceToScenario(s, applied.value, c.issues).map((i) => `${formatPath(i.path)}: ${i.message}`);
  };

  it('an overlap made by moving the end of the pause points at changes[0].set.to', () => {
    const got = compiled([{ op: 'modify', measure: 'ieepa-pause-10', set: { to: '2025-09-01' } }]);
    // it now overlaps the extended pause, the inclusive 15% and the 40% for goods found transshipped, all of layer reciprocal
    expect(got).toHaveLength(3);
    for (const g of got) expect(g).toMatch(/^changes\[0\]\.set\.to: .*ieepa-pause-10 \(both layer reciprocal\)/);
  });

  it('an unknown displaced measure in an added measure points into changes[1].measure', () => {
    const added = { ...structuredClone(schedule.measures.find((m) => m.id === 's122-10')!), id: 's122-extra', window: { from: '2027-01-01' }, displaces: ['nope'] };
    const got = compiled([{ op: 'remove', measure: 'ieepa-pause-10' }, { op: 'add', measure: added }]);
    expect(got).toEqual([expect.stringMatching(/^changes\[1\]\.measure\.displaces\[0\]: unknown measure "nope"/)]);
  });
});
