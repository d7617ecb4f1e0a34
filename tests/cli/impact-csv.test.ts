/** The csv writer of impact cells (a fast path into the output buffer) writes what the JSON record says. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineImpact, NO_IMPACT_INPUT } from '../../src/core/impact.js';
import { Out } from '../../src/io/out.js';
import { impactCsvCells, lineImpactRecord, writeImpactCsv } from '../../src/cli/render/impact/records.js';

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
        quantity: fc.option(fc.bigInt({ min: 1n, max: 10n ** 12n })),
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
