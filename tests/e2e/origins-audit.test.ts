/**
 * Independent audit of every covered origin (issue 13: "a hidden set of cases across these origins ... is right to the
 * cent"), posed the way a hidden test would pose them: an HTS line, a value, an entry date, an origin and where it
 * matters spi / us_content / metal_value / loaded / transshipped. Every expected figure is computed by hand in the
 * comment from shared/DOMAIN-ORIGINS.md (its errata first; DOMAIN-2026-12.md and DOMAIN.md for the measures every
 * origin pays) or, where those leave it open, from the chapter 99 text of HTSUS 2026 Rev. 6 (heading cited). Nothing
 * here is read from the tool's data: the MFN rates are those the official HTS prints for the line (column 1 General),
 * written beside each case.
 *
 * All cases run in ONE spawn of the built CLI (one mixed-origin CSV, no flag): the file is itself the mixed-origin
 * case, and the test stays fast. Amounts are per measure, rounded half up to the cent (us.json `rounding`).
 *
 * Lines used (HTS 2026 column 1 General): 9503.00.00 toys Free (no China 301 list: list 4B only, never collected);
 * 6110.20.20 cotton sweaters 16.5%; 3926.90.99 plastic articles 5.3% (China list 4A, 7.5%); 8504.40.95 power
 * supplies Free (China list 3, 25%); 7208.51.00 steel plate Free (232 steel; China 2024 tranche 25%, 9903.91.01);
 * 7318.15.20 steel bolts Free (232 steel derivative; China list 3); 8703.23.01 cars 2.5% (232 autos; China list 1);
 * 8704.21.01 light trucks 25%; 8708.30.50 brake parts 2.5% (232 auto parts, note 33(g)); 0901.21.00 roasted coffee
 * Free (EO 14257 Annex II from 2025-11-13; China list 4A); 3104.20.00 potassium chloride Free (potash); 2711.11.00
 * LNG Free (energy; Annex II); 0106.14.00 rabbits Free (Swiss exempt list, 9903.02.84); 8541.43.00 solar modules Free
 * (China 2024 tranche 50%, 9903.91.02); 8542.31.00 processors Free (China 50% from 2025-01-01, 9903.91.05; Annex II);
 * 9018.31.00 syringes Free (China 100%, 9903.91.03; enteral syringes .80 at 0 until 2026 by 9903.91.10);
 * 6307.90.98.70 textile facemasks 7% (China 25% in 2025, 9903.91.04; 50% from 2026, 9903.91.07).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

interface Case {
  id: string;
  hts: string;
  value: string;
  date: string;
  origin: string;
  spi?: string;
  us?: string;
  metal?: string;
  loaded?: string;
  ts?: boolean;
  /** quantity in the unit of a specific MFN rate */
  qty?: string;
  unit?: string;
  duty: string;
  /** duty per layer column, where the stacking is the point */
  layers?: Record<string, string>;
}

const c = (id: string, origin: string, hts: string, date: string, duty: string, more: Partial<Case> = {}): Case => ({
  id,
  origin,
  hts,
  date,
  duty,
  value: '10000',
  ...more,
});

