/**
 * `tariff compare --format html --out FILE` (issue 15 part 5): one self-contained page a person can mail to a
 * colleague. Inline CSS and inline SVG bar charts; no script runs and nothing is fetched: a Content-Security-Policy
 * of `default-src 'none'` says so to the browser too. Every text of the user's (group keys, ids, rejected reasons,
 * scenario and schedule names) is shown by the one display rule (control characters escaped) and HTML-escaped.
 *
 * The report's figures are the `compare --format json` document, which the page also carries, inert, in a
 * `<script type="application/json">` block (the browser never runs it), so a program can read the page's data.
 * Fields the page does not know (an `impact` object added to a scenario, say) are shown in generic tables.
 *
 * Loaded only for --format html. Pure: report in, text out; no dates or times of its own, so the same input gives
 * the same bytes.
 */
import type { CompareReport } from './index.js';
import { displayMoney } from '../display.js';
import { centsOf, CHART_GROUPS, colour, esc, extraTable, jsonForScript, num, pageStart, svgBars } from '../html.js';

const perLabel = (per: string | null) => (per === null ? '' : ` per ${per}`);
const pct = (p: string | null | undefined) => (p === null || p === undefined ? 'n/a' : `${p.startsWith('-') ? '' : '+'}${p}%`);
const $signed = (s: string) => (s.startsWith('-') ? displayMoney(s) : `+${displayMoney(s)}`);

export interface HtmlCompareOptions {
  /** The same rows grouped by measure, when the report is grouped otherwise (the "by measure" table). */
  byMeasure?: CompareReport | null;
  /** The input's name, for the heading (a file name, or "stdin"). */
  inputName?: string;
}

const KNOWN_SCENARIO = new Set(['name', 'totals', 'groups']);
const KNOWN_TOTALS = new Set(['lines', 'rejected', 'value', 'duty', 'effectiveRate', 'low', 'high']);
const KNOWN_DIFFERENCE = new Set(['scenario', 'vs', 'duty', 'percent', 'differentRows', 'groups']);
const KNOWN_REPORT = new Set(['schedule', 'baseline', 'date', 'on', 'per', 'by', 'scenarios', 'differences', 'rejected', 'warnings']);

/** The page for a compare report. */
export function renderCompareHtml(r: CompareReport, opts: HtmlCompareOptions = {}): string {
  const per = perLabel(r.per);
  const when = r.on !== null ? `every row entered on ${r.on}` : r.date === null ? "each row's own entry date" : `each row's own entry date (${r.date} for rows without one)`;
  const flows = r.per === null ? '' : `; values are annual flows, shown${per}`;
  const title = `Tariff scenarios compared: ${r.scenarios.map((s) => s.name).join(', ')}`;
  const out: string[] = [];
  out.push(
    ...pageStart('tariff compare --format html', title),
    `<p class="sub">${esc(`Schedule ${r.schedule}${opts.inputName ? `, input ${opts.inputName}` : ''}; ${when}${flows}; baseline ${r.baseline}.`)} Customs duty only (fees do not change between scenarios). Money is exact to the cent.</p>`,
  );

  out.push(...scenarioSection(r, per));

  // By group (the --by grouping), and by measure.
  out.push(groupSection(r, 'by-group', `Duty${per} by ${r.by}`));
  const m = r.by === 'measure' ? null : (opts.byMeasure ?? null);
  if (m !== null) out.push(groupSection(m, 'by-measure', `Duty${per} by measure`, 'A line counts under each measure that charged it.'));

  // Fields other work adds to the report (impact figures, say), shown as they are.
  out.push(extraTable('Other figures by scenario', r.scenarios.map((s) => s.name), r.scenarios as unknown as Record<string, unknown>[], KNOWN_SCENARIO));
  out.push(extraTable('Other totals by scenario', r.scenarios.map((s) => s.name), r.scenarios.map((s) => s.totals) as unknown as Record<string, unknown>[], KNOWN_TOTALS));
  out.push(extraTable('Other differences', r.differences.map((d) => `${d.scenario} − ${d.vs}`), r.differences as unknown as Record<string, unknown>[], KNOWN_DIFFERENCE));
  out.push(extraTable('Other fields', ['value'], [r as unknown as Record<string, unknown>], KNOWN_REPORT));

  if (r.rejected.length > 0) {
    out.push(
      '<section id="rejected">',
      `<h2>Rejected rows (${r.rejected.length})</h2>`,
      '<table><thead><tr><th>line</th><th>column</th><th>reason</th><th>scenarios</th></tr></thead><tbody>',
      ...r.rejected.map((x) => `<tr><td class="n">${x.line === null ? '' : x.line}</td><td>${esc(x.field)}</td><td>${esc(x.reason)}</td><td>${esc(x.scenarios?.join(', ') ?? 'all')}</td></tr>`),
      '</tbody></table></section>',
    );
  }
  if ((r.warnings ?? []).length > 0) {
    out.push('<section id="warnings"><h2>Warnings</h2><ul>', ...(r.warnings ?? []).map((w) => `<li>${esc(w)}</li>`), '</ul></section>');
  }
  out.push(
    `<script type="application/json" id="tariff-compare">${jsonForScript(r)}</script>`,
    ...(m === null ? [] : [`<script type="application/json" id="tariff-compare-by-measure">${jsonForScript(m)}</script>`]),
    '</body>',
    '</html>',
  );
  return `${out.filter((s) => s !== '').join('\n')}\n`;
}

