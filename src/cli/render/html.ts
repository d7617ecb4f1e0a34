/**
 * What the html pages (calc's and compare's) share: escaping by the one display rule, inert JSON data, number
 * cells with their exact value, inline SVG bar charts, tables of fields a page does not know, and the page's head
 * (inline CSS; no script runs and nothing is fetched: a Content-Security-Policy of `default-src 'none'`).
 */
import { displayMoney, displayText } from './display.js';

/** A money string of a report ("1234.56") as cents, for scaling bars. */
export const centsOf = (money: string): bigint => BigInt(money.replace('.', ''));

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** User text (or ours) for HTML: the display rule, then the five HTML entities. */
export function esc(s: string): string {
  return displayText(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** JSON inside a `<script type="application/json">`: no `</script>`, no `<!--`, no line separators can end it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}


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
