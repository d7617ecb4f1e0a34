/**
 * Goods from Singapore (data/schedules/parts/singapore.json) against DOMAIN-ORIGINS.md s.14 (and s.15 for the
 * measures every origin pays). The good is a cotton sweater, 6110.20.20, column 1 General 16.5%, on no Section 232
 * list and no exemption list; $10,000 a line, so MFN is $1,650.00.
 */
import { describe, expect, it } from 'vitest';
import { asEnacted, fullRevocation, measure, measuresOf, noDeal, price } from './origin-asean.js';

const SWEATER = { hts: '6110.20.20', origin: 'SG' };

describe('Singapore (DOMAIN-ORIGINS s.14)', () => {
  it('10% throughout the IEEPA period (9903.01.25): in neither Annex I, so 2025-04-09 is 10% too; nothing before 2025-04-05', () => {
    // 04-04: 1,650.00. 04-05, 04-09, 2025-09-01, 2026-02-23: 1,650 + 10% = 2,650.00.
    expect(price({ ...SWEATER, date: '2025-04-04' })).toMatchObject({ duty: '1650.00', measures: ['mfn 16.5'] });
    for (const date of ['2025-04-05', '2025-04-09', '2025-07-09']) expect(price({ ...SWEATER, date }), date).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-singapore-10 10'] });
    for (const date of ['2025-08-07', '2026-02-23']) expect(price({ ...SWEATER, date }), date).toMatchObject({ duty: '2650.00', measures: ['mfn 16.5', 'ieepa-singapore-10-eo14326 10'] });
    expect(measure('ieepa-singapore-10').chapter99).toEqual(['9903.01.25']);
    expect(measure('ieepa-singapore-10-eo14326').chapter99).toEqual(['9903.01.25']);
  });

  it('in transit: loaded before 2025-04-05 and entered before 2025-05-27 exempt (9903.01.28); entered 05-27, 10%', () => {
    expect(price({ ...SWEATER, date: '2025-05-26', loaded: '2025-04-04' })).toMatchObject({ duty: '1650.00' });
    expect(price({ ...SWEATER, date: '2025-05-27', loaded: '2025-04-04' })).toMatchObject({ duty: '2650.00' });
  });

  it('Section 122 10% from 2026-02-24, then the Section 301 12.5% of all others from 2026-07-24 (9903.05.68)', () => {
    // 2026-02-24 and 2026-07-23: 1,650 + 10% = 2,650.00, no IEEPA measure. 2026-07-24: 1,650 + 12.5% = 2,900.00.
    const s122 = price({ ...SWEATER, date: '2026-02-24' }) as { duty: string; measures: string[] };
    expect(s122.duty).toBe('2650.00');
    expect(s122.measures.some((m) => m.startsWith('ieepa-'))).toBe(false);
    expect(price({ ...SWEATER, date: '2026-07-23' })).toMatchObject({ duty: '2650.00' });
    expect(price({ ...SWEATER, date: '2026-07-24' })).toMatchObject({ duty: '2900.00' });
  });

  it('stacking: a Section 232 steel article pays the 232 duty and no reciprocal (s.15e row 2)', () => {
    const steel = price({ hts: '7208.51.00', origin: 'SG', date: '2025-09-01' }) as { duty: string; measures: string[] };
    expect(steel.duty).toBe('5000.00');
    expect(steel.measures.some((m) => m.startsWith('ieepa-'))).toBe(false);
  });

  it('no deal changes nothing for Singapore (it had none); full revocation: MFN only from 2025-07-09', () => {
    for (const date of ['2025-04-09', '2025-09-01', '2026-08-01'])
      expect(price({ ...SWEATER, date }, noDeal), date).toEqual(price({ ...SWEATER, date }, asEnacted));
    expect(price({ ...SWEATER, date: '2025-09-01' }, fullRevocation)).toMatchObject({ duty: '1650.00', measures: ['mfn 16.5'] });
    // Singapore's own measures are reciprocal ones only: no Singapore-specific Section 232 or 301 measure.
    expect(measuresOf('SG').filter((m) => m.scope.origins?.includes('SG')).map((m) => m.id)).toEqual(['ieepa-singapore-10', 'ieepa-singapore-10-eo14326', 'ieepa-singapore-transshipped-40']);
  });

  it('transshipment (EO 14326 s.3): any origin, Singapore too: 40% in lieu of its 10% on rows found transshipped', () => {
    // 2025-10-01: 1,650 + 40% = 5,650.00.
    expect(price({ ...SWEATER, date: '2025-10-01', transshipped: true })).toMatchObject({ duty: '5650.00', measures: ['mfn 16.5', 'ieepa-singapore-transshipped-40 40'] });
  });
});
