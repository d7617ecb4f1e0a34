/**
 * Product lists as data: a measure's scope (and scope.exclude) names bundled lists by id; the engine indexes their
 * codes like scope.hts. The "too short" check only counts the measures in force for the row's origin and date.
 * These tests use a small schedule of their own, so they test the mechanism, not the bundled law (see s232-lists).
 */
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { formatPath } from '../../src/values/issues.js';
import { resolveGood } from '../../src/core/resolve.js';
import { ProductListSchema, ScheduleSchema, type ProductList, type Schedule } from '../../src/schema/schedule.js';

const src = [{ instrument: 'Test instrument', citation: '1 FR 1' }];

function list(id: string, entries: ProductList['entries']): ProductList {
  return ProductListSchema.parse({ id, title: `list ${id}`, sources: src, confidence: 'primary', asOf: 'test', entries });
}

const lists = new Map<string, ProductList>([
  ['tenners', list('tenners', [{ hts: '7308.20.00.35', metal: 'aluminum' }, { hts: '8431.10.00.90' }])],
  ['headings', list('headings', [{ hts: '7308' }, { hts: '7610' }])],
  ['carve', list('carve', [{ hts: '7610.10.00' }])],
]);

function schedule(measures: unknown[]): Schedule {
  return ScheduleSchema.parse({
    id: 't',
    title: 't',
    importer: 'US',
    origins: ['JP', 'KR'],
    coversFrom: '2025-01-01',
    knownThrough: '2026-12-31',
    layers: { mfn: { label: 'MFN' }, a: { label: 'A' }, b: { label: 'B' } },
    categories: { general: { label: 'general', hts: [], defaultMfnPct: null, standsFor: 'x' } },
    fallbackCategory: 'general',
    measures: [
      { id: 'mfn', label: 'MFN', layer: 'mfn', authority: 'x', sources: src, scope: {}, window: { from: '1989-01-01' }, rate: { kind: 'mfn' }, confidence: 'primary' },
      ...measures,
    ],
  });
}

const measure = (id: string, layer: string, scope: unknown, from: string, to?: string, origins?: string[]) => ({
  id,
  label: id,
  layer,
  authority: 'x',
  sources: src,
  scope: origins === undefined ? scope : { ...(scope as object), origins },
  window: to === undefined ? { from } : { from, to },
  rate: { kind: 'ad-valorem', pct: '10' },
  confidence: 'primary',
});

