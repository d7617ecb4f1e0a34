/**
 * The Resolver's memo (src/core/resolve.ts) against resolution from scratch: keyed by what the law depends on
 * (the period of the entry date, which in-transit loadedBefore cut-offs the loading date is before, which
 * US-content thresholds the share reaches), never by the row's own values (QA-2026-12 #8).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeHts } from '../../src/values/hts.js';
import { Resolver, resolveGood, type GoodInput, type Resolution } from '../../src/core/resolve.js';
import { bundledEngine } from '../helpers.js';

const engine = bundledEngine();
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const good = fc.record({
  hts: fc.constantFrom('8457.10.00', '8703.23.01', '7318.12.00', '8708.29.50', '8471.30.01', null),
  category: fc.constantFrom('general', 'autos', 'steel', null),
  date: fc.integer({ min: 0, max: 720 }).map(day),
  loaded: fc.option(fc.integer({ min: -30, max: 720 }).map(day)),
  usContent: fc.option(fc.integer({ min: 0, max: 100_000_000 }).map(BigInt)),
  hasMetalValue: fc.boolean(),
});

function input(g: { hts: string | null; category: string | null; date: string; loaded: string | null; usContent: bigint | null; hasMetalValue: boolean }): GoodInput {
  return { hts: g.hts === null ? null : normalizeHts(g.hts), category: g.category, origin: 'JP', date: g.date, mfn: null, loaded: g.loaded, usContent: g.usContent, hasMetalValue: g.hasMetalValue };
}

/** A resolution as plain data, its decisions (built when first read, by a getter of the plan's class) included. */
function plain(r: Resolution): unknown {
  if (!r.ok) return r;
  const { decisions, ...plan } = r.plan;
  return { ...plan, decisions: decisions.map((d) => ({ id: d.measure.id, applied: d.applied, reason: d.reason })) };
}

describe('Resolver memo (QA-2026-12 #8)', () => {
  it('gives what resolution from scratch gives, for any loading date and US content (one resolver across all goods)', () => {
    const resolver = new Resolver(engine);
    fc.assert(
      fc.property(good, (g) => {
        expect(plain(resolver.resolve(input(g)))).toEqual(plain(resolveGood(engine, input(g))));
      }),
      { numRuns: 3000 },
    );
  });

  it('resolves a good once per side of each cut-off, not once per distinct loading date or US content', () => {
    const resolver = new Resolver(engine);
    const cuts = new Set(engine.measures.flatMap((m) => m.inTransit.map((t) => t.loadedBefore))).size;
    const thresholds = new Set(engine.measures.flatMap((m) => (m.usContentThreshold === null ? [] : [m.usContentThreshold]))).size;
    expect(cuts).toBeGreaterThan(2);
    expect(thresholds).toBeGreaterThan(0);
    let seed = 1;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 20_000; i++) {
      resolver.resolve(input({ hts: '8457.10.00', category: null, date: '2025-09-15', loaded: day(rnd(300)), usContent: BigInt(rnd(100_000_000)), hasMetalValue: false }));
    }
    expect(resolver.resolved).toBeLessThanOrEqual((cuts + 1) * (thresholds + 1));
  });

  it('counts only the cut-offs and thresholds of measures in scope for the good: none, one plan for any loading date', () => {
    // 8471.30.01 on 2025-09-15: MFN and Section 232 parts 25%, neither with an in-transit or US-content rule; the
    // reciprocal tariff in force that day, whose rules count for other goods, excludes it (Annex II of EO 14257).
    const direct = resolveGood(engine, input({ hts: '8471.30.01', category: null, date: '2025-09-15', loaded: null, usContent: null, hasMetalValue: false }));
    expect(direct.ok && direct.plan.applied.every((a) => a.measure.inTransit.length === 0 && a.measure.usContentThreshold === null)).toBe(true);
    const resolver = new Resolver(engine);
    for (let i = 0; i < 300; i++) {
      const g = input({ hts: '8471.30.01', category: null, date: '2025-09-15', loaded: day(i), usContent: BigInt(i) * 333_333n, hasMetalValue: false });
      expect(plain(resolver.resolve(g))).toEqual(plain(resolveGood(engine, g)));
    }
    expect(resolver.resolved).toBe(1);
  });
});
