/** The USITC HTS JSON export (DOMAIN.md s.10), read from a fixture built by hand in its format. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeLineDuty, specificAmount } from '../../src/core/compute.js';
import { importUsitc, parseRateText, plainText, RATE_REFUSAL_KIND, rateRefusal, rateRefusalKind, type UsitcRow } from '../../src/core/usitc.js';
import { ROOT } from '../helpers.js';

const rows = JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/usitc/hts-sample.json'), 'utf8')) as UsitcRow[];

describe('rate text', () => {
  it.each([
    ['Free', { pct: '0', specific: null }],
    ['2.5%', { pct: '2.5', specific: null }],
    ['12.50%', { pct: '12.5', specific: null }],
    ['4.4¢/kg', { pct: '0', specific: { cents: '4.4', unit: 'kg' } }],
    ['2.5% + 4.4¢/kg', { pct: '2.5', specific: { cents: '4.4', unit: 'kg' } }],
    ['4.4¢/kg + 2.5%', { pct: '2.5', specific: { cents: '4.4', unit: 'kg' } }],
    ['$1.50/each', { pct: '0', specific: { cents: '150', unit: 'each' } }],
    ['$0.255/kg', { pct: '0', specific: { cents: '25.5', unit: 'kg' } }],
    ['6.3¢/liter', { pct: '0', specific: { cents: '6.3', unit: 'liter' } }],
  ])('%s', (text, want) => expect(parseRateText(text)).toEqual(want));

  it.each([
    ['0.9¢ each', { pct: '0', specific: { cents: '0.9', unit: 'each' } }],
    ['5¢/kg +3%', { pct: '3', specific: { cents: '5', unit: 'kg' } }],
    ['8.5¢/ liter', { pct: '0', specific: { cents: '8.5', unit: 'liter' } }],
    ['89.6¢/1000', { pct: '0', specific: { cents: '0.0896', unit: 'each' } }], // 0601.10.15: per thousand items
    ['$1.34/1000', { pct: '0', specific: { cents: '0.134', unit: 'each' } }],
    ['4.4¢/kg on drained weight', { pct: '0', specific: { cents: '4.4', unit: 'kg drained weight' } }],
    ['6.5% on the entire set', { pct: '6.5', specific: null }],
  ])('Rev. 10 shape %s', (text, want) => expect(parseRateText(text)).toEqual(want));

  it.each([
    ['See 9903.88.15', /U\.S\. note/],
    ['The duty provided in the applicable subheading + 10%', /more terms/],
    ['44¢ each + 6% on the case + 14% on the strap, band or bracelet + 5.3% on the battery', /parts of the article/],
    ['The rate applicable to each garment in the ensemble if separately entered', /another article/],
    ['0.3¢/line/ gross + 4.6%', /counts a quantity/],
    ['1% + 2% + 3%', /more terms/],
  ])('refused with the reason: %j', (text, reason) => {
    expect(parseRateText(text)).toBeNull();
    expect(rateRefusal(text)).toMatch(reason);
  });

  // Issue 11: the walk of every line counts the two kinds apart (tests/unit/hts-table.test.ts).
  it.each([
    ['The rate applicable to the natural juice in heading 2009', 'no-computation'], // 2009.90.40: another line's rate
    ['See additional U.S. note 3', 'no-computation'],
    ['1% + 2% + 3%', 'no-computation'],
    ['$1.75 each + 4.8% on the case + 2.2% on the strap, band or bracelet', 'needs-input'], // 9102: parts valued separately
    ['36¢ each + 5.6% + 2¢/jewel', 'needs-input'], // jewels counted
    ['1.4606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854¢/kg', 'needs-input'], // sugar by polarity
    ['3.1¢/liter + 22.1¢/pf. liter on ethyl alcohol content', 'needs-input'],
    ['2.5% on the value of the lead content', 'needs-input'],
  ] as const)('the kind of refusal of %j is %s, and the reason starts with it', (text, kind) => {
    expect(parseRateText(text)).toBeNull();
    expect(rateRefusalKind(text)).toBe(kind);
    expect(rateRefusal(text).startsWith(`${RATE_REFUSAL_KIND[kind]} (`)).toBe(true);
  });

  it.each(['See 9903.88.15', 'The duty provided in the applicable subheading + 10%', '1% + 2% + 3%', ''])('not a rate: %j', (text) => {
    expect(parseRateText(text)).toBeNull();
  });

  it('strips HTML and entities from text', () => {
    expect(plainText('<i>Other</i> screws &amp; bolts')).toBe('Other screws & bolts');
  });
});

describe('importUsitc', () => {
  const result = importUsitc(rows);

  it('keeps 8-digit lines and 10-digit lines with a rate of their own; skips headings, chapter 99 and See rows', () => {
    expect(result.entries.map((e) => [e.hts, e.text])).toEqual([
      ['8703.23.01', '2.5%'],
      ['2204.21.20', '6.3¢/liter'],
      ['0406.10.08', '2.5% + 4.4¢/kg'],
      ['6601.10.00', '$1.50/each'],
      ['7318.12.00', '12.5%'],
      ['2005.70.12', '4.4¢/kg on drained weight'],
      ['8457.10.00', '4.2%'],
      ['8457.10.00.20', '3.9%'],
    ]);
    expect(result.entries.find((e) => e.hts === '7318.12.00')!.description).toBe('Other wood screws');
    expect(result.skipped).toEqual([]); // "4.4¢/kg on drained weight" is priced on a quantity in kg drained weight
    expect(result.rows).toBe(rows.length);
  });

  it('statistical rows with an empty rate inherit their parent\'s through the table\'s longest prefix', () => {
    expect(result.entries.some((e) => e.hts === '8703.23.01.10')).toBe(false);
  });
});

describe('specific amounts', () => {
  it('quantity x cents per unit, rounded half up', () => {
    expect(specificAmount(100_000_000n, 6_300_000n)).toBe(630n); // 100 liters at 6.3 cents
    expect(specificAmount(1_000_000n, 4_400_000n)).toBe(4n); // 4.4 cents -> 4
    expect(specificAmount(1_500_000n, 1_000_000n)).toBe(2n); // 1.5 cents -> 2 (half up)
    expect(() => computeLineDuty({ mfnSpecific: { microCents: 1n, unit: 'kg', text: '' } } as never, 1n, null)).toThrow(/invariant/);
  });
});

describe('review fixes', () => {
  it('a line does not inherit past an ancestor whose rate could not be read', () => {
    const r = importUsitc([
      { htsno: '2005', indent: '0', description: 'x', general: '5%' },
      { htsno: '2005.70', indent: '1', description: 'y', general: '4.4¢/kg on lead content + 1% on the case' },
      { htsno: '2005.70.12', indent: '2', description: 'z', general: '' },
    ]);
    expect(r.entries.map((e) => e.hts)).toEqual(['2005']);
    expect(r.skipped.map((s) => [s.hts, s.reason])).toEqual([['2005.70', expect.stringMatching(/content/)]]);
  });

  it('a compound MFN duty is rounded once: 2.5% of 10 cents + 1 unit at 0.3 cents = 0.55 cents -> 1 cent', () => {
    const mfn = { id: 'mfn', layer: 'mfn', rate: { kind: 'mfn' }, refundBasis: null };
    const plan = { mfn: 2_500_000n, mfnSpecific: { microCents: 300_000n, unit: 'kg', text: '2.5% + 0.3¢/kg' }, applied: [{ measure: mfn, rate: 2_500_000n, base: 'value', nonUsShare: false }] };
    expect(computeLineDuty(plan as never, 10n, 1_000_000n).duty).toBe(1n);
  });

  it('an inclusive measure over a specific MFN on part of the value subtracts only that part\'s share of the MFN duty', () => {
    // value $1,000, 10 cents/kg x 1,000 kg = $100 MFN (AVE 10%); inclusive 15% on the $400 remainder: 400 x (15% - 10%) = $20
    const mfn = { id: 'mfn', layer: 'mfn', rate: { kind: 'mfn' }, refundBasis: null };
    const inc = { id: 'inc', layer: 'reciprocal', rate: { kind: 'inclusive', pct: 15_000_000n }, refundBasis: null };
    const plan = {
      mfn: 0n,
      mfnSpecific: { microCents: 10_000_000n, unit: 'kg', text: '10¢/kg' },
      applied: [
        { measure: mfn, rate: 0n, base: 'value', nonUsShare: false },
        { measure: inc, rate: 15_000_000n, inclusiveOf: 15_000_000n, base: 'remainder', nonUsShare: false },
      ],
    };
    const r = computeLineDuty(plan as never, 100_000n, 1_000_000_000n, { metalValue: 60_000n, usContent: null });
    expect(r.duties.map((d) => d.amount)).toEqual([10_000n, 2_000n]);
  });
});
