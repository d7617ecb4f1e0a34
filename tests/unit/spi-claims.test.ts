/**
 * A special program claimed (spi, General Note 3(c)) is checked before the line's General rate is needed
 * (src/core/price.ts payingOf, claimedOf, claimSpecial): a line that lists the program pays the Special rate it lists
 * for it even when its General rate has no computation here, and the row is refused only when the rate it pays
 * cannot be computed, or a measure that subtracts the General rate applies (stacking.ts addedRate).
 */
import { describe, expect, it } from 'vitest';
import { resolveGood, type GoodInput } from '../../src/core/resolve.js';
import { goodTimeline } from '../../src/core/timeline.js';
import { normalizeHts } from '../../src/values/hts.js';
import { bundledEngine } from '../helpers.js';

const engine = bundledEngine();
const good = (hts: string, origin: string, date: string, spi: string | null): GoodInput => ({ hts: normalizeHts(hts), category: null, origin, date, mfn: null, spi });
const resolve = (hts: string, origin: string, date: string, spi: string | null) => resolveGood(engine, good(hts, origin, date, spi));
const appliedOf = (hts: string, origin: string, date: string, spi: string | null) => {
  const r = resolve(hts, origin, date, spi);
  if (!r.ok) throw new Error(`${hts} ${origin} ${spi}: refused: ${r.refusal.reason}`);
  return { mfn: r.plan.mfn, mfnSpecific: r.plan.mfnSpecific, mfnSource: r.plan.mfnSource, applied: r.plan.applied.map((a) => `${a.measure.id} ${a.rate}`) };
};

