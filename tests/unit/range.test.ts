/**
 * `--range` (issue 15 part 3): per line, the lowest and highest duty over the facts the line did not give
 * (src/core/range.ts). The ends are checked against plain `calc` runs with those facts given explicitly, through
 * the library (the same path as the CLI: row checks, resolution, arithmetic, JSON), over the bundled examples.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCents, formatRate } from '../../src/values/money.js';
import { dutyWith, factAlternatives, lineRange, previousDay, type RangeFacts } from '../../src/core/range.js';
import { Resolver } from '../../src/core/resolve.js';
import { calc } from '../../src/index.js';
import { readHeader, readRow, type Row } from '../../src/schema/row.js';
import { bundledEngine } from '../helpers.js';
import { lawDates as lawDatesOf, rangeExamples } from './range-cases.js';

const engine = bundledEngine();
const dir = mkdtempSync(join(tmpdir(), 'tariff-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A scenario file without these measures: how a user computes the case where a measure's assumption does not
 * hold (the line is outside it), as the README says for parts that are not automobile parts.
 */
function scenarioWithout(ids: string[]): string {
  const file = join(dir, `without-${ids.join('-')}.json`);
  const changes = ids.map((id) => ({ op: 'remove', measure: id, why: 'the assumption of this measure does not hold for the line' }));
  writeFileSync(file, JSON.stringify({ id: `without-${ids.join('-')}`, title: 'range replay', base: 'us', description: 'range replay', changes }));
  return file;
}

/** A row as the CLI reads it, from cells named like the CSV columns. */
function rowOf(cells: Record<string, string>): Row {
  const names = Object.keys(cells);
  const header = readHeader(names);
  if (!header.ok) throw new Error(header.problem.message);
  const r = readRow(names.map((n) => cells[n]!), 2, header.header, { date: '2025-10-01', origin: 'JP', mfn: null, mode: 'ocean' });
  if (!r.ok) throw new Error(r.issue.reason);
  return r.row;
}

/** The columns that give these facts (only those the range varied, plus the row's own). */
function factColumns(f: RangeFacts): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.loaded !== null) out.loaded = f.loaded;
  if (f.usContent !== null) out.us_content = formatRate(f.usContent);
  if (f.metalValue !== null) out.metal_value = formatCents(f.metalValue);
  if (f.spi !== null) out.spi = f.spi;
  if (f.autoPart !== null) out.auto_part = f.autoPart ? 'yes' : 'no';
  return out;
}

describe('range over the metal value: a steel line worked by hand', () => {
  // 7207.11.00 (semi-finished iron or non-alloy steel, General Free), $96,000.00 entered 2025-06-04, US content 0%
  // given, metal value not given. In force that day: Section 232 steel at 50% (Proc. 10947, 90 FR 24199), which
  // from 2025-06-04 charges the steel content only, the rest paying the reciprocal layer it displaces
  // (metalContent.remainderPaysDisplaced), and the reciprocal pause at 10% (EO 14266). MFN is Free.
  //   metal value = 96,000.00 (the default: all of it): 50% x 96,000.00 = 48,000.00; rest 0 x 10% = 0   -> 48,000.00
  //   metal value = 0:                                  50% x 0 = 0; rest 96,000.00 x 10% = 9,600.00   ->  9,600.00
  //   (in between, linear: metal 40,000.00 -> 20,000.00 + 5,600.00 = 25,600.00)
  // The in-transit rule of the pause (loaded before 2025-04-05) ended for entries from 2025-05-27, so the loading
  // date cannot change the duty: only the metal value is varied.
  const row = rowOf({ hts: '7207.11.00', value: '96000.00', date: '2025-06-04', us_content: '0' });
  const r = lineRange(new Resolver(engine), row);

  it('varies the metal value only, and gives its ends', () => {
    expect(r.varied).toEqual(['metal_value']);
    expect(formatCents(r.high.duty)).toBe('48000.00');
    expect(r.high.assumed).toEqual([]); // the default gives the highest
    expect(formatCents(r.low.duty)).toBe('9600.00');
    expect(r.low.assumed).toEqual(['metal_value']);
    expect(r.low.facts.metalValue).toBe(0n);
    expect(r.skipped).toEqual([]);
  });

  it('the point in between is on the line between the ends', async () => {
    const mid = await calc([{ hts: '7207.11.00', value: '96000.00', date: '2025-06-04', us_content: '0', metal_value: '40000.00' }], { fees: false });
    expect(mid.lines[0]!.duty).toBe('25600.00');
  });
});

