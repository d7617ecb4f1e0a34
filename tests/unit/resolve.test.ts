/**
 * The bundled schedule against DOMAIN.md: worked examples (s.11), every
 * boundary date of s.0-s.4, and the stacking rules (s.5).
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/compile.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, formatRate, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import { computeRow } from '../../src/core/row.js';
import { bundledEngine } from '../helpers.js';

const asEnacted = bundledEngine();

interface Good {
  hts?: string;
  category?: string;
  mfn?: string;
  origin?: string;
  spi?: string;
}

/** The row through the pipeline calc and compare use (core/row.ts), resolved afresh (no memo). */
function duty(engine: Engine, good: Good, date: string, value: string) {
  const v = parseMoney(value);
  if (!v.ok) throw new Error(v.reason);
  const line = computeRow(
    { resolve: (g) => resolveGood(engine, g) },
    {
      hts: good.hts === undefined ? null : normalizeHts(good.hts),
      category: good.category ?? null,
      origin: good.origin ?? 'JP',
      date,
      mfn: good.mfn === undefined ? null : (parsePct(good.mfn) as { ok: true; value: bigint }).value,
      spi: good.spi ?? null,
      value: v.value,
      quantity: null,
      unit: null,
      metalValue: null,
      usContent: null,
    },
  );
  if (!line.ok) return { refused: line.refusal };
  const r = line;
  return {
    duty: formatCents(line.duty),
    measures: line.duties.map((d) => `${d.measure.id} ${formatRate(d.rate)}`),
    decisions: r.plan.decisions,
    notes: r.plan.notes,
  };
}

const CAR = { hts: '8703.23.01' };
const PICKUP = { hts: '8704.31.01' };
const MACHINING_CENTER = { hts: '8457.10.00' };
const LATHE = { hts: '8458.11.00' };

