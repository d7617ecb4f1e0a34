/**
 * The Section 232 measures of the bundled schedule, by the lists their instruments publish (data/lists/): for each
 * list a line on it, a line off it and a boundary date, each citing the chapter 99 note (HTSUS 2026 Rev. 6) or the
 * annex. The MFN rate is given (1%) so that the tests are about the lists, not the MFN table.
 */
import { describe, expect, it } from 'vitest';
import { normalizeHts } from '../../src/values/hts.js';
import { resolveGood } from '../../src/core/resolve.js';
import { bundledEngine, lists, schedule } from '../helpers.js';

const engine = bundledEngine();

/** The measures applied (id and added percent), or the refusal's reason. */
function applied(hts: string, date: string): string[] | string {
  const r = resolveGood(engine, { hts: normalizeHts(hts), category: null, origin: 'JP', date, mfn: 1_000_000n });
  if (!r.ok) return r.refusal.reason;
  return r.plan.applied.filter((a) => a.measure.id !== 'mfn').map((a) => `${a.measure.id} ${Number(a.rate) / 1e6}`);
}

describe('aluminum before Proc. 11021: note 19(g) articles and 19(i)-(k) derivatives', () => {
  it.each([
    ['7604.10.10', '2025-03-11', []], // before Proc. 10895's 25% (the schedule's evidence starts 2025-03-12)
    ['7604.10.10', '2025-03-12', ['s232-aluminum-25 25']], // note 19(g)(ii): bars, rods and profiles of 7604
    ['7604.10.10', '2025-06-04', ['s232-aluminum-50 50']],
    ['7603.10.00', '2025-05-01', ['ieepa-pause-10 10']], // powders of 7603: on no list of note 19
    ['7610.10.00', '2026-04-05', ['s232-aluminum-50 50']], // note 19(j): doors and windows of aluminum
    ['7611.00.00', '2025-06-04', ['ieepa-pause-10 10']], // reservoirs of 7611: not in note 19(j) or (k)
    ['7308.20.00.35', '2025-09-01', ['s232-aluminum-50 50']], // note 19(k); also chapter 73: charged once, as aluminum
  ])('%s on %s', (hts, date, want) => expect(applied(hts, date)).toEqual(want));
});

describe('steel before Proc. 11021: the steel articles and the derivatives of list s232-steel-derivatives', () => {
  it.each([
    ['7318.15.20', '2025-03-11', []], // before Proc. 10896's 25% (the schedule's evidence starts 2025-03-12)
    ['7318.15.20', '2025-03-12', ['s232-steel-25 25']], // bolts: a chapter 73 derivative (9903.81.90), note 16(c)(iv) carries it on
    ['7317.00.30', '2025-06-04', ['s232-steel-50 50']], // nails: Proc. 9980 clause 1 (9903.81.89), kept by Proc. 10896
    ['7216.91.00.10', '2025-06-04', ['s232-steel-50 50']], // chapter 72 but a derivative, not a steel article: note 16(c)(iv)
    ['7303.00.00', '2025-06-04', ['ieepa-pause-10 10']], // tubes of cast iron: on no list of Proc. 11021 (note 16(c), Annex II), so no steel derivative
    ['7318.15.20', '2026-04-05', ['s232-steel-50 50']], // the last day before Proc. 11021
    ['7318.15.20', '2026-04-06', ['s232-metals-50-p11021 50']], // Annex I-A, note 16(c)(iv), on the full value
  ])('%s on %s', (hts, date, want) => expect(applied(hts, date)).toEqual(want));

  it('the list holds the chapter 72/73 derivatives of Proc. 11021 and Proc. 9980, not its articles of steel', () => {
    const codes = lists.get('s232-steel-derivatives')!.entries.map((e) => e.hts.replaceAll('.', ''));
    const listed = (hts: string) => codes.some((c) => hts.replaceAll('.', '').startsWith(c));
    expect(['7317.00.30', '7317.00.55', '7317.00.65', '8708.10.30', '8708.29.21'].filter((c) => !listed(c))).toEqual([]); // Proc. 9980
    expect(['7208.10.15', '7304.11.00', '7306.30.50', '7301.10.00'].filter(listed)).toEqual([]); // note 16(c)(iii): the steel category
    expect(['7303.00.00', '7307.11.00', '7322.11.00', '7216.91.00.90'].filter(listed)).toEqual([]); // cast iron; the other 7216.91 line
    expect(codes.filter((c) => !/^7[23]/.test(c))).toEqual(['87081030', '87082921']);
  });
});