// ---------------------------------------------------------------------------------------------------------------
// China (DOMAIN-ORIGINS §2a fentanyl, §2b reciprocal, §2c after IEEPA, §2d Section 301, §2f stacking)
const CN: Case[] = [
  // before EO 14195 (2025-02-04 00:01 EST): nothing but MFN Free -> 0
  c('CN01', 'CN', '9503.00.00', '2025-02-03', '0.00'),
  // §2a: 9903.01.20 +10% from 2025-02-04 -> 1,000
  c('CN02', 'CN', '9503.00.00', '2025-02-04', '1000.00'),
  // §2a in-transit (9903.01.23): loaded before 2025-02-01 and entered before 2025-03-07 -> 0
  c('CN45', 'CN', '9503.00.00', '2025-02-10', '0.00', { loaded: '2025-01-31' }),
  // §2a: EO 14228 +20% from 2025-03-04 (9903.01.24) -> 2,000
  c('CN03', 'CN', '9503.00.00', '2025-03-04', '2000.00'),
  // §2b: reciprocal +10% from 2025-04-05 (9903.01.25) on top of the 20% fentanyl -> 3,000
  c('CN04', 'CN', '9503.00.00', '2025-04-05', '3000.00'),
  // §2b: 84% on 2025-04-09 (EO 14259; the 34% never collected) + 20% -> 10,400
  c('CN05', 'CN', '9503.00.00', '2025-04-09', '10400.00', { layers: { reciprocal: '8400.00', 'ieepa-fentanyl': '2000.00' } }),
  // §2b: 125% from 2025-04-10 (EO 14266) + 20% = 145% -> 14,500 (DOMAIN-ORIGINS derived total 145%)
  c('CN06', 'CN', '9503.00.00', '2025-04-10', '14500.00'),
  // last day of 125%: 2025-05-13 -> 14,500
  c('CN07', 'CN', '9503.00.00', '2025-05-13', '14500.00'),
  // §2b: Geneva, EO 14298, 10% from 2025-05-14 + 20% = 30% -> 3,000
  c('CN08', 'CN', '9503.00.00', '2025-05-14', '3000.00'),
  // last day of the 20% fentanyl: 2025-11-09 -> 3,000
  c('CN09', 'CN', '9503.00.00', '2025-11-09', '3000.00'),
  // §2a: EO 14357 fentanyl 10% from 2025-11-10 + reciprocal 10% = 20% -> 2,000
  c('CN10', 'CN', '9503.00.00', '2025-11-10', '2000.00'),
  // last IEEPA day 2026-02-23 -> 2,000
  c('CN11', 'CN', '9503.00.00', '2026-02-23', '2000.00'),
  // §2c: IEEPA ends 12:00 a.m. 2026-02-24 (CSMS #67834313); Section 122 +10% (9903.03.01) -> 1,000
  c('CN12', 'CN', '9503.00.00', '2026-02-24', '1000.00', { layers: { 'section-122': '1000.00', 'ieepa-fentanyl': '0.00', reciprocal: '0.00' } }),
  // last Section 122 day 2026-07-23 -> 1,000
  c('CN13', 'CN', '9503.00.00', '2026-07-23', '1000.00'),
  // §2c / §15c: Section 301 forced labor 12.5% for China (9903.05.31) from 2026-07-24 -> 1,250
  c('CN14', 'CN', '9503.00.00', '2026-07-24', '1250.00', { layers: { 'section-301': '1250.00', 'section-122': '0.00' } }),
  // §15c in-transit: loaded before 2026-07-24 and entered before 2026-07-28 (9903.05.85) -> 0
  c('CN15', 'CN', '9503.00.00', '2026-07-27', '0.00', { loaded: '2026-07-20' }),
  // same goods entered 2026-07-28: the in-transit deadline has passed -> 1,250
  c('CN16', 'CN', '9503.00.00', '2026-07-28', '1250.00', { loaded: '2026-07-20' }),
  // §2d list 4A 7.5% stacks: MFN 5.3% 530 + fentanyl 20% 2,000 + reciprocal 10% 1,000 + 301 750 -> 4,280
  c('CN17', 'CN', '3926.90.99', '2025-10-01', '4280.00', { layers: { 'section-301-country': '750.00' } }),
  // list 3 25% 2,500 + forced-labor 12.5% 1,250 (301 lists and 301 FL stack, §2f) -> 3,750
  c('CN18', 'CN', '8504.40.95', '2026-08-01', '3750.00', { layers: { 'section-301': '1250.00', 'section-301-country': '2500.00' } }),
  // §2f: steel plate: 232 50% 5,000 (metal = whole value by default) + fentanyl stacks on 232 goods 2,000 (EO 14289
  // does not name it) + 301 2024 tranche 25% 2,500; no reciprocal on 232 articles (9903.01.33) -> 9,500
  c('CN19', 'CN', '7208.51.00', '2025-10-01', '9500.00', { layers: { 'section-232-metals': '5000.00', 'ieepa-fentanyl': '2000.00', reciprocal: '0.00' } }),
  // after IEEPA and Proc. 11021 (Annex I-A 50%, full value): 5,000 + 301 2,500; Section 122 excludes 232 articles -> 7,500
  c('CN20', 'CN', '7208.51.00', '2026-05-01', '7500.00', { layers: { 'section-122': '0.00' } }),
  // car: MFN 2.5% 250 + 232 autos 25% 2,500 + list 1 25% 2,500 + fentanyl 20% 2,000 (stacks) -> 7,250
  c('CN21', 'CN', '8703.23.01', '2025-10-01', '7250.00', { layers: { 'ieepa-fentanyl': '2000.00', 'section-232-autos': '2500.00' } }),
  // syringes: note 31(d) 100% 10,000 + fentanyl 2,000 + reciprocal 1,000 -> 13,000
  c('CN22', 'CN', '9018.31.00.40', '2025-10-01', '13000.00'),
  // solar modules: note 31(c) 50% 5,000 + 2,000 + 1,000 -> 8,000
  c('CN23', 'CN', '8541.43.00', '2025-10-01', '8000.00'),
  // US content 25% (>= 20%, 9903.01.34): reciprocal on the non-US 7,500 -> 750; fentanyl on the full value 2,000 -> 2,750
  c('CN26', 'CN', '9503.00.00', '2025-10-01', '2750.00', { us: '25' }),
  // steel derivative with metal 6,000 (Proc. 10947): 232 50% x 6,000 = 3,000; reciprocal 10% x 4,000 = 400; fentanyl
  // 20% x 10,000 = 2,000; list 3 25% 2,500 -> 7,900
  c('CN27', 'CN', '7318.15.20', '2025-10-01', '7900.00', { metal: '6000' }),
  // coffee 2026-03-01: Section 122 Annex (9903.03.03) exempt; list 4A 7.5% still due -> 750
  c('CN28', 'CN', '0901.21.00', '2026-03-01', '750.00'),
  // coffee 2025-11-13: Annex II ag list (reciprocal only, WH-AG-NOV25): fentanyl 10% (EO 14357) 1,000 + list 4A 750 -> 1,750
  c('CN38', 'CN', '0901.21.00', '2025-11-13', '1750.00', { layers: { reciprocal: '0.00' } }),
  // processors: Annex II (no reciprocal); note 31(f) 50% 5,000 + fentanyl 2,000 -> 7,000
  c('CN33', 'CN', '8542.31.00', '2025-10-01', '7000.00'),
  // enteral syringes before 2026: 9903.91.10 notwithstanding 9903.91.03 -> no 301; 1,000 + 1,000 -> 2,000
  c('CN34', 'CN', '9018.31.00.80', '2025-12-31', '2000.00'),
  // from 2026-01-01 enteral syringes pay 100% (note 31(i) / 9903.91.03 again) -> 10,000 + 2,000 -> 12,000
  c('CN35', 'CN', '9018.31.00.80', '2026-01-01', '12000.00'),
  // textile facemasks 2025-12-31: MFN 7% 700 + 9903.91.04 25% 2,500 + 1,000 + 1,000 -> 5,200
  c('CN31', 'CN', '6307.90.98.70', '2025-12-31', '5200.00'),
  // 2026-01-01: 9903.91.04 ended ("before January 1, 2026"); 9903.91.07 50% 5,000 -> 7,700
  c('CN32', 'CN', '6307.90.98.70', '2026-01-01', '7700.00'),
  // EV (note 31(d), 100%, displacing list 1's 25%): MFN 250 + 232 autos 2,500 + 10,000 + fentanyl 2,000 -> 14,750
  c('CN39', 'CN', '8703.80.00', '2025-10-01', '14750.00', { layers: { 'section-301-country': '10000.00' } }),
  // the same EV from Hong Kong: no 301 list (§2d) -> 250 + 2,500 + 2,000 -> 4,750
  c('CN40', 'HK', '8703.80.00', '2025-10-01', '4750.00'),
  // Li-ion battery in 2025 (8507.60: list 4B only, never collected; note 31(g) only from 2026): MFN 3.4% 340 + 232
  // auto parts (note 33(g) lists 8507.60) 2,500 + fentanyl 2,000; no reciprocal on 232 parts -> 4,840
  c('CN41', 'CN', '8507.60.00.10', '2025-10-01', '4840.00'),
  // from 2026-01-01 note 31(g) 25% (9903.91.06) adds 2,500; fentanyl 10% -> 340 + 2,500 + 2,500 + 1,000 -> 6,340
  c('CN42', 'CN', '8507.60.00.10', '2026-01-01', '6340.00'),
  // upholstered seat before the wood 232 (2025-10-14): note 20(g) 25% (9903.88.04) + 2,000 + 1,000 -> 5,500
  c('CN43', 'CN', '9401.61.40', '2025-10-01', '5500.00'),
  // tungsten (note 31(j), 25% from 2025-01-01, errata 4): MFN 3.7% 370 + 2,500 + 2,000 + 1,000 -> 5,870
  c('CN44', 'CN', '8101.99.80', '2025-10-01', '5870.00'),
  // odd cents, per measure half up: 1,234.57 x 5.3% = 65.43221 -> 65.43; x 20% = 246.914 -> 246.91;
  // x 10% = 123.457 -> 123.46; x 7.5% = 92.59275 -> 92.59 -> 528.39
  c('CN36', 'CN', '3926.90.99', '2025-10-01', '528.39', { value: '1234.57' }),
  // 333.33 x 125% = 416.6625 -> 416.66; x 20% = 66.666 -> 66.67 -> 483.33
  c('CN37', 'CN', '9503.00.00', '2025-04-10', '483.33', { value: '333.33' }),
];

// Hong Kong (§2: China's IEEPA rates; not the China 301 lists; forced labor 12.5%, 9903.05.43)
const HK: Case[] = [
  // fentanyl 20% + reciprocal 10% -> 3,000
  c('HK01', 'HK', '9503.00.00', '2025-10-01', '3000.00'),
  // plastics: MFN 530 + 2,000 + 1,000, no list 4A (products of China only, §2d) -> 3,530
  c('HK02', 'HK', '3926.90.99', '2025-10-01', '3530.00', { layers: { 'section-301-country': '0.00' } }),
  // 2026-08-01: 301 FL 12.5% -> 1,250
  c('HK03', 'HK', '9503.00.00', '2026-08-01', '1250.00'),
  // 2025-04-10: 125% + 20% -> 14,500
  c('HK04', 'HK', '9503.00.00', '2025-04-10', '14500.00'),
  // 2026-03-01: MFN 530 + Section 122 10% 1,000 -> 1,530
  c('HK05', 'HK', '3926.90.99', '2026-03-01', '1530.00'),
  // last IEEPA day: fentanyl 10% (EO 14357) + reciprocal 10% -> 2,000; next day Section 122 -> 1,000
  c('HK06', 'HK', '9503.00.00', '2026-02-23', '2000.00'),
  c('HK07', 'HK', '9503.00.00', '2026-02-24', '1000.00'),
];

