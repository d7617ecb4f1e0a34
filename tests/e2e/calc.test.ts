/**
 * End to end: the built bin, spawned as a user would run it, CSV piped in,
 * stdout, stderr and exit code asserted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { parseCsv, tariff } from './cli.js';

describe('tariff calc, one import by flags', () => {
  it('computes the README example to the cent (DOMAIN.md s.11: car on 2025-05-01 = 27.5%)', async () => {
    const r = await tariff(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schedule: 'us', scenario: 'as-enacted', rejected: [] });
    expect(doc.lines).toEqual([
      expect.objectContaining({
        line: null,
        hts: '8703.24.01',
        category: 'vehicles',
        origin: 'JP',
        date: '2025-05-01',
        value: '45000.00',
        duties: [
          { measure: 'mfn', layer: 'mfn', rate: '2.5', amount: '1125.00', refundable: false },
          { measure: 's232-vehicles-25', layer: 'section-232-autos', rate: '25', amount: '11250.00', refundable: false },
        ],
        duty: '12375.00',
        effectiveRate: '27.5',
      }),
    ]);
    expect(doc.totals).toMatchObject({ lines: 1, rejected: 0, value: '45000.00', duty: '12375.00', effectiveRate: '27.5' });
    expect(r.stderr).toBe('');
  });

  it('accepts a category instead of an HTS code, and a scenario', async () => {
    const r = await tariff(['calc', '--value', '30000', '--category', 'vehicles', '--date', '2025-10-01', '--scenario', 'no-deal', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines[0]).toMatchObject({ duty: '8250.00', effectiveRate: '27.5' });
  });

  it('warns on stderr, once, when the date is past the schedule\'s evidence (default date is today)', async () => {
    const r = await tariff(['calc', '--value', '30000', '--hts', '8703.23.01', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines[0].date).toBe('2026-11-22');
    expect(r.stderr.match(/after 2026-10-09/g)).toHaveLength(1);
  });

  it('rejects a code that is not an HTS line with exit 1, naming the nearest lines', async () => {
    const r = await tariff(['calc', '--value', '1000', '--hts', '8708.29.50', '--date', '2025-10-01', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines).toEqual([]);
    expect(doc.rejected).toEqual([{ line: null, field: 'hts', reason: '8708.29.50 is not an HTS line of HTS 2026 Rev. 10; did you mean 8708.29.51?' }]);
    expect(doc.totals).toMatchObject({ lines: 0, rejected: 1, duty: '0.00' });
    expect(r.stderr).toMatch(/column "hts": 8708\.29\.50 is not an HTS line/);
  });

  it('says which revision priced the line (json mfnSource)', async () => {
    const r = await tariff(['calc', '--value', '1000', '--hts', '9018.90.80', '--date', '2025-10-01', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines[0]).toMatchObject({ mfnRate: '0', mfnSource: 'HTS 2026 Rev. 10 9018.90.80: General Free' });
  });

  it.each([
    [['calc', '--value', '12,5', '--hts', '8703.23.01'], /--value: expected a decimal amount/],
    [['calc', '--value', '100', '--hts', '8703.23.01', '--date', '2025-02-30'], /--date: expected a calendar date/],
    [['calc', '--value', '100'], /--value needs --hts CODE or --category NAME/],
    [['calc', '--hts', '8703.23.01'], /--value is required/],
    [['calc', '--value', '100', '--hts', '8703.23.01', '--format', 'xml'], /Allowed choices are table, csv, json, ndjson/],
    [['calc', '--value', '100', '--hts', '8703.23.01', '--scenario', 'maybe'], /unknown scenario "maybe"; bundled scenarios: as-enacted, autos-at-10, full-revocation, no-deal, pause-extended/],
    [['calc', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('usage errors exit 2 with a message: %j', async (args, message) => {
    const r = await tariff(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
  });

  it('--help leads with examples and lists the exit codes; --version prints the version', async () => {
    const help = await tariff(['calc', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.trimStart().startsWith('Examples:')).toBe(true);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0 +every row computed[\s\S]*2 +usage error/);
    const version = await tariff(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('tariff calc, CSV rows', () => {
  const CSV = [
    'ID,HTS,Value_USD,Entry_Date,description',
    'a1,8703.23.01,30000,2025-05-01,car',
    'a2,8457.10.00,"$100,000.00",2025-08-07,"machining center, 5-axis"',
    'a3,8704.31.01,42500.5,2025-10-01,pickup',
  ].join('\n');

  it('reads stdin when no file is given: csv with every row, per-layer breakdown, totals on stderr', async () => {
    const r = await tariff(['calc'], { stdin: CSV });
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows.map((x) => [x.line, x.status, x.id, x.duty, x.effective_rate])).toEqual([
      ['2', 'ok', 'a1', '8250.00', '27.5'],
      ['3', 'ok', 'a2', '15000.00', '15'],
      ['4', 'ok', 'a3', '10625.13', '25'],
    ]);
    expect(rows[1]).toMatchObject({ mfn_rate: '4.2', mfn_duty: '4200.00', reciprocal_rate: '10.8', reciprocal_duty: '10800.00', description: 'machining center, 5-axis' });
    expect(rows[2]).toMatchObject({ mfn_duty: '10625.13', 'section-232-autos_rate': '0', 'section-232-autos_duty': '0.00' });
    expect(r.stderr).toMatch(/3 lines computed, 0 rejected; duty 33875.13 on customs value 172500.50/);
  });

  it('reads "-" as stdin and gives the same figures in json and ndjson', async () => {
    const json = JSON.parse((await tariff(['calc', '-', '--format', 'json'], { stdin: CSV })).stdout);
    const nd = (await tariff(['calc', '-', '--format', 'ndjson'], { stdin: CSV })).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(nd.filter((o) => o.type === 'line').map(({ type: _t, ...rest }) => rest)).toEqual(json.lines);
    expect(nd.at(-1)).toMatchObject({ type: 'totals', ...json.totals });
    expect(json.totals).toMatchObject({ lines: 3, rejected: 0, value: '172500.50', duty: '33875.13' });
    // totals reconcile with the lines
    const sum = json.lines.reduce((s: bigint, l: { duty: string }) => s + BigInt(l.duty.replace('.', '')), 0n);
    expect(sum).toBe(3387513n);
  });

  it('lists every rejected row with line, column and reason; lines + rejected = data rows', async () => {
    const r = await tariff(['calc', 'data/examples/with-errors.csv', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const dataRows = readFileSync(resolve(ROOT, 'data/examples/with-errors.csv'), 'utf8').trim().split('\n').length - 1;
    expect(doc.totals.lines + doc.totals.rejected).toBe(dataRows);
    expect(doc.rejected.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [2, 'value_usd'],
      [3, 'hts'],
      [5, 'entry_date'],
      [6, 'hts'],
      [7, 'category'],
      [8, '(row)'],
      [9, 'value_usd'],
    ]);
    expect(r.stderr).toMatch(/with-errors\.csv line 2, column "value_usd": expected a decimal amount like 1234\.56, got "12,5"/);
  });

  it('keeps physical line numbers across quoted newlines, CRLF, a BOM and blank lines', async () => {
    const input = '\uFEFFid,hts,value,date\r\n"x\r\n1",8703.23.01,100,2025-05-01\r\n\r\nb,8703.23.01,oops,2025-05-01\r\n';
    const r = await tariff(['calc', '--format', 'json'], { stdin: input });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines.map((l: { line: number; id: string }) => [l.line, l.id])).toEqual([[2, 'x\r\n1']]);
    expect(doc.rejected.map((x: { line: number }) => x.line)).toEqual([5]);
  });

  it('a header without a value column is an error naming the file, exit 1', async () => {
    const r = await tariff(['calc', '--format', 'csv'], { stdin: 'id,hts\n1,8703.23.01\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\(stdin\) line 1: no value column; the header needs one of value, value_usd, customs_value/);
  });

  it('empty input and a missing file are errors, exit 1', async () => {
    expect(await tariff(['calc'], { stdin: '' })).toMatchObject({ code: 1, stderr: expect.stringMatching(/empty input/) });
    expect(await tariff(['calc', 'nope.csv'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/nope\.csv: file not found/) });
  });

  it('the table shows at most --limit lines, then says how many more, then the totals', async () => {
    const many = ['hts,value,date', ...Array.from({ length: 30 }, (_, i) => `8703.23.01,${1000 + i},2025-05-01`)].join('\n');
    const r = await tariff(['calc', '--format', 'table', '--limit', '5'], { stdin: many });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/… 25 more rows; use --format csv or json for all/);
    expect(r.stdout).toMatch(/lines computed\s*│\s*30/);
    expect(r.stdout).not.toContain('\u001b['); // no colour: NO_COLOR and not a terminal
  });

  it('the bundled example runs clean', async () => {
    const r = await tariff(['calc', 'data/examples/shipments.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.totals).toMatchObject({ rejected: 0 });
    expect(doc.lines.find((l: { id: string }) => l.id === 'SHP-0002')).toMatchObject({ duty: '8250.00' });
  });
});
