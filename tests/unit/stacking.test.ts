/**
 * Each step of resolveGood's stacking (src/core/stacking.ts, price.ts, scope.ts) alone, on the bundled schedule's
 * measures, each row citing the law it encodes (the measure's instrument and chapter 99 heading, DOMAIN.md).
 */
import { describe, expect, it } from 'vitest';
import type { CompiledMeasure, CompiledRate } from '../../src/core/compile.js';
import { categoryOf, claimSpecial } from '../../src/core/price.js';
import { tooCoarse } from '../../src/core/scope.js';
import { addedRate, baseOf, chargesNonUsShare, displacerOf, inTransitRuleOf, measureNotes, planNotes, rateReason, type Paid } from '../../src/core/stacking.js';
import type { AppliedMeasure } from '../../src/core/resolve.js';
import { bundledEngine } from '../helpers.js';

const engine = bundledEngine();
const byId = new Map(engine.measures.map((m) => [m.id, m]));
const M = (id: string): CompiledMeasure => {
  const m = byId.get(id);
  if (m === undefined) throw new Error(`no measure ${id} in the bundled schedule`);
  return m;
};
const pct = (n: number) => BigInt(Math.round(n * 1_000_000));

describe('step 1, displacement: which candidate displaces a measure, and what its rate applies to', () => {
  it.each([
    // EO 14345 (US-Japan Agreement), 9903.94.40: Japanese cars pay the 15% inclusive autos duty in place of the 25% and of the reciprocal duty.
    ['ieepa-japan-inclusive-15', ['s232-vehicles-japan-inclusive-15'], false, 's232-vehicles-japan-inclusive-15', null],
    ['s232-vehicles-25', ['s232-vehicles-japan-inclusive-15'], false, 's232-vehicles-japan-inclusive-15', null],
    // Proclamation 10947 (content rule, 90 FR 24199): the 50% steel duty on the steel content when the row gives it, else on the value.
    ['s232-steel-50', [], true, undefined, 'metal'],
    ['s232-steel-50', [], false, undefined, 'value'],
    // Proclamation 10947 clause 7: the UK's 25% takes the place of the general 50%, on the metal only, never on the rest.
    ['s232-steel-50', ['s232-steel-uk-25'], true, 's232-steel-uk-25', null],
    // Proclamation 10947 content rule: the non-metal content pays what the metal measure displaces (the reciprocal 10%).
    ['ieepa-uk-10', ['s232-steel-uk-25'], true, 's232-steel-uk-25', 'remainder'],
    ['ieepa-uk-10', ['s232-steel-uk-25'], false, 's232-steel-uk-25', null],
    // EO 14309 s.3 (9903.96.01): UK civil aircraft pay neither the reciprocal nor the metal duties; a displacer of the
    // whole value wins over a metal one whose remainder would pay the reciprocal duty.
    ['ieepa-uk-10', ['s232-steel-uk-25', 'civil-aircraft-uk'], true, 'civil-aircraft-uk', null],
    ['ieepa-uk-10', ['civil-aircraft-uk', 's232-steel-uk-25'], true, 'civil-aircraft-uk', null],
  ])('%s with %j, metal value given %s: displaced by %s, base %s', (id, others, hasMetal, by, base) => {
    const m = M(id);
    const candidates = [m, ...others.map(M)];
    const d = displacerOf(m, candidates, hasMetal);
    expect(d?.id).toBe(by);
    expect(baseOf(m, d, hasMetal)).toBe(base);
  });
});

