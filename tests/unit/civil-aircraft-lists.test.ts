/**
 * The committed civil aircraft lists (data/lists/civil-aircraft-*.json) are what scripts/gen-civil-aircraft-lists.js
 * derives from the chapter 99 text in ../shared/law-data (HTS 2026 Rev. 6: U.S. notes 35(a), 35(b), 2(v)(xxii),
 * 2(v)(xxiv)(b), 2(v)(xxv)(c), 2(x)(iv), 2(aa)(iv)); maintainers' reference material, absent from a user's clone: the
 * test then skips, saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, lists } from '../helpers.js';

// @ts-expect-error -- a plain JavaScript maintainer script, without types
const gen = (await import('../../scripts/gen-civil-aircraft-lists.js')) as {
  LAW_DATA: string;
  deriveCivilAircraftLists: () => { lists: { id: string; entries: { hts: string }[] }[]; report: string[] };
};
// @ts-expect-error -- a plain JavaScript maintainer script, without types
const { listFileText } = (await import('../../scripts/gen-lists.js')) as { listFileText: (l: unknown) => string };

const IDS = ['civil-aircraft-uk', 'civil-aircraft-japan', 'civil-aircraft-eu', 'civil-aircraft-korea', 'civil-aircraft-ch-li', 'civil-aircraft-brazil', 'civil-aircraft-s122'];

const present = existsSync(gen.LAW_DATA);
if (!present) console.warn(`SKIPPED: ${gen.LAW_DATA} is absent, so the committed civil aircraft lists cannot be checked against the law texts`);

describe.skipIf(!present)('the civil aircraft lists are what scripts/gen-civil-aircraft-lists.js derives from ../shared/law-data', () => {
  const { lists: derived, report } = present ? gen.deriveCivilAircraftLists() : { lists: [], report: [] };

  it('derives the seven lists and each is committed byte for byte', () => {
    expect(derived.map((l) => l.id)).toEqual(IDS);
    for (const l of derived) {
      const file = resolve(ROOT, 'data/lists', `${l.id}.json`);
      expect(existsSync(file), `data/lists/${l.id}.json is missing: run node scripts/gen-civil-aircraft-lists.js`).toBe(true);
      expect(readFileSync(file, 'utf8'), `data/lists/${l.id}.json is stale: run node scripts/gen-civil-aircraft-lists.js`).toBe(listFileText(l));
    }
  });

  it('the Yale transcription agrees with the EU, Korea and Swiss notes code for code, and has 8 Japanese codes where note 35(b) lists 554', () => {
    for (const id of ['civil-aircraft-eu', 'civil-aircraft-korea', 'civil-aircraft-ch-li']) expect(report).toContain(report.find((r) => r.startsWith(`${id}: `) && r.endsWith('agrees code for code.')));
    expect(report.some((r) => r.startsWith('civil-aircraft-japan: U.S. note 35(b) lists') && r.includes('civil_aircraft japan: 8 codes'))).toBe(true);
  });
});

describe('the committed civil aircraft lists (no ../shared needed)', () => {
  const codes = (id: string): string[] => lists.get(id)?.entries.map((e) => e.hts) ?? [];

  it('each list cites its heading; Switzerland and Liechtenstein share note 2(v)(xxv)(c)', () => {
    expect(IDS.map((id) => lists.get(id)?.chapter99)).toEqual([['9903.96.01'], ['9903.96.02'], ['9903.02.76'], ['9903.02.81'], ['9903.02.85', '9903.02.90'], ['9903.01.82'], ['9903.03.05']]);
  });

  it('note 35(b) lists 554 provisions for Japan, not only 8802/8807: turbojets 8411.11.40, bolts and tubes of chapter 73, instruments of chapter 90', () => {
    const jp = codes('civil-aircraft-japan');
    expect(jp.length).toBe(554);
    for (const c of ['8802.40.01', '8807.30.00', '8411.11.40', '7304.31.30', '9014.20.40']) expect(jp).toContain(c);
  });

  it('unmanned aircraft (8806) are listed for the UK, Brazil and Section 122, whose notes do not exclude them, and not for Japan, the EU, Korea, Switzerland', () => {
    for (const id of ['civil-aircraft-uk', 'civil-aircraft-brazil', 'civil-aircraft-s122']) expect(codes(id)).toContain('8806.10.00');
    for (const id of ['civil-aircraft-japan', 'civil-aircraft-eu', 'civil-aircraft-korea', 'civil-aircraft-ch-li']) expect(codes(id).some((c) => c.startsWith('8806'))).toBe(false);
  });
});
