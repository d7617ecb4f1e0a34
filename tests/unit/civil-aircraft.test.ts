/**
 * The civil aircraft exemptions of the deal partners and of the Section 122 surcharge (Agreement on Trade in Civil
 * Aircraft, General Note 6), claimed with spi C on the provisions their notes list (data/lists/civil-aircraft-*.json):
 *
 *   - UK, U.S. note 35(a), heading 9903.96.01 (from 2025-06-30): the reciprocal 9903.01.25/9903.02.66 and the Section
 *     232 steel/aluminum duties (9903.82.02, 9903.82.04-.17 from 2026-04-06) do not apply;
 *   - Japan, note 35(b), 9903.96.02 (from 2025-09-16): 9903.02.72/.73 and the metals duties;
 *   - EU, note 2(v)(xxii), 9903.02.76 (from 2025-09-01): 9903.02.19/.20 and the metals duties;
 *   - Korea, note 2(v)(xxiv)(b), 9903.02.81 (from 2025-11-14): 9903.02.79/.80 and the metals duties;
 *   - Switzerland and Liechtenstein, note 2(v)(xxv)(c), 9903.02.85/.90 (from 2025-11-14): the reciprocal duty only;
 *   - Brazil, note 2(x)(iv), 9903.01.82: EO 14323's 40% (9903.01.77) only;
 *   - any country, note 2(aa)(iv), 9903.03.05: the Section 122 surcharge (9903.03.01).
 *
 * Each note applies "regardless of whether a product is entered under a provision for which the rate of duty 'Free
 * (C)' appears in the Special subcolumn": the claim is the importer's (a condition of use), so the same line without
 * spi C pays as before, and a C claim on a line of no list that does not list C is refused as for any program.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { HtsLines } from '../../src/core/hts-lines.js';
import { resolveGood } from '../../src/core/resolve.js';
import { normalizeHts } from '../../src/values/hts.js';
import { bundledEngine, lists, mfnTable, origins, originDates, ROOT, schedule } from '../helpers.js';
import { price } from './origin-duty.js';

const engine = bundledEngine();
// 3917.21.00 (rigid tubes of polymers of ethylene): General 3.1%, Special "Free (A,AU,B,BH,C,...)" (HTS 2026 Rev. 10),
// on every list. 7304.31.30 (cold-drawn seamless steel tubes): General Free, a Section 232 steel article, on every list.
const TUBE = '3917.21.00';
const STEEL = '7304.31.30';

describe('each partner: a listed line claimed with spi C pays none of the duties its heading lifts; without the claim it pays as before', () => {
  it.each([
    // origin, date, with C, without C, the measure
    ['JP', '2025-10-01', '0.00', '150.00', 'civil-aircraft-japan'], // note 35(b): no inclusive 15% (3.1 MFN + 11.9)
    ['DE', '2025-10-01', '0.00', '150.00', 'civil-aircraft-eu'], // note 2(v)(xxii)
    ['KR', '2025-12-01', '0.00', '150.00', 'civil-aircraft-korea'], // note 2(v)(xxiv)(b)
    ['CH', '2025-12-01', '0.00', '150.00', 'civil-aircraft-switzerland'], // note 2(v)(xxv)(c), 9903.02.85
    ['LI', '2025-12-01', '0.00', '150.00', 'civil-aircraft-liechtenstein'], // note 2(v)(xxv)(c), 9903.02.90
    ['GB', '2025-10-01', '0.00', '131.00', 'civil-aircraft-uk'], // note 35(a), heading 9903.02.66: no 10%
    ['VN', '2026-03-02', '0.00', '131.00', 'civil-aircraft-s122'], // note 2(aa)(iv): no 10% surcharge, any country
  ])('%s on %s: %s with C (Free (C) and no additional duty), %s without', (origin, date, withC, without, id) => {
    expect(price(engine, { hts: TUBE, origin, date, spi: 'C' })).toMatchObject({ duty: withC, measures: ['mfn', id] });
    expect(price(engine, { hts: TUBE, origin, date })).toMatchObject({ duty: without });
  });

  it('Brazil (note 2(x)(iv), 9903.01.82): the 40% of EO 14323 is lifted, the 10% reciprocal duty is not', () => {
    // Without the claim: MFN 31 + 10% + 40% (3917.21.00 is not an Annex I line of note 2(x)(iii)(a): the bundled Annex I
    // list leaves out the 9903.01.82 provisions the Yale transcription merged into it).
    expect(price(engine, { hts: TUBE, origin: 'BR', date: '2025-10-01', spi: 'C' })).toMatchObject({ duty: '100.00', byMeasure: { mfn: '0.00', 'br-reciprocal-10-eo14326': '100.00', 'civil-aircraft-brazil': '0.00' } });
    expect(price(engine, { hts: TUBE, origin: 'BR', date: '2025-10-01' })).toMatchObject({ duty: '531.00', byMeasure: { 'br-40-2025-08-18': '400.00' } });
    expect(price(engine, { hts: TUBE, origin: 'BR', date: '2025-08-05', spi: 'C' })).toMatchObject({ measures: ['mfn', 'br-reciprocal-10'] }); // 9903.01.82 with the 40%, from 2025-08-06
  });
});

describe('the Section 232 metals duties: lifted for Japan, the EU, Korea and the UK, not for Switzerland', () => {
  it.each([
    ['JP', '2025-10-01', 'civil-aircraft-japan', 's232-steel-50'],
    ['DE', '2025-10-01', 'civil-aircraft-eu', 's232-steel-50'],
    ['KR', '2025-12-01', 'civil-aircraft-korea', 's232-steel-50'],
    ['GB', '2025-10-01', 'civil-aircraft-uk', 's232-steel-uk-25'],
    ['JP', '2026-05-01', 'civil-aircraft-japan', 's232-metals-50-p11021'], // heading 9903.82.02 (Proc. 11021), kept by its clause (10)
    ['GB', '2026-05-01', 'civil-aircraft-uk', 's232-metals-50-p11021'],
  ])('%s steel tube on %s: 0 with C (%s), the steel duty without (%s)', (origin, date, id, metals) => {
    expect(price(engine, { hts: STEEL, origin, date, spi: 'C' })).toMatchObject({ duty: '0.00', why: { [metals]: expect.stringContaining(`displaced by ${id}`) } });
    expect(price(engine, { hts: STEEL, origin, date })).toMatchObject({ measures: ['mfn', metals] });
  });

  it('Switzerland: note 2(v)(xxv)(c) names no Section 232 heading, so the steel duty stays with C', () => {
    expect(price(engine, { hts: STEEL, origin: 'CH', date: '2025-12-01', spi: 'C' })).toMatchObject({ duty: '500.00', byMeasure: { 's232-steel-50': '500.00', 'civil-aircraft-switzerland': '0.00' } });
  });

  it('with a metal value the reciprocal duty is not charged on the rest: the exemption displaces it as well as the steel duty', () => {
    expect(price(engine, { hts: STEEL, origin: 'DE', date: '2025-10-01', spi: 'C', metalValue: '600' })).toMatchObject({ duty: '0.00', measures: ['mfn', 'civil-aircraft-eu'] });
  });
});

describe('the day before each heading takes effect, a C claim only prices column 1 at Free (C)', () => {
  it.each([
    ['JP', '2025-09-15', '119.00'], // 9903.96.02 from 2025-09-16: the inclusive 15% minus the General 3.1%
    ['DE', '2025-08-31', '119.00'], // 9903.02.76 from 2025-09-01
    ['KR', '2025-11-13', '150.00'], // 9903.02.81 from 2025-11-14: the flat 15% (9903.02.56)
    ['CH', '2025-11-13', '390.00'], // 9903.02.85 from 2025-11-14: 39% (9903.02.58)
    ['GB', '2025-06-29', '100.00'], // 9903.96.01 from 2025-06-30: the baseline 10% (9903.01.25)
    ['VN', '2026-02-23', '200.00'], // 9903.03.05 with the surcharge, 2026-02-24: Vietnam's 20% before it
  ])('%s on %s: %s', (origin, date, duty) => {
    const r = price(engine, { hts: TUBE, origin, date, spi: 'C' });
    expect(r).toMatchObject({ duty });
    expect((r as { measures: string[] }).measures.some((m) => m.startsWith('civil-aircraft'))).toBe(false);
  });
});

describe('what the claim does not do', () => {
  it('a line on no list: refused where it does not list C (0603.13.00, orchids, General 6.4%), computed as without the claim where General is Free (9503.00.00, toys)', () => {
    expect(price(engine, { hts: '0603.13.00', origin: 'JP', date: '2025-10-01', spi: 'C' })).toEqual({
      refused: expect.stringMatching(/^spi: 0603\.13\.00 does not list C in its Special column .*no measure claimed with C applies to it for origin JP on the entry date/),
    });
    expect(price(engine, { hts: '9503.00.00', origin: 'JP', date: '2025-10-01', spi: 'C' })).toMatchObject({ duty: '150.00', measures: ['mfn', 'ieepa-japan-inclusive-15'] });
  });

  it('unmanned aircraft (8806.22.00): on the UK list (note 35(a) does not exclude them), not on Japan\'s (note 35(b) does)', () => {
    expect(price(engine, { hts: '8806.22.00', origin: 'GB', date: '2025-10-01', spi: 'C' })).toMatchObject({ duty: '0.00', measures: ['mfn', 'civil-aircraft-uk'] });
    expect(price(engine, { hts: '8806.22.00', origin: 'JP', date: '2025-10-01', spi: 'C' })).toMatchObject({ measures: ['mfn', 'ieepa-japan-inclusive-15'] });
  });

  it('the transshipment 40% (9903.02.01) is not lifted', () => {
    expect(price(engine, { hts: TUBE, origin: 'JP', date: '2025-10-01', spi: 'C', transshipped: true })).toMatchObject({ duty: '400.00', measures: ['mfn', 'ieepa-japan-transshipped-40', 'civil-aircraft-japan'] });
  });

  it('from 2026-07-24 (Brazil 2026-07-22) a C claim is refused: the Section 301 exemptions of civil aircraft (note 52(d), note 50) have no list in the bundled texts', () => {
    expect(price(engine, { hts: TUBE, origin: 'JP', date: '2026-07-24', spi: 'C' })).toEqual({ refused: expect.stringMatching(/^hts: Section 301 forced-labor exemption of civil aircraft \(note 52\(d\), 9903\.05\.88\), claimed with spi C applies \(from 2026-07-24\) and is not modelled: its list of provisions/) });
    expect(price(engine, { hts: TUBE, origin: 'JP', date: '2026-07-23', spi: 'C' })).toMatchObject({ duty: '0.00' });
    expect(price(engine, { hts: TUBE, origin: 'BR', date: '2026-07-22', spi: 'C' })).toEqual({ refused: expect.stringMatching(/^hts: Section 301 Brazil exemption of civil aircraft \(note 50\)/) });
    expect(price(engine, { hts: TUBE, origin: 'JP', date: '2026-07-24' })).toHaveProperty('duty');
  });
});

describe('Taiwan: heading 9903.96.03 (from 2026-05-01) exempts civil aircraft components from the metals duties, but its list (note 35(c)) is not in the bundled texts', () => {
  it('a C claim on a line of the metals measures is refused with the reason, not charged the metals duty with no word; without the claim the metals duty stands', () => {
    // DOMAIN-ORIGINS.md, Taiwan: "2026-05-01 -> civil aircraft components exempt from 232 metals, 9903.96.03" [R];
    // heading 9903.96.03 is in HTS 2026 Rev. 10, its note 35(c) list is not in the Rev. 6 chapter 99 text.
    expect(price(engine, { hts: STEEL, origin: 'TW', date: '2026-05-15', spi: 'C' })).toEqual({ refused: expect.stringMatching(/^hts: Civil aircraft components of Taiwan \(9903\.96\.03\).* is not modelled: /) });
    expect(price(engine, { hts: '7608.20.00', origin: 'TW', date: '2026-06-01', spi: 'C' })).toHaveProperty('refused');
    // Proc. 11021 Annex I-A: 50% of the full value of a steel article (9903.82.02), with no claim.
    expect(price(engine, { hts: STEEL, origin: 'TW', date: '2026-05-15', value: '10000' })).toMatchObject({ duty: '5000.00' });
    // The day before 9903.96.03: the claim prices column 1 only, the metals duty stands.
    expect(price(engine, { hts: STEEL, origin: 'TW', date: '2026-04-30', spi: 'C', value: '10000' })).toMatchObject({ duty: '5000.00' });
  });
});

describe('program C keeps the General rate on a listed line whose Special column does not list C (specialRateOptional, data)', () => {
  // No line of HTS 2026 Rev. 10 on a list with a General rate other than Free lacks C, so the case is made by
  // dropping C from 3917.21.00's Special column.
  const dir = resolve(ROOT, 'data/mfn');
  const details = readFileSync(resolve(dir, 'hts-2026-rev-10.details.tsv'), 'utf8').replace('39172100\tkg\tFree (A,AU,B,BH,C,CL,', '39172100\tkg\tFree (A,AU,B,BH,CL,');
  const lines = new HtsLines(readFileSync(resolve(dir, 'hts-2026-rev-10.lines.tsv')), () => details);
  const compiled = compileEngine(schedule, mfnTable, 'as-enacted', null, lists, { mfnLines: lines, origins, originDates });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const noC = compiled.value;

  it('an EU tube claimed with C on 2025-10-01 pays its General 3.1% and nothing else, and the line says why', () => {
    expect(price(noC, { hts: TUBE, origin: 'DE', date: '2025-10-01', spi: 'C' })).toMatchObject({ duty: '31.00', measures: ['mfn', 'civil-aircraft-eu'] });
    const r = resolveGood(noC, { hts: normalizeHts(TUBE), category: null, origin: 'DE', date: '2025-10-01', mfn: null, spi: 'C' });
    expect(r.ok && r.plan.mfnSource).toMatch(/3917\.21\.00 does not list C in its Special column .*the General rate is kept \(the civil aircraft exemptions of chapter 99 apply/);
  });

  it('before 9903.02.76 (2025-08-31) no measure claimed with C applies: refused, as a line not listing a program always was', () => {
    expect(price(noC, { hts: TUBE, origin: 'DE', date: '2025-08-31', spi: 'C' })).toEqual({ refused: expect.stringMatching(/^spi: 3917\.21\.00 does not list C .*no measure claimed with C applies to it for origin DE on the entry date/) });
  });
});

describe('scenarios: the exemptions are part of the deals', () => {
  it('no-deal: without EO 14345 there is no 9903.96.02, so a Japanese part claimed with C pays the 24%; without the UK deal, UK steel pays 50%', () => {
    const noDeal = bundledEngine('no-deal');
    expect(price(noDeal, { hts: '8411.91.90', origin: 'JP', date: '2025-10-01', spi: 'C' })).toMatchObject({ duty: '240.00', measures: ['mfn', 'ieepa-japan-24-no-deal'] });
    expect(price(noDeal, { hts: STEEL, origin: 'GB', date: '2025-10-01', spi: 'C' })).toMatchObject({ duty: '500.00', measures: ['mfn', 's232-steel-50'] });
    // Section 122's exemption (9903.03.05, any country) is no deal: it stays.
    expect(price(noDeal, { hts: TUBE, origin: 'VN', date: '2026-03-02', spi: 'C' })).toMatchObject({ duty: '0.00', measures: ['mfn', 'civil-aircraft-s122'] });
  });

  it('full-revocation: no additional duty from 2025-07-09, so nothing to exempt and no Section 301 to refuse a claim for', () => {
    expect(price(bundledEngine('full-revocation'), { hts: TUBE, origin: 'JP', date: '2026-08-01', spi: 'C' })).toMatchObject({ duty: '0.00', measures: ['mfn'] });
  });
});
