/**
 * `tariff mcp` and a special program claimed (General Note 3(c)): a line's `spi` (its lines were strict and had no
 * such field: a claim could not be made), the one-import `spi`, and the timeline tool's `spi`, each giving the CLI's
 * figures. The range tool's low end of a civil aircraft line is `spi=C`: given to the calc tool, it gives that duty.
 */
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';
import { useMcpServer } from './mcp-client.js';

const { call } = useMcpServer();
const cli = async (args: string[]) => JSON.parse((await tariff([...args, '--format', 'json'])).stdout) as unknown;

describe('tariff mcp: the special program claimed', () => {
  it('calc: a line\'s spi, and the one-import spi, as the CLI (orchids from Japan claiming JP, General Note 36)', async () => {
    const one = await call('calc', { value: '10000', hts: '0603.13.00', origin: 'JP', date: '2025-10-01', spi: 'JP' });
    expect(one.isError, JSON.stringify(one.content)).toBeFalsy();
    expect(one.structuredContent).toEqual(await cli(['calc', '--value', '10000', '--hts', '0603.13.00', '--origin', 'JP', '--date', '2025-10-01', '--spi', 'JP']));
    expect((one.structuredContent as { totals: { duty: string } }).totals.duty).toBe('1180.00');
    const lines = await call('calc', { lines: [{ value: '10000', hts: '0603.13.00', origin: 'JP', date: '2025-10-01', spi: 'JP' }, { value: '10000', hts: '0603.13.00', origin: 'JP', date: '2025-10-01' }] });
    expect(lines.isError, JSON.stringify(lines.content)).toBeFalsy();
    expect((lines.structuredContent as { lines: { duty: string }[] }).lines.map((l) => l.duty)).toEqual(['1180.00', '1500.00']);
  });

  it('range\'s low end of a Japanese turbine part (note 35(b), 9903.96.02) is spi=C: the calc tool gives its duty with it', async () => {
    const args = { value: '10000', hts: '8411.91.90', origin: 'JP', date: '2025-10-01' };
    const range = await call('range', args);
    const low = (range.structuredContent as { lines: { low: { duty: string; facts: Record<string, string> } }[] }).lines[0]!.low;
    expect(low.facts.spi).toBe('C');
    const calc = await call('calc', { ...args, spi: low.facts.spi, fees: false });
    expect((calc.structuredContent as { totals: { duty: string } }).totals.duty).toBe(low.duty);
  });

  it('explain and timeline take spi too, as the CLI', async () => {
    const ex = await call('explain', { value: '10000', hts: '8411.91.90', origin: 'JP', date: '2025-10-01', spi: 'C' });
    expect(ex.structuredContent).toEqual(await cli(['explain', '--value', '10000', '--hts', '8411.91.90', '--origin', 'JP', '--date', '2025-10-01', '--spi', 'C']));
    const t = await call('timeline', { hts: '0603.13.00', origin: 'JP', spi: 'JP', from: '2025-10-01', to: '2025-10-31' });
    expect(t.structuredContent).toEqual(await cli(['timeline', '--hts', '0603.13.00', '--origin', 'JP', '--spi', 'JP', '--from', '2025-10-01', '--to', '2025-10-31']));
    expect((t.structuredContent as { scenarios: { steps: { rate: string }[] }[] }).scenarios[0]!.steps.map((s) => s.rate)).toEqual(['11.8']);
  });
});
