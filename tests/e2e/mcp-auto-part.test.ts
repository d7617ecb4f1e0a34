/**
 * `tariff mcp` and whether a good is an automobile part (`auto_part`; HTS ch. 99 U.S. note 33(f): the Section 232
 * auto parts duty, heading 9903.94.05, charges parts of passenger vehicles and light trucks only, and a provision of
 * note 33(g) such as 8471.30.01 also holds other goods). Every tool that takes a good takes it, as the CLI's
 * --auto-part: the timeline and hts_show tools (their zod shapes stripped it silently), and calc, range, compare with
 * lines, where the top-level auto_part is the default of lines without their own, as calc's --auto-part is for rows
 * without the column. The other facts of one import (us_content, metal_value, loaded ...) are no default of lines in
 * the CLI: with lines, the tool refuses them instead of dropping them.
 *
 * A portable computer (8471.30.01) from China on 2025-06-01: the IEEPA fentanyl 20%, and the parts 25% if it is
 * an automobile part: $200.00 or $450.00 on $1,000.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';
import { useMcpServer } from './mcp-client.js';

const { call } = useMcpServer();
const cli = async (args: string[], stdin?: string) => {
  const r = await tariff([...args, '--format', 'json'], stdin === undefined ? {} : { stdin });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};
const text = (r: CallToolResult) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');

const LAPTOP = { value: '1000', hts: '8471.30.01', origin: 'CN', date: '2025-06-01' };
const LAPTOP_FLAGS = ['--value', '1000', '--hts', '8471.30.01', '--origin', 'CN', '--date', '2025-06-01'];
const CSV = 'value,hts,origin,date\n1000,8471.30.01,CN,2025-06-01\n';
const duties = (d: unknown) => (d as { lines: { duty: string }[] }).lines.map((l) => l.duty);
const steps = (d: unknown) => (d as { scenarios: { steps: { date: string; rate: string }[] }[] }).scenarios[0]!.steps.map((s) => `${s.date} ${s.rate}`);

describe('tariff mcp: auto_part wherever a good is given', () => {
  it('timeline takes auto_part: the CLI timeline with --auto-part, the parts 25% from 2025-05-03', async () => {
    const yes = await call('timeline', { hts: '8471.30.01', origin: 'CN', auto_part: 'yes' });
    expect(yes.isError, text(yes)).toBeFalsy();
    expect(yes.structuredContent).toEqual(await cli(['timeline', '--hts', '8471.30.01', '--origin', 'CN', '--auto-part', 'yes']));
    expect(steps(yes.structuredContent).slice(0, 2)).toEqual(['2025-03-12 20', '2025-05-03 45']);
    const no = await call('timeline', { hts: '8471.30.01', origin: 'CN', auto_part: 'no' });
    expect(no.structuredContent).toEqual(await cli(['timeline', '--hts', '8471.30.01', '--origin', 'CN', '--auto-part', 'no']));
    expect(steps(no.structuredContent)).not.toContain('2025-05-03 45');
  });

  it('hts_show takes auto_part: the CLI hts show with --auto-part, 45% in all', async () => {
    const r = await call('hts_show', { hts: '8471.30.01', origin: 'CN', date: '2025-06-01', auto_part: 'yes' });
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent).toEqual(await cli(['hts', 'show', '8471.30.01', '--origin', 'CN', '--date', '2025-06-01', '--auto-part', 'yes']));
    expect(r.structuredContent).toMatchObject({ autoPart: true, adValoremTotal: '45' });
    // transshipped too, the other fact of a good hts_show lacked (EO 14326 s.3: a Vietnamese sweater found transshipped).
    const t = await call('hts_show', { hts: '6110.20.20', origin: 'VN', date: '2025-10-01', transshipped: true });
    expect(t.structuredContent).toEqual(await cli(['hts', 'show', '6110.20.20', '--origin', 'VN', '--date', '2025-10-01', '--transshipped']));
    expect(t.structuredContent).toMatchObject({ transshipped: true, adValoremTotal: '56.5' });
  });

  it('calc with lines: the top-level auto_part is the default of lines without their own, as calc --auto-part for file rows', async () => {
    const both = await call('calc', { lines: [{ ...LAPTOP, auto_part: 'yes' }, LAPTOP], auto_part: 'yes', fees: false });
    expect(both.isError, text(both)).toBeFalsy();
    expect(duties(both.structuredContent)).toEqual(['450.00', '450.00']);
    expect((both.structuredContent as { totals: { duty: string } }).totals.duty).toBe('900.00');
    const file = await cli(['calc', '-', '--auto-part', 'yes', '--no-fees'], CSV + CSV.split('\n')[1] + '\n');
    expect((file as { totals: { duty: string } }).totals.duty).toBe('900.00');
    // A line's own answer wins over the default, as a row's auto_part cell over --auto-part.
    const own = await call('calc', { lines: [{ ...LAPTOP, auto_part: 'no' }, LAPTOP], auto_part: 'yes', fees: false });
    expect(duties(own.structuredContent)).toEqual(['200.00', '450.00']);
    const one = await cli(['calc', ...LAPTOP_FLAGS, '--auto-part', 'no', '--no-fees']);
    expect(duties(one)).toEqual(['200.00']);
  });

  it('range and compare with lines take the top-level auto_part as calc does', async () => {
    const range = await call('range', { lines: [LAPTOP], auto_part: 'yes' });
    expect(range.isError, text(range)).toBeFalsy();
    expect(range.structuredContent).toEqual(await cli(['calc', '-', '--range', '--auto-part', 'yes'], CSV));
    expect((range.structuredContent as { totals: { low: string; high: string } }).totals).toMatchObject({ low: '450.00', high: '450.00' });
    // Not given, the range runs from 200.00 to 450.00 over auto_part: the top-level answer is not dropped.
    const open = await call('range', { lines: [LAPTOP] });
    expect((open.structuredContent as { totals: { low: string; high: string } }).totals).toMatchObject({ low: '200.00', high: '450.00' });
    const cmp = await call('compare', { lines: [LAPTOP], auto_part: 'yes', scenarios: ['as-enacted'] });
    expect(cmp.isError, text(cmp)).toBeFalsy();
    expect(cmp.structuredContent).toEqual(await cli(['compare', '-', '--auto-part', 'yes', '--scenarios', 'as-enacted'], CSV));
    expect((cmp.structuredContent as { scenarios: { totals: { duty: string } }[] }).scenarios[0]!.totals.duty).toBe('450.00');
  });

  it('explain takes auto_part for one import, as the CLI', async () => {
    const r = await call('explain', { ...LAPTOP, auto_part: 'yes' });
    expect(r.structuredContent).toEqual(await cli(['explain', ...LAPTOP_FLAGS, '--auto-part', 'yes']));
    expect(duties(r.structuredContent)).toEqual(['450.00']);
  });

  it('the facts of one import given with lines are refused, never dropped', async () => {
    for (const tool of ['calc', 'range', 'compare']) {
      const r = await call(tool, { lines: [LAPTOP], us_content: '50', loaded: '2025-01-01' });
      expect(r.isError, tool).toBe(true);
      expect(text(r)).toContain("us_content, loaded are facts of one import, not a default of lines: with lines, give them as each line's field");
      const m = await call(tool, { lines: [LAPTOP], metal_value: '100' });
      expect(text(m)).toContain('metal_value is a fact of one import');
    }
  });
});

describe('the CLI: the facts of one import given with a file are refused, never dropped', () => {
  it('calc and compare with rows on stdin refuse --us-content, --metal-value, --loaded (exit 2, naming the column), and take --auto-part as the rows\' default', async () => {
    const calc = await tariff(['calc', '-', '--us-content', '50', '--loaded', '2025-01-01'], { stdin: CSV });
    expect(calc.code).toBe(2);
    expect(calc.stdout).toBe('');
    expect(calc.stderr).toMatch(/^tariff: --us-content, --loaded are for one import given by --value; in a file, give the columns us_content, loaded$/m);
    const compare = await tariff(['compare', '-', '--metal-value', '5'], { stdin: CSV });
    expect(compare.code).toBe(2);
    expect(compare.stderr).toMatch(/--metal-value is for one import given by --value; in a file, give the column metal_value/);
    // --auto-part is the default of rows without the column: taken, not refused.
    const ok = await cli(['calc', '-', '--auto-part', 'yes', '--no-fees'], CSV);
    expect(duties(ok)).toEqual(['450.00']);
  });
});
