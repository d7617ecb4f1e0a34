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
import { addOptions } from './option-sets.js';
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

function addCalc(program: Command, { io, setExit }: Shell): void {
  const cmd = program
    .command('calc')
    .description('compute duties for one import (flags) or for CSV rows from FILE or stdin')
    .argument('[file]', 'CSV file or Excel workbook (.xlsx); "-" or nothing reads CSV on stdin');
  addOptions(cmd, CALC_OPTIONS)
    .addHelpText('before', help.CALC_EXAMPLES)
    .addHelpText('after', help.CALC_AFTER)
    .action(async (file: string | undefined, opts: CalcOptions) => {
      const { runCalc } = await import('./commands/calc/index.js');
      setExit(await runCalc(file, opts, io));
    });
}

function addExplain(program: Command, { io, setExit }: Shell): void {
  const cmd = program.command('explain').description('why each measure did or did not apply to one import (calc --explain for flags)');
  addOptions(cmd, EXPLAIN_OPTIONS)
    .addHelpText('before', help.EXPLAIN_EXAMPLES)
    .addHelpText('after', help.EXIT_CODES_HELP)
    .action(async (opts: CalcOptions) => {
      const { runCalc } = await import('./commands/calc/index.js');
      setExit(await runCalc(undefined, { ...opts, explain: true, quiet: true }, io));
    });
}

function addCompare(program: Command, { io, setExit }: Shell): void {
  const cmd = program
    .command('compare')
    .description('put scenarios side by side on the same rows: totals, groups, differences from the first scenario')
    .argument('[file]', 'CSV file or Excel workbook (.xlsx); "-" or nothing reads CSV on stdin');
  addOptions(cmd, COMPARE_OPTIONS)
    .addHelpText('before', help.COMPARE_EXAMPLES)
    .addHelpText('after', help.COMPARE_AFTER)
    .action(async (file: string | undefined, opts: CompareOptions) => {
      const { runCompare } = await import('./commands/compare/index.js');
      setExit(await runCompare(file, opts, io));
    });
}

function addTimeline(program: Command, { io, setExit }: Shell): void {
  const cmd = program
    .command('timeline')
    .description('every date on which the effective rate of a good (or a basket) changes, and why')
    .argument('[file]', 'a basket CSV or .xlsx (value-weighted rate); omit for one good given by --hts or --category');
  addOptions(cmd, TIMELINE_OPTIONS)
    .addHelpText('before', help.TIMELINE_EXAMPLES)
    .addHelpText('after', help.EXIT_CODES_HELP)
    .action(async (file: string | undefined, opts: TimelineOptions) => {
      const { runTimeline } = await import('./commands/timeline.js');
      setExit(await runTimeline(file, opts, io));
    });
}

function addHts(program: Command, { io, setExit }: Shell): void {
  const hts = program.command('hts').description('official HTS data: import an export, show a line, search descriptions');
  const imp = hts
    .command('import')
    .description('read the USITC HTS JSON export and write an MFN table for --hts-table; rows left out are listed with the reason')
    .argument('<file>', 'the USITC export, e.g. hts_2026_revision_20_json.json');
  addOptions(imp, HTS_IMPORT_OPTIONS)
    .addHelpText('before', help.HTS_IMPORT_EXAMPLES)
    .addHelpText('after', help.EXIT_CODES_HELP)
    .action(async (file: string, opts: HtsImportOptions & { out: string }) => {
      const { runHtsImport } = await import('./commands/hts/import.js');
      setExit(await runHtsImport(file, opts, io));
    });
  const show = hts
    .command('show')
    .description('a line of the bundled HTS: General (MFN) rate, units, description, Special programs, and the measures that cover it on a date with the duty rate they add up to')
    .argument('<code>', 'an HTS code, e.g. 8457.10.00 (a heading such as 8456 lists its lines)');
  addOptions(show, HTS_SHOW_OPTIONS)
    .addHelpText('before', help.HTS_SHOW_EXAMPLES)
    .addHelpText('after', help.EXIT_CODES_HELP)
    .action(async (code: string, opts: HtsShowOptions) => {
      const { runHtsShow } = await import('./commands/hts/show.js');
      setExit(await runHtsShow(code, opts, io));
    });
  const search = hts
    .command('search')
    .description('find lines of the bundled HTS by the words of their description (for when you do not know the code), best first')
    .argument('<words...>', 'words to look for, e.g. machining centers');
  addOptions(search, HTS_SEARCH_OPTIONS)
    .addHelpText('before', help.HTS_SEARCH_EXAMPLES)
    .addHelpText('after', help.EXIT_CODES_HELP)
    .action(async (words: string[], opts: HtsSearchOptions) => {
      const { runHtsSearch } = await import('./commands/hts/search.js');
      setExit(await runHtsSearch(words, opts, io));
    });
}

function addSchedule(program: Command, { io, setExit }: Shell): void {
  const schedule = program.command('schedule').description('list, show, validate and check schedules and scenarios');
  addOptions(schedule.command('list').description('bundled schedules and scenarios, with the date their evidence runs to'), SCHEDULE_LIST_OPTIONS).action(
    async (opts: ScheduleOptions) => {
      const { runScheduleList } = await import('./commands/schedule/index.js');
      setExit(await runScheduleList(io, opts));
    },
  );
  const show = schedule
    .command('show')
    .description('the measures of a schedule (or of a scenario applied to it): authority, scope, rate, window, citation, confidence; then the sources')
    .argument('[id]', 'us (default), a bundled scenario id, or your own scenario file (a path ending in .json)');
  addOptions(show, SCHEDULE_SHOW_OPTIONS).action(async (id: string | undefined, opts: ScheduleOptions) => {
    const { runScheduleShow } = await import('./commands/schedule/index.js');
    setExit(await runScheduleShow(id, io, opts));
  });
  const validate = schedule
    .command('validate')
    .description('check a schedule, scenario, MFN table or fees file and print its problems: shape first, then references (exit 1 if any)')
    .argument('<file>', 'the JSON file');
  addOptions(validate, SCHEDULE_VALIDATE_OPTIONS).action(async (file: string, opts: ScheduleOptions) => {
    const { runScheduleValidate } = await import('./commands/schedule/index.js');
    setExit(await runScheduleValidate(file, io, opts));
  });
  const check = schedule.command('check').description("check the schedule's chapter 99 headings against an official USITC HTS export: each cited heading exists and its rate text agrees");
  addOptions(check, SCHEDULE_CHECK_OPTIONS)
    .addHelpText('before', help.SCHEDULE_CHECK_EXAMPLES)
    .addHelpText('after', help.SCHEDULE_CHECK_AFTER)
    .action(async (opts: ScheduleCheckOptions & { hts: string }) => {
      const { runScheduleCheck } = await import('./commands/schedule/check.js');
      setExit(await runScheduleCheck(io, opts));
    });
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
