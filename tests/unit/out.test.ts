import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { Out } from '../../src/io/out.js';
import { formatCents } from '../../src/values/money.js';

/** An Out over a stream that keeps every byte; `slow` makes write() ask for a drain each time. */
function sink(slow = false) {
  const chunks: Buffer[] = [];
  let writes = 0;
  const stream = new Writable({
    highWaterMark: slow ? 1 : 1 << 20,
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk)); // a copy: Out must not reuse a buffer it handed over
      writes++;
      setImmediate(done);
    },
  });
  const out = new Out(stream);
  /** Everything written, once the stream has finished (writes still queued in the stream included). */
  const text = async () => {
    await new Promise<void>((resolve) => stream.end(resolve));
    return Buffer.concat(chunks).toString('utf8');
  };
  return { out, stream, text, writes: () => writes };
}

describe('Out: bytes written are exactly the text pushed', () => {
  it('any mix of push, ascii, bytes, int and cents, across buffer boundaries', async () => {
    const piece = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), s: fc.string({ unit: 'grapheme', maxLength: 300 }) }),
      fc.record({ kind: fc.constant('ascii' as const), s: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 })) }),
      fc.record({ kind: fc.constant('bytes' as const), s: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 200 })) }),
      fc.record({ kind: fc.constant('int' as const), n: fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 2 ** 32 }), fc.integer({ min: 0, max: 100_000 })) }),
      fc.record({ kind: fc.constant('cents' as const), c: fc.oneof(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.bigInt({ min: 0n, max: 10_000_000n })) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 400 }), fc.boolean(), async (pieces, bigFirst) => {
        const { out, text } = sink();
        let expected = '';
        if (bigFirst) {
          const big = 'x€'.repeat(50_000); // longer than one buffer
          out.push(big);
          expected += big;
        }
        for (const p of pieces) {
          if (p.kind === 'push') out.push(p.s);
          else if (p.kind === 'ascii') out.ascii(p.s);
          else if (p.kind === 'bytes') out.bytes(new TextEncoder().encode(p.s));
          else if (p.kind === 'int') out.int(p.n);
          else out.cents(p.c);
          expected += p.kind === 'int' ? String(p.n) : p.kind === 'cents' ? formatCents(p.c) : p.s;
        }
        await out.flush();
        expect(await text()).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('cents and int at their edges', async () => {
    const { out, text } = sink();
    const cents = [0n, 1n, 9n, 10n, 99n, 100n, 101n, 105n, 110n, 123456789n, 214_748_364_799n, 214_748_364_800n, 214_748_364_899n, 9_007_199_254_740_991n, 9_007_199_254_740_992n, -1n, -100n, 10n ** 20n];
    // Each power of ten and the number below it (the length of a number), and 2^31 around (where the digits are made two ways).
    const ints = [0, 9, 10, 99, 100, 1_000_000, Number.MAX_SAFE_INTEGER, ...Array.from({ length: 16 }, (_, k) => [10 ** k - 1, 10 ** k]).flat(), 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 4_294_967_295];
    for (const c of cents) {
      out.cents(c);
      out.byte(0x20);
    }
    for (const n of ints) {
      out.int(n);
      out.byte(0x20);
    }
    await out.flush();
    expect(await text()).toBe(`${cents.map((c) => `${formatCents(c)} `).join('')}${ints.map((n) => `${n} `).join('')}`);
  });
});

describe('Out: writing and back-pressure', () => {
  it('a flush that is not forced waits until 64 KiB are buffered; a forced one writes everything', async () => {
    const { out, text, writes } = sink();
    out.push('a'.repeat(1000));
    await out.flush(false);
    expect(writes()).toBe(0);
    expect(out.pending).toBe(1000);
    for (let i = 0; i < 70; i++) out.ascii('b'.repeat(1000));
    await out.flush(false);
    expect(out.pending).toBe(0);
    out.push('end');
    await out.flush();
    expect(await text()).toBe(`${'a'.repeat(1000)}${'b'.repeat(70_000)}end`);
  });

  it('waits for drain when the stream asks, and loses nothing', async () => {
    const { out, text } = sink(true);
    let expected = '';
    for (let batch = 0; batch < 20; batch++) {
      for (let i = 0; i < 500; i++) {
        const s = `${batch},${i},日本\n`;
        out.push(s);
        expected += s;
      }
      await out.flush(false);
    }
    await out.flush();
    expect(await text()).toBe(expected);
  });

  it('drops everything quietly once the stream has failed (EPIPE)', async () => {
    const { out, stream, writes } = sink();
    stream.emit('error', Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    expect(out.closed).toBe(true);
    out.push('x'.repeat(100_000));
    out.ascii('y');
    await out.flush();
    expect(writes()).toBe(0);
    expect(out.pending).toBe(0);
  });
});
