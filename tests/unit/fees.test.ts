/** Customs fees (DOMAIN.md s.8): MPF per entry clamped to the fiscal year's limits, HMF for ocean shipments. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToEntry, compileFees, entryFees, newEntry, type Mode } from '../../src/core/fees.js';
import { formatCents, parseMoney } from '../../src/values/money.js';
import { FeesSchema } from '../../src/schema/schedule.js';
import { ROOT } from '../helpers.js';

const rules = compileFees(FeesSchema.parse(JSON.parse(readFileSync(resolve(ROOT, 'data/fees/us-customs-fees.json'), 'utf8'))));
const cents = (usd: string) => (parseMoney(usd) as { ok: true; value: bigint }).value;

function fees(lines: string[], date: string, mode: Mode = 'ocean', duty = '1.00') {
  const e = newEntry('E', date, mode);
  for (const v of lines) addToEntry(rules, e, cents(v), cents(duty), date, mode);
  const f = entryFees(rules, e);
  return { mpf: formatCents(f.mpf), hmf: formatCents(f.hmf), fiscalYear: f.fiscalYear, notes: f.notes };
}

describe('MPF', () => {
  it.each([
    // value, date, MPF, fiscal year — DOMAIN.md s.8 and s.11
    ['30000', '2025-10-01', '103.92', 'FY2026'], // between: 0.3464% of $30,000 (s.11)
    ['1000', '2025-10-01', '33.58', 'FY2026'], // 3.46 -> the FY2026 minimum
    ['1000', '2025-09-30', '32.71', 'FY2025'], // the FY2025 minimum, last day of FY2025
    ['500000', '2025-10-01', '651.50', 'FY2026'], // 1,732.00 -> the FY2026 maximum
    ['500000', '2025-06-01', '634.62', 'FY2025'], // the FY2025 maximum
    ['9694.00', '2025-10-01', '33.58', 'FY2026'], // 33.58 exactly at the minimum
    ['188077.37', '2025-10-01', '651.50', 'FY2026'], // 651.50 exactly at the maximum
    // FY2027 (DOMAIN-2026-12 s.3, C14: CBP Dec. 26-14, 91 FR 48398): min $34.58, max $670.86 for entries from 2026-10-01
    ['1000', '2026-09-30', '33.58', 'FY2026'], // last day of FY2026: the FY2026 minimum
    ['1000', '2026-10-01', '34.58', 'FY2027'], // first day of FY2027: the new minimum
    ['500000', '2026-09-30', '651.50', 'FY2026'], // last day of FY2026: the FY2026 maximum
    ['500000', '2026-10-01', '670.86', 'FY2027'], // first day of FY2027: the new maximum
    ['30000', '2026-10-01', '103.92', 'FY2027'], // between the limits: 0.3464% unchanged
    ['9982.68', '2026-10-01', '34.58', 'FY2027'], // 34.5800... exactly at the FY2027 minimum
    ['193666.28', '2026-10-01', '670.86', 'FY2027'], // 670.8600... exactly at the FY2027 maximum
    ['193666.28', '2026-09-30', '651.50', 'FY2026'], // the same value a day earlier is clamped to FY2026's
  ])('$%s entered %s: MPF %s (%s)', (value, date, mpf, fy) => {
    expect(fees([value], date)).toMatchObject({ mpf, fiscalYear: fy });
  });

  it('sums the lines of an entry before clamping (not per line)', () => {
    expect(fees(['5000', '5000'], '2025-10-01').mpf).toBe('34.64'); // 17.32 + 17.32, above the minimum
    expect(fees(['5000'], '2025-10-01').mpf).toBe('33.58'); // each alone would pay the minimum
    expect(fees(['100000', '100000'], '2025-10-01').mpf).toBe('651.50'); // 346.40 + 346.40 -> the maximum once
  });

  it('a later fiscal year with no confirmed figures uses the last known ones and says so', () => {
    const f = fees(['1000'], '2027-10-01');
    expect(f).toMatchObject({ mpf: '34.58', fiscalYear: 'FY2027' });
    expect(f.notes.join(' ')).toMatch(/not in the data \(UNCONFIRMED\): used FY2027's/);
    expect(fees(['1000'], '2027-09-30').notes).toEqual([]); // FY2027 runs to 2027-09-30
  });
});

describe('HMF', () => {
  it('0.125% of value, ocean only (s.11: $37.50 on $30,000)', () => {
    expect(fees(['30000'], '2025-10-01', 'ocean').hmf).toBe('37.50');
    for (const mode of ['air', 'truck', 'rail'] as const) expect(fees(['30000'], '2025-10-01', mode).hmf).toBe('0.00');
  });

  it('is summed over the entry, with no minimum or maximum', () => {
    expect(fees(['0.40', '0.40'], '2025-10-01').hmf).toBe('0.00'); // 0.0005 -> 0.00 per line
    expect(fees(['10000000'], '2025-10-01').hmf).toBe('12500.00');
  });
});

describe('the per-row path agrees with the entry path', () => {
  it('ownEntryFees = entryFees of a one-line entry, for many values, dates and modes', async () => {
    const fc = (await import('fast-check')).default;
    const { ownEntryFees } = await import('../../src/core/fees.js');
    const day = fc.integer({ min: Date.UTC(2024, 9, 1) / 864e5, max: Date.UTC(2027, 0, 1) / 864e5 }).map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), day, fc.constantFrom<Mode>('ocean', 'air', 'truck', 'rail'), (value, duty, date, mode) => {
        const e = newEntry('1', date, mode);
        addToEntry(rules, e, value, duty, date, mode);
        expect(ownEntryFees(rules, '1', value, duty, date, mode)).toEqual(entryFees(rules, e));
      }),
      { numRuns: 1000 },
    );
  });
});
