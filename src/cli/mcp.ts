/**
 * `tariff mcp`: the calculator served to AI assistants over stdio with the
 * Model Context Protocol (the official TypeScript SDK, loaded only here).
 *
 * Every tool runs the CLI command it names, in the process, on in-memory
 * streams (in-memory.ts): its arguments become the command's flags, its
 * result is the command's `--format json` document (structuredContent, and
 * as text) after a short summary, and an error is a tool error carrying the
 * message the command prints on stderr. The server keeps serving after one.
 *
 * Tools take no file paths: an assistant computes on the bundled schedule and
 * scenarios, and cannot make the server read the user's files.
 *
 * A new command is one entry in defineTools: a zod shape (the SDK derives the JSON
 * Schema the client sees from it), the argv it runs, and a summary.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { bundledScenarioIds, loadEngine } from '../io/load.js';
import { EXIT } from '../errors.js';
import { rowsCsv, runInMemory, type ImportRow } from './in-memory.js';
import type { CliIo } from './io.js';
import type { localToday, main } from './main.js';

/** The CLI's entry, handed in by main.ts (imported here, it would leave the bundle's entry chunk). */
export interface Cli {
  main: typeof main;
  localToday: typeof localToday;
  version: string;
}

/** Most lines one call may carry: an assistant's question, not a file (use the CLI for files). */
export const MAX_LINES = 1000;

type Json = Record<string, unknown>;

interface ToolDef<S extends z.ZodRawShape> {
  title: string;
  description: string;
  shape: S;
  /** The command line to run, and the CSV rows it reads on stdin (null: none). */
  argv(args: z.infer<z.ZodObject<S>>): { argv: string[]; rows: ImportRow[] | null };
  summary(doc: Json): string;
}

const date = z.string().describe('a date YYYY-MM-DD');

/** The fields of one import, as the CSV columns and calc flags name them. */
const line = z
  .object({
    value: z.string().describe('customs value in US dollars, e.g. "45000" or "1500.00" (a string: money is exact)'),
    hts: z.string().optional().describe('HTS code, 4-10 digits, dots allowed, e.g. "8703.24.01"'),
    category: z.string().optional().describe('category instead of an HTS code (see the schedule_show tool)'),
    date: date.optional().describe('entry date YYYY-MM-DD'),
    origin: z.string().optional().describe('ISO country of origin (default JP)'),
    id: z.string().optional().describe('your reference, copied to the result'),
    mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
    entry: z.string().optional().describe('customs entry the line belongs to: fees are per entry'),
    mode: z.string().optional().describe('ocean, air, truck or rail'),
    quantity: z.string().optional().describe('quantity, for specific MFN rates'),
    unit: z.string().optional().describe('unit of the quantity'),
    us_content: z.string().optional().describe('percent of the value that is US content'),
    metal_value: z.string().optional().describe('value of the steel/aluminum content in dollars'),
    loaded: date.optional().describe('date of loading, for the in-transit rules'),
    unit_price: z.string().optional().describe('impact: selling price per unit before the added duties, in dollars (needs quantity)'),
    margin: z.string().optional().describe('impact: gross margin in percent of unit_price (or unit_cost)'),
    unit_cost: z.string().optional().describe('impact: cost per unit before the added duties, in dollars'),
    freight: z.string().optional().describe("impact: the line's freight in dollars, added to its landed cost"),
    insurance: z.string().optional().describe("impact: the line's insurance in dollars"),
    other_costs: z.string().optional().describe("impact: the line's other costs in dollars"),
  })
  .strict();

/** One import given by flags (as the CLI's --value, --hts ...). */
const one = {
  value: z.string().optional().describe('customs value in US dollars of one import, e.g. "45000" (a string: money is exact)'),
  hts: z.string().optional().describe('HTS code of that import, e.g. "8703.24.01"'),
  category: z.string().optional().describe('category instead of an HTS code'),
  id: z.string().optional().describe('your reference for that import'),
  quantity: z.string().optional().describe('quantity, for specific MFN rates (e.g. kg)'),
  unit: z.string().optional().describe('unit of the quantity, checked against the rate'),
  us_content: z.string().optional().describe('percent of the value that is US content'),
  metal_value: z.string().optional().describe('value of the steel/aluminum content in dollars'),
  loaded: date.optional().describe('date of loading on the vessel'),
};

