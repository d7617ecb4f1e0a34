/**
 * Content and date rules (DOMAIN.md s.1a, s.3): US content of 20% or more,
 * the metal value of Section 232 derivatives, and the in-transit exemptions,
 * each at its boundary dates.
 */
import { describe, expect, it } from 'vitest';
import { computeLineDuty } from '../../src/core/compute.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, formatRate, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import { bundledEngine } from '../helpers.js';

const engine = bundledEngine();
const cents = (usd: string) => (parseMoney(usd) as { ok: true; value: bigint }).value;
const pct = (p: string) => (parsePct(p) as { ok: true; value: bigint }).value;

function duty(hts: string, date: string, value: string, extra: { usContent?: string; metalValue?: string; loaded?: string } = {}) {
  const r = resolveGood(engine, {
    hts: normalizeHts(hts),
    category: null,
    origin: 'JP',
    date,
    mfn: null,
    loaded: extra.loaded ?? null,
    usContent: extra.usContent === undefined ? null : pct(extra.usContent),
    hasMetalValue: extra.metalValue !== undefined,
  });
  if (!r.ok) throw new Error(r.refusal.reason);
  const line = computeLineDuty(r.plan, cents(value), null, {
    metalValue: extra.metalValue === undefined ? null : cents(extra.metalValue),
    usContent: extra.usContent === undefined ? null : pct(extra.usContent),
  });
  return {
    duty: formatCents(line.duty),
    measures: line.duties.map((d) => `${d.measure.id} ${formatRate(d.rate)} ${formatCents(d.amount)}${d.base === 'value' ? '' : ` on ${d.base}`}${d.nonUsShare ? ' non-US' : ''}`),
    reasons: r.plan.decisions.map((d) => `${d.measure.id}: ${d.reason}`).join('\n'),
    notes: r.plan.notes.join('\n'),
  };
}

// A general good on no Section 232 list (8457.10.00, used before, is a steel derivative from 2025-08-18).
const MC = '8458.11.00'; // MFN 4.4%
const SCREWS = '7318.12.00'; // MFN 12.5%, steel (chapter 73)

describe('US content (9903.01.34): at 20% or more the reciprocal duty is on the non-US share', () => {
  it.each([
    ['19.99', '15000.00'], // below the threshold: all of the value
    ['20', '12880.00'], // 4,400 MFN + 10.6% x 80,000
    ['100', '4400.00'], // all US content: MFN only
  ])('us_content %s%% on 2025-10-01', (usContent, want) => {
    expect(duty(MC, '2025-10-01', '100000', { usContent }).duty).toBe(want);
  });

  it('applies to Section 122 and 301 too, never to MFN or Section 232', () => {
    expect(duty(MC, '2026-03-01', '100000', { usContent: '50' }).measures).toEqual(['mfn 4.4 4400.00', 's122-10 10 5000.00 non-US']);
    expect(duty(MC, '2026-08-01', '100000', { usContent: '50' }).measures).toEqual(['mfn 4.4 4400.00', 's301-japan-inclusive-12.5 8.1 4050.00 non-US']);
    expect(duty('8703.23.01', '2025-05-01', '30000', { usContent: '50' }).duty).toBe('8250.00');
  });

  it('drops the "US content not given" note once given', () => {
    expect(duty(MC, '2025-10-01', '1', {}).notes).toMatch(/US content not given/);
    expect(duty(MC, '2025-10-01', '1', { usContent: '5' }).notes).not.toMatch(/US content not given/);
  });
});

