/** calc's table: at most --limit lines, then totals, categories, impact, entries, rejected rows and notes. */
import type { ComputedLine } from '../../../core/compute.js';
import type { Row } from '../../../schema/row.js';
import { effectiveRate, formatCents } from '../../../values/money.js';
import { displayMoney, displayText } from '../display.js';
import { fitTable, naturalWidth, wrapLine } from '../fit.js';
import { renderImpactTable, TableImpact } from '../impact/table.js';
import { refundableLabel, type EntryRecord, type LineFees, type RejectedRecord, type TotalsRecord } from '../records.js';
import { HeldLines } from './held.js';
import type { Reporter, ReporterContext } from './reporters.js';

const MAX_REJECTED_SHOWN = 20;

export class TableReporter implements Reporter {

  readonly #held: HeldLines;

  constructor(private readonly ctx: ReporterContext) {
    this.#held = new HeldLines(ctx, MAX_REJECTED_SHOWN, ctx.explain);
  }

  entries(list: EntryRecord[]): void {
    this.#held.entries = list;
  }

  /** Impact sums per category, for the chart (lines with impact figures only). */
  readonly #impact = new TableImpact();

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    if (c.impact !== undefined) this.#impact.add(c.plan.category, c.row.value, c.duty, c.impact, c.row.unit);
    this.#held.line(c, cells, fees);
    for (const n of fees?.own?.notes ?? []) this.#held.notes.add(n);
  }

  rejected(r: RejectedRecord): void {
    this.#held.reject(r);
  }

  end(t: TotalsRecord): void {
    const { out, paint, engine } = this.ctx;
    const width = this.ctx.width ?? null;
    out.push(`${paint.bold(wrapLine(`${displayText(engine.title)}: scenario ${displayText(engine.scenario)}`, width, 2))}\n`);
    if (this.#held.lines.length > 0) out.push(`${this.#linesTable(width)}\n`);
    if (this.ctx.explain) this.#why(width);
    if (this.#held.more > 0) out.push(`… ${this.#held.more} more ${this.#held.more === 1 ? 'row' : 'rows'}; use --format csv or json for all\n`);
    out.push(`${paint.bold('Totals')}\n${fitTable(this.#totalsRows(t), { aligns: ['left', 'right'], width })}\n`);
    // Per category (every line given to the table), when there is more than one: the summary compare --by gives.
    if (this.#held.byCategory.size > 1) out.push(`${paint.bold('By category')}\n${this.#categoryTable(width)}\n`);
    if (t.impact !== undefined) out.push(renderImpactTable(t.impact, this.#held.lines, this.#impact, { bold: paint.bold, width, chart: true }));
    if (this.#held.entries.length > 0) this.#entriesTable(width);
    this.#rejectedAndNotes(width);
  }

  /** A line of text of ours around the user's, wrapped to the width with a hanging indent. */
  #say(s: string, width: number | null, indent = 4): void {
    this.ctx.out.push(`${wrapLine(s, width, indent)}\n`);
  }

  #linesTable(width: number | null): string {
    const $ = displayMoney;
    const rows = this.#held.lines.map((r) => [
      r.line === null ? '-' : String(r.line),
      displayText(r.id ?? ''),
      r.hts === null ? displayText(r.category) : `${r.hts} (${displayText(r.category)})`,
      r.date,
      $(r.value),
      r.duties.map((x) => `${displayText(x.measure)} ${x.rate}%: ${$(x.amount)}${x.refundable ? ' (refundable)' : ''}`).join('\n'),
      $(r.duty),
      `${r.effectiveRate}%`,
    ]);
    const head = ['line', 'id', 'good', 'date', 'value', 'measures (rate: amount)', 'duty', 'eff. rate'];
    if (width === null || naturalWidth(rows, head) <= width) {
      return fitTable(rows, { head, aligns: ['right', 'left', 'left', 'left', 'right', 'left', 'right', 'right'], width });
    }
    // Narrower: the good over its date, the duty over its rate, measures and goods wrapped (QA #13).
    const narrow = rows.map(([line, id, good, date, value, measures, duty, rate]) => [line!, id!, `${good}\n${date}`, value!, measures!, `${duty}\n${rate}`]);
    const aligns = ['right', 'left', 'left', 'right', 'left', 'right'] as const;
    return fitTable(narrow, { head: ['line', 'id', 'good, date', 'value', 'measures (rate: amount)', 'duty, rate'], aligns: [...aligns], width });
  }

  /** --explain: for each line shown, every measure considered, whether it applied and why. */
  #why(width: number | null): void {
    const { out, paint } = this.ctx;
    for (const r of this.#held.lines) {
      out.push(`${paint.bold(`Why, ${r.line === null ? 'this import' : `line ${r.line}`}${r.id ? ` (${displayText(r.id)})` : ''}:`)}\n`);
      for (const e of r.explain ?? []) {
        this.#say(`  ${e.applied ? '✓' : '·'} ${displayText(e.measure)}: ${displayText(e.reason)}`, width, 6);
        if (e.applied) out.push(`${paint.dim(wrapLine(`      ${displayText(e.citation)}`, width, 6))}\n`);
      }
    }
  }

  #totalsRows(t: TotalsRecord): string[][] {
    const b = this.ctx.paint.bold;
    const $ = displayMoney;
    return [
      ['lines computed', String(t.lines)],
      ['lines rejected', String(t.rejected)],
      ['customs value', $(t.value)],
      ...t.duties.map((x) => [`  ${displayText(x.measure)}`, $(x.amount)]),
      [b('duty'), b($(t.duty))],
      ['effective rate', `${t.effectiveRate}%`],
      ...(t.refundable === '0.00' ? [] : [[refundableLabel(this.ctx.engine), `${$(t.refundable)} on ${t.refundableLines} ${t.refundableLines === 1 ? 'line' : 'lines'}`]]),
      ...(t.fees === undefined
        ? []
        : [['MPF (merchandise processing fee)', $(t.mpf!)], ['HMF (harbor maintenance fee)', $(t.hmf!)], [b('duty + fees'), b($(t.total!))]]),
    ];
  }

  #categoryTable(width: number | null): string {
    const cats = this.#held.byCategory.sorted(this.ctx.engine);
    const rows = cats.map(([name, s]) => [displayText(name), String(s.lines), displayMoney(formatCents(s.value)), displayMoney(formatCents(s.duty)), `${effectiveRate(s.duty, s.value)}%`]);
    return fitTable(rows, { head: ['category', 'lines', 'value', 'duty', 'eff. rate'], aligns: ['left', 'right', 'right', 'right', 'right'], width });
  }

  #entriesTable(width: number | null): void {
    const { out, paint, limit } = this.ctx;
    const $ = displayMoney;
    const rows = this.#held.entries.slice(0, limit).map((e) => {
      const lines = e.rejected > 0 ? `${e.lines} (+${e.rejected} rejected)` : String(e.lines);
      return [displayText(e.entry), lines, $(e.value), e.mixed ? `${e.mode} (first line; mixed)` : e.mode, e.fiscalYear, $(e.mpf), $(e.hmf)];
    });
    const et = fitTable(rows, { head: ['entry', 'lines', 'value', 'mode', 'fiscal year', 'MPF', 'HMF'], aligns: ['left', 'right', 'right', 'left', 'left', 'right', 'right'], width });
    out.push(`${paint.bold('Entries')}\n${et}\n`);
    if (this.#held.entries.length > limit) out.push(`… ${this.#held.entries.length - limit} more entries; use --format csv or json for all\n`);
    this.#entryNotes();
  }

  /**
   * A note per entry (mixed, rejected lines) would flood the table: one summary each; notes of all entries (a
   * fiscal year not in the data) once. The per-entry notes are in csv and json.
   */
  #entryNotes(): void {
    const mixed = this.#held.entries.filter((e) => e.mixed).map((e) => e.entry);
    const partial = this.#held.entries.filter((e) => e.rejected > 0).map((e) => e.entry);
    const some = (ids: string[]) => `${ids.length} ${ids.length === 1 ? 'entry' : 'entries'} (${ids.slice(0, 5).map((id) => displayText(id)).join(', ')}${ids.length > 5 ? ', …' : ''})`;
    if (mixed.length > 0) {
      this.#held.notes.add(`${some(mixed)} mix entry dates or modes: the first line's date picks the MPF fiscal year; HMF follows each line's mode`);
    }
    if (partial.length > 0) {
      this.#held.notes.add(`${some(partial)} ${partial.length === 1 ? 'has rejected lines: its' : 'have rejected lines: their'} fees cover only the computed lines (MPF is per entry, so they are incomplete)`);
    }
    for (const e of this.#held.entries) for (const n of e.notes) if (!n.includes(`entry ${e.entry}`)) this.#held.notes.add(n);
  }

  #rejectedAndNotes(width: number | null): void {
    const { out, paint } = this.ctx;
    if (this.#held.rejected.length > 0) {
      out.push(`${paint.bold('Rejected')}\n`);
      for (const r of this.#held.rejected) this.#say(`  ${r.line === null ? '' : `line ${r.line}, `}${displayText(r.field)}: ${displayText(r.reason)}`, width);
      if (this.#held.moreRejected > 0) out.push(`  … ${this.#held.moreRejected} more rejected rows; use --format csv or json for all\n`);
    }
    if (this.#held.notes.size > 0) {
      out.push(`${paint.bold('Notes')}\n`);
      for (const n of this.#held.notes) this.#say(`  - ${displayText(n)}`, width);
    }
  }
}
