/**
 * Issue 12, law out of code: the unit names a row may give for a specific rate's unit are the schedule's `units`
 * (data/schedules/us.json: the HTS counts items as "No." or "pcs" and writes rates per item "N¢ each"), not a list in
 * code. HTS 2026 Rev. 10 0105.11.00 (chickens): General 0.9¢ each.
 */
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { quantityProblem, unitName } from '../../src/core/compute.js';
import { Resolver } from '../../src/core/resolve.js';
import { computeRow, type LineInput } from '../../src/core/row.js';
import { bundledEngine, lists, mfnLines, mfnTable, originDates, origins, schedule } from '../helpers.js';

const CHICKS: LineInput = { hts: '01051100', category: null, origin: 'JP', date: '2025-10-01', mfn: null, value: 10_000n, quantity: 1_000_000_000n, unit: null, metalValue: null, usContent: null };

describe('unit names (schedule `units`)', () => {
  it('the bundled schedule says "No.", "pcs" and "pc" are counts of items (each), with its sources', () => {
    expect(schedule.units?.aliases).toEqual({ no: 'each', pcs: 'each', pc: 'each' });
    expect(schedule.units?.sources.length).toBeGreaterThan(0);
    expect(schedule.units?.confidence).toBe('derived');
  });

  it.each([
    ['No.', 'each'],
    ['PCS', 'each'],
    [' pc ', 'each'],
    ['each', 'each'],
    ['liters', 'liter'],
    ['Doz.', 'doz'],
    ['kg drained  weight', 'kg drained weight'],
  ])('%j is compared as %j: spelling folded, then the alias', (u, name) => {
    expect(unitName(u, bundledEngine().unitAliases)).toBe(name);
  });

  it('1,000 chicks at 0.9¢ each: the quantity may be given in No. or pcs, never in kg', () => {
    const resolver = new Resolver(bundledEngine());
    for (const unit of [null, 'each', 'No.', 'pcs']) {
      const l = computeRow(resolver, { ...CHICKS, unit });
      expect(l.ok && l.duties.find((d) => d.measure.id === 'mfn')?.amount, String(unit)).toBe(900n);
    }
    expect(computeRow(resolver, { ...CHICKS, unit: 'kg' })).toEqual({ ok: false, refusal: { field: 'quantity', reason: 'the MFN rate is per each, but the quantity is in kg: give it in each' } });
  });

  it('a schedule without `units` takes only the rate\'s own unit name: "pcs" is then not "each"', () => {
    const { units: _, ...bare } = schedule;
    const e = compileEngine(bare, mfnTable, 'as-enacted', null, lists, { mfnLines, origins, originDates });
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    const r = new Resolver(e.value).resolve(CHICKS);
    if (!r.ok) throw new Error(r.refusal.reason);
    expect(quantityProblem(r.plan, { quantity: 1n, unit: 'pcs' })).toBe('the MFN rate is per each, but the quantity is in pcs: give it in each');
    expect(quantityProblem(r.plan, { quantity: 1n, unit: 'each' })).toBeNull();
  });
});
