/**
 * A good of a provision of HTS chapter 99 subchapter III U.S. note 33(g) is charged the Section 232 parts duty only
 * when it is an automobile part: note 33(f) ("Automobile parts, for this purpose, include ... parts of passenger
 * vehicles ... and light trucks classified under the HTSUS provisions enumerated in subdivision (g)") and note
 * 33(h)(ii) (heading 9903.94.06, no additional duty, for the goods of those provisions "that are not parts of
 * passenger vehicles ... and light trucks"; CBP CSMS #64916652). The row gives the fact as auto_part (yes/no);
 * where the line's own description names the motor vehicle (8708, "of a kind used on motor cars") the fact is the
 * law; elsewhere (8471 computers) a line without it is computed as not an automobile part, and says so.
 *
 * The schedule's lines where the fact is the law (`exceptHts`) are what scripts/gen-auto-parts-use.js derives from
 * the official descriptions (../shared/hts-data, absent from a user's clone: that test then skips, saying so).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calc, explain } from '../../src/index.js';
import { bundledEngine } from '../helpers.js';

// @ts-expect-error -- a plain JavaScript maintainer script, without types
const gen = (await import('../../scripts/gen-auto-parts-use.js')) as {
  HTS_EXPORT: string;
  VEHICLE: RegExp;
  deriveAutoPartsUse: () => { exceptHts: string[]; report: string[] };
  updatedParts: (exceptHts: string[]) => { name: string; before: string; after: string; measures: number }[];
};

const engine = bundledEngine();
/** The measures whose assumption reads auto_part, and that assumption. */
const readers = engine.measures.flatMap((m) => m.assumes.filter((a) => a.without === 'auto_part').map((a) => ({ m, a })));

const present = existsSync(gen.HTS_EXPORT);
if (!present) console.warn(`SKIPPED: ${gen.HTS_EXPORT} is absent, so the auto parts' exceptHts cannot be checked against the official descriptions`);

describe.skipIf(!present)('exceptHts is what scripts/gen-auto-parts-use.js derives from the official descriptions (HTS 2026 Rev. 10)', () => {
  const derived = present ? gen.deriveAutoPartsUse() : { exceptHts: [], report: [] };

  it('every schedule part that reads auto_part is committed as the script writes it', () => {
    const parts = gen.updatedParts(derived.exceptHts);
    expect(parts.map((p) => p.name)).toEqual(['all-origins.json', 'brazil.json', 'canada.json', 'eu.json', 'japan.json', 'korea.json', 'mexico.json', 'taiwan.json', 'united-kingdom.json']);
    for (const p of parts) expect(p.before, `data/schedules/parts/${p.name} is stale: run node scripts/gen-auto-parts-use.js`).toBe(p.after);
  });

  it('reports 8708 and 4011.10 vehicle-described, 8471 and 8482 general, 8507.60 split at its electric-vehicle line', () => {
    const of = (code: string) => derived.report.find((r) => r.startsWith(`${code}: `)) ?? '';
    expect(of('8708.29')).toContain('vehicle-described ("motor vehicles")');
    expect(of('4011.10.10')).toContain('vehicle-described ("motor cars")');
    expect(of('8471')).toContain('general');
    expect(of('8482.40.00')).toContain('general');
    expect(of('8507.60')).toContain('split: vehicle-described 8507.60.00.10');
  });
});

describe('the committed assumption (no ../shared needed)', () => {
  it('the parts measures of every origin and the Canada/Mexico EO 14289 and Brazil Section 301 carve-outs read auto_part, with one list of lines where it is the law', () => {
    expect(readers.map(({ m }) => m.id).sort()).toEqual([
      'br-s301-auto-parts',
      'ca-eo14289-auto-parts',
      'mx-eo14289-auto-parts',
      's232-parts-25',
      's232-parts-eu-inclusive-15',
      's232-parts-japan-inclusive-15',
      's232-parts-korea-inclusive-15',
      's232-parts-taiwan-inclusive-15',
      's232-parts-uk-10',
    ]);
    const lists = new Set(readers.map(({ a }) => a.otherwise!.exceptHts.join(' ')));
    expect(lists.size).toBe(1);
    const law = readers[0]!.a.otherwise!.exceptHts;
    expect(law).toContain('870829');
    expect(law.some((p) => '84713001'.startsWith(p))).toBe(false);
    // Every assumption says what the other case is, by default off the vehicle-described lines.
    for (const { a } of readers) expect(a.otherwise!.byDefault?.note).toMatch(/give auto_part = yes \(--auto-part yes\)/);
  });

  it('the rule is on the words: "vehicles, aircraft or ships" (8544.30) is not a vehicle part by description', () => {
    expect(gen.VEHICLE.test('Ignition wiring sets and other wiring sets of a kind used in vehicles, aircraft or ships')).toBe(false);
    expect(gen.VEHICLE.test('Parts and accessories of the motor vehicles of headings 8701 to 8705')).toBe(true);
    expect(gen.VEHICLE.test('Reciprocating piston engines of a kind used for the propulsion of vehicles of chapter 87')).toBe(true);
  });
});

