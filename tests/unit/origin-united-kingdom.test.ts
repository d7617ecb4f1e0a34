/**
 * United Kingdom (part data/schedules/parts/united-kingdom.json) against DOMAIN-ORIGINS.md section 6: 10% reciprocal
 * throughout (not in EO 14257 Annex I), the Economic Prosperity Deal from 2025-06-30 (passenger cars 7.5% within the
 * quota, 9903.94.31; parts 10%, 9903.94.32), steel/aluminum at 25% while others paid 50% (Proc. 10947 clause 7) and
 * the forced-labor 10% (WH-301FL s.1(a)(i)). Values are $10,000; every figure is worked in its comment.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { duty, price } from './origin-line.js';

const engine = bundledEngine();

describe('UK reciprocal (section 6)', () => {
  it('toy 9503.00.00: 10% on 2025-04-09 too (no Annex I rate), and 10% from 2025-08-07 (9903.02.66) to 2026-02-23', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'GB', date: '2025-04-04' })).toBe('0.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'GB', date: '2025-04-09' })).toBe('1000.00');
    expect(price(engine, { hts: '9503.00.00', origin: 'GB', date: '2025-08-07' })).toMatchObject({ duty: '1000.00', by: { 'ieepa-uk-10': '1000.00' } });
    expect(duty(engine, { hts: '9503.00.00', origin: 'GB', date: '2026-02-23' })).toBe('1000.00');
  });
});

describe('UK Section 232 autos (EPD, from 2025-06-30)', () => {
  it('car 8703.23.01 (MFN 2.5%): 2,750.00 on 2025-06-29 (25% + MFN); 7.5% + MFN = 1,000.00 from 2025-06-30, quota assumed not filled', () => {
    expect(duty(engine, { hts: '8703.23.01', origin: 'GB', date: '2025-06-29' })).toBe('2750.00');
    const p = price(engine, { hts: '8703.23.01', origin: 'GB', date: '2025-06-30' });
    expect(p).toMatchObject({ duty: '1000.00', by: { 's232-vehicles-uk-quota-7.5': '750.00' } });
    expect((p as { notes: string[] }).notes.join(' ')).toMatch(/within the UK quota/);
  });

  it('a light truck 8704.21.01 is not in note 33(i): still 25% + MFN 25% = 5,000.00', () => {
    expect(duty(engine, { hts: '8704.21.01', origin: 'GB', date: '2025-07-01' })).toBe('5000.00');
  });

  it('part 8708.29.51 (MFN 2.5%): a total of 10% from 2025-06-30 (EO 14309 s.2(b); 9903.94.32 prints "10%"): 250.00 + 750.00 = 1,000.00', () => {
    expect(price(engine, { hts: '8708.29.51', origin: 'GB', date: '2025-06-30' })).toMatchObject({ duty: '1000.00', by: { 's232-parts-uk-10': '750.00' } });
    // the day before: the general 25% on top of MFN, 250.00 + 2,500.00.
    expect(duty(engine, { hts: '8708.29.51', origin: 'GB', date: '2025-06-29' })).toBe('2750.00');
  });
});

describe('UK steel and aluminum (Proc. 10947 clause 7)', () => {
  it('semi-finished steel 7207.11.00 (Free) on 2025-07-01: 25% = 2,500.00 from the UK, 50% = 5,000.00 from Germany', () => {
    expect(price(engine, { hts: '7207.11.00', origin: 'GB', date: '2025-07-01' })).toMatchObject({ duty: '2500.00', by: { 's232-steel-uk-25': '2500.00' } });
    expect(duty(engine, { hts: '7207.11.00', origin: 'DE', date: '2025-07-01' })).toBe('5000.00');
  });
});

describe('UK Section 301 forced labor: +10% from 2026-07-24 (not inclusive)', () => {
  it('MFN 3.4%: 340.00 + 1,000.00 = 1,340.00; MFN 20%: 2,000.00 + 1,000.00 = 3,000.00', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'GB', date: '2026-07-24' })).toMatchObject({ duty: '1340.00', by: { 's301-uk-10': '1000.00' } });
    expect(duty(engine, { hts: '4202.19.00', origin: 'GB', date: '2026-07-24' })).toBe('3000.00');
  });
});

describe('UK caps where the general Section 232 measure is not modelled (DOMAIN-ORIGINS section 6)', () => {
  it("wood furniture and pharmaceuticals are refused with the UK's own rate, not the general 25% / 100%", () => {
    const wood = price(engine, { hts: '9401.61.40', origin: 'GB', date: '2025-12-01' });
    expect(wood).toMatchObject({ refused: expect.stringMatching(/United Kingdom, at most 10% .*9903\.76\.20/) });
    const pharma = price(engine, { hts: '3004.90.92', origin: 'GB', date: '2026-10-01' });
    expect(pharma).toMatchObject({ refused: expect.stringMatching(/United Kingdom: patented 0%.*9903\.04\.63/) });
  });
});
