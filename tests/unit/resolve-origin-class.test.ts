/**
 * The Resolver memoises plans by origin class (src/core/resolve.ts, OriginClass; issue 13): origins covered by the
 * same measures, with the same evidence dates, resolve alike, so the 27 EU member states (one origin group in
 * DOMAIN-ORIGINS, one part, data/schedules/parts/eu.json) share their plans. What sets origins apart: a measure that
 * covers one and not the other (Switzerland and Liechtenstein, each with its own IEEPA rates, DOMAIN-ORIGINS
 * Switzerland/Liechtenstein rows), other evidence dates, and the one text of a plan that names its origin: the note on
 * an entry date past the origin's own evidence dates, which keeps those periods' plans per origin.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/compile.js';
import { normalizeHts } from '../../src/values/hts.js';
import { pctFromString } from '../../src/values/money.js';
import { Resolver, resolveGood, type GoodInput, type Resolution } from '../../src/core/resolve.js';
import { bundledEngine } from '../helpers.js';

const engine = bundledEngine();

const EU = engine.originGroups.get('EU')!.members;

/**
 * Resolution from scratch: on a copy of the engine, so that nothing kept per engine (the measures of an origin, what
 * is known of a good: its price, each measure's scope and finer lines) is reused.
 */
const fresh = (g: GoodInput): Resolution => resolveGood({ ...engine }, g);

/** A resolution as plain data, the reasons of every measure (read through the plan's lazy `decisions`) included. */
function plain(r: Resolution): unknown {
  if (!r.ok) return r;
  const { decisions, ...plan } = r.plan;
  return { ...plan, decisions: decisions.map((d) => ({ id: d.measure.id, applied: d.applied, reason: d.reason })) };
}

describe('origin classes: which origins share plans', () => {
  it('puts the 27 EU member states in one class, and every other covered origin apart from them', () => {
    const resolver = new Resolver(engine);
    const eu = resolver.originClass('DE');
    expect(EU).toHaveLength(27);
    for (const o of EU) expect(resolver.originClass(o)).toBe(eu);
    for (const o of [...engine.origins].filter((x) => !EU.includes(x))) expect(resolver.originClass(o)).not.toBe(eu);
    // Japan, China, Canada, Mexico and the rest each have measures of their own: 16 classes besides the EU.
    expect(new Set([...engine.origins].map((o) => resolver.originClass(o))).size).toBe(17);
  });

  it('keeps Switzerland and Liechtenstein apart: one part, but each has IEEPA measures of its own', () => {
    const own = (o: string) => engine.measures.filter((m) => m.origins.has(o) && m.origins.size === 1).map((m) => m.id);
    expect(own('CH')).toContain('ieepa-switzerland-39');
    expect(own('LI')).toContain('ieepa-liechtenstein-37');
    const resolver = new Resolver(engine);
    expect(resolver.originClass('CH')).not.toBe(resolver.originClass('LI'));
  });

  it('parts an origin from its class when a measure covers it and not the others', () => {
    const narrowed: Engine = {
      ...engine,
      measures: engine.measures.map((m) => (m.id === 's232-wood-furniture-eu' ? { ...m, origins: new Set([...m.origins].filter((o) => o !== 'FR')) } : m)),
    };
    const resolver = new Resolver(narrowed);
    expect(resolver.originClass('DE')).toBe(resolver.originClass('IT'));
    expect(resolver.originClass('FR')).not.toBe(resolver.originClass('DE'));
  });

  it('parts origins with the same measures when their evidence dates differ', () => {
    const dates = new Map(engine.originDates);
    dates.set('FR', { coversFrom: '2025-03-12', knownThrough: '2026-06-30' });
    const resolver = new Resolver({ ...engine, originDates: dates });
    expect(resolver.originClass('FR')).not.toBe(resolver.originClass('DE'));
    expect(resolver.originClass('IT')).toBe(resolver.originClass('DE'));
  });

  it('gives an origin the schedule does not cover a class of its own (its refusal names it)', () => {
    const resolver = new Resolver(engine);
    expect(resolver.originClass('ZZ')).not.toBe(resolver.originClass('ZY'));
    const r = resolver.resolve({ hts: '870323', category: null, origin: 'ZZ', date: '2025-06-01', mfn: null });
    const s = resolver.resolve({ hts: '870323', category: null, origin: 'ZY', date: '2025-06-01', mfn: null });
    expect(r.ok || r.refusal.reason).toMatch(/origin ZZ /);
    expect(s.ok || s.refusal.reason).toMatch(/origin ZY /);
  });
});

