/**
 * Brazil (data/schedules/parts/brazil.json), from shared/DOMAIN-ORIGINS.md §13 and §15e (errata 3 first): the 10%
 * reciprocal, the 40% of EO 14323 with its Annex I and the agricultural goods removed from 2025-11-13, its in-transit
 * rule, and the Section 301 Brazil 25% from 2026-07-22 stacking with the forced-labor 12.5%. $1,000, MFN as given.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { price } from './origin-duty.js';

const engine = bundledEngine();
const TOY = '9503.00.00'; // in no exemption list
// EO 14323 Annex I (note 2(x)(iii)(a), exempt from the 40%), not in EO 14257 Annex II. Not a fan (8414.51.30): that
// provision is on Annex I's list only as civil aircraft (note 2(x)(iv), 9903.01.82, claimed with spi C).
const ORE = '2601.11.00';
const BEEF = '0201.10.05'; // removed from the 40% from 2025-11-13 (order of 2025-11-20); in Annex II (no reciprocal)

describe('Brazil: reciprocal 10% and the 40% of EO 14323 (DOMAIN-ORIGINS §13)', () => {
  it.each([
    ['2025-04-04', '0.00'], // before the reciprocal tariff
    ['2025-04-05', '100.00'], // baseline 10% (9903.01.25)
    ['2025-08-05', '100.00'], // last day before the 40%
    ['2025-08-06', '500.00'], // 10 + 40 (9903.01.77): 50%
    ['2025-08-07', '500.00'], // the 10% under Brazil's own heading 9903.02.09
    ['2026-02-23', '500.00'], // last day of IEEPA
  ])('a toy on %s: %s', (date, duty) => {
    expect(price(engine, { hts: TOY, origin: 'BR', date, mfn: '0' })).toMatchObject({ duty });
  });

  it('Annex I goods pay the 10% only (9903.01.81): iron ore on 2025-09-01 = 100.00', () => {
    expect(price(engine, { hts: ORE, origin: 'BR', date: '2025-09-01', mfn: '0' })).toMatchObject({ duty: '100.00' });
  });

  it('beef leaves the 40% on 2025-11-13 (retroactive order of 2025-11-20): 500.00 on 11-12, 0.00 on 11-13', () => {
    // On 11-12: reciprocal 10% (beef joins EO 14257 Annex II only from 2025-11-13, list eo14257-annex-ii dated) + 40% = $500 on $1,000.
    expect(price(engine, { hts: BEEF, origin: 'BR', date: '2025-11-12', mfn: '0' })).toMatchObject({ duty: '500.00' });
    expect(price(engine, { hts: BEEF, origin: 'BR', date: '2025-11-13', mfn: '0' })).toMatchObject({ duty: '0.00' });
  });

  it('in transit: loaded before 2025-08-06 and entered before 2025-10-05, no 40% (9903.01.78)', () => {
    expect(price(engine, { hts: TOY, origin: 'BR', date: '2025-09-01', mfn: '0', loaded: '2025-08-01' })).toMatchObject({ duty: '100.00' });
    expect(price(engine, { hts: TOY, origin: 'BR', date: '2025-10-05', mfn: '0', loaded: '2025-08-01' })).toMatchObject({ duty: '500.00' });
  });
});

describe('Brazil: Section 301 Brazil 25% from 2026-07-22, stacking with the forced-labor 12.5% (§13, §15e)', () => {
  it.each([
    ['2026-07-21', '100.00'], // Section 122 10%
    ['2026-07-22', '350.00'], // Section 122 10% + 301 Brazil 25%
    ['2026-07-24', '375.00'], // 301 Brazil 25% + forced labor 12.5% = 37.5%
  ])('a toy on %s: %s', (date, duty) => {
    expect(price(engine, { hts: TOY, origin: 'BR', date, mfn: '0' })).toMatchObject({ duty });
  });

  it('exempt: the Brazil annex goods and Section 232 articles; in transit (loaded before 07-22, entered before 07-29)', () => {
    // iron ore on 2026-08-01: forced labor 12.5% only = 125.00
    expect(price(engine, { hts: ORE, origin: 'BR', date: '2026-08-01', mfn: '0' })).toMatchObject({ duty: '125.00', measures: expect.not.arrayContaining(['s301-br-25']) });
    // toy loaded 2026-07-20, entered 2026-07-23: Section 122 10% only = 100.00
    expect(price(engine, { hts: TOY, origin: 'BR', date: '2026-07-23', mfn: '0', loaded: '2026-07-20' })).toMatchObject({ duty: '100.00' });
    // steel 7208.10.15 (Proc. 11021 Annex I-A, 50%) on 2026-08-01: 500.00, no Section 301 of either kind
    expect(price(engine, { hts: '7208.10.15', origin: 'BR', date: '2026-08-01', mfn: '0' })).toMatchObject({ duty: '500.00' });
  });
});