function engineOf(s: Schedule) {
  const e = compileEngine(s, null, 'test', null, lists);
  if (!e.ok) throw new Error(e.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n'));
  return e.value;
}

function applied(s: Schedule, hts: string, date: string, origin = 'JP') {
  const r = resolveGood(engineOf(s), { hts, category: null, origin, date, mfn: 0n });
  return r.ok ? r.plan.applied.map((a) => a.measure.id) : r.refusal.reason;
}

describe('a scope names lists by id', () => {
  const s = schedule([
    measure('on-list', 'a', { lists: ['headings'], exclude: { lists: ['carve'] } }, '2025-06-01'),
    measure('ten', 'b', { lists: ['tenners'] }, '2026-04-06', '2027-01-01'),
  ]);

  it('a line on a list is in scope; one under an excluded list is out, with the list named', () => {
    expect(applied(s, '7308900000', '2025-07-01')).toEqual(['mfn', 'on-list']);
    expect(applied(s, '76101000', '2025-07-01')).toEqual(['mfn']);
    const r = resolveGood(engineOf(s), { hts: '76101000', category: null, origin: 'JP', date: '2025-07-01', mfn: 0n });
    expect(r.ok && r.plan.decisions.find((d) => d.measure.id === 'on-list')?.reason).toBe('HTS 7610.10.00 is excluded (7610.10.00, list carve)');
    expect(applied(s, '76109000', '2025-07-01')).toEqual(['mfn', 'on-list']);
    expect(applied(s, '7309000000', '2025-07-01')).toEqual(['mfn']);
  });

  it('a 10-digit list makes an 8-digit code too short only on the dates (and origins) it is in force', () => {
    // 7308.20.00: only 7308.20.00.35 is on "tenners". Before 2026-04-06 nothing under 7308.20.00 is treated otherwise.
    expect(applied(s, '73082000', '2026-04-05')).toEqual(['mfn', 'on-list']);
    expect(applied(s, '73082000', '2026-04-06')).toMatch(
      /^HTS 7308\.20\.00 is not specific enough: lines under it such as 7308\.20\.00\.35 are treated differently \(ten\)/,
    );
    expect(applied(s, '7308200035', '2026-04-06')).toEqual(['mfn', 'on-list', 'ten']);
    expect(applied(s, '7308200090', '2026-04-06')).toEqual(['mfn', 'on-list']);
    expect(applied(s, '73082000', '2027-01-01')).toEqual(['mfn', 'on-list']);
  });

  it('a short code is not ambiguous when every line under it is treated alike', () => {
    // 7308 is on "headings": every line under it is in scope of on-list.
    expect(applied(s, '7308', '2025-07-01')).toEqual(['mfn', 'on-list']);
    // 7610 is, but 7610.10.00 is excluded: 7610 is ambiguous.
    expect(applied(s, '7610', '2025-07-01')).toMatch(/HTS 7610 is not specific enough: lines under it such as 7610\.10\.00 .*\(on-list\)/);
  });

  it('only measures covering the origin count', () => {
    const t = schedule([measure('ten-kr', 'b', { lists: ['tenners'] }, '2026-04-06', undefined, ['KR'])]);
    expect(applied(t, '73082000', '2026-05-01', 'JP')).toEqual(['mfn']);
    expect(applied(t, '73082000', '2026-05-01', 'KR')).toMatch(/not specific enough/);
  });

  it('one list serves several measures (e.g. for several origins)', () => {
    const t = schedule([
      measure('jp', 'a', { lists: ['tenners'] }, '2026-04-06', undefined, ['JP']),
      measure('kr', 'a', { lists: ['tenners'] }, '2026-04-06', undefined, ['KR']),
    ]);
    expect(applied(t, '8431100090', '2026-05-01', 'JP')).toEqual(['mfn', 'jp']);
    expect(applied(t, '8431100090', '2026-05-01', 'KR')).toEqual(['mfn', 'kr']);
  });
});

describe('list checks', () => {
  const issues = (s: Schedule, l = lists) => {
    const r = compileEngine(s, null, 'test', null, l);
    return r.ok ? [] : r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  };

  it('an unknown list is an error at the path that names it', () => {
    expect(issues(schedule([measure('x', 'a', { lists: ['headings', 'nope'] }, '2025-06-01')]))).toEqual([
      'measures[1].scope.lists[1]: unknown product list "nope"; bundled lists are data/lists/<id>.json',
    ]);
    expect(issues(schedule([measure('x', 'a', { exclude: { lists: ['nope'] } }, '2025-06-01')]))).toEqual([
      'measures[1].scope.exclude.lists[0]: unknown product list "nope"; bundled lists are data/lists/<id>.json',
    ]);
  });

  it('a code listed twice is an error', () => {
    const dup = new Map([['headings', list('headings', [{ hts: '7308' }, { hts: '73.08' }])]]);
    expect(issues(schedule([measure('x', 'a', { lists: ['headings'] }, '2025-06-01')]), dup).join('\n')).toMatch(/HTS 73\.08 is listed twice in list "headings"/);
  });

  it('two measures of one layer whose lists share a line on the same dates clash', () => {
    const s = schedule([measure('x', 'a', { lists: ['headings'] }, '2025-06-01'), measure('y', 'a', { lists: ['tenners'] }, '2026-01-01')]);
    expect(issues(s).join('\n')).toMatch(/y and x \(both layer a\) apply to HTS 7308\.20\.00\.35 on the same entry dates \(2026-01-01 on\)/);
    const t = schedule([measure('x', 'a', { lists: ['carve'] }, '2025-06-01'), measure('y', 'a', { lists: ['tenners'] }, '2026-01-01')]);
    expect(issues(t)).toEqual([]);
  });

  it('the list entry schema refuses a bad code or metal', () => {
    const r = ProductListSchema.safeParse({ id: 'x', title: 'x', sources: src, confidence: 'primary', asOf: 'x', entries: [{ hts: '73x8' }, { hts: '7308', metal: 'tin' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => formatPath(i.path as (string | number)[]))).toEqual(['entries[0].hts', 'entries[1].metal']);
  });
});

describe('a list entry dated by the amendment that added it (`from`)', () => {
  const dated = new Map<string, ProductList>([
    ...lists,
    ['amended', list('amended', [{ hts: '0902.10.10', from: '2025-11-13' }, { hts: '8517.13.00' }])],
    ['under', list('under', [{ hts: '0902.10.10', from: '2025-11-13' }, { hts: '0902' }])],
    ['plain', list('plain', [{ hts: '0902.10.10' }])],
  ]);
  const engineWith = (measures: unknown[]) => {
    const e = compileEngine(schedule(measures), null, 'test', null, dated);
    if (!e.ok) throw new Error(e.issues.map((i) => i.message).join('\n'));
    return e.value;
  };
  const ids = (e: ReturnType<typeof engineWith>, hts: string, date: string) => {
    const r = resolveGood(e, { hts, category: null, origin: 'JP', date, mfn: 0n });
    return r.ok ? r.plan.applied.map((a) => a.measure.id) : r.refusal.reason;
  };

  it('an exclusion starts on its date: before it the code pays the measure', () => {
    const e = engineWith([measure('recip', 'a', { exclude: { lists: ['amended'] } }, '2025-04-05')]);
    expect(ids(e, '85171300', '2025-10-01')).toEqual(['mfn']); // undated: excluded on every date
    expect(ids(e, '09021010', '2025-11-12')).toEqual(['mfn', 'recip']);
    expect(ids(e, '09021010', '2025-11-13')).toEqual(['mfn']);
    expect(e.listDates).toEqual(['2025-11-13']);
  });

  it('an inclusion too; a shorter undated entry still holds before the date (0902 under 0902.10.10)', () => {
    const e = engineWith([measure('incl', 'a', { lists: ['under'] }, '2025-04-05')]);
    expect(ids(e, '09021010', '2025-11-12')).toEqual(['mfn', 'incl']); // by 0902
    expect(ids(e, '09021010', '2025-11-13')).toEqual(['mfn', 'incl']);
  });

  it('a code on two lists of one scope, dated on one only, is listed on every date', () => {
    const e = engineWith([measure('recip', 'a', { exclude: { lists: ['amended', 'plain'] } }, '2025-04-05')]);
    expect(ids(e, '09021010', '2025-11-12')).toEqual(['mfn']);
  });
});
