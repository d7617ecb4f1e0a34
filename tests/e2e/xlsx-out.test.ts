/**
 * End to end: `calc --format xlsx` writes a workbook that opens with exceljs
 * (an independent reader) and with the tool's own reader, whose figures are
 * those of `calc --format json`, and whose text cells are never formulas.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { tariff } from './cli.js';
import { readXlsxRecords } from '../../src/io/xlsx-input.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-xlsx-out-'));

/** The rows of a sheet as the tool's reader gives them (exact decimal text). */
async function sheetRows(path: string, sheet: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const b of readXlsxRecords(path, path, { sheet })) for (const r of b) out.push(r.cells);
  return out;
}

describe('tariff calc --format xlsx', () => {
  it('writes Lines, Totals and Notes sheets whose figures equal calc --format json', async () => {
    const input = resolve(ROOT, 'data/examples/with-errors.csv');
    const book = join(dir, 'duties.xlsx');
    const r = await tariff(['calc', input, '--date', '2025-10-01', '--format', 'xlsx', '--out', book]);
    expect(r.code).toBe(1); // the file has rejected rows
    expect(r.stdout).toBe('');
    const json = JSON.parse((await tariff(['calc', input, '--date', '2025-10-01', '--format', 'json'])).stdout);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Lines', 'Totals', 'Notes']);
    const totals = new Map<string, ExcelJS.CellValue>();
    wb.getWorksheet('Totals')!.eachRow((row) => totals.set(String(row.getCell(1).value), row.getCell(2).value));
    const t = json.totals;
    expect(totals.get('lines')).toBe(t.lines);
    expect(totals.get('rejected')).toBe(t.rejected);
    for (const k of ['value', 'duty', 'refundable', 'mpf', 'hmf', 'fees', 'total'] as const) {
      expect([k, (totals.get(k) as number).toFixed(2)]).toEqual([k, t[k]]);
    }
    // Exactly, as stored: the tool's reader gives the cell's decimal text (trailing zeros dropped, as Excel shows).
    const exact = new Map((await sheetRows(book, 'Totals')).map((c) => [c[0], c[1]]));
    const shown = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    expect(exact.get('duty')).toBe(shown(t.duty));
    expect(exact.get('total')).toBe(shown(t.total));
    for (const d of t.duties as { measure: string; amount: string }[]) {
      expect((await sheetRows(book, 'Totals')).find((c) => c[0] === d.measure)?.[2]).toBe(shown(d.amount));
    }

    const lines = wb.getWorksheet('Lines')!;
    const head = (lines.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const col = (name: string) => head.indexOf(name) + 1;
    expect(lines.rowCount).toBe(1 + json.lines.length + json.rejected.length);
    const ok = lines.getRow(4); // OK-3, the one computed line, on input line 4
    expect(ok.getCell(col('status')).value).toBe('ok');
    expect(ok.getCell(col('id')).value).toBe('OK-3');
    expect(ok.getCell(col('hts')).value).toBe('9018.90.80');
    expect(ok.getCell(col('hts')).numFmt).toBe('@');
    expect(ok.getCell(col('value')).value).toBe(15000);
    expect(ok.getCell(col('value')).numFmt).toBe('#,##0.00');
    expect((ok.getCell(col('duty')).value as number).toFixed(2)).toBe(json.lines[0].duty);
    expect(ok.getCell(col('effective_rate')).numFmt).toBe('0.00####%');
    expect(ok.getCell(col('effective_rate')).value).toBeCloseTo(Number(json.lines[0].effectiveRate) / 100, 12);
    expect(ok.getCell(col('date')).value).toEqual(new Date('2025-10-01T00:00:00Z'));
    const bad = lines.getRow(2);
    expect([bad.getCell(col('status')).value, bad.getCell(col('value')).value, bad.getCell(col('rejected_field')).value]).toEqual(['rejected', '12,5', 'value_usd']);
    const notes = wb.getWorksheet('Notes')!.getColumn(1).values;
    expect(notes).toContain('scenario');
  });

  it('writes user text that starts with = + - @ as text, never as a formula', async () => {
    const input = join(dir, 'formulas.csv');
    writeFileSync(input, 'id,hts,value,date,note\n=1+1,8703.23.01,1000,2025-10-01,@SUM(A1)\n+cmd,8703.23.01,1000,2025-10-01,-2\n');
    const book = join(dir, 'formulas.xlsx');
    const r = await tariff(['calc', input, '--out', book]);
    expect(r.code).toBe(0);
    const xml = (await sheetRows(book, 'Lines')).slice(1);
    expect(xml.map((c) => [c[2], c.at(-1)])).toEqual([
      ['=1+1', '@SUM(A1)'],
      ['+cmd', '-2'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const row = wb.getWorksheet('Lines')!.getRow(2);
    expect(row.getCell(3).value).toBe('=1+1'); // a formula would read back as { formula: ... }
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
  });

  it('refuses to write a workbook to a terminal, writes it to a pipe, and says when --out cannot be written', async () => {
    const piped = await tariff(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'xlsx']);
    expect(piped.code).toBe(0);
    expect(Buffer.from(piped.stdout, 'latin1').subarray(0, 2).toString()).toBe('PK');
    const bad = await tariff(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--out', join(dir, 'no-such-dir', 'x.xlsx')]);
    expect(bad.code).toBe(74);
    expect(bad.stderr).toContain(`cannot write ${join(dir, 'no-such-dir', 'x.xlsx')} (ENOENT)`);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    // The format follows the file's name; CSV otherwise.
    const csvOut = join(dir, 'out.csv');
    expect((await tariff(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--out', csvOut])).code).toBe(0);
    expect(readFileSync(csvOut, 'utf8')).toMatch(/^line,status,id,hts/);
  });

  it('compare --format xlsx: the Scenarios and Groups sheets hold the figures of compare --format json', async () => {
    const input = resolve(ROOT, 'data/examples/japan-imports-2024.csv');
    const book = join(dir, 'compare.xlsx');
    const args = ['compare', input, '--date', '2025-10-01', '--per', 'hour'];
    const r = await tariff([...args, '--out', book]);
    expect(r.code).toBe(0);
    const json = JSON.parse((await tariff([...args, '--format', 'json'])).stdout);
    const shown = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    const scenarios = (await sheetRows(book, 'Scenarios')).slice(1);
    expect(scenarios.map((c) => [c[0], c[3], c[4]])).toEqual(
      json.scenarios.map((s: { name: string; totals: { value: string; duty: string } }) => [s.name, shown(s.totals.value), shown(s.totals.duty)]),
    );
    expect(scenarios[1]![6]).toBe(shown(json.differences[0].duty));
    const groups = await sheetRows(book, 'Groups');
    expect(groups[0]![0]).toBe('category');
    expect(groups.slice(1).map((c) => [c[0], c[2]])).toEqual(json.scenarios[0].groups.map((g: { key: string; duty: string }) => [g.key, shown(g.duty)]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Scenarios', 'Groups', 'Rejected', 'Notes']);
  });

  it("goes on in a sheet 'Lines 2' past the rows a sheet holds, the header repeated, no line lost", async () => {
    const input = resolve(ROOT, 'data/examples/shipments.csv');
    const book = join(dir, 'split.xlsx');
    const r = await tariff(['calc', input, '--out', book], { env: { TARIFF_XLSX_MAX_ROWS: '6' } });
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Lines', 'Lines 2', 'Lines 3', 'Totals', 'Notes']);
    const ids: string[] = [];
    for (const name of ['Lines', 'Lines 2', 'Lines 3']) {
      const rows = await sheetRows(book, name);
      expect(rows[0]!.slice(0, 3)).toEqual(['line', 'status', 'id']);
      expect(rows.length).toBeLessThanOrEqual(6);
      ids.push(...rows.slice(1).map((c) => c[2]!));
    }
    const csv = (await tariff(['calc', input, '--format', 'csv', '-q'])).stdout.trim().split('\n').slice(1);
    expect(ids).toEqual(csv.map((l) => l.split(',')[2]));
  });
});
