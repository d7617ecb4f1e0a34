/**
 * European Union (part data/schedules/parts/eu.json) against DOMAIN-ORIGINS.md section 1: the reciprocal steps, the
 * inclusive 15% formula on column 1 General (EO 14326 Annex I, CSMS #66336270), the natural-resources exemption from
 * 2025-09-01 (note 2(v)(xx)), the autos deal (inclusive 15% from 2025-08-01, displacing the general 25%) and the
 * forced-labor inclusive 10% from 2026-07-24. Values are $10,000 unless said; every figure is worked in its comment.
 */
import { describe, expect, it } from 'vitest';
import { applyScenario } from '../../src/core/scenario.js';
import { bundledEngine, schedule } from '../helpers.js';
import { duty, price } from './origin-line.js';

const engine = bundledEngine();
const eu = schedule.measures.filter((m) => m.id.includes('-eu-'));

describe('EU: origins and sources', () => {
  it('the 27 member states by their own ISO codes (Greece GR), every EU measure covering all of them and citing its source', () => {
    const states = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
    expect(eu.length).toBeGreaterThanOrEqual(8);
    for (const m of eu) {
      expect([...(m.scope.origins ?? [])].sort(), m.id).toEqual([...states].sort());
      expect(m.sources.length, m.id).toBeGreaterThan(0);
      expect(m.chapter99?.length, m.id).toBeGreaterThan(0);
    }
    // A toy from any member state pays the same: Annex I 20% on 2025-04-09 (9903.01.50).
    for (const o of ['DE', 'FR', 'GR', 'MT']) expect(duty(engine, { hts: '9503.00.00', origin: o, date: '2025-04-09' })).toBe('2000.00');
  });
});

describe('EU reciprocal steps (section 1a)', () => {
  it('toy 9503.00.00 (MFN Free): 10% on 2025-04-08, Annex I 20% on 04-09, 10% from 04-10 (pause), to 2025-08-06', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'FR', date: '2025-04-04' })).toBe('0.00'); // before EO 14257
    expect(duty(engine, { hts: '9503.00.00', origin: 'FR', date: '2025-04-08' })).toBe('1000.00'); // 10% x 10,000
    expect(duty(engine, { hts: '9503.00.00', origin: 'FR', date: '2025-04-09' })).toBe('2000.00'); // 20%
    expect(duty(engine, { hts: '9503.00.00', origin: 'FR', date: '2025-04-10' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'FR', date: '2025-08-06' })).toBe('1000.00');
  });

  it('inclusive 15% from 2025-08-07: MFN 3.4% adds 11.6% (total 1,500.00); MFN 20% adds 0; MFN Free adds 15%', () => {
    // 3924.10.10 plastic tableware, General 3.4%: MFN 340.00 + (15 - 3.4)% = 1,160.00 -> 1,500.00.
    const t = price(engine, { hts: '3924.10.10', origin: 'IT', date: '2025-08-07' });
    expect(t).toMatchObject({ duty: '1500.00', by: { 'ieepa-eu-inclusive-15': '1160.00' } });
    // 4202.19.00 trunks, General 20% (>= 15): MFN 2,000.00 only (9903.02.19).
    expect(price(engine, { hts: '4202.19.00', origin: 'IT', date: '2025-08-07' })).toMatchObject({ duty: '2000.00', by: { 'ieepa-eu-inclusive-15': '0.00' } });
    // the day before: MFN 340.00 + pause 10% 1,000.00.
    expect(duty(engine, { hts: '3924.10.10', origin: 'IT', date: '2025-08-06' })).toBe('1340.00');
    // last IEEPA day 2026-02-23 still 15%; from 2026-02-24 the Section 122 10% instead (MFN 340.00 + 1,000.00).
    expect(duty(engine, { hts: '3924.10.10', origin: 'IT', date: '2026-02-23' })).toBe('1500.00');
    expect(duty(engine, { hts: '3924.10.10', origin: 'IT', date: '2026-02-24' })).toBe('1340.00');
  });

  it('in transit (EO 14326 s.2(e)): loaded before 2025-08-07 and entered before 2025-10-05 stays at 10%', () => {
    expect(duty(engine, { hts: '9503.00.00', origin: 'NL', date: '2025-10-04', loaded: '2025-08-06' })).toBe('1000.00');
    expect(duty(engine, { hts: '9503.00.00', origin: 'NL', date: '2025-10-05', loaded: '2025-08-06' })).toBe('1500.00');
  });

  it('natural resources of note 2(v)(xx) (9903.02.74): natural cork 4501.10.00 pays 15% to 2025-08-31, nothing from 2025-09-01', () => {
    expect(duty(engine, { hts: '4501.10.00', origin: 'PT', date: '2025-08-31' })).toBe('1500.00'); // Free + 15%
    expect(duty(engine, { hts: '4501.10.00', origin: 'PT', date: '2025-09-01' })).toBe('0.00');
  });
});