const lines = z.array(line).min(1).max(MAX_LINES).optional().describe(`several imports (at most ${MAX_LINES}), instead of value/hts/category`);

function flag(argv: string[], name: string, v: string | boolean | undefined): void {
  if (v === undefined || v === false) return;
  if (v === true) argv.push(name);
  else argv.push(name, v);
}

/** The one-import flags, or the lines as CSV rows on stdin. */
function importArgs(argv: string[], a: { lines?: ImportRow[] | undefined } & { [k in keyof typeof one]?: string | undefined }): ImportRow[] | null {
  if (a.lines !== undefined) {
    if (a.value !== undefined || a.hts !== undefined || a.category !== undefined) throw new ToolArgumentError('give either lines or value with hts/category, not both');
    argv.push('-');
    return a.lines;
  }
  flag(argv, '--value', a.value);
  flag(argv, '--hts', a.hts);
  flag(argv, '--category', a.category);
  flag(argv, '--id', a.id);
  flag(argv, '--quantity', a.quantity);
  flag(argv, '--unit', a.unit);
  flag(argv, '--us-content', a.us_content);
  flag(argv, '--metal-value', a.metal_value);
  flag(argv, '--loaded', a.loaded);
  if (a.value === undefined && a.hts === undefined && a.category === undefined) throw new ToolArgumentError('give value with hts or category (one import), or lines');
  return null;
}

const money = (s: unknown) => `$${String(s)}`;

/** A tool's arguments that the command line cannot be given (a shape of the tool, not of the command). */
class ToolArgumentError extends Error {}

/** Infers a tool's argument types from its shape; the server holds tools of every shape alike. */
function tool<S extends z.ZodRawShape>(def: ToolDef<S>): ToolDef<z.ZodRawShape> {
  return def as unknown as ToolDef<z.ZodRawShape>;
}

