/**
 * compare's per-row work: each row resolved and computed under every column (a scenario, or an origin with
 * --origins), summed per column and group; rows refused by some columns and not others are counted, so a
 * difference that is not like for like is said.
 */
import type { Engine } from '../../../core/compile.js';
import { addLine, ScenarioSums, type GroupBy } from '../../../core/compare.js';
import { Resolver } from '../../../core/resolve.js';
import { computeRow } from '../../../core/row.js';
import type { HeaderMap, Row, RowIssue } from '../../../schema/row.js';
import { formatHts } from '../../../values/hts.js';
import { columnName } from '../../input.js';
import type { CompareImpact } from '../../render/impact/diff.js';
import type { RejectedRow } from './report.js';

type Range = typeof import('../../../core/range.js');

export class CompareRows {
  readonly resolvers: Resolver[];
  readonly sums: ScenarioSums[];
  /** The page also has the duty by measure when the report is grouped otherwise (null: not asked). */
  readonly measureSums: ScenarioSums[] | null;
  /** --range: per column, the sums of the lines' lowest and highest duty. */
  readonly ranges: { low: bigint; high: bigint }[];
  readonly rejected: RejectedRow[] = [];
  /** Per column, rows computed under it or under the baseline but not under both: its difference is not like for like. */
  readonly differentRows: number[];
  /** Impact figures (per-unit duty, landed cost, price and margin) when the rows have a quantity or impact inputs. */
  impact: CompareImpact | null = null;

  constructor(
    private readonly engines: Engine[],
    private readonly by: GroupBy,
    /** --origins: each column's origin (null: the columns are scenarios). */
    private readonly origins: string[] | null,
    measures: boolean,
    private readonly range: Range | null,
  ) {
    // One Resolver for the origin columns (the same engine; its memo is keyed by origin).
    const shared = origins === null ? null : new Resolver(engines[0]!);
    this.resolvers = engines.map((e) => shared ?? new Resolver(e));
    this.sums = engines.map((e) => new ScenarioSums(e.scenario));
    this.measureSums = measures ? engines.map((e) => new ScenarioSums(e.scenario)) : null;
    this.ranges = engines.map(() => ({ low: 0n, high: 0n }));
    this.differentRows = engines.map(() => 0);
  }

  row(row: Row, header: HeaderMap): void {
    let refusal: { field: string; reason: string } | null = null;
    const refusedBy: string[] = [];
    this.resolvers.forEach((resolver, i) => {
      const refused = this.#column(i, resolver, row, header);
      if (refused === null) return;
      this.sums[i]!.rejected++;
      if (this.measureSums !== null) this.measureSums[i]!.rejected++;
      refusedBy.push(this.engines[i]!.scenario);
      refusal ??= refused;
    });
    if (refusedBy.length > 0 && refusedBy.length < this.engines.length) {
      const baseRefused = refusedBy.includes(this.engines[0]!.scenario);
      this.engines.forEach((e, i) => {
        if (i > 0 && refusedBy.includes(e.scenario) !== baseRefused) this.differentRows[i]!++;
      });
    }
    if (refusal !== null) {
      const rr: RejectedRow = { line: row.line, ...(refusal as { field: string; reason: string }) };
      if (refusedBy.length < this.engines.length) rr.scenarios = refusedBy;
      this.rejected.push(rr);
    }
  }

  /** The row under column i, added to its sums; or why the column refuses it. */
  #column(i: number, resolver: Resolver, row: Row, header: HeaderMap): { field: string; reason: string } | null {
    // --origins: the row as if from this column's origin.
    const good = this.origins === null ? row : { ...row, origin: this.origins[i]! };
    const line = computeRow(resolver, good);
    if (!line.ok) return { field: columnName(header, line.refusal.field), reason: line.refusal.reason };
    addLine(this.sums[i]!, this.by, good, line.plan, line, formatHts);
    this.impact?.add(i, row, line.plan, line);
    if (this.measureSums !== null) addLine(this.measureSums[i]!, 'measure', good, line.plan, line, formatHts);
    if (this.range !== null) {
      const lr = this.range.lineRange(resolver, good);
      this.ranges[i]!.low += lr.low.duty;
      this.ranges[i]!.high += lr.high.duty;
    }
    return null;
  }

  /** A row that could not be read: rejected under every column. */
  reject(issue: RowIssue): void {
    for (const s of this.sums) s.rejected++;
    for (const s of this.measureSums ?? []) s.rejected++;
    this.rejected.push({ line: issue.line, field: issue.field, reason: issue.reason });
  }
}