describe('EU Section 232 autos (section 1b): inclusive 15% from 2025-08-01, displacing the general 25% by id', () => {
  it('car 8703.23.01 (MFN 2.5%): 25% + MFN = 2,750.00 on 2025-07-31; 12.5% + MFN = 1,500.00 from 2025-08-01, no reciprocal', () => {
    expect(duty(engine, { hts: '8703.23.01', origin: 'DE', date: '2025-07-31' })).toBe('2750.00');
    const p = price(engine, { hts: '8703.23.01', origin: 'DE', date: '2025-08-01' });
    expect(p).toMatchObject({ duty: '1500.00', by: { 's232-vehicles-eu-inclusive-15': '1250.00' } });
    expect(Object.keys((p as { by: object }).by)).not.toContain('s232-vehicles-25');
    // A light truck 8704.21.01 (MFN 25% >= 15): the deal adds 0, total 2,500.00.
    expect(duty(engine, { hts: '8704.21.01', origin: 'DE', date: '2025-09-01' })).toBe('2500.00');
  });

  it('part 8708.29.51 (note 33(g), MFN 2.5%): 12.5% from 2025-08-01 (total 1,500.00)', () => {
    expect(price(engine, { hts: '8708.29.51', origin: 'SE', date: '2025-08-01' })).toMatchObject({ duty: '1500.00', by: { 's232-parts-eu-inclusive-15': '1250.00' } });
  });
});

describe('EU Section 301 forced labor (section 1a, WH-301FL s.1(a)(ii)): inclusive 10% from 2026-07-24', () => {
  it('MFN 3.4% adds 6.6% (total 1,000.00); MFN 20% adds 0; Section 122 10% the day before', () => {
    expect(price(engine, { hts: '3924.10.10', origin: 'ES', date: '2026-07-24' })).toMatchObject({ duty: '1000.00', by: { 's301-eu-inclusive-10': '660.00' } });
    expect(duty(engine, { hts: '4202.19.00', origin: 'ES', date: '2026-07-24' })).toBe('2000.00');
    expect(duty(engine, { hts: '3924.10.10', origin: 'ES', date: '2026-07-23' })).toBe('1340.00');
  });
});

describe('scenarios over an origin measure', () => {
  it('a modify that gives a new scope keeps the measure to its origins (the EU autos deal does not spread to Japan)', () => {
    const r = applyScenario(schedule, {
      id: 't', title: 't', base: 'us', description: 'd',
      changes: [{ op: 'modify', measure: 's232-parts-eu-inclusive-15', set: { scope: { categories: ['auto-parts'], lists: ['s232-auto-parts-note33g'], exclude: { hts: ['8471'] } } } }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.measures.find((m) => m.id === 's232-parts-eu-inclusive-15')?.scope.origins).toHaveLength(27);
    expect(r.value.measures.find((m) => m.id === 's232-parts-eu-inclusive-15')?.scope.exclude).toEqual({ hts: ['8471'] });
  });
});
