/** The csv writer of impact cells (a fast path into the output buffer) writes what the JSON record says. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineImpact, NO_IMPACT_INPUT } from '../../src/core/impact.js';
import { Out } from '../../src/io/out.js';
import { formatQuantity, impactCsvCells, lineImpactRecord, writeImpactCsv, writePct4, writeQuantity } from '../../src/cli/render/impact/records.js';
import { formatPct4 } from '../../src/core/impact.js';

async function written(write: (out: Out) => void): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = { write: (b: Uint8Array) => chunks.push(Buffer.from(b)) > 0, on: () => sink, once: () => sink } as never;
  const out = new Out(sink);
  write(out);
  await out.flush();
  return Buffer.concat(chunks).toString('utf8');
}

describe('writeImpactCsv', () => {
  it('equals the cells of the JSON record, for lines with and without a price', async () => {
    const cases = fc.sample(
      fc.record({
        value: fc.bigInt({ min: 0n, max: 10n ** 12n }),
        duty: fc.bigInt({ min: 0n, max: 10n ** 11n }),
        quantity: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }).map((n) => n * 1_000_000n), fc.bigInt({ min: 0n, max: 10n ** 21n }))),
        unitPrice: fc.option(fc.bigInt({ min: 1n, max: 10n ** 9n })),
        margin: fc.bigInt({ min: 0n, max: 99_000_000n }),
        pass: fc.bigInt({ min: 0n, max: 300_000_000n }),
      }),
      200,
    );
    for (const c of cases) {
      const unitPrice = c.unitPrice !== null && c.quantity !== null && (c.unitPrice * (100_000_000n - c.margin)) / 100_000_000n > 0n ? c.unitPrice : null;
      const li = lineImpact({ value: c.value, duty: c.duty, mfnDuty: c.duty / 3n, fees: 1000n, quantity: c.quantity, input: { ...NO_IMPACT_INPUT, unitPrice, margin: unitPrice === null ? null : c.margin }, passThrough: c.pass });
      expect(await written((out) => writeImpactCsv(out, li))).toBe(`,${impactCsvCells(lineImpactRecord(li)).join(',')}`);
    }
  });
});

describe('the digit writers of the impact cells', () => {
  it('writePct4 writes a comma and formatPct4, for any sign and size (a number only below 2^53)', async () => {
    const p = fc.oneof(fc.bigInt({ min: -1_000_000n, max: 1_000_000n }), fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), fc.bigInt({ min: 2n ** 53n - 100_000n, max: 2n ** 53n + 100_000n }));
    for (const v of [...fc.sample(p, 2000), 0n, -1n, 10_000n, -9_999n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n)]) {
      expect(await written((out) => writePct4(out, v))).toBe(`,${formatPct4(v)}`);
    }
  });

  it('writeQuantity writes formatQuantity: whole units as digits, fractions and very large quantities as text', async () => {
    const q = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 9n }).map((n) => n * 1_000_000n), fc.bigInt({ min: 0n, max: 10n ** 21n }), fc.bigInt({ min: 2n ** 53n - 10n ** 7n, max: 2n ** 53n + 10n ** 7n }));
    for (const v of [...fc.sample(q, 2000), 0n, 1n, 1_000_000n, 999_999_999_999_999_000_000n]) {
      expect(await written((out) => writeQuantity(out, v))).toBe(formatQuantity(v));
    }
  });
});