// Canada (§3a-§3c, errata 1, §15e)
const CA: Case[] = [
  // before 2025-03-04: nothing -> 0
  c('CA01', 'CA', '9503.00.00', '2025-03-03', '0.00'),
  // §3a 2025-03-04 -> 03-07: all goods 25% (USMCA included) -> 2,500
  c('CA02', 'CA', '9503.00.00', '2025-03-04', '2500.00'),
  c('CA03', 'CA', '9503.00.00', '2025-03-05', '2500.00', { spi: 'S' }),
  // from 2025-03-07 (EO 14231) USMCA goods exempt (9903.01.14) -> 0; without a claim 25% -> 2,500
  c('CA04', 'CA', '9503.00.00', '2025-03-07', '0.00', { spi: 'S' }),
  c('CA05', 'CA', '9503.00.00', '2025-03-07', '2500.00'),
  // EO 14325: 35% from 2025-08-01 00:01 EDT -> 3,500; last day 2026-02-23 -> 3,500
  c('CA06', 'CA', '9503.00.00', '2025-08-01', '3500.00'),
  c('CA07', 'CA', '9503.00.00', '2026-02-23', '3500.00'),
  // §3b: Section 122 10% from 2026-02-24 -> 1,000; USMCA exempt (9903.03.07) -> 0
  c('CA08', 'CA', '9503.00.00', '2026-02-24', '1000.00'),
  c('CA09', 'CA', '9503.00.00', '2026-02-24', '0.00', { spi: 'S' }),
  // §3b: 301 FL 10% (9903.05.29) -> 1,000; USMCA exempt (9903.05.93) -> 0
  c('CA10', 'CA', '9503.00.00', '2026-07-24', '1000.00'),
  c('CA11', 'CA', '9503.00.00', '2026-07-24', '0.00', { spi: 'S' }),
  // §3a: transshipped 40% in lieu of 35% (9903.01.16) -> 4,000
  c('CA12', 'CA', '9503.00.00', '2025-10-01', '4000.00', { ts: true }),
  // 9903.01.16 excepts 9903.01.14: a USMCA-claimed row is outside the transshipment rate too -> 0; energy found
  // transshipped is not excepted (.13 is not named) -> 40% -> 4,000
  c('CA25', 'CA', '9503.00.00', '2025-10-01', '0.00', { ts: true, spi: 'S' }),
  c('CA26', 'CA', '2711.11.00', '2025-10-01', '4000.00', { ts: true }),
  // potash 10% (9903.01.15) -> 1,000
  c('CA13', 'CA', '3104.20.00', '2025-10-01', '1000.00'),
  // EO 14289 to 2025-06-03 (errata 1): Canada IEEPA 25% beats 232 steel -> 2,500 of IEEPA, no 232
  c('CA14', 'CA', '7208.51.00', '2025-04-01', '2500.00', { layers: { 'ieepa-fentanyl': '2500.00', 'section-232-metals': '0.00' } }),
  // USMCA claimed: no IEEPA, so 232 steel 25% applies -> 2,500 of 232
  c('CA15', 'CA', '7208.51.00', '2025-04-01', '2500.00', { spi: 'S', layers: { 'ieepa-fentanyl': '0.00', 'section-232-metals': '2500.00' } }),
  // errata 1 from 2025-06-04: 232 50% on the metal 6,000 = 3,000; Canada 35% on the rest 4,000 = 1,400 -> 4,400
  c('CA16', 'CA', '7318.15.20', '2025-10-01', '4400.00', { metal: '6000', layers: { 'ieepa-fentanyl': '1400.00', 'section-232-metals': '3000.00' } }),
  // EO 14289: autos 232 beats the Canada IEEPA: MFN 250 + 2,500 -> 2,750; USMCA: MFN Free (S) + 2,500 -> 2,500
  c('CA17', 'CA', '8703.23.01', '2025-10-01', '2750.00', { layers: { 'ieepa-fentanyl': '0.00' } }),
  c('CA18', 'CA', '8703.23.01', '2025-10-01', '2500.00', { spi: 'S' }),
  // 301 FL in-transit (loaded 07-20, entered 07-27) -> 0
  c('CA19', 'CA', '9503.00.00', '2026-07-27', '0.00', { loaded: '2026-07-20' }),
  // energy 10% on all goods 2025-03-04 -> 03-07 (9903.01.13), USMCA included -> 1,000
  c('CA20', 'CA', '2711.11.00', '2025-03-05', '1000.00', { spi: 'S' }),
  // energy 10% -> 1,000; claimed USMCA from 2025-03-07 -> 0
  c('CA21', 'CA', '2711.11.00', '2025-10-01', '1000.00'),
  c('CA22', 'CA', '2711.11.00', '2025-10-01', '0.00', { spi: 'S' }),
  // auto part (note 33(g)) without a claim: EO 14289, 232 parts beats the border duty: MFN 250 + 2,500 -> 2,750
  c('CA23', 'CA', '8708.30.50', '2025-10-01', '2750.00', { layers: { 'ieepa-fentanyl': '0.00', 'section-232-autos': '2500.00' } }),
  // claimed USMCA (S): note 33(h)(i), heading 9903.94.06 -> no 232 parts duty; no border duty (USMCA); MFN Free (S) -> 0
  c('CA24', 'CA', '8708.30.50', '2025-10-01', '0.00', { spi: 'S' }),
];

// Mexico (§4, errata 1, §15e)
const MX: Case[] = [
  // 2025-03-04: all goods 25% -> 2,500; 2025-03-06 even with USMCA -> 2,500
  c('MX01', 'MX', '9503.00.00', '2025-03-04', '2500.00'),
  c('MX09', 'MX', '9503.00.00', '2025-03-06', '2500.00', { spi: 'S' }),
  // the threatened 30% of 2025-08-01 was never implemented -> still 25%; USMCA exempt -> 0
  c('MX02', 'MX', '9503.00.00', '2025-08-01', '2500.00'),
  c('MX03', 'MX', '9503.00.00', '2025-08-01', '0.00', { spi: 'S' }),
  // potash 10% (9903.01.05) -> 1,000
  c('MX04', 'MX', '3104.20.00', '2025-10-01', '1000.00'),
  // 301 FL 10% (9903.05.55) -> 1,000
  c('MX05', 'MX', '9503.00.00', '2026-07-24', '1000.00'),
  // Section 122: USMCA (S+) exempt (9903.03.08) -> 0
  c('MX06', 'MX', '9503.00.00', '2026-03-01', '0.00', { spi: 'S+' }),
  // errata 1: 232 on the metal 3,000 + 25% on the rest 4,000 = 1,000 -> 4,000
  c('MX07', 'MX', '7318.15.20', '2025-10-01', '4000.00', { metal: '6000' }),
  // USMCA steel 2025-04-01: no IEEPA -> 232 25% -> 2,500
  c('MX08', 'MX', '7208.51.00', '2025-04-01', '2500.00', { spi: 'S', layers: { 'section-232-metals': '2500.00' } }),
  // last IEEPA day 25% -> 2,500; first Section 122 day 10% -> 1,000
  c('MX10', 'MX', '9503.00.00', '2026-02-23', '2500.00'),
  c('MX11', 'MX', '9503.00.00', '2026-02-24', '1000.00'),
  // Mexico has no EO 14325 transshipment rate and no reciprocal (9903.01.27): transshipped changes nothing -> 2,500
  c('MX12', 'MX', '9503.00.00', '2025-10-01', '2500.00', { ts: true }),
  // USMCA auto part (note 33(h)(i), 9903.94.06): no 232, no Section 122 (9903.03.08) -> 0; without the claim
  // 250 + 232 25% 2,500 (no Section 122 on 232 articles) -> 2,750
  c('MX13', 'MX', '8708.30.50', '2026-03-01', '0.00', { spi: 'S' }),
  c('MX14', 'MX', '8708.30.50', '2026-03-01', '2750.00'),
];