describe('DOMAIN.md s.11 worked examples ($30,000 car; $100,000 machining center)', () => {
  it.each([
    // good, date, value, total duty, measures — DOMAIN.md s.11 row
    [CAR, '2025-03-01', '30000', '750.00', ['mfn 2.5']], // "Car 8703.23.01, $30,000 | 2025-03-01 | MFN 2.5%"
    [CAR, '2025-05-01', '30000', '8250.00', ['mfn 2.5', 's232-vehicles-25 25']], // "MFN 2.5% + 232 25% (no reciprocal)"
    [CAR, '2025-09-16', '30000', '4500.00', ['mfn 2.5', 's232-vehicles-japan-inclusive-15 12.5']], // "Japan inclusive 15%"
    [CAR, '2026-03-01', '30000', '4500.00', ['mfn 2.5', 's232-vehicles-japan-inclusive-15 12.5']], // "no 122/301"
    [CAR, '2026-10-01', '30000', '4500.00', ['mfn 2.5', 's232-vehicles-japan-inclusive-15 12.5']],
    [PICKUP, '2025-05-01', '30000', '15000.00', ['mfn 25', 's232-vehicles-25 25']], // "25% + 25%" = 50%
    [PICKUP, '2025-09-16', '30000', '7500.00', ['mfn 25', 's232-vehicles-japan-inclusive-15 0']], // "25% + 0"
    [MACHINING_CENTER, '2025-04-05', '100000', '14200.00', ['mfn 4.2', 'ieepa-baseline-10 10']], // +10 -> 14.2%
    [MACHINING_CENTER, '2025-04-08', '100000', '14200.00', ['mfn 4.2', 'ieepa-baseline-10 10']],
    [MACHINING_CENTER, '2025-04-09', '100000', '28200.00', ['mfn 4.2', 'ieepa-japan-24 24']], // +24 -> 28.2%
    [MACHINING_CENTER, '2025-04-10', '100000', '14200.00', ['mfn 4.2', 'ieepa-pause-10 10']],
    [MACHINING_CENTER, '2025-08-06', '100000', '14200.00', ['mfn 4.2', 'ieepa-pause-extended-10 10']],
    [MACHINING_CENTER, '2025-08-07', '100000', '15000.00', ['mfn 4.2', 'ieepa-japan-inclusive-15 10.8']], // "add 10.8%"
    [MACHINING_CENTER, '2025-08-17', '100000', '15000.00', ['mfn 4.2', 'ieepa-japan-inclusive-15 10.8']],
    // DOMAIN s.11 assumed 8457.10.00 on no derivative list ("check"): it is. From 2025-08-18 it is a steel derivative
    // of the BIS inclusions (9903.81.91): 50% on the steel content, here the full value as metal_value is not given,
    // and no reciprocal or Section 122 on that value ...
    [MACHINING_CENTER, '2025-08-18', '100000', '54200.00', ['mfn 4.2', 's232-steel-derivatives-2025-08-18 50']],
    [MACHINING_CENTER, '2026-02-24', '100000', '54200.00', ['mfn 4.2', 's232-steel-derivatives-2025-08-18 50']],
    // ... and from 2026-04-06 it is on Proc. 11021 Annex III (note 16(c)(x)): 15% including MFN, no Section 122 or 301
    // (note 16(f), 9903.82.10), until the reduction ends for entries from 2028-01-01 (Annex III: "until December 31, 2027").
    [MACHINING_CENTER, '2026-04-06', '100000', '15000.00', ['mfn 4.2', 's232-p11021-annex-iii-inclusive-15 10.8']],
    [MACHINING_CENTER, '2026-07-24', '100000', '15000.00', ['mfn 4.2', 's232-p11021-annex-iii-inclusive-15 10.8']],
    [MACHINING_CENTER, '2027-12-31', '100000', '15000.00', ['mfn 4.2', 's232-p11021-annex-iii-inclusive-15 10.8']],
    [MACHINING_CENTER, '2028-01-01', '100000', '29200.00', ['mfn 4.2', 's232-p11021-annex-iii-25 25']],
    // DOMAIN s.11's later rows hold for a machine tool on no list: a horizontal lathe, 8458.11.00, MFN 4.4%.
    [LATHE, '2026-02-23', '100000', '15000.00', ['mfn 4.4', 'ieepa-japan-inclusive-15 10.6']],
    [LATHE, '2026-02-24', '100000', '14400.00', ['mfn 4.4', 's122-10 10']], // Section 122
    [LATHE, '2026-07-23', '100000', '14400.00', ['mfn 4.4', 's122-10 10']],
    [LATHE, '2026-07-24', '100000', '12500.00', ['mfn 4.4', 's301-japan-inclusive-12.5 8.1']], // inclusive 12.5%
  ])('%o on %s', (good, date, value, want, measures) => {
    const r = duty(asEnacted, good, date, value);
    expect(r).toMatchObject({ duty: want, measures });
  });

  it('a good with MFN >= 15% pays no reciprocal add-on under the inclusive 15% (and none under 12.5% from 2026-07-24)', () => {
    expect(duty(asEnacted, { hts: '8458.11.00', mfn: '16' }, '2025-10-01', '1000')).toMatchObject({
      duty: '160.00',
      measures: ['mfn 16', 'ieepa-japan-inclusive-15 0'],
    });
    expect(duty(asEnacted, { hts: '8458.11.00', mfn: '12.5' }, '2026-08-01', '1000')).toMatchObject({
      duty: '125.00',
      measures: ['mfn 12.5', 's301-japan-inclusive-12.5 0'],
    });
  });
});

