/**
 * The library entry (src/index.ts) and whether a good is an automobile part (HTS ch. 99 U.S. note 33(f): the Section
 * 232 auto parts duty, 9903.94.05, charges parts of passenger vehicles and light trucks only; 8471.30.01 is a
 * provision of note 33(g) that also holds other goods). `autoPart` is the CLI's --auto-part: the default of rows
 * without an `auto_part` column in calc, range, compare and timeline, and the good's answer in a timeline of one good.
 * The figures are the CLI's (tests/e2e/mcp-auto-part.test.ts): a portable computer from China on 2025-06-01 pays
 * the IEEPA fentanyl 20%, and the parts 25% if it is an automobile part.
 */
import { describe, expect, it } from 'vitest';
import { calc, compare, explain, range, timeline, UsageError } from '../../src/index.js';

const LAPTOP = { hts: '8471.30.01', origin: 'CN', value: '1000', date: '2025-06-01' };
const TODAY = { today: '2026-11-22' };

describe('the library takes autoPart as the CLI takes --auto-part', () => {
  it('calc, explain: the option for rows without an auto_part, a row\'s own answer winning', async () => {
    const r = await calc([{ ...LAPTOP, auto_part: 'no' }, LAPTOP], { ...TODAY, fees: false, autoPart: true });
    expect(r.lines.map((l) => l.duty)).toEqual(['200.00', '450.00']);
    const no = await calc([LAPTOP], { ...TODAY, fees: false, autoPart: false });
    expect(no.lines[0]!.duty).toBe('200.00');
    const ex = await explain(LAPTOP, { ...TODAY, fees: false, autoPart: true });
    expect(ex.lines[0]!.duty).toBe('450.00');
  });

  it('range: the answer given is no longer a fact not given', async () => {
    expect((await range([LAPTOP], TODAY)).totals).toMatchObject({ low: '200.00', high: '450.00' });
    expect((await range([LAPTOP], { ...TODAY, autoPart: true })).totals).toMatchObject({ low: '450.00', high: '450.00' });
  });

  it('compare: the option, as calc', async () => {
    const c = await compare([LAPTOP], { ...TODAY, scenarios: ['as-enacted'], autoPart: true });
    expect(c.scenarios[0]).toMatchObject({ name: 'as-enacted', totals: { duty: '450.00' } });
  });

  it('timeline of one good: the parts 25% from 2025-05-03 (9903.94.05) only for an automobile part', async () => {
    const steps = async (autoPart?: boolean) =>
      (await timeline({ hts: '8471.30.01' }, { ...TODAY, origin: 'CN', to: '2025-06-30', ...(autoPart === undefined ? {} : { autoPart }) })).scenarios[0]!.steps.map((s) => `${s.date} ${s.rate}`);
    expect(await steps(true)).toEqual(['2025-03-12 20', '2025-05-03 45']);
    expect(await steps(false)).toEqual(['2025-03-12 20']);
    expect(await steps()).toEqual(['2025-03-12 20']);
  });

  it('an untyped caller\'s "no" is refused, not read as true', async () => {
    await expect(calc([LAPTOP], { ...TODAY, autoPart: 'no' as unknown as boolean })).rejects.toThrow(UsageError);
    await expect(timeline({ hts: '8471.30.01' }, { ...TODAY, autoPart: 'no' as unknown as boolean })).rejects.toThrow(/autoPart must be true or false, got "no"/);
  });
});