// Brazil (§13, §15e)
const BR: Case[] = [
  // reciprocal 10% (9903.01.25) -> 1,000; last day before the 40%: 2025-08-05 -> 1,000
  c('BR01', 'BR', '9503.00.00', '2025-04-05', '1000.00'),
  c('BR02', 'BR', '9503.00.00', '2025-08-05', '1000.00'),
  // EO 14323: +40% from 2025-08-06 (9903.01.77), stacked on 10% -> 5,000
  c('BR03', 'BR', '9503.00.00', '2025-08-06', '5000.00', { layers: { reciprocal: '1000.00', 'ieepa-country': '4000.00' } }),
  // in-transit: loaded before 08-06 and entered before 2025-10-05 (9903.01.78) -> 1,000; entered 10-05 -> 5,000
  c('BR04', 'BR', '9503.00.00', '2025-10-04', '1000.00', { loaded: '2025-08-05' }),
  c('BR05', 'BR', '9503.00.00', '2025-10-05', '5000.00', { loaded: '2025-08-05' }),
  // coffee: 2025-11-12 pays 10% + 40% -> 5,000; from 2025-11-13 (retroactive) ag list removed from both -> 0
  c('BR06', 'BR', '0901.21.00', '2025-11-12', '5000.00'),
  c('BR07', 'BR', '0901.21.00', '2025-11-13', '0.00'),
  // EO 14323 Annex I product (iron ore, note 2(x)(iii)(a)): no 40%; MFN Free + 10% 1,000 -> 1,000. Not 3926.90.99:
  // that provision is exempt only as civil aircraft (note 2(x)(iv), 9903.01.82, claimed with spi C)
  c('BR08', 'BR', '2601.11.00', '2025-10-01', '1000.00'),
  // 301 Brazil 25% from 2026-07-22 (errata 3) + Section 122 to 07-23 -> 3,500
  c('BR09', 'BR', '9503.00.00', '2026-07-22', '3500.00', { layers: { 'section-301-country': '2500.00', 'section-122': '1000.00' } }),
  // from 2026-07-24: 25% + 12.5% forced labor, stacking -> 3,750
  c('BR10', 'BR', '9503.00.00', '2026-07-24', '3750.00'),
  // loaded 07-21, entered 07-28: 301 Brazil in-transit (entered before 07-29) exempt; 301 FL's deadline (before 07-28)
  // passed -> 1,250
  c('BR11', 'BR', '9503.00.00', '2026-07-28', '1250.00', { loaded: '2026-07-21' }),
  // 232 goods: no reciprocal, no 40% (9903.01.83) -> 232 50% only -> 5,000
  c('BR12', 'BR', '7208.51.00', '2025-10-01', '5000.00'),
  // 232 goods in 2026: no 301 Brazil, no 301 FL -> 5,000
  c('BR13', 'BR', '7208.51.00', '2026-08-01', '5000.00'),
  // Brazil annex product (iron ore): no 301 Brazil; MFN Free + FL 1,250 -> 1,250
  c('BR14', 'BR', '2601.11.00', '2026-08-01', '1250.00'),
  // transshipped (9903.02.01 in lieu of 9903.02.09's 10%): 40% + the EO 14323 40% -> 8,000
  c('BR15', 'BR', '9503.00.00', '2025-10-01', '8000.00', { ts: true }),
  // last IEEPA day 50% -> 5,000; then 122 -> 1,000
  c('BR16', 'BR', '9503.00.00', '2026-02-23', '5000.00'),
  c('BR17', 'BR', '9503.00.00', '2026-02-24', '1000.00'),
];

