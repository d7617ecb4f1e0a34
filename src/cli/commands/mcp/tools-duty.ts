/** The MCP tools that compute duty: calc, compare, range, explain (each runs the CLI command it names). */
import { z } from 'zod';
import { defaultOrigin } from '../../defaults.js';
import { date, flag, importArgs, lines, money, one, tool, type Json, type ToolDef } from './args.js';

/** A bundled scenario's id, and a category, as the tools take them (built from the bundled data at start). */
export type Scenario = z.ZodEnum<Record<string, string>>;
export type Category = z.ZodOptional<z.ZodString>;

/** What calc and range take for the lines that do not say: their date, origin, MFN rate, and the scenario. */
function lineDefaults(scenario: Scenario) {
  return {
    date: date.optional().describe('entry date YYYY-MM-DD for lines without one (default: today)'),
    origin: z.string().optional().describe(`country of origin for lines without one (default ${defaultOrigin()})`),
    mfn_rate: z.string().optional().describe('MFN percent for lines without one, overriding the MFN table'),
    scenario: scenario.optional().describe('bundled scenario (default as-enacted)'),
  };
}

/** The flags of lineDefaults, as the command takes them: argument, flag. */
const LINE_DEFAULT_FLAGS = [['date', '--date'], ['origin', '--origin'], ['mfn_rate', '--mfn-rate'], ['scenario', '--scenario']] as const;

function lineDefaultFlags(argv: string[], a: { date?: string; origin?: string; mfn_rate?: string; scenario?: string }): void {
  for (const [key, name] of LINE_DEFAULT_FLAGS) flag(argv, name, a[key]);
}

/** calc: one import or a few lines. */
export function calcTool(scenario: Scenario, category: Category): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Compute US tariff duties',
    description:
      'Duties on one import (value with hts or category) or on a few lines, per measure, with customs fees: the JSON of `tariff calc --format json`. ' +
      'Money is given and returned as decimal strings exact to the cent. Rows that cannot be computed are listed in "rejected" with the reason.',
    shape: {
      ...one,
      category,
      lines,
      ...lineDefaults(scenario),
      mode: z.string().optional().describe('mode of transport for lines without one: ocean (default), air, truck, rail'),
      fees: z.boolean().optional().describe('false: leave out the customs fees (MPF, HMF)'),
      explain: z.boolean().optional().describe('each line lists every measure considered, whether it applied, and why'),
      refunds: z.boolean().optional().describe('list only lines with duty that can be claimed back'),
    },
    argv: (a) => {
      const argv = ['calc'];
      const rows = importArgs(argv, a);
      argv.push('--format', 'json');
      lineDefaultFlags(argv, a);
      flag(argv, '--mode', a.mode);
      flag(argv, '--no-fees', a.fees === false);
      flag(argv, '--explain', a.explain);
      flag(argv, '--refunds', a.refunds);
      return { argv, rows };
    },
    summary: (d) => {
      const t = d.totals as Json;
      const fees = t.fees === undefined ? '' : `; fees ${money(t.fees)} (MPF ${money(t.mpf)}, HMF ${money(t.hmf)}); duty + fees ${money(t.total)}`;
      return `${t.lines} line(s) computed, ${t.rejected} rejected; duty ${money(t.duty)} on customs value ${money(t.value)} (effective rate ${t.effectiveRate}%)${fees}. Scenario ${d.scenario}, schedule ${d.schedule} known through ${d.knownThrough}.`;
    },
  });
}

/** compare's arguments with a flag of their own: argument, flag. */
const COMPARE_FLAGS = [['date', '--date'], ['on', '--on'], ['by', '--by'], ['per', '--per'], ['origin', '--origin'], ['mfn_rate', '--mfn-rate']] as const;

