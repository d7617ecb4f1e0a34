/**
 * Product lists the build checked are parsed only when a measure in force on a row's date first needs them
 * (compileEngine's DeferredList; src/io/load.ts gives every bundled list whose bytes the build stamped this way).
 * The reads are counted through the lists' readers, not timed. Copper (Proc. 10962, 90 FR 37727; chapter 99
 * heading 9903.78.01) is 50% from 2025-08-01: a row of the day before must not read its list, a row of that day
 * must, and get the measure. Whatever is read when, every plan is the one the engine with every list given makes.
 */
import { describe, expect, it } from 'vitest';
import { compileEngine, type DeferredList, type Engine } from '../../src/core/compile.js';
import { Resolver, resolveGood, type GoodInput } from '../../src/core/resolve.js';
import type { ProductList } from '../../src/schema/schedule.js';
import { normalizeHts } from '../../src/values/hts.js';
import { lists, mfnLines, mfnTable, origins, originDates, schedule } from '../helpers.js';

/** The bundled lists, each deferred behind a reader that counts its calls (by list id). */
function deferredEngine(): { engine: Engine; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const deferred = new Map<string, DeferredList>(
    [...lists].map(([id, list]) => [
      id,
      {
        dates: [...new Set(list.entries.flatMap((e) => (e.from === undefined ? [] : [e.from])))].sort(),
        list: (): ProductList => {
          reads.set(id, (reads.get(id) ?? 0) + 1);
          return list;
        },
      },
    ]),
  );
  const e = compileEngine(schedule, mfnTable, 'as-enacted', null, deferred, { checked: true, mfnLines, origins, originDates });
  if (!e.ok) throw new Error(JSON.stringify(e.issues));
  return { engine: e.value, reads };
}

const eager = (() => {
  const e = compileEngine(schedule, mfnTable, 'as-enacted', null, lists, { mfnLines, origins, originDates });
  if (!e.ok) throw new Error(JSON.stringify(e.issues));
  return e.value;
})();

/** A row as a one-import calc gives it: the MFN rate from the bundled table (the resolver's common path). */
const good = (hts: string, date: string, origin = 'JP', mfn: bigint | null = null): GoodInput => ({ hts: normalizeHts(hts), category: null, origin, date, mfn });
const applied = (r: ReturnType<typeof resolveGood>) => (r.ok ? r.plan.applied.map((a) => `${a.measure.id} ${a.rate}`) : r.refusal.reason);

describe('bundled lists are read when a measure in force first needs them', () => {
  it('a row the day before copper starts does not read the copper list; a row of its first day reads it once and pays copper', () => {
    const { engine, reads } = deferredEngine();
    expect(lists.get('s232-copper-p10962')!.entries.some((e) => e.hts === '7407.10.15')).toBe(true);
    const resolver = new Resolver(engine, undefined, { decisions: false });
    const before = resolver.resolve(good('7407.10.15', '2025-07-31'));
    expect(applied(before)).not.toContainEqual(expect.stringMatching(/^s232-copper/));
    expect(reads.get('s232-copper-p10962')).toBeUndefined();
    // Not every list: those of the measures in force for Japan on the date (the reciprocal tariff's Annex II...).
    expect(reads.size).toBeGreaterThan(0);
    expect(reads.size).toBeLessThan(lists.size / 2);

    const first = resolver.resolve(good('7407.10.15', '2025-08-01'));
    expect(applied(first)).toContain('s232-copper-50 50000000');
    expect(reads.get('s232-copper-p10962')).toBe(1);
    resolver.resolve(good('7407.10.15', '2025-09-01'));
    expect(reads.get('s232-copper-p10962')).toBe(1); // read once, then indexed
  });

  it('a list only shown (schedule show, --explain) is read when shown, with the fields it has when given', () => {
    const { engine, reads } = deferredEngine();
    const shown = engine.lists.get('p11021-annex-iii')!;
    expect(reads.get('p11021-annex-iii')).toBeUndefined();
    expect(JSON.stringify(shown)).toBe(JSON.stringify(eager.lists.get('p11021-annex-iii')));
    expect(reads.get('p11021-annex-iii')).toBe(1);
    // A library user's copy (spread, structuredClone) has every field too, and the list is not read again.
    expect({ ...shown }).toEqual({ ...eager.lists.get('p11021-annex-iii') });
    expect(structuredClone(shown)).toEqual(structuredClone(eager.lists.get('p11021-annex-iii')));
    expect(shown).toMatchObject({ id: 'p11021-annex-iii', size: 47, chapter99: ['9903.82.10', '9903.82.11'] });
    expect(reads.get('p11021-annex-iii')).toBe(1);
  });

  it('knows the dates a deferred list changes on before reading it (the Annex II amendment of 2025-11-13)', () => {
    const { engine, reads } = deferredEngine();
    expect(engine.listDates).toEqual(eager.listDates);
    expect(engine.listDates).toContain('2025-11-13');
    expect(reads.size).toBe(0);
  });

  it('resolves as the engine given every list does, row by row and through the memo, on dates across the schedule', () => {
    const { engine } = deferredEngine();
    const resolver = new Resolver(engine, undefined, { decisions: false });
    const whole = new Resolver(eager, undefined, { decisions: false });
    const codes = new Set(['87032401', '7407.10.15', '8457.10.00', '0402.99.68', '8517.13.00', '7318.15.20']);
    for (const list of lists.values()) list.entries.forEach((e, i) => i % 200 === 0 && codes.add(e.hts));
    let compared = 0;
    for (const date of ['2025-04-06', '2025-07-31', '2025-08-01', '2025-11-13', '2026-04-06', '2026-10-09']) {
      for (const origin of ['JP', 'CN', 'DE']) {
        for (const hts of codes) {
          for (const g of [good(hts, date, origin), good(hts, date, origin, 1_000_000n)]) {
            expect(applied(resolver.resolve(g)), `${origin} ${hts} ${date}`).toEqual(applied(whole.resolve(g)));
            expect(applied(resolveGood(engine, g)), `${origin} ${hts} ${date}`).toEqual(applied(resolveGood(eager, g)));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
