/**
 * Invariants, as properties over generated inputs (fast-check):
 * no row lost, totals = sum of lines, duties >= 0 and monotone in value,
 * every amount equal to an independent decimal.js computation, and compare
 * totals equal calc totals per scenario.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLineDuty } from '../../src/core/compute.js';
import { normalizeHts } from '../../src/values/hts.js';
import { resolveGood } from '../../src/core/resolve.js';
import { bundledEngine } from '../helpers.js';
import { run } from './fake-io.js';

const D = Decimal.clone({ precision: 50 });
const cents = (money: string) => BigInt(money.replace('.', ''));

const GOODS = ['8703.23.01', '8704.31.01', '8708.29.51.10', '8457.10.00', '7207.11.00', '7601.10.30', '8542.31.00', '8507.60.00', '9018.90.80', '', '87A3'];
const CATEGORIES = ['', 'vehicles', 'auto-parts', 'steel', 'aluminum', 'general', 'pharmaceuticals', 'toys'];

const day = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 86_400_000, max: Date.UTC(2026, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const money = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 13n }).map((c) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`),
  fc.constantFrom('', '-5', '1e3', 'abc', '1,5', '0', '$1,234.56', '999999999999999.99'),
);
const row = fc.record({
  hts: fc.constantFrom(...GOODS),
  category: fc.constantFrom(...CATEGORIES),
  value: money,
  date: fc.oneof(day, fc.constantFrom('2025-02-30', '')),
  mfn: fc.oneof(fc.constant(''), fc.constant('2.5'), fc.integer({ min: 0, max: 400 }).map((n) => (n / 10).toString())),
});
const csvOf = (rows: { hts: string; category: string; value: string; date: string; mfn: string }[]) =>
  ['id,hts,category,value,date,mfn_rate', ...rows.map((r, i) => `r${i},${r.hts},${r.category},"${r.value}",${r.date},${r.mfn}`)].join('\n');

describe('calc invariants', () => {
  it('no row lost; totals = sums of lines; each amount = decimal.js round half up of value x rate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), fc.constantFrom('as-enacted', 'no-deal', 'full-revocation'), async (rows, scenario) => {
        const r = await run(['calc', '--format', 'json', '--date', '2025-10-01', '--scenario', scenario, '-q'], csvOf(rows));
        expect([0, 1]).toContain(r.code);
        const doc = JSON.parse(r.stdout);
        expect(doc.lines.length + doc.rejected.length).toBe(rows.length);
        expect(doc.totals.lines).toBe(doc.lines.length);
        expect(doc.totals.rejected).toBe(doc.rejected.length);
        let duty = 0n;
        let value = 0n;
        for (const line of doc.lines) {
          let sum = 0n;
          for (const d of line.duties) {
            const want = new D(line.value).mul(d.rate).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
            expect(d.amount).toBe(want);
            expect(cents(d.amount) >= 0n).toBe(true);
            sum += cents(d.amount);
          }
          expect(cents(line.duty)).toBe(sum);
          duty += sum;
          value += cents(line.value);
        }
        expect(cents(doc.totals.duty)).toBe(duty);
        expect(cents(doc.totals.value)).toBe(value);
        const byMeasure = doc.totals.duties.reduce((s: bigint, d: { amount: string }) => s + cents(d.amount), 0n);
        expect(byMeasure).toBe(duty);
      }),
      { numRuns: 60 },
    );
  });

  it('compare totals equal calc totals, per scenario', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 15 }), async (rows) => {
        const csv = csvOf(rows);
        const cmp = JSON.parse((await run(['compare', '--format', 'json'], csv)).stdout);
        for (const s of cmp.scenarios) {
          const calc = JSON.parse((await run(['calc', '--format', 'json', '--scenario', s.name, '-q'], csv)).stdout);
          expect(s.totals).toEqual({ lines: calc.totals.lines, rejected: calc.totals.rejected, value: calc.totals.value, duty: calc.totals.duty, effectiveRate: calc.totals.effectiveRate });
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('core invariants', () => {
  const engines = ['as-enacted', 'no-deal', 'full-revocation'].map((s) => bundledEngine(s));

  it('duty is never negative and never decreases when the value grows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...engines),
        fc.constantFrom('8703.23.01', '8704.31.01', '8708.29.51.10', '8457.10.00', '7207.11.00', '7601.10.30'),
        day,
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (engine, hts, date, a, b) => {
          const r = resolveGood(engine, { hts: normalizeHts(hts), category: null, origin: 'JP', date, mfn: null });
          if (!r.ok) throw new Error(r.refusal.reason);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const dLo = computeLineDuty(r.plan, lo).duty;
          const dHi = computeLineDuty(r.plan, hi).duty;
          expect(dLo >= 0n).toBe(true);
          expect(dHi >= dLo).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
