/**
 * Canada and Mexico (data/schedules/parts/canada.json, mexico.json), from shared/DOMAIN-ORIGINS.md §3, §4 and §15e,
 * errata 1 first: the border IEEPA duty (25%, Canada 35% from 2025-08-01), its USMCA exemption from 2025-03-07 (spi S),
 * energy and potash at 10%, and EO 14289's precedence (autos 232 over the border duty; the border duty over steel and
 * aluminum 232 to 2025-06-03, then 232 on the metal content and the border duty on the rest). $1,000, MFN as given.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { price } from './origin-duty.js';

const engine = bundledEngine();
const TOY = '9503.00.00'; // General Free
const POTASH = '3104.20.00';
const STEEL = '7208.10.15';

describe('Canada: border IEEPA duty (DOMAIN-ORIGINS §3a)', () => {
  it.each([
    ['2025-03-03', undefined, '0.00'], // before EO 14193 took effect
    ['2025-03-04', undefined, '250.00'], // 25% on all goods (9903.01.10)
    ['2025-03-04', 'S', '250.00'], // USMCA goods included for the first three days
    ['2025-03-07', undefined, '250.00'], // non-USMCA goods 25%
    ['2025-03-07', 'S', '0.00'], // USMCA goods exempt (EO 14231, 9903.01.14)
    ['2025-08-01', undefined, '350.00'], // EO 14325: 35%
    ['2025-08-01', 'S', '0.00'],
    ['2026-02-23', undefined, '350.00'], // last day of IEEPA
  ])('a toy on %s, spi %s: %s', (date, spi, duty) => {
    expect(price(engine, { hts: TOY, origin: 'CA', date, mfn: spi ? undefined : '0', spi })).toMatchObject({ duty });
  });

  it('energy pays 10% from 2025-03-04 (9903.01.13); potash 10% from 2025-03-07 (EO 14231, 9903.01.15)', () => {
    // crude petroleum 2709.00.20 given MFN 0: 100.00 on 2025-03-05 and on 2025-08-01 (not 35%)
    expect(price(engine, { hts: '2709.00.20', origin: 'CA', date: '2025-03-05', mfn: '0' })).toMatchObject({ duty: '100.00' });
    expect(price(engine, { hts: '2709.00.20', origin: 'CA', date: '2025-08-01', mfn: '0' })).toMatchObject({ duty: '100.00' });
    // potash before its own heading: 25% (derived); from 2025-03-07: 10%
    expect(price(engine, { hts: POTASH, origin: 'CA', date: '2025-03-05', mfn: '0' })).toMatchObject({ duty: '250.00' });
    expect(price(engine, { hts: POTASH, origin: 'CA', date: '2025-03-07', mfn: '0' })).toMatchObject({ duty: '100.00' });
  });
});

describe('Canada and Mexico: EO 14289 precedence with Section 232 (§15e; errata 1)', () => {
  it('2025-03-12 to 2025-06-03: the border duty instead of the steel 232 duty', () => {
    // steel on 2025-05-01: border 25% = 250.00, no 232 25%
    const r = price(engine, { hts: STEEL, origin: 'CA', date: '2025-05-01', mfn: '0' });
    expect(r).toMatchObject({ duty: '250.00', measures: ['mfn', 'ca-border-25-to-06-04'] });
    expect(price(engine, { hts: STEEL, origin: 'MX', date: '2025-05-01', mfn: '0' })).toMatchObject({ duty: '250.00', measures: ['mfn', 'mx-border-25-to-06-04'] });
  });

  it('from 2025-06-04: 232 on the metal content, the border duty on the rest (Proc. 10947 ¶5)', () => {
    // no metal value: 232 50% on the full value = 500.00, no border duty
    expect(price(engine, { hts: STEEL, origin: 'CA', date: '2025-07-01', mfn: '0' })).toMatchObject({ duty: '500.00' });
    // metal value 600: 232 50% x 600 = 300.00 + border 25% x 400 = 100.00 -> 400.00
    expect(price(engine, { hts: STEEL, origin: 'CA', date: '2025-07-01', mfn: '0', metalValue: '600' })).toMatchObject({ duty: '400.00' });
    // Canada at 35% from 2025-08-01: 300.00 + 35% x 400 = 140.00 -> 440.00; Mexico still 25%: 400.00
    expect(price(engine, { hts: STEEL, origin: 'CA', date: '2025-09-01', mfn: '0', metalValue: '600' })).toMatchObject({ duty: '440.00' });
    expect(price(engine, { hts: STEEL, origin: 'MX', date: '2025-09-01', mfn: '0', metalValue: '600' })).toMatchObject({ duty: '400.00' });
  });

  it('autos 232 over the border duty: a car on 2025-03-20 pays the border duty, from 2025-04-03 the autos duty only', () => {
    // 8703.23.01, MFN 2.5%: 25.00 + border 25% 250.00 = 275.00; on 2025-05-01: 25.00 + autos 25% 250.00 = 275.00
    expect(price(engine, { hts: '8703.23.01', origin: 'MX', date: '2025-03-20', mfn: '2.5' })).toMatchObject({ duty: '275.00', measures: ['mfn', 'mx-border-25-to-06-04'] });
    const r = price(engine, { hts: '8703.23.01', origin: 'MX', date: '2025-05-01', mfn: '2.5' });
    expect(r).toMatchObject({ duty: '275.00', measures: expect.not.arrayContaining(['mx-border-25-to-06-04']) });
  });
});

describe('Mexico: border IEEPA duty (DOMAIN-ORIGINS §4)', () => {
  it.each([
    ['2025-03-04', undefined, '250.00'], // 25% on all goods (9903.01.01)
    ['2025-03-07', undefined, '250.00'],
    ['2025-03-07', 'S', '0.00'], // USMCA exempt (EO 14232)
    ['2025-08-01', undefined, '250.00'], // the threatened 30% never implemented
    ['2026-02-23', undefined, '250.00'],
  ])('a toy on %s, spi %s: %s', (date, spi, duty) => {
    expect(price(engine, { hts: TOY, origin: 'MX', date, mfn: spi ? undefined : '0', spi })).toMatchObject({ duty });
  });

  it('potash 25% in the first three days, then 10% (EO 14232, 9903.01.05)', () => {
    expect(price(engine, { hts: POTASH, origin: 'MX', date: '2025-03-05', mfn: '0' })).toMatchObject({ duty: '250.00' });
    expect(price(engine, { hts: POTASH, origin: 'MX', date: '2025-03-07', mfn: '0' })).toMatchObject({ duty: '100.00' });
  });
});

describe('Canada and Mexico after IEEPA: USMCA goods exempt from Section 122 and the forced-labor duty; 10% tier (§3b, §4, §15c)', () => {
  it.each([
    ['CA', '2026-03-01', undefined, '100.00'], // Section 122 10% (all-origins)
    ['CA', '2026-03-01', 'S', '0.00'], // USMCA exempt (9903.03.07)
    ['CA', '2026-08-01', undefined, '100.00'], // forced labor, Canada's tier 10% (9903.05.29), not 12.5%
    ['CA', '2026-08-01', 'S', '0.00'], // USMCA exempt (9903.05.93)
    ['MX', '2026-08-01', undefined, '100.00'], // Mexico's tier 10% (9903.05.55)
    ['MX', '2026-08-01', 'S', '0.00'], // 9903.05.94
  ])('a toy of %s on %s, spi %s: %s', (origin, date, spi, duty) => {
    expect(price(engine, { hts: TOY, origin, date, mfn: spi ? undefined : '0', spi })).toMatchObject({ duty });
  });

  it('a row of China cannot claim USMCA', () => {
    expect(price(engine, { hts: TOY, origin: 'CN', date: '2025-09-01', spi: 'S' })).toMatchObject({ refused: expect.stringMatching(/^spi: /) });
  });
});

describe('Canada: goods found transshipped pay 40% instead of 35% (EO 14325 §3, 9903.01.16)', () => {
  it('a toy found transshipped on 2025-09-01: 400.00 (not 350.00); not before 2025-08-01', () => {
    expect(price(engine, { hts: TOY, origin: 'CA', date: '2025-09-01', mfn: '0', transshipped: true })).toMatchObject({ duty: '400.00', measures: ['mfn', 'ca-transshipped-40'] });
    expect(price(engine, { hts: TOY, origin: 'CA', date: '2025-09-01', mfn: '0', transshipped: false })).toMatchObject({ duty: '350.00' });
    // 2025-07-01: the 25% of the time, transshipped or not
    expect(price(engine, { hts: TOY, origin: 'CA', date: '2025-07-01', mfn: '0', transshipped: true })).toMatchObject({ duty: '250.00' });
  });
});
