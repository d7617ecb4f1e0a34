/** The workbook writer's cells (src/io/xlsx-write.ts): exact decimals, percents, dates, and text that survives the round trip. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, dateSerial, MAX_CELL_CHARS, percentToFraction, RowXml, SHEET_END, sheetStart, workbookSkeleton } from '../../src/io/xlsx-write.js';
import { readXlsxRecords } from '../../src/io/xlsx-input.js';
import { writeZip } from '../xlsx-build.js';

describe('percentToFraction: a percent cell stores the fraction, computed by moving the point', () => {
  it.each([
    ['27.5', '0.275'],
    ['2.5', '0.025'],
    ['100', '1'],
    ['0', '0'],
    ['0.123456', '0.00123456'],
    ['-12.5', '-0.125'],
    ['1250', '12.5'],
    ['n/a', null],
  ])('%s%% → %s', (pct, fraction) => expect(percentToFraction(pct)).toBe(fraction));
});

describe('dateSerial', () => {
  it.each([
    ['2025-05-01', 45778],
    ['1900-03-01', 61],
    ['1900-02-28', null], // before Excel's phantom 1900-02-29: written as text instead
    ['2025-13-01', null],
  ])('%s → %s', (date, serial) => expect(dateSerial(date)).toBe(serial));
});

describe('text cells', () => {
  it('escapes XML, control characters (as _xHHHH_) and a literal _xHHHH_, and reads back as written', async () => {
    expect(cellText('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(cellText('x\u0001y\rz')).toBe('x_x0001_y_x000D_z');
    const texts = ['=1+1', '@SUM(A1)', ' padded ', 'tab\there', 'line\nbreak', 'cr\rhere', 'ctl\u0001', 'literal _x0041_', 'ünï©ødé 日本', '&<>"\''];
    const row = new RowXml(1);
    for (const t of texts) row.text(t);
    const long = 'x'.repeat(MAX_CELL_CHARS + 10);
    row.text(long);
    const path = join(mkdtempSync(join(tmpdir(), 'tariff-xlsx-w-')), 'text.xlsx');
    await writeZip(path, { ...workbookSkeleton(['S']), 'xl/worksheets/sheet1.xml': `${sheetStart(false)}${row.toString()}${SHEET_END}` });
    const out: string[][] = [];
    for await (const b of readXlsxRecords(path, 'text.xlsx')) for (const r of b) out.push(r.cells);
    expect(out[0]!.slice(0, texts.length)).toEqual(texts);
    const cut = out[0]![texts.length]!;
    expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cut).toMatch(/ … \[cut: 32777 characters; an Excel cell holds at most 32767\]$/);
  });

  it('writes numbers from their decimal text, and anything else as text', () => {
    expect(new RowXml(2).number('12375.00', 1).number('1e5').toString()).toBe(
      '<row r="2"><c r="A2" s="1"><v>12375.00</v></c><c r="B2" t="inlineStr"><is><t>1e5</t></is></c></row>',
    );
  });
});