// European Union: 27 states, each by its own ISO code (§1a, §1b)
const EU: Case[] = [
  // Germany, MFN 16.5%: 2025-08-06 still the 10% pause -> 1,650 + 1,000 = 2,650
  c('EU01', 'DE', '6110.20.20', '2025-08-06', '2650.00'),
  // 2025-08-07 inclusive 15% on MFN >= 15 -> +0 (9903.02.19) -> 1,650
  c('EU02', 'DE', '6110.20.20', '2025-08-07', '1650.00', { layers: { reciprocal: '0.00' } }),
  // France, MFN Free: 15 - 0 -> 1,500 (9903.02.20)
  c('EU03', 'FR', '9503.00.00', '2025-08-07', '1500.00'),
  // in-transit: loaded before 08-07 and entered before 2025-10-05 keep 10% -> 1,000; entered 10-05 -> 1,500
  c('EU04', 'FR', '9503.00.00', '2025-10-04', '1000.00', { loaded: '2025-08-01' }),
  c('EU05', 'FR', '9503.00.00', '2025-10-05', '1500.00', { loaded: '2025-08-01' }),
  // Italy, MFN 5.3%: 530 + (15 - 5.3 = 9.7%) 970 -> 1,500
  c('EU06', 'IT', '3926.90.99', '2025-10-01', '1500.00', { layers: { reciprocal: '970.00' } }),
  // Section 122 is a flat 10%, no inclusive formula: 1,650 + 1,000 -> 2,650
  c('EU07', 'DE', '6110.20.20', '2026-02-24', '2650.00'),
  // 301 FL inclusive 10% (9903.05.38, MFN >= 10) -> 1,650
  c('EU08', 'DE', '6110.20.20', '2026-07-24', '1650.00'),
  // Netherlands, MFN 5.3 < 10: 530 + 470 (9903.05.39) -> 1,000
  c('EU09', 'NL', '3926.90.99', '2026-07-24', '1000.00'),
  // autos: 2025-07-31 MFN 250 + 232 25% -> 2,750; 2025-08-01 (retroactive) inclusive 15%: 250 + 1,250 -> 1,500
  c('EU10', 'DE', '8703.23.01', '2025-07-31', '2750.00'),
  c('EU11', 'DE', '8703.23.01', '2025-08-01', '1500.00', { layers: { 'section-232-autos': '1250.00' } }),
  // light truck MFN 25% >= 15: 232 adds 0 -> 2,500
  c('EU21', 'DE', '8704.21.01', '2025-10-01', '2500.00'),
  // auto part (note 33(g)), Sweden: 250 + 1,250 -> 1,500
  c('EU17', 'SE', '8708.30.50', '2025-10-01', '1500.00'),
  // natural resources (9903.02.74) from 2025-09-01 (retroactive): 08-31 -> 1,500; 09-01 -> 0
  c('EU12', 'NL', '3104.20.00', '2025-08-31', '1500.00'),
  c('EU13', 'NL', '3104.20.00', '2025-09-01', '0.00'),
  // Austria steel: 232 50% only, no reciprocal -> 5,000
  c('EU14', 'AT', '7208.51.00', '2025-10-01', '5000.00'),
  // Ireland, Annex I 20% (9903.01.50) on 2025-04-09 -> 2,000
  c('EU15', 'IE', '9503.00.00', '2025-04-09', '2000.00'),
  // Spain, last IEEPA day -> 1,500; Belgium first Section 122 day -> 1,000
  c('EU16', 'ES', '9503.00.00', '2026-02-23', '1500.00'),
  c('EU31', 'BE', '9503.00.00', '2026-02-24', '1000.00'),
  // coffee: Annex II ag list from 2025-11-13 (9903.02.78): 11-12 Italy -> 1,500; 11-13 Germany -> 0
  c('EU20', 'IT', '0901.21.00', '2025-11-12', '1500.00'),
  c('EU19', 'DE', '0901.21.00', '2025-11-13', '0.00'),
  // US content 50%: 15% on the non-US 5,000 -> 750
  c('EU22', 'DE', '9503.00.00', '2025-10-01', '750.00', { us: '50' }),
  // derivative, metal 6,000: 232 3,000 + inclusive 15% on the rest 4,000 = 600 -> 3,600
  c('EU23', 'DE', '7318.15.20', '2025-10-01', '3600.00', { metal: '6000' }),
  // Section 122 on the same, 2026-03-01: 232 3,000 + 10% of the rest 400 (9903.03.06: metal content only) -> 3,400
  c('EU32', 'DE', '7318.15.20', '2026-03-01', '3400.00', { metal: '6000' }),
  // from 2026-04-06 Proc. 11021 Annex I-A 50% on the full value, no Section 122 -> 5,000
  c('EU33', 'DE', '7318.15.20', '2026-04-06', '5000.00', { metal: '6000' }),
  // 301 FL in-transit (loaded 07-20, entered 07-27) -> MFN 530 only
  c('EU24', 'DE', '3926.90.99', '2026-07-27', '530.00', { loaded: '2026-07-20' }),
  // Section 122 in-transit: loaded before 02-24, entered before 2026-02-28 (9903.03.02) -> 0; entered 02-28 -> 1,000
  c('EU25', 'DE', '9503.00.00', '2026-02-27', '0.00', { loaded: '2026-02-23' }),
  c('EU26', 'DE', '9503.00.00', '2026-02-28', '1000.00', { loaded: '2026-02-23' }),
  // transshipped (9903.02.01, EO 14326 s.3): 40% in lieu of the inclusive 15%: Poland -> 4,000; Germany 1,650 + 4,000
  c('EU18', 'PL', '9503.00.00', '2025-10-01', '4000.00', { ts: true }),
  c('EU27', 'DE', '6110.20.20', '2025-08-07', '5650.00', { ts: true }),
  // ... not before EO 14326 (2025-08-06: the 10% pause) and not after IEEPA (2026-02-24: Section 122)
  c('EU28', 'DE', '6110.20.20', '2025-08-06', '2650.00', { ts: true }),
  c('EU30', 'FR', '9503.00.00', '2026-02-24', '1000.00', { ts: true }),
  // a few more members by their own code: Czechia, Portugal, Greece (GR), Croatia -> 15% of 10,000
  c('EU34', 'CZ', '9503.00.00', '2025-12-01', '1500.00'),
  c('EU35', 'PT', '9503.00.00', '2025-12-01', '1500.00'),
  c('EU36', 'GR', '9503.00.00', '2025-12-01', '1500.00'),
  c('EU37', 'HR', '9503.00.00', '2025-12-01', '1500.00'),
  // specific MFN (note 2(v)(xix): ad valorem equivalent = duty / value): wine 6.3 cents/liter x 100 l = 6.30 on
  // 1,000 (0.63%); inclusive 15%: 14.37% = 143.70 -> 150.00; 301 FL inclusive 10%: 9.37% = 93.70 -> 100.00
  c('EU39', 'FR', '2204.21.50', '2025-10-01', '150.00', { value: '1000', qty: '100', unit: 'liters' }),
  c('EU40', 'IT', '2204.21.50', '2026-07-24', '100.00', { value: '1000', qty: '100', unit: 'liters' }),
  // odd cents: 1,234.57 x 5.3% = 65.43; x 9.7% = 119.75329 -> 119.75 -> 185.18 (not 15% of the value, 185.19)
  c('EU38', 'IT', '3926.90.99', '2025-10-01', '185.18', { value: '1234.57' }),
];

// every one of the 27 member states (§1: "product of an EU member state"), by its ISO 3166-1 code (Greece GR):
// a Free toy on 2025-12-01 -> inclusive 15% -> 1,500; plastics on 2026-08-01 -> 530 + (10 - 5.3)% 470 -> 1,000
const EU27 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
EU.push(
  ...EU27.map((cc) => c(`EU-${cc}-2025`, cc, '9503.00.00', '2025-12-01', '1500.00')),
  ...EU27.map((cc) => c(`EU-${cc}-2026`, cc, '3926.90.99', '2026-08-01', '1000.00')),
);

