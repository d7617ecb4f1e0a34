/**
 * The exemption lists of the reciprocal tariff and of Section 122 (data/lists/eo14257-annex-ii.json,
 * data/lists/s122-annex-p11012.json, derived from the chapter 99 text by scripts/gen-exemption-lists.js): for each,
 * a line on it, a line off it, and the boundary dates of the measures that exclude it.
 */
import { describe, expect, it } from 'vitest';
import { computeLineDuty } from '../../src/core/compute.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import { changeDates } from '../../src/core/timeline.js';
import { bundledEngine, schedule } from '../helpers.js';

const engine = bundledEngine();

function line(hts: string, date: string, mfn = '0') {
  const r = resolveGood(engine, { hts: normalizeHts(hts), category: null, origin: 'JP', date, mfn: (parsePct(mfn) as { ok: true; value: bigint }).value });
  if (!r.ok) throw new Error(r.refusal.reason);
  const l = computeLineDuty(r.plan, (parseMoney('1000') as { ok: true; value: bigint }).value);
  return {
    duty: formatCents(l.duty),
    measures: l.duties.map((d) => d.measure.id),
    why: Object.fromEntries(r.plan.decisions.filter((d) => !d.applied).map((d) => [d.measure.id, d.reason])),
  };
}

const SMARTPHONE = '8517.13.00'; // on both lists (the April 2025 electronics list)
const OTHER_PHONE = '8517.14.00'; // other telephones for cellular networks: on neither

describe('EO 14257 Annex II as amended (U.S. note 2(v)(iii)(a), heading 9903.01.32): the exclusion of every reciprocal measure', () => {
  it('every reciprocal measure excludes the list (no hand-typed copy of it is left)', () => {
    const reciprocal = schedule.measures.filter((m) => m.layer === 'reciprocal' && m.scope.origins?.includes('JP'));
    expect(reciprocal.length).toBe(6); // with the 40% for goods found transshipped (9903.02.01, EO 14326 s.3)
    // every other origin's reciprocal measures exclude it too (with their deals' own lists besides)
    for (const m of schedule.measures.filter((x) => x.layer === 'reciprocal')) expect(m.scope.exclude?.lists, m.id).toContain('eo14257-annex-ii');
    for (const m of reciprocal) {
      expect(m.scope.exclude?.lists, m.id).toEqual(['eo14257-annex-ii']);
      expect(m.scope.exclude?.hts, m.id).not.toContain('8517.13.00');
    }
  });

  it.each([
    // date, measure in force: the baseline from 2025-04-05 (EO 14257), Japan 24% on 2025-04-09, the deal's inclusive 15%, its last day
    ['2025-04-05', 'ieepa-baseline-10', '100.00'],
    ['2025-04-09', 'ieepa-japan-24', '240.00'],
    ['2025-10-01', 'ieepa-japan-inclusive-15', '150.00'],
    ['2026-02-23', 'ieepa-japan-inclusive-15', '150.00'],
  ])('on %s a smartphone (on the list) pays no %s; another phone (off it) pays %s', (date, id, other) => {
    const on = line(SMARTPHONE, date);
    expect(on).toMatchObject({ duty: '0.00', measures: ['mfn'] });
    expect(on.why[id]).toMatch(/HTS 8517\.13\.00 is excluded \(8517\.13\.00, list eo14257-annex-ii\)/);
    expect(line(OTHER_PHONE, date)).toMatchObject({ duty: other, measures: ['mfn', id] });
  });

  it('a code listed as a heading covers its lines: 8486.20.00 (wafer-making machines) under 8486; 8541.42.00 (solar cells) is not listed', () => {
    const on = line('8486.20.00', '2025-10-01');
    expect(on).toMatchObject({ duty: '0.00', measures: ['mfn'] });
    expect(on.why['ieepa-japan-inclusive-15']).toMatch(/HTS 8486\.20\.00 is excluded \(8486, list eo14257-annex-ii\)/);
    expect(line('8541.42.00', '2025-10-01')).toMatchObject({ duty: '150.00', measures: ['mfn', 'ieepa-japan-inclusive-15'] });
  });

  // The order of 2025-11-14 put agricultural lines on Annex II from 2025-11-13 (the list's entries carry `from`):
  // green tea 0902.10.10 (MFN 6.4%) paid the inclusive 15% (8.6% on top) to 2025-11-12, and none from 2025-11-13.
  it.each([
    ['2025-10-01', '86.00', ['mfn', 'ieepa-japan-inclusive-15']],
    ['2025-11-12', '86.00', ['mfn', 'ieepa-japan-inclusive-15']],
    ['2025-11-13', '0.00', ['mfn']],
    ['2026-02-23', '0.00', ['mfn']],
  ])('green tea 0902.10.10 on %s: the 2025-11-13 addition is dated (reciprocal %s)', (date, duty, measures) => {
    const l = line('0902.10.10', date, '6.4');
    expect({ duty: (Number(l.duty) - 64).toFixed(2), measures: l.measures }).toEqual({ duty, measures });
    if (date >= '2025-11-13') expect(l.why['ieepa-japan-inclusive-15']).toMatch(/excluded \(0902\.10\.10, list eo14257-annex-ii\)/);
    else expect(l.why['ieepa-japan-inclusive-15']).toBeUndefined();
  });

  it('the timeline charts the amendment: 2025-11-13 is a change date', () => {
    expect(changeDates(engine, '2025-10-01', '2025-12-31')).toContain('2025-11-13');
  });

  it('before 2025-11-13 a list entry added on that date does not make a shorter code ambiguous (0902.10)', () => {
    const at = (date: string) => resolveGood(engine, { hts: '090210', category: null, origin: 'JP', date, mfn: 0n });
    expect(at('2025-11-12').ok).toBe(true); // neither line of 0902.10 is on the list yet
    const r = at('2025-11-13'); // from then the list names its lines, not 0902.10 itself: give the line, as for any list
    expect(!r.ok && r.refusal.reason).toMatch(/HTS 0902\.10 is not specific enough: lines under it such as 0902\.10\.10/);
  });

  it('before 2025-04-05 and from 2026-02-24 (EO 14389) no reciprocal measure is in force for either phone', () => {
    expect(line(OTHER_PHONE, '2025-04-04')).toMatchObject({ duty: '0.00', measures: ['mfn'] });
    expect(line(OTHER_PHONE, '2026-02-24').measures).not.toContain('ieepa-japan-inclusive-15');
  });
});

