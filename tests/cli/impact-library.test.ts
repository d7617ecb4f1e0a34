/**
 * Impact figures from the library entry (src/index.ts): rows named like the csv columns, `passThrough` as the
 * flag. The car of tests/e2e/impact.test.ts: 10 cars of 8703.23.01, $300,000.00, 2025-10-01, $36,000.00 each at a
 * 20% margin; the deal adds 12.5% ($3,750.00 a car), no deal 25% ($7,500.00 a car).
 */
import { describe, expect, it } from 'vitest';
import { calc, compare } from '../../src/index.js';

const CARS = { id: 'CARS', hts: '8703.23.01', value: '300000', date: '2025-10-01', quantity: 10, unit_price: '36000', margin: 20 };

describe('library: impact', () => {
  it('calc gives the impact of a line, with passThrough', async () => {
    const r = await calc([CARS], { passThrough: '60' });
    expect(r.lines[0]!.impact).toMatchObject({ addedDutyPerUnit: '3750.00', newPrice: '38250.00', marginLeftPercent: '14.902' });
    expect(r.totals.impact?.revenueAfter).toBe('382500.00');
  });

  it('compare gives the difference per car', async () => {
    const r = await compare([CARS], { scenarios: ['as-enacted', 'no-deal'] });
    expect(r.differences[0]!.impact?.dutyPerUnit).toBe('3750.00');
  });

  it('a bad impact cell is a rejected row, not an error', async () => {
    const r = await calc([{ ...CARS, margin: 120 }]);
    expect(r.rejected).toEqual([expect.objectContaining({ line: 2, field: 'margin' })]);
  });
});
