/**
 * The commander program: each command with its options (declared once, command-options.ts), its help, and a lazy
 * loader of the module that runs it, so a run loads only its own command.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command } from 'commander';
import {
  CALC_OPTIONS,
  COMPARE_OPTIONS,
  EXPLAIN_OPTIONS,
  HTS_IMPORT_OPTIONS,
  HTS_SEARCH_OPTIONS,
  HTS_SHOW_OPTIONS,
  SCHEDULE_CHECK_OPTIONS,
  SCHEDULE_LIST_OPTIONS,
  SCHEDULE_SHOW_OPTIONS,
  SCHEDULE_VALIDATE_OPTIONS,
  TIMELINE_OPTIONS,
  type CalcOptions,
  type CompareOptions,
  type HtsImportOptions,
  type HtsSearchOptions,
  type HtsShowOptions,
  type ScheduleCheckOptions,
  type ScheduleOptions,
  type TimelineOptions,
} from './command-options.js';
import * as help from './help.js';
import type { CliIo } from './io.js';
import { addOptions, type OptionDef } from './option-sets.js';
import { displayText } from './render/display.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What a command's action needs: the streams, and where to put the exit code. */
interface Shell {
  io: CliIo;
  setExit: (code: number) => void;
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('tariff')
    .description('Exact US tariff duties by origin (Japan, China, the EU, Canada, Mexico and other major partners), per measure, per line, per scenario.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Commander quotes the arguments it refuses: shown by the same escaping rule as every message.
      writeErr: (s) => io.stderr.write(displayText(s, { keepLines: true })),
    })
    .exitOverride()
    .addHelpText('after', help.EXIT_CODES_HELP);
  const shell: Shell = { io, setExit };
  addCalc(program, shell);
  addExplain(program, shell);
  addCompare(program, shell);
  addTimeline(program, shell);
  addHts(program, shell);
  addSchedule(program, shell);
  addMcp(program, shell);
  addCompletion(program, shell);
  return program;
}

/** A command of the program: its words, its options (declared once: command-options.ts) and help, and what runs it. */
interface CommandDef {
  name: string;
  description: string;
  /** Its positional argument: name (commander's `[file]`, `<code>`...) and description. */
  argument?: readonly [string, string];
  options?: readonly OptionDef[];
  before?: string;
  after?: string;
  /** Loads the module that runs it (a lazy import: a run loads only its own command) and runs it: the exit code. */
  run: (...args: never[]) => Promise<number>;
}

/** Adds a command to its parent (the program or a command group). */
function addCommand(parent: Command, d: CommandDef, { setExit }: Shell): Command {
  const cmd = parent.command(d.name).description(d.description);
  if (d.argument !== undefined) cmd.argument(d.argument[0], d.argument[1]);
  addOptions(cmd, d.options ?? []);
  if (d.before !== undefined) cmd.addHelpText('before', d.before);
  if (d.after !== undefined) cmd.addHelpText('after', d.after);
  const run = d.run as (...args: unknown[]) => Promise<number>;
  return cmd.action(async (...args: unknown[]) => setExit(await run(...args)));
}

function addCalc(program: Command, shell: Shell): void {
  const { io } = shell;
  addCommand(program, {
    name: 'calc',
    description: 'compute duties for one import (flags) or for CSV rows from FILE or stdin',
    argument: ['[file]', 'CSV file or Excel workbook (.xlsx); "-" or nothing reads CSV on stdin'],
    options: CALC_OPTIONS,
    before: help.CALC_EXAMPLES,
    after: help.CALC_AFTER,
    run: async (file: string | undefined, opts: CalcOptions) => (await import('./commands/calc/index.js')).runCalc(file, opts, io),
  }, shell);
}

function addExplain(program: Command, shell: Shell): void {
  const { io } = shell;
  addCommand(program, {
    name: 'explain',
    description: 'why each measure did or did not apply to one import (calc --explain for flags)',
    options: EXPLAIN_OPTIONS,
    before: help.EXPLAIN_EXAMPLES,
    after: help.EXIT_CODES_HELP,
    run: async (opts: CalcOptions) => (await import('./commands/calc/index.js')).runCalc(undefined, { ...opts, explain: true, quiet: true }, io),
  }, shell);
}

function addCompare(program: Command, shell: Shell): void {
  const { io } = shell;
  addCommand(program, {
    name: 'compare',
    description: 'put scenarios side by side on the same rows: totals, groups, differences from the first scenario',
    argument: ['[file]', 'CSV file or Excel workbook (.xlsx); "-" or nothing reads CSV on stdin'],
    options: COMPARE_OPTIONS,
    before: help.COMPARE_EXAMPLES,
    after: help.COMPARE_AFTER,
    run: async (file: string | undefined, opts: CompareOptions) => (await import('./commands/compare/index.js')).runCompare(file, opts, io),
  }, shell);
}

