// Issue 12: the category of an HTS code that no category prefix matches is the schedule's fallbackCategory (data),
// not a rule in code. README "Categories": codes matching none are `general`.
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { resolveGood } from '../../src/core/resolve.js';
import { lists, mfnLines, mfnTable, originDates, origins, schedule } from '../helpers.js';

function engine(fallbackCategory: string | undefined) {
  const s = { ...schedule, fallbackCategory };
  const e = compileEngine(s, mfnTable, 'as-enacted', null, lists, { mfnLines, origins, originDates });
  return e;
}
// Hand tools, 8205.59.80: no category prefix of the bundled schedule covers chapter 82.
const good = { hts: '8205598000', category: null, origin: 'JP', date: '2025-10-01', mfn: null };

describe('fallbackCategory', () => {
  it('the bundled schedule names "general": a code of no category is a general good', () => {
    expect(schedule.fallbackCategory).toBe('general');
    const e = engine('general');
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    const r = resolveGood(e.value, good);
    expect(r.ok && r.plan.category).toBe('general');
  });

  it('without it, the same code is refused, saying it is in no category', () => {
    const e = engine(undefined);
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    expect(resolveGood(e.value, good)).toEqual({ ok: false, refusal: { field: 'hts', reason: 'HTS 8205.59.80.00 is in no category of schedule us' } });
  });

  it('a fallback that is not one of the categories is a problem of the file, at its path', () => {
    const e = engine('tools');
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.issues).toContainEqual({ path: ['fallbackCategory'], message: expect.stringMatching(/^unknown category "tools"; known: vehicles, /) });
  });
});