describe('Proc. 11012 annex (U.S. note 2(aa)(ii), heading 9903.03.03): the exclusion of s122-10', () => {
  it('s122-10 excludes the list', () => {
    expect(schedule.measures.find((m) => m.id === 's122-10')!.scope.exclude?.lists).toEqual(['s122-annex-p11012']);
  });

  it.each([
    ['2026-02-24'], // first day of the surcharge
    ['2026-07-23'], // last day
  ])('on %s a smartphone pays no Section 122 surcharge; another phone pays 10%%', (date) => {
    const on = line(SMARTPHONE, date);
    expect(on).toMatchObject({ duty: '0.00', measures: ['mfn'] });
    expect(on.why['s122-10']).toMatch(/excluded \(8517\.13\.00, list s122-annex-p11012\)/);
    expect(line(OTHER_PHONE, date)).toMatchObject({ duty: '100.00', measures: ['mfn', 's122-10'] });
  });

  it('a line on Annex II but not on the Section 122 annex: 0201.10.05 (beef) is on both; 0805.90.01 (etrogs) is on neither as a line', () => {
    expect(line('0201.10.05', '2026-03-02', '4.4')).toMatchObject({ measures: ['mfn'] });
    expect(line('0805.90.01', '2026-03-02', '2.2')).toMatchObject({ measures: ['mfn', 's122-10'] }); // 9903.03.04: a use condition, not a line
  });

  it('from 2026-07-24 the surcharge has ended; the smartphone then pays the Section 301 inclusive 12.5% (the schedule encodes no note 52(b) list)', () => {
    expect(line(SMARTPHONE, '2026-07-24')).toMatchObject({ duty: '125.00', measures: ['mfn', 's301-japan-inclusive-12.5'] });
  });
});
