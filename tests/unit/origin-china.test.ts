/**
 * China and Hong Kong (data/schedules/parts/china.json, hong-kong.json), from shared/DOMAIN-ORIGINS.md §2 (errata
 * first): the IEEPA fentanyl duty (§2a), the reciprocal steps 10 -> 84 -> 125 -> 10% (§2b), Section 301 lists 1-4A and
 * the four-year-review tranches (§2d, HTS U.S. notes 20 and 31), the stacking rules (§2f). Every figure is for a
 * customs value of $1,000 with the MFN rate the row gives.
 */
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../helpers.js';
import { price } from './origin-duty.js';

const engine = bundledEngine();
const TOY = '9503.00.00'; // toys: on no Section 301 list (they were on list 4B, never collected), not in Annex II
const FURNITURE = '9403.60.80'; // wooden furniture: list 3 (note 20(f))
const SWEATER = '6110.20.20'; // cotton sweaters: list 4A (note 20(s))

describe('China: IEEPA fentanyl and reciprocal steps on a good of no 301 list (DOMAIN-ORIGINS §2a, §2b)', () => {
  it.each([
    // date, duty on $1,000 (MFN 0), the measures
    ['2025-02-03', '0.00', []], // before EO 14195
    ['2025-02-04', '100.00', ['cn-fentanyl-10']], // fentanyl 10% (9903.01.20)
    ['2025-03-04', '200.00', ['cn-fentanyl-20']], // EO 14228: 20% (9903.01.24)
    ['2025-04-05', '300.00', ['cn-fentanyl-20', 'cn-reciprocal-10']], // 20 + baseline 10
    ['2025-04-09', '1040.00', ['cn-fentanyl-20', 'cn-reciprocal-84']], // 20 + 84 (EO 14259; the 34% never collected)
    ['2025-04-10', '1450.00', ['cn-fentanyl-20', 'cn-reciprocal-125']], // 20 + 125 = 145% (EO 14266)
    ['2025-05-13', '1450.00', ['cn-fentanyl-20', 'cn-reciprocal-125']], // last day of 125%
    ['2025-05-14', '300.00', ['cn-fentanyl-20', 'cn-reciprocal-10-suspended']], // Geneva (EO 14298): 20 + 10
    ['2025-11-10', '200.00', ['cn-fentanyl-10-eo14357', 'cn-reciprocal-10-suspended']], // EO 14357: 10 + 10
    ['2026-02-23', '200.00', ['cn-fentanyl-10-eo14357', 'cn-reciprocal-10-suspended']], // last day of IEEPA
  ])('on %s: %s', (date, duty, measures) => {
    const r = price(engine, { hts: TOY, origin: 'CN', date, mfn: '0' });
    expect(r).toMatchObject({ duty });
    if ('measures' in r) expect(r.measures.filter((m) => m !== 'mfn')).toEqual(measures);
  });

  it('goods loaded before 2025-04-09 and entered before 2025-05-27 pay the 10% baseline, not 125% (EO 14257 §3(b), CSMS #64680374)', () => {
    // 2025-04-20: fentanyl 20% + in-transit 10% = 300.00; loaded before 2025-04-05: no reciprocal at all = 200.00
    expect(price(engine, { hts: TOY, origin: 'CN', date: '2025-04-20', mfn: '0', loaded: '2025-04-07' })).toMatchObject({ duty: '300.00' });
    expect(price(engine, { hts: TOY, origin: 'CN', date: '2025-04-20', mfn: '0', loaded: '2025-04-01' })).toMatchObject({ duty: '200.00' });
    // entered on 2025-05-27 the in-transit rule is over: 145%
    expect(price(engine, { hts: TOY, origin: 'CN', date: '2025-05-13', mfn: '0', loaded: '2025-04-07' })).toMatchObject({ duty: '300.00' });
  });

  it('the fentanyl duty excludes the 50 U.S.C. 1702(b) informational materials (books, chapter 49); the reciprocal too', () => {
    // 4901.99.00 (MFN Free) on 2025-06-01: no fentanyl, no reciprocal; not on list 4A as note 20(s) prints it
    // (the transcription lists it; the text wins): 0.00
    expect(price(engine, { hts: '4901.99.00', origin: 'CN', date: '2025-06-01', mfn: '0' })).toMatchObject({ duty: '0.00', measures: expect.not.arrayContaining(['cn-fentanyl-20']) });
  });
});

