/**
 * Taiwan (part data/schedules/parts/taiwan.json) against DOMAIN-ORIGINS.md section 8: Annex I 32%, EO 14326 20% to
 * the end of IEEPA (the announced 15% cap never reached the HTS), auto parts inclusive 15% from 2026-05-01 and the
 * forced-labor inclusive 10%. Values are $10,000; every figure is worked in its comment.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { duty, price } from './origin-line.js';

const engine = bundledEngine();

describe('Taiwan reciprocal (section 8)', () => {
  it('toy 9503.00.00: 10% on 2025-04-08, 32% on 04-09 (9903.01.61), 10% from 04-10', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'TW', date: '2025-04-08' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'TW', date: '2025-04-09' })).toBe('3200.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'TW', date: '2025-04-10' })).toBe('1000.00');
  });

  it('2025-08-07 to 2026-02-23: +20% on top of MFN (9903.02.60), also in January-February 2026: MFN 3.4% pays 340.00 + 2,000.00', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'TW', date: '2025-08-07' })).toMatchObject({ duty: '2340.00', by: { 'ieepa-taiwan-20': '2000.00' } });
    expect(duty(engine, { hts: '3924.10.10', origin: 'TW', date: '2026-02-23' })).toBe('2340.00');
    expect(duty(engine, { hts: '3924.10.10', origin: 'TW', date: '2026-02-24' })).toBe('1340.00'); // Section 122 10%
  });
});

describe('Taiwan Section 232 auto parts: inclusive 15% from 2026-05-01', () => {
  it('part 8708.29.51 (MFN 2.5%): 25% + MFN = 2,750.00 on 2026-04-30; 12.5% + MFN = 1,500.00 from 2026-05-01', () => {
    expect(duty(engine, { hts: '8708.29.51', origin: 'TW', date: '2026-04-30' })).toBe('2750.00');
    expect(price(engine, { hts: '8708.29.51', origin: 'TW', date: '2026-05-01' })).toMatchObject({ duty: '1500.00', by: { 's232-parts-taiwan-inclusive-15': '1250.00' } });
  });

  it('a Taiwanese car has no deal rate: 8703.23.01 pays 25% + MFN = 2,750.00 on 2026-05-01', () => {
    expect(duty(engine, { hts: '8703.23.01', origin: 'TW', date: '2026-05-01' })).toBe('2750.00');
  });
});

describe('Taiwan Section 301 forced labor (WH-301FL s.1(a)(ii))', () => {
  it('inclusive 10% from 2026-07-24: MFN 3.4% adds 6.6% (total 1,000.00); MFN 20% adds 0', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'TW', date: '2026-07-24' })).toMatchObject({ duty: '1000.00', by: { 's301-taiwan-inclusive-10': '660.00' } });
    expect(duty(engine, { hts: '4202.19.00', origin: 'TW', date: '2026-07-24' })).toBe('2000.00');
  });
});
