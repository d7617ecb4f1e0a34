/**
 * The engine features origin parts rely on (issue 13; DOMAIN-ORIGINS.md): programs claimed by the row (spi) that
 * take a measure out of scope (USMCA goods: scope.exclude.spi), and what "MFN" means in an inclusive formula when a
 * program is claimed (rate.base). Computed on the bundled schedule with more origins declared, so the common
 * measures of parts/all-origins.json are the ones under test.
 */
import { describe, expect, it } from 'vitest';
import { compileEngine, type Engine } from '../../src/core/compile.js';
import { computeLineDuty } from '../../src/core/compute.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, formatRate, parseMoney } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import type { Measure, Schedule } from '../../src/schema/schedule.js';
import { bundledEngine, lists, mfnLines, mfnTable, origins as iso, schedule } from '../helpers.js';

function engineWith(extra: Measure[] = [], origins = ['CA', 'MX', 'KR']): Engine {
  // a test measure stands in for the bundled ones of its layer and origins (e.g. Korea's own reciprocal measures)
  const replaced = (m: Measure) => extra.some((x) => x.layer === m.layer && x.scope.origins?.some((o) => m.scope.origins?.includes(o)));
  // ... and a bundled measure that displaces a replaced one by id no longer names it (Korea's civil aircraft exemption)
  const gone = new Set(schedule.measures.filter(replaced).map((m) => m.id));
  const kept = schedule.measures.filter((m) => !replaced(m)).map((m) => (m.displaces?.some((d) => gone.has(d)) ? { ...m, displaces: m.displaces.filter((d) => !gone.has(d)) } : m));
  const s: Schedule = { ...schedule, origins: [...new Set([...schedule.origins, ...origins])], measures: [...kept, ...extra] };
  const e = compileEngine(s, mfnTable, 'as-enacted', null, lists, { mfnLines, origins: iso, originDates: new Map([['KR', { coversFrom: '2025-03-12', knownThrough: '2026-06-30' }]]) });
  if (!e.ok) throw new Error(JSON.stringify(e.issues));
  return e.value;
}

function duty(engine: Engine, hts: string, origin: string, date: string, value: string, spi: string | null = null) {
  const r = resolveGood(engine, { hts: normalizeHts(hts), category: null, origin, date, mfn: null, spi });
  if (!r.ok) return { refused: r.refusal.reason };
  const v = parseMoney(value);
  if (!v.ok) throw new Error(v.reason);
  const line = computeLineDuty(r.plan, v.value);
  return {
    duty: formatCents(line.duty),
    measures: line.duties.map((d) => `${d.measure.id} ${formatRate(d.rate)}`),
    reasons: Object.fromEntries(r.plan.decisions.map((d) => [d.measure.id, d.reason])),
    notes: r.plan.notes,
  };
}

const engine = engineWith();

describe('scope.exclude.spi: USMCA goods of Canada and Mexico (DOMAIN-ORIGINS s.15b, s.15c)', () => {
  // 3926.90.99 other articles of plastics: General 5.3%, Special Free (..., KR, ..., S, SG) (HTS 2026 Rev. 10), no Section 232.
  it('Section 122 (Proc. 11012 9903.03.07/.08): 10% on a Canadian good, none when USMCA is claimed', () => {
    // 2026-03-01, $1,000: MFN 5.3% = $53.00 + Section 122 10% = $100.00 -> $153.00
    expect(duty(engine, '3926.90.99', 'CA', '2026-03-01', '1000')).toMatchObject({ duty: '153.00', measures: ['mfn 5.3', 's122-10 10'] });
    // claimed S: Special rate Free, and 9903.03.07 exempts USMCA goods -> $0.00
    const s = duty(engine, '3926.90.99', 'CA', '2026-03-01', '1000', 'S') as { duty: string; measures: string[]; reasons: Record<string, string> };
    expect(s).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
    expect(s.reasons['s122-10']).toBe('not owed on goods claiming special program S');
  });

  it('Section 301 forced labor (note 52(g), 9903.05.94): Mexico\'s 10% tier on a Mexican good, none with USMCA claimed', () => {
    // 2026-08-01, $1,000: MFN $53.00 + 10% (9903.05.55, in place of the general 12.5%) = $100.00 -> $153.00
    expect(duty(engine, '3926.90.99', 'MX', '2026-08-01', '1000')).toMatchObject({ duty: '153.00', measures: ['mfn 5.3', 's301-forced-labor-mexico-10 10'] });
    expect(duty(engine, '3926.90.99', 'MX', '2026-08-01', '1000', 'S')).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
  });

  it('a program is claimed only by the origins us.json gives it: USMCA from Japan is refused with the reason', () => {
    expect(duty(engine, '3926.90.99', 'JP', '2026-03-01', '1000', 'S')).toEqual({ refused: expect.stringMatching(/special program S \(United States-Mexico-Canada Agreement \(USMCA\)\) is for goods of CA, MX, not JP/) });
    expect(duty(engine, '3926.90.99', 'CA', '2026-03-01', '1000', 'GS')).toEqual({ refused: expect.stringMatching(/special program GS is not modelled yet \(only JP, KR, S, S\+, C\)/) });
  });
});

