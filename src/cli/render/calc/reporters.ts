/**
 * Output formats of `tariff calc`: the Reporter each format implements, and the choice of one. Each reporter
 * receives records as they are computed and pushes text to the buffered output; none holds more than a bounded
 * amount (the table keeps at most --limit lines, JSON keeps the rejected records until the lines are written).
 * One file per format: csv.ts, json.ts (json and ndjson), table.ts, xlsx.ts, html.ts, range.ts.
 */
import type { Engine } from '../../../core/compile.js';
import type { ComputedLine } from '../../../core/compute.js';
import type { Out } from '../../../io/out.js';
import type { HeaderMap, Row } from '../../../schema/row.js';
import type { Paint } from '../../color.js';
import type { EntryRecord, LineFees, RejectedRecord, TotalsRecord } from '../records.js';
import { CsvReporter } from './csv.js';
import { JsonReporter, NdjsonReporter } from './json.js';
import { TableReporter } from './table.js';


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
  /** --format xlsx: the workbook reporter, loaded on demand (xlsx.ts). */
  xlsx?: ((ctx: ReporterContext) => Reporter) | undefined;
  /** --format html: the page reporter, loaded on demand (html.ts). */
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
