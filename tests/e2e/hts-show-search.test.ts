/** `tariff hts show` and `tariff hts search` over the bundled HTS 2026 Rev. 10, end to end (issue 11). */
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';

describe('tariff hts show', () => {
  it('a line: General rate, units, description, Special programs, and the measures on the date with their total', async () => {
    const r = await tariff(['hts', 'show', '8457.10.00', '--date', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^8457\.10\.00 {2}\(HTS 2026 Rev\. 10\)\n {2}Machining centers, .*: Machining centers\n/);
    expect(r.stdout).toMatch(/General \(MFN\): 4\.2% {4}units: No\./);
    expect(r.stdout).toMatch(/Special: Free \(A\*,AU,BH,CL,CO,D,E,IL,JO,JP,KR,/);
    // MFN 4.2% + Section 232 50%: 8457.10.00 is a steel derivative of the 2025-08-18 inclusions (9903.81.91) until
    // Proc. 11021 moves it to Annex III on 2026-04-06; Section 232 displaces Section 122.
    expect(r.stdout).toMatch(/\+ {3}4\.2% {2}mfn: /);
    expect(r.stdout).toMatch(/\+ {4}50% {2}s232-steel-derivatives-2025-08-18: /);
    expect(r.stdout).toMatch(/= {2}54\.2% {2}duty rate on customs value/);
  });

  it('json: the same facts, the special programs parsed', async () => {
    const r = await tariff(['hts', 'show', '0603.13.00', '--date', '2025-10-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ hts: '0603.13.00', revision: 'HTS 2026 Rev. 10', general: '6.4%', origin: 'JP', date: '2025-10-01' });
    expect(doc.special).toEqual([
      { rate: 'Free', programs: ['A', 'AU', 'BH', 'CL', 'CO', 'D', 'E', 'IL', 'JO', 'KR', 'MA', 'OM', 'P', 'PA', 'PE', 'S', 'SG'] },
      { rate: '3.2%', programs: ['JP'] },
    ]);
    expect(doc.measures.map((m: { measure: string }) => m.measure)).toEqual(['mfn', 'ieepa-japan-inclusive-15']);
  });

  it('a heading lists its lines; a code that is not a line names the nearest ones, exit 1', async () => {
    const h = await tariff(['hts', 'show', '8456.11']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/8456\.11 is not a line of HTS 2026 Rev\. 10: 3 lines under it\n {2}8456\.11\.10 {2}3\.5%/);
    const n = await tariff(['hts', 'show', '8708.29.50']);
    expect(n.code).toBe(1);
    expect(n.stderr).toBe('tariff: 8708.29.50 is not an HTS line of HTS 2026 Rev. 10; did you mean 8708.29.51?\n');
  });

  it('a statistical suffix the line does not have is not a line either: said so, exit 1 (as calc refuses it)', async () => {
    const s = await tariff(['hts', 'show', '8703.24.01.20']);
    expect(s.code).toBe(1);
    expect(s.stdout).toBe('');
    expect(s.stderr).toMatch(/^tariff: 8703\.24\.01\.20 is not a statistical line of HTS 2026 Rev\. 10; 8703\.24\.01 has 8703\.24\.01\.\d\d/);
    const c = await tariff(['calc', '--value', '1000', '--hts', '8703.24.01.20', '--date', '2026-03-02', '--format', 'json']);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout).rejected[0].reason).toBe(s.stderr.replace(/^tariff: /, '').trimEnd());
    const listed = /has (8703\.24\.01\.\d\d)/.exec(s.stderr)![1]!;
    const ok = await tariff(['hts', 'show', listed, '--date', '2026-03-02']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.startsWith(`${listed}  (HTS 2026 Rev. 10)\n`)).toBe(true);
  });

  it('--auto-part, which the note of a line of note 33(g) tells the user to give, shows the parts duty as calc prices it', async () => {
    const base = ['hts', 'show', '8471.30.01', '--origin', 'CN', '--date', '2025-06-01'];
    const open = await tariff(base);
    expect(open.stdout).toMatch(/give auto_part = yes \(--auto-part yes\) if it is one/);
    const yes = await tariff([...base, '--auto-part', 'yes']);
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(/^On 2025-06-01, origin CN, an automobile part \(category general\):$/m);
    expect(yes.stdout).toMatch(/^ {2}\+ +25% {2}s232-parts-25: /m);
    expect(yes.stdout).toMatch(/^ {2}= +45% {2}duty rate on customs value$/m);
    expect(yes.stdout).not.toMatch(/auto_part not given/);
    const calc = await tariff(['calc', '--value', '1000', '--hts', '8471.30.01', '--origin', 'CN', '--date', '2025-06-01', '--auto-part', 'yes', '--format', 'json']);
    expect(JSON.parse(calc.stdout).lines[0].effectiveRate).toBe('45');
    const no = JSON.parse((await tariff([...base, '--auto-part', 'no', '--format', 'json'])).stdout);
    expect(no).toMatchObject({ autoPart: false, adValoremTotal: '20' });
    const bad = await tariff([...base, '--auto-part', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--auto-part: expected yes or no/);
  });

  it('--transshipped: the measures of goods found transshipped (EO 14326 s.3, 9903.02.01: 40% in lieu of Vietnam\'s 20%), as calc', async () => {
    const base = ['hts', 'show', '6110.20.20', '--origin', 'VN', '--date', '2025-10-01', '--format', 'json'];
    const found = JSON.parse((await tariff([...base, '--transshipped'])).stdout);
    const calc = await tariff(['calc', '--value', '1000', '--hts', '6110.20.20', '--origin', 'VN', '--date', '2025-10-01', '--transshipped', '--format', 'json']);
    expect(found).toMatchObject({ transshipped: true, adValoremTotal: JSON.parse(calc.stdout).lines[0].effectiveRate });
    expect(found.adValoremTotal).toBe('56.5');
    const plain = JSON.parse((await tariff(base)).stdout);
    expect(plain.transshipped).toBeUndefined();
    expect(plain.adValoremTotal).toBe('36.5');
  });
});

describe('tariff hts search', () => {
  it('finds lines by the words of their description, the line\'s own words first', async () => {
    const r = await tariff(['hts', 'search', 'machining', 'centers', '--limit', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^8457\.10\.00 {2}4\.2%/);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/lines found, the best 3 shown/);
  });

  it('json, and exit 1 when nothing matches', async () => {
    const j = JSON.parse((await tariff(['hts', 'search', 'lithium-ion', '--format', 'json'])).stdout);
    expect(j.lines.map((l: { hts: string }) => l.hts)).toContain('8507.60.00');
    const none = await tariff(['hts', 'search', 'zzzqqq']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no line of HTS 2026 Rev\. 10 has every word of "zzzqqq"/);
  });
});

describe('the spi column and --spi flag (special program JP)', () => {
  it('spi column (alias special_program) and --spi for rows without one; refusals name the column', async () => {
    const csv = ['id,hts,value,date,special_program', 'a,0603.13.00,1000,2025-06-01,JP', 'b,0603.13.00,1000,2025-06-01,', 'c,8703.23.01,1000,2025-06-01,jp', 'd,0603.13.00,1000,2025-06-01,KR'].join('\n');
    const r = await tariff(['calc', '--format', 'json', '--no-fees'], { stdin: csv });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines.map((l: { id: string; duty: string; mfnRate: string }) => [l.id, l.mfnRate, l.duty])).toEqual([
      ['a', '3.2', '132.00'],
      ['b', '6.4', '164.00'],
    ]);
    expect(doc.lines[0].mfnSource).toBe('HTS 2026 Rev. 10 0603.13.00: Special (JP) 3.2%, claimed instead of the General rate');
    expect(doc.rejected.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [4, 'special_program'],
      [5, 'special_program'],
    ]);
    const flag = await tariff(['calc', '--value', '1000', '--hts', '0603.13.00', '--date', '2025-06-01', '--spi', 'JP', '--format', 'json', '--no-fees']);
    expect(JSON.parse(flag.stdout).lines[0]).toMatchObject({ mfnRate: '3.2', duty: '132.00' });
    const bad = await tariff(['calc', '--value', '1000', '--hts', '0603.13.00', '--spi', 'J@P']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--spi: expected a special program indicator like JP/);
  });
});

describe('hts show and search over a table written by hts import (a newer revision)', () => {
  it('reads the imported lines and details, naming the export as the revision', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = join(mkdtempSync(join(tmpdir(), 'tariff-hts-show-')), 'newer.json');
    expect((await tariff(['hts', 'import', 'tests/fixtures/usitc/hts-sample.json', '--out', out])).code).toBe(0);
    const show = await tariff(['hts', 'show', '7318.12.00', '--hts-table', out, '--date', '2025-06-01']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^7318\.12\.00 {2}\(hts-sample\.json\)\n {2}Screws, bolts, nuts & similar articles, of iron or steel: Other wood screws\n {2}General \(MFN\): 12\.5%/);
    const search = await tariff(['hts', 'search', 'umbrellas', '--hts-table', out]);
    expect(search.stdout).toMatch(/^6601\.10\.00 {2}\$1\.50\/each/);
    const prefixOnly = await tariff(['hts', 'show', '7318.12.00', '--hts-table', 'tests/fixtures/usitc/README.json']);
    expect(prefixOnly.code).not.toBe(0);
  });
});
