/**
 * Shared by the origin tests of Vietnam, Thailand, Malaysia and Singapore (tests/unit/origin-*.test.ts): one line
 * of the bundled schedule resolved and computed in the pure core, as `calc` does it, with what each test asserts.
 */
import { computeLineDuty } from '../../src/core/compute.js';
import type { Engine } from '../../src/core/compile.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, formatRate, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';
import type { Measure } from '../../src/schema/schedule.js';
import { bundledEngine, schedule } from '../helpers.js';

export const asEnacted = bundledEngine();
export const noDeal = bundledEngine('no-deal');
export const fullRevocation = bundledEngine('full-revocation');

export interface Line {
  hts: string;
  origin: string;
  date: string;
  value?: string;
  loaded?: string;
  usContent?: string;
  mfn?: string;
  transshipped?: boolean;
}

export type Result = { refused: string } | { duty: string; measures: string[]; notes: string[] };

/** The line's duty (dollars and cents) and its measures as "id rate" (the rate each adds for this line). */
export function price(l: Line, engine: Engine = asEnacted): Result {
  const pct = (s: string | undefined): bigint | null => (s === undefined ? null : (parsePct(s) as { ok: true; value: bigint }).value);
  const usContent = pct(l.usContent);
  const r = resolveGood(engine, { hts: normalizeHts(l.hts), category: null, origin: l.origin, date: l.date, mfn: pct(l.mfn), loaded: l.loaded ?? null, usContent, transshipped: l.transshipped ?? false });
  if (!r.ok) return { refused: r.refusal.reason };
  const v = parseMoney(l.value ?? '10000');
  if (!v.ok) throw new Error(v.reason);
  const line = computeLineDuty(r.plan, v.value, null, { metalValue: null, usContent });
  return { duty: formatCents(line.duty), measures: line.duties.map((d) => `${d.measure.id} ${formatRate(d.rate)}`), notes: r.plan.notes };
}

export function measure(id: string): Measure {
  const m = schedule.measures.find((x) => x.id === id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
}

export const cites = (m: Measure): string => m.sources.map((s) => [s.instrument, s.citation, s.document].filter(Boolean).join(', ')).join(' | ');

/** The measures of the bundled schedule that cover an origin (scope.origins naming it, or no scope.origins). */
export const measuresOf = (origin: string): Measure[] => schedule.measures.filter((m) => m.scope.origins === undefined || m.scope.origins.includes(origin));