describe('boundary dates (windows are [from, to) by entry date)', () => {
  const GENERAL = { category: 'general', mfn: '0' };
  it.each([
    ['2025-04-04', []],
    ['2025-04-05', ['ieepa-baseline-10 10']],
    ['2025-04-09', ['ieepa-japan-24 24']],
    ['2025-04-10', ['ieepa-pause-10 10']],
    ['2025-07-08', ['ieepa-pause-10 10']],
    ['2025-07-09', ['ieepa-pause-extended-10 10']],
    ['2025-08-07', ['ieepa-japan-inclusive-15 15']],
    ['2026-02-24', ['s122-10 10']],
    ['2026-07-24', ['s301-japan-inclusive-12.5 12.5']],
  ])('general good, MFN 0, on %s', (date, extra) => {
    expect(duty(asEnacted, GENERAL, date, '100')).toMatchObject({ measures: ['mfn 0', ...extra] });
  });

  it.each([
    ['steel', '2025-03-11', []],
    ['steel', '2025-03-12', ['s232-steel-25 25']],
    ['steel', '2025-06-03', ['s232-steel-25 25']],
    ['steel', '2025-06-04', ['s232-steel-50 50']],
    ['steel', '2026-04-06', ['s232-metals-50-p11021 50']],
    ['aluminum', '2025-03-12', ['s232-aluminum-25 25']],
    ['aluminum', '2025-06-04', ['s232-aluminum-50 50']],
    ['vehicles', '2025-04-02', []],
    ['vehicles', '2025-04-03', ['s232-vehicles-25 25']],
    ['vehicles', '2025-09-15', ['s232-vehicles-25 25']],
    ['vehicles', '2025-09-16', ['s232-vehicles-japan-inclusive-15 12.5']],
    ['auto-parts', '2025-05-02', ['ieepa-pause-10 10']],
    ['auto-parts', '2025-05-03', ['s232-parts-25 25']],
    ['auto-parts', '2025-09-16', ['s232-parts-japan-inclusive-15 12.5']],
  ])('%s on %s', (category, date, extra) => {
    const r = duty(asEnacted, { category }, date, '100');
    expect((r as { measures: string[] }).measures.slice(1)).toEqual(extra);
  });
});

describe('stacking (DOMAIN.md s.5)', () => {
  it('goods under Section 232 pay no reciprocal, Section 122 or Section 301 add-on', () => {
    for (const date of ['2025-04-09', '2025-10-01', '2026-03-01', '2026-08-01']) {
      const r = duty(asEnacted, { category: 'steel' }, date, '100') as { measures: string[]; decisions: { measure: { layer: string }; applied: boolean; reason: string }[] };
      expect(r.measures.some((m) => /ieepa|s122|s301/.test(m))).toBe(false);
      const general = r.decisions.filter((d) => ['reciprocal', 'section-122', 'section-301'].includes(d.measure.layer) && /displaced/.test(d.reason));
      // from 2026-07-24 two Section 301 measures are in force for Japan: the general 12.5% tier (all-origins) and
      // Japan's inclusive 12.5% that replaces it; both stand displaced
      expect(general.length).toBe(date < '2026-07-24' ? 1 : 2);
    }
  });

  it('autos 232 displaces metals 232 (a vehicle in a steel HTS scope would pay only the autos duty)', () => {
    const r = duty(asEnacted, { hts: '8703.23.01' }, '2025-07-01', '100') as { decisions: { measure: { id: string }; applied: boolean; reason: string }[] };
    const steel = r.decisions.find((d) => d.measure.id === 's232-steel-50')!;
    expect(steel.applied).toBe(false);
    expect(steel.reason).toMatch(/not in its scope/);
  });

  it('the electronics exclusion keeps semiconductors out of the reciprocal tariff', () => {
    expect(duty(asEnacted, { hts: '8542.31.00' }, '2025-04-09', '100')).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
  });
});