describe('rate.base of an inclusive measure: column 1 General or the rate paid (DOMAIN-ORIGINS "How to read"; CSMS #66987366)', () => {
  const korea = (base: 'general' | 'applied'): Measure => ({
    id: `test-kr-inclusive-15-${base}`, label: 'Korea inclusive 15% (test)', layer: 'reciprocal', authority: 'IEEPA',
    sources: [{ instrument: 'CBP CSMS #66987366', document: 'CSMS #66987366' }], scope: { origins: ['KR'] },
    window: { from: '2025-08-07', to: '2026-02-24' }, rate: { kind: 'inclusive', pct: '15', base }, confidence: 'primary',
  });
  const applied = engineWith([korea('applied')]);
  const general = engineWith([korea('general')]);

  it('"applied": with KORUS claimed the Special rate (Free) is the MFN of max(MFN, 15%): the full 15% is added', () => {
    // $1,000 of 3926.90.99 from Korea, 2025-10-01, KR claimed: column 1 Free, 15% - 0% = 15% -> $150.00
    const r = duty(applied, '3926.90.99', 'KR', '2025-10-01', '1000', 'KR') as { duty: string; measures: string[]; reasons: Record<string, string> };
    expect(r).toMatchObject({ duty: '150.00', measures: ['mfn 0', 'test-kr-inclusive-15-applied 15'] });
    expect(r.reasons['test-kr-inclusive-15-applied']).toBe('inclusive 15% minus the column 1 rate paid, the KR Special rate 0%: adds 15%');
    // without the claim: General 5.3% = $53.00 + (15 - 5.3)% = $97.00 -> $150.00, the same total
    expect(duty(applied, '3926.90.99', 'KR', '2025-10-01', '1000')).toMatchObject({ duty: '150.00', measures: ['mfn 5.3', 'test-kr-inclusive-15-applied 9.7'] });
  });

  it("another origin's measure is neither applied nor listed in a row's explanation", () => {
    const r = resolveGood(applied, { hts: '39269099', category: null, origin: 'JP', date: '2025-10-01', mfn: null });
    expect(r.ok && r.plan.decisions.map((d) => d.measure.id)).not.toContain('test-kr-inclusive-15-applied');
    expect(r.ok && r.plan.decisions.map((d) => d.measure.id)).toContain('ieepa-japan-inclusive-15');
  });

  it('"general" (the default: EU, Switzerland, Japan, DOMAIN-2026-12 C7): the General rate is subtracted even when a program is claimed', () => {
    // KR claimed: column 1 Free, but 15% - 5.3% General = 9.7% -> $97.00
    const r = duty(general, '3926.90.99', 'KR', '2025-10-01', '1000', 'KR') as { duty: string; measures: string[]; notes: string[] };
    expect(r).toMatchObject({ duty: '97.00', measures: ['mfn 0', 'test-kr-inclusive-15-general 9.7'] });
    expect(r.notes.join('\n')).toMatch(/KR claimed: the column 1 duty is at the Special rate; the inclusive measures subtract the column 1 General rate 5\.3%/);
  });
});