// United Kingdom (§6)
const GB: Case[] = [
  // 10% throughout the IEEPA period (9903.02.66) -> 1,000
  c('GB01', 'GB', '9503.00.00', '2025-10-01', '1000.00'),
  // UK steel 25% from 2025-06-04 (Proc. 10947 ¶7) -> 2,500; the day before: 25% for all -> 2,500
  c('GB02', 'GB', '7208.51.00', '2025-10-01', '2500.00'),
  c('GB03', 'GB', '7208.51.00', '2025-06-03', '2500.00'),
  // UK aluminum 25% (9903.85.12) on the metal (whole value by default): MFN 3% 300 + 2,500 -> 2,800
  c('GB12', 'GB', '7606.12.30', '2025-10-01', '2800.00'),
  // metal content given (Proc. 10947): the UK 25% on the metal 2,000 = 500 and the 10% reciprocal on the rest 8,000 =
  // 800; the general 50% it replaces is owed on no part of the value -> bolts 1,300; aluminum article MFN 2.5% 250 -> 1,550
  c('GB13', 'GB', '7318.15.20', '2025-10-01', '1300.00', { metal: '2000', layers: { 'section-232-metals': '500.00', reciprocal: '800.00' } }),
  c('GB14', 'GB', '7616.99.51', '2025-10-01', '1550.00', { metal: '2000' }),
  // derivatives BIS added on 2025-08-18 are UK derivative aluminum products of 9903.85.15 (note 19(s) lists 3208.10.00,
  // 0402.99.68 ...): 25%, not 50%. Paint MFN 3.7% 370 + 25% x 2,000 + 10% x 8,000 -> 1,670; the EU pays the general 50%
  // on the metal: 370 + 1,000 + inclusive 15% (15 - 3.7 = 11.3%) x 8,000 = 904 -> 2,274
  c('GB15', 'GB', '3208.10.00', '2025-10-01', '1670.00', { metal: '2000', layers: { 'section-232-metals': '500.00' } }),
  c('EU41', 'DE', '3208.10.00', '2025-10-01', '2274.00', { metal: '2000' }),
  // dairy in aluminum packaging, MFN 17.5% 1,750 + 25% x 1,000 + 10% x 9,000 -> 2,900 on its first day
  c('GB16', 'GB', '0402.99.68', '2025-08-18', '2900.00', { metal: '1000' }),
  // vehicles in the quota from 2025-06-30: MFN 2.5% + 7.5% (9903.94.31) -> 1,000; 06-29: 250 + 2,500 -> 2,750
  c('GB05', 'GB', '8703.23.01', '2025-06-30', '1000.00'),
  c('GB06', 'GB', '8703.23.01', '2025-06-29', '2750.00'),
  // parts: 9903.94.32 prints "10%" (not "the duty of the subheading + 10%"), note 33(j) "ordinary customs duty
  // treatment", EO text "total tariff of 10 percent (including any MFN)": MFN 250 + 750 -> 1,000
  c('GB08', 'GB', '8708.30.50', '2025-07-01', '1000.00'),
  // 301 FL 10% (9903.05.81) -> 1,000
  c('GB07', 'GB', '9503.00.00', '2026-07-24', '1000.00'),
  // transshipped: 40% in lieu of 10% -> 4,000
  c('GB09', 'GB', '9503.00.00', '2025-10-01', '4000.00', { ts: true }),
  // last IEEPA day 10% -> 1,000; Section 122 10% -> 1,000
  c('GB10', 'GB', '9503.00.00', '2026-02-23', '1000.00'),
  c('GB11', 'GB', '9503.00.00', '2026-02-24', '1000.00'),
];

// South Korea (§5, errata 2 and 5)
const KR: Case[] = [
  // Annex I 25% on 2025-04-09 (9903.01.54) -> 2,500
  c('KR01', 'KR', '9503.00.00', '2025-04-09', '2500.00'),
  // 2025-08-07 -> 11-13: +15% stacked on MFN (9903.02.56) -> 1,500; sweater 1,650 + 1,500 -> 3,150
  c('KR02', 'KR', '9503.00.00', '2025-08-07', '1500.00'),
  c('KR03', 'KR', '6110.20.20', '2025-08-07', '3150.00'),
  c('KR04', 'KR', '6110.20.20', '2025-11-13', '3150.00'),
  // from 2025-11-14 (retroactive) inclusive 15%: MFN 16.5 >= 15 -> 1,650
  c('KR05', 'KR', '6110.20.20', '2025-11-14', '1650.00'),
  // KORUS claimed (KR): the applied rate is the Special Free, so the full 15% -> 1,500 (CSMS #66987366)
  c('KR06', 'KR', '6110.20.20', '2025-11-14', '1500.00', { spi: 'KR', layers: { reciprocal: '1500.00' } }),
  // KORUS under the stacked 15%: Free + 15% -> 1,500
  c('KR13', 'KR', '6110.20.20', '2025-08-07', '1500.00', { spi: 'KR' }),
  // autos: 10-31 MFN 250 + 2,500 -> 2,750; from 2025-11-01 (errata 2, EDT) inclusive 15%: 250 + 1,250 -> 1,500
  c('KR07', 'KR', '8703.23.01', '2025-10-31', '2750.00'),
  c('KR08', 'KR', '8703.23.01', '2025-11-01', '1500.00'),
  // KORUS car: Free + 15% -> 1,500
  c('KR09', 'KR', '8703.23.01', '2025-11-01', '1500.00', { spi: 'KR', layers: { 'section-232-autos': '1500.00' } }),
  // 301 FL inclusive 12.5% (9903.05.70): MFN 16.5 -> 1,650; MFN 5.3: 530 + 720 -> 1,250
  c('KR10', 'KR', '6110.20.20', '2026-07-24', '1650.00'),
  c('KR11', 'KR', '3926.90.99', '2026-07-24', '1250.00'),
  // errata 5 (UNCONFIRMED which column counts for the 301 cap): the data subtracts column 1 General (5.3) even
  // when KORUS is claimed: Free + 7.2% -> 720 (the tracker's reading would give 1,250)
  c('KR12', 'KR', '3926.90.99', '2026-07-24', '720.00', { spi: 'KR' }),
  // transshipped: 40% in lieu of the 15% (9903.02.56) -> 1,650 + 4,000 = 5,650; in the deal period with KORUS ->
  // Free + 4,000
  c('KR14', 'KR', '6110.20.20', '2025-10-01', '5650.00', { ts: true }),
  c('KR15', 'KR', '6110.20.20', '2025-12-01', '4000.00', { spi: 'KR', ts: true }),
  // last IEEPA day (inclusive 15% on a Free toy) -> 1,500; Section 122 -> 1,000
  c('KR16', 'KR', '9503.00.00', '2026-02-23', '1500.00'),
  // wine 6.30 on 1,000 (0.63%) without KORUS: inclusive 15% -> 143.70 + 6.30 -> 150.00
  c('KR19', 'KR', '2204.21.50', '2025-12-01', '150.00', { value: '1000', qty: '100', unit: 'liters' }),
  c('KR17', 'KR', '9503.00.00', '2026-02-24', '1000.00'),
  // odd cents: 1,234.57 x 16.5% = 203.70405 -> 203.70; x 15% = 185.1855 -> 185.19 -> 388.89
  c('KR18', 'KR', '6110.20.20', '2025-08-07', '388.89', { value: '1234.57' }),
];

