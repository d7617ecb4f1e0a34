/**
 * The .xlsx reader (src/io/xlsx-input.ts): cells are read from their stored
 * text, never through a float (ECMA-376 Part 1, 18.3.1.4 c, 18.17.4 dates),
 * and rows come out as the CSV reader's records, numbered by sheet row.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnName, excelNumberText, excelPercentText, excelSerialDate, isDateFormatCode, isPercentFormatCode, readXlsxRecords } from '../../src/io/xlsx-input.js';
import type { CsvRecord } from '../../src/io/csv-input.js';
import { workbookParts, writeZip } from '../xlsx-build.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-xlsx-'));

async function records(path: string, sheet?: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const b of readXlsxRecords(path, 'book.xlsx', { sheet })) out.push(...b);
  return out;
}

async function readError(path: string, sheet?: string): Promise<string> {
  try {
    await records(path, sheet);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('excelNumberText: the decimal Excel shows for a stored number', () => {
  it.each([
    ['0.30000000000000004', '0.3'], // 0.1 + 0.2 as Excel stores it
    ['1234567.895', '1234567.895'],
    ['1234567.8949999999', '1234567.895'], // the same value stored with 17 digits
    ['1E-7', '0.0000001'],
    ['1.0000000000000001E-7', '0.0000001'],
    ['-12.5', '-12.5'],
    ['45000', '45000'],
    ['4.5E4', '45000'],
    ['0', '0'],
    ['-0', '0'],
    ['99999999999999999', '100000000000000000'], // 15 digits kept: carry into a new digit
    ['0.99999999999999989', '1'],
    ['abc', 'abc'],
    ['1e999999999', '1e999999999'], // no double holds it (a crafted file): left as text for the row check to reject, never expanded
    ['abc', 'abc'],
  ])('%s → %s', (stored, shown) => expect(excelNumberText(stored)).toBe(shown));
});

describe('excelSerialDate: the date Excel shows for a serial', () => {
  it.each([
    ['45778', false, '2025-05-01'],
    ['45778.75', false, '2025-05-01'], // a time of day is dropped
    ['1', false, '1900-01-01'],
    ['59', false, '1900-02-28'],
    ['60', false, '1900-02-29'], // Excel's 1900 leap-year bug: a day that never was
    ['61', false, '1900-03-01'],
    ['0', true, '1904-01-01'],
    ['44316', true, '2025-05-01'], // the same day in the 1904 system (1462 days fewer)
    ['-1', false, null],
  ])('%s (1904: %s) → %s', (serial, is1904, date) => expect(excelSerialDate(serial, is1904)).toBe(date));
});

describe('excelPercentText: a percent cell as Excel shows it (2.5% is stored as 0.025)', () => {
  it.each([
    ['0.025', '2.5%'],
    ['0.025000000000000001', '2.5%'],
    ['1', '100%'],
    ['0.15', '15%'],
    ['0', '0%'],
    ['1.2345678E-3', '0.12345678%'],
    ['-0.5', '-50%'],
    ['12.5', '1250%'],
  ])('%s → %s', (stored, shown) => expect(excelPercentText(stored)).toBe(shown));
  it.each([
    ['0.0%', true],
    ['0.00%;[Red]-0.00%', true],
    ['"%"0', false],
    ['0\\%', false],
    ['#,##0.00', false],
  ])('format %s is a percent: %s', (code, pct) => expect(isPercentFormatCode(code)).toBe(pct));
});

describe('isDateFormatCode', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['[$-409]d-mmm-yy;@', true],
    ['dd/mm/yyyy hh:mm', true],
    ['#,##0.00', false],
    ['0.00%', false],
    ['"days"0', false],
    ['[Red]#,##0.00', false],
    ['0.00E+00', false],
    ['General', false],
  ])('%s → %s', (code, date) => expect(isDateFormatCode(code)).toBe(date));
});

describe('readXlsxRecords', () => {
  // Style 1 is a built-in date format (14), style 2 a custom one, style 3 money (4: #,##0.00), style 4 percent (10).
  const styles = '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/><xf numFmtId="10"/></cellXfs>';
  const shared = '<si><t>id</t></si><si><t>value</t></si><si><t>date</t></si><si><t>A-1</t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ふりがな</t></rPh></si><si><t>line_x000D_break</t></si>';
  const sheet = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>note</t></is></c></row>',
    '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="3"><v>0.30000000000000004</v></c><c r="C2" s="1"><v>45778</v></c><c r="D2" t="s"><v>4</v></c></row>',
    '<row r="3"><c r="A3" t="inlineStr"><is><t>=cmd</t></is></c><c r="B3"><v>1234567.8949999999</v></c><c r="C3" t="inlineStr"><is><t>2025-06-01</t></is></c><c r="D3" t="s"><v>5</v></c></row>',
    '<row r="4"><c r="A4" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="B4"><f>B2*2</f><v>0.60000000000000009</v></c><c r="C4" s="2"><v>60</v></c></row>',
    '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5"><v>1E-7</v></c><c r="C5" s="2"><v>61</v></c><c r="D5" t="e"><v>#N/A</v></c></row>',
    '<row r="6"><c r="A6" s="1"/><c r="B6" s="3"/></row>', // formatted but empty: skipped like a blank line
    '<row r="8"><c r="A8" t="inlineStr"><is><t>gap</t></is></c><c r="C8"><v>-12.5</v></c></row>', // B8 and D8 not stored
    '<row r="9"><c r="A9"><v>7</v></c><c r="B9"><v>8</v></c><c r="C9"><v>9</v></c><c r="D9" s="4"><v>2.5000000000000001E-2</v></c><c r="F9" s="1"/></row>',
    '<row r="10"><c r="A10"><v>1</v></c><c r="F10"><v>5</v></c></row>', // a cell past the header: kept, so the row is rejected
  ].join('');

  it('reads cells from their stored text: numbers to 15 digits, date serials, text, formulas, gaps', async () => {
    const path = join(dir, 'tricky.xlsx');
    await writeZip(path, workbookParts({ sheets: { Lines: sheet }, shared, styles }));
    expect(await records(path)).toEqual([
      { line: 1, cells: ['id', 'value', 'date', 'note'] },
      { line: 2, cells: ['A-1', '0.3', '2025-05-01', 'rich text'] },
      { line: 3, cells: ['=cmd', '1234567.895', '2025-06-01', 'line\rbreak'] },
      { line: 4, cells: ['xy', '0.6', '1900-02-29', ''] },
      { line: 5, cells: ['TRUE', '0.0000001', '1900-03-01', '#N/A'] },
      { line: 8, cells: ['gap', '', '-12.5', ''] },
      { line: 9, cells: ['7', '8', '9', '2.5%'] }, // a percent cell: 2.5% as Excel shows it, not 0.025
      { line: 10, cells: ['1', '', '', '', '', '5'] },
    ]);
  });

  it('reads the sheet --sheet names, and a 1904 workbook from 1904-01-01', async () => {
    const path = join(dir, 'two.xlsx');
    const row = (r: number, a: string, b: string) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${a}</t></is></c><c r="B${r}" s="1"><v>${b}</v></c></row>`;
    await writeZip(path, workbookParts({ sheets: { First: row(1, 'x', '1'), 'Jan lines': row(3, 'id', '0') + row(4, 'a', '44316') }, styles, date1904: true }));
    expect(await records(path)).toEqual([{ line: 1, cells: ['x', '1904-01-02'] }]);
    expect(await records(path, 'Jan lines')).toEqual([
      { line: 3, cells: ['id', '1904-01-01'] },
      { line: 4, cells: ['a', '2025-05-01'] },
    ]);
    expect(await readError(path, 'Feb')).toBe('book.xlsx: no sheet named "Feb"; the workbook has "First", "Jan lines"');
  });

  it('says what is wrong with a file that is not a workbook, naming it and echoing none of its bytes', async () => {
    const notZip = join(dir, 'not.xlsx');
    writeFileSync(notZip, 'id,value\n\u0000\u0001secret-bytes\n');
    expect(await readError(notZip)).toBe('book.xlsx: is not a readable Excel workbook (.xlsx): no zip directory found (the file is not a zip, or it is cut short)');
    const cut = join(dir, 'cut.xlsx');
    await writeZip(cut, workbookParts({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c></row>' } }));
    const { readFileSync } = await import('node:fs');
    writeFileSync(cut, readFileSync(cut).subarray(0, 300));
    expect(await readError(cut)).toMatch(/^book\.xlsx: is not a readable Excel workbook \(\.xlsx\): /);
    const docx = join(dir, 'doc.xlsx');
    await writeZip(docx, { 'word/document.xml': '<w:document/>' });
    expect(await readError(docx)).toBe('book.xlsx: is a zip file but not an Excel workbook (.xlsx): it has no xl/workbook.xml (it is a Word document)');
    const empty = join(dir, 'empty.xlsx');
    await writeZip(empty, workbookParts({ sheets: { Sheet1: '<row r="1"><c r="A1" s="1"/></row>' }, styles }));
    expect(await readError(empty)).toBe('book.xlsx sheet "Sheet1": the sheet is empty; expected a header row (e.g. id, hts, value, date) and rows');
    const badXml = join(dir, 'badxml.xlsx');
    await writeZip(badXml, workbookParts({ sheets: { Sheet1: '<row r="1"><c r="A1"><v>1</v></row>' } }));
    expect(await readError(badXml)).toMatch(/^book\.xlsx sheet "Sheet1": is not a readable Excel workbook \(\.xlsx\): damaged XML/);
    const badShared = join(dir, 'badshared.xlsx');
    await writeZip(badShared, workbookParts({ sheets: { Sheet1: '<row r="1"><c r="C1" t="s"><v>9</v></c></row>' } }));
    expect(await readError(badShared)).toBe('book.xlsx sheet "Sheet1" row 1, column C: refers to shared string 9, which the workbook does not have');
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
