/** Run rates: groups that add up to their total, never more than a cent from exact. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIODS_PER_YEAR, perPeriod, perPeriodParts, percentChange, PERS } from '../../src/core/compare.js';

describe('perPeriodParts', () => {
  it('adds up to the run rate of the total, each part within one cent of its exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 14n }), { minLength: 1, maxLength: 12 }), fc.constantFrom(...PERS), (parts, per) => {
        const shared = perPeriodParts(parts, per);
        const total = parts.reduce((a, b) => a + b, 0n);
        expect(shared.reduce((a, b) => a + b, 0n)).toBe(perPeriod(total, per));
        const n = PERIODS_PER_YEAR[per];
        shared.forEach((s, i) => {
          const exactTimesN = parts[i]!; // s should be within 1 of parts[i] / n
          expect(s * n - exactTimesN < n && exactTimesN - s * n < n).toBe(true);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps annual figures as they are', () => expect(perPeriodParts([1n, 2n], null)).toEqual([1n, 2n]));
});

describe('percentChange', () => {
  it.each([
    [100n, 150n, '50'],
    [150n, 100n, '-33.3333'],
    [3n, 4n, '33.3333'],
    [0n, 5n, null],
    [5n, 5n, '0'],
  ])('%s -> %s', (a, b, want) => expect(percentChange(a, b)).toBe(want));
});
