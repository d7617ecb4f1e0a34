/** The in-place search over the bundled lines file (src/core/hts-lines.ts): a hand-written binary search, tested at its edges. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HtsLines, priceOfficial } from '../../src/core/hts-lines.js';
import { parseSpecial } from '../../src/core/usitc.js';
import { mfnLines, ROOT } from '../helpers.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const small = new HtsLines(bytes('01012100\tFree\t1020\n01013000\t6.8%\t00\n84571000\t4.2%\t0515\n97069000\t5¢/kg + 2%\t\n'), null);

describe('HtsLines', () => {
  it('finds the first, a middle and the last record; misses before, between and after', () => {
    expect(small.find('01012100')).toBe(0);
    expect(small.rate(small.find('84571000'))).toMatchObject({ code: '84571000', text: '4.2%', pct: '4.2' });
    expect(small.rate(small.find('97069000'))).toMatchObject({ text: '5¢/kg + 2%', pct: '2', specific: { cents: '5', unit: 'kg' } });
    for (const missing of ['00000000', '01012200', '84570000', '99999999']) expect(small.find(missing)).toBe(-1);
    expect(small.stats(small.find('84571000'))).toEqual(['05', '15']);
    expect(small.stats(small.find('97069000'))).toEqual([]);
  });

  it('details of a line, parsed when asked for, equal those of the whole details file parsed at once (every line, in random order)', () => {
    // The whole file, as details() read it before: each record's headings after those it shares with the one before.
    const text = readFileSync(resolve(ROOT, 'data/mfn/hts-2026-rev-10.details.tsv'), 'utf8');
    const want = new Map<string, { units: string[]; special: string; specialRates: unknown; description: string }>();
    let prev: string[] = [];
    for (const rec of text.split('\n')) {
      if (rec === '') continue;
      const [code = '', units = '', special = '', shared = '0', ...own] = rec.split('\t');
      const headings = [...prev.slice(0, Number(shared)), ...own];
      prev = headings;
      want.set(code, { units: units === '' ? [] : units.split(','), special, specialRates: parseSpecial(special), description: headings.join(': ') });
    }
    expect(want.size).toBeGreaterThan(11_000);
    const lines = new HtsLines(new Uint8Array(), () => text);
    const codes = fc.sample(fc.shuffledSubarray([...want.keys()], { minLength: want.size, maxLength: want.size }), { numRuns: 1, seed: 15 })[0]!;
    for (const code of codes) expect(lines.details(code), code).toEqual(want.get(code));
    for (const missing of ['00000000', '0101210', '', '99999999']) expect(lines.details(missing)).toBeNull();
    expect(new HtsLines(new Uint8Array(), null).details('01012100')).toBeNull();
  });

  it('agrees with a plain scan of the bundled file for any 8 digits', () => {
    const all = [...mfnLines.codes()];
    expect(all).toHaveLength(11414);
    expect([...all].sort()).toEqual(all); // sorted, as the search assumes
    const set = new Set(all);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...all), fc.stringMatching(/^\d{8}$/)), (code) => {
        const p = mfnLines.find(code);
        expect(p !== -1).toBe(set.has(code));
        if (p !== -1) expect(mfnLines.codeAt(p)).toBe(code);
      }),
      { numRuns: 2000 },
    );
  });

  it('prices a short code only when every line under it has one rate; names the nearest lines of a code that is not one', () => {
    expect(priceOfficial(small, '0101', 'R')).toMatchObject({ ok: false, kind: 'not-specific', reason: expect.stringMatching(/0101\.21\.00 is Free and 0101\.30\.00 is 6\.8%/) });
    expect(priceOfficial(small, '010121', 'R')).toMatchObject({ ok: true, prefix: '010121' });
    expect(priceOfficial(small, '84571001', 'R')).toMatchObject({ ok: false, kind: 'not-a-line', reason: '8457.10.01 is not an HTS line of R; did you mean 8457.10.00?' });
    expect(priceOfficial(small, '8457100099', 'R')).toMatchObject({ ok: false, kind: 'not-a-line', reason: expect.stringMatching(/has 8457\.10\.00\.05, 8457\.10\.00\.15/) });
  });
});
