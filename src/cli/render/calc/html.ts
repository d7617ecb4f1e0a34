/**
 * `tariff calc --format html --out FILE`: the run as one self-contained page (see render/html.ts and render/compare/html.ts for the rules:
 * inline CSS and SVG, no script, nothing fetched, user text escaped). Totals by measure, by layer and by category
 * with bar charts, the first `--limit` lines, the grouped entries, the rejected rows, the notes and warnings. The
 * totals are those of `calc --format json`, which the page carries, inert, in
 * `<script type="application/json" id="tariff-calc">` (totals and warnings; lines and rejected rows are in json).
 *
 * Memory: the sums per category and up to `--limit` lines and 1,000 rejected rows are held, never every line.
 * Loaded only for --format html.
 */
import type { ComputedLine } from '../../../core/compute.js';
import { effectiveRate, formatCents } from '../../../values/money.js';
import type { Row } from '../../../schema/row.js';
import { displayMoney } from '../display.js';
import { colour, esc, extraTable, jsonForScript, num, pageStart, svgBars } from '../html.js';
import { refundableLabel, type EntryRecord, type LineFees, type LineRecord, type RejectedRecord, type TotalsRecord } from '../records.js';
import { HeldLines } from './held.js';
import type { Reporter, ReporterContext } from './reporters.js';

/** Rejected rows the page lists (every one is counted, and all are in csv and json). */
const MAX_REJECTED = 1000;

const KNOWN_LINE = new Set(['line', 'id', 'hts', 'category', 'origin', 'date', 'value', 'mfnRate', 'mfnSource', 'duties', 'duty', 'effectiveRate', 'refundable', 'notes', 'columns', 'explain', 'entry', 'mode', 'mpf', 'hmf']);
const KNOWN_TOTALS = new Set(['lines', 'rejected', 'value', 'duty', 'effectiveRate', 'refundable', 'refundableLines', 'mpf', 'hmf', 'fees', 'total', 'duties', 'layers']);

/** Fields other work adds to a line record (an `impact` object, say), as `path: value` text. */
function extraOfLine(rec: LineRecord): string {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    else out.push(`${path}: ${v === null || v === undefined ? '' : String(v)}`);
  };
  for (const [k, v] of Object.entries(rec)) if (!KNOWN_LINE.has(k)) walk(v, k);
  return out.join('\n');
}

export function htmlCalcReporter(ctx: ReporterContext): Reporter {
  return new HtmlCalcReporter(ctx);
}

class HtmlCalcReporter implements Reporter {
  readonly #held: HeldLines;