describe('categories, MFN and refusals', () => {
  it('takes the category from the HTS code by longest prefix', () => {
    expect(duty(asEnacted, { hts: '8708.29.51' }, '2025-06-01', '1000')).toMatchObject({ duty: '275.00', measures: ['mfn 2.5', 's232-parts-25 25'] });
    // 8703.10 (golf carts) is not in note 33(b): general, not vehicles
    expect(duty(asEnacted, { hts: '8703.10.50' }, '2025-06-01', '1000')).toMatchObject({ measures: ['mfn 2.5', 'ieepa-pause-10 10'] });
  });

  it('hts wins over category', () => {
    expect(duty(asEnacted, { hts: '8457.10.00', category: 'vehicles' }, '2025-06-01', '1000')).toMatchObject({ duty: '142.00' });
  });

  it('mfn_rate overrides the table', () => {
    expect(duty(asEnacted, { hts: '8703.23.01', mfn: '0' }, '2025-10-01', '1000')).toMatchObject({ duty: '150.00', measures: ['mfn 0', 's232-vehicles-japan-inclusive-15 15'] });
  });

  it('refuses a code that is not a line of the official schedule, naming the nearest lines, mfn_rate or not (issue 11)', () => {
    // DOMAIN.md s.7's 8708.29.50 is not a line of HTS 2026 Rev. 10; 8708.29.51 is.
    const want = { refused: { field: 'hts', reason: expect.stringMatching(/^8708\.29\.50 is not an HTS line of HTS 2026 Rev\. 10; did you mean 8708\.29\.51/) } };
    expect(duty(asEnacted, { hts: '8708.29.50' }, '2025-10-01', '1000')).toMatchObject(want);
    expect(duty(asEnacted, { hts: '8708.29.50', mfn: '2.5' }, '2025-10-01', '1000')).toMatchObject(want);
    expect(duty(asEnacted, { hts: '8703.23.01.99' }, '2025-10-01', '1000')).toMatchObject({
      refused: { field: 'hts', reason: expect.stringMatching(/8703\.23\.01\.99 is not a statistical line of HTS 2026 Rev\. 10; 8703\.23\.01 has 8703\.23\.01\.10/) },
    });
    expect(duty(asEnacted, { hts: '8799' }, '2025-10-01', '1000')).toMatchObject({ refused: { field: 'hts', reason: expect.stringMatching(/8799 is not a heading or subheading/) } });
  });

  it('prices every line from HTS 2026 Rev. 10 and says so; hand rates that were wrong are gone (issue 11)', () => {
    // 8544.42.20 and 8543.20 are Free in Rev. 10 (the hand table had 2.6%); 8456.11.10 is 3.5%.
    expect(duty(asEnacted, { hts: '8544.42.20' }, '2025-06-01', '1000')).toMatchObject({ measures: ['mfn 0', 'ieepa-pause-10 10'] });
    expect(duty(asEnacted, { hts: '8543.20.00' }, '2025-06-01', '1000')).toMatchObject({ measures: ['mfn 0', 'ieepa-pause-10 10'] });
    expect(duty(asEnacted, { hts: '8456.11.10' }, '2025-06-01', '1000')).toMatchObject({ measures: ['mfn 3.5', 'ieepa-pause-10 10'] });
    const r = resolveGood(asEnacted, { hts: '84571000', category: null, origin: 'JP', date: '2025-06-01', mfn: null });
    expect(r.ok && r.plan.mfnSource).toBe('HTS 2026 Rev. 10 8457.10.00: General 4.2%');
  });

  it('refuses a line whose rate text has no computation here, quoting it, never zero', () => {
    expect(duty(asEnacted, { hts: '9102.11.10' }, '2025-10-01', '1000')).toMatchObject({
      refused: { field: 'mfn_rate', reason: expect.stringMatching(/the MFN rate of 9102\.11\.10 \(HTS 2026 Rev\. 10\) is "44¢ each \+ 6% on the case .*": .*give mfn_rate/) },
    });
    expect(duty(asEnacted, { hts: '9102.11.10', mfn: '5' }, '2025-10-01', '1000')).not.toHaveProperty('refused');
  });

  it('refuses the general category without mfn_rate, an unknown category and an uncovered origin', () => {
    expect(duty(asEnacted, { category: 'general' }, '2025-10-01', '1')).toMatchObject({ refused: { field: 'mfn_rate' } });
    expect(duty(asEnacted, { category: 'toys' }, '2025-10-01', '1')).toMatchObject({ refused: { field: 'category', reason: expect.stringMatching(/unknown category "toys"/) } });
    expect(duty(asEnacted, { ...CAR, origin: 'AU' }, '2025-10-01', '1')).toMatchObject({ refused: { field: 'origin', reason: expect.stringMatching(/origin AU \(Australia\) is not covered/) } });
  });

  it('says which defaults it assumed', () => {
    const r = duty(asEnacted, { category: 'steel' }, '2025-07-01', '1') as { notes: string[] };
    expect(r.notes.join('\n')).toMatch(/metal content not given/);
    const before = duty(asEnacted, CAR, '2025-03-01', '1') as { notes: string[] };
    expect(before.notes.join('\n')).toMatch(/before 2025-03-12/);
  });
});