describe('a fact the row may give: an automobile part (HTS ch. 99 U.S. note 33(f), (g)), worked by hand', () => {
  // 8471.30.01 (a laptop, General Free) of China, $1,000.00 entered 2026-01-10. Note 33(g) lists heading 8471 whole,
  // but note 33(f) charges the parts duty on automobile parts only, and 8471's description names no vehicle: without
  // auto_part the line is computed as not one (note 33(h)(ii), 9903.94.06), and the other end is the part's duty.
  // In force: the China fentanyl duty 10% (EO 14357); 8471 is on EO 14257 Annex II (no reciprocal duty).
  //   not an automobile part (the default): 10% x 1,000.00 = 100.00
  //   an automobile part (auto_part yes):   100.00 + 25% x 1,000.00 (9903.94.05) = 350.00
  const laptop = { hts: '8471.30.01', origin: 'CN', value: '1000.00', date: '2026-01-10' };

  it('gives both answers to auto_part, the default at the low end', async () => {
    const r = lineRange(new Resolver(engine), rowOf(laptop));
    expect(r.varied).toEqual(['auto_part']);
    expect(formatCents(r.low.duty)).toBe('100.00');
    expect(r.low.assumed).toEqual([]);
    expect(formatCents(r.high.duty)).toBe('350.00');
    expect(r.high.facts.autoPart).toBe(true);
    const run = await calc([{ ...laptop, auto_part: 'yes' }], { fees: false });
    expect(run.lines[0]!.duty).toBe('350.00');
  });

  it('a row that gives auto_part is computed as given: no range over it', () => {
    for (const answer of ['yes', 'no']) {
      const r = lineRange(new Resolver(engine), rowOf({ ...laptop, auto_part: answer }));
      expect(r.considered).not.toContain('auto_part');
      expect(r.low.duty).toBe(r.high.duty);
    }
  });

  it('where the fact is the law (8708: parts of the motor vehicles of headings 8701 to 8705) nothing is varied', () => {
    // 8708.29.51.10, $12,480.00 entered 2025-06-15 from Japan, US content 0%: 2.5% x 12,480.00 = 312.00 + 25% =
    // 3,120.00 -> 3,432.00, a point.
    const r = lineRange(new Resolver(engine), rowOf({ hts: '8708.29.51.10', value: '12480.00', date: '2025-06-15', us_content: '0' }));
    expect(r.considered).not.toContain('auto_part');
    expect(r.considered).not.toContain('outside');
    expect(formatCents(r.low.duty)).toBe('3432.00');
    expect(formatCents(r.high.duty)).toBe('3432.00');
  });

  it('an other case the data excepts for the line is not computed (Proc. 11021: chapters 72, 73, 74, 76)', () => {
    // The 15%-by-weight rule is for lines outside those chapters: a steel article of chapter 73 has no other case.
    const steel = rowOf({ hts: '7318.15.20', value: '1000', date: '2026-08-01', us_content: '0' });
    expect(lineRange(new Resolver(engine), steel).considered).not.toContain('outside');
  });
});

