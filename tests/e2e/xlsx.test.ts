/**
 * End to end: an Excel workbook in gives the same duties, byte for byte in CSV
 * form, as the same lines given as CSV; workbook problems are clear errors.
 * The workbooks are written by exceljs, an implementation independent of the
 * tool's reader.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT } from '../helpers.js';
import { tariff } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-xlsx-e2e-'));
const NUMERIC = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The CSV's lines as a workbook a user would have: amounts as numbers, rates as percents, valid dates as Excel dates, codes as text. */
async function csvToXlsx(csvPath: string, xlsxPath: string, opts: { sheetFirst?: string } = {}): Promise<void> {
  const rows = Papa.parse<string[]>(readFileSync(csvPath, 'utf8'), { skipEmptyLines: false }).data.filter((r) => !(r.length === 1 && r[0] === ''));
  const header = rows[0]!.map((h) => h.toLowerCase());
  const wb = new ExcelJS.Workbook();
  if (opts.sheetFirst !== undefined) wb.addWorksheet(opts.sheetFirst).addRow(['not', 'these']);
  const ws = wb.addWorksheet('Lines');
  rows.forEach((cells, i) => {
    const row = ws.getRow(i + 1);
    cells.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const name = header[j] ?? '';
      const d = ISO_DATE.exec(c);
      if (i > 0 && /rate|content/.test(name) && NUMERIC.test(c)) {
        // A percent as Excel keeps one typed as "2.3%": 0.023 in a percent format.
        cell.value = Number(`${c}e-2`);
        cell.numFmt = '0.0%';
      } else if (i > 0 && /value/.test(name) && NUMERIC.test(c) && String(Number(c)) === c.replace(/\.?0+$/, '')) cell.value = Number(c);
      else if (i > 0 && /date/.test(name) && d && !Number.isNaN(Date.parse(c)) && new Date(c).toISOString().startsWith(c)) {
        cell.value = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
        cell.numFmt = 'yyyy-mm-dd';
      } else cell.value = c;
    });
    row.commit();
  });
  await wb.xlsx.writeFile(xlsxPath);
}

describe('input sniffing', () => {
  it('does not look into a pipe given as FILE (calc <(…)): its first bytes stay with the CSV reader', async () => {
    const csv = resolve(ROOT, 'data/examples/shipments.csv');
    const direct = await tariff(['calc', csv, '--format', 'csv', '-q']);
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" calc <(cat "${csv}") --format csv -q`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TARIFF_TODAY: '2026-11-22' } });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(direct.stdout);
  });
});

describe('tariff calc FILE.xlsx', () => {
  it.each(['shipments.csv', 'with-errors.csv', 'japan-imports-2024.csv'])('computes %s as a workbook to the same bytes as the CSV', async (name) => {
    const csv = resolve(ROOT, 'data/examples', name);
    const xlsx = join(dir, name.replace('.csv', '.xlsx'));
    await csvToXlsx(csv, xlsx);
    const args = ['--date', '2025-10-01', '--format', 'csv'];
    const fromCsv = await tariff(['calc', csv, ...args]);
    const fromXlsx = await tariff(['calc', xlsx, ...args]);
    expect(fromXlsx.stdout).toBe(fromCsv.stdout);
    expect(fromXlsx.code).toBe(fromCsv.code);
    expect(fromXlsx.stderr).toBe(fromCsv.stderr.replaceAll(csv, xlsx));
    expect(fromCsv.stdout.split('\n').length).toBeGreaterThan(3);
  });

  it('reads a workbook whatever its name (a zip that holds one); a zip that does not is left to the CSV reader', async () => {
    const csv = resolve(ROOT, 'data/examples/shipments.csv');
    const misnamed = join(dir, 'book.csv');
    await csvToXlsx(csv, misnamed);
    const fromCsv = await tariff(['calc', csv, '--format', 'csv']);
    const fromBook = await tariff(['calc', misnamed, '--format', 'csv']);
    expect(fromBook.code).toBe(0);
    expect(fromBook.stdout).toBe(fromCsv.stdout);
  });

  it('reads the sheet --sheet names; compare and timeline read workbooks too', async () => {
    const csv = resolve(ROOT, 'data/examples/shipments.csv');
    const xlsx = join(dir, 'two-sheets.xlsx');
    await csvToXlsx(csv, xlsx, { sheetFirst: 'Notes' });
    const fromCsv = await tariff(['calc', csv, '--format', 'json']);
    const fromXlsx = await tariff(['calc', xlsx, '--sheet', 'Lines', '--format', 'json']);
    expect(fromXlsx.code).toBe(0);
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromCsv.stdout));
    const cmpCsv = await tariff(['compare', csv, '--format', 'json']);
    const cmpXlsx = await tariff(['compare', xlsx, '--sheet', 'Lines', '--format', 'json']);
    expect(cmpXlsx.stdout).toBe(cmpCsv.stdout.replaceAll(JSON.stringify(csv).slice(1, -1), JSON.stringify(xlsx).slice(1, -1)));
    const tlCsv = await tariff(['timeline', csv, '--format', 'csv']);
    const tlXlsx = await tariff(['timeline', xlsx, '--sheet', 'lines', '--format', 'csv']);
    expect(tlXlsx.code).toBe(0);
    expect(tlXlsx.stdout).toBe(tlCsv.stdout.replaceAll(csv, xlsx));
    const first = await tariff(['calc', xlsx, '--format', 'csv']);
    expect(first.code).toBe(1);
    // Without --sheet, the first sheet (Notes) is read: its first row is not a header of import lines.
    expect(first.stderr).toBe(`tariff: ${xlsx} row 1: no value column; the header needs one of value, value_usd, customs_value (found: not, these)\n`);
    expect(first.stdout).toBe('');
  });

  it('refuses a file that is not a workbook, a missing sheet, an encrypted workbook and an empty sheet, naming the file', async () => {
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from([0, 1, 2, 0xff, 0xfe]), Buffer.from('secret')]));
    let r = await tariff(['calc', fake]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`tariff: ${fake}: is not a readable Excel workbook (.xlsx): no zip directory found (the file is not a zip, or it is cut short)\n`);

    const ole = join(dir, 'locked.xlsx');
    writeFileSync(ole, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    r = await tariff(['calc', ole]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${ole}: is a password-protected (encrypted) workbook or an old-format .xls file`);

    const xlsx = join(dir, 'ok.xlsx');
    await csvToXlsx(resolve(ROOT, 'data/examples/shipments.csv'), xlsx);
    r = await tariff(['calc', xlsx, '--sheet', 'Feb']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`tariff: ${xlsx}: no sheet named "Feb"; the workbook has "Lines"\n`);

    const empty = join(dir, 'empty.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Blank');
    await wb.xlsx.writeFile(empty);
    r = await tariff(['timeline', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${empty} sheet "Blank": the sheet is empty`);

    r = await tariff(['calc', resolve(ROOT, 'data/examples/shipments.csv'), '--sheet', 'Lines']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sheet is for an Excel workbook (.xlsx)');
  });
});