describe('scenarios', () => {
  const noDeal = bundledEngine('no-deal');
  const revoked = bundledEngine('full-revocation');

  it('no-deal: as enacted until 2025-07-09, then 24% on general goods and 25% on vehicles', () => {
    expect(duty(noDeal, MACHINING_CENTER, '2025-07-08', '100000')).toMatchObject({ duty: '14200.00' });
    expect(duty(noDeal, MACHINING_CENTER, '2025-07-09', '100000')).toMatchObject({ duty: '28200.00', measures: ['mfn 4.2', 'ieepa-japan-24-no-deal 24'] });
    expect(duty(noDeal, LATHE, '2025-10-01', '100000')).toMatchObject({ duty: '28400.00' });
    expect(duty(noDeal, LATHE, '2026-02-24', '100000')).toMatchObject({ duty: '14400.00', measures: ['mfn 4.4', 's122-10 10'] });
    expect(duty(noDeal, CAR, '2025-10-01', '30000')).toMatchObject({ duty: '8250.00', measures: ['mfn 2.5', 's232-vehicles-25 25'] });
    expect(duty(noDeal, CAR, '2026-10-01', '30000')).toMatchObject({ duty: '8250.00' });
    expect(duty(noDeal, { category: 'auto-parts' }, '2025-10-01', '1000')).toMatchObject({ duty: '275.00' });
    expect(duty(noDeal, { category: 'steel' }, '2025-10-01', '1000')).toMatchObject({ duty: '500.00' });
  });

  it('full-revocation: from 2025-07-09 MFN only', () => {
    expect(duty(revoked, CAR, '2025-07-08', '30000')).toMatchObject({ duty: '8250.00' });
    for (const date of ['2025-07-09', '2025-10-01', '2026-03-01', '2026-10-01']) {
      expect(duty(revoked, CAR, date, '30000')).toMatchObject({ duty: '750.00', measures: ['mfn 2.5'] });
      expect(duty(revoked, { category: 'steel' }, date, '1000')).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
      expect(duty(revoked, MACHINING_CENTER, date, '100000')).toMatchObject({ duty: '4200.00' });
    }
  });
});

describe('scenario data stays consistent with the schedule', () => {
  it('the no-deal 24% covers exactly what the enacted reciprocal measures cover', () => {
    const noDeal = bundledEngine('no-deal');
    const added = noDeal.measures.find((m) => m.id === 'ieepa-japan-24-no-deal')!;
    const enacted = asEnacted.measures.find((m) => m.id === 'ieepa-japan-24')!;
    expect(added.layer).toBe(enacted.layer);
    expect([...added.excludeCategories]).toEqual([...enacted.excludeCategories]);
    expect(added.exclusions).toEqual(enacted.exclusions);
    expect(added.allGoods).toBe(enacted.allGoods);
  });

  it('pharmaceuticals (Annex II) pay no reciprocal, no-deal 24% or Section 301 add-on', () => {
    const noDeal = bundledEngine('no-deal');
    expect(duty(noDeal, { category: 'pharmaceuticals' }, '2025-10-01', '1000')).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
    expect(duty(asEnacted, { hts: '3004.90.92.01', mfn: '0' }, '2025-04-09', '1000')).toMatchObject({ duty: '0.00', measures: ['mfn 0'] });
    expect(duty(asEnacted, { category: 'pharmaceuticals' }, '2026-07-30', '1000')).toMatchObject({ measures: ['mfn 0'] });
    // Proc. 11020 clause (4) (DOMAIN-2026-12 C3): from 2026-07-31 only Annex III companies pay; others enter under 9903.04.61
    // with no Section 232 duty. Which company imports is not an input: computed as no duty, with the assumption on the line.
    for (const date of ['2026-07-31', '2026-09-28']) {
      const r = duty(asEnacted, { category: 'pharmaceuticals' }, date, '1000');
      expect(r).toMatchObject({ duty: '0.00', measures: ['mfn 0', 's232-pharma-first-stage-japan 0'] });
      expect((r as { notes: string[] }).notes.join(' ')).toMatch(/not a company listed in Annex III of Proc\. 11020.*9903\.04\.62.*9903\.04\.61/);
    }
    // from 2026-09-29 every importer's patented products pay (Japan inclusive 15%, 9903.04.62), specialty and research use 0
    // (9903.04.66/.70), generics 0 but Section 301: patent status is not an input, so refused, never guessed
    expect(duty(asEnacted, { category: 'pharmaceuticals' }, '2026-09-29', '1000')).toMatchObject({
      refused: { field: 'hts', reason: expect.stringMatching(/not modelled: .*inclusive 15% \(9903\.04\.62.*9903\.04\.66.*9903\.04\.70.*9903\.04\.67\) but the Section 301/) },
    });
  });
});

