/** Cutting an input into parts of whole records for worker threads (src/cli/parallel.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cutter, firstBoundaryAfter, lastBoundary, type Part } from '../../src/cli/parallel.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('lastBoundary', () => {
  it('is just after the last line break outside quotes', () => {
    expect(lastBoundary(b('a,b\nc,d\ne'))).toBe(8);
    expect(lastBoundary(b('a,"x\ny"\nc'))).toBe(8); // the break inside the quoted field is not a boundary
    expect(lastBoundary(b('a,"x\ny\nz'))).toBe(0); // still inside a quoted field: none
    expect(lastBoundary(b('a,"say ""hi""\nthere"\n'))).toBe(b('a,"say ""hi""\nthere"\n').length); // "" is a quote inside the field
    expect(lastBoundary(b('no break'))).toBe(0);
    expect(lastBoundary(b('\n'))).toBe(1);
  });

  it('firstBoundaryAfter is the first such boundary at or after an offset', () => {
    expect(firstBoundaryAfter(b('a\nb\nc\n'), 1)).toBe(2);
    expect(firstBoundaryAfter(b('a\nb\nc\n'), 2)).toBe(4);
    expect(firstBoundaryAfter(b('"a\nb"\nc\n'), 1)).toBe(6);
    expect(firstBoundaryAfter(b('"a\nb\nc\n'), 0)).toBe(0);
  });
});

/** Records of the text, cut the way a CSV reader would, as the offsets where each record starts. */
function recordStarts(text: string): Set<number> {
  const starts = new Set<number>([0]);
  let quoted = false;
  const bytes = b(text);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) quoted = !quoted;
    else if (bytes[i] === 0x0a && !quoted) starts.add(i + 1);
  }
  return starts;
}

describe('Cutter', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', '8703.24.01', '45000.00', 'é€😀'),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'x') }).map((s) => `"${s.replaceAll('"', '""')}"`),
  );
  const csv = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(',')), { maxLength: 60 }).map((rows) => rows.join('\n'));

  it('gives back every byte, in order, in parts that start on record boundaries with their line numbers', () => {
    fc.assert(
      fc.property(csv, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 50 }), fc.boolean(), (text, partBytes, readBytes, trailingNewline) => {
        const input = b(trailingNewline ? `${text}\n` : text);
        const cutter = new Cutter(partBytes);
        const parts = [];
        for (let at = 0; at < input.length; at += readBytes) parts.push(...cutter.push([input.subarray(at, at + readBytes)]));
        const last = cutter.end();
        if (last !== null) parts.push(last);

        expect(Buffer.concat(parts.map((p) => p.bytes))).toEqual(input);
        const starts = recordStarts(input.toString('utf8'));
        let offset = 0;
        parts.forEach((p, i) => {
          expect(p.id).toBe(i);
          expect(p.serial ?? false).toBe(false);
          expect(p.last).toBe(i === parts.length - 1 && last !== null);
          expect(starts.has(offset)).toBe(true);
          expect(p.startLine).toBe(1 + input.subarray(0, offset).filter((c) => c === 0x0a).length);
          offset += p.bytes.length;
        });
      }),
      { numRuns: 500 },
    );
  });

  it('cuts at the last boundary within partBytes, and past them only for a longer record', () => {
    const cutter = new Cutter(10);
    const parts = cutter.push([b('aaa\nbbb\nccc\n"long\nquoted\nfield"\nd\n')]);
    expect(parts.map((p) => Buffer.from(p.bytes).toString())).toEqual(['aaa\nbbb\n', 'ccc\n', '"long\nquoted\nfield"\n']);
    expect(parts.map((p) => p.startLine)).toEqual([1, 3, 4]);
    expect(Buffer.from(cutter.end()!.bytes).toString()).toBe('d\n');
  });

  it('hands a record that never ends to the main thread, with everything after it', () => {
    const cutter = new Cutter(4, 1, 16);
    const parts = cutter.push([b('a\nb\n"open'), b('x'.repeat(20)), b('\nmore\n')]);
    expect(parts.map((p) => p.serial ?? false)).toEqual([false, true]);
    expect(Buffer.from(parts[0]!.bytes).toString()).toBe('a\nb\n');
    expect(parts[1]!.startLine).toBe(3);
    expect(Buffer.concat(cutter.carry()).toString()).toBe(`"open${'x'.repeat(20)}\nmore\n`);
    expect(cutter.end()).toBeNull();
  });
});

describe('Cutter on a stray quote (QA-2026-12 #6)', () => {
  const row = (i: number) => `r${i},8457.10.00,100,2025-09-01,fine\n`;

  it('scans each byte about once, however the input is read, and hands the rest to the main thread after maxCarry', () => {
    for (const rows of [20_000, 80_000]) {
      const input = b(`a,8457.10.00,100,2025-09-01,"oops\n${Array.from({ length: rows }, (_, i) => row(i)).join('')}`);
      for (const readBytes of [4096, 65536]) {
        const cutter = new Cutter(2048, 2, 256 * 1024);
        const parts: Part[] = [];
        for (let at = 0; at < input.length && !parts.some((p) => p.serial); at += readBytes) parts.push(...cutter.push([input.subarray(at, at + readBytes)]));
        expect(parts.map((p) => p.serial ?? false)).toEqual([true]); // no boundary is trusted after the quote: all to the main thread
        expect(parts[0]!.startLine).toBe(2);
        expect(cutter.scanned).toBeLessThanOrEqual(2 * (256 * 1024 + readBytes));
      }
    }
  });

  it('a quote in the middle: parts before it go to workers, the rest to the main thread, in linear work', () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => row(i));
    lines[20_000] = 'x,8457.10.00,100,2025-09-01,"oops\n';
    const input = b(lines.join(''));
    const cutter = new Cutter(4096, 1, 64 * 1024);
    const parts: Part[] = [];
    for (let at = 0; at < input.length && !parts.some((p) => p.serial); at += 65536) parts.push(...cutter.push([input.subarray(at, at + 65536)]));
    const serial = parts.findIndex((p) => p.serial);
    expect(serial).toBeGreaterThan(0);
    expect(parts[serial]!.startLine).toBeLessThanOrEqual(20_001);
    expect(Buffer.concat([...parts.slice(0, serial).map((p) => p.bytes), ...cutter.carry()]).toString()).toBe(input.subarray(0, Buffer.concat([...parts.slice(0, serial).map((p) => p.bytes), ...cutter.carry()]).length).toString());
    expect(cutter.scanned).toBeLessThanOrEqual(3 * input.length);
  });
});
