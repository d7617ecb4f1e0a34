/**
 * `tariff timeline`: every date on which the effective rate of a good (or of
 * a value-weighted basket) changes, under one or more scenarios.
 */
import type { Engine } from '../../core/compile.js';
import { normalizeHts } from '../../values/hts.js';
import { timeline, type Good, type Step, type WeightedGood } from '../../core/timeline.js';
import { EXIT, InputError, UsageError } from '../../errors.js';
import { loadEngine } from '../../io/load.js';
import { Out } from '../../io/out.js';
import { colorEnabled, makePaint } from '../color.js';
import { inputNameOf, plural, readRows, type InputSpec } from '../input.js';
import { Progress } from '../progress.js';
import type { CliIo } from '../io.js';
import type { TimelineOptions } from '../command-options.js';
import { flagDate, flagMfnRate, flagOrigin } from '../options.js';
import { displayText } from '../render/display.js';
import { fitTable, outputWidth, wrapLine } from '../render/fit.js';
import { csvCell } from '../render/calc/reporters.js';


type TimelineFormat = 'table' | 'csv' | 'json';

export interface TimelineReport {
  schedule: string;
  goods: string;
  from: string;
  to: string;
  scenarios: { name: string; steps: Step[] }[];
  rejected: { line: number | null; field: string; reason: string }[];
}

