/**
 * Output formats of `tariff calc`. Each reporter receives records as they are
 * computed and pushes text to the buffered output; none holds more than a
 * bounded amount (the table keeps at most --limit lines, JSON keeps the
 * rejected records until the lines are written).
 */
import type { Engine } from '../../../core/compile.js';
import type { Out } from '../../../io/out.js';
import type { Field, HeaderMap } from '../../../schema/row.js';
import type { Paint } from '../../color.js';
import type { ComputedLine } from '../../../core/compute.js';
import { effectiveRate, formatCents, formatRate } from '../../../values/money.js';
import type { Plan } from '../../../core/resolve.js';
import { formatHts } from '../../../values/hts.js';
import type { Row } from '../../../schema/row.js';
import { displayMoney, displayText } from '../display.js';
import { fitTable, naturalWidth, wrapLine } from '../fit.js';
import { JsonLineWriter } from './json-line.js';
import { lineRecord, passthroughColumns, type EntryRecord, type LineFees, type LineRecord, type RejectedRecord, type TotalsRecord } from '../records.js';
import { IMPACT_CSV_HEAD, writeImpactCsv } from '../impact/records.js';
import { renderImpactTable, TableImpact } from '../impact/table.js';

export type Format = 'table' | 'csv' | 'json' | 'ndjson' | 'xlsx' | 'html';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'ndjson', 'xlsx', 'html'];

export interface Reporter {
  /** A computed line; `cells` is the input record (null for flags); `fees` its entry (null with --no-fees). */
  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void;
  /** Entries grouped by an entry column, with their fees, after the last line. */
  entries(list: EntryRecord[]): void;
  rejected(rec: RejectedRecord): void;
  end(totals: TotalsRecord, warnings: string[]): void;
}

export interface ReporterContext {
  engine: Engine;
  header: HeaderMap | null;
  out: Out;
  /** Most lines a table shows. */
  limit: number;
  /** CSV: do not neutralise formula-like cells. */
  raw: boolean;
  /** Say for every measure whether it applied and why. */
  explain: boolean;
  /** Show customs fees (false with --no-fees or a schedule without fees). */
  fees: boolean;
  paint: Paint;
  /** Table: the width to fit (COLUMNS or the terminal's), or null for none. */
  width?: number | null | undefined;
  /** Impact figures are computed (impact columns or --pass-through): csv and xlsx add their columns. */
  impact?: boolean | undefined;
  /** --format xlsx: the workbook reporter, loaded on demand (xlsx-reporter.ts). */
  xlsx?: ((ctx: ReporterContext) => Reporter) | undefined;
  /** --format html: the page reporter, loaded on demand (html-calc.ts). */
  html?: ((ctx: ReporterContext) => Reporter) | undefined;
}

export function makeReporter(format: Format, ctx: ReporterContext): Reporter {
  switch (format) {
    case 'csv':
      return new CsvReporter(ctx);
    case 'json':
      return new JsonReporter(ctx);
    case 'ndjson':
      return new NdjsonReporter(ctx);
    case 'table':
      return new TableReporter(ctx);
    case 'xlsx':
      // Loaded only for a workbook run (see xlsxReporterFactory), so other runs do not load its code.
      if (ctx.xlsx === undefined) throw new Error('invariant: --format xlsx without the xlsx reporter loaded');
      return ctx.xlsx(ctx);
    case 'html':
      if (ctx.html === undefined) throw new Error('invariant: --format html without the html reporter loaded');
      return ctx.html(ctx);
  }
}

// ---------------------------------------------------------------- CSV

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell of the user's own text (ids, passed-through columns, rejected input),
 * neutralised for spreadsheets: a leading =, +, -, @, tab or carriage return
 * gets a single quote in front (OWASP CSV injection), unless `raw`. Our own
 * numeric fields are never passed through this.
 */
export function userCell(s: string, raw: boolean): string {
  if (!PLAIN_OR_SPECIAL.test(s)) return s; // the common case: one test, nothing to quote or neutralise
  return csvCell(!raw && FORMULA_START.test(s) ? `'${s}` : s);
}

/** Matches text that needs quoting or may need neutralising. */
const PLAIN_OR_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

class CsvReporter implements Reporter {
  readonly #layers: readonly string[];
  readonly #passNames: string[];

