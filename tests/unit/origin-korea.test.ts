/**
 * South Korea (part data/schedules/parts/korea.json) against DOMAIN-ORIGINS.md section 5 and its errata 2 and 5: the
 * Annex I 25%, the EO 14326 15% stacked on MFN to 2025-11-13, the deal's inclusive 15% from 2025-11-14 on the column 1
 * rate applied (General, or KORUS Special when claimed: CSMS #66987366, HTS note 2(v)(xxiv)(a)), autos inclusive 15%
 * from 2025-11-01 (errata 2: 12:01 a.m. EDT) displacing the general 25%, and the forced-labor inclusive 12.5%.
 * Values are $10,000; every figure is worked in its comment.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine, schedule } from '../helpers.js';
import { duty, price } from './origin-line.js';

const engine = bundledEngine();

describe('Korea reciprocal (section 5)', () => {
  it('toy 9503.00.00 (Free): 10% on 2025-04-08, Annex I 25% on 04-09 (9903.01.54), 10% from 04-10', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'KR', date: '2025-04-08' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'KR', date: '2025-04-09' })).toBe('2500.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'KR', date: '2025-04-10' })).toBe('1000.00');
  });

  it('2025-08-07 to 2025-11-13: +15% on top of MFN (9903.02.56): MFN 3.4% pays 340.00 + 1,500.00 = 1,840.00', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'KR', date: '2025-08-07' })).toMatchObject({ duty: '1840.00', by: { 'ieepa-korea-15': '1500.00' } });
    expect(duty(engine, { hts: '3924.10.10', origin: 'KR', date: '2025-11-13' })).toBe('1840.00');
  });

  it('from 2025-11-14 (retroactive): inclusive 15%, MFN 3.4% adds 11.6% (total 1,500.00), MFN 20% adds 0 (9903.02.79)', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'KR', date: '2025-11-14' })).toMatchObject({ duty: '1500.00', by: { 'ieepa-korea-inclusive-15': '1160.00' } });
    expect(duty(engine, { hts: '4202.19.00', origin: 'KR', date: '2025-11-14' })).toBe('2000.00');
    // Section 122 10% from 2026-02-24: 340.00 + 1,000.00.
    expect(duty(engine, { hts: '3924.10.10', origin: 'KR', date: '2026-02-24' })).toBe('1340.00');
  });

  it('the deal counts the column 1 rate applied (note 2(v)(xxiv)(a), CSMS #66987366): KORUS claimed, the Special rate is the MFN of the formula', () => {
    expect(schedule.measures.find((x) => x.id === 'ieepa-korea-inclusive-15')?.rate).toEqual({ kind: 'inclusive', pct: '15', base: 'applied' });
    // 4202.19.00 trunks: General 20%, KORUS Free. Without a claim: MFN 2,000.00, the deal adds 0 (9903.02.79).
    expect(duty(engine, { hts: '4202.19.00', origin: 'KR', date: '2025-12-01' })).toBe('2000.00');
    // With KORUS (spi KR): column 1 is Free, so the deal adds the full 15%: 1,500.00 (cheaper, but not free).
    expect(price(engine, { hts: '4202.19.00', origin: 'KR', date: '2025-12-01', spi: 'KR' })).toMatchObject({ duty: '1500.00', by: { 'ieepa-korea-inclusive-15': '1500.00' } });
  });
});

describe('Korea Section 232 autos: inclusive 15% from 2025-11-01 (errata 2), displacing the general 25% by id', () => {
  it('car 8703.23.01 (MFN 2.5%): 2,750.00 on 2025-10-31 (25% + MFN), 1,500.00 from 2025-11-01 (12.5% + MFN)', () => {
    expect(duty(engine, { hts: '8703.23.01', origin: 'KR', date: '2025-10-31' })).toBe('2750.00');
    expect(price(engine, { hts: '8703.23.01', origin: 'KR', date: '2025-11-01' })).toMatchObject({ duty: '1500.00', by: { 's232-vehicles-korea-inclusive-15': '1250.00' } });
  });

  it('a KORUS car (spi KR, Special Free): the autos deal adds the full 15% (1,500.00), not 12.5% on General', () => {
    expect(price(engine, { hts: '8703.23.01', origin: 'KR', date: '2025-11-01', spi: 'KR' })).toMatchObject({ duty: '1500.00', by: { 's232-vehicles-korea-inclusive-15': '1500.00' } });
    // a diesel light truck 8704.21.01 keeps 25% even under KORUS (Special 25% (KR)): the deal adds 0, total 2,500.00.
    expect(price(engine, { hts: '8704.21.01', origin: 'KR', date: '2025-11-01', spi: 'KR' })).toMatchObject({ duty: '2500.00', by: { 's232-vehicles-korea-inclusive-15': '0.00' } });
  });

  it('part 8708.29.51 (MFN 2.5%): 1,500.00 from 2025-11-01, no reciprocal on top', () => {
    const p = price(engine, { hts: '8708.29.51', origin: 'KR', date: '2025-12-01' });
    expect(p).toMatchObject({ duty: '1500.00', by: { 's232-parts-korea-inclusive-15': '1250.00' } });
    expect(Object.keys((p as { by: object }).by)).not.toContain('ieepa-korea-inclusive-15');
  });
});

describe('Korea Section 301 forced labor (section 5; errata 5: General chosen, UNCONFIRMED)', () => {
  it('with KORUS claimed the forced-labor formula still subtracts column 1 General (the choice made for errata 5): 4202.19.00 adds 0', () => {
    // Special Free is paid as MFN (0.00); General 20% >= 12.5% so the Section 301 adds 0: total 0.00.
    expect(price(engine, { hts: '4202.19.00', origin: 'KR', date: '2026-08-03', spi: 'KR' })).toMatchObject({ duty: '0.00', by: { 's301-korea-inclusive-12.5': '0.00' } });
  });

  it('inclusive 12.5% from 2026-07-24: MFN 3.4% adds 9.1% (total 1,250.00); flagged unconfirmed', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'KR', date: '2026-07-24' })).toMatchObject({ duty: '1250.00', by: { 's301-korea-inclusive-12.5': '910.00' } });
    expect(schedule.measures.find((x) => x.id === 's301-korea-inclusive-12.5')?.confidence).toBe('unconfirmed');
  });
});