  constructor(private readonly ctx: ReporterContext) {
    this.#held = new HeldLines(ctx, MAX_REJECTED, false);
  }

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    this.#held.line(c, cells, fees);
  }

  entries(list: EntryRecord[]): void {
    this.#held.entries = list;
  }

  rejected(rec: RejectedRecord): void {
    this.#held.reject(rec);
  }

  end(t: TotalsRecord, warnings: string[]): void {
    const { engine } = this.ctx;
    const title = `Tariff duties: ${engine.title}`;
    const out: string[] = [
      ...pageStart('tariff calc --format html', title),
      `<p class="sub">${esc(`Schedule ${engine.scheduleId}, scenario ${engine.scenario}; the schedule's evidence runs to ${engine.knownThrough}.`)} Money is exact to the cent: each measure's amount is rounded half up per line, and totals are sums of the rounded amounts.</p>`,
      ...this.#totals(t),
      ...this.#byMeasureAndLayer(t),
      ...this.#categorySection(),
      ...this.#linesSection(),
      ...this.#entriesSection(),
      extraTable('Other totals', ['value'], [t as unknown as Record<string, unknown>], KNOWN_TOTALS),
      ...this.#rejectedSection(),
    ];
    if (this.#held.notes.size > 0) out.push('<section id="notes"><h2>Notes</h2><ul>', ...[...this.#held.notes].map((n) => `<li>${esc(n)}</li>`), '</ul></section>');
    if (warnings.length > 0) out.push('<section id="warnings"><h2>Warnings</h2><ul>', ...warnings.map((w) => `<li>${esc(w)}</li>`), '</ul></section>');
    out.push(`<script type="application/json" id="tariff-calc">${jsonForScript({ schedule: engine.scheduleId, scenario: engine.scenario, knownThrough: engine.knownThrough, totals: t, warnings })}</script>`, '</body>', '</html>');
    this.ctx.out.push(`${out.filter((s) => s !== '').join('\n')}\n`);
  }

  /** Totals, each with its exact value. */
  #totals(t: TotalsRecord): string[] {
    const $ = displayMoney;
    const out: string[] = [];
    const rows: [string, string, string][] = [
      ['lines', String(t.lines), String(t.lines)],
      ['rejected', String(t.rejected), String(t.rejected)],
      ['value', $(t.value), t.value],
      ['duty', $(t.duty), t.duty],
      ['effectiveRate', `${t.effectiveRate}%`, t.effectiveRate],
      ['refundable', $(t.refundable), t.refundable],
      ...(t.fees === undefined ? [] : ([['mpf', $(t.mpf!), t.mpf!], ['hmf', $(t.hmf!), t.hmf!], ['fees', $(t.fees), t.fees], ['total', $(t.total!), t.total!]] as [string, string, string][])),
    ];
    const label: Record<string, string> = {
      lines: 'lines computed', rejected: 'lines rejected', value: 'customs value', duty: 'duty', effectiveRate: 'effective rate', refundable: refundableLabel(this.ctx.engine),
      mpf: 'MPF (merchandise processing fee)', hmf: 'HMF (harbor maintenance fee)', fees: 'fees', total: 'duty + fees',
    };
    out.push(
      '<section id="totals"><h2>Totals</h2><table><tbody>',
      ...rows.map(([k, shown, exact]) => `<tr data-total="${k}"${k === 'duty' || k === 'total' ? ' class="total"' : ''}><th scope="row">${esc(label[k]!)}</th>${num(k, shown, exact)}</tr>`),
      '</tbody></table></section>',
    );
    return out;
  }

  /** Duty by measure (with a bar chart) and by layer. */
  #byMeasureAndLayer(t: TotalsRecord): string[] {
    const { engine } = this.ctx;
    const $ = displayMoney;
    const out: string[] = [];
    out.push(
      '<section id="by-measure"><h2>Duty by measure</h2><table><thead><tr><th>measure</th><th>layer</th><th>duty</th></tr></thead><tbody>',
      ...t.duties.map((d) => `<tr data-measure="${esc(d.measure)}"><th scope="row">${esc(d.measure)}</th><td>${esc(engine.layerLabels.get(d.layer) ?? d.layer)}</td>${num('duty', $(d.amount), d.amount)}</tr>`),
      `<tr class="total"><th scope="row">total</th><td></td>${num('duty', $(t.duty), t.duty)}</tr>`,
      '</tbody></table>',
      t.duties.length > 0 ? svgBars('Duty by measure', [{ heading: null, bars: t.duties.map((d, i) => ({ label: d.measure, amount: d.amount, colour: colour(i) })) }]) : '',
      '</section>',
      '<section id="by-layer"><h2>Duty by layer</h2><table><thead><tr><th>layer</th><th>duty</th></tr></thead><tbody>',
      ...t.layers.map((l) => `<tr data-layer="${esc(l.layer)}"><th scope="row">${esc(engine.layerLabels.get(l.layer) ?? l.layer)}</th>${num('duty', $(l.amount), l.amount)}</tr>`),
      '</tbody></table></section>',
    );
    return out;
  }

  /** Duty by category, over every line (not only those shown). */
  #categorySection(): string[] {
    const $ = displayMoney;
    const out: string[] = [];
    const cats = this.#held.byCategory.sorted(this.ctx.engine);
    if (cats.length > 0) {
      out.push(
        '<section id="by-category"><h2>Duty by category</h2><table><thead><tr><th>category</th><th>lines</th><th>value</th><th>duty</th><th>effective rate</th></tr></thead><tbody>',
        ...cats.map(
          ([name, s]) =>
            `<tr data-category="${esc(name)}"><th scope="row">${esc(name)}</th>${num('lines', String(s.lines), String(s.lines))}${num('value', $(formatCents(s.value)), formatCents(s.value))}${num('duty', $(formatCents(s.duty)), formatCents(s.duty))}${num('effectiveRate', `${effectiveRate(s.duty, s.value)}%`, effectiveRate(s.duty, s.value))}</tr>`,
        ),
        '</tbody></table>',
        svgBars('Duty by category', [{ heading: null, bars: cats.map(([name, s], i) => ({ label: name, amount: formatCents(s.duty), colour: colour(i) })) }]),
        '</section>',
      );
    }
    return out;
  }

  /** The first --limit lines. */
  #linesSection(): string[] {
    const $ = displayMoney;
    const out: string[] = [];
    if (this.#held.lines.length > 0) {
      const extra = this.#held.lines.map(extraOfLine);
      const hasExtra = extra.some((e) => e !== '');
      out.push(
        `<section id="lines"><h2>Lines${this.#held.more > 0 ? ` (the first ${this.#held.lines.length}; csv and json have all ${this.#held.lines.length + this.#held.more})` : ''}</h2>`,
        `<table><thead><tr><th>line</th><th>id</th><th>HTS (category)</th><th>date</th><th>value</th><th>measures (rate: amount)</th><th>duty</th><th>effective rate</th>${hasExtra ? '<th>other</th>' : ''}</tr></thead><tbody>`,
        ...this.#held.lines.map(
          (r, i) =>
            `<tr data-line="${r.line ?? ''}"><td class="n">${r.line ?? ''}</td><td>${esc(r.id ?? '')}</td><td>${esc(r.hts === null ? r.category : `${r.hts} (${r.category})`)}</td><td>${esc(r.date)}</td>${num('value', $(r.value), r.value)}` +
            `<td>${r.duties.map((d) => esc(`${d.measure} ${d.rate}%: ${$(d.amount)}${d.refundable ? ' (refundable)' : ''}`)).join('<br>')}</td>${num('duty', $(r.duty), r.duty)}${num('effectiveRate', `${r.effectiveRate}%`, r.effectiveRate)}` +
            `${hasExtra ? `<td>${esc(extra[i]!).replaceAll('\n', '<br>')}</td>` : ''}</tr>`,
        ),
        '</tbody></table></section>',
      );
    }
    return out;
  }

  /** Entries grouped by an entry column, with their fees. */
  #entriesSection(): string[] {
    const $ = displayMoney;
    const out: string[] = [];
    if (this.#held.entries.length > 0) {
      out.push(
        '<section id="entries"><h2>Entries</h2><table><thead><tr><th>entry</th><th>lines</th><th>value</th><th>mode</th><th>fiscal year</th><th>MPF</th><th>HMF</th></tr></thead><tbody>',
        ...this.#held.entries
          .slice(0, this.ctx.limit)
          .map((e) => `<tr><th scope="row">${esc(e.entry)}</th><td class="n">${e.lines}${e.rejected > 0 ? ` (+${e.rejected} rejected)` : ''}</td>${num('value', $(e.value), e.value)}<td>${esc(e.mode)}</td><td>${esc(e.fiscalYear)}</td>${num('mpf', $(e.mpf), e.mpf)}${num('hmf', $(e.hmf), e.hmf)}</tr>`),
        '</tbody></table>',
        this.#held.entries.length > this.ctx.limit ? `<p class="note">${this.#held.entries.length - this.ctx.limit} more entries: csv and json have all.</p>` : '',
        '</section>',
      );
    }
    return out;
  }

  /** The first rejected rows. */
  #rejectedSection(): string[] {
    const out: string[] = [];
    if (this.#held.rejected.length > 0) {
      out.push(
        `<section id="rejected"><h2>Rejected rows (${this.#held.rejected.length + this.#held.moreRejected})</h2>`,
        '<table><thead><tr><th>line</th><th>column</th><th>reason</th></tr></thead><tbody>',
        ...this.#held.rejected.map((x) => `<tr><td class="n">${x.line ?? ''}</td><td>${esc(x.field)}</td><td>${esc(x.reason)}</td></tr>`),
        '</tbody></table>',
        this.#held.moreRejected > 0 ? `<p class="note">${this.#held.moreRejected} more rejected rows: csv and json have all.</p>` : '',
        '</section>',
      );
    }
    return out;
  }
}
