/**
 * Goods from Malaysia (data/schedules/parts/malaysia.json) against DOMAIN-ORIGINS.md s.12 (and s.15 for the
 * measures every origin pays). The good is a cotton sweater, 6110.20.20, column 1 General 16.5%, on no Section 232
 * list and no exemption list; $10,000 a line, so MFN is $1,650.00.
 */
import { describe, expect, it } from 'vitest';
import { asEnacted, cites, fullRevocation, measure, noDeal, price } from './origin-asean.js';

const SWEATER = { hts: '6110.20.20', origin: 'MY' };

describe('Malaysia, IEEPA reciprocal (DOMAIN-ORIGINS s.12, rows 1-4)', () => {
  it('10% from 2025-04-05, the Annex I 24% on 2025-04-09 only (9903.01.53, with Japan and Brunei), 10% again from 2025-04-10', () => {
    // 04-08: 1,650 + 10% = 2,650.00. 04-09: 1,650 + 24% = 4,050.00. 04-10: 2,650.00.
    expect(price({ ...SWEATER, date: '2025-04-08' })).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-malaysia-baseline-10 10'] });
    expect(price({ ...SWEATER, date: '2025-04-09' })).toMatchObject({ duty: '4050.00', measures: ['mfn 16.5', 'ieepa-malaysia-24 24'] });
    expect(price({ ...SWEATER, date: '2025-04-10' })).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-malaysia-pause-10 10'] });
    expect(measure('ieepa-malaysia-24').chapter99).toEqual(['9903.01.53']);
  });

  it('19% of EO 14326 Annex I from 2025-08-07 (9903.02.39), kept by the Agreement on Reciprocal Trade; ends 2026-02-24', () => {
    // 08-06: 2,650.00. 08-07 and 2026-02-23: 1,650 + 19% = 3,550.00. 2026-02-24: Section 122 10%, 2,650.00.
    expect(price({ ...SWEATER, date: '2025-08-06' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-08-07' })).toMatchObject({ duty: '3550.00', measures: ['mfn 16.5', 'ieepa-malaysia-19 19'] });
    expect(price({ ...SWEATER, date: '2026-02-23' })).toMatchObject({ duty: '3550.00' });
    expect(price({ ...SWEATER, date: '2026-02-24' })).toMatchObject({ duty: '2650.00' });
    const m = measure('ieepa-malaysia-19');
    expect(m.chapter99).toEqual(['9903.02.39']);
    expect(cites(m)).toMatch(/Agreement between the United States of America and Malaysia on Reciprocal Trade/);
    // The Annex III 0% lines of the agreement are not documented: none is modelled, and the notes say so.
    expect(m.notes).toMatch(/UNCONFIRMED/);
  });

  it('in transit: loaded 2025-04-07 and entered 04-09 pays 10%; loaded before 08-07 and entered before 10-05 pays 10%', () => {
    expect(price({ ...SWEATER, date: '2025-04-09', loaded: '2025-04-07' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-10-04', loaded: '2025-08-06' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2025-10-05', loaded: '2025-08-06' })).toMatchObject({ duty: '3550.00' });
  });

  it('Section 301 forced labor from 2026-07-24: Malaysia 10% (s.12 last row, 9903.05.54, memorandum s.1(a)(i)), not the 12.5% of all others', () => {
    // 2026-07-23: Section 122, 2,650.00. 2026-07-24: 1,650 + 10% = 2,650.00, with s301-malaysia-10 and no 12.5% measure.
    expect(price({ ...SWEATER, date: '2026-07-23' })).toMatchObject({ duty: '2650.00' });
    const fl = price({ ...SWEATER, date: '2026-07-24' }) as { duty: string; measures: string[] };
    expect(fl).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 's301-malaysia-10 10'] });
    // in transit: loaded 07-23, entered 07-27: exempt (9903.05.85), MFN only.
    expect(price({ ...SWEATER, date: '2026-07-27', loaded: '2026-07-23' })).toMatchObject({ duty: '1650.00' });
    expect(measure('s301-malaysia-10').chapter99).toEqual(['9903.05.54']);
  });

  it('stacking: a Section 232 steel article pays the 232 duty and neither the 19% nor the 10% Section 301 (s.15e rows 2 and 6)', () => {
    // 7208.51.00, Free: 50% steel 232 on 2025-09-01 = 5,000.00; from 2026-07-24 Proc. 11021 Annex I-A 50% = 5,000.00.
    for (const date of ['2025-09-01', '2026-08-01']) {
      const steel = price({ hts: '7208.51.00', origin: 'MY', date }) as { duty: string; measures: string[] };
      expect(steel.duty, date).toBe('5000.00');
      expect(steel.measures.some((m) => m.startsWith('ieepa-') || m.startsWith('s301-')), date).toBe(false);
    }
  });

  it('no deal: 24% from 2025-07-09 to 2026-02-24 and the 12.5% Section 301 tier; full revocation: MFN only', () => {
    // no deal 2025-09-01: 1,650 + 24% = 4,050.00. 2026-08-01: 1,650 + 12.5% = 2,900.00 (the all-others tier).
    expect(price({ ...SWEATER, date: '2025-09-01' }, noDeal)).toMatchObject({ duty: '4050.00', measures: ['mfn 16.5', 'ieepa-malaysia-24-no-deal 24'] });
    expect(price({ ...SWEATER, date: '2026-08-01' }, noDeal)).toMatchObject({ duty: '2900.00' });
    expect(price({ ...SWEATER, date: '2026-08-01' }, asEnacted)).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2026-08-01' }, fullRevocation)).toMatchObject({ duty: '1650.00', measures: ['mfn 16.5'] });
  });
});