describe('a claim on a line whose General rate has no computation (a clock: "2.6% on the movement and case + 3.5% on the battery")', () => {
  it.each([
    // General Note 6 (Agreement on Trade in Civil Aircraft): 9104.00.05 lists C, Free; U.S. note 35(a), 9903.96.01 lifts the UK's reciprocal 10%.
    ['9104.00.05', 'GB', '2025-10-01', ['mfn 0', 'civil-aircraft-uk 0']],
    // The same for a clock movement, 9109.10.60 (Free (... C ...)).
    ['9109.10.60', 'GB', '2025-10-01', ['mfn 0', 'civil-aircraft-uk 0']],
    // U.S. note 35(b), 9903.96.02 (from 2025-09-16): Japan's inclusive 15% lifted.
    ['9104.00.05', 'JP', '2025-10-01', ['mfn 0', 'civil-aircraft-japan 0']],
    // U.S. note 2(v)(xxii), 9903.02.76 (from 2025-09-01): the EU's inclusive 15% lifted.
    ['9104.00.25', 'DE', '2025-10-01', ['mfn 0', 'civil-aircraft-eu 0']],
  ])('C: %s from %s on %s pays the Special rate (Free) and the exemption; its General rate is not needed', (hts, origin, date, applied) => {
    const p = appliedOf(hts, origin, date, 'C');
    expect(p).toMatchObject({ mfn: 0n, mfnSpecific: null, applied });
    expect(p.mfnSource).toMatch(new RegExp(`${hts.replace(/\./g, '\\.')}: Special \\(C\\) Free, claimed instead of the General rate$`));
  });

  it('without the claim the same line is refused as before: its General rate needs the parts valued apart (give mfn_rate)', () => {
    expect(resolve('9104.00.05', 'GB', '2025-10-01', null)).toMatchObject({ ok: false, refusal: { field: 'mfn_rate', reason: expect.stringMatching(/^the MFN rate of 9104\.00\.05 .*"2\.6% on the movement and case \+ 3\.5% on the battery": needs an input/) } });
  });

  it('a measure that subtracts the General rate refuses the row: Japan before its exemption (EO 14345 inclusive 15%, "column 1 general rate"; note 35(b) from 2025-09-16)', () => {
    expect(resolve('9104.00.05', 'JP', '2025-08-20', 'C')).toMatchObject({
      ok: false,
      refusal: { field: 'spi', reason: expect.stringMatching(/^IEEPA reciprocal, US-Japan deal: .* subtracts the column 1 General rate, not the C rate claimed, and the MFN rate of 9104\.00\.05 .*give mfn_rate .* and leave spi empty$/) },
    });
  });

  it('KR (KORUS, General Note 33) and S (USMCA, General Note 11) on raw cane sugar, 1701.12.05 (General by polarity): Free; the Korea deal adds the 15% over the rate paid (base "applied", CSMS #66987366)', () => {
    expect(appliedOf('1701.12.05', 'KR', '2025-12-01', 'KR')).toMatchObject({ mfn: 0n, applied: ['mfn 0', 'ieepa-korea-inclusive-15 15000000'] });
    expect(appliedOf('1701.12.05', 'MX', '2025-12-01', 'S')).toMatchObject({ mfn: 0n, applied: ['mfn 0'] });
  });

  it('a line that does not list the program: the claim would keep its General rate, which cannot be computed (9109.10.10 lists no C)', () => {
    expect(resolve('9109.10.10', 'GB', '2025-10-01', 'C')).toMatchObject({
      ok: false,
      refusal: { field: 'mfn_rate', reason: expect.stringMatching(/give mfn_rate .* and leave spi empty \(9109\.10\.10 does not list C in its Special column: a C claim would keep the General rate\)$/) },
    });
    // A program that needs its Special rate (JP, General Note 36) is refused for not being listed, as on any line.
    expect(resolve('9109.10.10', 'JP', '2025-10-01', 'JP')).toMatchObject({ ok: false, refusal: { field: 'spi', reason: expect.stringMatching(/^9109\.10\.10 does not list JP in its Special column/) } });
  });

  it('the claim is checked first: a program not modelled, or claimed for another origin, is the reason given, not the General rate', () => {
    expect(resolve('9104.00.05', 'GB', '2025-10-01', 'ZZ')).toMatchObject({ ok: false, refusal: { field: 'spi', reason: expect.stringMatching(/^special program ZZ is not modelled yet/) } });
    expect(resolve('1701.12.05', 'JP', '2025-12-01', 'KR')).toMatchObject({ ok: false, refusal: { field: 'spi', reason: expect.stringMatching(/^special program KR .* is for goods of KR, not JP$/) } });
  });

  it('the rate claimed has no computation: refused (S+ on milk, 0401.40.25, "See 9823.01.01-9823.01.07": the USMCA tariff-rate quota headings)', () => {
    expect(resolve('0401.40.25', 'CA', '2025-12-01', 'S+')).toMatchObject({ ok: false, refusal: { field: 'spi', reason: 'the S+ Special rate of 0401.40.25 is "See 9823.01.01-9823.01.07", which has no computation here; give mfn_rate and no spi' } });
  });
});

describe('a timeline of one good claiming a program (core goodTimeline): n/a where calc refuses, the rate where it computes', () => {
  const good = { hts: normalizeHts('8807.30.00'), category: null, mfn: null };
  it('UK C on 8807.30.00: too coarse while Section 232 aluminum takes .60 only, 0% once U.S. note 35(a) (9903.96.01) lifts it on every line', () => {
    const t = goodTimeline(engine, { ...good, origin: 'GB', spi: 'C' }, '2025-03-12', '2026-07-01');
    expect(t.refused).toEqual([]);
    expect(t.steps.map((x) => `${x.date} ${x.rate} ${x.previous}`)).toEqual(['2025-03-12 n/a null', '2025-06-30 0 n/a']);
    expect(t.steps[0]!.events[0]).toMatch(/^the good is not computed from here: from 2025-03-12: HTS 8807\.30\.00 is not specific enough/);
  });

  it('refused on every date: no step, and the first date\'s reason (the too-coarse rule is not loosened where the lines disagree)', () => {
    const t = goodTimeline(engine, { ...good, origin: 'GB', spi: null }, '2025-03-12', '2026-04-01');
    expect(t.steps).toEqual([]);
    expect(t.refused).toMatchObject([{ refusal: { field: 'hts', reason: expect.stringMatching(/^HTS 8807\.30\.00 is not specific enough: lines under it such as 8807\.30\.00\.60/) } }]);
  });
});
