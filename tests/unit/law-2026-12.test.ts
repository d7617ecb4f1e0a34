/**
 * The bundled schedule against DOMAIN-2026-12.md: each correction (C1-C15) and
 * section 5 data edit that the schedule encodes, as a fact of the data and as
 * the duty (or refusal) a line gets on either side of its boundary date.
 */
import { describe, expect, it } from 'vitest';
import { computeLineDuty } from '../../src/core/compute.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import type { Measure } from '../../src/schema/schedule.js';
import { bundledEngine, schedule } from '../helpers.js';

const engine = bundledEngine();
const measure = (id: string): Measure => {
  const m = schedule.measures.find((x) => x.id === id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
};
const cites = (m: Measure) => m.sources.map((s) => [s.instrument, s.citation, s.document].filter(Boolean).join(', ')).join(' | ');

function line(hts: string, date: string, mfn: string, value = '10000') {
  const r = resolveGood(engine, { hts: normalizeHts(hts), category: null, origin: 'JP', date, mfn: (parsePct(mfn) as { ok: true; value: bigint }).value });
  if (!r.ok) return { refused: r.refusal.reason };
  const l = computeLineDuty(r.plan, (parseMoney(value) as { ok: true; value: bigint }).value);
  return { duty: formatCents(l.duty), measures: l.duties.map((d) => d.measure.id), notes: r.plan.notes };
}

describe('evidence horizon (DOMAIN-2026-12 headline)', () => {
  it('knownThrough is 2026-10-09: a later entry date gets the note, 2026-10-09 does not', () => {
    expect(schedule.knownThrough).toBe('2026-10-09');
    expect(line('9503.00.00', '2026-10-09', '0')).toMatchObject({ notes: expect.not.arrayContaining([expect.stringMatching(/after 2026-10-09/)]) });
    expect((line('9503.00.00', '2026-10-10', '0') as { notes: string[] }).notes.join(' ')).toMatch(/entry date after 2026-10-09/);
  });
});

describe('instrument numbers (C1, C2)', () => {
  it('C1: the IEEPA duties end with EO 14389 (91 FR 9437, FR Doc 2026-03832)', () => {
    const m = measure('ieepa-japan-inclusive-15');
    expect(cites(m)).toMatch(/Executive Order 14389.*91 FR 9437, FR Doc 2026-03832/);
    expect(m.window.to).toBe('2026-02-24');
  });

  it('C2: Proc. 10976 (timber), Proc. 11012 at 91 FR 9339, Proc. 11052 (polysilicon), Proc. 11055 (UAS); no proclamation number left UNCONFIRMED', () => {
    expect(cites(measure('s232-timber-lumber'))).toMatch(/Proclamation 10976.*FR Doc 2025-19482/);
    expect(cites(measure('s232-wood-furniture-japan'))).toMatch(/Proclamation 10976.*amended on 2025-12-31/);
    expect(cites(measure('s122-10'))).toMatch(/Proclamation 11012.*91 FR 9339, FR Doc 2026-03824/);
    expect(cites(measure('s232-polysilicon'))).toMatch(/Proclamation 11052.*FR Doc 2026-16400/);
    expect(cites(measure('s232-uas'))).toMatch(/Proclamation 11055/);
    for (const m of schedule.measures) expect(cites(m), m.id).not.toMatch(/number UNCONFIRMED|primary text UNCONFIRMED/);
  });
});

describe('pharmaceuticals, Proc. 11020 (C3; 91 FR 18183)', () => {
  it('first stage 2026-07-31 to 2026-09-28: no Section 232 duty (9903.04.61), the Annex III assumption stated on the line', () => {
    expect(measure('s232-pharma-first-stage-japan').window).toEqual({ from: '2026-07-31', to: '2026-09-29' });
    const before = line('3004.90.92', '2026-07-30', '0');
    expect(before).toMatchObject({ duty: '0.00', measures: ['mfn'] });
    const first = line('3004.90.92', '2026-09-28', '0') as { duty: string; measures: string[]; notes: string[] };
    expect(first).toMatchObject({ duty: '0.00', measures: ['mfn', 's232-pharma-first-stage-japan'] });
    expect(first.notes.join(' ')).toMatch(/Annex III of Proc\. 11020/);
  });

  it('from 2026-09-29 for every importer: refused with the four outcomes (9903.04.62 / .66 / .70 / .67), never a guessed duty', () => {
    const r = line('3004.90.92', '2026-09-29', '0') as { refused: string };
    expect(r.refused).toMatch(/from 2026-09-29 \(2026-07-31 for companies listed in Proc\. 11020 Annex III\)/);
    expect(r.refused).toMatch(/patented inclusive 15% \(9903\.04\.62/);
    expect(r.refused).toMatch(/specialty pharmaceuticals 0% \(9903\.04\.66\)/);
    expect(r.refused).toMatch(/research or clinical trials 0% \(9903\.04\.70\)/);
    expect(r.refused).toMatch(/generics and biosimilars 0% \(9903\.04\.67\) but the Section 301 inclusive 12\.5% unless the line is on the note 52\(b\) or 52\(e\) list/);
    expect(cites(measure('s232-pharma-patented-japan'))).toMatch(/91 FR 18183.*91 FR 60360, FR Doc 2026-19498/);
  });

  it('does not displace Section 301 (generics 9903.04.67 are outside note 52(f)(8)), only the reciprocal and Section 122 layers', () => {
    // Japan's measure replaces the general one (all-origins) by id; neither displaces the Section 301 layer.
    expect(measure('s232-pharma-patented-japan').displaces).toEqual(['s232-pharma-patented', 'layer:reciprocal', 'layer:section-122']);
    expect(measure('s232-pharma-patented').displaces).toEqual(['layer:reciprocal', 'layer:section-122']);
  });
});

describe('not-modelled Section 232 actions with their dates (C5)', () => {
  it.each([
    // HTS, MFN, last day without, first day with, measure, what the reason must say
    ['8806.21.00', '0', '2026-09-02', '2026-09-03', 's232-uas', /Proc\. 11055.*certifies/],
    ['3818.00.00', '0', '2026-12-03', '2026-12-04', 's232-polysilicon', /Proc\. 11052.*\$21\/kg polysilicon.*MFN \+ 232 = 15%/],
  ])('%s: computed on %s, refused from %s (%s)', (hts, mfn, before, from, id, reason) => {
    expect(measure(id).window.from).toBe(from);
    expect(line(hts, before, mfn)).toHaveProperty('duty');
    expect(line(hts, from, mfn)).toMatchObject({ refused: expect.stringMatching(reason) });
  });
});

describe('Section 122 (C6)', () => {
  it('confidence primary; the CIT ruling (plaintiffs only) and the pending appeal on every line; not refundable', () => {
    const m = measure('s122-10');
    expect(m.confidence).toBe('primary');
    expect(m.refund).toBeUndefined();
    expect(cites(m)).toMatch(/State of Oregon v\. Trump.*26-1804/);
    const l = line('9503.00.00', '2026-03-02', '0') as { duty: string; notes: string[] };
    expect(l.duty).toBe('1000.00');
    expect(l.notes.join(' ')).toMatch(/CIT held the surcharge unlawful on 2026-05-07 with relief for the plaintiff importers only.*not refundable for other importers/);
  });
});

describe('Section 301 forced labor (C7, C15)', () => {
  it('cites the memorandum (91 FR 47717, FR Doc 2026-15274); rate confidence primary; still inclusive 12.5% at the evidence end', () => {
    const m = measure('s301-japan-inclusive-12.5');
    expect(cites(m)).toMatch(/Presidential Memorandum of 2026-07-23.*91 FR 47717, FR Doc 2026-15274/);
    expect(m.confidence).toBe('primary');
    expect(line('9503.00.00', '2026-10-09', '0')).toMatchObject({ duty: '1250.00', measures: ['mfn', 's301-japan-inclusive-12.5'] });
  });
});

describe('MHDV (C9) and wood (C12)', () => {
  it('MHDV: the Japan cap is settled (none), no longer UNCONFIRMED', () => {
    const r = measure('s232-mhdv').rate;
    expect(r.kind === 'not-modelled' && r.reason).toMatch(/no country provision/);
    expect(JSON.stringify(measure('s232-mhdv'))).not.toMatch(/UNCONFIRMED/);
  });

  it('wood furniture: Japan capped at 15% from the primary text', () => {
    expect(measure('s232-wood-furniture-japan').confidence).toBe('primary');
  });
});
