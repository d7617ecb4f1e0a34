/**
 * The product lists of the China, Hong Kong, Canada, Mexico and Brazil parts (data/lists/s301-china-*,
 * ieepa-canada-*, ieepa-mexico-potash, eo14323-annex-i*) are what scripts/gen-origins-cn-lists.js derives from
 * ../shared/law-data (maintainers' reference material, absent from a user's clone: the test then skips, saying so).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// @ts-expect-error -- a plain JavaScript maintainer script, without types
const gen = (await import('../../scripts/gen-origins-cn-lists.js')) as {
  LAW_DATA: string;
  deriveOriginsCnLists: () => { lists: { id: string; entries: { hts: string }[] }[]; report: string[] };
};
// @ts-expect-error -- a plain JavaScript maintainer script, without types
const { listFileText } = (await import('../../scripts/gen-lists.js')) as { listFileText: (l: unknown) => string };

const present = existsSync(gen.LAW_DATA);
if (!present) console.warn(`SKIPPED: ${gen.LAW_DATA} is absent, so the committed China/Canada/Mexico/Brazil lists cannot be checked against the law texts`);

describe.skipIf(!present)('the China, Canada, Mexico and Brazil lists are what scripts/gen-origins-cn-lists.js derives', () => {
  const { lists, report } = present ? gen.deriveOriginsCnLists() : { lists: [], report: [] };

  it('every derived list is committed, byte for byte', () => {
    expect(lists.length).toBe(20);
    for (const l of lists) {
      const file = resolve(ROOT, 'data/lists', `${l.id}.json`);
      expect(existsSync(file), `data/lists/${l.id}.json is missing: run node scripts/gen-origins-cn-lists.js`).toBe(true);
      expect(readFileSync(file, 'utf8'), `data/lists/${l.id}.json is stale: run node scripts/gen-origins-cn-lists.js`).toBe(listFileText(l));
    }
  });

  it('the four-year-review tranches of U.S. note 31 agree with the transcription code for code', () => {
    for (const id of ['s301-china-2024-25', 's301-china-2024-50', 's301-china-2024-100', 's301-china-2025-50', 's301-china-2026-25', 's301-china-2026-100', 's301-china-2025-25-tungsten']) {
      expect(report.find((r) => r.startsWith(`${id}:`) && r.includes('agrees code for code')), id).toBeDefined();
    }
  });

  it('errata 4 of DOMAIN-ORIGINS: polysilicon and wafers are in note 31(f) (50%), tungsten alone in 31(j) (25%)', () => {
    const covers = (id: string, code: string) => lists.find((l) => l.id === id)!.entries.some((e) => code.replaceAll('.', '').startsWith(e.hts.replaceAll('.', '')));
    for (const code of ['2804.61.00', '3818.00.00']) expect(covers('s301-china-2025-50', code), code).toBe(true);
    for (const code of ['8101.94.00', '8101.99.10', '8101.99.80']) expect(covers('s301-china-2025-25-tungsten', code), code).toBe(true);
    expect(covers('s301-china-2025-25-tungsten', '2804.61.00')).toBe(false);
  });

  it('a heading replaces its codes only when every official line under it is listed: list 3 keeps 8-digit codes where a heading is split', () => {
    const list3 = lists.find((l) => l.id === 's301-china-list-3')!.entries.map((e) => e.hts);
    expect(list3.length).toBeLessThan(3000); // from the 5,906 subheadings of note 20(f)
    expect(list3).toContain('9403.60'); // both lines of 9403.60 (.40, .80) are in note 20(f)
    expect(list3).toContain('9401.61.60'); // 9401.61.40 is not in note 20(f): 9401.61 stays split
    expect(list3).not.toContain('9401.61');
  });
});