export async function runTimeline(file: string | undefined, o: TimelineOptions, io: CliIo): Promise<number> {
  const format = (o.format ?? (io.stdout.isTTY ? 'table' : 'csv')) as TimelineFormat;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format must be one of table, csv, json, got "${o.format}"`);
  flagDate('--from', o.from);
  flagDate('--to', o.to);
  const origin = flagOrigin(o.origin);
  const mfn = flagMfnRate(o.mfnRate);
  const single = o.hts !== undefined || o.category !== undefined;
  if (single && file !== undefined) throw new UsageError('give either --hts/--category for one good or a basket FILE, not both');
  if (single && o.sheet !== undefined) throw new UsageError('--sheet names the sheet of a basket workbook given as FILE');
  if (!single && file === undefined && io.stdin.isTTY) {
    throw new UsageError('no goods: give --hts CODE or --category NAME, or a basket CSV file', 'e.g. tariff timeline --hts 8703.23.01');
  }

  const names = o.scenarios === undefined ? ['as-enacted'] : o.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  const engines: Engine[] = [];
  for (const scenario of names) engines.push(await loadEngine({ scheduleFile: o.schedule, scenario, htsTable: o.htsTable }));
  for (const scenarioFile of o.scenarioFile ?? []) engines.push(await loadEngine({ scheduleFile: o.schedule, scenarioFile, htsTable: o.htsTable }));
  if (engines.length === 0) throw new UsageError('--scenarios needs at least one scenario name');
  const head = engines[0]!;
  const from = o.from ?? head.coversFrom;
  const to = o.to ?? head.knownThrough;
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  if (to > head.knownThrough) {
    io.stderr.write(`warning: --to ${to} is after ${head.knownThrough}, the last date schedule ${head.scheduleId} has evidence for: measures announced since then are not in it\n`);
  }

  let goods: WeightedGood[];
  let label: string;
  /** First input line of a good of the basket, for reporting it. */
  let lineOf: (g: Good) => number | null = () => null;
  const rejected: TimelineReport['rejected'] = [];
  if (single) {
    let hts: string | null = null;
    if (o.hts !== undefined) {
      hts = normalizeHts(o.hts);
      if (hts === null) throw new UsageError(`--hts: expected an HTS code of 4 to 10 digits, dots allowed (e.g. 8703.23.01), got "${o.hts}"`);
    }
    goods = [{ good: { hts, category: o.category?.toLowerCase() ?? null, origin, mfn }, value: 100n }];
    label = o.hts ?? o.category!;
  } else {
    // A basket: rows summed by good, so memory grows with distinct goods, not rows.
    const byGood = new Map<string, WeightedGood & { line: number | null }>();
    let rows = 0;
    const input: InputSpec = file === undefined || file === '-' ? { kind: 'stdin' } : { kind: 'file', path: file, sheet: o.sheet };
    if (input.kind === 'stdin' && o.sheet !== undefined) throw new UsageError('--sheet is for an Excel workbook (.xlsx) given as FILE; stdin is read as CSV');
    const progress = Progress.forRun(io.stderr, Boolean(o.quiet), inputNameOf(input), io.now);
    const summary = await readRows(input, io.stdin, { defaults: { date: from, origin, mfn, mode: 'ocean' }, forceDate: from, progress }, {
      header: () => {},
      row: (row) => {
        rows++;
        const good: Good = { hts: row.hts, category: row.hts === null ? row.category : null, origin: row.origin, mfn: row.mfn };
        const key = `${good.hts}|${good.category}|${good.origin}|${good.mfn}`;
        const g = byGood.get(key);
        if (g) g.value += row.value;
        else byGood.set(key, { good, value: row.value, line: row.line });
      },
      rejected: (issue) => {
        rows++;
        rejected.push(issue);
      },
      afterBatch: async () => true,
    });
    // A header and no row: nothing to chart, said so (never a 0% "MFN only" step for no goods at all).
    if (rows === 0) throw new InputError(`${summary.inputName}: no rows: the basket has a header and no goods, so there is no rate to chart`);
    goods = [...byGood.values()];
    label = `${summary.inputName} (value-weighted)`;
    lineOf = (g) => byGood.get(`${g.hts}|${g.category}|${g.origin}|${g.mfn}`)?.line ?? null;
  }

  const report: TimelineReport = { schedule: head.scheduleId, goods: label, from, to, scenarios: [], rejected };
  for (const e of engines) {
    const t = timeline(e, goods, from, to);
    for (const r of t.refused) {
      // One good that cannot be computed at all is a usage problem; one that stops being computable on some date
      // shows it as its last step ("n/a") instead.
      if (single && t.steps.length === 0) throw new UsageError(`${r.refusal.reason}`);
      if (single) continue;
      // Refused goods are the same under every scenario: report each once, at its first line.
      if (e === head) rejected.push({ line: lineOf(r.good), field: r.refusal.field, reason: r.refusal.reason });
    }
    report.scenarios.push({ name: e.scenario, steps: t.steps });
  }

  const out = new Out(io.stdout);
  const paint = await makePaint(format === 'table' && colorEnabled(Boolean(io.stdout.isTTY), io.env, o.color === false));
  out.push(renderTimeline(report, format, Boolean(io.stdout.isTTY) && format === 'table', paint.bold, outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number })));
  await out.flush();
  if (rejected.length > 0) {
    io.stderr.write(`${plural(rejected.length, 'row')} of the basket could not be computed (on every date, or from the date given) and ${rejected.length === 1 ? 'is' : 'are'} left out:\n`);
    for (const r of rejected.slice(0, 10)) {
      io.stderr.write(`  ${displayText(label.replace(/ \(value-weighted\)$/, ''))}${r.line === null ? '' : ` line ${r.line}`}, ${displayText(r.field)}: ${displayText(r.reason)}\n`);
    }
    return EXIT.rejected;
  }
  return EXIT.ok;
}

export function renderTimeline(r: TimelineReport, format: TimelineFormat, chart: boolean, bold: (s: string) => string, width: number | null = null): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (format === 'csv') {
    const lines = ['scenario,date,rate,previous,events'];
    for (const s of r.scenarios) for (const st of s.steps) lines.push([s.name, st.date, st.rate, st.previous ?? '', st.events.join('; ')].map(csvCell).join(','));
    return `${lines.join('\n')}\n`;
  }
  const out: string[] = [];
  for (const s of r.scenarios) {
    out.push(bold(wrapLine(`${displayText(r.goods)}: effective rate from ${r.from} to ${r.to}, scenario ${s.name}`, width, 2)));
    const rows = s.steps.map((st) => [st.date, `${st.rate}%`, st.previous === null ? '' : `${st.previous}%`, st.events.map((e) => displayText(e)).join('\n')]);
    out.push(fitTable(rows, { head: ['from', 'rate', 'was', 'what changed'], aligns: ['left', 'right', 'right', 'left'], wrap: [false, false, false, true], width }));
    if (chart) out.push(...stepChart(s.steps, r.to, width === null ? 40 : Math.max(10, Math.min(40, width - 40))));
  }
  return `${out.join('\n')}\n`;
}

/** A step chart: one bar per period, its length proportional to the rate. */
function stepChart(steps: Step[], to: string, width = 40): string[] {
  const rates = steps.map((s) => Number(s.rate)); // display only, never money
  const max = Math.max(...rates, 0.0001);
  return steps.map((s, i) => {
    const until = i + 1 < steps.length ? `→ ${steps[i + 1]!.date}` : `→ ${to}+`;
    const n = Math.round((rates[i]! / max) * width);
    return `${s.date} ${until.padEnd(13)} ${'█'.repeat(n)}${n === 0 ? '▏' : ''} ${s.rate}%`;
  });
}