// Switzerland and Liechtenstein (§10)
const CH: Case[] = [
  // Annex I: CH 31% (9903.01.60), LI 37% (9903.01.66) on 2025-04-09
  c('CH06', 'CH', '9503.00.00', '2025-04-09', '3100.00'),
  c('LI03', 'LI', '9503.00.00', '2025-04-09', '3700.00'),
  // EO 14326: CH +39% stacked (9903.02.58) -> 3,900; LI +15% (9903.02.36) -> 1,500
  c('CH01', 'CH', '9503.00.00', '2025-08-07', '3900.00'),
  c('LI01', 'LI', '9503.00.00', '2025-08-07', '1500.00'),
  // last day of 39%: sweater 1,650 + 3,900 -> 5,550; from 2025-11-14 inclusive 15% (9903.02.82) -> 1,650
  c('CH03', 'CH', '6110.20.20', '2025-11-13', '5550.00'),
  c('CH04', 'CH', '6110.20.20', '2025-11-14', '1650.00'),
  c('CH02', 'CH', '9503.00.00', '2025-11-14', '1500.00'),
  // LI inclusive 15% (9903.02.88): MFN 5.3 -> 530 + 970 -> 1,500
  c('LI04', 'LI', '3926.90.99', '2025-11-14', '1500.00'),
  // Swiss exempt list (9903.02.84, floor_exempt_products): rabbits 0 from 2025-11-14; 39% the day before
  c('CH07', 'CH', '0106.14.00', '2025-11-14', '0.00'),
  c('CH08', 'CH', '0106.14.00', '2025-11-13', '3900.00'),
  // 301 FL inclusive 12.5% for CH (9903.05.74): 530 + 720 -> 1,250; Free toy -> 1,250
  c('CH05', 'CH', '3926.90.99', '2026-07-24', '1250.00'),
  c('CH11', 'CH', '9503.00.00', '2026-07-24', '1250.00'),
  // Liechtenstein is not one of the 60 economies -> MFN only
  c('LI02', 'LI', '3926.90.99', '2026-07-24', '530.00'),
  c('LI06', 'LI', '9503.00.00', '2026-07-24', '0.00'),
  // transshipped: 40% in lieu of 39% / of the inclusive 15% -> 4,000
  c('CH09', 'CH', '9503.00.00', '2025-10-01', '4000.00', { ts: true }),
  c('CH10', 'CH', '9503.00.00', '2025-12-01', '4000.00', { ts: true }),
  c('LI05', 'LI', '9503.00.00', '2025-12-01', '4000.00', { ts: true }),
  // last IEEPA day -> 1,500; Section 122 -> 1,000
  c('CH12', 'CH', '9503.00.00', '2026-02-23', '1500.00'),
  // cheese $1.227/kg x 100 kg = 122.70 on 1,000 (12.27%): 39% stacked -> 512.70; inclusive 15% -> 2.73% = 27.30 -> 150.00
  c('CH13', 'CH', '0406.90.12', '2025-10-01', '512.70', { value: '1000', qty: '100', unit: 'kg' }),
  c('CH14', 'CH', '0406.90.12', '2025-12-01', '150.00', { value: '1000', qty: '100', unit: 'kg' }),
  c('LI07', 'LI', '9503.00.00', '2026-02-24', '1000.00'),
];

// Taiwan (§8)
const TW: Case[] = [
  // 32% on 2025-04-09 (9903.01.61) -> 3,200
  c('TW06', 'TW', '9503.00.00', '2025-04-09', '3200.00'),
  // 20% from 2025-08-07 (9903.02.60) -> 2,000; the announced 15% cap never reached the HTS: last IEEPA day 2,000
  c('TW01', 'TW', '9503.00.00', '2025-08-07', '2000.00'),
  c('TW09', 'TW', '9503.00.00', '2026-02-23', '2000.00'),
  c('TW11', 'TW', '6110.20.20', '2025-08-07', '3650.00'), // 20% stacked on MFN 16.5%: 1,650 + 2,000
  c('TW10', 'TW', '9503.00.00', '2026-02-24', '1000.00'),
  // 301 FL inclusive 10% (9903.05.76 / .75): 530 + 470 -> 1,000; sweater -> 1,650
  c('TW02', 'TW', '3926.90.99', '2026-07-24', '1000.00'),
  c('TW03', 'TW', '6110.20.20', '2026-07-24', '1650.00'),
  // auto parts inclusive 15% from 2026-05-01 (9903.94.66/.67): 250 + 1,250 -> 1,500; 04-30: 250 + 2,500 -> 2,750
  c('TW04', 'TW', '8708.30.50', '2026-05-01', '1500.00'),
  c('TW05', 'TW', '8708.30.50', '2026-04-30', '2750.00'),
  // vehicles are not in Taiwan's deal: 250 + 2,500 -> 2,750
  c('TW07', 'TW', '8703.23.01', '2026-05-01', '2750.00'),
  // transshipped: 40% in lieu of 20% -> 4,000
  c('TW08', 'TW', '9503.00.00', '2025-10-01', '4000.00', { ts: true }),
];

// India (§9)
const IN: Case[] = [
  // 26% on 2025-04-09 (9903.01.55) -> 2,600
  c('IN09', 'IN', '9503.00.00', '2025-04-09', '2600.00'),
  // 25% from 2025-08-07 (9903.02.26); 2025-08-26 -> 2,500
  c('IN01', 'IN', '9503.00.00', '2025-08-26', '2500.00'),
  // Russian-oil +25% from 2025-08-27 (9903.01.84) -> 50% -> 5,000
  c('IN02', 'IN', '9503.00.00', '2025-08-27', '5000.00', { layers: { reciprocal: '2500.00', 'ieepa-country': '2500.00' } }),
  // in-transit: loaded before 08-27, entered before 2025-09-17 (9903.01.85) -> 2,500; entered 09-17 -> 5,000
  c('IN03', 'IN', '9503.00.00', '2025-09-16', '2500.00', { loaded: '2025-08-26' }),
  c('IN04', 'IN', '9503.00.00', '2025-09-17', '5000.00', { loaded: '2025-08-26' }),
  // loaded before 08-07 and entered before 10-05: reciprocal 10% (9903.01.25), and no Russian-oil duty -> 1,000
  c('IN11', 'IN', '9503.00.00', '2025-09-01', '1000.00', { loaded: '2025-08-01' }),
  // EO 14384: ended for entries from 2026-02-07 00:01 EST: 02-06 -> 5,000; 02-07 -> 2,500
  c('IN05', 'IN', '9503.00.00', '2026-02-06', '5000.00'),
  c('IN06', 'IN', '9503.00.00', '2026-02-07', '2500.00'),
  c('IN14', 'IN', '9503.00.00', '2026-02-24', '1000.00'),
  // 301 FL 10% (9903.05.44) -> 1,000
  c('IN07', 'IN', '9503.00.00', '2026-07-24', '1000.00'),
  // 232 goods exempt from both (9903.01.87): steel 50% only -> 5,000
  c('IN08', 'IN', '7208.51.00', '2025-10-01', '5000.00'),
  // Annex II goods (LNG) exempt from both (9903.01.86) -> 0
  c('IN10', 'IN', '2711.11.00', '2025-10-01', '0.00'),
  // coffee: 9903.01.86 exempts the lines of note 2(v)(iii) (Annex II as amended; ag lines from 2025-11-13):
  // 11-12 -> 25% + 25% = 5,000; 11-13 -> 0
  c('IN15', 'IN', '0901.21.00', '2025-11-12', '5000.00'),
  c('IN16', 'IN', '0901.21.00', '2025-11-13', '0.00'),
  // transshipped: 40% in lieu of 25%, the Russian-oil 25% still stacks -> 6,500
  c('IN12', 'IN', '9503.00.00', '2025-10-01', '6500.00', { ts: true }),
];

