/**
 * The impact bar chart of compare's table on a terminal (main with a TTY stdout): plain Unicode blocks, one scale
 * for every group and scenario, of the revenue rise that keeps the margin in percent (README "From duty to impact").
 *
 * 10 cars of 8703.23.01, $300,000.00, 2025-10-01, sold at $36,000.00 with a 20% margin (unit cost $28,800.00):
 *   as-enacted: added duty 12.5% = $37,500.00; keep %: 37,500 x 36,000 / 28,800 = $46,875.00
 *   no-deal: added duty 25% = $75,000.00; keep %: $93,750.00 (the longest bar: 40 blocks); 46,875 is half: 20 blocks
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

describe('compare table on a terminal: the impact chart', () => {
  it('draws the revenue rise to keep the margin in %, per group and scenario, on one scale', async () => {
    const f = fakeIo(null, { stdoutTTY: true });
    const code = await main(['compare', '--value', '300000', '--hts', '8703.23.01', '--date', '2025-10-01', '--quantity', '10', '--unit-price', '36000', '--margin', '20', '--scenarios', 'as-enacted,no-deal'], f.io);
    expect(code).toBe(0);
    const out = f.out();
    expect(out).toContain('Price rise to keep the margin in %, by category');
    const chart = out.slice(out.indexOf('Price rise to keep the margin in %'));
    expect(chart).toMatch(/\n {2}as-enacted {2}█{20} \$46,875\.00\n/);
    expect(chart).toMatch(/\n {2}no-deal {5}█{40} \$93,750\.00/);
  });

  it('draws no impact chart without a unit price (nothing to keep a margin of)', async () => {
    const f = fakeIo(null, { stdoutTTY: true });
    await main(['compare', '--value', '300000', '--hts', '8703.23.01', '--date', '2025-10-01', '--quantity', '10', '--scenarios', 'as-enacted,no-deal'], f.io);
    expect(f.out()).toContain('as-enacted saves $3,750.00 of duty per unit against no-deal');
    expect(f.out()).not.toContain('Price rise to keep the margin');
  });
});
