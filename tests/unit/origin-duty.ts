/**
 * The origin tests' one way to price a line of the bundled schedule (tests/unit/origin-*.test.ts of the China, Hong
 * Kong, Canada, Mexico and Brazil parts): $1,000 of a good by default, the measures applied and why others were not.
 */
import type { Engine } from '../../src/core/compile.js';
import { computeLineDuty } from '../../src/core/compute.js';
import { normalizeHts } from '../../src/values/hts.js';
import { formatCents, parseMoney, parsePct } from '../../src/values/money.js';
import { resolveGood } from '../../src/core/resolve.js';

const pct = (s: string) => {
  const r = parsePct(s);
  if (!r.ok) throw new Error(s);
  return r.value;
};
const money = (s: string) => {
  const r = parseMoney(s);
  if (!r.ok) throw new Error(s);
  return r.value;
};

export interface Row {
  hts: string;
  origin: string;
  date: string;
  /** The MFN rate the row gives (percent); absent: the bundled table's. */
  mfn?: string;
  value?: string;
  loaded?: string;
  spi?: string;
  metalValue?: string;
  transshipped?: boolean;
}

export type Priced = { duty: string; measures: string[]; byMeasure: Record<string, string>; why: Record<string, string> } | { refused: string };

export function price(engine: Engine, row: Row): Priced {
  const input = {
    hts: normalizeHts(row.hts),
    category: null,
    origin: row.origin,
    date: row.date,
    mfn: row.mfn === undefined ? null : pct(row.mfn),
    loaded: row.loaded ?? null,
    hasMetalValue: row.metalValue !== undefined,
    spi: row.spi ?? null,
    ...(row.transshipped === undefined ? {} : { transshipped: row.transshipped }),
  };
  const r = resolveGood(engine, input);
  if (!r.ok) return { refused: `${r.refusal.field}: ${r.refusal.reason}` };
  const l = computeLineDuty(r.plan, money(row.value ?? '1000'), null, { metalValue: row.metalValue === undefined ? null : money(row.metalValue), usContent: null });
  return {
    duty: formatCents(l.duty),
    measures: l.duties.map((d) => d.measure.id),
    byMeasure: Object.fromEntries(l.duties.map((d) => [d.measure.id, formatCents(d.amount)])),
    why: Object.fromEntries(r.plan.decisions.filter((d) => !d.applied).map((d) => [d.measure.id, d.reason])),
  };
}
