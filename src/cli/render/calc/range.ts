/**
 * `tariff calc --range`: per line, the duty as computed (under the documented defaults) and the lowest and
 * highest duty the law allows over the facts the line did not give, with the facts that give each end
 * (src/core/range.ts). Loaded only with --range, so a run without it costs nothing more.
 */
import type { Engine } from '../../../core/compile.js';
import type { ComputedLine } from '../../../core/compute.js';
import { formatHts } from '../../../values/hts.js';
import { formatCents } from '../../../values/money.js';
import { lineRange, RangeTotals, type FactName, type LineRange, type RangeEnd, type RangeFacts } from '../../../core/range.js';
import type { Resolver } from '../../../core/resolve.js';
import type { Out } from '../../../io/out.js';
import type { HeaderMap, Row } from '../../../schema/row.js';
import type { Paint } from '../../color.js';
import { displayMoney, displayText } from '../display.js';
import { fitTable, wrapLine } from '../fit.js';
import type { EntryRecord, LineFees, RejectedRecord, TotalsRecord } from '../records.js';
import type { Reporter } from './reporters.js';
import { csvCell, userCell } from '../cells.js';
import { assumesOf, factValue, rangeLineRecord, type FactsRecord, type RangeEndRecord, type RangeLineRecord, type RangeTotalsRecord } from './range-records.js';

export type RangeFormat = 'table' | 'csv' | 'json';
export const RANGE_FORMATS: readonly RangeFormat[] = ['table', 'csv', 'json'];

export interface RangeReporterContext {
  engine: Engine;
  resolver: Resolver;
  header: HeaderMap | null;
  out: Out;
  format: RangeFormat;
  limit: number;
  paint: Paint;
  raw: boolean;
  width: number | null;
}

const CSV_HEAD = ['line', 'status', 'id', 'hts', 'category', 'origin', 'date', 'value', 'duty', 'duty_low', 'low_assumes', 'low_facts', 'duty_high', 'high_assumes', 'high_facts', 'varied', 'rejected_field', 'rejected_reason'];

/** `k=v;k=v`: the columns and values to give calc for that end. */
function factsCell(f: FactsRecord): string {
  return Object.entries(f).map(([k, v]) => `${k}=${v ?? ''}`).join(';');
}

/** factsCell of an end's facts record (factsRecord over the facts considered), from the facts themselves. */
function factsText(facts: RangeFacts, considered: readonly FactName[]): string {
  let s = '';
  for (let i = 0; i < considered.length; i++) {
    const f = considered[i]!;
    s += `${i === 0 ? '' : ';'}${f}=${factValue(f, facts) ?? ''}`;
  }
  return s;
}

/** The csv cells of a line's record (the text of a csv line, before its line break). */
export function rangeCsvCells(rec: RangeLineRecord, raw: boolean): string {
  const u = (s: string | null) => userCell(s ?? '', raw);
  return [
    rec.line === null ? '' : String(rec.line), 'ok', u(rec.id), rec.hts ?? '', csvCell(rec.category), rec.origin, rec.date, rec.value, rec.duty,
    rec.low.duty, csvCell(rec.low.assumes.join('; ')), csvCell(factsCell(rec.low.facts)),
    rec.high.duty, csvCell(rec.high.assumes.join('; ')), csvCell(factsCell(rec.high.facts)),
    rec.varied.join(';'), '', '',
  ].join(',');
}

export class RangeReporter implements Reporter {
  readonly #totals = new RangeTotals();
  readonly #lines: RangeLineRecord[] = [];
  readonly #rejected: RejectedRecord[] = [];
  #more = 0;
  #first = true;

  constructor(private readonly ctx: RangeReporterContext) {
    if (ctx.format === 'csv') ctx.out.push(`${CSV_HEAD.join(',')}\n`);
    if (ctx.format === 'json') {
      const { engine } = ctx;
      ctx.out.push(`{"schedule":${JSON.stringify(engine.scheduleId)},"scenario":${JSON.stringify(engine.scenario)},"knownThrough":${JSON.stringify(engine.knownThrough)},\n"lines":[`);
    }
  }