function defineTools(scenarios: [string, ...string[]], categories: string[]) {
  const scenario = z.enum(scenarios);
  const category = z.string().optional().describe(`category instead of an HTS code: ${categories.join(', ')}`);
  const calc = tool({
    title: 'Compute US tariff duties',
    description:
      'Duties on one import (value with hts or category) or on a few lines, per measure, with customs fees: the JSON of `tariff calc --format json`. ' +
      'Money is given and returned as decimal strings exact to the cent. Rows that cannot be computed are listed in "rejected" with the reason.',
    shape: {
      ...one,
      category,
      lines,
      date: date.optional().describe('entry date YYYY-MM-DD for lines without one (default: today)'),
      origin: z.string().optional().describe('country of origin for lines without one (default JP)'),
      mfn_rate: z.string().optional().describe('MFN percent for lines without one, overriding the MFN table'),
      scenario: scenario.optional().describe('bundled scenario (default as-enacted)'),
      mode: z.string().optional().describe('mode of transport for lines without one: ocean (default), air, truck, rail'),
      fees: z.boolean().optional().describe('false: leave out the customs fees (MPF, HMF)'),
      explain: z.boolean().optional().describe('each line lists every measure considered, whether it applied, and why'),
      refunds: z.boolean().optional().describe('list only lines with duty that can be claimed back'),
    },
    argv: (a) => {
      const argv = ['calc'];
      const rows = importArgs(argv, a);
      argv.push('--format', 'json');
      flag(argv, '--date', a.date);
      flag(argv, '--origin', a.origin);
      flag(argv, '--mfn-rate', a.mfn_rate);
      flag(argv, '--scenario', a.scenario);
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

  const compare = tool({
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
      origin: z.string().optional().describe('country of origin for lines without one (default JP)'),
      mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
    },
    argv: (a) => {
      const argv = ['compare'];
      const rows = importArgs(argv, a);
      argv.push('--format', 'json');
      if (a.scenarios !== undefined) argv.push('--scenarios', a.scenarios.join(','));
      flag(argv, '--date', a.date);
      flag(argv, '--on', a.on);
      flag(argv, '--by', a.by);
      flag(argv, '--per', a.per);
      flag(argv, '--origin', a.origin);
      flag(argv, '--mfn-rate', a.mfn_rate);
      return { argv, rows };
    },
    summary: (d) => {
      const s = (d.scenarios as { name: string; totals: Json }[]).map((x) => `${x.name}: duty ${money(x.totals.duty)} (effective rate ${x.totals.effectiveRate}%)`);
      const diff = (d.differences as Json[]).map((x) => `${x.scenario} vs ${x.vs}: ${money(x.duty)}${x.percent === null ? '' : ` (${x.percent}%)`}`);
      return [...s, ...diff].join('; ');
    },
  });

  const range = tool({
    title: 'Range of duty over the facts not given',
    description:
      'Per line and in total, the lowest and highest duty the law allows over the facts a line did not give (loading date, US content, metal value, special program, ' +
      'a measure\'s assumption such as a parts certification), and the facts that give each end: the JSON of `tariff calc --range --format json`. ' +
      'Give those facts (as the line\'s fields) to the calc tool to get the duty of that end.',
    shape: {
      ...one,
      category,
      lines,
      date: date.optional().describe('entry date YYYY-MM-DD for lines without one (default: today)'),
      origin: z.string().optional().describe('country of origin for lines without one (default JP)'),
      mfn_rate: z.string().optional().describe('MFN percent for lines without one, overriding the MFN table'),
      scenario: scenario.optional().describe('bundled scenario (default as-enacted)'),
    },
    argv: (a) => {
      const argv = ['calc'];
      const rows = importArgs(argv, a);
      argv.push('--range', '--format', 'json');
      flag(argv, '--date', a.date);
      flag(argv, '--origin', a.origin);
      flag(argv, '--mfn-rate', a.mfn_rate);
      flag(argv, '--scenario', a.scenario);
      return { argv, rows };
    },
    summary: (d) => {
      const t = d.totals as Json;
      return `${t.lines} line(s) computed, ${t.rejected} rejected; duty ${money(t.duty)} under the documented defaults, lowest ${money(t.low)}, highest ${money(t.high)} over the facts not given (${t.rangedLines} line(s) with a range). Scenario ${d.scenario}, schedule ${d.schedule} known through ${d.knownThrough}.`;
    },
  });

  const explain = tool({
    title: 'Explain the duties of one import',
    description: 'Why each measure did or did not apply to one import, with its legal citation: the JSON of `tariff explain --format json`.',
    shape: {
      ...one,
      category,
      date: date.optional().describe('entry date YYYY-MM-DD (default: today)'),
      origin: z.string().optional().describe('country of origin (default JP)'),
      mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
      scenario: scenario.optional().describe('bundled scenario (default as-enacted)'),
    },
    argv: (a) => {
      const argv = ['explain'];
      importArgs(argv, a);
      argv.push('--format', 'json');
      flag(argv, '--date', a.date);
      flag(argv, '--origin', a.origin);
      flag(argv, '--mfn-rate', a.mfn_rate);
      flag(argv, '--scenario', a.scenario);
      return { argv, rows: null };
    },
    summary: (d) => {
      const l = (d.lines as Json[])[0];
      if (l === undefined) return 'the import was rejected: see "rejected"';
      const applied = (l.explain as { measure: string; applied: boolean }[]).filter((e) => e.applied).map((e) => e.measure);
      return `duty ${money(l.duty)} (effective rate ${l.effectiveRate}%); measures applied: ${applied.join(', ') || 'none'}`;
    },
  });

  const timeline = tool({
    title: 'Tariff rate timeline of a good',
    description: 'Every date on which the effective rate of a good changes, and why: the JSON of `tariff timeline --format json`.',
    shape: {
      hts: z.string().optional().describe('HTS code of the good'),
      category,
      origin: z.string().optional().describe('country of origin (default JP)'),
      mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
      from: date.optional().describe("first date (default: the schedule's start)"),
      to: date.optional().describe("last date (default: the schedule's knownThrough)"),
      scenarios: z.array(scenario).min(1).optional().describe('bundled scenarios (default as-enacted)'),
    },
    argv: (a) => {
      const argv = ['timeline', '--format', 'json'];
      flag(argv, '--hts', a.hts);
      flag(argv, '--category', a.category);
      if (a.hts === undefined && a.category === undefined) throw new ToolArgumentError('give hts or category');
      flag(argv, '--origin', a.origin);
      flag(argv, '--mfn-rate', a.mfn_rate);
      flag(argv, '--from', a.from);
      flag(argv, '--to', a.to);
      if (a.scenarios !== undefined) argv.push('--scenarios', a.scenarios.join(','));
      return { argv, rows: null };
    },
    summary: (d) =>
      (d.scenarios as { name: string; steps: { date: string; rate: string }[] }[])
        .map((s) => `${s.name}: ${s.steps.map((st) => `from ${st.date} ${st.rate}%`).join(', ')}`)
        .join('; '),
  });

  const scheduleShow = tool({
    title: 'Show the tariff schedule',
    description:
      'The measures of the bundled schedule, or of a bundled scenario applied to it: authority, scope, rate, window, legal citation, confidence; then the sources and categories (`tariff schedule show --format json`).',
    // An id of a bundled schedule or scenario only: `schedule show` also reads a scenario FILE.json, which a tool
    // must never be pointed at (the server reads no file an assistant names).
    shape: {
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'expected the id of a bundled schedule or scenario (lower-case letters, digits, "-" and "."), not a file' })
        .refine((v) => !v.endsWith('.json'), { message: 'expected the id of a bundled schedule or scenario, not a file' })
        .optional()
        .describe(`us (default) or a bundled scenario: ${scenarios.join(', ')}`),
    },
    // After --, the id is never read as an option (such as --schedule FILE).
    argv: (a) => ({ argv: ['schedule', 'show', '--format', 'json', ...(a.id === undefined ? [] : ['--', a.id])], rows: null }),
    summary: (d) => `schedule ${String(d.id ?? d.schedule ?? '')}`.trim(),
  });

  const scheduleList = tool({
    title: 'List schedules and scenarios',
    description: 'The bundled schedules and scenarios, with the date their evidence runs to (`tariff schedule list --format json`).',
    shape: {},
    argv: () => ({ argv: ['schedule', 'list', '--format', 'json'], rows: null }),
    summary: () => 'bundled schedules and scenarios',
  });

  const htsCode = z.string().regex(/^[0-9][0-9.]{3,13}$/, { message: 'expected an HTS code: 4 to 10 digits, dots allowed, e.g. "8703.23.01"' });

  const htsShow = tool({
    title: 'Show an HTS line',
    description:
      'One line of the bundled official HTS (2026 Rev. 10): General (MFN) rate, units, description, Special programs and statistical lines, and the measures that apply to it from an origin on a date with the total rate (`tariff hts show --format json`). A heading lists its lines.',
    shape: {
      hts: htsCode.describe('HTS code, e.g. "8703.23.01" (a 4- or 6-digit heading lists its lines)'),
      date: date.optional().describe('entry date YYYY-MM-DD for the measures (default: today)'),
      origin: z.string().optional().describe('country of origin (default JP)'),
    },
    // After --, the code is never read as an option.
    argv: (a) => {
      const argv = ['hts', 'show', '--format', 'json'];
      flag(argv, '--date', a.date);
      flag(argv, '--origin', a.origin);
      argv.push('--', a.hts);
      return { argv, rows: null };
    },
    summary: (d) =>
      d.general === undefined
        ? `${String(d.hts)}: a heading, see its lines`
        : `${String(d.hts)}: General ${String(d.general)}${d.adValoremTotal === undefined || d.adValoremTotal === null ? '' : `; on ${String(d.date)} from ${String(d.origin)}: ${String(d.adValoremTotal)}% in all`}`,
  });

  const htsSearch = tool({
    title: 'Search HTS lines by description',
    description: 'Lines of the bundled official HTS whose description has the words given, best first (`tariff hts search --format json`): for when the HTS code is not known.',
    shape: {
      words: z.string().min(1).describe('words of the description, e.g. "machining centers"'),
      limit: z.number().int().min(1).max(100).optional().describe('how many lines (default 20)'),
    },
    argv: (a) => {
      const argv = ['hts', 'search', '--format', 'json'];
      if (a.limit !== undefined) argv.push('--limit', String(a.limit));
      argv.push('--', ...a.words.split(/\s+/).filter((w) => w !== ''));
      return { argv, rows: null };
    },
    summary: (d) => `${String(d.found)} line(s) found; ${(d.lines as { hts: string; general: string }[]).map((l) => `${l.hts} (${l.general})`).join(', ')}`,
  });

  return { calc, range, compare, explain, timeline, hts_show: htsShow, hts_search: htsSearch, schedule_show: scheduleShow, schedule_list: scheduleList };
}

