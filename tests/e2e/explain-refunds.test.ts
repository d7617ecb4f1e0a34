/** End to end: --explain (and tariff explain) and refunds of IEEPA duties. */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

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

describe('customs fees in the output', () => {
  const CSV = ['entry,hts,value,date,mode', 'E1,8703.23.01,30000,2025-10-01,ocean', 'E1,8708.29.50,500,2025-10-01,ocean', 'E2,8457.10.00,500000,2025-10-01,air', ',8457.10.00,1000,2025-10-01,'].join('\n');

  it('json: grouped entries with MPF clamped per entry, a line of its own with its fees, totals with fees and total', async () => {
    const doc = JSON.parse((await tariff(['calc', '--format', 'json'], { stdin: CSV })).stdout);
    expect(doc.entries).toEqual([
      { entry: 'E1', lines: 2, value: '30500.00', mode: 'ocean', fiscalYear: 'FY2026', mpf: '105.65', hmf: '38.13', notes: [] },
      { entry: 'E2', lines: 1, value: '500000.00', mode: 'air', fiscalYear: 'FY2026', mpf: '651.50', hmf: '0.00', notes: [] },
    ]);
    expect(doc.lines[3]).toMatchObject({ entry: 'line 5', mode: 'ocean', mpf: '33.58', hmf: '1.25' });
    expect(doc.lines[0]).toMatchObject({ entry: 'E1' });
    expect(doc.lines[0].mpf).toBeUndefined();
    expect(doc.totals).toMatchObject({ mpf: '790.73', hmf: '39.38', fees: '830.11' });
    expect(doc.totals.total).toBe(`${(BigInt(doc.totals.duty.replace('.', '')) + 83011n) / 100n}.${((BigInt(doc.totals.duty.replace('.', '')) + 83011n) % 100n).toString().padStart(2, '0')}`);
  });

  it('csv: entry rows after the lines; --mode; --no-fees leaves fees out', async () => {
    const rows = parseCsv((await tariff(['calc', '--format', 'csv', '-q'], { stdin: CSV })).stdout);
    expect(rows.filter((r) => r.status === 'entry').map((r) => [r.entry, r.value, r.mpf, r.hmf])).toEqual([
      ['E1', '30500.00', '105.65', '38.13'],
      ['E2', '500000.00', '651.50', '0.00'],
    ]);
    const air = JSON.parse((await tariff(['calc', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--mode', 'air', '--format', 'json'])).stdout);
    expect(air.lines[0]).toMatchObject({ mode: 'air', mpf: '103.92', hmf: '0.00' });
    const none = JSON.parse((await tariff(['calc', '--format', 'json', '--no-fees'], { stdin: CSV })).stdout);
    expect(none.totals.mpf).toBeUndefined();
    expect(none.entries).toBeUndefined();
    expect(none.lines[3].mpf).toBeUndefined();
  });

  it('a bad mode is a rejected row, and a bad --mode a usage error', async () => {
    const r = await tariff(['calc', '--format', 'json'], { stdin: 'hts,value,date,mode\n8703.23.01,1,2025-10-01,boat\n' });
    expect(JSON.parse(r.stdout).rejected[0]).toMatchObject({ field: 'mode' });
    expect((await tariff(['calc', '--value', '1', '--hts', '8703.23.01', '--mode', 'boat'])).code).toBe(2);
  });
});

describe('official HTS data: tariff hts import and --hts-table', () => {
  it('imports the fixture and its rates drive calc, specific and compound rates included', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'tariff-hts-')), 'table.json');
    const imp = await tariff(['hts', 'import', 'tests/fixtures/usitc/hts-sample.json', '--out', out]);
    expect(imp.code).toBe(0);
    expect(imp.stderr).toMatch(/22 rows read; 7 MFN lines written/);
    expect(imp.stderr).toMatch(/2005\.70\.12: "4\.4¢\/kg on drained weight"/);
    const csv = [
      'id,hts,value,date,quantity,unit',
      'wine,2204.21.20,1000,2025-03-20,100,liter',
      'cheese,0406.10.08,1000,2025-10-01,500,kg',
      'no-qty,0406.10.08,1000,2025-10-01,,',
      'stat-row,8703.23.01.10,30000,2025-10-01,,',
      'own-rate,8457.10.00.20,1000,2025-03-20,,',
    ].join('\n');
    const r = await tariff(['calc', '--hts-table', out, '--format', 'json', '--no-fees'], { stdin: csv });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const by = Object.fromEntries(doc.lines.map((l: { id: string }) => [l.id, l]));
    expect(by.wine.duty).toBe('6.30'); // 100 liters x 6.3 cents
    // cheese: MFN 2.5% x 1000 + 500 kg x 4.4 cents = 25 + 22 = 47; inclusive 15% adds 150 - 47 = 103
    expect(by.cheese.duties.map((d: { measure: string; amount: string }) => [d.measure, d.amount])).toEqual([
      ['mfn', '47.00'],
      ['ieepa-japan-inclusive-15', '103.00'],
    ]);
    expect(by['stat-row'].duty).toBe('4500.00'); // 10-digit line inherits 8703.23.01's 2.5%
    expect(by['own-rate'].duty).toBe('39.00');
    expect(doc.rejected).toEqual([expect.objectContaining({ line: 4, field: 'quantity', reason: 'the MFN rate is 2.5% + 4.4¢/kg: give quantity (in kg)' })]);
  });
});