  constructor(private readonly ctx: ReporterContext) {
    this.#layers = ctx.engine.layers;
    this.#passNames = ctx.header ? ctx.header.passthrough.map((i) => ctx.header!.names[i]!) : [];
    const head = lineColumns(ctx);
    ctx.out.push(`${head.map(csvCell).join(',')}\n`);
  }

  /** What is the same for every line of one plan: computed once per plan, not per row. */
  readonly #perPlan = new WeakMap<Plan, PlanParts>();

  #planParts(plan: Plan): PlanParts {
    let p = this.#perPlan.get(plan);
    if (p === undefined) {
      const layerOf = plan.applied.map((a) => this.#layers.indexOf(a.measure.layer));
      const rateSum = this.#layers.map(() => null as bigint | null);
      plan.applied.forEach((a, i) => {
        // A layer normally has one measure per line; when a user schedule stacks two, their rates add up.
        rateSum[layerOf[i]!] = (rateSum[layerOf[i]!] ?? 0n) + a.rate;
      });
      const rates = rateSum.map((r) => (r === null ? '' : formatRate(r)));
      const tail = `${csvCell(plan.applied.map((a) => a.measure.id).join(' '))},${csvCell([...plan.notes, ...baseNotes(plan)].join('; '))},,,`;
      const explain = this.ctx.explain
        ? `,${csvCell(plan.decisions.map((d) => `${d.measure.id}: ${d.applied ? 'applied' : 'not applied'}, ${d.reason}`).join('; '))}`
        : '';
      // The common case, every used layer with one measure and fixed rates: the text between the amounts is fixed.
      let order: number[] | null = null;
      const segs: Uint8Array[] = [];
      if (plan.mfnSpecific === null && new Set(layerOf).size === layerOf.length) {
        order = [];
        let seg = '';
        for (let l = 0; l < this.#layers.length; l++) {
          const i = layerOf.indexOf(l);
          if (i < 0) seg += ',,';
          else {
            segs.push(UTF8.encode(`${seg},${rates[l]},`));
            order.push(i);
            seg = '';
          }
        }
        segs.push(UTF8.encode(`${seg},${tail}`));
      }
      p = { layerOf, rates, tail, good: null, explain: UTF8.encode(explain), order, segs };
      this.#perPlan.set(plan, p);
    }
    return p;
  }

  /** Per-layer rate and duty columns, then measures and notes, and the comma before `refundable`. */
  #layerColumns(c: ComputedLine<Row>, parts: PlanParts): void {
    const out = this.ctx.out;
    const { order, segs } = parts;
    if (order !== null) {
      out.bytes(segs[0]!);
      for (let j = 0; j < order.length; j++) {
        out.cents(c.duties[order[j]!]!.amount);
        out.bytes(segs[j + 1]!);
      }
      return;
    }
    const duty: (bigint | null)[] = this.#layers.map(() => null);
    c.duties.forEach((d, i) => {
      const l = parts.layerOf[i]!;
      duty[l] = (duty[l] ?? 0n) + d.amount;
    });
    // With a specific or compound MFN rate the rates come to different percentages on every line.
    let rates = parts.rates;
    if (c.plan.mfnSpecific !== null) {
      const sum: (bigint | null)[] = this.#layers.map(() => null);
      c.duties.forEach((d, i) => {
        const l = parts.layerOf[i]!;
        sum[l] = (sum[l] ?? 0n) + d.rate;
      });
      rates = sum.map((r) => (r === null ? '' : formatRate(r)));
    }
    let s = '';
    for (let l = 0; l < this.#layers.length; l++) s += duty[l] === null ? ',,' : `,${rates[l]},${formatCents(duty[l]!)}`;
    out.push(`${s},${parts.tail}`);
  }