/** Duty by scenario: totals, the difference from the baseline, the range with --range, and a bar chart. */
function scenarioSection(r: CompareReport, per: string): string[] {
  const out: string[] = [];
  const diff = (name: string) => r.differences.find((d) => d.scenario === name);
  const ranged = r.scenarios.some((s) => s.totals.low !== undefined);
  const scenarioRows = r.scenarios.map((s) => {
    const d = diff(s.name);
    return (
      `<tr data-scenario="${esc(s.name)}"><th scope="row">${esc(s.name)}</th>` +
      num('lines', String(s.totals.lines), String(s.totals.lines)) +
      num('rejected', String(s.totals.rejected), String(s.totals.rejected)) +
      num('value', displayMoney(s.totals.value), s.totals.value) +
      num('duty', displayMoney(s.totals.duty), s.totals.duty) +
      num('effectiveRate', `${s.totals.effectiveRate}%`, s.totals.effectiveRate) +
      (d ? num('difference', `${$signed(d.duty)}${d.differentRows > 0 ? ' *' : ''}`, d.duty) + num('percent', pct(d.percent), d.percent ?? '') : '<td></td><td></td>') +
      (ranged ? num('low', displayMoney(s.totals.low!), s.totals.low!) + num('high', displayMoney(s.totals.high!), s.totals.high!) : '') +
      '</tr>'
    );
  });
  out.push(
    '<section id="by-scenario">',
    `<h2>${esc(`Duty${per} by scenario`)}</h2>`,
    `<table><thead><tr><th>scenario</th><th>lines</th><th>rejected</th><th>${esc(`value${per}`)}</th><th>${esc(`duty${per}`)}</th><th>effective rate</th><th>${esc(`vs ${r.baseline}`)}</th><th>%</th>${ranged ? '<th>lowest</th><th>highest</th>' : ''}</tr></thead><tbody>`,
    ...scenarioRows,
    '</tbody></table>',
  );
  for (const d of r.differences.filter((x) => x.differentRows > 0)) {
    out.push(`<p class="note">${esc(`* ${d.scenario} − ${d.vs}: ${d.differentRows} ${d.differentRows === 1 ? 'row' : 'rows'} computed under only one of the two (rejected under the other): the difference includes their duty, so it is not like for like.`)}</p>`);
  }
  out.push(svgBars(`Duty${per} by scenario`, [{ heading: null, bars: r.scenarios.map((s, i) => ({ label: s.name, amount: s.totals.duty, colour: colour(i) })) }]), '</section>');
  return out;
}

function groupSection(r: CompareReport, id: string, heading: string, note = ''): string {
  const groups = r.scenarios[0]?.groups ?? [];
  const head =
    `<tr><th>${esc(r.by)}</th>${r.scenarios.map((s) => `<th>${esc(s.name)}</th>`).join('')}` +
    `${r.differences.map((d) => `<th>${esc(`${d.scenario} − ${d.vs}`)}</th><th>%</th>`).join('')}</tr>`;
  const rows = groups.map(
    (g, i) =>
      `<tr data-group="${esc(g.key)}"><th scope="row">${esc(g.key)}</th>` +
      r.scenarios.map((s) => num(`duty:${s.name}`, displayMoney(s.groups[i]!.duty), s.groups[i]!.duty)).join('') +
      r.differences.map((d) => num(`difference:${d.scenario}`, $signed(d.groups[i]!.duty), d.groups[i]!.duty) + num(`percent:${d.scenario}`, pct(d.groups[i]!.percent), d.groups[i]!.percent ?? '')).join('') +
      '</tr>',
  );
  const total =
    '<tr class="total"><th scope="row">total</th>' +
    r.scenarios.map((s) => num(`duty:${s.name}`, displayMoney(s.totals.duty), s.totals.duty)).join('') +
    r.differences.map((d) => num(`difference:${d.scenario}`, $signed(d.duty), d.duty) + num(`percent:${d.scenario}`, pct(d.percent), d.percent ?? '')).join('') +
    '</tr>';
  // The chart: the largest groups (by their largest duty under any scenario), one scale, a bar per scenario.
  const order = groups
    .map((g, i) => ({ i, max: r.scenarios.map((s) => centsOf(s.groups[i]!.duty)).reduce((a, c) => (c > a ? c : a), 0n) }))
    .sort((a, b) => (a.max > b.max ? -1 : a.max < b.max ? 1 : a.i - b.i))
    .slice(0, CHART_GROUPS);
  const legend = `<p class="legend">${r.scenarios.map((s, i) => `<span><i style="background:${colour(i)}"></i>${esc(s.name)}</span>`).join('')}</p>`;
  const chart = svgBars(
    groups.length > CHART_GROUPS ? `${heading}: the ${CHART_GROUPS} largest of ${groups.length} groups (every group is in the table)` : heading,
    order.map(({ i }) => ({ heading: groups[i]!.key, bars: r.scenarios.map((s, k) => ({ label: s.name, amount: s.groups[i]!.duty, colour: colour(k) })) })),
  );
  return [
    `<section id="${id}">`,
    `<h2>${esc(heading)}</h2>`,
    note === '' ? '' : `<p class="note">${esc(note)}</p>`,
    `<table><thead>${head}</thead><tbody>`,
    ...rows,
    total,
    '</tbody></table>',
    groups.length > 0 ? legend + chart : '',
    '</section>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