describe('step 2, in transit: the rule for goods loaded before a cut-off and entered before a deadline', () => {
  it.each([
    // EO 14326 (90 FR 37963), written into 9903.02.72/.73: loaded before 2025-08-07 and entered before 2025-10-05, 10% (9903.01.25).
    ['ieepa-japan-inclusive-15', null, '2025-09-01', 'none'],
    ['ieepa-japan-inclusive-15', '2025-08-01', '2025-09-01', 'ad-valorem 10000000 9903.01.25'],
    ['ieepa-japan-inclusive-15', '2025-08-07', '2025-09-01', 'none'], // loaded on the cut-off is not before it
    ['ieepa-japan-inclusive-15', '2025-08-01', '2025-10-05', 'none'], // entered on the deadline is not before it
    // CSMS #63988468 (9903.01.23): China fentanyl 10% does not apply to goods loaded before 2025-02-01 entered before 2025-03-07.
    ['cn-fentanyl-10', '2025-01-31', '2025-02-10', 'exempt 9903.01.23'],
  ])('%s loaded %s entered %s: %s', (id, loaded, date, expected) => {
    const t = inTransitRuleOf(M(id), loaded, date);
    const text = t === undefined ? 'none' : t.rate === null ? `exempt ${t.heading}` : `${t.rate.kind} ${'pct' in t.rate ? t.rate.pct : ''} ${t.heading}`;
    expect(text).toBe(expected);
  });
});

describe('step 3, the rate a measure adds on the column 1 rate paid', () => {
  const paid = (mfn: number, o: Partial<Paid> = {}): Paid => ({ mfn: pct(mfn), mfnSpecific: null, mfnSource: 'test', general: null, spi: null, ...o });
  const inclusive15 = M('ieepa-japan-inclusive-15'); // EO 14345: 15% inclusive of the column 1 General rate (9903.02.72/.73)
  it.each([
    ['MFN: the column 1 rate itself', M('mfn'), M('mfn').rate, paid(2.5), pct(2.5)],
    ['ad valorem: its own rate (Proc. 11012, Section 122 10%, 9903.03.01)', M('s122-10'), M('s122-10').rate, paid(2.5), pct(10)],
    ['inclusive 15% over MFN 2.5%: adds 12.5% (EO 14345)', inclusive15, inclusive15.rate, paid(2.5), pct(12.5)],
    ['inclusive 15% over MFN 20%: adds 0, never less (MFN at or above the inclusive rate -> 0: DOMAIN-2026-12 row 1)', inclusive15, inclusive15.rate, paid(20), 0n],
    // DOMAIN-2026-12 C7: with a program claimed, the inclusive measures subtract the column 1 General rate, not the Special rate paid.
    ['inclusive 15% with JP claimed (Special Free, General 2.5%): adds 12.5%', inclusive15, inclusive15.rate, paid(0, { general: { pct: pct(2.5), specific: false }, spi: 'JP' }), pct(12.5)],
    ['in transit: the rule\'s 10% in place of the measure\'s (9903.01.25)', inclusive15, { kind: 'ad-valorem', pct: pct(10) } as CompiledRate, paid(2.5), pct(10)],
  ])('%s', (_what, m, kind, p, rate) => {
    expect(addedRate(m, kind, p)).toBe(rate);
  });

  it('refuses what it cannot compute: a measure not modelled (on hts), N% minus a General rate with a specific part with a program claimed (on spi)', () => {
    expect(addedRate(inclusive15, { kind: 'not-modelled', reason: 'no list' }, paid(2.5))).toEqual({ field: 'hts', reason: `${inclusive15.label} applies (from 2025-08-07) and is not modelled: no list` });
    expect(addedRate(inclusive15, inclusive15.rate, paid(0, { general: { pct: pct(2.5), specific: true }, spi: 'JP' }))).toMatchObject({ field: 'spi' });
  });

  it.each([
    [paid(2.5), pct(12.5), 'inclusive 15% minus MFN 2.5%: adds 12.5%'],
    [paid(20), 0n, 'inclusive 15% already met by MFN 20%: adds 0'],
    [paid(0, { general: { pct: pct(2.5), specific: false }, spi: 'JP' }), pct(12.5), 'inclusive 15% minus the column 1 General rate 2.5% (not the JP Special rate claimed): adds 12.5%'],
  ])('words the reason for --explain: %#', (p, rate, reason) => {
    expect(rateReason(inclusive15, inclusive15.rate, p, rate)).toBe(reason);
  });
});

