/** The csv writer of impact cells (a fast path into the output buffer) writes what the JSON record says. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineImpact, NO_IMPACT_INPUT } from '../../src/core/impact.js';
import { Out } from '../../src/io/out.js';
import { formatQuantity, impactCsvCells, lineImpactRecord, writeImpactCsv } from '../../src/cli/render/impact/records.js';
import { formatCents } from '../../src/values/money.js';
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

describe('the digit writer of the impact cells (Out.decimalCell)', () => {
  // Around the bounds of its paths: 2^31 (integer arithmetic), 2^53 (exact doubles), and bigints above.
  const near = (b: bigint, w: bigint) => fc.bigInt({ min: b - w, max: b + w });
  const any = fc.oneof(
    fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
    fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
    near(2n ** 31n, 2_000_000n),
    near(-(2n ** 31n), 2_000_000n),
    near(2n ** 53n, 2_000_000n),
    near(-(2n ** 53n), 2_000_000n),
  );
  const edges = [0n, 1n, -1n, 99n, 100n, -100n, 10_000n, -9_999n, 1_000_000n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n), 10n ** 30n + 7n];
  const cases = [...fc.sample(any, 3000), ...edges];

  it('money (2 places) as formatCents writes it', async () => {
    for (const v of cases) expect(await written((out) => out.decimalCell(v, 2, false))).toBe(`,${formatCents(v)}`);
  });

  it('percent x 10^4 (4 places, shortest form) as formatPct4 writes it', async () => {
    for (const v of cases) expect(await written((out) => out.decimalCell(v, 4, true))).toBe(`,${formatPct4(v)}`);
  });

  it('millionths of a unit (6 places, shortest form) as formatQuantity writes them', async () => {
    const q = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 9n }).map((n) => n * 1_000_000n), fc.bigInt({ min: 0n, max: 10n ** 21n }), near(2n ** 53n, 10n ** 7n));
    for (const v of [...fc.sample(q, 2000), ...cases.filter((c) => c >= 0n), 999_999_999_999_999_000_000n]) {
      expect(await written((out) => out.decimalCell(v, 6, true))).toBe(`,${formatQuantity(v)}`);
    }
  });
});
