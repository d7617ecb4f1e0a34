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
 * A new command is one tool function (tools-duty.ts, tools-data.ts) and one entry in defineTools: a zod shape
 * (the SDK derives the JSON Schema the client sees from it), the argv it runs, and a summary.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { bundledScenarioIds, loadEngine } from '../../../io/load.js';
import { EXIT } from '../../../errors.js';
import { rowsCsv, runInMemory } from '../../in-memory.js';
import type { CliIo } from '../../io.js';
import type { localToday, main } from '../../main.js';
import { ToolArgumentError, type Json, type ToolDef } from './args.js';
import { htsSearchTool, htsShowTool, scheduleListTool, scheduleShowTool, timelineTool } from './tools-data.js';
import { calcTool, compareTool, explainTool, rangeTool } from './tools-duty.js';


/** The CLI's entry, handed in by program.ts (imported here, it would leave the bundle's entry chunk). */
export interface Cli {
  main: typeof main;
  localToday: typeof localToday;
  version: string;
}

/** Every tool, by the name the client calls it. */
function defineTools(scenarios: [string, ...string[]], categories: string[]): Record<string, ToolDef<z.ZodRawShape>> {
  const scenario = z.enum(scenarios);
  const category = z.string().optional().describe(`category instead of an HTS code: ${categories.join(', ')}`);
  return {
    calc: calcTool(scenario, category),
    range: rangeTool(scenario, category),
    compare: compareTool(scenario, category),
    explain: explainTool(scenario, category),
    timeline: timelineTool(scenario, category),
    hts_show: htsShowTool(),
    hts_search: htsSearchTool(),
    schedule_show: scheduleShowTool(scenarios),
    schedule_list: scheduleListTool(),
  };
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
