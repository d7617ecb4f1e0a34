/**
 * The library entry (src/index.ts): plain rows in, the commands' JSON
 * documents out, the same figures as the CLI, typed errors.
 */
import { describe, expect, it } from 'vitest';
import { calc, compare, DataFileError, explain, InputError, loadEngine, timeline, UnknownScenarioError, UsageError, type ImportRow } from '../../src/index.js';
import { tariff } from '../e2e/cli.js';

const CAR = { hts: '8703.24.01', value: '45000', date: '2025-05-01' };

describe('calc', () => {
  it('gives the document of calc --format json for the same CSV', async () => {
    const csv = 'id,hts,value,date,note\nA,8703.24.01,45000,2025-05-01,"x, ""y"""\nB,8708.99.81,"1,000.00",2025-07-01,=1+1\nC,9999,10,2025-07-01,\n';
    const cli = await tariff(['calc', '--format', 'json'], { stdin: csv });
    const rows: ImportRow[] = [
      { id: 'A', hts: '8703.24.01', value: '45000', date: '2025-05-01', note: 'x, "y"' },
      { id: 'B', hts: '8708.99.81', value: '1,000.00', date: '2025-07-01', note: '=1+1' },
      { id: 'C', hts: '9999', value: '10', date: '2025-07-01', note: null },
    ];
    expect(await calc(rows, { today: '2026-11-22' })).toEqual(JSON.parse(cli.stdout));
  });

  it('numbers row i as line i + 2 and reports a row it cannot compute as data', async () => {
    const r = await calc([CAR, { ...CAR, value: '12.345' }, CAR]);
    expect(r.lines.map((l) => l.line)).toEqual([2, 4]);
    expect(r.rejected).toEqual([expect.objectContaining({ line: 3, field: 'value' })]);
    expect(r.totals).toMatchObject({ lines: 2, rejected: 1, duty: '24750.00' });
  });

  it('takes a number as written: exact when it is, rejected when it is not cents', async () => {
    const r = await calc([{ ...CAR, value: 45000 }, { ...CAR, value: 0.1 + 0.2 }]);
    expect(r.lines[0]!.duty).toBe('12375.00');
    expect(r.rejected[0]!.columns!.value).toBe('0.30000000000000004');
  });

  it('reads an async iterable, streamed, with the header of its first row', async () => {
    async function* rows() {
      for (let i = 0; i < 2000; i++) yield { ...CAR, id: `r${i}` };
    }
    const r = await calc(rows(), { fees: false });
    expect(r.totals).toMatchObject({ lines: 2000, duty: '24750000.00' });
    expect(r.totals.fees).toBeUndefined();
    expect(r.lines[1999]).toMatchObject({ id: 'r1999', line: 2001 });
  });

  it('refuses a later row of an async iterable with a column the first has not, unless columns are given', async () => {
    async function* rows() {
      yield CAR;
      yield { ...CAR, id: 'late' };
    }
    await expect(calc(rows())).rejects.toThrow(InputError);
    await expect(calc(rows())).rejects.toThrow('row 2 has a column "id" that the first row has not; give the columns option');
    const r = await calc(rows(), { columns: ['id', 'hts', 'value', 'date'] });
    expect(r.lines.map((l) => l.id)).toEqual([null, 'late']);
  });

  it('computes no rows to empty totals', async () => {
    const r = await calc([]);
    expect(r.totals).toMatchObject({ lines: 0, rejected: 0, duty: '0.00' });
  });

  it('applies options as the flags do', async () => {
    const deal = await calc([{ hts: '8703.23.01', value: '30000' }], { date: '2025-10-01', scenario: 'no-deal' });
    const cli = await tariff(['calc', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--scenario', 'no-deal', '--format', 'json']);
    expect(deal.totals).toEqual(JSON.parse(cli.stdout).totals);
    expect(deal.scenario).toBe('no-deal');
  });

  it('throws typed errors with the CLI\'s messages', async () => {
    await expect(calc([CAR], { date: '2025-02-30' })).rejects.toThrow(new UsageError('--date: expected a calendar date YYYY-MM-DD, got "2025-02-30"'));
    await expect(calc([CAR], { scenario: 'nope' })).rejects.toThrow(UnknownScenarioError);
    await expect(calc([CAR], { schedule: '/nonexistent/schedule.json' })).rejects.toThrow(DataFileError);
    await expect(calc([CAR], { mode: 'bicycle' })).rejects.toThrow(UsageError);
    await expect(calc([{ value: '1' }])).rejects.toThrow(/no hts or category column/);
    await expect(calc([CAR], { today: 'soon' })).rejects.toThrow(UsageError);
  });
});

describe('explain, compare, timeline', () => {
  it('explain gives each measure considered, with its citation', async () => {
    const r = await explain({ hts: '8703.23.01', value: '30000', date: '2025-09-16' });
    const applied = r.lines[0]!.explain!.filter((e) => e.applied).map((e) => e.measure);
    expect(applied).toContain('s232-vehicles-japan-inclusive-15');
    expect(r.lines[0]!.explain!.every((e) => e.citation !== '')).toBe(true);
  });

  it('compare gives the document of compare --format json', async () => {
    const c = await compare([{ hts: '8703.23.01', value: '30000' }], { scenarios: ['as-enacted', 'no-deal'], date: '2025-10-01', by: 'measure' });
    const cli = await tariff(['compare', '--value', '30000', '--hts', '8703.23.01', '--scenarios', 'as-enacted,no-deal', '--date', '2025-10-01', '--by', 'measure', '--format', 'json']);
    expect(c).toEqual({ ...JSON.parse(cli.stdout) });
    expect(c.differences[0]).toMatchObject({ scenario: 'no-deal', duty: '3750.00' });
  });

  it('timeline of one good, and of a basket of rows', async () => {
    const one = await timeline({ hts: '8703.23.01' }, { to: '2025-12-31' });
    expect(one.scenarios[0]!.steps.map((s) => [s.date, s.rate])).toEqual([
      ['2025-03-12', '2.5'],
      ['2025-04-03', '27.5'],
      ['2025-09-16', '15'],
    ]);
    const basket = await timeline([{ hts: '8703.23.01', value: '100' }], { to: '2025-12-31' });
    expect(basket.scenarios[0]!.steps.map((s) => s.rate)).toEqual(['2.5', '27.5', '15']);
    await expect(timeline({})).rejects.toThrow(TypeError);
  });

  it('loadEngine gives the compiled law', async () => {
    const e = await loadEngine({ scenario: 'no-deal' });
    expect(e.scenario).toBe('no-deal');
    expect([...e.categories.keys()]).toContain('vehicles');
  });
});
