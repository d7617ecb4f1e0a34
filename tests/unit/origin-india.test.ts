/**
 * India (part data/schedules/parts/india.json) against DOMAIN-ORIGINS.md section 9: Annex I 26%, EO 14326 25%, the
 * Russian-oil 25% of EO 14329 stacked on it from 2025-08-27 to 2026-02-06 (ended by EO 14384), its in-transit rule
 * (9903.01.85) and exemptions (Annex II goods, 9903.01.86; Section 232 goods, 9903.01.87), and the forced-labor 10%.
 * Values are $10,000; every figure is worked in its comment.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { duty, price } from './origin-line.js';

const engine = bundledEngine();

describe('India reciprocal (section 9)', () => {
  it('toy 9503.00.00: 10% on 2025-04-08, 26% on 04-09 (9903.01.55), 10% from 04-10, 25% from 2025-08-07 (9903.02.26)', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-04-08' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-04-09' })).toBe('2600.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-04-10' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-08-26' })).toBe('2500.00');
  });
});

describe('India Russian-oil duty (EO 14329, 9903.01.84): 2025-08-27 to 2026-02-06', () => {
  it('stacks on the reciprocal: toy 25% + 25% = 5,000.00 from 2025-08-27 to 2026-02-06; 2,500.00 from 2026-02-07', () => {
    expect(price(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-08-27' })).toMatchObject({
      duty: '5000.00',
      by: { 'ieepa-india-25': '2500.00', 'ieepa-india-russian-oil-25': '2500.00' },
    });
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2026-02-06' })).toBe('5000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2026-02-07' })).toBe('2500.00');
  });

  it('in transit (9903.01.85): loaded before 2025-08-27 and entered before 2025-09-17 pays no Russian-oil duty', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-09-16', loaded: '2025-08-26' })).toBe('2500.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'IN', date: '2025-09-17', loaded: '2025-08-26' })).toBe('5000.00');
  });

  it('exempt: Annex II goods (smartphone 8517.13.00, 9903.01.86) and Section 232 goods (steel 7207.11.00, 9903.01.87)', () => {
    expect(duty(engine, { hts: '8517.13.00', origin: 'IN', date: '2025-09-01' })).toBe('0.00');
    // 7207.11.00 (Free) pays the steel 232 at 50% only: 5,000.00.
    expect(duty(engine, { hts: '7207.11.00', origin: 'IN', date: '2025-09-01' })).toBe('5000.00');
  });
});

describe('India Section 301 forced labor (WH-301FL s.1(a)(i)): +10% from 2026-07-24', () => {
  it('MFN 3.4%: 340.00 + 1,000.00 = 1,340.00; the Section 122 10% the day before gives the same', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'IN', date: '2026-07-24' })).toMatchObject({ duty: '1340.00', by: { 's301-india-10': '1000.00' } });
    expect(duty(engine, { hts: '3924.10.10', origin: 'IN', date: '2026-07-23' })).toBe('1340.00');
  });
});