/** compare: scenarios side by side. */
export function compareTool(scenario: Scenario, category: Category): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Compare tariff scenarios',
    description:
      'The same import or lines under several scenarios side by side, with the difference from the first (the baseline): the JSON of `tariff compare --format json`.',
    shape: {
      ...one,
      category,
      lines,
      scenarios: z.array(scenario).min(1).optional().describe('bundled scenarios, the first is the baseline (default: the CLI default list)'),
      date: date.optional().describe('entry date of lines without one, as in calc (default: today)'),
      on: date.optional().describe('evaluate every line on this entry date, ignoring the lines\' own dates (what if they entered on that date)'),
      by: z.enum(['category', 'hts', 'measure', 'id']).optional().describe('group by (default category)'),
      per: z.enum(['year', 'month', 'day', 'hour']).optional().describe('treat values as annual flows; amounts as run rates per period'),
      origin: z.string().optional().describe(`country of origin for lines without one (default ${defaultOrigin()})`),
      mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
    },
    argv: (a) => {
      const argv = ['compare'];
      const rows = importArgs(argv, a);
      argv.push('--format', 'json');
      if (a.scenarios !== undefined) argv.push('--scenarios', a.scenarios.join(','));
      for (const [key, name] of COMPARE_FLAGS) flag(argv, name, a[key]);
      return { argv, rows };
    },
    summary: (d) => {
      const s = (d.scenarios as { name: string; totals: Json }[]).map((x) => `${x.name}: duty ${money(x.totals.duty)} (effective rate ${x.totals.effectiveRate}%)`);
      const diff = (d.differences as Json[]).map((x) => `${x.scenario} vs ${x.vs}: ${money(x.duty)}${x.percent === null ? '' : ` (${x.percent}%)`}`);
      return [...s, ...diff].join('; ');
    },
  });
}

/** calc --range: the lowest and highest duty over the facts not given. */
export function rangeTool(scenario: Scenario, category: Category): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Range of duty over the facts not given',
    description:
      'Per line and in total, the lowest and highest duty the law allows over the facts a line did not give (loading date, US content, metal value, special program, ' +
      'whether a good is an automobile part (auto_part), a measure\'s assumption such as the metal\'s share of the weight), and the facts that give each end: the JSON of `tariff calc --range --format json`. ' +
      'Give those facts (as the line\'s fields) to the calc tool to get the duty of that end.',
    shape: {
      ...one,
      category,
      lines,
      ...lineDefaults(scenario),
    },
    argv: (a) => {
      const argv = ['calc'];
      const rows = importArgs(argv, a);
      argv.push('--range', '--format', 'json');
      lineDefaultFlags(argv, a);
      return { argv, rows };
    },
    summary: (d) => {
      const t = d.totals as Json;
      return `${t.lines} line(s) computed, ${t.rejected} rejected; duty ${money(t.duty)} under the documented defaults, lowest ${money(t.low)}, highest ${money(t.high)} over the facts not given (${t.rangedLines} line(s) with a range). Scenario ${d.scenario}, schedule ${d.schedule} known through ${d.knownThrough}.`;
    },
  });
}

/** explain: why each measure did or did not apply. */
export function explainTool(scenario: Scenario, category: Category): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Explain the duties of one import',
    description: 'Why each measure did or did not apply to one import, with its legal citation: the JSON of `tariff explain --format json`.',
    shape: {
      ...one,
      category,
      date: date.optional().describe('entry date YYYY-MM-DD (default: today)'),
      origin: z.string().optional().describe(`country of origin (default ${defaultOrigin()})`),
      mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
      scenario: scenario.optional().describe('bundled scenario (default as-enacted)'),
    },
    argv: (a) => {
      const argv = ['explain'];
      importArgs(argv, a);
      argv.push('--format', 'json');
      lineDefaultFlags(argv, a);
      return { argv, rows: null };
    },
    summary: (d) => {
      const l = (d.lines as Json[])[0];
      if (l === undefined) return 'the import was rejected: see "rejected"';
      const applied = (l.explain as { measure: string; applied: boolean }[]).filter((e) => e.applied).map((e) => e.measure);
      return `duty ${money(l.duty)} (effective rate ${l.effectiveRate}%); measures applied: ${applied.join(', ') || 'none'}`;
    },
  });
}