describe('a laptop of 8471.30.01 (China, $1,000.00, entered 2026-01-10): note 33(f) charges automobile parts only', () => {
  // In force: MFN Free; the China fentanyl duty 10% (EO 14357, 9903.01.25) = 100.00; 8471 is on EO 14257 Annex II
  // (no reciprocal duty). As an automobile part it would add 25% (9903.94.05) = 250.00.
  const laptop = { hts: '8471.30.01', origin: 'CN', value: '1000.00', date: '2026-01-10' };

  it('without auto_part: not charged the parts duty, and the line says what was assumed and how to give the fact', async () => {
    const r = await calc([laptop], { fees: false });
    expect(r.lines[0]!.duty).toBe('100.00');
    expect(r.lines[0]!.duties.map((d) => d.measure)).not.toContain('s232-parts-25');
    const note = r.lines[0]!.notes.find((n) => n.startsWith('auto_part not given'));
    expect(note).toContain('assumed not a part of a passenger vehicle or light truck');
    expect(note).toContain('--auto-part yes');
  });

  it('auto_part yes: the parts duty applies, with no note of an assumption; no: as not one, with no note', async () => {
    const r = await calc([{ ...laptop, auto_part: 'yes' }, { ...laptop, auto_part: 'no' }], { fees: false });
    expect(r.lines.map((l) => l.duty)).toEqual(['350.00', '100.00']);
    expect(r.lines[0]!.duties.find((d) => d.measure === 's232-parts-25')?.amount).toBe('250.00');
    for (const l of r.lines) expect(l.notes.some((n) => n.includes('auto_part'))).toBe(false);
  });

  it('explain names why the parts measure did not apply', async () => {
    const r = await explain(laptop, { fees: false });
    const parts = r.lines[0]!.explain!.find((e) => e.measure === 's232-parts-25');
    expect(parts?.applied).toBe(false);
    expect(parts?.reason).toMatch(/^outside this measure by default: auto_part not given/);
  });

  it('the boundary: before 2025-05-03 (Proc. 10908) no parts duty either way; from 2025-05-03 the answer decides', async () => {
    // China fentanyl 20% then (EO 14257 as amended: 9903.01.24) = 200.00; the parts duty 25% = 250.00.
    const at = (date: string, auto_part: string) => ({ ...laptop, date, auto_part });
    const r = await calc([at('2025-05-02', ''), at('2025-05-02', 'yes'), at('2025-05-03', ''), at('2025-05-03', 'yes')], { fees: false });
    expect(r.lines.map((l) => l.duty)).toEqual(['200.00', '200.00', '200.00', '450.00']);
    expect(r.lines[0]!.notes.some((n) => n.includes('auto_part'))).toBe(false);
    // An answer no measure reads yet is said to be unused, as a US share no measure charges by is.
    expect(r.lines[1]!.notes).toContain('auto_part is not used: no measure in force on this date for this line asks whether the good is an automobile part');
    expect(r.lines[2]!.notes.some((n) => n.startsWith('auto_part not given'))).toBe(true);
    expect(r.lines[3]!.notes.some((n) => n.includes('auto_part'))).toBe(false);
  });
});

describe('an 8708 line (parts and accessories of the motor vehicles of headings 8701 to 8705): the fact is the law', () => {
  // 8708.29.51, China, $1,000.00, 2025-06-01: MFN 2.5% = 25.00, fentanyl 20% = 200.00, Section 301 list 3 25% =
  // 250.00, parts 25% = 250.00: 725.00 whatever auto_part says, and no assumption note.
  const part = { hts: '8708.29.51', origin: 'CN', value: '1000.00', date: '2025-06-01' };

  it('computed as an automobile part without the fact and with yes, with no note', async () => {
    const r = await calc([part, { ...part, auto_part: 'yes' }], { fees: false });
    expect(r.lines.map((l) => l.duty)).toEqual(['725.00', '725.00']);
    for (const l of r.lines) expect(l.notes.some((n) => n.includes('auto_part') || n.includes('passenger vehicle'))).toBe(false);
  });

  it('auto_part no is rejected, naming the field and why', async () => {
    const r = await calc([{ ...part, auto_part: 'no' }], { fees: false });
    expect(r.lines).toEqual([]);
    expect(r.rejected[0]!.field).toBe('auto_part');
    expect(r.rejected[0]!.reason).toMatch(/^auto_part is no, but for HTS 8708\.29\.51 Section 232 automobile parts 25% admits no other case: its official description names the motor vehicle/);
  });

  it('a bad value is rejected naming the line and the column', async () => {
    const r = await calc([{ ...part, auto_part: 'maybe' }], { fees: false });
    expect(r.rejected[0]).toMatchObject({ line: 2, field: 'auto_part' });
    expect(r.rejected[0]!.reason).toContain('expected yes or no');
  });
});

