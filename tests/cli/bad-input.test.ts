/**
 * The bad-input corpus: each input with its documented outcome (a rejected row
 * with its line and field, or a clear error and exit code), and a fuzz test:
 * any bytes on stdin end with exit 0, 1 or 2 and no stack trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from './fake-io.js';

const HEAD = 'id,hts,value,date';
const calc = (stdin: string | Buffer) => run(['calc', '--format', 'json'], stdin);

interface Outcome {
  code: number;
  lines?: [number, string][]; // [line, id] of computed lines
  rejected?: [number, string][]; // [line, field]
  stderr?: RegExp;
}

const BIG = 'x'.repeat(1024 * 1024);

const CORPUS: [string, string | Buffer, Outcome][] = [
  ['empty file', '', { code: 1, stderr: /\(stdin\): empty input/ }],
  ['header only', `${HEAD}\n`, { code: 0, lines: [], rejected: [] }],
  ['header only, no newline', HEAD, { code: 0, lines: [], rejected: [] }],
  ['blank lines are skipped, line numbers kept', `${HEAD}\n\na,8703.23.01,100,2025-05-01\n\n\nb,8703.23.01,100,2025-05-01\n`, { code: 0, lines: [[3, 'a'], [6, 'b']] }],
  ['BOM', `\uFEFF${HEAD}\na,8703.23.01,100,2025-05-01\n`, { code: 0, lines: [[2, 'a']] }],
  ['CRLF', `${HEAD}\r\na,8703.23.01,100,2025-05-01\r\nb,8703.23.01,100,2025-05-01\r\n`, { code: 0, lines: [[2, 'a'], [3, 'b']] }],
  ['quoted newline keeps later line numbers', `${HEAD}\n"a\nb",8703.23.01,100,2025-05-01\nc,8703.23.01,100,2025-05-01\n`, { code: 0, lines: [[2, 'a\nb'], [4, 'c']] }],
  ['unbalanced quote: that line is rejected, the lines after it are read', `${HEAD}\na,8703.23.01,100,2025-05-01\n"b,8703.23.01,100,2025-05-01\nc,8703.23.01,100,2025-05-01\n`, { code: 1, lines: [[2, 'a'], [4, 'c']], rejected: [[3, '(row)']], stderr: /quoted field is never closed/ }],
  ['text after a closing quote: that line is rejected, no later row lost', `${HEAD}\n"a"x,8703.23.01,100,2025-05-01\nb,8703.23.01,100,2025-05-01\nc,8703.23.01,100,2025-05-01\n`, { code: 1, lines: [[3, 'b'], [4, 'c']], rejected: [[2, '(row)']], stderr: /text after its closing quote/ }],
  ['a legitimate quoted line break is not an error', `${HEAD}\n"a\nstill a",8703.23.01,100,2025-05-01\nb,8703.23.01,100,2025-05-01\n`, { code: 0, lines: [[2, 'a\nstill a'], [4, 'b']] }],
  ['too few fields', `${HEAD}\na,8703.23.01,100\n`, { code: 1, rejected: [[2, '(row)']], stderr: /expected 4 fields as in the header, got 3/ }],
  ['too many fields', `${HEAD}\na,8703.23.01,100,2025-05-01,extra\n`, { code: 1, rejected: [[2, '(row)']], stderr: /got 5/ }],
  ['duplicate header', 'id,hts,value,VALUE\n', { code: 1, stderr: /line 1, column "VALUE": column "VALUE" appears twice/ }],
  ['two aliases of one column', 'id,hts,value,value_usd\n', { code: 1, stderr: /columns "value" and "value_usd" both give value/ }],
  ['missing value column', 'id,hts,date\n', { code: 1, stderr: /no value column/ }],
  ['empty header name', 'id,,value\n', { code: 1, stderr: /column 2 of the header has no name/ }],
  ['unknown columns pass through', 'id,hts,value,date,Colour\na,8703.23.01,100,2025-05-01,red\n', { code: 0, lines: [[2, 'a']] }],
  ['invalid UTF-8', Buffer.concat([Buffer.from(`${HEAD}\na,8703.23.01,1`), Buffer.from([0xff, 0xfe]), Buffer.from('00,2025-05-01\nb,8703.23.01,100,2025-05-01\n')]), { code: 1, lines: [[3, 'b']], rejected: [[2, '(row)']], stderr: /not valid UTF-8/ }],
  ['a 1 MB field', `${HEAD},note\na,8703.23.01,100,2025-05-01,${BIG}\n`, { code: 0, lines: [[2, 'a']] }],
  ['exponent', `${HEAD}\na,8703.23.01,1e5,2025-05-01\n`, { code: 1, rejected: [[2, 'value']] }],
  ['hex', `${HEAD}\na,8703.23.01,0x10,2025-05-01\n`, { code: 1, rejected: [[2, 'value']] }],
  ['NaN', `${HEAD}\na,8703.23.01,NaN,2025-05-01\n`, { code: 1, rejected: [[2, 'value']] }],
  ['Infinity', `${HEAD}\na,8703.23.01,Infinity,2025-05-01\n`, { code: 1, rejected: [[2, 'value']] }],
  ['decimal comma', `${HEAD}\na,8703.23.01,"1,5",2025-05-01\n`, { code: 1, rejected: [[2, 'value']] }],
  ['spaces around a value are ignored', `${HEAD}\na,8703.23.01,  12 ,2025-05-01\n`, { code: 0, lines: [[2, 'a']] }],
  ['-0', `${HEAD}\na,8703.23.01,-0,2025-05-01\n`, { code: 1, rejected: [[2, 'value']], stderr: /negative/ }],
  ['20-digit value', `${HEAD}\na,8703.23.01,12345678901234567890,2025-05-01\n`, { code: 1, rejected: [[2, 'value']], stderr: /too large/ }],
  ['empty value', `${HEAD}\na,8703.23.01,,2025-05-01\n`, { code: 1, rejected: [[2, 'value']], stderr: /empty/ }],
  ['impossible date', `${HEAD}\na,8703.23.01,100,2025-02-30\n`, { code: 1, rejected: [[2, 'date']] }],
  ['code with letters', `${HEAD}\na,87O3.23.01,100,2025-05-01\n`, { code: 1, rejected: [[2, 'hts']] }],
  ['code too short', `${HEAD}\na,870,100,2025-05-01\n`, { code: 1, rejected: [[2, 'hts']] }],
  ['origin the schedule does not cover', 'id,hts,value,date,origin\na,8703.23.01,100,2025-05-01,CN\n', { code: 1, rejected: [[2, 'origin']], stderr: /origin CN \(China\) is not covered by schedule us/ }],
  ['malformed origin', 'id,hts,value,date,origin\na,8703.23.01,100,2025-05-01,Japan\n', { code: 1, rejected: [[2, 'origin']] }],
  ['bad mfn_rate', 'id,hts,value,date,mfn_rate\na,8703.23.01,100,2025-05-01,abc\n', { code: 1, rejected: [[2, 'mfn_rate']] }],
];

describe('bad-input corpus', () => {
  it.each(CORPUS)('%s', async (_name, input, want) => {
    const r = await calc(input);
    expect(r.code, r.stderr).toBe(want.code);
    expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/); // no stack trace
    if (want.stderr) expect(r.stderr).toMatch(want.stderr);
    if (want.lines || want.rejected) {
      const doc = JSON.parse(r.stdout);
      if (want.lines) expect(doc.lines.map((l: { line: number; id: string }) => [l.line, l.id])).toEqual(want.lines);
      if (want.rejected) expect(doc.rejected.map((l: { line: number; field: string }) => [l.line, l.field])).toEqual(want.rejected);
      expect(doc.totals.lines).toBe(doc.lines.length);
      expect(doc.totals.rejected).toBe(doc.rejected.length);
    }
  });

  it('a quote still open after 4 MiB: that line is rejected and the rows before and after it are kept', async () => {
    const rows = (from: number) => Array.from({ length: 5 }, (_, i) => `r${from + i},8703.23.01,100,2025-05-01`).join('\n');
    const input = `${HEAD}\n${rows(0)}\n"open,${'y'.repeat(5 * 1024 * 1024)}\n${rows(5)}\n`;
    const r = await run(['calc', '--format', 'ndjson'], input);
    expect(r.code).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.filter((o) => o.type === 'line')).toHaveLength(10);
    expect(out.filter((o) => o.type === 'rejected').map((o) => o.line)).toEqual([7]);
    expect(r.stderr).toMatch(/line 7, row: (a quoted field is (still open after 4 MiB|never closed)|field longer than 4194304 characters \(4 MiB\))/);
  });
});

describe('fuzz: any bytes on stdin', () => {
  const csvish = fc.array(
    fc.oneof(
      fc.constantFrom(HEAD, 'value', 'hts', ',', '"', '""', '\n', '\r\n', '8703.23.01', '100', '2025-05-01', '-', 'e', '\uFEFF', ' ', 'category', 'steel'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 40 },
  ).map((parts) => parts.join(''));

  it('mutated CSV ends with exit 0, 1 or 2 and no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, async (input) => {
        const r = await calc(`${HEAD}\n${input}`);
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at \S+ \(/);
        if (r.code !== 1 || r.stdout !== '') {
          const doc = JSON.parse(r.stdout);
          expect(doc.totals.lines + doc.totals.rejected).toBe(doc.lines.length + doc.rejected.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes end with exit 0, 1 or 2 and no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const r = await calc(Buffer.from(bytes));
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at \S+ \(/);
      }),
      { numRuns: 300 },
    );
  });
});
