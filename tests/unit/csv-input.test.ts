/** The CSV reader (src/io/csv-input.ts): records must not depend on how the input arrives in chunks. */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { sniffInput } from '../../src/io/sniff.js';
import { describe, expect, it } from 'vitest';
import { countNewlines, readCsvRecords, type CsvReadOptions, type CsvReadStats, type CsvRecord } from '../../src/io/csv-input.js';

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
        fc.pre(sniffInput(Buffer.from(text)) === null); // CR-only line ends are refused whole (sniff.ts)
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

/** The reader before the linear-time rewrite: the records it gave are the specification (QA-2026-12 #6 changed only its speed). */
async function readBefore(text: string): Promise<CsvRecord[]> {
  const { readCsvRecords: before } = await import('./csv-input-before.js');
  const out: CsvRecord[] = [];
  for await (const batch of before(Readable.from([Buffer.from(text)], { objectMode: false }))) out.push(...batch);
  // One intended change (QA #28): a line of whitespace only is a blank line, skipped; it was rejected as a record.
  return out.filter((r) => !(r.problem === undefined && r.cells.length === 1 && r.cells[0]!.trim() === ''));
}

async function readWith(text: string, opts: Omit<CsvReadOptions, 'stats'> = {}, chunk = 65536): Promise<{ records: CsvRecord[]; stats: CsvReadStats }> {
  const stats: CsvReadStats = { quoteProblems: 0, leftover: 0, work: 0 };
  const chunks: Buffer[] = [];
  for (let i = 0; i < text.length; i += chunk) chunks.push(Buffer.from(text.slice(i, i + chunk)));
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecords(Readable.from(chunks, { objectMode: false }), { ...opts, stats })) records.push(...batch);
  return { records, stats };
}

describe('readCsvRecords: the same records as before, in linear time (QA-2026-12 #6)', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', '8703.24.01', '45000.00', ' ', '  \t'),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', '\r') }).map((s) => `"${s.replaceAll('"', '""')}"`),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', '\r', '\u00a0') }), // anything, quotes and all
    fc.constantFrom('x"y', '"a"b', '"open', '"a" ', '"a"  ,', '"a" x', '""', '"""'),
  );
  const csv = fc
    .tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }).map((c) => c.join(',')), { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([rows, eol, last]) => rows.join(eol) + (last ? eol : ''));

  it('gives the records, line numbers and problems the reader before it gave, however the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(csv, fc.array(fc.nat(), { maxLength: 8 }), async (text, at) => {
        fc.pre(sniffInput(Buffer.from(text)) === null); // not CSV text at all (CR-only line ends): refused, see sniff.ts
        expect(await read(cut(text, at))).toEqual(await readBefore(text));
      }),
      { numRuns: 1500 },
    );
  });

  const row = (i: number) => `r${i},8457.10.00,100,2025-09-01,fine\n`;
  const strays = ['a,8457.10.00,100,2025-09-01,"oops', 'a,8457.10.00,100,2025-09-01,x"y', 'a,"8457.10.00"z,100,2025-09-01,ok', 'a,8457.10.00,100,2025-09-01,"""', 'a,8457.10.00,100,"2025-09-01'];

  it('work grows linearly with the input, wherever stray quotes are (counted in characters scanned and parsed, not timed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(2_000, 8_000, 32_000),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...strays)), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(4096, 65536),
        async (rows, placed, chunk) => {
          const lines = Array.from({ length: rows }, (_, i) => row(i));
          for (const [where, stray] of placed) lines[Math.floor(where * (rows - 1))] = `${stray}\n`;
          const text = `id,hts,value,date,note\n${lines.join('')}`;
          const { records, stats } = await readWith(text, {}, chunk);
          // Every line is in a record (a stray quote may legitimately pair with the next), none swallowed.
          expect(records.reduce((n, r) => n + 1 + countNewlines(r.cells), 0)).toBe(rows + 1);
          // The last record reaches the last line: it starts there, or a stray quote opened it earlier and a later
          // one closed it (e.g. `"oops` on the first row pairs with `"""` on the last: one record over many lines).
          const last = records.at(-1)!;
          expect(last.line + countNewlines(last.cells)).toBeGreaterThan(rows - 1);
          // Each character is scanned about once and parsed once; a bad line's later lines are scanned again.
          expect(stats.work!).toBeLessThanOrEqual(3 * text.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('one stray quote at the top of a large input: every later line read, in linear work', async () => {
    for (const rows of [50_000, 200_000]) {
      const text = `id,hts,value,date,note\n${strays[0]}\n${Array.from({ length: rows }, (_, i) => row(i)).join('')}`;
      const { records, stats } = await readWith(text);
      expect(records.length).toBe(rows + 2);
      expect(records[1]).toMatchObject({ line: 2, problem: expect.stringMatching(/quoted field is (never closed|still open after 4 MiB)/) });
      expect(records[2]).toEqual({ line: 3, cells: ['r0', '8457.10.00', '100', '2025-09-01', 'fine'] });
      expect(stats.work!).toBeLessThanOrEqual(3 * text.length);
    }
  });
});

describe('readCsvRecords: over-long records (QA-2026-12 #3)', () => {
  const max = 10_000;
  it('a line longer than the limit is rejected as that line, never held whole; the lines after it are read', async () => {
    const text = `id,note\na,${'z'.repeat(25_000)}\nb,ok\n`;
    for (const chunk of [1000, 4096, 65536]) {
      const { records } = await readWith(text, { maxRecordChars: max }, chunk);
      expect(records.map((r) => [r.line, r.problem ?? null])).toEqual([
        [1, null],
        [2, `field longer than ${max} characters (${max} characters): the line is rejected and reading goes on at the next line`],
        [3, null],
      ]);
      expect(records[1]!.cells[0]!.length).toBeLessThan(300); // only its start is kept, for the report
      expect(records[2]!.cells).toEqual(['b', 'ok']);
    }
  });

  it('a quoted field still open after the limit: its first line rejected, reading goes on at the next line', async () => {
    const text = `id,note\na,"oops\n${'b,ok\n'.repeat(5000)}`;
    const { records } = await readWith(text, { maxRecordChars: max }, 4096);
    expect(records[1]).toMatchObject({ line: 2, problem: expect.stringMatching(/still open after 10000 characters/) });
    expect(records.length).toBe(5002);
    expect(records[5001]).toEqual({ line: 5002, cells: ['b', 'ok'] });
  });

  it('a long line in a quoted field with no line break: skipped to its end', async () => {
    const text = `id,note\na,"${'z'.repeat(25_000)}"\nb,ok\n`;
    const { records } = await readWith(text, { maxRecordChars: max }, 3000);
    expect(records.map((r) => [r.line, r.problem === undefined])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
  });

  it('a whitespace-only line is a blank line, skipped but counted (QA-2026-12 #28)', async () => {
    const { records } = await readWith('id,hts\n   \n\t\r\na,1\n');
    expect(records).toEqual([
      { line: 1, cells: ['id', 'hts'] },
      { line: 4, cells: ['a', '1'] },
    ]);
  });
});
