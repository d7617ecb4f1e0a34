/**
 * The JSON line writer writes, byte for byte, what JSON.stringify(lineRecord(...))
 * writes: over generated rows, headers, user text and fee situations.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JsonLineWriter } from '../../src/cli/render/calc/json-line.js';
import { lineRecord, passthroughColumns, type LineFees } from '../../src/cli/render/records.js';
import { compileFees, ownEntryFees } from '../../src/core/fees.js';
import { computeRow } from '../../src/core/row.js';
import { Resolver } from '../../src/core/resolve.js';
import { Out } from '../../src/io/out.js';
import { FeesSchema } from '../../src/schema/schedule.js';
import { readHeader, readRow } from '../../src/schema/row.js';
import { bundledEngine, ROOT } from '../helpers.js';

const fees = compileFees(FeesSchema.parse(JSON.parse(readFileSync(resolve(ROOT, 'data/fees/us-customs-fees.json'), 'utf8'))));
const engines = ['as-enacted', 'no-deal', 'full-revocation'].map((s) => bundledEngine(s));

/** User text that JSON escapes, or not: quotes, backslashes, controls, non-ASCII, emoji, lone surrogates. */
const text = fc.oneof(
  fc.constantFrom('', 'plain', 'a"b', 'back\\slash', 'tab\there', 'line\nbreak', 'é日本', '🚗', '\ud800', 'x\u0001y', '=SUM(A1)', '\u2028'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const extraNames = fc.uniqueArray(fc.constantFrom('note', 'ref', '10', '2', 'a"b', 'ü', '__proto__', 'constructor', 'toString', 'x y'), { maxLength: 4 });
const day = fc.integer({ min: Date.UTC(2025, 2, 1) / 86_400_000, max: Date.UTC(2026, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const line = fc.record({
  hts: fc.constantFrom('8703.23.01', '8708.29.51.10', '7601.10.30', '7318.12.00', '8457.10.00', '8541.10.00', '8471.30.01', '', '3004.90.92'),
  category: fc.constantFrom('', 'vehicles', 'steel', 'general', 'pharmaceuticals'),
  origin: fc.constantFrom('JP', 'jp', 'CN', ''),
  value: fc.bigInt({ min: 0n, max: 10n ** 17n }).map((c) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`),
  date: day,
  mfn: fc.constantFrom('', '', '2.5', '0'),
  us: fc.constantFrom('', '', '25', '10'),
  metal: fc.constantFrom('', '', '0.50'),
  loaded: fc.constantFrom('', '', '2025-03-30'),
  entry: fc.oneof(fc.constant(''), text),
  mode: fc.constantFrom('', 'air', 'ocean'),
  id: text,
  extra: fc.array(text, { minLength: 4, maxLength: 4 }),
});

function collect() {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  return { out: new Out(stream), text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('JsonLineWriter = JSON.stringify(lineRecord(...))', () => {
  it('for generated lines, headers, explain and fees', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 15 }), extraNames, fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.boolean(), async (rows, extra, e, explain, withFees) => {
        const names = ['id', 'hts', 'category', 'origin', 'value', 'date', 'mfn_rate', 'us_content', 'metal_value', 'loaded', 'entry', 'mode', ...extra];
        const h = readHeader(names);
        if (!h.ok) throw new Error(h.problem.message);
        const header = h.header;
        const writer = new JsonLineWriter(header, explain);
        const resolver = new Resolver(engines[e]!);
        const { out, text } = collect();
        let expected = '';
        rows.forEach((r, i) => {
          const cells = [r.id, r.hts, r.category, r.origin, r.value, r.date, r.mfn, r.us, r.metal, r.loaded, r.entry, r.mode, ...r.extra.slice(0, extra.length)];
          const read = readRow(cells, i + 2, header, { date: '2025-10-01', origin: 'JP', mfn: null, mode: 'ocean' });
          if (!read.ok) return;
          const row = read.row;
          const c = computeRow(resolver, row);
          if (!c.ok) return;
          const duty = c;
          let f: LineFees | null = null;
          if (withFees) f = row.entry === null ? { entry: `line ${row.line}`, own: ownEntryFees(fees, `line ${row.line}`, row.value, duty.duty, row.date, row.mode) } : { entry: row.entry, own: null };
          writer.write(out, c, cells, f, new TextEncoder().encode('{'));
          written++;
          out.byte(0x0a);
          expected += `${JSON.stringify(lineRecord(c, passthroughColumns(header, cells), explain, f))}\n`;
        });
        await out.flush();
        expect(text()).toBe(expected);
      }),
      { numRuns: 400 },
    );
    expect(written).toBeGreaterThan(1000); // most generated rows are computed, not rejected
  });
});