  /** A cell of the user's text (see userCell). */
  #user(s: string): void {
    if (PLAIN_OR_SPECIAL.test(s)) this.ctx.out.push(userCell(s, this.ctx.raw));
    else this.ctx.out.ascii(s);
  }

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    const { row, plan } = c;
    const out = this.ctx.out;
    const parts = this.#planParts(plan);
    // A plan is resolved for one HTS code (or none), so its formatted code and category are computed once.
    parts.good ??= UTF8.encode(`,${row.hts === null ? '' : formatHts(row.hts)},${plan.category},`);
    // The bytes written are those of: line,ok,id,hts,category,origin,date,value,duty,effective_rate,<layers>,
    // measures,notes,,,refundable[,explain][,entry,mode,mpf,hmf][,passthrough...]
    if (row.line !== null) out.int(row.line);
    out.bytes(OK);
    if (row.id !== null) this.#user(row.id);
    out.bytes(parts.good);
    out.ascii(row.origin);
    out.byte(COMMA);
    out.ascii(row.date);
    out.byte(COMMA);
    out.cents(row.value);
    out.byte(COMMA);
    out.cents(c.duty);
    out.byte(COMMA);
    out.ascii(effectiveRate(c.duty, row.value));
    this.#layerColumns(c, parts);
    out.cents(c.refundable);
    if (parts.explain.length > 0) out.bytes(parts.explain);
    if (fees !== null) {
      out.byte(COMMA);
      // A line's own entry is named by tariff ("line N"), so only a user's entry number needs neutralising.
      if (fees.own !== null) out.ascii(fees.entry);
      else this.#user(fees.entry);
      out.byte(COMMA);
      out.ascii(row.mode);
      out.byte(COMMA);
      if (fees.own !== null) {
        out.cents(fees.own.mpf);
        out.byte(COMMA);
        out.cents(fees.own.hmf);
      } else out.byte(COMMA);
    }
    if (this.ctx.impact) {
      if (c.impact === undefined) out.ascii(','.repeat(IMPACT_CSV_HEAD.length));
      else writeImpactCsv(out, c.impact);
    }
    if (cells !== null && this.ctx.header !== null) {
      for (const i of this.ctx.header.passthrough) {
        out.byte(COMMA);
        this.#user(cells[i] ?? '');
      }
    }
    out.byte(NEWLINE);
  }

  rejected(r: RejectedRecord): void {
    const raw = (f: Field): string => {
      const h = this.ctx.header;
      if (!h || !r.columns || h.index[f] === undefined) return '';
      return r.columns[h.names[h.index[f]!]!] ?? '';
    };
    const mine = (s: string) => csvCell(s);
    const theirs = (s: string) => userCell(s, this.ctx.raw);
    const cells = [
      mine(r.line === null ? '' : String(r.line)), mine('rejected'),
      ...[raw('id'), raw('hts'), raw('category'), raw('origin'), raw('date'), raw('value')].map(theirs), '', '',
      ...this.#layers.flatMap(() => ['', '']),
      '', '', theirs(r.field), theirs(r.reason), '',
      ...(this.ctx.explain ? [''] : []),
      ...(this.ctx.fees ? [theirs(raw('entry')), theirs(raw('mode')), '', ''] : []),
      ...(this.ctx.impact ? IMPACT_CSV_HEAD.map(() => '') : []),
      ...this.#passNames.map((n) => theirs(r.columns?.[n] ?? '')),
    ];
    this.ctx.out.push(`${cells.join(',')}\n`);
  }

  entries(list: EntryRecord[]): void {
    // One row per grouped entry, after the lines: status "entry", its value and fees.
    const blanks = (n: number) => ','.repeat(n);
    for (const e of list) {
      const lead = `,entry,,,,,,${e.value}${blanks(2)}${blanks(this.#layers.length * 2)},,${csvCell(e.notes.join('; '))},,,`;
      const explain = this.ctx.explain ? ',' : '';
      const impact = this.ctx.impact ? blanks(IMPACT_CSV_HEAD.length) : '';
      this.ctx.out.push(`${lead}${explain},${userCell(e.entry, this.ctx.raw)},${e.mode},${e.mpf},${e.hmf}${impact}${blanks(this.#passNames.length)}\n`);
    }
  }

  end(): void {}

}

/**
 * A csv line has one rate and one duty per layer, and no column for what the rate applied to: when that is not
 * the value (JSON's `base` and `nonUsShare`), the notes say so, so that rate x value = duty is not assumed.
 */
function baseNotes(plan: Plan): string[] {
  const notes: string[] = [];
  for (const a of plan.applied) {
    const on = a.base === 'metal' ? 'the metal value' : a.base === 'remainder' ? 'the value minus the metal value' : 'the value';
    if (a.base !== 'value' || a.nonUsShare) {
      notes.push(`the ${a.measure.layer} rate applies to ${a.nonUsShare ? `the non-US share of ${on} (100% - us_content)` : on}`);
    }
  }
  return notes;
}

