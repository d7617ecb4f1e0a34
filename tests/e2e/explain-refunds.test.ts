/** End to end: --explain (and tariff explain) and refunds of IEEPA duties. */
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';

type Explain = { measure: string; applied: boolean; reason: string; citation: string };

async function explain(hts: string, date: string, value = '30000'): Promise<Map<string, Explain>> {
  const r = await tariff(['explain', '--value', value, '--hts', hts, '--date', date, '--format', 'json']);
  expect(r.code).toBe(0);
  const line = JSON.parse(r.stdout).lines[0];
  return new Map((line.explain as Explain[]).map((e) => [e.measure, e]));
}

describe('--explain says why each layer did or did not apply (DOMAIN.md s.11 worked examples)', () => {
  it('car on 2025-03-01: MFN only; the autos tariff not yet in force', async () => {
    const e = await explain('8703.23.01', '2025-03-01');
    expect(e.get('mfn')).toMatchObject({ applied: true, reason: expect.stringMatching(/MFN 2\.5%/) });
    expect(e.get('s232-vehicles-25')).toMatchObject({ applied: false, reason: 'not yet in force (from 2025-04-03)' });
    expect(e.get('ieepa-baseline-10')).toMatchObject({ applied: false, reason: 'not yet in force (from 2025-04-05)' });
  });

  it('car on 2025-05-01: autos 232 applies and displaces the reciprocal tariff; metals out of scope', async () => {
    const e = await explain('8703.23.01', '2025-05-01');
    expect(e.get('s232-vehicles-25')).toMatchObject({ applied: true, citation: expect.stringMatching(/Proclamation 10908.*90 FR 14705.*FR Doc 2025-05930/) });
    expect(e.get('ieepa-pause-10')).toMatchObject({ applied: false, reason: expect.stringMatching(/^displaced by s232-vehicles-25/) });
    expect(e.get('s232-steel-25')).toMatchObject({ applied: false, reason: expect.stringMatching(/no longer in force|not in its scope/) });
    expect(e.get('s232-aluminum-25')!.applied).toBe(false);
  });

  it('pickup from 2025-09-16: the inclusive 15% is already met by MFN 25%', async () => {
    const e = await explain('8704.31.01', '2025-09-16');
    expect(e.get('s232-vehicles-japan-inclusive-15')).toMatchObject({ applied: true, reason: 'inclusive 15% already met by MFN 25%: adds 0' });
  });

  it('machining center on 2025-04-09 and 2026-07-24', async () => {
    const a = await explain('8457.10.00', '2025-04-09', '100000');
    expect(a.get('ieepa-japan-24')).toMatchObject({ applied: true, reason: expect.stringMatching(/\+24%/) });
    expect(a.get('ieepa-baseline-10')).toMatchObject({ applied: false, reason: 'no longer in force (ended for entries from 2025-04-09)' });
    const b = await explain('8457.10.00', '2026-07-24', '100000');
    expect(b.get('s301-japan-inclusive-12.5')).toMatchObject({ applied: true, reason: 'inclusive 12.5% minus MFN 4.2%: adds 8.3%' });
    expect(b.get('s122-10')).toMatchObject({ applied: false, reason: 'no longer in force (ended for entries from 2026-07-24)' });
  });

  it('calc --explain adds the explanation to csv and table output too', async () => {
    const csv = await tariff(['calc', '--value', '100', '--hts', '8703.23.01', '--date', '2025-05-01', '--explain', '--format', 'csv']);
    expect(csv.stdout).toMatch(/ieepa-pause-10: not applied, displaced by s232-vehicles-25/);
    const table = await tariff(['explain', '--value', '100', '--hts', '8703.23.01', '--date', '2025-05-01']);
    expect(table.stdout).toMatch(/✓ s232-vehicles-25/);
  });
});

describe('refunds of IEEPA duties', () => {
  const CSV = ['id,hts,value,date', 'a,8457.10.00,100000,2025-04-09', 'b,8457.10.00,100000,2025-10-01', 'c,8457.10.00,100000,2026-03-01', 'd,8703.23.01,30000,2025-05-01'].join('\n');

  it('marks refundable duties, per line and in total', async () => {
    const doc = JSON.parse((await tariff(['calc', '--format', 'json'], { stdin: CSV })).stdout);
    expect(doc.lines.map((l: { id: string; refundable: string }) => [l.id, l.refundable])).toEqual([
      ['a', '24000.00'],
      ['b', '10800.00'],
      ['c', '0.00'], // Section 122 is not IEEPA
      ['d', '0.00'], // Section 232
    ]);
    expect(doc.lines[0].duties).toEqual([
      expect.objectContaining({ measure: 'mfn', refundable: false }),
      expect.objectContaining({ measure: 'ieepa-japan-24', refundable: true }),
    ]);
    expect(doc.totals).toMatchObject({ refundable: '34800.00', refundableLines: 2 });
  });

  it('--refunds lists only what can be claimed; the totals still cover every line', async () => {
    const r = await tariff(['calc', '--format', 'json', '--refunds'], { stdin: CSV });
    const doc = JSON.parse(r.stdout);
    expect(doc.lines.map((l: { id: string }) => l.id)).toEqual(['a', 'b']);
    expect(doc.totals).toMatchObject({ lines: 4, refundable: '34800.00', refundableLines: 2 });
    expect(r.stderr).toMatch(/2 lines with refundable duty, 34800\.00 in all/);
  });
});