describe('origin classes: a plan shared by a class is the plan each origin resolves to', () => {
  it('shares one plan between member states on a date within their evidence (one resolution, not 27)', () => {
    const resolver = new Resolver(engine);
    const good = (origin: string): GoodInput => ({ hts: normalizeHts('8703.23.01')!, category: null, origin, date: '2026-03-02', mfn: null });
    const first = resolver.resolve(good('DE'));
    for (const o of EU) expect(resolver.resolve(good(o))).toBe(first);
    expect(resolver.resolved).toBe(1);
  });

  it('counter-example: after the evidence horizon the note names the origin, so each member state has its own plan', () => {
    // eu.json knownThrough 2026-10-08: "entry date after 2026-10-08, the last date this schedule's evidence for
    // origin DE covers" is true of DE, and false of FR.
    const resolver = new Resolver(engine);
    const good = (origin: string): GoodInput => ({ hts: normalizeHts('8703.23.01')!, category: null, origin, date: '2026-11-02', mfn: null });
    const de = resolver.resolve(good('DE'));
    const fr = resolver.resolve(good('FR'));
    expect(de.ok && de.plan.notes.some((n) => n.includes('for origin DE'))).toBe(true);
    expect(fr.ok && fr.plan.notes.some((n) => n.includes('for origin FR'))).toBe(true);
    expect(fr).not.toBe(de);
    expect(plain(fr)).toEqual(plain(fresh(good('FR'))));
    expect(resolver.resolved).toBe(2);
    // The same in the period before the evidence starts (2025-03-12).
    const before = (origin: string): GoodInput => ({ ...good(origin), date: '2025-02-10' });
    expect(plain(resolver.resolve(before('DE')))).toEqual(plain(fresh(before('DE'))));
    expect(plain(resolver.resolve(before('FR')))).toEqual(plain(fresh(before('FR'))));
    expect(resolver.resolved).toBe(4);
  });

  // Goods across the measures: vehicles and parts (s232, the deals' inclusive rates), steel and aluminum, lists of
  // China's Section 301, a code excluded from the reciprocal tariffs (Annex II), green tea (put on Annex II from
  // 2025-11-13 by a dated entry), category-only rows, a code too short to price and one that is no line of the
  // schedule (refused).
  const codes = ['0902.10.10', '8703.23.01', '8708.29.51.10', '7318.12.00', '7606.12.30', '8471.30.01', '8541.43.00', '3004.90.92', '9401.61.40', '2709.00.20', '6109.10.00', '8703', '9999.99.99'];
  const categories = ['vehicles', 'steel', 'general'];
  // The evidence's edges (2025-03-12; 2026-10-08 for every part but Japan's, 2026-10-09), the list amendment of
  // 2025-11-13 and the day before, and dates within the windows of the fentanyl, reciprocal, deal and Section 232
  // measures.
  const dates = ['2025-02-01', '2025-03-12', '2025-04-07', '2025-05-20', '2025-08-10', '2025-11-12', '2025-11-13', '2026-02-01', '2026-07-01', '2026-10-08', '2026-10-09', '2026-12-01'];

  function goods(origin: string): GoodInput[] {
    const out: GoodInput[] = [];
    for (const date of dates) {
      for (const c of codes) out.push({ hts: normalizeHts(c), category: null, origin, date, mfn: null });
      for (const category of categories) out.push({ hts: null, category, origin, date, mfn: category === 'general' ? pctFromString('2.5') : null });
      // Rows with a loading date and US content (memoised by their cut-off classes), a metal value, an own MFN rate.
      out.push({ hts: normalizeHts('8703.23.01'), category: null, origin, date, mfn: null, loaded: '2025-03-30', usContent: pctFromString('25') });
      out.push({ hts: normalizeHts('7318.12.00'), category: null, origin, date, mfn: null, loaded: '2025-07-01', usContent: null });
      out.push({ hts: normalizeHts('7606.12.30'), category: null, origin, date, mfn: null, hasMetalValue: true });
      out.push({ hts: normalizeHts('8708.99.81'), category: null, origin, date, mfn: pctFromString('2.5') });
      // Claimed programs: checked against the origin itself (JP for Japan, KR for Korea, S for Canada and Mexico).
      for (const spi of ['JP', 'KR', 'S']) out.push({ hts: normalizeHts('8708.99.81'), category: null, origin, date, mfn: null, spi });
    }
    return out;
  }

  it('resolves every covered origin, goods and dates sampled, to what an uncached resolution of that origin gives', () => {
    const resolver = new Resolver(engine);
    // Each class's first origin fills the memo; every origin is then resolved through it and compared.
    const byClass = new Map<unknown, string[]>();
    for (const o of engine.origins) byClass.set(resolver.originClass(o), [...(byClass.get(resolver.originClass(o)) ?? []), o]);
    let shared = 0;
    for (const members of byClass.values()) {
      members.forEach((origin, i) => {
        const own = engine.originDates.get(origin) ?? engine;
        for (const g of goods(origin)) {
          const before = resolver.resolved;
          expect(plain(resolver.resolve(g)), `${origin} ${g.hts ?? g.category} ${g.date} ${g.spi ?? ''}`).toEqual(plain(fresh(g)));
          // After the class's first origin, a row within the evidence dates claiming no program is never resolved again.
          if (i > 0 && g.spi === undefined && g.date >= own.coversFrom && g.date <= own.knownThrough) {
            expect(resolver.resolved, `${origin} ${g.hts ?? g.category} ${g.date}`).toBe(before);
            shared++;
          }
        }
      });
    }
    // The EU's 26 member states after the first, 9 of the dates within their evidence, 20 rows without a program.
    expect(shared).toBe(26 * 9 * 20);
  }, 60_000);

  it('without decisions (no --explain), shares one plan among the periods and classes of a good that come to the same content', () => {
    const resolver = new Resolver(engine, undefined, { decisions: false });
    const goodOf = new Map<unknown, string>();
    let rows = 0;
    for (const origin of engine.origins) {
      for (const g of goods(origin)) {
        const r = resolver.resolve(g);
        const f = fresh(g);
        if (!f.ok || !r.ok) {
          expect(r).toEqual(f);
          continue;
        }
        rows++;
        // Own fields: everything but the decisions (a getter of the plan's class).
        expect({ ...r.plan }, `${origin} ${g.hts ?? g.category} ${g.date}`).toEqual({ ...f.plan });
        // Never shared between two goods: the reporters keep each plan's code and category text.
        const k1 = g.hts ?? `category:${g.category}`;
        expect(goodOf.get(r.plan) ?? k1).toBe(k1);
        goodOf.set(r.plan, k1);
        expect(() => r.plan.decisions).toThrow(/invariant/);
      }
    }
    expect(goodOf.size).toBeLessThan(rows / 4);
  }, 60_000);

  it('without decisions, any entry date of any origin: the shared plan is what an uncached resolution gives', () => {
    // Plans shared by periods where only measures out of the good's scope start or end (their windows change
    // decisions only): one resolver across all rows, every day from 2025-01-01 to 2026-12-31.
    const resolver = new Resolver(engine, undefined, { decisions: false });
    const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const row = fc.record({
      hts: fc.constantFrom(...codes.map((c) => normalizeHts(c)), null),
      category: fc.constantFrom(...categories),
      origin: fc.constantFrom(...engine.origins),
      date: fc.integer({ min: 0, max: 729 }).map(day),
    });
    fc.assert(
      fc.property(row, (x) => {
        const g: GoodInput = { ...x, mfn: x.hts === null && x.category === 'general' ? pctFromString('2.5') : null };
        const r = resolver.resolve(g);
        const f = fresh(g);
        if (!f.ok || !r.ok) expect(r).toEqual(f);
        else expect({ ...r.plan }).toEqual({ ...f.plan });
      }),
      { numRuns: 4000 },
    );
  }, 60_000);
});
