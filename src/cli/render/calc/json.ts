/** calc's json (one document: lines, rejected, entries, totals, warnings) and ndjson (one object a line). */
import type { ComputedLine } from '../../../core/compute.js';
import type { Row } from '../../../schema/row.js';
import type { EntryRecord, LineFees, RejectedRecord, TotalsRecord } from '../records.js';
import { JsonLineWriter } from './json-line.js';
import type { Reporter, ReporterContext } from './reporters.js';

const UTF8 = new TextEncoder();
/** What comes before a line record's first field: in the JSON document's array, and as an ndjson object. */
const FIRST_LINE = UTF8.encode('\n{');
const NEXT_LINE = UTF8.encode(',\n{');
const NDJSON_LINE = UTF8.encode('{"type":"line",');
const NEWLINE = 0x0a;

export class JsonReporter implements Reporter {
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

export class NdjsonReporter implements Reporter {
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