// Vietnam, Thailand, Malaysia, Singapore (§7, §11, §12, §14)
const ASEAN: Case[] = [
  c('VN01', 'VN', '9503.00.00', '2025-04-09', '4600.00'), // 46% (9903.01.72)
  c('VN05', 'VN', '9503.00.00', '2025-08-06', '1000.00'), // pause 10%
  c('VN02', 'VN', '6110.20.20', '2025-08-07', '3650.00'), // 1,650 + 20% (9903.02.69)
  c('VN03', 'VN', '6110.20.20', '2025-10-01', '5650.00', { ts: true }), // 1,650 + 40% in lieu of 20% (9903.02.01)
  c('VN06', 'VN', '9503.00.00', '2025-10-04', '1000.00', { loaded: '2025-08-06' }), // in-transit 10%
  c('VN07', 'VN', '9503.00.00', '2025-10-05', '2000.00', { loaded: '2025-08-06' }), // deadline passed: 20%
  c('VN08', 'VN', '9503.00.00', '2026-02-23', '2000.00'),
  c('VN09', 'VN', '9503.00.00', '2026-02-24', '1000.00'), // Section 122
  c('VN04', 'VN', '9503.00.00', '2026-07-24', '1250.00'), // 301 FL 12.5% (9903.05.84)
  c('VN10', 'VN', '0901.21.00', '2025-11-12', '2000.00'), // coffee, 20% ...
  c('VN11', 'VN', '0901.21.00', '2025-11-13', '0.00'), // ... then the ag list of Annex II (9903.01.32)
  c('TH01', 'TH', '9503.00.00', '2025-04-09', '3600.00'), // 36% (9903.01.65)
  c('TH02', 'TH', '9503.00.00', '2025-08-07', '1900.00'), // 19% (9903.02.61)
  c('TH04', 'TH', '9503.00.00', '2026-02-23', '1900.00'),
  c('TH05', 'TH', '9503.00.00', '2026-02-24', '1000.00'),
  c('TH03', 'TH', '9503.00.00', '2026-07-24', '1250.00'), // 12.5% (9903.05.77)
  c('TH06', 'TH', '9503.00.00', '2025-10-01', '4000.00', { ts: true }),
  c('TH07', 'TH', '6110.20.20', '2025-10-04', '2650.00', { loaded: '2025-08-06' }), // in-transit: 1,650 + 10%
  c('TH08', 'TH', '9503.00.00', '2026-07-23', '1000.00'), // last Section 122 day
  c('TH09', 'TH', '6110.20.20', '2025-08-07', '3550.00'), // 1,650 + 19%
  c('MY01', 'MY', '9503.00.00', '2025-04-09', '2400.00'), // 24% (9903.01.53)
  c('MY02', 'MY', '9503.00.00', '2025-08-07', '1900.00'), // 19% (9903.02.39)
  c('MY04', 'MY', '9503.00.00', '2026-02-23', '1900.00'),
  c('MY05', 'MY', '9503.00.00', '2026-02-24', '1000.00'),
  c('MY03', 'MY', '9503.00.00', '2026-07-24', '1000.00'), // 10% tier (9903.05.54)
  c('MY06', 'MY', '9503.00.00', '2025-10-01', '4000.00', { ts: true }), // 40% in lieu of 19% (9903.02.01)
  c('MY07', 'MY', '9503.00.00', '2025-04-05', '1000.00'), // baseline 10% (9903.01.25)
  c('MY08', 'MY', '9503.00.00', '2026-07-27', '0.00', { loaded: '2026-07-20' }), // 301 FL in-transit (9903.05.85)
  c('MY09', 'MY', '6110.20.20', '2025-08-07', '3550.00'), // 1,650 + 19%
  c('SG01', 'SG', '9503.00.00', '2025-04-09', '1000.00'), // not in Annex I: 10% throughout (9903.01.25)
  c('SG02', 'SG', '9503.00.00', '2025-08-07', '1000.00'),
  c('SG05', 'SG', '9503.00.00', '2026-02-24', '1000.00'),
  c('SG03', 'SG', '9503.00.00', '2026-07-24', '1250.00'), // 12.5% (9903.05.68)
  c('SG04', 'SG', '9503.00.00', '2025-10-01', '4000.00', { ts: true }), // 40% in lieu of 10%
  c('SG06', 'SG', '9503.00.00', '2025-04-05', '1000.00'),
  c('SG07', 'SG', '6110.20.20', '2026-07-24', '2900.00'), // flat 12.5% (no inclusive formula): 1,650 + 1,250
  c('SG08', 'SG', '9503.00.00', '2026-07-23', '1000.00'),
];

// Japan (DOMAIN.md, DOMAIN-2026-12.md): a few rows in the same file
const JP: Case[] = [
  c('JP01', 'JP', '9503.00.00', '2025-04-09', '2400.00'), // 24% (9903.01.53)
  c('JP02', 'JP', '6110.20.20', '2025-10-01', '1650.00'), // inclusive 15%, MFN >= 15
  c('JP03', 'JP', '9503.00.00', '2026-07-24', '1250.00'), // 301 FL inclusive 12.5%
  c('JP04', 'JP', '6110.20.20', '2025-10-01', '5650.00', { ts: true }), // 40% in lieu of 9903.02.72 (9903.02.01)
  c('JP05', 'JP', '9503.00.00', '2026-02-23', '1500.00'),
  c('JP06', 'JP', '9503.00.00', '2026-02-24', '1000.00'),
];

const GROUPS: [string, Case[]][] = [
  ['China (DOMAIN-ORIGINS §2)', CN],
  ['Hong Kong (§2)', HK],
  ['Canada (§3, errata 1)', CA],
  ['Mexico (§4, errata 1)', MX],
  ['Brazil (§13, errata 3)', BR],
  ['European Union, by member-state code (§1)', EU],
  ['United Kingdom (§6)', GB],
  ['South Korea (§5, errata 2 and 5)', KR],
  ['Switzerland and Liechtenstein (§10)', CH],
  ['Taiwan (§8)', TW],
  ['India (§9)', IN],
  ['Vietnam, Thailand, Malaysia, Singapore (§7, §11, §12, §14)', ASEAN],
  ['Japan (DOMAIN.md)', JP],
];
const ALL = GROUPS.flatMap(([, cs]) => cs);

const csvOf = (cases: Case[]): string =>
  [
    'id,hts,value,date,origin,spi,us_content,metal_value,loaded,transshipped,quantity,unit',
    ...cases.map((x) =>
      [x.id, x.hts, x.value, x.date, x.origin, x.spi ?? '', x.us ?? '', x.metal ?? '', x.loaded ?? '', x.ts ? 'yes' : '', x.qty ?? '', x.unit ?? ''].join(','),
    ),
  ].join('\n') + '\n';

let rows: Map<string, Record<string, string>>;
let stderr = '';

beforeAll(async () => {
  const r = await tariff(['calc', '--format', 'csv'], { stdin: csvOf(ALL) });
  stderr = r.stderr;
  expect(r.code, r.stderr).toBe(0);
  rows = new Map(parseCsv(r.stdout).filter((l) => l.id).map((l) => [l.id!, l]));
}, 60_000);

describe('origins audit: one mixed-origin file, every row right to the cent', () => {
  it('the ids are unique and every row comes out computed', () => {
    expect(new Set(ALL.map((x) => x.id)).size).toBe(ALL.length);
    expect(rows.size, stderr).toBe(ALL.length);
  });

  for (const [name, cases] of GROUPS) {
    describe(name, () => {
      it.each(cases.map((x) => [x.id, x] as const))('%s', (_id, x) => {
        const row = rows.get(x.id);
        expect(row, `${x.id} missing`).toBeDefined();
        expect(row!.status, row!.rejected_reason).toBe('ok');
        expect({ id: x.id, duty: row!.duty }).toEqual({ id: x.id, duty: x.duty });
        for (const [layer, amount] of Object.entries(x.layers ?? {})) expect(row![`${layer}_duty`] || '0.00', `${x.id} ${layer}`).toBe(amount);
      });
    });
  }
});