describe('China: Section 301 lists and tranches (DOMAIN-ORIGINS §2d; HTS U.S. notes 20, 31)', () => {
  it('list 3 (25%) and list 4A (7.5%) stack on the IEEPA duties: 2025-06-01', () => {
    // furniture: 25 + fentanyl 20 + reciprocal 10 = 55% -> 550.00
    expect(price(engine, { hts: FURNITURE, origin: 'CN', date: '2025-06-01', mfn: '0' })).toMatchObject({ duty: '550.00', byMeasure: { 's301-cn-list-3': '250.00' } });
    // sweater MFN 16.5%: 165.00 + 7.5% 75.00 + 20% 200.00 + 10% 100.00 = 540.00
    expect(price(engine, { hts: SWEATER, origin: 'CN', date: '2025-06-01', mfn: '16.5' })).toMatchObject({ duty: '540.00', byMeasure: { 's301-cn-list-4a': '75.00' } });
  });

  it('a four-year-review rate replaces the list rate: an EV pays 100%, not 25% + 100%; its 232 autos duty displaces the reciprocal but not the fentanyl duty (§2f)', () => {
    // 8703.80.00 on 2025-06-01, MFN 2.5%: 25.00 + autos 25% 250.00 + fentanyl 20% 200.00 + 301 100% 1000.00 = 1475.00
    const r = price(engine, { hts: '8703.80.00', origin: 'CN', date: '2025-06-01', mfn: '2.5' });
    expect(r).toMatchObject({ duty: '1475.00', byMeasure: { 'cn-fentanyl-20': '200.00', 's301-cn-2024-100-to-2026': '1000.00' } });
    if ('why' in r) expect(r.why['cn-reciprocal-10-suspended']).toMatch(/displaced by s232-vehicles-25/);
  });

  it('steel pays the metals 232 duty, the fentanyl duty and the 2024 tranche (25%), no reciprocal', () => {
    // 7208.10.15 on 2025-07-01, MFN 0: 232 50% 500.00 + fentanyl 20% 200.00 + 301 25% 250.00 = 950.00
    expect(price(engine, { hts: '7208.10.15', origin: 'CN', date: '2025-07-01', mfn: '0' })).toMatchObject({ duty: '950.00' });
  });

  it('errata 4: polysilicon (2804.61.00) pays 50% from 2025-01-01 (note 31(f)); tungsten (8101.94.00) 25% (note 31(j))', () => {
    // 2025-06-01: polysilicon is in Annex II (no reciprocal): 301 50% 500.00 + fentanyl 20% 200.00 = 700.00
    expect(price(engine, { hts: '2804.61.00', origin: 'CN', date: '2025-06-01', mfn: '0' })).toMatchObject({ duty: '700.00', byMeasure: { 's301-cn-2025-50': '500.00' } });
    // 2024-12-31: the 2025 tranche not yet in force
    expect(price(engine, { hts: '2804.61.00', origin: 'CN', date: '2024-12-31', mfn: '0' })).toMatchObject({ duty: '0.00' });
    const w = price(engine, { hts: '8101.94.00', origin: 'CN', date: '2025-06-01', mfn: '0' });
    expect(w).toMatchObject({ byMeasure: { 's301-cn-2025-25-tungsten': '250.00' } });
  });

  it('enteral syringes keep the list rate until 2026-01-01 (heading 9903.91.10), then pay 100% (note 31(d))', () => {
    // 9018.31.0080, MFN 0, 2025-12-31: list 4A? no: list 3 25% (9018.31 on list 3) ... whatever list, not the 100%
    const before = price(engine, { hts: '9018.31.0080', origin: 'CN', date: '2025-12-31', mfn: '0' });
    expect(before).toMatchObject({ measures: expect.not.arrayContaining(['s301-cn-2024-100-to-2026']) });
    // other syringes (9018.31.0040) pay the 100% from 2024-09-27
    expect(price(engine, { hts: '9018.31.0040', origin: 'CN', date: '2025-12-31', mfn: '0' })).toMatchObject({ byMeasure: { 's301-cn-2024-100-to-2026': '1000.00' } });
    expect(price(engine, { hts: '9018.31.0080', origin: 'CN', date: '2026-01-01', mfn: '0' })).toMatchObject({ byMeasure: { 's301-cn-2024-100': '1000.00' } });
  });
});

describe('Hong Kong: China\'s IEEPA rates, not the Section 301 lists (DOMAIN-ORIGINS §2, §2f)', () => {
  it.each([
    ['2025-02-04', '100.00'], // fentanyl 10%
    ['2025-04-10', '1450.00'], // 20 + 125
    ['2025-05-14', '300.00'], // 20 + 10
    ['2025-11-10', '200.00'], // 10 + 10
  ])('a toy on %s: %s', (date, duty) => {
    expect(price(engine, { hts: TOY, origin: 'HK', date, mfn: '0' })).toMatchObject({ duty });
  });

  it('furniture of Hong Kong pays no list 3 duty: 2025-06-01, 20 + 10 = 300.00 (China: 550.00)', () => {
    expect(price(engine, { hts: FURNITURE, origin: 'HK', date: '2025-06-01', mfn: '0' })).toMatchObject({ duty: '300.00' });
  });

  it('Macau is not covered: rejected naming the covered origins, never priced as China', () => {
    expect(price(engine, { hts: TOY, origin: 'MO', date: '2025-06-01', mfn: '0' })).toMatchObject({ refused: expect.stringMatching(/^origin: .*MO.*(not covered|covered)/) });
  });
});
