/**
 * The committed deal exemption lists (data/lists/eu-natural-resources-9903-02-74.json, ch-li-exempt-9903-02-84.json)
 * are what scripts/gen-origins-deals-lists.js derives from the chapter 99 text in ../shared/law-data (HTS 2026 Rev. 6,
 * U.S. notes 2(v)(xx) and 2(v)(xxv)(b)); maintainers' reference material, absent from a user's clone: the test then
 * skips, saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, lists } from '../helpers.js';

// @ts-expect-error -- a plain JavaScript maintainer script, without types
const gen = (await import('../../scripts/gen-origins-deals-lists.js')) as {
  LAW_DATA: string;
  deriveOriginsDealsLists: () => { lists: { id: string; entries: { hts: string }[] }[]; report: string[] };
};
// @ts-expect-error -- a plain JavaScript maintainer script, without types
const { listFileText } = (await import('../../scripts/gen-lists.js')) as { listFileText: (l: unknown) => string };

const present = existsSync(gen.LAW_DATA);
if (!present) console.warn(`SKIPPED: ${gen.LAW_DATA} is absent, so the committed deal exemption lists cannot be checked against the law texts`);

describe.skipIf(!present)('the deal exemption lists are what scripts/gen-origins-deals-lists.js derives from ../shared/law-data', () => {
  const { lists: derived, report } = present ? gen.deriveOriginsDealsLists() : { lists: [], report: [] };

  it('derives the two lists and each is committed byte for byte', () => {
    expect(derived.map((l) => l.id)).toEqual(['eu-natural-resources-9903-02-74', 'ch-li-exempt-9903-02-84']);
    for (const l of derived) {
      const file = resolve(ROOT, 'data/lists', `${l.id}.json`);
      expect(existsSync(file), `data/lists/${l.id}.json is missing: run node scripts/gen-origins-deals-lists.js`).toBe(true);
      expect(readFileSync(file, 'utf8'), `data/lists/${l.id}.json is stale: run node scripts/gen-origins-deals-lists.js`).toBe(listFileText(l));
    }
  });

  it('the text and the Yale transcription agree code for code (219 EU codes, 321 Swiss/Liechtenstein codes)', () => {
    expect(report).toEqual([expect.stringMatching(/^eu-natural-resources-9903-02-74: 219 codes; .* agrees code for code\.$/), expect.stringMatching(/^ch-li-exempt-9903-02-84: 321 codes; .* agrees code for code\.$/)]);
  });
});

describe('the committed deal lists (no ../shared needed)', () => {
  it('EU note 2(v)(xx): natural cork 4501.10.00 and tungsten powders 8101.10.00 are listed; a toy (9503.00.00) is not', () => {
    const eu = lists.get('eu-natural-resources-9903-02-74');
    expect(eu?.chapter99).toEqual(['9903.02.74']);
    const codes = eu?.entries.map((e) => e.hts) ?? [];
    expect(codes).toContain('4501.10.00');
    expect(codes).toContain('8101.10.00');
    expect(codes).not.toContain('9503.00.00');
  });

  it('Swiss/Liechtenstein note 2(v)(xxv)(b) carries both headings, 9903.02.84 (CH) and 9903.02.89 (LI)', () => {
    const ch = lists.get('ch-li-exempt-9903-02-84');
    expect(ch?.chapter99).toEqual(['9903.02.84', '9903.02.89']);
    expect(ch?.entries.length).toBe(321);
  });
});
