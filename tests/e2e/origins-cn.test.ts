/**
 * China, Hong Kong, Canada, Mexico and Brazil from the command line: one mixed-origin file with an `origin` column,
 * each row's figure computed by hand from shared/DOMAIN-ORIGINS.md (§2, §3, §4, §13), $1,000 and MFN given.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

const CSV = [
  'id,value,hts,date,origin,mfn_rate,spi',
  // CN furniture (list 3) on 2025-04-10: fentanyl 20% + reciprocal 125% + 301 25% = 170% -> 1700.00
  'cn,1000,9403.60.80,2025-04-10,CN,0,',
  // HK furniture, same day: no Section 301 list -> 1450.00
  'hk,1000,9403.60.80,2025-04-10,HK,0,',
  // CA toy on 2025-09-01 without USMCA: 35% -> 350.00
  'ca,1000,9503.00.00,2025-09-01,CA,0,',
  // CA toy claiming USMCA (S): exempt -> 0.00 (General Free, the S rate changes nothing)
  'ca-usmca,1000,9503.00.00,2025-09-01,CA,,S',
  // MX potash on 2025-09-01: 10% -> 100.00
  'mx,1000,3104.20.00,2025-09-01,MX,0,',
  // BR toy on 2025-09-01: reciprocal 10% + 40% -> 500.00
  'br,1000,9503.00.00,2025-09-01,BR,0,',
].join('\n');

describe('calc on a file of China, Hong Kong, Canada, Mexico and Brazil rows', () => {
  it('prices every row by its origin, in one run with no flag', async () => {
    const r = await tariff(['calc', '--format', 'csv'], { stdin: `${CSV}\n` });
    expect(r.code, r.stderr).toBe(0);
    const duty = Object.fromEntries(parseCsv(r.stdout).filter((l) => l.id).map((l) => [l.id, l.duty]));
    expect(duty).toEqual({ cn: '1700.00', hk: '1450.00', ca: '350.00', 'ca-usmca': '0.00', mx: '100.00', br: '500.00' });
  });

  it('shows the layer of each duty: China fentanyl and 301 list columns', async () => {
    const r = await tariff(['calc', '--format', 'csv'], { stdin: `${CSV.split('\n').slice(0, 2).join('\n')}\n` });
    const [line] = parseCsv(r.stdout);
    expect(line).toMatchObject({ 'ieepa-fentanyl_duty': '200.00', reciprocal_duty: '1250.00', 'section-301-country_duty': '250.00' });
  });

  it('rejects a Macau row naming the covered origins', async () => {
    const r = await tariff(['calc', '--format', 'csv'], { stdin: 'value,hts,date,origin,mfn_rate\n1000,9503.00.00,2025-09-01,MO,0\n' });
    expect(r.code).toBe(1);
    const [line] = parseCsv(r.stdout);
    expect(line).toMatchObject({ status: 'rejected', rejected_field: 'origin' });
    expect(line!.rejected_reason).toMatch(/CN/);
  });
});
