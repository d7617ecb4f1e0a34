/**
 * Switzerland and Liechtenstein (part data/schedules/parts/switzerland.json) against DOMAIN-ORIGINS.md section 10:
 * Annex I 31% / 37%, the EO 14326 39% / 15% stacked on MFN to 2025-11-13, the framework's inclusive 15% on column 1
 * General from 2025-11-14 (HTS note 2(v)(xxv)(a), CSMS #67133044) with the note 2(v)(xxv)(b) list exempt, and the
 * Swiss forced-labor inclusive 12.5%. Values are $10,000; every figure is worked in its comment.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { duty, price } from './origin-line.js';

const engine = bundledEngine();

describe('Switzerland and Liechtenstein reciprocal (section 10)', () => {
  it('toy 9503.00.00 on 2025-04-09: Switzerland 31% (9903.01.60), Liechtenstein 37% (9903.01.66); 10% either side', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'CH', date: '2025-04-09' })).toBe('3100.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'LI', date: '2025-04-09' })).toBe('3700.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'CH', date: '2025-04-08' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'LI', date: '2025-04-10' })).toBe('1000.00');
  });

  it('2025-08-07 to 2025-11-13, stacked on MFN 3.4%: Switzerland 340.00 + 3,900.00 = 4,240.00; Liechtenstein 340.00 + 1,500.00 = 1,840.00', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'CH', date: '2025-08-07' })).toMatchObject({ duty: '4240.00', by: { 'ieepa-switzerland-39': '3900.00' } });
    expect(duty(engine, { hts: '3924.10.10', origin: 'CH', date: '2025-11-13' })).toBe('4240.00');
    expect(price(engine, { hts: '3924.10.10', origin: 'LI', date: '2025-08-07' })).toMatchObject({ duty: '1840.00', by: { 'ieepa-liechtenstein-15': '1500.00' } });
  });

  it('from 2025-11-14 (retroactive): inclusive 15%, MFN 3.4% adds 11.6% (total 1,500.00), MFN 20% adds 0, for both', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'CH', date: '2025-11-14' })).toMatchObject({ duty: '1500.00', by: { 'ieepa-switzerland-inclusive-15': '1160.00' } });
    expect(price(engine, { hts: '3924.10.10', origin: 'LI', date: '2025-11-14' })).toMatchObject({ duty: '1500.00', by: { 'ieepa-liechtenstein-inclusive-15': '1160.00' } });
    expect(duty(engine, { hts: '4202.19.00', origin: 'CH', date: '2026-01-15' })).toBe('2000.00');
  });

  it('note 2(v)(xxv)(b) goods (9903.02.84/.89): live rabbits 0106.14.00 (Free) pay 39% on 2025-11-13 and nothing from 2025-11-14', () => {
    expect(duty(engine, { hts: '0106.14.00', origin: 'CH', date: '2025-11-13' })).toBe('3900.00');
    expect(duty(engine, { hts: '0106.14.00', origin: 'CH', date: '2025-11-14' })).toBe('0.00');
    expect(duty(engine, { hts: '0106.14.00', origin: 'LI', date: '2025-11-14' })).toBe('0.00');
  });
});

describe('Switzerland Section 301 forced labor (WH-301FL s.1(a)(ii))', () => {
  it('inclusive 12.5% from 2026-07-24: MFN 3.4% adds 9.1% (total 1,250.00)', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'CH', date: '2026-07-24' })).toMatchObject({ duty: '1250.00', by: { 's301-switzerland-inclusive-12.5': '910.00' } });
  });

  it('Liechtenstein is not one of the 60 economies: no forced-labor duty, MFN 340.00 only (the general 12.5% displaced by id)', () => {
    const p = price(engine, { hts: '3924.10.10', origin: 'LI', date: '2026-07-24' });
    expect(p).toMatchObject({ duty: '340.00' });
    expect(Object.keys((p as { by: object }).by)).not.toContain('s301-forced-labor-12.5');
    // the day before, Section 122 10%: 340.00 + 1,000.00.
    expect(duty(engine, { hts: '3924.10.10', origin: 'LI', date: '2026-07-23' })).toBe('1340.00');
  });
});
