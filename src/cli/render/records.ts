/**
 * The JSON contract of `tariff calc`: plain records built from the core's
 * results. Every output format renders these. Later work only adds fields.
 */
import type { Engine } from '../../core/compile.js';
import type { ComputedLine, Totals } from '../../core/compute.js';
import type { EntryFees } from '../../core/fees.js';
import { formatHts } from '../../values/hts.js';
import { effectiveRate, formatCents, formatRate } from '../../values/money.js';
import type { HeaderMap, Row, RowIssue } from '../../schema/row.js';
import { lineImpactRecord, type LineImpactRecord, type TotalsImpactRecord } from './impact/records.js';

export interface DutyRecord {
  measure: string;
  layer: string;
  rate: string;
  amount: string;
  /** Paid under a measure whose duties can be claimed back (IEEPA). */
  refundable: boolean;
  /** Present when the rate applied to the metal value, or to the value minus it, rather than the value. */
  base?: 'metal' | 'remainder';
  /** Present (true) when the rate applied to the non-US share only. */
  nonUsShare?: true;
}

/** What names a line in every record of it (calc's lines, --range's): where it is in the input, and its good. */
export interface LineKey {
  /** Physical line of the record in the input (header is 1); null for an import given by flags. */
  line: number | null;
  id: string | null;
  hts: string | null;
  category: string;
  origin: string;
  date: string;
  value: string;
}

export interface LineRecord extends LineKey {
  mfnRate: string;
  /** Where the MFN rate came from: the HTS revision and line, the row's mfn_rate, or a category default. */
  mfnSource: string;
  duties: DutyRecord[];
  duty: string;
  effectiveRate: string;
  /** The part of the duty that can be claimed back. */
  refundable: string;
  notes: string[];
  /** Input columns passed through, by header name. */
  columns: Record<string, string>;
  /** With --explain: every measure considered, whether it applied, and why. */
  explain?: ExplainRecord[];
  /** The customs entry of the line (its `entry` column, or its own line number), and its mode of transport. */
  entry?: string;
  mode?: string;
  /** When the line is an entry of its own: its fees (entries grouped by an entry column are in `entries`). */
  mpf?: string;
  hmf?: string;
  /** Landed cost, per-unit, price and margin figures, when the input has impact columns (or --pass-through). */
  impact?: LineImpactRecord;
}

export interface EntryRecord {
  entry: string;
  lines: number;
  /** Lines of the entry that were rejected (its fees cover only the computed lines). */
  rejected: number;
  /** Its lines differ in date or mode (`mode` is then the first line's). */
  mixed: boolean;
  value: string;
  mode: string;
  fiscalYear: string;
  mpf: string;
  hmf: string;
  notes: string[];
}

export function entryRecord(e: EntryFees): EntryRecord {
  return { entry: e.entry, lines: e.lines, rejected: e.rejected, mixed: e.mixed, value: formatCents(e.value), mode: e.mode, fiscalYear: e.fiscalYear, mpf: formatCents(e.mpf), hmf: formatCents(e.hmf), notes: e.notes };
}

/** Fees context of a line: its entry, and its entry's fees when it is an entry of its own. */
export interface LineFees {
  entry: string;
  own: EntryFees | null;
}

export interface ExplainRecord {
  measure: string;
  applied: boolean;
  reason: string;
  citation: string;
}

export interface RejectedRecord {
  line: number | null;
  field: string;
  reason: string;
  /** The record as read, by header name (absent for flags). */
  columns?: Record<string, string>;
}

export interface TotalsRecord {
  lines: number;
  rejected: number;
  value: string;
  duty: string;
  effectiveRate: string;
  refundable: string;
  /** Lines with a refundable amount. */
  refundableLines: number;
  /** Customs fees over all entries, and duty + fees (absent with --no-fees). */
  mpf?: string;
  hmf?: string;
  fees?: string;
  total?: string;
  duties: { measure: string; layer: string; amount: string }[];
  layers: { layer: string; amount: string }[];
  /** Impact figures over every computed line, when the lines have them. */
  impact?: TotalsImpactRecord;
}

