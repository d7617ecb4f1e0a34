/**
 * The impact columns' reader (src/schema/impact-row.ts): its per-row path and the full check agree on every row,
 * so that reading faster changes no value and no reason (README "From duty to impact": the impact columns).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImpact, readImpactFully } from '../../src/schema/impact-row.js';
import { readHeader } from '../../src/schema/row.js';

const HEADERS = [
  ['value', 'hts', 'quantity', 'unit_price', 'margin', 'freight'],
  ['value', 'hts', 'quantity', 'unit_price', 'unit_cost', 'insurance', 'other_costs'],
  ['value', 'hts', 'quantity', 'unit_price', 'margin', 'unit_cost', 'freight', 'insurance', 'other_costs'],
  ['value', 'hts', 'quantity', 'freight'],
  ['Unit_Price', 'value', 'margin', 'hts', 'quantity'],
];

/** Cells as users write them: plain and grouped money, signs, too many decimals, spaces, percents, junk. */
const moneyCell = fc.oneof(
  fc.constant(''),
  fc.constant(' '),
  fc.bigInt({ min: 0n, max: 10n ** 9n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.constantFrom('0', '0.00', '0.01', '0.001', '-5', '$1,234.56', '1,234', ' 12.5 ', '1e3', 'abc', '12.', '.5', '99999999999999.99', '1234567890123456'),
);
const marginCell = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 99_999_999 }).map((m) => `${Math.floor(m / 1_000_000)}.${String(m % 1_000_000).padStart(6, '0')}`),
  fc.integer({ min: 0, max: 120 }).map(String),
  fc.constantFrom('100', '99.999999', '50%', ' 20 ', '-1', 'x', '1000', '1001', 'free', '83.333334', '83.333333'),
);
const quantity = fc.option(fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 100n }).map((n) => n * 1_000_000n)));

describe('readImpact', () => {
  it('reads every row as readImpactFully does: the same values, or the same column and reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEADERS), fc.array(fc.oneof(moneyCell, marginCell), { minLength: 9, maxLength: 9 }), quantity, (names, pool, q) => {
        const h = readHeader(names);
        if (!h.ok) throw new Error(h.problem.message);
        // Each column gets a cell of its kind most of the time, of the other kind sometimes.
        const cells = names.map((_, i) => pool[i]!);
        expect(readImpact(cells, h.header, q)).toEqual(readImpactFully(cells, h.header, q));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees where a margin leaves a unit cost of about half a cent (the row check refuses $0.00)', () => {
    const h = readHeader(['value', 'hts', 'quantity', 'unit_price', 'margin']);
    if (!h.ok) throw new Error(h.problem.message);
    const tiny = fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 40_000_000, max: 99_999_999 }));
    for (const [cents, m] of [...fc.sample(tiny, 3000), [1, 50_000_000], [1, 50_000_001], [3, 83_333_333], [3, 83_333_334]] as const) {
      const cells = ['100', '8703.23.01', '1', `0.${String(cents).padStart(2, '0')}`, `${Math.floor(m / 1_000_000)}.${String(m % 1_000_000).padStart(6, '0')}`];
      expect(readImpact(cells, h.header, 1_000_000n)).toEqual(readImpactFully(cells, h.header, 1_000_000n));
    }
  });

  it('takes the per-row path for the rows of the bench file, with their values', () => {
    const h = readHeader(['id', 'hts', 'category', 'origin', 'value_usd', 'entry_date', 'mfn_rate', 'note', 'quantity', 'unit_price', 'margin', 'freight']);
    if (!h.ok) throw new Error(h.problem.message);
    const cells = ['JP-00000001', '7601.10.30', 'aluminum', 'JP', '64659.32', '2026-04-01', '', '', '43', '1729.00', '23', '731.43'];
    expect(readImpact(cells, h.header, 43_000_000n)).toEqual({ ok: true, value: { unitPrice: 172_900n, margin: 23_000_000n, unitCost: null, freight: 73_143n, insurance: null, otherCosts: null } });
    // Another header after it: the columns are found again.
    const h2 = readHeader(['value', 'hts', 'quantity', 'unit_price', 'unit_cost']);
    if (!h2.ok) throw new Error(h2.problem.message);
    expect(readImpact(['100', '8703.23.01', '2', '10.00', '7.50'], h2.header, 2_000_000n)).toEqual({ ok: true, value: { unitPrice: 1_000n, margin: null, unitCost: 750n, freight: null, insurance: null, otherCosts: null } });
    expect(readImpact(['100', '8703.23.01', '2', '10.00', '0'], h2.header, 2_000_000n)).toEqual({ ok: false, field: 'unit_cost', reason: 'a unit cost of 0 leaves nothing to compute a margin on; give it above 0, or leave the cell empty' });
  });
});