describe('origin codes from data/origins.json (issue 13 item 3)', () => {
  const bundled = bundledEngine();
  const refused = (origin: string) => resolveGood(bundled, { hts: '39269099', category: null, origin, date: '2025-10-01', mfn: null });

  it('a valid ISO 3166-1 code the schedule does not cover is refused naming the covered origins', () => {
    expect(refused('AU')).toEqual({ ok: false, refusal: { field: 'origin', reason: expect.stringMatching(/^origin AU \(Australia\) is not covered by schedule us \(covers .*JP \(Japan\)/) } });
  });

  it('an unknown code is refused as not ISO 3166-1; a group (EU) asks for the member state', () => {
    expect(refused('XX')).toEqual({ ok: false, refusal: { field: 'origin', reason: 'origin XX is not an ISO 3166-1 alpha-2 country code' } });
    expect(refused('EU')).toEqual({ ok: false, refusal: { field: 'origin', reason: expect.stringMatching(/^origin EU is a group \(European Union \(27 member states\)\), not a country of origin: give the member state's code, e.g\. AT, BE, BG$/) } });
  });

  it('the covered origins of a group all covered are named by the group', () => {
    const eu = iso.groups.EU!.members;
    const e = compileEngine({ ...schedule, origins: [...schedule.origins, ...eu] }, mfnTable, 'as-enacted', null, lists, { mfnLines, origins: iso });
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    const r = resolveGood(e.value, { hts: '39269099', category: null, origin: 'AU', date: '2025-10-01', mfn: null });
    expect(!r.ok && r.refusal.reason).toMatch(/^origin AU \(Australia\) is not covered by schedule us \(covers .*EU \(27 member states\)/);
    expect(!r.ok && r.refusal.reason).not.toMatch(/AT \(Austria\)/);
  });

  it('a schedule naming an origin that is not an ISO code (UK for GB) does not compile', () => {
    const e = compileEngine({ ...schedule, origins: [...schedule.origins, 'UK'] }, mfnTable, 'as-enacted', null, lists, { mfnLines, origins: iso });
    expect(!e.ok && e.issues).toEqual([{ path: ['origins', schedule.origins.length], message: 'origin "UK" is not an ISO 3166-1 alpha-2 country code (data/origins.json)' }]);
  });
});

describe("a part's own evidence dates (coversFrom/knownThrough) count for its origins' rows", () => {
  it('merging records them per origin, where they differ from the schedule', async () => {
    const { mergeParts } = await import('../../src/core/parts.js');
    const m = mergeParts({ ...schedule, origins: [...schedule.origins, 'KR'], measures: [] }, [
      { id: 'korea', title: 'k', origins: ['KR'], knownThrough: '2026-06-30', measures: [schedule.measures[0]!] },
      { id: 'japan', title: 'j', origins: ['JP'], knownThrough: schedule.knownThrough, measures: [schedule.measures[1]!] },
    ]);
    expect([...m.originDates]).toEqual([['KR', { coversFrom: schedule.coversFrom, knownThrough: '2026-06-30' }]]);
  });

  it("a row after its origin's evidence gets the note for that origin; another origin's row on the same date does not", () => {
    // Korea's part known through 2026-06-30 (engineWith above); the schedule's 2026-10-09
    const kr = duty(engine, '3926.90.99', 'KR', '2026-07-15', '1000') as { notes: string[] };
    expect(kr.notes).toContain("entry date after 2026-06-30, the last date this schedule's evidence for origin KR covers: measures announced since then are not in it");
    const ca = duty(engine, '3926.90.99', 'CA', '2026-07-15', '1000') as { notes: string[] };
    expect(ca.notes.join('\n')).not.toMatch(/entry date after/);
  });
});

// Cambodia (KH), an origin no bundled part covers, so the test measure is the only reciprocal one for it.
describe('scope.transshipped: the 40% on transshipped goods (EO 14326 s.3) applies only to rows that say so', () => {
  const transshipment: Measure = {
    id: 'test-kh-transshipped-40', label: 'Transshipment 40% (test)', layer: 'reciprocal', authority: 'IEEPA',
    sources: [{ instrument: 'Executive Order 14326, s.3', citation: '90 FR 37963', document: 'FR Doc 2025-15010' }],
    scope: { origins: ['KH'], transshipped: true }, window: { from: '2025-08-07', to: '2026-02-24' },
    rate: { kind: 'ad-valorem', pct: '40' }, confidence: 'primary',
  };
  const kh = engineWith([transshipment], ['KH']);
  const at = (transshipped: boolean) => resolveGood(kh, { hts: '39269099', category: null, origin: 'KH', date: '2025-10-01', mfn: null, transshipped });

  it('transshipped = yes: MFN 5.3% ($53.00) + 40% ($400.00) on $1,000 -> $453.00', () => {
    const r = at(true);
    expect(r.ok && formatCents(computeLineDuty(r.plan, 100_000n).duty)).toBe('453.00');
  });

  it('transshipped = no (the default): MFN only, with the reason', () => {
    const r = at(false);
    expect(r.ok && formatCents(computeLineDuty(r.plan, 100_000n).duty)).toBe('53.00');
    expect(r.ok && r.plan.decisions.find((d) => d.measure.id === 'test-kh-transshipped-40')?.reason).toBe('applies only to goods found transshipped to evade duties (transshipped = yes)');
  });

  it('the Resolver keeps transshipped and other rows apart (one memo key each)', async () => {
    const { Resolver } = await import('../../src/core/resolve.js');
    const resolver = new Resolver(kh);
    const good = { hts: '39269099', category: null, origin: 'KH', date: '2025-10-01', mfn: null };
    const a = resolver.resolve({ ...good, transshipped: false });
    const b = resolver.resolve({ ...good, transshipped: true });
    expect(a.ok && a.plan.applied.map((x) => x.measure.id)).toEqual(['mfn']);
    expect(b.ok && b.plan.applied.map((x) => x.measure.id)).toEqual(['mfn', 'test-kh-transshipped-40']);
  });
});