export function lineRecord(c: ComputedLine<Row>, passthrough: Record<string, string>, explain = false, fees: LineFees | null = null): LineRecord {
  const { row, plan } = c;
  const rec: LineRecord = {
    line: row.line,
    id: row.id,
    hts: row.hts === null ? null : formatHts(row.hts),
    category: plan.category,
    origin: row.origin,
    date: row.date,
    value: formatCents(row.value),
    mfnRate: formatRate(plan.mfn),
    mfnSource: plan.mfnSource,
    duties: c.duties.map((d) => {
      const rec: DutyRecord = { measure: d.measure.id, layer: d.measure.layer, rate: formatRate(d.rate), amount: formatCents(d.amount), refundable: d.measure.refundBasis !== null };
      if (d.base !== 'value') rec.base = d.base;
      if (d.nonUsShare) rec.nonUsShare = true;
      return rec;
    }),
    duty: formatCents(c.duty),
    effectiveRate: effectiveRate(c.duty, row.value),
    refundable: formatCents(c.refundable),
    notes: plan.notes,
    columns: passthrough,
  };
  if (explain) rec.explain = plan.decisions.map((d) => ({ measure: d.measure.id, applied: d.applied, reason: d.reason, citation: d.measure.citation }));
  if (fees !== null) {
    rec.entry = fees.entry;
    rec.mode = row.mode;
    if (fees.own !== null) {
      rec.mpf = formatCents(fees.own.mpf);
      rec.hmf = formatCents(fees.own.hmf);
      if (fees.own.notes.length > 0) rec.notes = [...rec.notes, ...fees.own.notes];
    }
  }
  if (c.impact !== undefined) rec.impact = lineImpactRecord(c.impact);
  return rec;
}

export function rejectedRecord(issue: RowIssue, columns: Record<string, string> | undefined): RejectedRecord {
  return columns === undefined ? { ...issue } : { ...issue, columns };
}

export function totalsRecord(engine: Engine, t: Totals, fees: { mpf: bigint; hmf: bigint } | null = null): TotalsRecord {
  const duties = engine.measures
    .filter((m) => t.measureDuty(m.id) !== undefined)
    .map((m) => ({ measure: m.id, layer: m.layer, amount: formatCents(t.measureDuty(m.id)!) }));
  const byLayer = t.layerDuty();
  const layers = engine.layers.filter((l) => byLayer.has(l)).map((l) => ({ layer: l, amount: formatCents(byLayer.get(l)!) }));
  const rec: TotalsRecord = {
    lines: t.lines,
    rejected: t.rejected,
    value: formatCents(t.value),
    duty: formatCents(t.duty),
    effectiveRate: effectiveRate(t.duty, t.value),
    refundable: formatCents(t.refundable),
    refundableLines: t.refundableLines,
    duties,
    layers,
  };
  if (fees !== null) {
    rec.mpf = formatCents(fees.mpf);
    rec.hmf = formatCents(fees.hmf);
    rec.fees = formatCents(fees.mpf + fees.hmf);
    rec.total = formatCents(t.duty + fees.mpf + fees.hmf);
  }
  return rec;
}

/** The name of the refundable total, from the schedule's `refunds.label` (data): "refundable (IEEPA)". */
export function refundableLabel(engine: Engine): string {
  return engine.refundLabel === null ? 'refundable' : `refundable (${engine.refundLabel})`;
}

export function passthroughColumns(header: HeaderMap | null, cells: string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (header === null || cells === null) return out;
  for (const i of header.passthrough) out[header.names[i]!] = cells[i] ?? '';
  return out;
}

export function allColumns(header: HeaderMap | null, cells: string[] | null): Record<string, string> | undefined {
  if (header === null || cells === null) return undefined;
  const out: Record<string, string> = {};
  header.names.forEach((n, i) => {
    if (i < cells.length) out[n] = cells[i]!;
  });
  if (cells.length > header.names.length) out['(extra)'] = cells.slice(header.names.length).join(',');
  return out;
}
