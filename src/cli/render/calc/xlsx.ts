/**
 * `calc --format xlsx`: an Excel workbook with three sheets.
 * - Lines: the columns of the CSV output, one row per input line (rejected
 *   rows and grouped entries too); money as numbers with two decimals, rates
 *   as percents, dates as dates, HTS codes, ids and your own columns as text
 *   (inline strings, so a cell that starts with = + - @ is never a formula).
 * - Totals: the totals of `--format json`, by measure and by layer.
 * - Notes: the schedule, scenario and evidence date, how amounts are rounded,
 *   and the run's warnings.
 * The Lines sheet streams into the zip as lines are computed (see
 * io/zip-write.ts), so memory does not grow with the rows.
 */
import type { ComputedLine } from '../../../core/compute.js';
import type { Row } from '../../../schema/row.js';
import type { Field } from '../../../schema/row.js';
import { ZipWriter } from '../../../io/zip-write.js';
import { RowXml, SharedStrings, SHEET_END, sheetStart, STYLE, workbookSkeleton } from '../../../io/xlsx-write.js';
import type { EntryRecord, LineFees, LineRecord, RejectedRecord, TotalsRecord } from '../records.js';
import type { LineImpactRecord } from '../impact/records.js';
import { impactTotalsRows } from '../impact/xlsx.js';
import type { HeaderMap } from '../../../schema/row.js';
import type { Reporter, ReporterContext } from './reporters.js';

/** Rows of a sheet, the header included (Excel's limit); past it the lines go on in a sheet "Lines 2", and so on. */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * What the reporter uses of the modules calc has loaded anyway, handed over rather than imported: a module
 * imported here as well would be split by the bundler into a chunk of its own, one more file for every run
 * to load at start-up (scripts/bundle.js).
 */
export interface XlsxHelpers {
  lineRecord(c: ComputedLine<Row>, passthrough: Record<string, string>, explain: boolean, fees: LineFees | null): LineRecord;
  passthroughColumns(header: HeaderMap | null, cells: string[] | null): Record<string, string>;
  formatCents(c: bigint): string;
  formatRate(r: bigint): string;
  /** The csv format's columns (csv.ts). */
  lineColumns(ctx: ReporterContext): string[];
  /** Rows per Lines sheet (EXCEL_MAX_ROWS; smaller in tests). */
  maxRows?: number | undefined;
  /** The csv format's impact columns and which of them are percents (render/impact/records.ts). */
  impactColumns?: readonly (keyof LineImpactRecord)[];
  impactPercent?: ReadonlySet<keyof LineImpactRecord>;
}

export class XlsxReporter implements Reporter {
  readonly #zip: ZipWriter;
  readonly #layers: readonly string[];
  readonly #passNames: string[];
  #row = 1;
  /** Lines sheets begun so far. */
  #linesSheets = 0;
  readonly #head: string[];
  readonly #sst = new SharedStrings();

  constructor(
    private readonly ctx: ReporterContext,
    private readonly h: XlsxHelpers,
  ) {
    this.#zip = new ZipWriter((b) => ctx.out.take(b));
    this.#layers = ctx.engine.layers;
    this.#passNames = ctx.header ? ctx.header.passthrough.map((i) => ctx.header!.names[i]!) : [];
    this.#head = h.lineColumns(ctx); // the csv format's columns, one list for both
    this.#beginLines();
  }

