/**
 * The EU, UK, Korea, Swiss/Liechtenstein, Taiwan and India parts through the built CLI, as a user runs it: one CSV
 * with an `origin` column, no flag (DOMAIN-ORIGINS sections 1, 5, 6, 8, 9, 10). Each row's figure is worked in its
 * comment; values $10,000.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

const rows: [id: string, hts: string, origin: string, date: string, duty: string][] = [
  // EU: 3924.10.10 (MFN 3.4%) under the inclusive 15%: 340.00 + 1,160.00.
  ['eu-inclusive', '3924.10.10', 'DE', '2025-12-01', '1500.00'],
  // EU car 8703.23.01 (MFN 2.5%), autos deal inclusive 15% from 2025-08-01: 250.00 + 1,250.00.
  ['eu-car', '8703.23.01', 'IT', '2025-09-01', '1500.00'],
  // Korea: +15% on top of MFN 3.4% before 2025-11-14: 340.00 + 1,500.00.
  ['kr-stacked', '3924.10.10', 'KR', '2025-10-01', '1840.00'],
  // Korea car from 2025-11-01: inclusive 15%.
  ['kr-car', '8703.23.01', 'KR', '2025-11-01', '1500.00'],
  // UK car within the quota from 2025-06-30: 250.00 + 750.00.
  ['gb-car', '8703.23.01', 'GB', '2025-07-01', '1000.00'],
  // Switzerland 39% on top of MFN 3.4% (2025-08-07 to 2025-11-13): 340.00 + 3,900.00.
  ['ch-39', '3924.10.10', 'CH', '2025-10-01', '4240.00'],
  // Liechtenstein, inclusive 15% from 2025-11-14: 1,500.00.
  ['li-inclusive', '3924.10.10', 'LI', '2025-12-01', '1500.00'],
  // Taiwan +20% on top of MFN 3.4%: 340.00 + 2,000.00.
  ['tw-20', '3924.10.10', 'TW', '2025-12-01', '2340.00'],
  // India, reciprocal 25% + Russian oil 25% on MFN 3.4%: 340.00 + 2,500.00 + 2,500.00.
  ['in-50', '3924.10.10', 'IN', '2025-12-01', '5340.00'],
];

describe('tariff calc on a file of EU, UK, Korean, Swiss, Liechtenstein, Taiwanese and Indian lines', () => {
  it('computes every row from its own origin, in one run with no flag', async () => {
    const csv = ['id,hts,origin,value_usd,entry_date', ...rows.map(([id, hts, o, d]) => `${id},${hts},${o},10000.00,${d}`)].join('\n');
    const r = await tariff(['calc', '-', '--format', 'csv'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    const out = parseCsv(r.stdout);
    expect(out.map((l) => [l.id, l.origin, l.status, l.duty])).toEqual(rows.map(([id, , o, , duty]) => [id, o, 'ok', duty]));
  });

  it('a KORUS claim in the spi column makes Korea\'s inclusive 15% count the Special rate (CSMS #66987366)', async () => {
    // 4202.19.00 (General 20%, KORUS Free) on 2025-12-01: no claim 2,000.00 (MFN only); KR claimed 0.00 + 1,500.00.
    const csv = ['id,hts,origin,spi,value_usd,entry_date', 'general,4202.19.00,KR,,10000.00,2025-12-01', 'korus,4202.19.00,KR,KR,10000.00,2025-12-01'].join('\n');
    const r = await tariff(['calc', '-', '--format', 'csv'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    expect(parseCsv(r.stdout).map((l) => [l.id, l.duty, l.reciprocal_duty])).toEqual([
      ['general', '2000.00', '0.00'],
      ['korus', '1500.00', '1500.00'],
    ]);
  });

  it('no-deal gives each partner its rate without the deal: Korea 25% (Annex I), Switzerland 39% kept, EU car 25%', async () => {
    const csv = ['id,hts,origin,value_usd,entry_date', 'kr,3924.10.10,KR,10000.00,2025-12-01', 'ch,3924.10.10,CH,10000.00,2025-12-01', 'eu-car,8703.23.01,FR,10000.00,2025-09-01'].join('\n');
    const r = await tariff(['calc', '-', '--format', 'csv', '--scenario', 'no-deal'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    // KR: 340.00 + 2,500.00; CH: 340.00 + 3,900.00; FR car: 250.00 + 2,500.00 (the general 25%).
    expect(parseCsv(r.stdout).map((l) => [l.id, l.duty])).toEqual([
      ['kr', '2840.00'],
      ['ch', '4240.00'],
      ['eu-car', '2750.00'],
    ]);
  });
});