describe('which facts are varied comes from the data', () => {
  it('a loading date only while an in-transit rule can still apply, one date per span between cut-offs', () => {
    // 2025-04-09: EO 14257's 24% for Japan, with its in-transit rules: loaded before 2025-04-05 exempt, loaded
    // 2025-04-05 to 04-08 at 10%, both for entries before 2025-05-27.
    const row = rowOf({ hts: '8458.11.00', value: '1000', date: '2025-04-09', us_content: '0' });
    const loaded = factAlternatives(engine, row).find((a) => a.fact === 'loaded');
    expect(loaded?.values).toEqual(['2025-04-09', '2025-04-08', '2025-04-04']);
    // The same good entered after the deadline: no loading date matters.
    expect(factAlternatives(engine, rowOf({ hts: '8458.11.00', value: '1000', date: '2025-06-01' })).map((a) => a.fact)).not.toContain('loaded');
  });

  it('nothing is varied for a fact the line gives', () => {
    const row = rowOf({ hts: '8458.11.00', value: '1000', date: '2025-04-09', us_content: '25', loaded: '2025-04-01' });
    expect(factAlternatives(engine, row).map((a) => a.fact)).not.toContain('loaded');
    expect(factAlternatives(engine, row).map((a) => a.fact)).not.toContain('us_content');
  });

  it('a code put on a list from a date is read as the Resolver reads it: not on the list before that date', () => {
    // 0201.10.50 (beef carcasses) is on EO 14257 Annex II as amended only from 2025-11-13 (its list entry's date).
    // On 2025-10-01 the reciprocal duty of Switzerland (39%, EO 14326) still covers it, with the US-content rule (CBP
    // IEEPA FAQ, 9903.01.34) and its in-transit rule, so both are varied: as given 2,640.00 MFN (26.4%) + 3,900.00 =
    // 6,540.00; calc with us_content 100 gives 2,640.00 (MFN alone), the low end. From 2025-11-13 the line is outside the reciprocal duty: neither is varied.
    const before = lineRange(new Resolver(engine), rowOf({ hts: '0201.10.50', origin: 'CH', value: '10000', date: '2025-10-01' }));
    expect(before.varied).toEqual(['loaded', 'us_content']);
    expect(formatCents(before.low.duty)).toBe('2640.00');
    const after = lineRange(new Resolver(engine), rowOf({ hts: '0201.10.50', origin: 'CH', value: '10000', date: '2025-11-13' }));
    expect(after.varied).not.toContain('us_content');
  });

  it('previousDay crosses months, years and leap days', () => {
    expect(previousDay('2025-03-01')).toBe('2025-02-28');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
    expect(previousDay('2025-04-05')).toBe('2025-04-04');
  });
});

const examples = rangeExamples;
const lawDates = lawDatesOf(engine);

describe('property: each end equals a plain calc run with its facts given explicitly (bundled examples)', () => {
  it('on any law date, for any example row', async () => {
    const resolver = new Resolver(engine);
    let ranged = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...examples), fc.constantFrom(...lawDates), async (cells, date) => {
        const given = { ...cells, date };
        const baseline = await calc([given], { fees: false });
        if (baseline.lines.length === 0) return; // rejected as given (not modelled, say): no range
        const row = rowOf(given);
        const r = lineRange(resolver, row);
        const duty = BigInt(baseline.lines[0]!.duty.replace('.', ''));
        expect(r.low.duty <= duty && duty <= r.high.duty).toBe(true);
        if (r.low.duty !== r.high.duty) ranged++;
        for (const end of [r.low, r.high]) {
          const law = end.facts.outside.length === 0 ? {} : { scenarioFile: scenarioWithout(end.facts.outside) };
          const run = await calc([{ ...given, ...factColumns(end.facts) }], { fees: false, ...law });
          expect(run.rejected).toEqual([]);
          expect(run.lines[0]!.duty).toBe(formatCents(end.duty));
        }
      }),
      { numRuns: 60, seed: 15 },
    );
    expect(ranged).toBeGreaterThan(0); // the property saw real ranges, not only points
  }, 60_000);
});

describe('property: no value of the facts left out gives a duty outside the range', () => {
  // The ends are searched over one value per class of each fact; any other value (a loading date, a US share from
  // 0 to 100%, a metal value from 0 to the value, a program claimed or not, auto_part yes or no) must land between them, up to the
  // rounding of each measure's amount to the cent inside a linear stretch (at most a cent per measure).
  it('for random facts on any law date, any example row', () => {
    const resolver = new Resolver(engine);
    const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.constantFrom(...lawDates),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(null, 'JP'),
        fc.constantFrom(null, true, false),
        (cells, date, loadedDay, usMicro, metalPpm, spi, autoPart) => {
          const row = rowOf({ ...cells, date });
          const base = dutyWith(resolver, row, { loaded: null, usContent: null, metalValue: null, spi: null, autoPart: null, outside: [] });
          if (typeof base === 'string') return; // rejected as given
          const r = lineRange(resolver, row);
          const loaded = day(loadedDay) <= date ? day(loadedDay) : date;
          const facts: RangeFacts = { loaded, usContent: BigInt(usMicro), metalValue: (row.value * BigInt(metalPpm)) / 1_000_000n, spi, autoPart, outside: [] };
          const duty = dutyWith(resolver, row, facts);
          if (typeof duty === 'string') return; // a program the line cannot claim, or auto_part no where it is the law, say
          const slack = 5n; // a cent per measure applied (never more than five on one line)
          expect(duty >= r.low.duty - slack && duty <= r.high.duty + slack, `${JSON.stringify(cells)} on ${date}: ${duty} outside [${r.low.duty}, ${r.high.duty}]`).toBe(true);
        },
      ),
      { numRuns: 1500, seed: 15 },
    );
  });
});
