/** timeline's report: json, csv, or a table per scenario with a step chart on a terminal. */
import type { Step } from '../../core/timeline.js';
import { displayText } from './display.js';
import { fitTable, wrapLine } from './fit.js';
import { csvCell } from './cells.js';

export type TimelineFormat = 'table' | 'csv' | 'json';

export interface TimelineReport {
  schedule: string;
  goods: string;
  from: string;
  to: string;
  scenarios: { name: string; steps: Step[] }[];
  rejected: { line: number | null; field: string; reason: string }[];
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
    const rows = s.steps.map((st) => [st.date, pct(st.rate), st.previous === null ? '' : pct(st.previous), st.events.map((e) => displayText(e)).join('\n')]);
    out.push(fitTable(rows, { head: ['from', 'rate', 'was', 'what changed'], aligns: ['left', 'right', 'right', 'left'], wrap: [false, false, false, true], width }));
    if (chart) out.push(...stepChart(s.steps, r.to, width === null ? 40 : Math.max(10, Math.min(40, width - 40))));
  }
  return `${out.join('\n')}\n`;
}

/** A step chart: one bar per period, its length proportional to the rate. */
function stepChart(steps: Step[], to: string, width = 40): string[] {
  // display only, never money; a period the good is not computed in ('n/a') has no bar
  const rates = steps.map((s) => (s.rate === 'n/a' ? 0 : Number(s.rate)));
  const max = Math.max(...rates, 0.0001);
  return steps.map((s, i) => {
    const until = i + 1 < steps.length ? `→ ${steps[i + 1]!.date}` : `→ ${to}+`;
    const n = Math.round((rates[i]! / max) * width);
    return `${s.date} ${until.padEnd(13)} ${'█'.repeat(n)}${n === 0 ? '▏' : ''} ${pct(s.rate)}`;
  });
}

/** A step's rate as the table shows it: a percent, or n/a where the good is not computed. */
function pct(rate: string): string {
  return rate === 'n/a' ? rate : `${rate}%`;
}