describe('content and in-transit inputs, end to end', () => {
  it('csv columns us_content, metal_value, loaded change the figures; json says what each rate applied to', async () => {
    const csv = ['id,hts,value,date,us_content,metal_value,loaded', 'a,8457.10.00,100000,2025-10-01,20,,', 'b,7318.12.00,10000,2025-07-01,,4000,', 'c,8457.10.00,100000,2025-05-26,,,2025-04-04'].join('\n');
    const doc = JSON.parse((await tariff(['calc', '--format', 'json', '--no-fees'], { stdin: csv })).stdout);
    expect(doc.lines.map((l: { id: string; duty: string }) => [l.id, l.duty])).toEqual([
      ['a', '12840.00'],
      ['b', '3850.00'],
      ['c', '4200.00'],
    ]);
    expect(doc.lines[0].duties[1]).toMatchObject({ measure: 'ieepa-japan-inclusive-15', nonUsShare: true, amount: '8640.00' });
    expect(doc.lines[1].duties.map((d: { measure: string; base?: string }) => [d.measure, d.base ?? 'value'])).toEqual([
      ['mfn', 'value'],
      ['ieepa-pause-10', 'remainder'],
      ['s232-steel-50', 'metal'],
    ]);
  });

  it('flags --us-content, --metal-value and --loaded for one import, with the reason in explain', async () => {
    const r = await tariff(['explain', '--value', '100000', '--hts', '8457.10.00', '--date', '2025-10-04', '--loaded', '2025-08-06', '--format', 'json']);
    const line = JSON.parse(r.stdout).lines[0];
    expect(line.duty).toBe('14200.00');
    expect(line.explain.find((e: { measure: string }) => e.measure === 'ieepa-japan-inclusive-15').reason).toMatch(/in transit: loaded before 2025-08-07 and entered before 2025-10-05/);
    const bad = await tariff(['calc', '--value', '100', '--hts', '7318.12.00', '--metal-value', '200', '--date', '2025-07-01', '--format', 'json']);
    expect(JSON.parse(bad.stdout).rejected[0]).toMatchObject({ field: 'metal_value', reason: expect.stringMatching(/more than the value/) });
  });
});

describe('fixes from an adversarial check', () => {
  it('an entry mixing modes: HMF follows each line, the run warns', async () => {
    const csv = ['entry,hts,value,date,mode', 'B,8457.10.00,1000,2025-10-01,air', 'B,8457.10.00,100000,2025-10-01,ocean'].join('\n');
    const r = await tariff(['calc', '--format', 'json'], { stdin: csv });
    expect(JSON.parse(r.stdout).entries[0]).toMatchObject({ entry: 'B', hmf: '125.00' });
    expect(r.stderr).toMatch(/1 entry \(B\) mix entry dates or modes/);
  });

  it('US content scales an inclusive measure over a compound MFN; csv rates match the amounts', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'tariff-hts-')), 'table.json');
    await tariff(['hts', 'import', 'tests/fixtures/usitc/hts-sample.json', '--out', out]);
    const base = ['calc', '--value', '1000', '--hts', '0406.10.08', '--quantity', '100', '--date', '2025-09-01', '--hts-table', out, '--no-fees'];
    const full = JSON.parse((await tariff([...base, '--format', 'json'])).stdout).lines[0];
    const half = JSON.parse((await tariff([...base, '--us-content', '50', '--format', 'json'])).stdout).lines[0];
    expect(full.duties[1].amount).toBe('120.60'); // 150 - (25 + 4.40)
    expect(half.duties[1].amount).toBe('60.30');
    const csv = parseCsv((await tariff([...base, '--format', 'csv'])).stdout)[0]!;
    expect(csv).toMatchObject({ mfn_rate: '2.94', mfn_duty: '29.40', reciprocal_rate: '12.06', reciprocal_duty: '120.60' });
    const liters = JSON.parse((await tariff(['calc', '--value', '100', '--hts', '2204.21.20', '--quantity', '10', '--unit', 'liters', '--date', '2025-03-20', '--hts-table', out, '--format', 'json', '--no-fees'])).stdout);
    expect(liters.lines[0].duty).toBe('0.63');
  });

  it('help piped into a closed reader ends quietly; hts import to a missing folder is exit 1', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN, ROOT } = await import('../helpers.js');
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const c = spawn('bash', ['-c', `node ${JSON.stringify(BIN)} calc --help | head -1 >/dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { cwd: ROOT });
      let err = '';
      c.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      c.on('close', (code) => resolve({ code, err }));
    });
    expect(r.err).toMatch(/exit 0/);
    expect(r.err).not.toMatch(/EPIPE|at /);
    const w = await tariff(['hts', 'import', 'tests/fixtures/usitc/hts-sample.json', '--out', '/nonexistent-dir/x.json']);
    expect(w.code).toBe(1);
    expect(w.stderr).toMatch(/nonexistent-dir\/x\.json: cannot write the table/);
  });

  it('compare groups add up to the totals per hour', async () => {
    const doc = JSON.parse((await tariff(['compare', 'data/examples/japan-imports-2024.csv', '--date', '2025-10-01', '--per', 'hour', '--format', 'json'])).stdout);
    const cents = (s: string) => BigInt(s.replace('.', ''));
    for (const s of doc.scenarios) expect(s.groups.reduce((a: bigint, g: { duty: string }) => a + cents(g.duty), 0n)).toBe(cents(s.totals.duty));
    for (const d of doc.differences) expect(d.groups.reduce((a: bigint, g: { duty: string }) => a + cents(g.duty), 0n)).toBe(cents(d.duty));
  });
});