describe('the 2025-08-18 inclusions (BIS): 9903.85.08 aluminum, 9903.81.91 steel', () => {
  it.each([
    ['0402.99.68', '2025-08-17', ['ieepa-japan-inclusive-15 14']], // before the inclusions: a general good
    ['0402.99.68', '2025-08-18', ['s232-aluminum-derivatives-2025-08-18 50']], // note 19(k), added 2025-08-18
    ['0402.99.68', '2026-04-06', ['s122-10 10']], // Proc. 11021 Annex II: out of Section 232 from 2026-04-06
    ['8457.10.00', '2025-08-18', ['s232-steel-derivatives-2025-08-18 50']], // 9903.81.91 (transcription)
    ['8458.11.00', '2025-08-18', ['ieepa-japan-inclusive-15 14']], // on no list
  ])('%s on %s', (hts, date, want) => expect(applied(hts, date)).toEqual(want));
});

describe('copper, Proc. 10962 (9903.78.01), 50% from 2025-08-01', () => {
  it.each([
    ['7408.11.60', '2025-07-31', ['ieepa-pause-extended-10 10']],
    ['7408.11.60', '2025-08-01', ['s232-copper-50 50']], // refined copper wire
    ['7403.11.00', '2025-08-01', []], // cathodes: not covered (DOMAIN-2026-12 C10); on EO 14257 Annex II (note 2(v)(iii)(a)), so no reciprocal either
    ['8544.42.90', '2025-09-01', ['s232-copper-50 50']], // also on the aluminum inclusions: charged once, as copper
    ['7408.11.60', '2026-04-06', ['s232-metals-50-p11021 50']], // note 16(c)(v): Annex I-A from 2026-04-06
  ])('%s on %s', (hts, date, want) => expect(applied(hts, date)).toEqual(want));
});

