/**
 * Output formats of `tariff calc`. Each reporter receives records as they are
 * computed and pushes text to the buffered output; none holds more than a
 * bounded amount (the table keeps at most --limit lines, JSON keeps the
 * rejected records until the lines are written).
 */
import Table from 'cli-table3';
import type { Engine } from '../core/compile.js';
import type { Out } from '../io/out.js';
import type { Field, HeaderMap } from '../schema/row.js';
import type { Paint } from './color.js';
import type { LineRecord, RejectedRecord, TotalsRecord } from './records.js';

export type Format = 'table' | 'csv' | 'json' | 'ndjson';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'ndjson'];

export interface Reporter {
  line(rec: LineRecord): void;
  rejected(rec: RejectedRecord): void;
  end(totals: TotalsRecord, warnings: string[]): void;
}

export interface ReporterContext {
  engine: Engine;
  header: HeaderMap | null;
  out: Out;
  /** Most lines a table shows. */
  limit: number;
  paint: Paint;
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
  }
}

// ---------------------------------------------------------------- CSV

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

class CsvReporter implements Reporter {
  readonly #layers: readonly string[];
  readonly #passNames: string[];

  constructor(private readonly ctx: ReporterContext) {
    this.#layers = ctx.engine.layers;
    this.#passNames = ctx.header ? ctx.header.passthrough.map((i) => ctx.header!.names[i]!) : [];
    const head = [
      'line', 'status', 'id', 'hts', 'category', 'origin', 'date', 'value', 'duty', 'effective_rate',
      ...this.#layers.flatMap((l) => [`${l}_rate`, `${l}_duty`]),
      'measures', 'notes', 'rejected_field', 'rejected_reason',
      ...this.#passNames.map((n) => (HEAD_RESERVED.has(n.toLowerCase()) ? `input_${n}` : n)),
    ];
    ctx.out.push(`${head.map(csvCell).join(',')}\n`);
  }

  line(r: LineRecord): void {
    const rate = new Map<string, string>();
    const duty = new Map<string, bigint>();
    for (const d of r.duties) {
      // A layer normally has one measure per line; when a user schedule stacks two, rates and amounts add up.
      rate.set(d.layer, rate.has(d.layer) ? addDecimalStrings(rate.get(d.layer)!, d.rate) : d.rate);
      duty.set(d.layer, (duty.get(d.layer) ?? 0n) + centsOf(d.amount));
    }
    const cells = [
      r.line === null ? '' : String(r.line), 'ok', r.id ?? '', r.hts ?? '', r.category, r.origin, r.date, r.value, r.duty, r.effectiveRate,
      ...this.#layers.flatMap((l) => (rate.has(l) ? [rate.get(l)!, formatCentsString(duty.get(l)!)] : ['', ''])),
      r.duties.map((d) => d.measure).join(' '), r.notes.join('; '), '', '',
      ...this.#passNames.map((n) => r.columns[n] ?? ''),
    ];
    this.ctx.out.push(`${cells.map(csvCell).join(',')}\n`);
  }

  rejected(r: RejectedRecord): void {
    const raw = (f: Field): string => {
      const h = this.ctx.header;
      if (!h || !r.columns || h.index[f] === undefined) return '';
      return r.columns[h.names[h.index[f]!]!] ?? '';
    };
    const cells = [
      r.line === null ? '' : String(r.line), 'rejected', raw('id'), raw('hts'), raw('category'), raw('origin'), raw('date'), raw('value'), '', '',
      ...this.#layers.flatMap(() => ['', '']),
      '', '', r.field, r.reason,
      ...this.#passNames.map((n) => r.columns?.[n] ?? ''),
    ];
    this.ctx.out.push(`${cells.map(csvCell).join(',')}\n`);
  }

  end(): void {}
}

const HEAD_RESERVED = new Set([
  'line', 'status', 'duty', 'effective_rate', 'measures', 'notes', 'rejected_field', 'rejected_reason',
]);

function centsOf(s: string): bigint {
  return BigInt(s.replace('.', ''));
}