  line(c: ComputedLine<Row>, _cells: string[] | null, _fees: LineFees | null): void {
    const r = lineRange(this.ctx.resolver, c.row);
    this.#totals.add(c.duty, r);
    const { out, format } = this.ctx;
    if (format === 'csv') {
      // Straight to text, without the JSON record (the same cells as it gives: held equal by a test).
      out.push(this.#csvLine(c, r));
      return;
    }
    const rec = rangeLineRecord(c, r, this.ctx.engine);
    if (format === 'json') {
      out.push(`${this.#first ? '\n' : ',\n'}${JSON.stringify(rec)}`);
      this.#first = false;
    } else if (this.#lines.length < this.ctx.limit) this.#lines.push(rec);
    else this.#more++;
  }

  /** The csv line of a computed line: the cells of rangeLineRecord's record, as rangeCsvCells writes them. */
  #csvLine(c: ComputedLine<Row>, r: LineRange): string {
    const { row } = c;
    const engine = this.ctx.engine;
    const end = (e: RangeEnd) => `${formatCents(e.duty)},${csvCell(assumesOf(e, engine).join('; '))},${csvCell(factsText(e.facts, r.considered))}`;
    return `${row.line === null ? '' : row.line},ok,${userCell(row.id ?? '', this.ctx.raw)},${row.hts === null ? '' : this.#hts(row.hts)},${csvCell(c.plan.category)},${row.origin},${row.date},${formatCents(row.value)},${formatCents(c.duty)},${end(r.low)},${end(r.high)},${r.varied.join(';')},,\n`;
  }

  /** HTS codes as written (dotted), each formatted once. */
  readonly #htsText = new Map<string, string>();
  #hts(hts: string): string {
    let text = this.#htsText.get(hts);
    if (text === undefined) {
      text = formatHts(hts);
      if (this.#htsText.size < 10_000) this.#htsText.set(hts, text);
    }
    return text;
  }

  entries(_list: EntryRecord[]): void {
    // Fees do not depend on the facts varied: the range is about duty (calc without --range gives the fees).
  }

  rejected(rec: RejectedRecord): void {
    const { out, format } = this.ctx;
    if (format === 'csv') {
      const cells = Array<string>(CSV_HEAD.length).fill('');
      cells[0] = rec.line === null ? '' : String(rec.line);
      cells[1] = 'rejected';
      cells[CSV_HEAD.length - 2] = userCell(rec.field, this.ctx.raw);
      cells[CSV_HEAD.length - 1] = userCell(rec.reason, this.ctx.raw);
      out.push(`${cells.join(',')}\n`);
    } else this.#rejected.push(rec);
  }

  totals(t: TotalsRecord): RangeTotalsRecord {
    const s = this.#totals;
    return { lines: t.lines, rejected: t.rejected, value: t.value, duty: formatCents(s.duty), low: formatCents(s.low), high: formatCents(s.high), rangedLines: s.ranged };
  }

  end(t: TotalsRecord, warnings: string[]): void {
    const { out, format } = this.ctx;
    const totals = this.totals(t);
    if (format === 'json') {
      out.push(`\n],\n"rejected":${JSON.stringify(this.#rejected)},\n"totals":${JSON.stringify(totals)},\n"warnings":${JSON.stringify(warnings)}}\n`);
      return;
    }
    if (format === 'csv') return; // totals on stderr, as calc's csv
    this.#table(totals);
  }

  #table(t: RangeTotalsRecord): void {
    const { out, paint, engine, width } = this.ctx;
    const b = paint.bold;
    const $ = displayMoney;
    const ends = (e: RangeEndRecord) => `${$(e.duty)}\n${e.assumes.length === 0 ? '(the defaults)' : displayText(e.assumes.join(', '))}`;
    out.push(`${b(wrapLine(`${displayText(engine.title)}: scenario ${displayText(engine.scenario)}; duty ranges over the facts each line did not give`, width, 2))}\n`);
    if (this.#lines.length > 0) {
      const rows = this.#lines.map((r) => [
        r.line === null ? '-' : String(r.line),
        displayText(r.id ?? ''),
        `${r.hts === null ? displayText(r.category) : `${r.hts} (${displayText(r.category)})`}\n${r.date}`,
        $(r.value),
        $(r.duty),
        ends(r.low),
        ends(r.high),
      ]);
      out.push(`${fitTable(rows, { head: ['line', 'id', 'good, date', 'value', 'duty (defaults)', 'lowest', 'highest'], aligns: ['right', 'left', 'left', 'right', 'right', 'left', 'left'], width })}\n`);
    }
    if (this.#more > 0) out.push(`… ${this.#more} more ${this.#more === 1 ? 'row' : 'rows'}; use --format csv or json for all\n`);
    const rows = [
      ['lines computed', String(t.lines)],
      ['lines rejected', String(t.rejected)],
      ['customs value', $(t.value)],
      [b('duty (the defaults)'), b($(t.duty))],
      ['lowest duty', $(t.low)],
      ['highest duty', $(t.high)],
      ['lines with a range', String(t.rangedLines)],
    ];
    out.push(`${b('Totals')}\n${fitTable(rows, { aligns: ['left', 'right'], width })}\n`);
    if (this.#rejected.length > 0) {
      out.push(`${b('Rejected')}\n`);
      for (const r of this.#rejected.slice(0, 20)) out.push(`${wrapLine(`  ${r.line === null ? '' : `line ${r.line}, `}${displayText(r.field)}: ${displayText(r.reason)}`, width, 4)}\n`);
      if (this.#rejected.length > 20) out.push(`  … ${this.#rejected.length - 20} more rejected rows; use --format csv or json for all\n`);
    }
  }
}