function addTimeline(program: Command, shell: Shell): void {
  const { io } = shell;
  addCommand(program, {
    name: 'timeline',
    description: 'every date on which the effective rate of a good (or a basket) changes, and why',
    argument: ['[file]', 'a basket CSV or .xlsx (value-weighted rate); omit for one good given by --hts or --category'],
    options: TIMELINE_OPTIONS,
    before: help.TIMELINE_EXAMPLES,
    after: help.EXIT_CODES_HELP,
    run: async (file: string | undefined, opts: TimelineOptions) => (await import('./commands/timeline.js')).runTimeline(file, opts, io),
  }, shell);
}

function addHts(program: Command, shell: Shell): void {
  const { io } = shell;
  const hts = program.command('hts').description('official HTS data: import an export, show a line, search descriptions');
  addCommand(hts, {
    name: 'import',
    description: 'read the USITC HTS JSON export and write an MFN table for --hts-table; rows left out are listed with the reason',
    argument: ['<file>', 'the USITC export, e.g. hts_2026_revision_20_json.json'],
    options: HTS_IMPORT_OPTIONS,
    before: help.HTS_IMPORT_EXAMPLES,
    after: help.EXIT_CODES_HELP,
    run: async (file: string, opts: HtsImportOptions & { out: string }) => (await import('./commands/hts/import.js')).runHtsImport(file, opts, io),
  }, shell);
  addCommand(hts, {
    name: 'show',
    description: 'a line of the bundled HTS: General (MFN) rate, units, description, Special programs, and the measures that cover it on a date with the duty rate they add up to',
    argument: ['<code>', 'an HTS code, e.g. 8457.10.00 (a heading such as 8456 lists its lines)'],
    options: HTS_SHOW_OPTIONS,
    before: help.HTS_SHOW_EXAMPLES,
    after: help.EXIT_CODES_HELP,
    run: async (code: string, opts: HtsShowOptions) => (await import('./commands/hts/show.js')).runHtsShow(code, opts, io),
  }, shell);
  addCommand(hts, {
    name: 'search',
    description: 'find lines of the bundled HTS by the words of their description (for when you do not know the code), best first',
    argument: ['<words...>', 'words to look for, e.g. machining centers'],
    options: HTS_SEARCH_OPTIONS,
    before: help.HTS_SEARCH_EXAMPLES,
    after: help.EXIT_CODES_HELP,
    run: async (words: string[], opts: HtsSearchOptions) => (await import('./commands/hts/search.js')).runHtsSearch(words, opts, io),
  }, shell);
}

function addSchedule(program: Command, shell: Shell): void {
  const { io } = shell;
  const schedule = program.command('schedule').description('list, show, validate and check schedules and scenarios');
  addCommand(schedule, {
    name: 'list',
    description: 'bundled schedules and scenarios, with the date their evidence runs to',
    options: SCHEDULE_LIST_OPTIONS,
    run: async (opts: ScheduleOptions) => (await import('./commands/schedule/index.js')).runScheduleList(io, opts),
  }, shell);
  addCommand(schedule, {
    name: 'show',
    description: 'the measures of a schedule (or of a scenario applied to it): authority, scope, rate, window, citation, confidence; then the sources',
    argument: ['[id]', 'us (default), a bundled scenario id, or your own scenario file (a path ending in .json)'],
    options: SCHEDULE_SHOW_OPTIONS,
    run: async (id: string | undefined, opts: ScheduleOptions) => (await import('./commands/schedule/index.js')).runScheduleShow(id, io, opts),
  }, shell);
  addCommand(schedule, {
    name: 'validate',
    description: 'check a schedule, scenario, MFN table or fees file and print its problems: shape first, then references (exit 1 if any)',
    argument: ['<file>', 'the JSON file'],
    options: SCHEDULE_VALIDATE_OPTIONS,
    run: async (file: string, opts: ScheduleOptions) => (await import('./commands/schedule/index.js')).runScheduleValidate(file, io, opts),
  }, shell);
  addCommand(schedule, {
    name: 'check',
    description: "check the schedule's chapter 99 headings against an official USITC HTS export: each cited heading exists and its rate text agrees",
    options: SCHEDULE_CHECK_OPTIONS,
    before: help.SCHEDULE_CHECK_EXAMPLES,
    after: help.SCHEDULE_CHECK_AFTER,
    run: async (opts: ScheduleCheckOptions & { hts: string }) => (await import('./commands/schedule/check.js')).runScheduleCheck(io, opts),
  }, shell);
}

function addMcp(program: Command, { io, setExit }: Shell): void {
  program
    .command('mcp')
    .description('serve the calculator to AI assistants over stdio (Model Context Protocol): calc, compare, explain, timeline, schedule tools')
    .addHelpText('after', help.MCP_AFTER)
    .action(async () => {
      // mcp runs the whole CLI in memory for each tool call: main.ts, loaded (already) by name to keep one way down.
      const [{ runMcp }, { main, localToday }] = await Promise.all([import('./commands/mcp/index.js'), import('./main.js')]);
      setExit(await runMcp(io, { main, localToday, version: VERSION }));
    });
}

function addCompletion(program: Command, { io, setExit }: Shell): void {
  program
    .command('completion')
    .description('print a shell completion script: commands, options and their values')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', help.COMPLETION_EXAMPLES)
    .action(async (shell: string) => {
      const { runCompletion } = await import('./commands/completion/index.js');
      setExit(await runCompletion(shell, program, io));
    });
}