interface PlanParts {
  /** Layer index of each applied measure. */
  layerOf: number[];
  /** Each layer's rate as text ('' when no measure of the layer applies). */
  rates: string[];
  /** Measures, notes, and the empty rejected_field and rejected_reason columns. */
  tail: string;
  /** ",hts,category," as bytes, once a line of the plan is written. */
  good: Uint8Array | null;
  /** The explain column with its leading comma, or nothing. */
  explain: Uint8Array;
  /** When each used layer has one measure at a fixed rate: the duties in layer order, and the text around them. */
  order: number[] | null;
  segs: Uint8Array[];
}

const UTF8 = new TextEncoder();
const OK = UTF8.encode(',ok,');
/** What comes before a line record's first field: in the JSON document's array, and as an ndjson object. */
const FIRST_LINE = UTF8.encode('\n{');
const NEXT_LINE = UTF8.encode(',\n{');
const NDJSON_LINE = UTF8.encode('{"type":"line",');
const COMMA = 0x2c;
const NEWLINE = 0x0a;

const HEAD_RESERVED = new Set([
  'line', 'status', 'duty', 'effective_rate', 'measures', 'notes', 'rejected_field', 'rejected_reason',
]);
const IMPACT_RESERVED = new Set(IMPACT_CSV_HEAD);

/** The columns of a line in the csv format (and the xlsx Lines sheet): ours, then the input's own, renamed `input_…` where they clash. */
export function lineColumns(ctx: ReporterContext): string[] {
  const passNames = ctx.header ? ctx.header.passthrough.map((i) => ctx.header!.names[i]!) : [];
  return [
    'line', 'status', 'id', 'hts', 'category', 'origin', 'date', 'value', 'duty', 'effective_rate',
    ...ctx.engine.layers.flatMap((l) => [`${l}_rate`, `${l}_duty`]),
    'measures', 'notes', 'rejected_field', 'rejected_reason', 'refundable',
    ...(ctx.explain ? ['explain'] : []),
    ...(ctx.fees ? ['entry', 'mode', 'mpf', 'hmf'] : []),
    ...(ctx.impact ? IMPACT_CSV_HEAD : []),
    ...passNames.map((n) => (HEAD_RESERVED.has(n.toLowerCase()) || (ctx.impact && IMPACT_RESERVED.has(n.toLowerCase())) ? `input_${n}` : n)),
  ];
}

// ---------------------------------------------------------------- JSON

class JsonReporter implements Reporter {
  #first = true;
  readonly #rejected: RejectedRecord[] = [];

  constructor(private readonly ctx: ReporterContext) {
    this.#writer = new JsonLineWriter(ctx.header, ctx.explain);
    const e = ctx.engine;
    ctx.out.push(
      `{"schedule":${JSON.stringify(e.scheduleId)},"scenario":${JSON.stringify(e.scenario)},"knownThrough":${JSON.stringify(e.knownThrough)},"lines":[`,
    );
  }

  readonly #writer: JsonLineWriter;

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    this.#writer.write(this.ctx.out, c, cells, fees, this.#first ? FIRST_LINE : NEXT_LINE);
    this.#first = false;
  }

  rejected(r: RejectedRecord): void {
    this.#rejected.push(r);
  }

  #entries: EntryRecord[] | null = null;
  entries(list: EntryRecord[]): void {
    this.#entries = list;
  }

  end(totals: TotalsRecord, warnings: string[]): void {
    const rejected = this.#rejected.map((r) => JSON.stringify(r)).join(',\n');
    const entries = this.ctx.fees ? `,\n"entries":[${this.#entries?.length ? `\n${this.#entries.map((e) => JSON.stringify(e)).join(',\n')}\n` : ''}]` : '';
    this.ctx.out.push(
      `${this.#first ? '' : '\n'}],\n"rejected":[${rejected ? `\n${rejected}\n` : ''}]${entries},\n"totals":${JSON.stringify(totals)},\n"warnings":${JSON.stringify(warnings)}}\n`,
    );
  }
}

class NdjsonReporter implements Reporter {
  constructor(private readonly ctx: ReporterContext) {
    this.#writer = new JsonLineWriter(ctx.header, ctx.explain);
  }

