/**
 * The row pipeline (src/core/row.ts): resolve → check → compute, the one path calc, compare, explain and timeline
 * take. Figures from the bundled schedule: DOMAIN.md s.11 (the $30,000 Japanese car), and the official HTS 2026
 * Rev. 10 General rate of 0406.10.08 ($1.509/kg, a specific rate: the duty is on the quantity in kg).
 */
import { describe, expect, it } from 'vitest';
import { computeLineDuty, quantityProblem } from '../../src/core/compute.js';
import { Resolver, resolveGood, type GoodInput } from '../../src/core/resolve.js';
import { computeRow, rateRow, type LineInput } from '../../src/core/row.js';
import { bundledEngine } from '../helpers.js';

const engine = bundledEngine();

function row(o: Partial<LineInput>): LineInput {
  return { hts: null, category: null, origin: 'JP', date: '2025-10-01', mfn: null, value: 3_000_000n, quantity: null, unit: null, metalValue: null, usContent: null, ...o };
}

const CAR = row({ hts: '87032301' }); // $30,000.00
const CHEESE = row({ hts: '04061008', value: 100_000n }); // $1,000.00, General $1.509/kg

describe('computeRow', () => {
  it('a car from Japan after the US-Japan deal: MFN 2.5% + Section 232 autos inclusive 15% (12.5% more) = $4,500.00 (DOMAIN.md s.11)', () => {
    const l = computeRow(new Resolver(engine), CAR);
    if (!l.ok) throw new Error(l.refusal.reason);
    expect(l.row).toBe(CAR);
    expect(l.duty).toBe(450_000n);
    expect(l.duties.map((d) => [d.measure.id, d.amount])).toEqual([
      ['mfn', 75_000n],
      ['s232-vehicles-japan-inclusive-15', 375_000n],
    ]);
  });

  it('a specific MFN rate: the duty is on the quantity, 500 kg x $1.509 = $754.50 (HTS General column, 0406.10.08)', () => {
    const l = computeRow(new Resolver(engine), { ...CHEESE, quantity: 500_000_000n, unit: 'kg' });
    expect(l.ok && l.duty).toBe(75_450n);
  });

  it.each([
    [{}, 'the MFN rate is $1.509/kg: give quantity (in kg)'],
    [{ quantity: 500_000_000n, unit: 'liters' }, 'the MFN rate is per kg, but the quantity is in liters: give it in kg'],
  ])('check: a specific MFN rate without its quantity in its unit is refused on the quantity field (%o)', (o, reason) => {
    expect(computeRow(new Resolver(engine), { ...CHEESE, ...o })).toEqual({ ok: false, refusal: { field: 'quantity', reason } });
  });

  it('resolve: a refusal of the plan is the row\'s, on the field it names (an origin the schedule does not cover)', () => {
    const l = computeRow(new Resolver(engine), row({ hts: '87032301', origin: 'ZZ' }));
    expect(l.ok).toBe(false);
    expect(!l.ok && l.refusal.field).toBe('origin');
  });

  it('equals the steps taken one by one, resolved afresh, on every code and origin of a sample (the memo changes nothing)', () => {
    const resolver = new Resolver(engine);
    const codes = ['87032301', '8708295110', '76011030', '84571000', '04061008', '94032000', '6109100012', '8703230100'];
    for (const origin of ['JP', 'CN', 'DE', 'MX', 'GB', 'VN']) {
      for (const hts of codes) {
        for (const date of ['2025-03-20', '2025-10-01', '2026-06-01']) {
          const r = row({ hts, origin, date, value: 1_234_567n, quantity: 7_000_000n, unit: 'kg' });
          const got = computeRow(resolver, r);
          const plan = resolveGood(engine, r);
          if (!plan.ok) {
            expect(got).toEqual({ ok: false, refusal: plan.refusal });
            continue;
          }
          const qp = quantityProblem(plan.plan, r);
          if (qp !== null) {
            expect(got).toEqual({ ok: false, refusal: { field: 'quantity', reason: qp } });
            continue;
          }
          const d = computeLineDuty(plan.plan, r.value, r.quantity, r);
          expect(got.ok && [got.duty, got.refundable, got.duties.map((x) => `${x.measure.id}:${x.rate}:${x.amount}`)]).toEqual([d.duty, d.refundable, d.duties.map((x) => `${x.measure.id}:${x.rate}:${x.amount}`)]);
        }
      }
    }
  });
});

describe('rateRow (timeline)', () => {
  it('the rate is the sum of the applied measures\' rates: 2.5% + 12.5% = 15% for the car (DOMAIN.md s.11)', () => {
    const r = rateRow(new Resolver(engine), CAR as GoodInput);
    expect(r.ok && r.rate).toBe(15_000_000n);
  });

  it('check: a specific MFN rate has no rate over time without a value and quantity: refused on mfn_rate', () => {
    expect(rateRow(new Resolver(engine), CHEESE)).toEqual({
      ok: false,
      refusal: { field: 'mfn_rate', reason: 'the MFN rate is $1.509/kg: a rate over time needs an ad valorem MFN; give mfn_rate (--mfn-rate)' },
    });
  });
});
