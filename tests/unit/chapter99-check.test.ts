/** Reading chapter 99 rate texts and HTS revision names, for `tariff schedule check` (HTS 2026 Rev. 10 wording). */
import { describe, expect, it } from 'vitest';
import { parseHeadingRate, parseRevision, revisionFromFileName } from '../../src/core/chapter99-check.js';

describe('parseHeadingRate', () => {
  it.each([
    ['The duty provided in the applicable subheading + 10% ', { kind: 'additional', pct: 10_000_000n }], // 9903.01.25, trailing space as exported
    ['The duty provided in the applicable subheading + 12.5%', { kind: 'additional', pct: 12_500_000n }],
    ['The duty provided in the applicable subheading', { kind: 'none' }], // 9903.01.28, 9903.94.40
    ['The duty provided in the applicable subheading.', { kind: 'none' }],
    ['15%', { kind: 'total', pct: 15_000_000n }], // 9903.02.73, 9903.94.41
    ['Free', { kind: 'total', pct: 0n }],
    ['The duty provided in the applicable subheading + 25% of the value of the steel content', { kind: 'other', text: 'The duty provided in the applicable subheading + 25% of the value of the steel content' }],
  ])('%s', (text, expected) => expect(parseHeadingRate(text)).toEqual(expected));
});

describe('revisions', () => {
  it.each([
    ['hts_2026_rev_10.json.gz', { year: 2026, number: 10 }],
    ['hts_2026_revision_20_json.json', { year: 2026, number: 20 }],
    ['hts_2026_rev_100.json', { year: 2026, number: 100 }],
    ['export.json', null],
  ])('from the file name %s', (name, expected) => expect(revisionFromFileName(name)).toEqual(expected));

  it('parses "2026 Rev. 20" and nothing looser', () => {
    expect(parseRevision('2026 Rev. 20')).toEqual({ year: 2026, number: 20 });
    expect(parseRevision('rev 20')).toBeNull();
    expect(parseRevision('2026 Revision 20')).toBeNull();
  });
});
