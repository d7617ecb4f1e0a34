/** Rendering of `tariff compare`: pure functions from the report to text. */
import type { GroupBy, Per } from '../../../core/compare.js';
import type { Paint } from '../../color.js';
import { displayMoney, displayText, markdownCell } from '../display.js';
import { fitTable, wrapLine } from '../fit.js';
import { csvCell, userCell } from '../cells.js';
import type { TotalsImpactRecord } from '../impact/records.js';
import type { ImpactDiffRecord } from '../impact/diff.js';
import { COMPARE_IMPACT_HEAD, compareImpactCells, hasImpact, renderImpactCompareTable, renderImpactMarkdown } from '../impact/compare.js';

export type CompareFormat = 'table' | 'csv' | 'json' | 'markdown';

export interface CompareReport {
  schedule: string;
  baseline: string;
  /** --date: the entry date of rows without one. */
  date: string | null;
  /** --on: every row evaluated on this entry date. */
  on: string | null;
  per: Per | null;
  by: GroupBy;
  scenarios: {
    name: string;
    /** `impact`: landed cost, per-unit and price figures, when the rows have a quantity or impact inputs. `low`, `high` with --range: the total duty's lowest and highest over the facts the lines did not give. */
    totals: { lines: number; rejected: number; value: string; duty: string; effectiveRate: string; low?: string; high?: string; impact?: TotalsImpactRecord };
    groups: { key: string; value: string; duty: string; impact?: TotalsImpactRecord }[];
  }[];
  differences: {
    scenario: string;
    vs: string;
    duty: string;
    percent: string | null;
    /** Rows computed under only one of the two scenarios (rejected under the other): not a like-for-like difference. */
    differentRows: number;
    groups: { key: string; duty: string; percent: string | null; impact?: ImpactDiffRecord }[];
    /** Differences of the impact figures (this scenario - the baseline). */
    impact?: ImpactDiffRecord;
  }[];
  rejected: { line: number | null; field: string; reason: string; scenarios?: string[] }[];
  warnings?: string[];
  /**
   * --origins: the columns ("scenarios") are origins, every row priced as if from each under one scenario; the
   * cheapest is the origin of least total duty among those that computed every row (null: none did, or a tie).
   */
  origins?: { scenario: string; cheapest: string | null };
}

export interface RenderOptions {
  paint: Paint;
  /** Draw bar charts (a terminal). */
  chart: boolean;
  /** CSV: do not neutralise formula-like group keys. */
  raw: boolean;
  /** Table: the width to fit (COLUMNS or the terminal's), or null for none. */
  width?: number | null;
}

export function renderCompare(r: CompareReport, format: CompareFormat, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'csv':
      return renderCsv(r, opts.raw);
    case 'markdown':
      return renderMarkdown(r);
    case 'table':
      return renderTable(r, opts);
  }
}

const perLabel = (per: Per | null) => (per === null ? '' : ` per ${per}`);

/** With --range, each scenario's totals have their lowest and highest duty. */
const hasRange = (r: CompareReport) => r.scenarios.some((s) => s.totals.low !== undefined);

function title(r: CompareReport): string {
  const when = r.on !== null ? `entry date ${r.on} for every row` : r.date === null ? "each row's own entry date" : `each row's own entry date (${r.date} for rows without one)`;
  const flows = r.per === null ? '' : `; values are annual flows, shown${perLabel(r.per)}`;
  if (r.origins !== undefined) return `Origins compared (the same rows as if from each), scenario ${r.origins.scenario}, on ${when}${flows}; baseline ${r.baseline}`;
  return `Scenarios compared on ${when}${flows}; baseline ${r.baseline}`;
}

/** The column heading of what is compared, and a name marked when it is the cheapest origin. */
const what = (r: CompareReport) => (r.origins === undefined ? 'scenario' : 'origin');
const marked = (r: CompareReport, name: string) => (r.origins !== undefined && r.origins.cheapest === name ? `${name} (cheapest)` : name);

function diffOf(r: CompareReport, name: string) {
  return r.differences.find((d) => d.scenario === name);
}

