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
import { displayMoney, displayText } from '../display.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** User text (or ours) for HTML: the display rule, then the five HTML entities. */
export function esc(s: string): string {
  return displayText(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** JSON inside a `<script type="application/json">`: no `</script>`, no `<!--`, no line separators can end it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const perLabel = (per: string | null) => (per === null ? '' : ` per ${per}`);
const centsOf = (money: string): bigint => BigInt(money.replace('.', ''));
const pct = (p: string | null | undefined) => (p === null || p === undefined ? 'n/a' : `${p.startsWith('-') ? '' : '+'}${p}%`);
const $signed = (s: string) => (s.startsWith('-') ? displayMoney(s) : `+${displayMoney(s)}`);

/** A number cell: the amount shown to a person, and the exact figure in `data-value` for programs. */
export function num(field: string, shown: string, exact: string): string {
  return `<td class="n" data-field="${esc(field)}" data-value="${esc(exact)}">${esc(shown)}</td>`;
}

/** Eight colours distinguishable in print and by most colour-blind readers (Okabe-Ito), then repeated. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const colour = (i: number) => COLOURS[i % COLOURS.length]!;

export interface Bar {
  label: string;
  /** Money string, non-negative. */
  amount: string;
  colour: string;
}

/**
 * Horizontal bars as inline SVG, one scale for all, with their labels and amounts; `groups` of bars are separated
 * by a heading line. Pixel widths are screen geometry, not money: the amounts printed are the exact strings.
 */
export function svgBars(title: string, groups: { heading: string | null; bars: Bar[] }[]): string {
  const max = groups.flatMap((g) => g.bars.map((b) => centsOf(b.amount))).reduce((m, c) => (c > m ? c : m), 0n);
  // Room for the longest label at about 7 px a character (12 px text), within bounds.
  const longest = Math.max(0, ...groups.flatMap((g) => g.bars.map((b) => displayText(b.label).length)));
  const labelW = Math.min(340, Math.max(120, longest * 7 + 12));
  const barW = 420;
  const rowH = 20;
  let y = 8;
  const parts: string[] = [];
  for (const g of groups) {
    if (g.heading !== null) {
      y += 6;
      parts.push(`<text x="0" y="${y + 12}" class="h">${esc(g.heading)}</text>`);
      y += rowH;
    }
    for (const b of g.bars) {
      const c = centsOf(b.amount);
      const w = max === 0n || c <= 0n ? 0 : Math.max(1, Number((c * BigInt(barW * 100)) / max) / 100);
      parts.push(
        `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>` +
          `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${b.colour}"><title>${esc(`${b.label}: ${displayMoney(b.amount)}`)}</title></rect>` +
          `<text x="${labelW + w + 6}" y="${y + 14}">${esc(displayMoney(b.amount))}</text>`,
      );
      y += rowH;
    }
  }
  const height = y + 8;
  const width = labelW + barW + 130;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

/** How many groups the group chart draws (the table has them all). */
export const CHART_GROUPS = 25;

/** Any value as rows of (path, text): objects and arrays are walked, leaves shown as they are. */
function flatten(value: unknown, path: string, out: [string, string][]): void {
  if (value === null || value === undefined) out.push([path, '']);
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, path === '' ? k : `${path}.${k}`, out);
  else out.push([path, String(value)]);
}

/** Fields beyond the ones the page shows, per scenario (or per difference): one table, one column each. */
export function extraTable(heading: string, columns: string[], objects: Record<string, unknown>[], known: ReadonlySet<string>): string {
  const perColumn = objects.map((o) => {
    const rows: [string, string][] = [];
    for (const [k, v] of Object.entries(o)) if (!known.has(k)) flatten(v, k, rows);
    return new Map(rows);
  });
  const paths = [...new Set(perColumn.flatMap((m) => [...m.keys()]))];
  if (paths.length === 0) return '';
  const body = paths.map((p) => `<tr><th scope="row">${esc(p)}</th>${perColumn.map((m) => `<td class="n">${esc(m.get(p) ?? '')}</td>`).join('')}</tr>`).join('\n');
  return `<section><h2>${esc(heading)}</h2><table><thead><tr><th>field</th>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
}

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#111;background:#fff}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}
p.sub{color:#444;margin:.2em 0 1em}
table{border-collapse:collapse;margin:.4em 0 1em;font-variant-numeric:tabular-nums}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}td.n{text-align:right;white-space:nowrap}tr.total td,tr.total th{font-weight:bold;background:#fafafa}
figure{margin:.5em 0 1.5em}figcaption{color:#555;font-size:.9em}
svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}svg text.h{font-weight:bold}
.legend span{display:inline-block;margin-right:1.2em}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.note{color:#444;font-size:.92em}
@media print{body{margin:0;max-width:none}}
`;

/** The page up to its heading: no script, nothing fetched (the policy forbids both), styles inline. */
export function pageStart(generator: string, title: string): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(generator)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(title)}</h1>`,
  ];
}

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

  // By scenario.
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