describe('other origins and rows by category', () => {
  it('Japan and the EU: a laptop said to be an automobile part pays the deal rate (inclusive 15%), else nothing', async () => {
    const at = (origin: string, auto_part: string) => ({ hts: '8471.30.01', origin, value: '1000.00', date: '2025-09-20', auto_part });
    const r = await calc([at('JP', 'yes'), at('DE', 'yes'), at('JP', ''), at('DE', '')], { fees: false });
    expect(r.lines.map((l) => l.duty)).toEqual(['150.00', '150.00', '0.00', '0.00']);
  });

  it('Brazil: EO 14323 exempts goods under Section 232 (9903.01.83), so a laptop that is not an automobile part pays the 40%', async () => {
    // 2025-09-01: 8471 is on EO 14257 Annex II (no reciprocal 10%); EO 14323's 40% = 400.00 unless the parts duty
    // applies (25% = 250.00), which displaces it.
    const at = (auto_part: string) => ({ hts: '8471.30.01', origin: 'BR', value: '1000.00', date: '2025-09-01', auto_part });
    const r = await calc([at(''), at('no'), at('yes')], { fees: false });
    expect(r.lines.map((l) => `${l.duty} ${l.duties.map((d) => d.measure).join(' ')}`)).toEqual(['400.00 mfn br-40-2025-08-18', '400.00 mfn br-40-2025-08-18', '250.00 mfn s232-parts-25']);
    // From 2026-07-22 the Section 301 Brazil 25% exempts Section 232 articles too (note 50), with the forced-labor
    // 12.5% stacked on it; the parts duty displaces that one (layer section-301): not a part 125.00 + 250.00 = 375.00;
    // a part 250.00 (br-s301-auto-parts: no Section 301 Brazil duty).
    const later = await calc([{ ...at('no'), date: '2026-08-01' }, { ...at('yes'), date: '2026-08-01' }], { fees: false });
    expect(later.lines.map((l) => l.duty)).toEqual(['375.00', '250.00']);
  });

  it('a row by category auto-parts is taken as an automobile part, with the note; auto_part no takes it out', async () => {
    // China 2025-06-01, category auto-parts (MFN 2.5% assumed): 25.00 + fentanyl 200.00 + parts 250.00 = 475.00; not a
    // part: 25.00 + 200.00 + the reciprocal 10% 100.00 = 325.00.
    const row = { category: 'auto-parts', origin: 'CN', value: '1000.00', date: '2025-06-01' };
    const r = await calc([row, { ...row, auto_part: 'no' }], { fees: false });
    expect(r.lines.map((l) => l.duty)).toEqual(['475.00', '325.00']);
    expect(r.lines[0]!.notes.some((n) => n.startsWith('assumed a part of a passenger vehicle or light truck'))).toBe(true);
  });
});

describe('a code over lines of both kinds (8507.60.00: its .10 batteries for electric vehicles name the vehicle, .30 and .90 do not)', () => {
  // Without auto_part the duty depends on which line the good is (note 33(f): the .10 line is an automobile part by
  // its description, the others are not unless the row says so): refused as not specific enough, never guessed.
  // China, $1,000.00, 2025-09-01: MFN 3.4% = 34.00, fentanyl 20% = 200.00; as a part + parts 25% = 250.00 -> 484.00;
  // not a part + the reciprocal 10% = 100.00 -> 334.00 (Li-ion batteries are on no Section 301 list then collected).
  const at = (hts: string, auto_part = '') => ({ hts, origin: 'CN', value: '1000.00', date: '2025-09-01', auto_part });

  it('without auto_part, 8507.60.00 is refused naming the line where the fact is the law and the input', async () => {
    const r = await calc([at('8507.60.00')], { fees: false });
    expect(r.lines).toEqual([]);
    expect(r.rejected[0]!.field).toBe('hts');
    expect(r.rejected[0]!.reason).toMatch(
      /^HTS 8507\.60\.00 is not specific enough for Section 232 automobile parts 25%: on lines under it such as 8507\.60\.00\.10 it applies whatever auto_part says \(its official description names the motor vehicle it is for .*\), on the others only with auto_part yes; give the full 8- or 10-digit code, or auto_part \(yes or no\)$/,
    );
  });

  it('with auto_part, or with the 10-digit line, it is computed as each line is', async () => {
    const r = await calc([at('8507.60.00', 'yes'), at('8507.60.00', 'no'), at('8507.60.00.10'), at('8507.60.00.90')], { fees: false });
    expect(r.rejected).toEqual([]);
    expect(r.lines.map((l) => l.duty)).toEqual(['484.00', '334.00', '484.00', '334.00']);
  });
});