describe('Proc. 11021 from 2026-04-06 (HTS note 16(c), the annexes)', () => {
  it.each([
    ['7207.11.00', '2026-04-06', ['s232-metals-50-p11021 50']], // Annex I-A, note 16(c)(iii): 50% on the full value
    ['7321.11.10', '2026-04-05', ['s232-steel-50 50']], // chapter 73, before Proc. 11021
    ['7321.11.10', '2026-04-06', ['s232-p11021-annex-i-b-25 25']], // Annex I-B, note 16(c)(vii): 25%
    ['8302.10.60', '2026-04-06', ['s232-p11021-annex-i-b-25 25']], // Annex I-B, note 16(c)(vi)
    ['9013.90.80.00', '2026-04-06', ['s232-p11021-annex-iii-inclusive-15 14']], // Annex III, note 16(c)(ix): 15 - MFN 1
    ['9013.90.80.00', '2027-12-31', ['s232-p11021-annex-iii-inclusive-15 14']], // "until December 31, 2027"
    ['9013.90.80.00', '2028-01-01', ['s232-p11021-annex-iii-25 25']],
    ['8458.11.00', '2026-04-06', ['s122-10 10']], // on no annex: Section 122 applies
  ])('%s on %s', (hts, date, want) => expect(applied(hts, date)).toEqual(want));

  it('Annex III at MFN 15% or more adds nothing (9903.82.11), and displaces Section 122 and 301', () => {
    const at = (date: string, mfn: bigint) => resolveGood(engine, { hts: '84571000', category: null, origin: 'JP', date, mfn });
    for (const date of ['2026-05-01', '2026-08-01']) {
      const r = at(date, 16_000_000n);
      expect(r.ok && r.plan.applied.map((a) => `${a.measure.id} ${a.rate}`)).toEqual(['mfn 16000000', 's232-p11021-annex-iii-inclusive-15 0']);
      expect(r.ok && r.plan.decisions.find((d) => d.measure.id === (date < '2026-07-24' ? 's122-10' : 's301-japan-inclusive-12.5'))?.reason).toMatch(/^displaced by s232-p11021-annex-iii-inclusive-15/);
    }
  });

  it('every tier states the 15%-by-weight and US-metal assumptions (note 16(c), (e)) on the line', () => {
    const r = resolveGood(engine, { hts: '84571000', category: null, origin: 'JP', date: '2026-08-01', mfn: null });
    expect(r.ok && r.plan.notes.join('\n')).toMatch(/at least 15% of the article's weight \(HTS note 16\(c\)\)[\s\S]*95% US metal pays inclusive 10% \(9903\.82\.07\/\.08\)/);
  });

  it('an Annex II line is on no tier, unless the annex keeps it for the other metal (9403.99.90.20: aluminum out, steel I-B)', () => {
    const ii = lists.get('p11021-annex-ii')!.entries;
    const tiers = ['p11021-annex-i-a', 'p11021-annex-i-b', 'p11021-annex-iii'].flatMap((id) => lists.get(id)!.entries.map((e) => ({ ...e, id })));
    const both = ii.flatMap((e) => tiers.filter((t) => t.hts === e.hts).map((t) => `${e.hts} II:${e.metal} ${t.id}:${t.metal}`));
    expect(both).toEqual(['9403.99.90.20 II:aluminum p11021-annex-i-b:steel']);
  });
});

describe('auto parts: the HTS note 33(g) list (9903.94.05, .42, .43)', () => {
  it.each([
    ['8407.34.48', '2025-05-02', ['ieepa-pause-10 10']], // before Proc. 10908's parts date
    ['8407.34.48', '2025-05-03', ['s232-parts-25 25']], // note 33(g): 8407.34 engines (QA #29)
    ['8407.34.48', '2025-09-16', ['s232-parts-japan-inclusive-15 14']],
    ['8708.99.81', '2025-05-03', ['ieepa-pause-10 10']], // 8708.99.81 is not among note 33(g)'s 8708.99 lines
    ['8708.29.51', '2025-05-03', ['s232-parts-25 25']], // note 33(g): 8708.29
  ])('%s on %s', (hts, date, want) => expect(applied(hts, date)).toEqual(want));

  it('states on the line what it assumed of auto_part where the description names no vehicle (note 33(f): automobile parts only)', () => {
    // 8407.34 ("engines of a kind used for the propulsion of vehicles of chapter 87"): an automobile part by its description, no note.
    const engine8407 = resolveGood(engine, { hts: '8407344800', category: null, origin: 'JP', date: '2025-10-01', mfn: 2_500_000n });
    expect(engine8407.ok && engine8407.plan.notes.join('\n')).not.toMatch(/passenger vehicle/);
    // 8471 (computers): not one unless the row says so (note 33(h)(ii), 9903.94.06).
    const laptop = resolveGood(engine, { hts: '8471300100', category: null, origin: 'JP', date: '2025-10-01', mfn: null });
    expect(laptop.ok && laptop.plan.notes.join('\n')).toMatch(/auto_part not given: assumed not a part of a passenger vehicle or light truck/);
    expect(laptop.ok && laptop.plan.applied.map((a) => a.measure.id)).not.toContain('s232-parts-japan-inclusive-15');
  });
});

describe('medium and heavy-duty vehicles and parts: HTS note 38 (9903.74.01, .02, .08), not modelled, from 2025-11-01', () => {
  it.each([
    ['8704.22.11', '2025-10-31', ['ieepa-japan-inclusive-15 14']],
    ['8704.22.11', '2025-11-01', /^Section 232 medium and heavy-duty vehicles \(and buses\) applies \(from 2025-11-01\) and is not modelled/], // note 38(b)
    ['8708.99.03', '2025-10-31', ['ieepa-japan-inclusive-15 14']],
    ['8708.99.03', '2025-11-01', /^Section 232 parts of medium and heavy-duty vehicles applies \(from 2025-11-01\)/], // note 38(i), not in 33(g)
    ['8708.50.31', '2025-11-01', ['s232-parts-japan-inclusive-15 14']], // in 38(i) and 33(g): computed as an automobile part
    ['8716.39.00.40', '2025-11-01', ['s232-aluminum-50 50']], // trailers: on neither note 38 list; note 19(k) lists it
  ])('%s on %s', (hts, date, want) => {
    const got = applied(hts, date);
    if (want instanceof RegExp) expect(got).toMatch(want);
    else expect(got).toEqual(want);
  });
});

describe('semiconductors: HTS note 39(b) (9903.79.01), not modelled, from 2026-01-15', () => {
  it.each([
    ['8473.30.11.80', '2026-01-14', []], // outside the reciprocal tariff (Annex II), no semiconductor duty yet
    ['8473.30.11.80', '2026-01-15', /Section 232 semiconductors \(note 39\) applies \(from 2026-01-15\) and is not modelled: .*meets those parameters, and its end use, are not inputs here$/],
    ['8542.31.00', '2026-01-15', []], // integrated circuits of 8542 are not among note 39(b)'s provisions
  ])('%s on %s', (hts, date, want) => {
    const got = applied(hts, date);
    if (want instanceof RegExp) expect(got).toMatch(want);
    else expect(got).toEqual(want);
  });
});

describe('the bundled lists', () => {
  it('every list a measure names is bundled, and every bundled list cites its instrument', () => {
    const named = new Set(schedule.measures.flatMap((m) => [...(m.scope.lists ?? []), ...(m.scope.exclude?.lists ?? [])]));
    for (const id of named) expect(lists.has(id), id).toBe(true);
    for (const l of lists.values()) {
      expect(l.sources.some((s) => s.citation !== undefined || s.document !== undefined), l.id).toBe(true);
      expect(l.confidence, l.id).toMatch(/^(primary|secondary|derived)$/);
    }
  });
});
