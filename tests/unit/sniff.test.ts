/** What an input that is not CSV text looks like (src/io/sniff.ts, QA-2026-12 #14, #15). */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { showInputText, sniffInput, type SniffKind } from '../../src/io/sniff.js';

const csv = 'id,hts,value,date\na,8457.10.00,100,2025-09-01\n';

describe('sniffInput', () => {
  it.each<[string, Buffer, SniffKind | null]>([
    ['LF CSV', Buffer.from(csv), null],
    ['CRLF CSV', Buffer.from(csv.replaceAll('\n', '\r\n')), null],
    ['UTF-8 BOM', Buffer.from(`\uFEFF${csv}`), null],
    ['Latin-1 bytes (rejected per record, not here)', Buffer.from([...Buffer.from('id,hts,value\na,8457.10.00,1'), 0xe9, 0x0a]), null],
    ['tabs and a form feed', Buffer.from('id\thts\tvalue\f\n'), null],
    ['one line, no line end', Buffer.from('id,hts,value'), null],
    ['empty', Buffer.alloc(0), null],
    ['zip (xlsx)', Buffer.from('PK\x03\x04\x14\x00'), 'zip'],
    ['old xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'xls'],
    ['gzip', gzipSync(csv), 'gzip'],
    ['bzip2', Buffer.from('BZh91AY&SY'), 'bzip2'],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00]), 'xz'],
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]), 'zstd'],
    ['PDF', Buffer.from('%PDF-1.7\n'), 'pdf'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]), 'utf16le'],
    ['UTF-16 LE without BOM', Buffer.from(csv, 'utf16le'), 'utf16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]), 'utf16be'],
    ['UTF-16 BE without BOM', Buffer.from(csv, 'utf16le').swap16(), 'utf16be'],
    ['UTF-32 LE', Buffer.from([0xff, 0xfe, 0, 0, 0x69, 0, 0, 0]), 'utf32'],
    ['NUL bytes', Buffer.from('id,hts\0\0\0,value\n\0'), 'binary'],
    ['control bytes', Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x01, 0x02, 0x03, 0x04, 0x61]), 'binary'],
    ['CR-only line ends', Buffer.from(csv.replaceAll('\n', '\r')), 'cr-only'],
    // A few control or NUL bytes in a field are that row's to reject and show escaped (QA #9), not a binary file.
    ['a CSV with an escape sequence in a field', Buffer.from('id,hts,value,date\na,8457.10.00,\x1b]0;owned\x07\x1b[2J,2025-09-01\n'), null],
    ['a CSV with one NUL in a field', Buffer.from('id,hts,value,date\n"1\x0000",8457.10.00,100,2025-09-01\n'), null],
  ])('%s', (_name, bytes, kind) => {
    expect(sniffInput(bytes)?.kind ?? null).toBe(kind);
  });

  it('names the file in the advice, FILE without one; a file already named .xlsx is told to export', () => {
    expect(sniffInput(gzipSync(csv), 'd.csv.gz')!.message).toMatch(/gunzip -c d\.csv\.gz \| tariff calc/);
    expect(sniffInput(gzipSync(csv))!.message).toMatch(/gunzip -c FILE \| tariff calc/);
    expect(sniffInput(Buffer.from('PK\x03\x04'), 'book.csv')!.message).toMatch(/give a workbook a \.xlsx name to read it, or export the sheet as "CSV UTF-8"/);
    expect(sniffInput(Buffer.from('PK\x03\x04'), 'book.xlsx')!.message).toBe('this is an Excel workbook, not CSV text: export the sheet as "CSV UTF-8"');
  });
});

describe('showInputText', () => {
  it('escapes control characters and cuts long text, saying how long it was', () => {
    expect(showInputText('a\x1b]0;x\x07b\r\n\t\0\u2028')).toBe('a\\x1b]0;x\\x07b\\r\\n\\t\\x00\\u2028');
    expect(showInputText('é€😀 plain')).toBe('é€😀 plain');
    expect(showInputText('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}… (100 characters)`);
  });
});