describe('step 4, US content: at or above the threshold the duty is on the non-US share only', () => {
  it.each([
    // CBP IEEPA FAQ quoting CSMS #64680374 (9903.01.34): US content of 20% or more.
    ['ieepa-japan-inclusive-15', null, false],
    ['ieepa-japan-inclusive-15', pct(19.999999), false],
    ['ieepa-japan-inclusive-15', pct(20), true],
    // Section 232 autos have no US-content rule of this kind: the share changes nothing.
    ['s232-vehicles-japan-inclusive-15', pct(50), false],
  ])('%s with US content %s: %s', (id, us, expected) => {
    expect(chargesNonUsShare(M(id), us)).toBe(expected);
  });
});

describe('step 5, notes: what was assumed of the facts not given', () => {
  const applied = (id: string, o: Partial<AppliedMeasure> = {}): AppliedMeasure => ({ measure: M(id), rate: 0n, base: 'value', nonUsShare: false, ...o });
  const line = { date: '2025-09-01', loaded: null, usContent: null, hasMetal: false, hts: null, autoPart: null };

  it('a loading date not given, while the in-transit rule can still apply (before 2025-10-05): the measure\'s own note', () => {
    const notes: string[] = [];
    measureNotes(applied('ieepa-japan-inclusive-15'), line, notes);
    expect(notes.some((n) => n.startsWith('loading date not given'))).toBe(true);
    const after: string[] = [];
    measureNotes(applied('ieepa-japan-inclusive-15'), { ...line, date: '2025-10-05' }, after);
    expect(after.some((n) => n.startsWith('loading date not given'))).toBe(false);
  });

  it('a metal value or US share given that no measure used is said so; an entry date past the evidence too', () => {
    const notes: string[] = [];
    const paid: Paid = { mfn: 0n, mfnSpecific: null, mfnSource: '', general: null, spi: null };
    planNotes(engine, 'JP', paid, [applied('mfn')], { date: '2099-01-01', loaded: null, usContent: pct(30), hasMetal: true, hts: null, autoPart: null }, notes);
    expect(notes[0]).toBe('metal_value is not used: no measure in force on this date applies to the metal value');
    expect(notes[1]).toBe('us_content is not used: no measure applied on this date charges by US content');
    expect(notes[2]).toBe(`entry date after ${engine.knownThrough}, the last date this schedule has evidence for: measures announced since then are not in it`);
  });
});

describe('the steps before stacking', () => {
  it('category: by the code\'s longest category prefix, else the schedule\'s fallbackCategory (us.json), else as given', () => {
    expect(categoryOf(engine, { hts: '87032301', category: null, origin: 'JP', date: '2025-10-01', mfn: null })).toBe('vehicles');
    expect(categoryOf(engine, { hts: '94032000', category: null, origin: 'JP', date: '2025-10-01', mfn: null })).toBe(engine.fallbackCategory);
    expect(categoryOf(engine, { hts: null, category: 'nope', origin: 'JP', date: '2025-10-01', mfn: null })).toMatchObject({ field: 'category' });
  });

  it('a code too short to tell which measures apply is refused, never guessed (8703 holds cars and lines the autos duty treats otherwise)', () => {
    expect(tooCoarse(engine, { hts: '87', category: null, origin: 'JP', date: '2025-10-01', mfn: null })).toMatchObject({ field: 'hts', reason: expect.stringMatching(/^HTS 87 is not specific enough/) });
    expect(tooCoarse(engine, { hts: '87032301', category: null, origin: 'JP', date: '2025-10-01', mfn: null })).toBeNull();
  });

  it('a special program claimed: the line\'s Special rate for it (General Note 3(c)); one the schedule does not model is refused', () => {
    const good = { hts: '87032301', category: null, origin: 'JP', date: '2025-10-01', mfn: null };
    const general = { mfn: pct(2.5), mfnSpecific: null, mfnSource: 'General' };
    expect(claimSpecial(engine, good, 'ZZ', general)).toMatchObject({ ok: false, reason: expect.stringMatching(/^special program ZZ is not modelled yet/) });
    expect(claimSpecial(engine, { ...good, mfn: pct(1) }, 'JP', general)).toMatchObject({ ok: false, reason: 'give mfn_rate or spi JP, not both (mfn_rate is the rate itself)' });
  });
});
