/** The end of a calc run: the fees of grouped entries, the totals record, and the summary on stderr. */
import { entryFees } from '../../../core/fees.js';
import type { RowIssue } from '../../../schema/row.js';
import type { Paint } from '../../color.js';
import { plural } from '../../input.js';
import type { CliIo } from '../../io.js';
import { displayText } from '../../render/display.js';
import { totalsImpactRecord } from '../../render/impact/records.js';
import { entryRecord, totalsRecord, type TotalsRecord } from '../../render/records.js';
import type { CalcPlan } from './plan.js';
import type { CalcRun } from './sink.js';

/** The entries' fees (given to the reporter), their warnings, and the totals record. */
export function finishRun(run: CalcRun): TotalsRecord {
  const { plan, engine, warnings, calc, feeRules } = run;
  let groupedFees = 0n;
  if (feeRules !== null) groupedFees = entriesFees(run);
  else if (plan.fees && engine.fees === null && !plan.quiet) {
    warnings.add(`schedule ${engine.scheduleId} names no customs fees: MPF and HMF are not computed`);
  }
  const t = totalsRecord(engine, calc.totals, feeRules === null ? null : calc.feeTotals);
  if (calc.impact !== null && calc.impact.sums !== null) {
    // The fees of entries grouped by an entry column belong to no one line: they join the landed cost of the total.
    calc.impact.sums.addFees(groupedFees);
    t.impact = totalsImpactRecord(calc.impact.sums);
  }
  return t;
}

/** Fees of the entries grouped by an entry column, added to the fee totals; returns their sum. */
function entriesFees(run: CalcRun): bigint {
  const { plan, warnings, calc } = run;
  const { feeTotals, yearNotes } = calc;
  const entries = [...calc.grouped.values()].map((e) => entryFees(run.feeRules!, e));
  let sum = 0n;
  for (const e of entries) {
    feeTotals.mpf += e.mpf;
    feeTotals.hmf += e.hmf;
    sum += e.mpf + e.hmf;
    if (e.yearNote !== null) yearNotes.add(e.yearNote);
  }
  if (entries.length > 0 && !plan.refunds) calc.reporter!.entries(entries.map(entryRecord));
  const mixed = entries.filter((e) => e.mixed);
  if (mixed.length > 0) {
    warnings.add(`${plural(mixed.length, 'entry')} (${mixed.slice(0, 5).map((e) => e.entry).join(', ')}${mixed.length > 5 ? ', …' : ''}) mix entry dates or modes: the first line's date picks the MPF fiscal year; each line's own mode decides its HMF`);
  }
  for (const n of yearNotes) warnings.add(n);
  return sum;
}

/** The summary on stderr: the totals line (for formats without one of their own), the first rejected rows, refunds. */
export function summarise(io: CliIo, paint: Paint, plan: CalcPlan, name: string, t: TotalsRecord, sample: RowIssue[]): void {
  const inputName = displayText(name);
  const { lines, rejected, duty } = t;
  const value = t.fees === undefined ? t.value : `${t.value}; fees ${t.fees} (MPF ${t.mpf}, HMF ${t.hmf}); duty + fees ${t.total}`;
  // CSV and a workbook carry no totals line of their own on the terminal: it goes to stderr.
  const totalsLine = plan.format === 'csv' || plan.format === 'xlsx' || plan.format === 'html';
  if (totalsLine && !plan.quiet) {
    io.stderr.write(`${inputName}: ${plural(lines, 'line')} computed, ${rejected} rejected; duty ${duty} on customs value ${value}\n`);
  }
  if (rejected > 0) {
    if (!totalsLine || plan.quiet) io.stderr.write(`${inputName}: ${plural(lines, 'line')} computed, ${paint.red(`${rejected} rejected`)}\n`);
    for (const r of sample) {
      io.stderr.write(`  ${inputName}${r.line === null ? '' : ` line ${r.line}`}, ${r.field === '(row)' ? 'row' : `column "${displayText(r.field)}"`}: ${displayText(r.reason)}\n`);
    }
    if (rejected > sample.length) io.stderr.write(`  … and ${rejected - sample.length} more; every rejected row is in the output\n`);
  }
  if (plan.refunds && !plan.quiet) {
    io.stderr.write(`${name}: ${plural(t.refundableLines, 'line')} with refundable duty, ${t.refundable} in all\n`);
  }
}
