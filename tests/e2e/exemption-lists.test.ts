/**
 * End to end: a smartphone (8517.13.00, on EO 14257 Annex II and on the Proc. 11012 annex) pays no reciprocal and no
 * Section 122 duty; another cellular phone (8517.14.00, on neither) pays both, as a user running the CLI sees it.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

const rows = [
  'id,hts,value,date,mfn_rate',
  'phone-reciprocal,8517.13.00,1000,2025-10-01,0',
  'other-reciprocal,8517.14.00,1000,2025-10-01,0',
  'phone-s122,8517.13.00,1000,2026-03-02,0',
  'other-s122,8517.14.00,1000,2026-03-02,0',
].join('\n');

describe('exemption lists in tariff calc', () => {
  it('the smartphone pays MFN only on both dates; the other phone pays the inclusive 15% (EO 14345) and the 10% surcharge (Proc. 11012)', async () => {
    const r = await tariff(['calc', '--format', 'csv', '--no-fees'], { stdin: `${rows}\n` });
    expect(r.code).toBe(0);
    const out = Object.fromEntries(parseCsv(r.stdout).map((l) => [l.id, `${l.duty} ${l.measures}`]));
    expect(out).toEqual({
      'phone-reciprocal': '0.00 mfn',
      'other-reciprocal': '150.00 mfn ieepa-japan-inclusive-15',
      'phone-s122': '0.00 mfn',
      'other-s122': '100.00 mfn s122-10',
    });
  });

  it('explain says which list excludes it', async () => {
    const r = await tariff(['explain', '--hts', '8517.13.00', '--date', '2026-03-02', '--mfn-rate', '0', '--value', '1000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/s122-10[\s\S]*excluded \(8517\.13\.00, list s122-annex-p11012\)/);
  });
});