describe('metal value of Section 232 derivatives', () => {
  it('before 2025-06-04: chapter 72/73/76 articles paid on the full value; metal_value is not used, and the line says so', () => {
    const r = duty(SCREWS, '2025-06-03', '10000', { metalValue: '4000' });
    expect(r.measures).toEqual(['mfn 12.5 1250.00', 's232-steel-25 25 2500.00']);
    expect(r.notes).toMatch(/metal_value is not used/);
  });

  it('from 2025-06-04: 232 at 50% on the metal value, the general layer on the rest', () => {
    expect(duty(SCREWS, '2025-06-04', '10000', { metalValue: '4000' }).measures).toEqual([
      'mfn 12.5 1250.00',
      'ieepa-pause-10 10 600.00 on remainder',
      's232-steel-50 50 2000.00 on metal',
    ]);
    // the inclusive 15% on the rest: MFN 12.5% already takes 12.5 of it, so it adds 2.5% of the remainder
    expect(duty(SCREWS, '2025-10-01', '10000', { metalValue: '4000' }).measures).toContain('ieepa-japan-inclusive-15 2.5 150.00 on remainder');
  });

  it('from 2026-04-06 (Proc. 11021): the duty is on the full value, metal value or not', () => {
    expect(duty(SCREWS, '2026-04-05', '10000', { metalValue: '4000' }).measures).toContain('s232-steel-50 50 2000.00 on metal');
    expect(duty(SCREWS, '2026-04-06', '10000', { metalValue: '4000' }).measures).toEqual(['mfn 12.5 1250.00', 's232-metals-50-p11021 50 5000.00']);
  });

  it('without metal_value: full value, and the note says so', () => {
    const r = duty(SCREWS, '2025-07-01', '10000');
    expect(r.measures).toEqual(['mfn 12.5 1250.00', 's232-steel-50 50 5000.00']);
    expect(r.notes).toMatch(/metal content not given/);
  });
});

describe('in-transit rules (loaded, entered)', () => {
  it.each([
    // loaded, entered, reciprocal measures applied
    ['2025-04-04', '2025-05-26', []], // loaded before 04-05, entered before 05-27: exempt (9903.01.28)
    ['2025-04-04', '2025-05-27', ['ieepa-pause-10 10 10000.00']], // entered too late
    ['2025-04-05', '2025-05-26', ['ieepa-pause-10 10 10000.00']], // loaded too late
    ['2025-04-04', '2025-04-09', []], // the 24% day, loaded before 04-05: exempt
    ['2025-04-08', '2025-04-09', ['ieepa-japan-24 10 10000.00']], // loaded 04-05..04-08: 10% instead of 24%
    ['2025-04-09', '2025-04-09', ['ieepa-japan-24 24 24000.00']],
    ['2025-08-06', '2025-10-04', ['ieepa-japan-inclusive-15 10 10000.00']], // loaded before 08-07, entered before 10-05: stays at 10%
    ['2025-08-06', '2025-10-05', ['ieepa-japan-inclusive-15 10.6 10600.00']],
    ['2025-08-07', '2025-08-07', ['ieepa-japan-inclusive-15 10.6 10600.00']],
    ['2026-02-23', '2026-02-27', []], // Section 122: loaded before 02-24, entered before 02-28
    ['2026-02-23', '2026-02-28', ['s122-10 10 10000.00']],
    ['2026-07-23', '2026-07-27', []], // Section 301: loaded before 07-24, entered before 07-28
    ['2026-07-23', '2026-07-28', ['s301-japan-inclusive-12.5 8.1 8100.00']],
  ])('loaded %s, entered %s', (loaded, entered, want) => {
    expect(duty(MC, entered, '100000', { loaded }).measures.slice(1)).toEqual(want);
  });

  it('explains an exemption, and drops the "loading date not given" note once given', () => {
    const r = duty(MC, '2025-05-26', '100000', { loaded: '2025-04-04' });
    expect(r.reasons).toMatch(/ieepa-pause-10: in-transit exemption: loaded before 2025-04-05 and entered before 2025-05-27, 9903\.01\.28/);
    expect(duty(MC, '2025-10-01', '1').notes).toMatch(/loading date not given/);
    expect(duty(MC, '2025-10-01', '1', { loaded: '2025-09-01' }).notes).not.toMatch(/loading date not given/);
  });
});