  readonly #writer: JsonLineWriter;

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    this.#writer.write(this.ctx.out, c, cells, fees, NDJSON_LINE);
    this.ctx.out.byte(NEWLINE);
  }

  rejected(r: RejectedRecord): void {
    this.ctx.out.push(`${JSON.stringify({ type: 'rejected', ...r })}\n`);
  }

  entries(list: EntryRecord[]): void {
    for (const e of list) this.ctx.out.push(`${JSON.stringify({ type: 'entry', ...e })}\n`);
  }

  end(totals: TotalsRecord, warnings: string[]): void {
    const e = this.ctx.engine;
    this.ctx.out.push(
      `${JSON.stringify({ type: 'totals', schedule: e.scheduleId, scenario: e.scenario, knownThrough: e.knownThrough, ...totals, warnings })}\n`,
    );
  }
}

// ---------------------------------------------------------------- table

const MAX_REJECTED_SHOWN = 20;

class TableReporter implements Reporter {
  readonly #lines: LineRecord[] = [];
  #more = 0;
  readonly #rejected: RejectedRecord[] = [];
  #moreRejected = 0;
  readonly #notes = new Set<string>();
  #entries: EntryRecord[] = [];

  constructor(private readonly ctx: ReporterContext) {}

  entries(list: EntryRecord[]): void {
    this.#entries = list;
  }

  /** Lines, value and duty per category, over every line the table is given (not only the first --limit). */
  readonly #byCategory = new Map<string, { lines: number; value: bigint; duty: bigint }>();

  /** Impact sums per category, for the chart (lines with impact figures only). */
  readonly #impact = new TableImpact();

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    if (c.impact !== undefined) this.#impact.add(c.plan.category, c.row.value, c.duty, c.impact, c.row.unit);
    const cat = this.#byCategory.get(c.plan.category);
    if (cat === undefined) this.#byCategory.set(c.plan.category, { lines: 1, value: c.row.value, duty: c.duty });
    else {
      cat.lines++;
      cat.value += c.row.value;
      cat.duty += c.duty;
    }
    for (const n of c.plan.notes) this.#notes.add(n);
    for (const n of fees?.own?.notes ?? []) this.#notes.add(n);
    if (this.#lines.length < this.ctx.limit) this.#lines.push(lineRecord(c, passthroughColumns(this.ctx.header, cells), this.ctx.explain, fees));
    else this.#more++;
  }

