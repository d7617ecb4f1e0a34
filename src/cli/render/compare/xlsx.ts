/**
 * `compare --format xlsx`: the compare report as an Excel workbook.
 * - Scenarios: per scenario its lines, rejected rows, value, duty and
 *   effective rate, and the difference in duty from the baseline.
 * - Groups: per group (--by) the value and duty under each scenario, then the
 *   difference of each scenario from the baseline, in dollars and percent.
 * - Rejected: the rows some scenario could not compute, with the reason.
 * - Notes: schedule, baseline, date, grouping, run rate, warnings.
 * Money cells are numbers written from the report's exact decimal text.
 */
import { ZipWriter } from '../../../io/zip-write.js';
import { RowXml, SHEET_END, sheetStart, STYLE, workbookSkeleton } from '../../../io/xlsx-write.js';
import type { CompareReport } from './index.js';
import { groupImpactCells, groupImpactHead, groupsHaveImpact, scenarioImpactCells, scenarioImpactHead, scenariosHaveImpact } from '../impact/xlsx.js';

const SHEETS = ['Scenarios', 'Groups', 'Rejected', 'Notes'];

export function writeCompareWorkbook(r: CompareReport, sink: (bytes: Uint8Array) => void): void {
  const zip = new ZipWriter(sink);
  const sheet = (i: number, rows: ((row: RowXml) => void)[], widths: number[]) => {
    zip.add(`xl/worksheets/sheet${i}.xml`, `${sheetStart(true, widths)}${rows.map((f, n) => {
      const row = new RowXml(n + 1);
      f(row);
      return row.toString();
    }).join('')}${SHEET_END}`);
  };
  const head = (names: string[]) => (row: RowXml) => names.forEach((n) => row.text(n, STYLE.header));
  const diffOf = (name: string) => r.differences.find((d) => d.scenario === name);

  // With impact figures (README "From duty to impact"), their columns follow (render/impact/xlsx.ts).
  const impact = scenariosHaveImpact(r);
  const groupImpact = impact && groupsHaveImpact(r);
  sheet(1, [
    head(['scenario', 'lines', 'rejected', 'value', 'duty', 'effective_rate', `duty_vs_${r.baseline}`, `percent_vs_${r.baseline}`, ...(impact ? scenarioImpactHead() : [])]),
    ...r.scenarios.map((s) => (row: RowXml) => {
      const d = diffOf(s.name);
      row.text(s.name).number(String(s.totals.lines), STYLE.int).number(String(s.totals.rejected), STYLE.int);
      row.number(s.totals.value, STYLE.money).number(s.totals.duty, STYLE.money).percent(s.totals.effectiveRate);
      if (d === undefined) row.skip(2);
      else row.number(d.duty, STYLE.money).percent(d.percent);
      if (impact) scenarioImpactCells(row, s.totals.impact, d?.impact);
    }),
  ], [22, 10, 10, 18, 18, 14, 18, 14]);

  sheet(2, [
    head([r.by, ...r.scenarios.flatMap((s) => [`${s.name}_value`, `${s.name}_duty`]), ...r.differences.flatMap((d) => [`${d.scenario}_vs_${d.vs}_duty`, `${d.scenario}_vs_${d.vs}_percent`]), ...(groupImpact ? groupImpactHead(r) : [])]),
    ...(r.scenarios[0]?.groups ?? []).map((g, k) => (row: RowXml) => {
      row.text(g.key, STYLE.text);
      for (const s of r.scenarios) row.number(s.groups[k]!.value, STYLE.money).number(s.groups[k]!.duty, STYLE.money);
      for (const d of r.differences) row.number(d.groups[k]!.duty, STYLE.money).percent(d.groups[k]!.percent);
      if (groupImpact) groupImpactCells(row, r, k);
    }),
  ], [24]);

  sheet(3, [
    head(['line', 'field', 'reason', 'scenarios']),
    ...r.rejected.map((x) => (row: RowXml) => {
      row.number(x.line === null ? null : String(x.line), STYLE.int).text(x.field).text(x.reason).text(x.scenarios?.join(', ') ?? 'all');
    }),
  ], [8, 16, 100, 30]);

  const notes: [string, string][] = [
    ['schedule', r.schedule],
    ['baseline', r.baseline],
    ['date', r.date ?? "each row's own date"],
    ['grouped by', r.by],
    ['amounts', r.per === null ? 'totals of the rows' : `run rates per ${r.per}: values taken as annual flows (a year is 365 days)`],
    ['money', 'exact to the cent: each measure is rounded half up per line, and totals are sums of the rounded amounts'],
    ...(r.warnings ?? []).map((w): [string, string] => ['warning', w]),
  ];
  sheet(4, [head(['note', 'text']), ...notes.map(([k, v]) => (row: RowXml) => row.text(k).text(v))], [16, 120]);

  for (const [name, text] of Object.entries(workbookSkeleton(SHEETS))) zip.add(name, text);
  zip.finish();
}
