/**
 * Issue 12, law out of code: what the refundable duties are called in the output ("refundable (IEEPA)") is the
 * schedule's `refunds.label`, cited (Learning Resources, Inc. v. Trump: IEEPA does not authorize tariffs), not a
 * string of the renderers.
 */
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../src/core/compile.js';
import { refundableLabel } from '../../src/cli/render/records.js';
import { bundledEngine, lists, mfnLines, mfnTable, originDates, origins, schedule } from '../helpers.js';

describe('refunds.label', () => {
  it('the bundled schedule names the IEEPA duties, with the ruling as its source', () => {
    expect(schedule.refunds?.label).toBe('IEEPA');
    expect(schedule.refunds?.sources.map((s) => s.document)).toContain('No. 24-1287');
    expect(refundableLabel(bundledEngine())).toBe('refundable (IEEPA)');
  });

  it('every measure with a refund basis is an IEEPA measure, as the label says', () => {
    const refundable = bundledEngine().measures.filter((m) => m.refundBasis !== null);
    expect(refundable.length).toBeGreaterThan(0);
    expect(refundable.filter((m) => !m.authority.startsWith('IEEPA')).map((m) => m.id)).toEqual([]);
  });

  it('a schedule without it says "refundable"', () => {
    const { refunds: _, ...bare } = schedule;
    const e = compileEngine(bare, mfnTable, 'as-enacted', null, lists, { mfnLines, origins, originDates });
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    expect(refundableLabel(e.value)).toBe('refundable');
  });
});