  rejected(r: RejectedRecord): void {
    if (this.#rejected.length < MAX_REJECTED_SHOWN) this.#rejected.push(r);
    else this.#moreRejected++;
  }

  end(t: TotalsRecord): void {
    const { out, paint, engine } = this.ctx;
    const b = paint.bold;
    const width = this.ctx.width ?? null;
    const $ = displayMoney;
    /** A line of text of ours around the user's, wrapped to the width with a hanging indent. */
    const say = (s: string, indent = 4) => out.push(`${wrapLine(s, width, indent)}\n`);
    out.push(`${b(wrapLine(`${displayText(engine.title)}: scenario ${displayText(engine.scenario)}`, width, 2))}\n`);
    if (this.#lines.length > 0) {
      const rows = this.#lines.map((r) => [
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
        out.push(`${fitTable(rows, { head, aligns: ['right', 'left', 'left', 'left', 'right', 'left', 'right', 'right'], width })}\n`);
      } else {
        // Narrower: the good over its date, the duty over its rate, measures and goods wrapped (QA #13).
        const narrow = rows.map(([line, id, good, date, value, measures, duty, rate]) => [line!, id!, `${good}\n${date}`, value!, measures!, `${duty}\n${rate}`]);
        const aligns = ['right', 'left', 'left', 'right', 'left', 'right'] as const;
        out.push(`${fitTable(narrow, { head: ['line', 'id', 'good, date', 'value', 'measures (rate: amount)', 'duty, rate'], aligns: [...aligns], width })}\n`);
      }
    }
    if (this.ctx.explain) {
      for (const r of this.#lines) {
        out.push(`${b(`Why, ${r.line === null ? 'this import' : `line ${r.line}`}${r.id ? ` (${displayText(r.id)})` : ''}:`)}\n`);
        for (const e of r.explain ?? []) {
          say(`  ${e.applied ? '✓' : '·'} ${displayText(e.measure)}: ${displayText(e.reason)}`, 6);
          if (e.applied) out.push(`${paint.dim(wrapLine(`      ${displayText(e.citation)}`, width, 6))}\n`);
        }
      }
    }
    if (this.#more > 0) out.push(`… ${this.#more} more ${this.#more === 1 ? 'row' : 'rows'}; use --format csv or json for all\n`);

    const totals = [
      ['lines computed', String(t.lines)],
      ['lines rejected', String(t.rejected)],
      ['customs value', $(t.value)],
      ...t.duties.map((x) => [`  ${displayText(x.measure)}`, $(x.amount)]),
      [b('duty'), b($(t.duty))],
      ['effective rate', `${t.effectiveRate}%`],
      ...(t.refundable === '0.00' ? [] : [['refundable (IEEPA)', `${$(t.refundable)} on ${t.refundableLines} ${t.refundableLines === 1 ? 'line' : 'lines'}`]]),
      ...(t.fees === undefined
        ? []
        : [['MPF (merchandise processing fee)', $(t.mpf!)], ['HMF (harbor maintenance fee)', $(t.hmf!)], [b('duty + fees'), b($(t.total!))]]),
    ];
    out.push(`${b('Totals')}\n${fitTable(totals, { aligns: ['left', 'right'], width })}\n`);
    // Per category (every line given to the table), when there is more than one: the summary compare --by gives.
    if (this.#byCategory.size > 1) {
      const order = [...engine.categories.keys()];
      const cats = [...this.#byCategory].sort(([a], [c]) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(c) + 1 || Infinity) || (a < c ? -1 : 1));
      const rows = cats.map(([name, s]) => [displayText(name), String(s.lines), $(formatCents(s.value)), $(formatCents(s.duty)), `${effectiveRate(s.duty, s.value)}%`]);
      out.push(`${b('By category')}\n${fitTable(rows, { head: ['category', 'lines', 'value', 'duty', 'eff. rate'], aligns: ['left', 'right', 'right', 'right', 'right'], width })}\n`);
    }
    if (t.impact !== undefined) out.push(renderImpactTable(t.impact, this.#lines, this.#impact, { bold: b, width, chart: true }));
    if (this.#entries.length > 0) {
      const rows = this.#entries.slice(0, this.ctx.limit).map((e) => {
        const lines = e.rejected > 0 ? `${e.lines} (+${e.rejected} rejected)` : String(e.lines);
        return [displayText(e.entry), lines, $(e.value), e.mixed ? `${e.mode} (first line; mixed)` : e.mode, e.fiscalYear, $(e.mpf), $(e.hmf)];
      });
      const et = fitTable(rows, { head: ['entry', 'lines', 'value', 'mode', 'fiscal year', 'MPF', 'HMF'], aligns: ['left', 'right', 'right', 'left', 'left', 'right', 'right'], width });
      out.push(`${b('Entries')}\n${et}\n`);
      if (this.#entries.length > this.ctx.limit) out.push(`… ${this.#entries.length - this.ctx.limit} more entries; use --format csv or json for all\n`);
      // A note per entry (mixed, rejected lines) would flood the table: one summary each; notes of all entries (a
      // fiscal year not in the data) once. The per-entry notes are in csv and json.
      const mixed = this.#entries.filter((e) => e.mixed).map((e) => e.entry);
      const partial = this.#entries.filter((e) => e.rejected > 0).map((e) => e.entry);
      const some = (ids: string[]) => `${ids.length} ${ids.length === 1 ? 'entry' : 'entries'} (${ids.slice(0, 5).map((id) => displayText(id)).join(', ')}${ids.length > 5 ? ', …' : ''})`;
      if (mixed.length > 0) {
        this.#notes.add(`${some(mixed)} mix entry dates or modes: the first line's date picks the MPF fiscal year; HMF follows each line's mode`);
      }
      if (partial.length > 0) {
        this.#notes.add(`${some(partial)} ${partial.length === 1 ? 'has rejected lines: its' : 'have rejected lines: their'} fees cover only the computed lines (MPF is per entry, so they are incomplete)`);
      }
      for (const e of this.#entries) for (const n of e.notes) if (!n.includes(`entry ${e.entry}`)) this.#notes.add(n);
    }

    if (this.#rejected.length > 0) {
      out.push(`${b('Rejected')}\n`);
      for (const r of this.#rejected) say(`  ${r.line === null ? '' : `line ${r.line}, `}${displayText(r.field)}: ${displayText(r.reason)}`);
      if (this.#moreRejected > 0) out.push(`  … ${this.#moreRejected} more rejected rows; use --format csv or json for all\n`);
    }
    if (this.#notes.size > 0) {
      out.push(`${b('Notes')}\n`);
      for (const n of this.#notes) say(`  - ${displayText(n)}`);
    }
  }
}
