/**
 * The library entry (src/index.ts) and a special program claimed (General Note 3(c)): per row (`spi`, a column like
 * the others) and as the default of rows without one (`spi`, the CLI's --spi), in calc, compare and timeline; the
 * same figures as the CLI. Orchids from Japan (0603.13.00) claiming JP (General Note 36) pay the JP rate 3.2%, plus
 * the inclusive 15% less the General 6.4% (EO 14345): 11.8% on 2025-10-01.
 */
import { describe, expect, it } from 'vitest';
import { calc, compare, explain, timeline } from '../../src/index.js';

const ORCHIDS = { hts: '0603.13.00', origin: 'JP', value: '10000', date: '2025-10-01' };

describe('the library honours the program claimed', () => {
  it('calc and explain: the spi of the row, or the spi option for rows without one', async () => {
    const r = await calc([{ ...ORCHIDS, spi: 'JP' }, ORCHIDS], { fees: false });
    expect(r.lines.map((l) => l.duty)).toEqual(['1180.00', '1500.00']);
    const byOption = await calc([ORCHIDS], { fees: false, spi: 'JP' });
    expect(byOption.lines[0]!.duty).toBe('1180.00');
    const ex = await explain(ORCHIDS, { fees: false, spi: 'JP' });
    expect(ex.lines[0]!.mfnSource).toMatch(/Special \(JP\) 3\.2%, claimed instead of the General rate/);
  });

  it('compare: the spi option, as calc', async () => {
    const c = await compare([ORCHIDS], { scenarios: ['as-enacted'], spi: 'JP' });
    expect(c.scenarios[0]).toMatchObject({ name: 'as-enacted', totals: { duty: '1180.00' } });
  });

  it('timeline: the spi option for one good, the spi of a basket row', async () => {
    const one = await timeline({ hts: '0603.13.00' }, { origin: 'JP', spi: 'JP', from: '2025-10-01', to: '2025-10-31' });
    expect(one.scenarios[0]!.steps.map((s) => s.rate)).toEqual(['11.8']);
    const basket = await timeline([{ ...ORCHIDS, spi: 'JP' }], { from: '2025-10-01', to: '2025-10-31' });
    expect(basket.scenarios[0]!.steps.map((s) => s.rate)).toEqual(['11.8']);
    // EO 14326 s.3, 9903.02.01: found transshipped, 40% in lieu of the deal's inclusive 15%.
    const found = await timeline({ hts: '0603.13.00' }, { origin: 'JP', transshipped: true, from: '2025-10-01', to: '2025-10-31' });
    expect(found.scenarios[0]!.steps.map((s) => s.rate)).toEqual(['46.4']);
  });
});