/** A difference over rows computed under only one of the two scenarios is marked, and said in a footnote. */
const star = (d: CompareReport['differences'][number]) => (d.differentRows > 0 ? ' *' : '');

function footnotes(r: CompareReport): string[] {
  return r.differences
    .filter((d) => d.differentRows > 0)
    .map((d) => `* ${d.scenario} − ${d.vs}: ${d.differentRows} ${d.differentRows === 1 ? 'row' : 'rows'} computed under only one of the two (rejected under the other): the difference includes their duty, so it is not like for like`);
}

const pct = (p: string | null | undefined) => (p === null || p === undefined ? '' : `${p.startsWith('-') ? '' : '+'}${p}%`);
const signed = (s: string) => (s.startsWith('-') ? s : `+${s}`);

function renderCsv(r: CompareReport, raw: boolean): string {
  // With impact figures or --range, their columns follow (render/impact/compare.ts); without, the columns are as they always were.
  const impact = hasImpact(r);
  const ranged = hasRange(r);
  const lines = [`scenario,group,value,duty,effective_rate,lines,rejected,difference,difference_percent,different_rows${ranged ? ',duty_low,duty_high' : ''}${impact ? `,${COMPARE_IMPACT_HEAD.join(',')}` : ''}`];
  for (const s of r.scenarios) {
    const d = diffOf(r, s.name);
    lines.push(
      [s.name, '(total)', s.totals.value, s.totals.duty, s.totals.effectiveRate, String(s.totals.lines), String(s.totals.rejected), d?.duty ?? '', d?.percent ?? '', d ? String(d.differentRows) : '', ...(ranged ? [s.totals.low!, s.totals.high!] : []), ...(impact ? compareImpactCells(s.totals.impact, d?.impact) : [])]
        .map(csvCell)
        .join(','),
    );
    s.groups.forEach((g, i) => {
      const dg = d?.groups[i];
      lines.push([csvCell(s.name), userCell(g.key, raw), ...[g.value, g.duty, '', '', '', dg?.duty ?? '', dg?.percent ?? '', '', ...(ranged ? ['', ''] : []), ...(impact ? compareImpactCells(g.impact, dg?.impact) : [])].map(csvCell)].join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(r: CompareReport): string {
  const row = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const out: string[] = [`**${title(r)}**`, ''];
  const ranged = hasRange(r);
  out.push(row([what(r), 'lines', 'rejected', `value${perLabel(r.per)}`, `duty${perLabel(r.per)}`, 'effective rate', `vs ${r.baseline}`, '%', ...(ranged ? ['lowest', 'highest'] : [])]));
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', ...(ranged ? ['---:', '---:'] : [])]));
  for (const s of r.scenarios) {
    const d = diffOf(r, s.name);
    out.push(row([marked(r, s.name), String(s.totals.lines), String(s.totals.rejected), s.totals.value, s.totals.duty, `${s.totals.effectiveRate}%`, d ? `${signed(d.duty)}${star(d)}` : '', pct(d?.percent), ...(ranged ? [s.totals.low!, s.totals.high!] : [])]));
  }
  out.push('', row([r.by, ...r.scenarios.map((s) => s.name), ...r.differences.map((d) => `${d.scenario} − ${d.vs}`)]));
  out.push(row(['---', ...r.scenarios.map(() => '---:'), ...r.differences.map(() => '---:')]));
  const notes = footnotes(r);
  if (notes.length > 0) out.push('', ...notes);
  r.scenarios[0]?.groups.forEach((g, i) => {
    out.push(row([g.key, ...r.scenarios.map((s) => s.groups[i]!.duty), ...r.differences.map((d) => `${signed(d.groups[i]!.duty)} (${pct(d.groups[i]!.percent) || 'n/a'})`)]));
  });
  out.push(...renderImpactMarkdown(r));
  return `${out.join('\n')}\n`;
}

function renderTable(r: CompareReport, opts: RenderOptions): string {
  const b = opts.paint.bold;
  const width = opts.width ?? null;
  const $ = displayMoney;
  const $signed = (s: string) => (s.startsWith('-') ? $(s) : `+${$(s)}`);
  const out: string[] = [b(wrapLine(title(r), width, 2))];
  const ranged = hasRange(r);
  const rows = r.scenarios.map((s) => {
    const d = diffOf(r, s.name);
    return [marked(r, s.name), String(s.totals.lines), String(s.totals.rejected), $(s.totals.value), $(s.totals.duty), `${s.totals.effectiveRate}%`, d ? `${$signed(d.duty)}${star(d)}` : '', pct(d?.percent), ...(ranged ? [$(s.totals.low!), $(s.totals.high!)] : [])];
  });
  const head = [what(r), 'lines', 'rejected', `value${perLabel(r.per)}`, `duty${perLabel(r.per)}`, 'eff. rate', `vs ${r.baseline}`, '%', ...(ranged ? ['lowest', 'highest'] : [])];
  out.push(fitTable(rows, { head, aligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', ...(ranged ? (['right', 'right'] as const) : [])], width }));
  out.push(...footnotes(r).map((f) => wrapLine(f, width, 2)));

  out.push(b(`Duty${perLabel(r.per)} by ${r.by}`));
  const groups = (r.scenarios[0]?.groups ?? []).map((grp, i) => [
    displayText(grp.key),
    ...r.scenarios.map((s) => $(s.groups[i]!.duty)),
    ...r.differences.map((d) => `${$signed(d.groups[i]!.duty)} ${pct(d.groups[i]!.percent)}`.trim()),
  ]);
  groups.push([b('total'), ...r.scenarios.map((s) => b($(s.totals.duty))), ...r.differences.map((d) => b(`${$signed(d.duty)} ${pct(d.percent)}`.trim()))]);
  out.push(
    fitTable(groups, {
      head: [r.by, ...r.scenarios.map((s) => s.name), ...r.differences.map((d) => `${d.scenario} − ${d.vs}`)],
      aligns: ['left', ...r.scenarios.map(() => 'right' as const), ...r.differences.map(() => 'right' as const)],
      width,
    }),
  );

  if (opts.chart) {
    // Bars as long as the width leaves after the longest label and amount (at most 40).
    const labels = Math.max(...r.scenarios.map((s) => s.name.length + 2));
    const amounts = Math.max(...r.scenarios.flatMap((s) => [$(s.totals.duty), ...s.groups.map((g) => $(g.duty))].map((m) => m.length)));
    const bars = width === null ? 40 : Math.max(10, Math.min(40, width - labels - amounts - 4));
    out.push(b(`Duty${perLabel(r.per)} by ${what(r)}`));
    out.push(...barChart(r.scenarios.map((s) => [s.name, s.totals.duty]), bars));
    // One scale for every group, so bars compare across groups as well as across scenarios.
    const max = r.scenarios.flatMap((s) => s.groups.map((g) => centsOf(g.duty))).reduce((m, c) => (c > m ? c : m), 0n);
    r.scenarios[0]?.groups.forEach((grp, i) => {
      out.push(opts.paint.dim(displayText(grp.key)));
      out.push(...barChart(r.scenarios.map((s) => [`  ${s.name}`, s.groups[i]!.duty]), bars, max));
    });
  }
  out.push(...renderImpactCompareTable(r, { bold: b, dim: opts.paint.dim, width, chart: opts.chart, barChart }));
  if (r.rejected.length > 0) out.push(`${r.rejected.length} rejected rows (see stderr, or --format json for all)`);
  return `${out.join('\n')}\n`;
}

const centsOf = (money: string): bigint => BigInt(money.replace('.', ''));

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Horizontal bars with Unicode blocks, scaled to the largest amount (money strings, non-negative). */
export function barChart(items: [string, string][], width = 40, scaleMax?: bigint): string[] {
  const cents = items.map(([, v]) => centsOf(v));
  const max = scaleMax ?? cents.reduce((m, c) => (c > m ? c : m), 0n);
  const labelWidth = Math.max(...items.map(([l]) => l.length));
  return items.map(([label, value], i) => {
    const eighths = max === 0n ? 0 : Number((cents[i]! * BigInt(width * 8) + max / 2n) / max);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
    return `${label.padEnd(labelWidth)}  ${bar} ${displayMoney(value)}`;
  });
}
