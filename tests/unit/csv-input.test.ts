/** The CSV reader (src/io/csv-input.ts): records must not depend on how the input arrives in chunks. */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from '../../src/io/csv-input.js';

async function read(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsvRecords(Readable.from(chunks.map((c) => Buffer.from(c)), { objectMode: false }))) out.push(...batch);
  return out;
}

/** Cuts text into chunks at the given offsets (sorted, deduplicated). */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks.filter((c) => c.length > 0);
}

describe('readCsvRecords', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', '8703.24.01', '45000.00', ' '),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ') }).map((s) => `"${s.replaceAll('"', '""')}"`),
    fc.constantFrom('x"y', '"a"b', '"open'), // quoting problems
  );
  const csv = fc
    .tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }).map((c) => c.join(',')), { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([rows, eol, last]) => rows.join(eol) + (last ? eol : ''));

  it('reads the same records, line numbers and problems however the input is chunked (a CRLF after a closing quote included)', async () => {
    await fc.assert(
      fc.asyncProperty(csv, fc.array(fc.nat(), { maxLength: 12 }), async (text, at) => {
        expect(await read(cut(text, at))).toEqual(await read([text]));
      }),
      { numRuns: 400 },
    );
  });

  it('a quoted field that spans lines, with CRLF line ends, split between its closing quote and the CRLF', async () => {
    const text = 'id,note\r\n1,"a\r\nb"\r\n2,c\r\n';
    const split = text.indexOf('"\r\n2') + 1;
    const records = await read([text.slice(0, split), text.slice(split)]);
    expect(records.map((r) => [r.line, r.cells, r.problem])).toEqual([
      [1, ['id', 'note'], undefined],
      [2, ['1', 'a\r\nb'], undefined],
      [4, ['2', 'c'], undefined],
    ]);
  });
});