/** Runs one tool: the command, then its JSON and summary, or a tool error with the command's message. Never throws. */
export async function callTool(cli: Cli, def: ToolDef<z.ZodRawShape>, args: Record<string, unknown>, today: string | undefined): Promise<CallToolResult> {
  try {
    const { argv, rows } = def.argv(args as never);
    const run = await runInMemory(cli.main, argv, { stdin: rows === null ? undefined : Readable.from(rowsCsv(rows, undefined)), today: today ?? cli.localToday() });
    let doc: Json | null = null;
    if (run.code === EXIT.ok || run.code === EXIT.rejected) {
      try {
        doc = JSON.parse(run.stdout) as Json;
      } catch {
        doc = null;
      }
    }
    if (doc === null) return toolError(run.stderr.trim() || `tariff ${argv.join(' ')} ended with exit code ${run.code}`);
    const json = JSON.stringify(doc, null, 2);
    const notes = run.stderr.trim();
    return {
      content: [
        { type: 'text', text: def.summary(doc) },
        { type: 'text', text: json },
        ...(notes === '' ? [] : [{ type: 'text' as const, text: notes }]),
      ],
      structuredContent: doc,
    };
  } catch (e) {
    if (e instanceof ToolArgumentError) return toolError(`tariff: ${e.message}`);
    return toolError(`tariff: internal error; this is a bug in tariff: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

export async function runMcp(io: CliIo, cli: Cli): Promise<number> {
  const ids = await bundledScenarioIds();
  const scenarios = (ids.includes('as-enacted') ? ids : ['as-enacted', ...ids]) as [string, ...string[]];
  const engine = await loadEngine({});
  const server = new McpServer(
    { name: 'tariff', version: cli.version },
    {
      instructions:
        `Exact US tariff duties on imports (schedule ${engine.scheduleId}, origins ${[...engine.origins].join(', ')}, known through ${engine.knownThrough}). ` +
        `Categories: ${[...engine.categories.keys()].join(', ')}. Money is exact: give values as decimal strings.`,
    },
  );
  // The server keeps today's date of its start unless TARIFF_TODAY fixes it (as the CLI).
  const today = io.env.TARIFF_TODAY;
  // Calls still running when the client closes our stdin are answered before the server closes.
  const inFlight = new Set<Promise<CallToolResult>>();
  for (const [name, def] of Object.entries(defineTools(scenarios, [...engine.categories.keys()]))) {
    server.registerTool(name, { title: def.title, description: def.description, inputSchema: def.shape }, (args: Record<string, unknown>) => {
      const call = callTool(cli, def, args, today);
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      return call;
    });
  }
  const transport = new StdioServerTransport(io.stdin, io.stdout);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(transport);
  // The client closes our stdin to end the session.
  io.stdin.once('end', async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await new Promise((resolve) => setImmediate(resolve)); // the SDK sends a result a few promise turns after the call ends
    await server.close();
  });
  await closed;
  return EXIT.ok;
}