  /** Starts a Lines sheet with the header row. */
  #beginLines(): void {
    this.#linesSheets++;
    this.#row = 1;
    this.#zip.begin(`xl/worksheets/sheet${this.#linesSheets}.xml`);
    this.#zip.write(sheetStart(true));
    const r = new RowXml(this.#row++);
    for (const h of this.#head) r.text(h, STYLE.header);
    this.#zip.write(r.toString());
  }

  /** The next row of the Lines sheets: in a new sheet when this one is full. */
  #nextRow(sst: SharedStrings | null = null): RowXml {
    if (this.#row > (this.h.maxRows ?? EXCEL_MAX_ROWS)) {
      this.#zip.write(SHEET_END);
      this.#zip.end();
      this.#beginLines();
    }
    return new RowXml(this.#row++, sst);
  }

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    const { lineRecord, passthroughColumns, formatCents, formatRate } = this.h;
    const rec = lineRecord(c, passthroughColumns(this.ctx.header, cells), this.ctx.explain, fees);
    const r = this.#nextRow(this.#sst);
    // The tool's own repeated text from the shared strings; the user's text (ids, own columns) inline.
    r.number(rec.line === null ? null : String(rec.line), STYLE.int).shared('ok').text(rec.id).shared(rec.hts, STYLE.text).shared(rec.category).shared(rec.origin);
    r.date(rec.date).number(rec.value, STYLE.money).number(rec.duty, STYLE.money).percent(rec.effectiveRate);
    // Per layer: the rate and the duty (two measures of one layer, in a user's schedule, add up).
    const rate: (bigint | null)[] = this.#layers.map(() => null);
    const duty: (bigint | null)[] = this.#layers.map(() => null);
    for (const d of c.duties) {
      const l = this.#layers.indexOf(d.measure.layer);
      rate[l] = (rate[l] ?? 0n) + d.rate;
      duty[l] = (duty[l] ?? 0n) + d.amount;
    }
    for (let l = 0; l < this.#layers.length; l++) {
      r.percent(rate[l] === null ? null : formatRate(rate[l]!)).number(duty[l] === null ? null : formatCents(duty[l]!), STYLE.money);
    }
    r.shared(c.duties.map((d) => d.measure.id).join(' ')).shared(rec.notes.join('; ')).skip(2).number(rec.refundable, STYLE.money);
    if (this.ctx.explain) r.shared((rec.explain ?? []).map((d) => `${d.measure}: ${d.applied ? 'applied' : 'not applied'}, ${d.reason}`).join('; '));
    if (this.ctx.fees) r.text(rec.entry).shared(rec.mode).number(rec.mpf, STYLE.money).number(rec.hmf, STYLE.money);
    if (this.ctx.impact) {
      // The csv format's impact columns: percents as percents, the quantity as a number, the rest money.
      for (const k of this.h.impactColumns ?? []) {
        const v = rec.impact?.[k] ?? null;
        if (this.h.impactPercent?.has(k)) r.percent(v);
        else r.number(v, k === 'quantity' ? STYLE.none : STYLE.money);
      }
    }
    for (const n of this.#passNames) r.text(rec.columns[n]);
    this.#zip.write(r.toString());
  }

  rejected(rec: RejectedRecord): void {
    const raw = (f: Field): string => {
      const h = this.ctx.header;
      if (!h || !rec.columns || h.index[f] === undefined) return '';
      return rec.columns[h.names[h.index[f]!]!] ?? '';
    };
    const r = this.#nextRow();
    // The rejected row's cells as the user wrote them: text, never converted.
    r.number(rec.line === null ? null : String(rec.line), STYLE.int).text('rejected');
    for (const f of ['id', 'hts', 'category', 'origin', 'date', 'value'] as const) r.text(raw(f), STYLE.text);
    r.skip(2 + this.#layers.length * 2 + 2).text(rec.field).text(rec.reason).skip();
    if (this.ctx.explain) r.skip();
    if (this.ctx.fees) r.text(raw('entry'), STYLE.text).text(raw('mode')).skip(2);
    if (this.ctx.impact) r.skip(this.h.impactColumns?.length ?? 0);
    for (const n of this.#passNames) r.text(rec.columns?.[n], STYLE.text);
    this.#zip.write(r.toString());
  }

  entries(list: EntryRecord[]): void {
    for (const e of list) {
      const r = this.#nextRow();
      r.skip().text('entry').skip(5).number(e.value, STYLE.money).skip(2 + this.#layers.length * 2 + 1).text(e.notes.join('; ')).skip(3);
      if (this.ctx.explain) r.skip();
      r.text(e.entry, STYLE.text).text(e.mode).number(e.mpf, STYLE.money).number(e.hmf, STYLE.money);
      if (this.ctx.impact) r.skip(this.h.impactColumns?.length ?? 0);
      this.#zip.write(r.toString());
    }
  }

  end(t: TotalsRecord, warnings: string[]): void {
    const zip = this.#zip;
    zip.write(SHEET_END);
    zip.end();

    // Totals: one figure per row, then the duty by measure and by layer.
    let n = 1;
    const rows: string[] = [];
    const add = (f: (r: RowXml) => void) => {
      const r = new RowXml(n++);
      f(r);
      rows.push(r.toString());
    };
    add((r) => r.text('total', STYLE.header).text('amount', STYLE.header));
    add((r) => r.text('lines').number(String(t.lines), STYLE.int));
    add((r) => r.text('rejected').number(String(t.rejected), STYLE.int));
    add((r) => r.text('value').number(t.value, STYLE.money));
    add((r) => r.text('duty').number(t.duty, STYLE.money));
    add((r) => r.text('effective_rate').percent(t.effectiveRate));
    add((r) => r.text('refundable').number(t.refundable, STYLE.money));
    add((r) => r.text('refundable_lines').number(String(t.refundableLines), STYLE.int));
    if (t.fees !== undefined) {
      add((r) => r.text('mpf').number(t.mpf, STYLE.money));
      add((r) => r.text('hmf').number(t.hmf, STYLE.money));
      add((r) => r.text('fees').number(t.fees, STYLE.money));
      add((r) => r.text('total').number(t.total, STYLE.money));
    }
    n++;
    add((r) => r.text('measure', STYLE.header).text('layer', STYLE.header).text('duty', STYLE.header));
    for (const d of t.duties) add((r) => r.text(d.measure).text(d.layer).number(d.amount, STYLE.money));
    n++;
    add((r) => r.text('layer', STYLE.header).text('duty', STYLE.header));
    for (const l of t.layers) add((r) => r.text(l.layer).number(l.amount, STYLE.money));
    // Impact totals (impact columns or --pass-through): the json's totals.impact, one figure a row.
    if (t.impact !== undefined) {
      n++;
      impactTotalsRows(t.impact, add);
    }
    const n0 = this.#linesSheets;
    zip.add(`xl/worksheets/sheet${n0 + 1}.xml`, `${sheetStart(false, [22, 22, 16])}${rows.join('')}${SHEET_END}`);

    const e = this.ctx.engine;
    const notes: [string, string][] = [
      ['schedule', e.scheduleId],
      ['scenario', e.scenario],
      ['known through', e.knownThrough],
      ['money', 'exact to the cent: each measure is rounded half up per line, and totals are sums of the rounded amounts'],
      ['rates', 'percent of the customs value (of the metal value or the non-US share where the line says so)'],
      ['lines', 'every input row is in the Lines sheet, computed (status ok) or rejected with its column and reason'],
      ...warnings.map((w): [string, string] => ['warning', w]),
    ];
    const noteRows = notes.map(([k, v], i) => new RowXml(i + 1).text(k).text(v).toString());
    zip.add(`xl/worksheets/sheet${n0 + 2}.xml`, `${sheetStart(false, [16, 120])}${noteRows.join('')}${SHEET_END}`);

    if (this.#sst.size > 0) zip.add('xl/sharedStrings.xml', this.#sst.xml());
    for (const [name, text] of Object.entries(workbookSkeleton([...Array.from({ length: n0 }, (_, i) => (i === 0 ? 'Lines' : `Lines ${i + 1}`)), 'Totals', 'Notes'], this.#sst.size > 0))) zip.add(name, text);
    zip.finish();
  }

}

export const xlsxReporter =
  (h: XlsxHelpers) =>
  (ctx: ReporterContext): Reporter =>
    new XlsxReporter(ctx, h);
