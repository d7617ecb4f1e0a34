/**
 * `tariff mcp` end to end: the SDK's own client spawns the built CLI as an
 * assistant would, lists the tools, and calls them. Figures must equal the
 * CLI's for the same import; a bad argument is a tool error with the CLI's
 * message, and the server keeps serving after it.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';
import { useMcpServer } from './mcp-client.js';

const server = useMcpServer();
const { call } = server;

const text = (r: CallToolResult, i: number) => (r.content[i] as { type: 'text'; text: string }).text;

describe('tariff mcp', () => {
  it('lists the tools, each with a JSON Schema of its arguments', async () => {
    const { tools } = await server.client().listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['calc', 'compare', 'explain', 'hts_search', 'hts_show', 'range', 'schedule_list', 'schedule_show', 'timeline']);
    const calc = tools.find((t) => t.name === 'calc')!;
    expect(calc.inputSchema.type).toBe('object');
    expect(Object.keys(calc.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['value', 'hts', 'category', 'date', 'lines', 'scenario']));
    // The scenario argument lists the bundled scenarios.
    expect(JSON.stringify(calc.inputSchema.properties!.scenario)).toContain('no-deal');
  });

  it('calc gives the CLI\'s figures and JSON document, after a summary', async () => {
    const args = ['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json'];
    const cli = JSON.parse((await tariff(args)).stdout);
    const r = await call('calc', { value: '45000', hts: '8703.24.01', date: '2025-05-01' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual(cli);
    expect(JSON.parse(text(r, 1))).toEqual(cli);
    expect(text(r, 0)).toContain('duty $12375.00 on customs value $45000.00 (effective rate 27.5%)');
    expect(text(r, 0)).toContain('duty + fees $12587.13');
  });

  it('range gives the CLI\'s --range document: the steel line of README "Ranges" from $9,600.00 to $48,000.00', async () => {
    // 7207.11.00, $96,000.00, 2025-06-04, no US content: Section 232 steel at 50% (Proc. 10947) on the whole value
    // under the defaults ($48,000.00); with metal value 0, 232 on no steel content and the reciprocal 10% on the rest.
    const args = ['calc', '--value', '96000', '--hts', '7207.11.00', '--date', '2025-06-04', '--us-content', '0', '--range', '--format', 'json'];
    const cli = JSON.parse((await tariff(args)).stdout);
    const r = await call('range', { value: '96000', hts: '7207.11.00', date: '2025-06-04', us_content: '0' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual(cli);
    expect(text(r, 0)).toContain('duty $48000.00 under the documented defaults, lowest $9600.00, highest $48000.00');
    // The low end's facts, given to the calc tool, give its duty.
    const low = await call('calc', { value: '96000', hts: '7207.11.00', date: '2025-06-04', us_content: '0', metal_value: cli.lines[0].low.facts.metal_value });
    expect((low.structuredContent as { totals: { duty: string } }).totals.duty).toBe('9600.00');
    // Lines too; a rejected one is data.
    const lines = await call('range', { lines: [{ hts: '7207.11.00', value: '96000', date: '2025-06-04', us_content: '0' }, { hts: '7207.11.00', value: 'x' }] });
    expect((lines.structuredContent as { totals: { low: string; rejected: number } }).totals).toMatchObject({ low: '9600.00', rejected: 1 });
  });

  it('auto_part: the range tool gives the laptop of note 33(g) both answers, and calc with the high end\'s fact gives its duty', async () => {
    // 8471.30.01, China, $1,000.00, 2026-01-10: not an automobile part unless said (note 33(f)): fentanyl 10% = 100.00;
    // as one, + Section 232 parts 25% = 350.00.
    const r = await call('range', { value: '1000', hts: '8471.30.01', origin: 'CN', date: '2026-01-10' });
    expect(r.isError).toBeFalsy();
    const line = (r.structuredContent as { lines: { low: { duty: string }; high: { duty: string; facts: Record<string, string> } }[] }).lines[0]!;
    expect(line).toMatchObject({ low: { duty: '100.00' }, high: { duty: '350.00', facts: { auto_part: 'yes' } } });
    const high = await call('calc', { value: '1000', hts: '8471.30.01', origin: 'CN', date: '2026-01-10', auto_part: line.high.facts.auto_part });
    expect((high.structuredContent as { totals: { duty: string } }).totals.duty).toBe('350.00');
  });

  it('calc computes a small list of lines as the CLI computes the same CSV', async () => {
    const csv = 'id,hts,value,date\nA,8703.24.01,45000,2025-05-01\nB,8708.99.81,"1,000.00",2025-07-01\nC,9999,10,2025-07-01\n';
    const cli = JSON.parse((await tariff(['calc', '--format', 'json'], { stdin: csv })).stdout);
    const r = await call('calc', {
      lines: [
        { id: 'A', hts: '8703.24.01', value: '45000', date: '2025-05-01' },
        { id: 'B', hts: '8708.99.81', value: '1,000.00', date: '2025-07-01' },
        { id: 'C', hts: '9999', value: '10', date: '2025-07-01' },
      ],
    });
    expect(r.isError).toBeFalsy();
    // A rejected line is data, not a tool error (the same as calc's exit code 1 with its JSON document).
    expect(cli.rejected).toHaveLength(1);
    expect(r.structuredContent).toEqual(cli);
  });

  it('hts_show and hts_search give the CLI\'s documents; a code is never read as an option', async () => {
    const show = await call('hts_show', { hts: '8703.23.01', date: '2025-10-01' });
    expect(show.isError).toBeFalsy();
    expect(show.structuredContent).toEqual(JSON.parse((await tariff(['hts', 'show', '8703.23.01', '--date', '2025-10-01', '--format', 'json'])).stdout));
    expect(text(show, 0)).toMatch(/^8703\.23\.01: General 2\.5%; on 2025-10-01 from JP: 15% in all/);
    const search = await call('hts_search', { words: 'machining centers', limit: 2 });
    expect(search.structuredContent).toEqual(JSON.parse((await tariff(['hts', 'search', 'machining', 'centers', '--limit', '2', '--format', 'json'])).stdout));
    const bad = await call('hts_show', { hts: '--hts-table=/etc/hostname' });
    expect(bad.isError).toBe(true);
    const notALine = await call('hts_show', { hts: '8708.29.50' });
    expect(notALine.isError).toBe(true);
    expect(text(notALine, 0)).toMatch(/did you mean 8708\.29\.51/);
  });

  it('compare gives the CLI\'s figures', async () => {
    const args = ['compare', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--scenarios', 'as-enacted,no-deal', '--format', 'json'];
    const cli = JSON.parse((await tariff(args)).stdout);
    const r = await call('compare', { value: '30000', hts: '8703.23.01', date: '2025-10-01', scenarios: ['as-enacted', 'no-deal'] });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual(cli);
    expect(cli.scenarios.map((s: { totals: { duty: string } }) => s.totals.duty)).toEqual(['4500.00', '8250.00']);
    expect(text(r, 0)).toContain('no-deal vs as-enacted: $3750.00');
  });

  it('explain, timeline and schedule_show answer with their JSON documents', async () => {
    const e = await call('explain', { value: '30000', hts: '8703.23.01', date: '2025-09-16' });
    expect(e.isError).toBeFalsy();
    expect((e.structuredContent as { lines: { explain: unknown[] }[] }).lines[0]!.explain.length).toBeGreaterThan(0);
    const t = await call('timeline', { hts: '8703.23.01' });
    const cliT = JSON.parse((await tariff(['timeline', '--hts', '8703.23.01', '--format', 'json'])).stdout);
    expect(t.structuredContent).toEqual(cliT);
    const s = await call('schedule_show', {});
    expect(s.isError).toBeFalsy();
    expect(JSON.stringify(s.structuredContent)).toContain('s232-vehicles-25');
    const deal = await call('schedule_show', { id: 'no-deal' });
    expect(deal.structuredContent).toEqual(JSON.parse((await tariff(['schedule', 'show', 'no-deal', '--format', 'json'])).stdout));
    // An id is an id, never an option: the server reads no file it is pointed at.
    const sneaky = await call('schedule_show', { id: '--schedule=/etc/hostname' });
    expect(sneaky.isError).toBe(true);
    expect(text(sneaky, 0)).not.toContain('/etc/hostname:');
  });

  it('a bad argument is a tool error with the CLI\'s message, and the server keeps serving', async () => {
    const cli = await tariff(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-13-01', '--format', 'json']);
    expect(cli.code).toBe(2);
    const bad = await call('calc', { value: '45000', hts: '8703.24.01', date: '2025-13-01' });
    expect(bad.isError).toBe(true);
    expect(text(bad, 0)).toBe(cli.stderr.trim());
    expect(text(bad, 0)).toBe('tariff: --date: expected a calendar date YYYY-MM-DD, got "2025-13-01"');

    // Arguments the schema refuses, a missing import, an unknown tool: errors too, never a crash.
    const wrongType = await call('calc', { value: 45000, hts: '8703.24.01' });
    expect(wrongType.isError).toBe(true);
    const nothing = await call('calc', {});
    expect(nothing.isError).toBe(true);
    expect(text(nothing, 0)).toBe('tariff: give value with hts or category (one import), or lines');
    const noScenario = await call('calc', { value: '1', hts: '8703.24.01', scenario: 'nope' });
    expect(noScenario.isError).toBe(true);

    const good = await call('calc', { value: '45000', hts: '8703.24.01', date: '2025-05-01' });
    expect(good.isError).toBeFalsy();
    expect((good.structuredContent as { totals: { duty: string } }).totals.duty).toBe('12375.00');
  });
});

describe('tariff mcp on a closed stdin', () => {
  it('answers every request sent before stdin closes, survives a line that is not JSON, and exits 0', async () => {
    const msg = (id: number, method: string, params: unknown) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
    const input = [
      msg(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } }),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      msg(2, 'tools/call', { name: 'calc', arguments: { value: '45000', hts: '8703.24.01', date: '2025-05-01' } }),
      'this is not JSON',
      msg(3, 'tools/call', { name: 'calc', arguments: { value: '45000', hts: '8703.24.01', date: 'tomorrow' } }),
      msg(4, 'tools/call', { name: 'schedule_list', arguments: {} }),
    ].join('\n');
    const r = await tariff(['mcp'], { stdin: `${input}\n` });
    expect(r.code).toBe(0);
    const replies = new Map(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: CallToolResult }).map((m) => [m.id, m.result]));
    expect([...replies.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect((replies.get(2)!.structuredContent as { totals: { duty: string } }).totals.duty).toBe('12375.00');
    expect(replies.get(3)!.isError).toBe(true);
    expect(replies.get(4)!.isError).toBeFalsy();
  });
});