function formatCentsString(c: bigint): string {
  const s = c.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

function addDecimalStrings(a: string, b: string): string {
  const scale = (s: string) => (s.includes('.') ? s.split('.')[1]!.length : 0);
  const k = Math.max(scale(a), scale(b));
  const toInt = (s: string) => BigInt(s.replace('.', '') + '0'.repeat(k - scale(s)));
  const sum = (toInt(a) + toInt(b)).toString().padStart(k + 1, '0');
  return k === 0 ? sum : `${sum.slice(0, -k)}.${sum.slice(-k)}`.replace(/\.?0+$/, '');
}

// ---------------------------------------------------------------- JSON

class JsonReporter implements Reporter {
  #first = true;
  readonly #rejected: RejectedRecord[] = [];

  constructor(private readonly ctx: ReporterContext) {
    const e = ctx.engine;
    ctx.out.push(
      `{"schedule":${JSON.stringify(e.scheduleId)},"scenario":${JSON.stringify(e.scenario)},"knownThrough":${JSON.stringify(e.knownThrough)},"lines":[`,
    );
  }

  line(r: LineRecord): void {
    this.ctx.out.push(`${this.#first ? '\n' : ',\n'}${JSON.stringify(r)}`);
    this.#first = false;
  }

  rejected(r: RejectedRecord): void {
    this.#rejected.push(r);
  }

  end(totals: TotalsRecord, warnings: string[]): void {
    const rejected = this.#rejected.map((r) => JSON.stringify(r)).join(',\n');
    this.ctx.out.push(
      `${this.#first ? '' : '\n'}],\n"rejected":[${rejected ? `\n${rejected}\n` : ''}],\n"totals":${JSON.stringify(totals)},\n"warnings":${JSON.stringify(warnings)}}\n`,
    );
  }
}

class NdjsonReporter implements Reporter {
  constructor(private readonly ctx: ReporterContext) {}

  line(r: LineRecord): void {
    this.ctx.out.push(`${JSON.stringify({ type: 'line', ...r })}\n`);
  }

  rejected(r: RejectedRecord): void {
    this.ctx.out.push(`${JSON.stringify({ type: 'rejected', ...r })}\n`);
  }

  end(totals: TotalsRecord, warnings: string[]): void {
    const e = this.ctx.engine;
    this.ctx.out.push(
      `${JSON.stringify({ type: 'totals', schedule: e.scheduleId, scenario: e.scenario, knownThrough: e.knownThrough, ...totals, warnings })}\n`,
    );
  }
}

// ---------------------------------------------------------------- table

const TABLE_STYLE = { head: [] as string[], border: [] as string[], compact: true };
const MAX_REJECTED_SHOWN = 20;

class TableReporter implements Reporter {
  readonly #lines: LineRecord[] = [];
  #more = 0;
  readonly #rejected: RejectedRecord[] = [];
  #moreRejected = 0;
  readonly #notes = new Set<string>();

  constructor(private readonly ctx: ReporterContext) {}

  line(r: LineRecord): void {
    for (const n of r.notes) this.#notes.add(n);
    if (this.#lines.length < this.ctx.limit) this.#lines.push(r);
    else this.#more++;
  }

  rejected(r: RejectedRecord): void {
    if (this.#rejected.length < MAX_REJECTED_SHOWN) this.#rejected.push(r);
    else this.#moreRejected++;
  }

  end(t: TotalsRecord): void {
    const { out, paint, engine } = this.ctx;
    const b = paint.bold;
    out.push(`${b(engine.title)}: scenario ${b(engine.scenario)}\n`);
    if (this.#lines.length > 0) {
      const table = new Table({
        head: ['line', 'id', 'good', 'date', 'value', 'measures (rate: amount)', 'duty', 'eff. rate'],
        style: TABLE_STYLE,
        colAligns: ['right', 'left', 'left', 'left', 'right', 'left', 'right', 'right'],
      });
      for (const r of this.#lines) {
        table.push([
          r.line === null ? '-' : String(r.line),
          r.id ?? '',
          r.hts === null ? r.category : `${r.hts} (${r.category})`,
          r.date,
          r.value,
          r.duties.map((d) => `${d.measure} ${d.rate}%: ${d.amount}`).join('\n'),
          r.duty,
          `${r.effectiveRate}%`,
        ]);
      }
      out.push(`${table.toString()}\n`);
    }
    if (this.#more > 0) out.push(`… ${this.#more} more rows; use --format csv or json for all\n`);

    const totals = new Table({ style: TABLE_STYLE, colAligns: ['left', 'right'] });
    totals.push(
      ['lines computed', String(t.lines)],
      ['lines rejected', String(t.rejected)],
      ['customs value', t.value],
      ...t.duties.map((d) => [`  ${d.measure}`, d.amount]),
      [b('duty'), b(t.duty)],
      ['effective rate', `${t.effectiveRate}%`],
    );
    out.push(`${b('Totals')}\n${totals.toString()}\n`);

    if (this.#rejected.length > 0) {
      out.push(`${b('Rejected')}\n`);
      for (const r of this.#rejected) out.push(`  ${r.line === null ? '' : `line ${r.line}, `}${r.field}: ${r.reason}\n`);
      if (this.#moreRejected > 0) out.push(`  … ${this.#moreRejected} more rejected rows; use --format csv or json for all\n`);
    }
    if (this.#notes.size > 0) {
      out.push(`${b('Notes')}\n`);
      for (const n of this.#notes) out.push(`  - ${n}\n`);
    }
  }
}
