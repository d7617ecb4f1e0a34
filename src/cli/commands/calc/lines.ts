/**
 * What `tariff calc` does with each row, and what it sums while rows stream:
 * totals, fees, entries, date warnings and the first rejections.
 */
import { mfnDutyOf, Totals } from '../../../core/compute.js';
import { lineImpact, NO_IMPACT_INPUT, type ImpactSums } from '../../../core/impact.js';
import type { RateMicro } from '../../../values/money.js';
import type { Engine } from '../../../core/compile.js';
import { isCalendarDate } from '../../../values/dates.js';
import { addRejectedToEntry, addToEntry, MODES, newEntry, ownEntryFees, type EntrySums, type FeeRules, type Mode } from '../../../core/fees.js';
import type { Resolver } from '../../../core/resolve.js';
import { computeRow } from '../../../core/row.js';
import type { HeaderMap, Row, RowIssue } from '../../../schema/row.js';
import { defaultMode } from '../../defaults.js';
import { columnName } from '../../input.js';
import type { DateWarnings } from '../../date-warnings.js';
import { allColumns, rejectedRecord, type LineFees } from '../../render/records.js';
import type { Reporter } from '../../render/calc/reporters.js';

/** The first rejections, told on stderr. */
export const REJECTED_SAMPLE = 10;

export class CalcLines {
  readonly totals = new Totals();
  readonly rejectedSample: RowIssue[] = [];
  readonly grouped = new Map<string, EntrySums>();
  readonly feeTotals = { mpf: 0n, hmf: 0n };
  readonly yearNotes = new Set<string>();
  reporter: Reporter | null = null;
  /**
   * Set when the run computes impact figures (impact columns or --pass-through): the share passed on, and the sums
   * (null when the format shows no totals of impact: csv).
   */
  impact: { passThrough: RateMicro; sums: ImpactSums | null } | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly resolver: Resolver,
    readonly warnings: DateWarnings,
    /** Customs fee rules, or null with --no-fees. */
    readonly feeRules: FeeRules | null,
    private readonly refundsOnly: boolean,
    /** The import is given by flags (no input record to echo). */
    private readonly flags: boolean,
    /** The entry date and mode of rows without one, for an entry whose first line is rejected. */
    private readonly defaults: { date: string; mode: Mode } | null = null,
  ) {}

  reject(issue: RowIssue, cells: string[] | null, header: HeaderMap | null): void {
    this.totals.addRejected();
    if (this.feeRules !== null && cells !== null && header !== null && header.index.entry !== undefined) this.#rejectInEntry(cells, header);
    if (this.rejectedSample.length < REJECTED_SAMPLE) this.rejectedSample.push(issue);
    this.reporter!.rejected(rejectedRecord(issue, this.flags ? undefined : allColumns(header, cells)));
  }

  /** A rejected line that names its entry: the entry says so, and its first line's date still picks the fiscal year. */
  #rejectInEntry(cells: string[], header: HeaderMap): void {
    const entry = (cells[header.index.entry!] ?? '').trim();
    if (entry === '') return;
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const dateCell = cell(header.index.date);
    const date = dateCell === '' ? (this.defaults?.date ?? '') : isCalendarDate(dateCell) ? dateCell : '';
    const modeCell = cell(header.index.mode).toLowerCase();
    const mode = (MODES as readonly string[]).includes(modeCell) ? (modeCell as Mode) : (this.defaults?.mode ?? defaultMode());
    let e = this.grouped.get(entry);
    if (e === undefined) this.grouped.set(entry, (e = newEntry(entry, date, mode)));
    addRejectedToEntry(e, date, mode);
  }

  row(row: Row, cells: string[], header: HeaderMap): void {
    this.warnings.check(row.date, row.origin);
    const computed = computeRow(this.resolver, row);
    if (!computed.ok) return this.reject({ line: row.line, field: columnName(header, computed.refusal.field), reason: computed.refusal.reason }, cells, header);
    this.totals.addLine(row.value, computed);
    let fees: LineFees | null = null;
    const feeRules = this.feeRules;
    if (feeRules !== null) {
      if (row.entry === null) {
        // A line's own entry is named so that it cannot be taken for an entry number of the user's.
        const own = ownEntryFees(feeRules, row.line === null ? 'flags' : `line ${row.line}`, row.value, computed.duty, row.date, row.mode);
        this.feeTotals.mpf += own.mpf;
        this.feeTotals.hmf += own.hmf;
        if (own.yearNote !== null) this.yearNotes.add(own.yearNote);
        fees = { entry: own.entry, own };
      } else {
        let e = this.grouped.get(row.entry);
        if (e === undefined) this.grouped.set(row.entry, (e = newEntry(row.entry, row.date, row.mode)));
        addToEntry(feeRules, e, row.value, computed.duty, row.date, row.mode);
        fees = { entry: row.entry, own: null };
      }
    }
    if (this.impact !== null) {
      // A line's own entry's fees are part of its landed cost; a grouped entry's fees are added to the totals only.
      const lineFees = fees?.own ? fees.own.mpf + fees.own.hmf : 0n;
      const li = lineImpact({ value: row.value, duty: computed.duty, mfnDuty: mfnDutyOf(computed), fees: lineFees, quantity: row.quantity, input: row.impact ?? NO_IMPACT_INPUT, passThrough: this.impact.passThrough });
      computed.impact = li;
      this.impact.sums?.add(row.value, computed.duty, li, row.unit, computed.plan.category);
    }
    if (this.refundsOnly && computed.refundable === 0n) return; // --refunds lists only what can be claimed
    this.reporter!.line(computed, this.flags ? null : cells, fees);
  }
}
