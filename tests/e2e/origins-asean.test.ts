/**
 * End to end, as a user runs it: one file of rows from Vietnam, Thailand, Malaysia and Singapore (the `origin`
 * column), and the mixed-origin example basket. DOMAIN-ORIGINS s.7, s.11, s.12, s.14; each figure by hand below.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { parseCsv, tariff } from './cli.js';

// A cotton sweater, 6110.20.20, column 1 General 16.5%: $10,000 a line, MFN $1,650.00.
const ROWS = [
  'id,hts,origin,value,date,loaded,transshipped',
  'vn-annex,6110.20.20,VN,10000,2025-04-09,,', //  1,650 + 46% = 6,250.00
  'vn-eo14326,6110.20.20,VN,10000,2025-10-01,,', // 1,650 + 20% = 3,650.00
  'vn-in-transit,6110.20.20,VN,10000,2025-10-01,2025-08-01,', // loaded before 08-07, entered before 10-05: 10%, 2,650.00
  'th-eo14326,6110.20.20,TH,10000,2025-10-01,,', // 1,650 + 19% = 3,550.00
  'my-annex,6110.20.20,MY,10000,2025-04-09,,', //  1,650 + 24% = 4,050.00
  'my-301,6110.20.20,MY,10000,2026-08-03,,', //    1,650 + Malaysia's 10% Section 301 tier = 2,650.00
  'sg-annex-day,6110.20.20,SG,10000,2025-04-09,,', // Singapore in no Annex I: 1,650 + 10% = 2,650.00
  'sg-301,6110.20.20,SG,10000,2026-08-03,,', //    1,650 + 12.5% of all others = 2,900.00
  'vn-transshipped,6110.20.20,VN,10000,2025-10-01,,yes', // 40% in lieu of the 20%: 1,650 + 4,000 = 5,650.00
].join('\n');

describe('origins VN, TH, MY, SG in one file', () => {
  it('every row computes with its own origin, no flag needed, to the cent', async () => {
    const r = await tariff(['calc', '-', '--format', 'csv', '--no-fees'], { stdin: `${ROWS}\n` });
    expect(r.code, r.stderr).toBe(0);
    const lines = parseCsv(r.stdout).filter((l) => l.status === 'ok');
    const duty = Object.fromEntries(lines.map((l) => [l.id, l.duty]));
    expect(duty).toEqual({
      'vn-annex': '6250.00',
      'vn-eo14326': '3650.00',
      'vn-in-transit': '2650.00',
      'th-eo14326': '3550.00',
      'my-annex': '4050.00',
      'my-301': '2650.00',
      'sg-annex-day': '2650.00',
      'sg-301': '2900.00',
      'vn-transshipped': '5650.00',
    });
    expect(lines.find((l) => l.id === 'my-301')!.measures).toMatch(/s301-malaysia-10/);
    // totals: 6,250 + 3,650 + 2,650 + 3,550 + 4,050 + 2,650 + 2,650 + 2,900 + 5,650 = 34,000.00
    expect(r.stderr).toMatch(/9 lines computed, 0 rejected; duty 34000\.00/);
  });

  it('no-deal: the Annex I rates after the pause (Vietnam 46%, Thailand 36%, Malaysia 24%), Singapore unchanged', async () => {
    const r = await tariff(['calc', '-', '--format', 'csv', '--no-fees', '--scenario', 'no-deal'], { stdin: `${ROWS}\n` });
    expect(r.code, r.stderr).toBe(0);
    const duty = Object.fromEntries(parseCsv(r.stdout).filter((l) => l.status === 'ok').map((l) => [l.id, l.duty]));
    // 2025-10-01: VN 1,650 + 46% = 6,250.00, TH 1,650 + 36% = 5,250.00; MY from 2026-07-24: 1,650 + 12.5% = 2,900.00
    expect(duty).toMatchObject({ 'vn-eo14326': '6250.00', 'th-eo14326': '5250.00', 'my-301': '2900.00', 'sg-annex-day': '2650.00', 'sg-301': '2900.00' });
  });
});

describe('where to source: compare --origins (the README example)', () => {
  it('the sweater on 2025-10-01 from VN, TH, MY, SG, JP: the totals calc gives for each origin', async () => {
    const r = await tariff(['compare', '--origins', 'VN,TH,MY,SG,JP', '--value', '10000', '--hts', '6110.20.20', '--date', '2025-10-01', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const duty = JSON.parse(r.stdout).scenarios.map((s: { totals: { duty: string } }) => s.totals.duty);
    // VN 1,650 + 20%; TH, MY 1,650 + 19%; SG 1,650 + 10%; JP inclusive 15% under an MFN of 16.5% adds 0
    expect(duty).toEqual(['3650.00', '3550.00', '3550.00', '2650.00', '1650.00']);
    for (const [i, origin] of ['VN', 'TH', 'MY', 'SG', 'JP'].entries()) {
      const c = await tariff(['calc', '--origin', origin, '--value', '10000', '--hts', '6110.20.20', '--date', '2025-10-01', '--format', 'json', '--no-fees']);
      expect(JSON.parse(c.stdout).totals.duty, origin).toBe(duty[i]);
    }
  });
});

describe('the mixed-origin basket (data/examples/mixed-origins-2024.csv)', () => {
  const BASKET = 'data/examples/mixed-origins-2024.csv';
  const text = readFileSync(resolve(ROOT, BASKET), 'utf8');

  it('the Vietnam, Thailand and Malaysia rows on 2025-10-01: the EO 14326 rates on MFN 0', async () => {
    const header = text.split('\n')[0]!;
    const ours = text.split('\n').filter((l) => /^(vn|th|my)-/.test(l));
    const r = await tariff(['calc', '-', '--date', '2025-10-01', '--format', 'csv', '--no-fees'], { stdin: `${header}\n${ours.join('\n')}\n` });
    expect(r.code, r.stderr).toBe(0);
    const duty = Object.fromEntries(parseCsv(r.stdout).filter((l) => l.status === 'ok').map((l) => [l.id, l.duty]));
    expect(duty).toEqual({
      'vn-all': '27320000000.00', // 136.6B x 20%
      'th-all': '12541900000.00', // 66.01B x 19%
      'my-electrical-ch85': '5401700000.00', // 28.43B x 19%
      'my-other': '4829800000.00', // 25.42B x 19%
    });
  });

  it('runs whole in one go: each row is computed, or rejected only because its origin is not covered yet', async () => {
    const r = await tariff(['calc', BASKET, '--date', '2025-10-01', '--format', 'json', '--no-fees']);
    const doc = JSON.parse(r.stdout);
    expect(doc.totals.lines + doc.totals.rejected).toBe(19);
    for (const x of doc.rejected) expect(x, JSON.stringify(x)).toMatchObject({ field: 'origin', reason: expect.stringMatching(/is not covered by schedule us/) });
    expect(r.code).toBe(doc.totals.rejected === 0 ? 0 : 1);
  });
});
