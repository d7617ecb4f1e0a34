/**
 * One line priced by the bundled engine, for the per-origin tests (origin-*.test.ts): the duty in dollars and cents,
 * each measure's amount, the notes, or the refusal.
 */
import { computeLineDuty } from '../../src/core/compute.js';
import type { Engine } from '../../src/core/compile.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';

export interface Good {
  hts?: string;
  category?: string;
  origin: string;
  date: string;
  /** The row's own MFN rate, percent. */
  mfn?: string;
  loaded?: string;
  spi?: string;
  value?: string;
}

export type Priced = { duty: string; by: Record<string, string>; notes: string[] } | { refused: string };

const pct = (s: string): bigint => {
  const p = parsePct(s);
  if (!p.ok) throw new Error(`bad percent ${s}`);
  return p.value;
};

export function price(engine: Engine, g: Good): Priced {
  const r = resolveGood(engine, {
    hts: g.hts === undefined ? null : normalizeHts(g.hts),
    category: g.category ?? null,
    origin: g.origin,
    date: g.date,
    mfn: g.mfn === undefined ? null : pct(g.mfn),
    loaded: g.loaded ?? null,
    spi: g.spi ?? null,
  });
  if (!r.ok) return { refused: r.refusal.reason };
  const money = parseMoney(g.value ?? '10000');
  if (!money.ok) throw new Error('bad value');
  const l = computeLineDuty(r.plan, money.value);
  return { duty: formatCents(l.duty), by: Object.fromEntries(l.duties.map((d) => [d.measure.id, formatCents(d.amount)])), notes: r.plan.notes };
}

/** The duty only (throws on a refusal, with its reason). */
export function duty(engine: Engine, g: Good): string {
  const p = price(engine, g);
  if ('refused' in p) throw new Error(`refused: ${p.refused}`);
  return p.duty;
}