describe('Resolver (memoised per period) agrees with resolveGood on every date', () => {
  it('for random goods and dates, under every scenario', async () => {
    const fc = (await import('fast-check')).default;
    const { Resolver } = await import('../../src/core/resolve.js');
    const engines = ['as-enacted', 'no-deal', 'full-revocation'].map((s) => bundledEngine(s));
    const goods: { hts?: string; category?: string; mfn?: bigint; loaded?: string; usContent?: bigint; hasMetalValue?: boolean; spi?: string }[] = [
      { hts: '06031300', spi: 'JP' }, { hts: '06031300' }, { hts: '84571000', spi: 'JP' }, // a claimed program is part of the key
      { hts: '87032301' }, { hts: '87043101' }, { hts: '84571000' }, { hts: '72071100' }, { hts: '76011030' }, { hts: '87082950' }, { hts: '85423100' },
      { category: 'steel' }, { category: 'general', mfn: 3_000_000n }, { category: 'pharmaceuticals' }, { category: 'nonsense' },
      { hts: '87032301', category: 'steel' }, // an HTS code makes the category irrelevant
      { hts: '87032301', loaded: '2025-03-30' }, { hts: '87032301', usContent: 25_000_000n }, { hts: '72071100', hasMetalValue: true },
      // Rows of one good that differ only in loaded/us_content share what resolution finds before it reads them (Resolver).
      { hts: '87032301', loaded: '2025-04-01', usContent: 30_000_000n }, { hts: '87032301', loaded: '2025-09-01', usContent: 0n },
      { hts: '84571000', loaded: '2025-04-04' }, { hts: '84571000', loaded: '2025-08-06', usContent: 20_000_000n }, { hts: '84571000', usContent: 100_000_000n },
      { category: 'steel', loaded: '2025-03-01' }, { category: 'general', mfn: 3_000_000n, loaded: '2025-04-01', usContent: 50_000_000n },
    ];
    const day = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }).map((t) => new Date(t - (t % 86_400_000)).toISOString().slice(0, 10));
    // A small cache too, so that clearing it when full is exercised.
    const resolvers = engines.map((e) => [new Resolver(e), new Resolver(e, 7)] as const);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.constantFrom(...goods), fc.constantFrom('JP', 'CN'), day, (i, g, origin, date) => {
        const good = { hts: g.hts ?? null, category: g.category ?? null, origin, date, mfn: g.mfn ?? null, loaded: g.loaded ?? null, usContent: g.usContent ?? null, hasMetalValue: g.hasMetalValue ?? false, spi: g.spi ?? null };
        const direct = resolveGood(engines[i]!, good);
        for (const r of resolvers[i]!) expect(r.resolve(good)).toEqual(direct);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('calendar dates', () => {
  it('accepts real dates and rejects impossible ones', async () => {
    const { isCalendarDate } = await import('../../src/schema/schedule.js');
    for (const d of ['2025-01-31', '2024-02-29', '2000-02-29', '2025-12-31']) expect(isCalendarDate(d), d).toBe(true);
    for (const d of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', ' 2025-01-01', '2025-01-01x']) expect(isCalendarDate(d), d).toBe(false);
  });
});

describe('codes too short to decide', () => {
  it.each([
    ['8703', /HTS 8703 is not specific enough: lines under it such as 8703\.22\.01 are treated differently/],
    ['8704', /HTS 8704 is not specific enough/],
    ['8517', /HTS 8517 is not specific enough/], // 8517.13.00 is outside the reciprocal tariff
    ['7318', /HTS 7318 is not specific enough for its MFN rate: 7318\.11\.00 is 12\.5% and 7318\.13\.00 is 5\.7%/],
    ['8708', /HTS 8708 is not specific enough/], // issue 11: 46 of the 85 rated 8708 lines are Free
  ])('refuses %s rather than guess', (hts, reason) => {
    expect(duty(asEnacted, { hts }, '2025-05-01', '45000')).toMatchObject({ refused: { field: 'hts', reason: expect.stringMatching(reason) } });
  });

  it('accepts a short code when nothing under it is treated differently, and an MFN-ambiguous one with mfn_rate', () => {
    expect(duty(asEnacted, { hts: '7207' }, '2025-06-01', '1000')).toMatchObject({ duty: '250.00' }); // all of 7207 is steel
    expect(duty(asEnacted, { hts: '8708.29' }, '2025-06-01', '1000')).toMatchObject({ refused: { field: 'hts' } }); // .21 Free, .15 2.5%
    expect(duty(asEnacted, { hts: '7318', mfn: '12.5' }, '2025-06-01', '1000')).toMatchObject({ duty: '375.00' }); // 12.5% + steel 25% (50% from 06-04)
  });
});

describe('codes too short: only the measures in force on the date count', () => {
  it('8302.10.60 is refused while note 19(k) lists 10-digit lines under it, and accepted from 2026-04-06 (Annex I-B lists all of it)', () => {
    // note 19(k) (9903.85.08) lists 8302.10.6030, .6060 and .6090; Proc. 11021 Annex I-B (note 16(c)(vii)) lists 8302.10.60.
    expect(duty(asEnacted, { hts: '8302.10.60', mfn: '0' }, '2025-09-01', '1000')).toMatchObject({
      refused: { field: 'hts', reason: expect.stringMatching(/^HTS 8302\.10\.60 is not specific enough: lines under it such as 8302\.10\.60\.30 are treated differently \(s232-aluminum-50\)/) },
    });
    expect(duty(asEnacted, { hts: '8302.10.60', mfn: '0' }, '2026-04-06', '1000')).toMatchObject({ duty: '250.00', measures: ['mfn 0', 's232-p11021-annex-i-b-25 25'] });
  });

  it('a code the note writes with the suffix 00 of a line with no other suffix is that 8-digit line (7612.10.0000, note 19(j))', () => {
    expect(duty(asEnacted, { hts: '7612.10.00', mfn: '0' }, '2025-09-01', '1000')).toMatchObject({ duty: '500.00', measures: ['mfn 0', 's232-aluminum-50 50'] });
    expect(duty(asEnacted, { hts: '7612.10.00.00', mfn: '0' }, '2025-09-01', '1000')).toMatchObject({ duty: '500.00' });
  });

  it('8708 is refused: note 33(g) lists parts of it, and note 19(i) lists 8708.10.30', () => {
    expect(duty(asEnacted, { hts: '8708', mfn: '2.5' }, '2025-03-20', '1000')).toMatchObject({ refused: { reason: expect.stringMatching(/8708\.10\.30 .*\(s232-aluminum-25\)/) } });
    expect(duty(asEnacted, { hts: '8708', mfn: '2.5' }, '2025-09-16', '1000')).toMatchObject({ refused: { field: 'hts' } });
  });
});

describe('measures known but not modelled: lines refused from the date they apply', () => {
  it.each([
    ['8704.22.11', '2025-10-31', null], // note 38(b) lists 8704.22.11 and .51 (2026 Rev. 6)
    ['8704.22.11', '2025-11-01', /medium and heavy-duty vehicles/],
    ['4407.11.00', '2025-10-14', /softwood timber and lumber/],
    // 8802.40.01 (aeroplanes) of Japan is no longer refused from 2025-09-16: the civil aircraft exemption (9903.96.02)
    // is a measure claimed with spi C (tests/unit/civil-aircraft.test.ts), and without the claim the line pays as any.
    ['8802.40.01', '2025-09-16', null],
  ])('%s on %s', (hts, date, refused) => {
    const r = duty(asEnacted, { hts, mfn: '0' }, date, '1000');
    if (refused === null) expect(r).toHaveProperty('duty');
    else expect(r).toMatchObject({ refused: { field: 'hts', reason: expect.stringMatching(refused) } });
  });

  it('informational materials and the listed 8541 lines are outside the reciprocal tariff; solar modules are not', () => {
    expect(duty(asEnacted, { hts: '4901.99.00', mfn: '0' }, '2025-09-01', '1000')).toMatchObject({ measures: ['mfn 0'] });
    expect(duty(asEnacted, { hts: '8541.10.00' }, '2025-09-01', '1000')).toMatchObject({ measures: ['mfn 0'] });
    expect(duty(asEnacted, { hts: '8541.43.00', mfn: '0' }, '2025-09-01', '1000')).toMatchObject({ measures: ['mfn 0', 'ieepa-japan-inclusive-15 15'] });
  });
});

describe('special program JP (US-Japan Trade Agreement, General Note 36): the spi input', () => {
  it('applies the Special (JP) rate where the line lists JP', () => {
    // 0603.13.00 (orchids, fresh cut): General 6.4%, Special "… 3.2% (JP)" (HTS 2026 Rev. 10). 2025-06-01: +10% pause.
    expect(duty(asEnacted, { hts: '0603.13.00', spi: 'JP' }, '2025-06-01', '1000')).toMatchObject({ duty: '132.00', measures: ['mfn 3.2', 'ieepa-pause-10 10'] });
    expect(duty(asEnacted, { hts: '0603.13.00' }, '2025-06-01', '1000')).toMatchObject({ duty: '164.00', measures: ['mfn 6.4', 'ieepa-pause-10 10'] });
  });

  it('the inclusive 15% subtracts the column 1 General rate, not the JP rate claimed (DOMAIN-2026-12 C7: "MFN"/"column 1 general"; DOMAIN.md open item 10), and says so', () => {
    // EO 14345 inclusive 15%: 15 - 6.4 = 8.6 on top of the JP 3.2%: 11.8% in all (not 15%).
    const r = duty(asEnacted, { hts: '0603.13.00', spi: 'JP' }, '2025-10-01', '1000') as { duty: string; measures: string[]; decisions: { measure: { id: string }; reason: string }[]; notes: string[] };
    expect(r).toMatchObject({ duty: '118.00', measures: ['mfn 3.2', 'ieepa-japan-inclusive-15 8.6'] });
    expect(r.decisions.find((d) => d.measure.id === 'ieepa-japan-inclusive-15')!.reason).toMatch(/minus the column 1 General rate 6\.4% \(not the JP Special rate claimed\)/);
    expect(r.notes.join('\n')).toMatch(/JP claimed: .*subtract the column 1 General rate 6\.4%.*C7/);
    // 8458.11.00 (on no Section 232 list): General 4.4%, JP Free: 0 + (15 - 4.4) = 10.6%.
    expect(duty(asEnacted, { hts: '8458.11.00', spi: 'JP' }, '2025-10-01', '1000')).toMatchObject({ duty: '106.00', measures: ['mfn 0', 'ieepa-japan-inclusive-15 10.6'] });
  });

  it('rejects a line that does not list JP, a program not modelled, and spi with mfn_rate, each with the reason', () => {
    expect(duty(asEnacted, { hts: '8703.23.01', spi: 'JP' }, '2025-10-01', '1000')).toMatchObject({
      refused: { field: 'spi', reason: expect.stringMatching(/^8703\.23\.01 does not list JP in its Special column \(HTS 2026 Rev\. 10: "Free \(A\+,AU,B,/) },
    });
    expect(duty(asEnacted, { hts: '0603.13.00', spi: 'GS' }, '2025-10-01', '1000')).toMatchObject({ refused: { field: 'spi', reason: expect.stringMatching(/special program GS is not modelled yet \(only JP, KR, S, S\+, C\)/) } });
    // a program of us.json `programs` claimed for goods of another origin (KORUS for a Japanese good)
    expect(duty(asEnacted, { hts: '0603.13.00', spi: 'KR' }, '2025-10-01', '1000')).toMatchObject({ refused: { field: 'spi', reason: expect.stringMatching(/special program KR \(.*KORUS\)\) is for goods of KR, not JP/) } });
    expect(duty(asEnacted, { hts: '0603.13.00', spi: 'JP', mfn: '3' }, '2025-10-01', '1000')).toMatchObject({ refused: { field: 'spi', reason: expect.stringMatching(/not both/) } });
    // A line whose General rate is Free: claiming JP changes nothing and is not an error.
    expect(duty(asEnacted, { hts: '0101.21.00', spi: 'JP' }, '2025-06-01', '1000')).toMatchObject({ measures: ['mfn 0', 'ieepa-pause-10 10'] });
  });
});
