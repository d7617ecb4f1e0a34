/**
 * `range` from the library entry (src/index.ts), as a user imports it: the document of `calc --range --format json`,
 * typed, whose ends are `calc` runs with the facts given.
 *
 * The steel line of README "Ranges": 7207.11.00 (semi-finished iron or non-alloy steel), $96,000.00, entered
 * 2025-06-04, no US content. Under the defaults (metal content = the whole value) Section 232 steel at 50%
 * (Proc. 10947, from 2025-06-04) charges the whole value: 96,000 x 50% = $48,000.00. With metal value 0, Section
 * 232 charges the steel content only (nothing) and the rest pays the reciprocal 10% (Proc. 10947: the non-steel
 * content pays the other layers): 96,000 x 10% = $9,600.00.
 */
import { describe, expect, it } from 'vitest';
import { calc, range, UsageError, type RangeLineRecord, type RangeResult } from '../../src/index.js';
import { tariff } from '../e2e/cli.js';

const STEEL = { id: 'S1', hts: '7207.11.00', value: '96000', date: '2025-06-04', us_content: '0' };

describe('library: range', () => {
  it('gives the lowest and highest duty of a line and the facts of each end', async () => {
    const r: RangeResult = await range([STEEL]);
    const line: RangeLineRecord = r.lines[0]!;
    expect(line).toMatchObject({ id: 'S1', duty: '48000.00', low: { duty: '9600.00' }, high: { duty: '48000.00' } });
    expect(line.low.facts.metal_value).toBe('0.00');
    expect(r.totals).toMatchObject({ lines: 1, rejected: 0, duty: '48000.00', low: '9600.00', high: '48000.00', rangedLines: 1 });
  });

  it('each end is what calc gives with that end’s facts given', async () => {
    const r = await range([STEEL]);
    for (const end of [r.lines[0]!.low, r.lines[0]!.high]) {
      const facts = Object.fromEntries(Object.entries(end.facts).filter(([k, v]) => v !== null && k !== 'outside'));
      const c = await calc([{ ...STEEL, ...facts }]);
      expect(c.lines[0]!.duty).toBe(end.duty);
    }
  });

  it('is the CLI document for the same rows', async () => {
    const cli = await tariff(['calc', '--range', '--format', 'json'], { stdin: 'id,hts,value,date,us_content\nS1,7207.11.00,96000,2025-06-04,0\n' });
    expect(await range([STEEL], { today: '2026-11-22' })).toEqual(JSON.parse(cli.stdout));
  });

  it('lists a row it cannot compute as rejected, and throws a typed error on a bad option', async () => {
    const r = await range([STEEL, { ...STEEL, value: 'lots' }]);
    expect(r.rejected).toEqual([expect.objectContaining({ line: 3, field: 'value' })]);
    expect(r.totals.rejected).toBe(1);
    await expect(range([STEEL], { scenario: 'no-such-scenario' })).rejects.toThrow();
    await expect(range([STEEL], { date: 'soon' })).rejects.toBeInstanceOf(UsageError);
  });
});
