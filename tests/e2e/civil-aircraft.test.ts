/**
 * End to end: an importer of aircraft parts claims civil aircraft treatment (--spi C, General Note 6) as a user
 * would. A Japanese turbine part (8411.91.90, on the list of U.S. note 35(b)) on 2025-10-01 pays no reciprocal duty
 * with the claim (9903.96.02) and the inclusive 15% without it; an EU steel tube (7304.31.30, note 2(v)(xxii)) pays no
 * Section 232 steel duty with it (9903.02.76); orchids (0603.13.00, on no list, General 6.4%, no C in the Special
 * column) claimed as civil aircraft are rejected with the reason; and --range shows the claim as the low end.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

describe('calc --spi C: the civil aircraft exemptions', () => {
  it('the claim lifts what each heading lifts, on the lines of its note; a line on no list is rejected, exit 1', async () => {
    const rows = [
      'id,hts,origin,date,value',
      'jp-part,8411.91.90,JP,2025-10-01,10000',
      'eu-tube,7304.31.30,DE,2025-10-01,10000',
      'orchids,0603.13.00,JP,2025-10-01,10000',
    ].join('\n');
    const claimed = await tariff(['calc', '--spi', 'C', '--format', 'csv', '--no-fees'], { stdin: `${rows}\n` });
    expect(claimed.code).toBe(1);
    const out = Object.fromEntries(parseCsv(claimed.stdout).map((l) => [l.id, l]));
    expect(out['jp-part']).toMatchObject({ status: 'ok', duty: '0.00', measures: 'mfn civil-aircraft-japan', 'civil-aircraft_rate': '0', reciprocal_rate: '' });
    expect(out['eu-tube']).toMatchObject({ status: 'ok', duty: '0.00', measures: 'mfn civil-aircraft-eu', 'section-232-metals_rate': '' });
    expect(out.orchids).toMatchObject({ status: 'rejected', rejected_field: 'spi' });
    expect(out.orchids!.rejected_reason).toMatch(/0603\.13\.00 does not list C in its Special column .*no measure claimed with C applies to it/);

    const plain = await tariff(['calc', '--format', 'csv', '--no-fees'], { stdin: `${rows}\n` });
    expect(plain.code).toBe(0);
    const was = Object.fromEntries(parseCsv(plain.stdout).map((l) => [l.id, `${l.duty} ${l.measures}`]));
    expect(was).toEqual({ 'jp-part': '1500.00 mfn ieepa-japan-inclusive-15', 'eu-tube': '5000.00 mfn s232-steel-50', orchids: '1500.00 mfn ieepa-japan-inclusive-15' });
  });

  it('--explain names the heading that lifts the duty; --range puts the claim at the low end of a listed line', async () => {
    const ex = await tariff(['calc', '--hts', '8411.91.90', '--origin', 'JP', '--date', '2025-10-01', '--value', '10000', '--spi', 'C', '--explain', '--no-fees', '--format', 'csv']);
    expect(ex.code, ex.stderr).toBe(0);
    expect(parseCsv(ex.stdout)[0]!.explain).toMatch(/ieepa-japan-inclusive-15: not applied, displaced by civil-aircraft-japan \(Civil aircraft of Japan \(9903\.96\.02\)/);

    const range = await tariff(['calc', '--range', '--no-fees', '--format', 'csv'], { stdin: 'hts,origin,date,value\n8411.91.90,JP,2025-10-01,10000\n' });
    expect(range.code, range.stderr).toBe(0);
    expect(parseCsv(range.stdout)[0]).toMatchObject({ duty: '1500.00', duty_low: '0.00', low_assumes: 'special program C claimed', duty_high: '1500.00' });
  });
});
