/** The records of `calc --range` (its JSON contract): per line the duty and its two ends, with the facts of each. */
import type { Engine } from '../../../core/compile.js';
import type { ComputedLine } from '../../../core/compute.js';
import type { FactName, RangeEnd, RangeFacts, LineRange } from '../../../core/range.js';
import type { Row } from '../../../schema/row.js';
import { formatHts } from '../../../values/hts.js';
import { effectiveRate, formatCents, formatRate } from '../../../values/money.js';
import type { LineKey, RejectedRecord } from '../records.js';

/** The facts of an end, named as the input columns that give them: give these to `calc` to get that duty. */
export type FactsRecord = Partial<Record<FactName, string | null>>;

export interface RangeEndRecord {
  duty: string;
  effectiveRate: string;
  /** Every fact considered, as the column value that gives this end (spi null: none claimed; `outside`: the measures whose assumption does not hold, by id, or null). */
  facts: FactsRecord;
  /** The facts that differ from what the defaults assume, in words; empty: the defaults give this end. */
  assumes: string[];
}

export interface RangeLineRecord extends LineKey {
  /** The duty as computed, under the documented defaults for what the line did not give. */
  duty: string;
  low: RangeEndRecord;
  high: RangeEndRecord;
  /** The facts the line left out that change its duty on its date (input column names; `outside`: an assumption of a measure). */
  varied: FactName[];
  /** Combinations of them computed. */
  variants: number;
  /** Combinations the engine refused, with its reason. */
  skipped: { facts: FactsRecord; reason: string }[];
}

export interface RangeTotalsRecord {
  lines: number;
  rejected: number;
  value: string;
  duty: string;
  low: string;
  high: string;
  /** Lines whose low and high differ. */
  rangedLines: number;
}

/** `tariff calc --range --format json`: the document the library's `range()` returns. */
export interface RangeResult {
  schedule: string;
  scenario: string;
  knownThrough: string;
  lines: RangeLineRecord[];
  rejected: RejectedRecord[];
  totals: RangeTotalsRecord;
  warnings: string[];
}

/** A fact's value as the input column gives it (spi null: none claimed; outside: the measures' ids, or null). */
export function factValue(f: FactName, facts: RangeFacts): string | null {
  if (f === 'loaded') return facts.loaded;
  if (f === 'us_content') return facts.usContent === null ? null : formatRate(facts.usContent);
  if (f === 'metal_value') return facts.metalValue === null ? null : formatCents(facts.metalValue);
  if (f === 'spi') return facts.spi;
  if (f === 'auto_part') return facts.autoPart === null ? null : facts.autoPart ? 'yes' : 'no';
  return facts.outside.length === 0 ? null : facts.outside.join(' ');
}

function factsRecord(facts: RangeFacts, varied: FactName[]): FactsRecord {
  const out: FactsRecord = {};
  for (const f of varied) out[f] = factValue(f, facts);
  return out;
}

/** An assumption in words: the fact and the value (factValue) that gives the end. */
export function factText(f: FactName, v: string | null, engine: Engine): string {
  switch (f) {
    case 'outside':
      return (v ?? '')
        .split(' ')
        .map((id) => outsideText(engine, id))
        .join(', ');
    case 'loaded':
      return `loaded ${v}`;
    case 'us_content':
      return `US content ${v}%`;
    case 'metal_value':
      return `metal value ${v}`;
    case 'spi':
      return v === null ? 'no special program' : `special program ${v} claimed`;
    case 'auto_part':
      return v === 'no' ? `auto_part no: ${autoPartFact(engine)}` : `auto_part ${v}`;
  }
}

/** What auto_part = no means, as the schedule words it (the other case of the assumption that reads it). */
function autoPartFact(engine: Engine): string {
  for (const m of engine.measures) for (const a of m.assumes) if (a.without === 'auto_part' && a.otherwise !== null) return a.otherwise.fact;
  return 'outside';
}

/** "<what the law assumes otherwise> (without <id>)", made once per measure (and engine). */
const outsideTexts = new WeakMap<Engine, Map<string, string>>();
function outsideText(engine: Engine, id: string): string {
  let texts = outsideTexts.get(engine);
  if (texts === undefined) outsideTexts.set(engine, (texts = new Map()));
  let text = texts.get(id);
  if (text === undefined) {
    const m = engine.measures.find((x) => x.id === id);
    const fact = m?.assumes.find((a) => a.otherwise !== null)?.otherwise?.fact;
    text = `${fact ?? 'outside'} (without ${id})`;
    if (texts.size < 10_000) texts.set(id, text);
  }
  return text;
}

/** The facts that differ from the defaults, each once, in words. */
export function assumesOf(e: RangeEnd, engine: Engine): string[] {
  const out: string[] = [];
  const seen: FactName[] = [];
  for (const f of e.assumed) {
    if (seen.includes(f)) continue;
    seen.push(f);
    out.push(factText(f, factValue(f, e.facts), engine));
  }
  return out;
}

function endRecord(e: RangeEnd, value: bigint, varied: FactName[], engine: Engine): RangeEndRecord {
  return { duty: formatCents(e.duty), effectiveRate: effectiveRate(e.duty, value), facts: factsRecord(e.facts, varied), assumes: assumesOf(e, engine) };
}

export function rangeLineRecord(c: ComputedLine<Row>, r: LineRange, engine: Engine): RangeLineRecord {
  const { row } = c;
  return {
    line: row.line,
    id: row.id,
    hts: row.hts === null ? null : formatHts(row.hts),
    category: c.plan.category,
    origin: row.origin,
    date: row.date,
    value: formatCents(row.value),
    duty: formatCents(c.duty),
    low: endRecord(r.low, row.value, r.considered, engine),
    high: endRecord(r.high, row.value, r.considered, engine),
    varied: r.varied,
    variants: r.variants,
    skipped: r.skipped.map((s) => ({ facts: factsRecord(s.facts, r.considered), reason: s.reason })),
  };
}
