/**
 * The committed product lists (data/lists/*.json) are what scripts/gen-lists.js derives from the chapter 99 text
 * and the Proc. 11021 annexes in ../shared/law-data, with ../shared/hts-data (maintainers' reference material, absent from a user's clone:
 * the test then skips, saying so).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// @ts-expect-error -- a plain JavaScript maintainer script, without types
const gen = (await import('../../scripts/gen-lists.js')) as {
  LAW_DATA: string;
  HTS_EXPORT: string;
  deriveLists: () => { lists: { id: string }[]; report: string[] };
  listFileText: (l: unknown) => string;
};

// @ts-expect-error -- a plain JavaScript maintainer script, without types
const originsCn = (await import('../../scripts/gen-origins-cn-lists.js')) as { ownedListIds: () => string[] };

const present = existsSync(gen.LAW_DATA) && existsSync(gen.HTS_EXPORT);
if (!present) console.warn(`SKIPPED: ${gen.LAW_DATA} or ${gen.HTS_EXPORT} is absent, so the committed data/lists/ cannot be checked against the law texts`);

describe.skipIf(!present)('data/lists is what scripts/gen-lists.js derives from ../shared/law-data', () => {
  const { lists, report } = present ? gen.deriveLists() : { lists: [], report: [] };

  it('every derived list is committed, byte for byte', () => {
    for (const l of lists) {
      const file = resolve(ROOT, 'data/lists', `${l.id}.json`);
      expect(existsSync(file), `data/lists/${l.id}.json is missing: run node scripts/gen-lists.js`).toBe(true);
      expect(readFileSync(file, 'utf8'), `data/lists/${l.id}.json is stale: run node scripts/gen-lists.js`).toBe(gen.listFileText(l));
    }
  });

  it('no committed list is one the script does not derive', () => {
    // The origin parts' lists come from their own scripts (scripts/gen-origins-cn-lists.js, gen-origins-deals-lists.js), each with its own test;
    // so do the civil aircraft lists (scripts/gen-civil-aircraft-lists.js, tests/unit/civil-aircraft-lists.test.ts).
    const others = new Set<string>([...originsCn.ownedListIds(), 'eu-natural-resources-9903-02-74', 'ch-li-exempt-9903-02-84']);
    const committed = readdirSync(resolve(ROOT, 'data/lists'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .filter((id) => !others.has(id) && !id.startsWith('civil-aircraft-'));
    expect(committed.sort()).toEqual(lists.map((l) => l.id).sort());
  });

  it('the two texts of Proc. 11021 agree: note 16(c) and the annexes list the same codes for I-A, I-B and III', () => {
    for (const id of ['p11021-annex-i-a', 'p11021-annex-i-b', 'p11021-annex-iii']) {
      expect(report.find((r) => r.startsWith(`${id}:`) && r.includes('the annex text of Proc. 11021 agrees'))).toBeDefined();
    }
  });
});
