/**
 * What calc's page reporters (table, html) keep while lines stream: the first --limit lines as records, the first
 * rejected rows, the notes, the entries, and the sums per category over every line (not only those shown).
 */
import type { ComputedLine } from '../../../core/compute.js';
import type { Row } from '../../../schema/row.js';
import { lineRecord, passthroughColumns, type EntryRecord, type LineFees, type LineRecord, type RejectedRecord } from '../records.js';
import { CategorySums } from './categories.js';
import type { ReporterContext } from './reporters.js';

export class HeldLines {
  readonly lines: LineRecord[] = [];
  /** Lines past the first --limit: counted, not kept. */
  more = 0;
  readonly rejected: RejectedRecord[] = [];
  moreRejected = 0;
  readonly notes = new Set<string>();
  entries: EntryRecord[] = [];
  /** Lines, value and duty per category, over every line given (not only the first --limit). */
  readonly byCategory = new CategorySums();

  constructor(
    private readonly ctx: ReporterContext,
    /** The most rejected rows kept. */
    private readonly maxRejected: number,
    /** Whether a kept line's record has its explain. */
    private readonly explain: boolean,
  ) {}

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    this.byCategory.add(c.plan.category, c.row.value, c.duty);
    for (const n of c.plan.notes) this.notes.add(n);
    if (this.lines.length < this.ctx.limit) this.lines.push(lineRecord(c, passthroughColumns(this.ctx.header, cells), this.explain, fees));
    else this.more++;
  }

  reject(r: RejectedRecord): void {
    if (this.rejected.length < this.maxRejected) this.rejected.push(r);
    else this.moreRejected++;
  }
}
