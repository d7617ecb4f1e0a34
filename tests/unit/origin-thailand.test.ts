/**
 * Goods from Thailand (data/schedules/parts/thailand.json) against DOMAIN-ORIGINS.md s.11 (and s.15 for the measures
 * every origin pays). The good is a cotton sweater, 6110.20.20, column 1 General 16.5%, on no Section 232 list and
 * no exemption list; $10,000 a line, so MFN is $1,650.00.
 */
import { describe, expect, it } from 'vitest';
import { asEnacted, cites, fullRevocation, measure, noDeal, price } from './origin-asean.js';

const SWEATER = { hts: '6110.20.20', origin: 'TH' };

describe('Thailand, IEEPA reciprocal (DOMAIN-ORIGINS s.11, rows 1-4)', () => {
  it('10% from 2025-04-05, the Annex I 36% on 2025-04-09 only (9903.01.65), 10% again from 2025-04-10 (EO 14266)', () => {
    // 2025-04-04: MFN only, 1,650.00. 04-05 and 04-08: 1,650 + 10% = 2,650.00. 04-09: 1,650 + 36% = 5,250.00. 04-10: 2,650.00.
    expect(price({ ...SWEATER, date: '2025-04-04' })).toMatchObject({ duty: '1650.00', measures: ['mfn 16.5'] });
    expect(price({ ...SWEATER, date: '2025-04-05' })).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-thailand-baseline-10 10'] });
    expect(price({ ...SWEATER, date: '2025-04-08' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-04-09' })).toMatchObject({ duty: '5250.00', measures: ['mfn 16.5', 'ieepa-thailand-36 36'] });
    expect(price({ ...SWEATER, date: '2025-04-10' })).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-thailand-pause-10 10'] });
    expect(measure('ieepa-thailand-36').chapter99).toEqual(['9903.01.65']);
  });

  it('19% of EO 14326 Annex I from 2025-08-07 (9903.02.61) to the end of IEEPA collection on 2026-02-24; then Section 122 10%', () => {
    // 08-06: 2,650.00 (pause). 08-07 and 2026-02-23: 1,650 + 19% = 3,550.00. 2026-02-24: 1,650 + Section 122 10% = 2,650.00.
    expect(price({ ...SWEATER, date: '2025-08-06' })).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-thailand-pause-extended-10 10'] });
    expect(price({ ...SWEATER, date: '2025-08-07' })).toMatchObject({ duty: '3550.00', measures: ['mfn 16.5', 'ieepa-thailand-19 19'] });
    expect(price({ ...SWEATER, date: '2026-02-23' })).toMatchObject({ duty: '3550.00' });
    const after = price({ ...SWEATER, date: '2026-02-24' }) as { duty: string; measures: string[] };
    expect(after.duty).toBe('2650.00');
    expect(after.measures.some((m) => m.startsWith('ieepa-'))).toBe(false);
    const m = measure('ieepa-thailand-19');
    expect(m.chapter99).toEqual(['9903.02.61']);
    expect(cites(m)).toMatch(/Executive Order 14326.*90 FR 37963/);
    expect(m.notes).toMatch(/9903\.02\.01/); // transshipment at 40%, EO 14326 s.3
  });

  it('in transit: loaded before 2025-04-05 and entered before 05-27 exempt (9903.01.28); loaded before 08-07 and entered before 10-05 at 10%', () => {
    // loaded 04-04, entered 04-09: no reciprocal, 1,650.00. loaded 04-07, entered 04-09: 10% instead of 36%, 2,650.00.
    expect(price({ ...SWEATER, date: '2025-04-09', loaded: '2025-04-04' })).toMatchObject({ duty: '1650.00' });
    expect(price({ ...SWEATER, date: '2025-04-09', loaded: '2025-04-07' })).toMatchObject({ duty: '2650.00' });
    // loaded 08-06: entered 10-04 pays 10% (2,650.00); entered 10-05 pays the 19% (3,550.00).
    expect(price({ ...SWEATER, date: '2025-10-04', loaded: '2025-08-06' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-10-05', loaded: '2025-08-06' })).toMatchObject({ duty: '3550.00' });
  });

  it('US content of 20% or more: the 19% applies to the non-US share only (9903.01.34)', () => {
    // 25% US content: 19% x 7,500 = 1,425.00, plus MFN 1,650.00 = 3,075.00.
    expect(price({ ...SWEATER, date: '2025-09-01', usContent: '25' })).toMatchObject({ duty: '3075.00' });
  });

  it('stacking: a Section 232 steel article pays the 232 duty and no reciprocal (s.15e row 2); Annex II goods pay none (smartphone)', () => {
    // 7208.51.00, Free, 2025-09-01: Section 232 steel 50% on the whole value (metal_value not given) = 5,000.00, no 19%.
    const steel = price({ hts: '7208.51.00', origin: 'TH', date: '2025-09-01' }) as { duty: string; measures: string[] };
    expect(steel.duty).toBe('5000.00');
    expect(steel.measures.some((m) => m.startsWith('ieepa-'))).toBe(false);
    // 8517.13.00, Free, on EO 14257 Annex II (electronics memorandum): 0.00 on 2025-04-09.
    expect(price({ hts: '8517.13.00', origin: 'TH', date: '2025-04-09' })).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
  });

  it('Section 301 forced labor from 2026-07-24: the 12.5% of all others (s.11 last row, 9903.05.77), not stacked on Section 122', () => {
    // 2026-07-23: Section 122 10%, 2,650.00. 2026-07-24: 1,650 + 12.5% = 2,900.00. Loaded 07-23, entered 07-27: exempt, 1,650.00.
    expect(price({ ...SWEATER, date: '2026-07-23' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2026-07-24' })).toMatchObject({ duty: '2900.00' });
    expect(price({ ...SWEATER, date: '2026-07-27', loaded: '2026-07-23' })).toMatchObject({ duty: '1650.00' });
  });

  it('no deal: the Annex I 36% returns when the pause ends (2025-07-09) until 2026-02-24; full revocation: MFN only from 2025-07-09', () => {
    // no deal, 2025-07-08: 2,650.00 (pause); 07-09 and 2025-09-01: 1,650 + 36% = 5,250.00; 2026-02-24: Section 122, 2,650.00.
    expect(price({ ...SWEATER, date: '2025-07-08' }, noDeal)).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-07-09' }, noDeal)).toMatchObject({ duty: '5250.00', measures: ['mfn 16.5', 'ieepa-thailand-36-no-deal 36'] });
    expect(price({ ...SWEATER, date: '2025-09-01' }, noDeal)).toMatchObject({ duty: '5250.00' });
    expect(price({ ...SWEATER, date: '2026-02-24' }, noDeal)).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-09-01' }, fullRevocation)).toMatchObject({ duty: '1650.00', measures: ['mfn 16.5'] });
    expect(price({ ...SWEATER, date: '2025-09-01' }, asEnacted)).toMatchObject({ duty: '3550.00' });
  });
});
