/** `tariff hts import` refusals and output (QA-2026-12 findings #5, #18, #19), end to end. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-hts-import-'));
const row = (htsno: string, general: string | undefined, indent = '0') => ({ htsno, indent, description: `line ${htsno}`, ...(general === undefined ? {} : { general }) });

describe('QA #5: duplicates and rates outside the schema', () => {
  it('reports a duplicated code and writes neither row; calc never blames the bundled schedule', async () => {
    const input = join(dir, 'dup.json');
    writeFileSync(input, JSON.stringify([row('8457.10.00', '4.2%'), row('8457.10.00', '9%'), row('8458.11.00', '4.4%')]));
    const out = join(dir, 'dup-t.json');
    const r = await tariff(['hts', 'import', input, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/row 1 8457\.10\.00 "4\.2% \/ 9%": 2 rows give 8457\.10\.00 \(rows 1, 2\); none is written/);
    const table = JSON.parse(readFileSync(out, 'utf8')) as { entries: { hts: string }[]; official: { lines: string } };
    expect(table.entries).toEqual([]);
    expect(readFileSync(join(dir, table.official.lines), 'utf8')).toBe('84581100\t4.4%\t\n');
  });

  it('refuses a rate outside what a table holds with the reason, instead of writing what calc then refuses', async () => {
    const input = join(dir, 'big.json');
    writeFileSync(input, JSON.stringify([row('8457.10.00', '99999999999999999%'), row('8458.11.00', '4.4%')]));
    const r = await tariff(['hts', 'import', input, '--out', join(dir, 'big-t.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/row 1 8457\.10\.00 "99999999999999999%": the rate is outside what an MFN table holds/);
  });

  it('calc names the --hts-table file when it refuses it, and schedule validate finds the duplicate', async () => {
    const table = join(dir, 'hand-dup.json');
    const entry = { hts: '8457.10.00', pct: '4.2', description: 'machining centres', confidence: 'primary', source: 'test' };
    writeFileSync(table, JSON.stringify({ id: 'hand-dup', title: 't', asOf: 't', entries: [entry, { ...entry, pct: '9' }] }));
    const c = await tariff(['calc', '--value', '1000', '--hts', '8457.10.00', '--date', '2026-03-01', '--hts-table', table]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(`tariff: ${table}: a problem\n  entries[1].hts: duplicate MFN entry for 8457.10.00`);
    expect(c.stderr).not.toMatch(/us\.json/);
    const v = await tariff(['schedule', 'validate', table]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/entries\[1\]\.hts: duplicate MFN entry for 8457\.10\.00/);
  });
});

describe('QA #18: skipped rows are listed with their reason', () => {
  it.each([
    [[row('ABCD.10.00', '2%')], /row 1 ABCD\.10\.00 "2%": not an HTS number/],
    [[row('84', '2%')], /row 1 84 "2%": not an HTS number of 4, 6, 8 or 10 digits/],
    [[row('8457.10.00.00.00', '2%')], /row 1 8457\.10\.00\.00\.00 "2%": not an HTS number/],
    [[row('8457.10.00', undefined)], /row 1 8457\.10\.00: no General rate on the row or a row above it/],
    [[1, 2, 3], /row 1: not a row object \(got 1\)/],
  ])('%j: listed, nothing written, exit 1', async (rows, reason) => {
    const input = join(dir, 'bad.json');
    writeFileSync(input, JSON.stringify(rows));
    const out = join(dir, 'bad-t.json');
    const r = await tariff(['hts', 'import', input, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no MFN line to write, nothing written/);
    expect(r.stderr).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });
});

describe('QA #19: where the table is written', () => {
  it('refuses --out equal to the input, which stays as it was', async () => {
    const input = join(dir, 'export.json');
    writeFileSync(input, JSON.stringify([row('8458.11.00', '4.4%')]));
    const before = readFileSync(input, 'utf8');
    const r = await tariff(['hts', 'import', input, '--out', input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*export\.json is the input file/);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('--out - writes the table to stdout, which --hts-table then reads', async () => {
    copyFileSync('tests/fixtures/usitc/hts-sample.json', join(dir, 'sample.json'));
    const r = await tariff(['hts', 'import', join(dir, 'sample.json'), '--out', '-']);
    expect(r.code).toBe(0);
    expect(existsSync('-')).toBe(false);
    const table = JSON.parse(r.stdout) as { entries: { hts: string }[]; revision: string };
    expect(table.entries.map((e) => e.hts)).toContain('8457.10.00');
    writeFileSync(join(dir, 'from-stdout.json'), r.stdout);
    const c = await tariff(['calc', '--value', '1000', '--hts', '8703.23.01', '--date', '2025-03-20', '--hts-table', join(dir, 'from-stdout.json'), '--format', 'json']);
    expect(JSON.parse(c.stdout).lines[0].mfnSource).toMatch(/^sample\.json 8703\.23\.01: /); // the revision it came from
  });

  it.runIf(existsSync('/dev/full'))('an unwritable output exits 74', async () => {
    const r = await tariff(['hts', 'import', 'tests/fixtures/usitc/hts-sample.json', '--out', '/dev/full']);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(/\/dev\/full: cannot write the table \(ENOSPC\)/);
  });
});

describe('text of an export or a user table on the terminal', () => {
  it('control characters in descriptions and rate texts are shown escaped by hts import, show and search (the one escaping rule)', async () => {
    const input = join(dir, 'esc.json');
    const esc = '\u001b]0;PWNED\u0007';
    writeFileSync(input, JSON.stringify([{ htsno: '8458.11.00', indent: '0', description: `lathes ${esc}`, general: '4.4%' }, { htsno: '8457.10.00', indent: '0', description: 'centers', general: `1${esc}` }]));
    const out = join(dir, 'esc-t.json');
    const imp = await tariff(['hts', 'import', input, '--out', out]);
    const show = await tariff(['hts', 'show', '8458.11.00', '--hts-table', out, '--date', '2025-03-20']);
    const search = await tariff(['hts', 'search', 'lathes', '--hts-table', out]);
    for (const r of [imp, show, search]) {
      // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    expect(show.stdout + search.stdout).toContain('\\x1b]0;PWNED\\x07');
  });
});
