/**
 * The command-line shell: commander builds the program, commands are plain
 * async functions loaded lazily, and this is the only place that turns errors
 * into messages and exit codes.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from 'commander';
import { DataFileError, UnknownScenarioError } from '../io/load.js';
import { formatPath } from '../core/issues.js';
import { isCalendarDate } from '../core/dates.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { DEFAULT_SCENARIOS } from './defaults.js';
import { displayText } from './display.js';
import type { CliIo } from './io.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const EXIT_CODES_HELP = `
Exit codes:
  0   every row computed
  1   some rows rejected (each is listed in the output and on stderr), or an
      input, schedule or scenario file that cannot be used
  2   usage error (unknown option, bad flag value, no input)
  70  internal error in tariff (please report it)
  74  the output could not be written (e.g. a full disk)`;

const CALC_EXAMPLES = `
Examples:
  $ tariff calc --value 45000 --hts 8703.24.01 --date 2025-05-01
  $ tariff calc --value 30000 --category vehicles --date 2025-10-01 --scenario no-deal
  $ tariff calc data/examples/shipments.csv --format table
  $ cat lines.csv | tariff calc --format json > duties.json
  $ tariff calc --value 100000 --hts 8457.10.00 --date 2026-08-01 --format json
  $ tariff calc lines.xlsx --sheet "Jan lines" --format xlsx --out duties.xlsx
  $ tariff calc --value 300000 --hts 8703.23.01 --date 2025-10-01 --quantity 10 --unit-price 36000 --margin 20
  $ tariff calc data/examples/shipments.csv --range     # lowest and highest duty over the facts not given
`;

const CALC_AFTER = `
Input CSV: a header row (names case-insensitive), then one import per row.
  value (or value_usd, customs_value)   required; dollars, e.g. 1500.00 or "$1,500.00"
  hts (or hts_code)                     HTS code, 4-10 digits, dots allowed
  category                              vehicles, auto-parts, steel, aluminum,
                                        pharmaceuticals, general
                                        (used when hts is empty; hts wins when both)
  date (or entry_date)                  entry date YYYY-MM-DD (default: --date, else today)
  origin                                ISO country code (default: --origin, else JP)
  mfn_rate                              MFN percent, overrides the bundled MFN table
  spi (or special_program)              special program claimed (default: --spi): JP,
                                        KR, S, S+ apply the line's Special rate
  transshipped                          yes/no: found transshipped to evade duties
                                        (default: --transshipped)
  id                                    your reference, copied to the output
  entry (or entry_number)               customs entry: fees are per entry (default:
                                        each line is its own entry)
  mode                                  ocean, air, truck, rail (default: --mode)
  us_content                            percent of value that is US content
  metal_value                           value of the steel/aluminum content
  loaded (or loading_date)              date of loading, for in-transit rules
  quantity, unit                        for specific MFN rates (4.4¢/kg ...); quantity is
                                        also the units of the impact figures
  unit_price, margin or unit_cost,      impact: landed cost, per-unit duty, the price rise
  freight, insurance, other_costs       that keeps the margin in $ and in %, and the new
                                        price and margin left at --pass-through (README
                                        "From duty to impact")
  any other column                      passed through to the output
Blank lines are skipped. Rows that cannot be computed are rejected with their
line, column and reason; none is dropped.

Formats: table (default on a terminal: at most --limit lines, then totals),
csv (default when piped: every row, with status, per-layer rates and duties;
totals on stderr), json (one document), ndjson (one object per line, then a
totals object), xlsx (an Excel workbook: Lines, Totals and Notes sheets; money
as numbers with two decimals, rates as percents; needs --out on a terminal),
html (one self-contained web page: totals, charts by measure, layer and
category, the first --limit lines; needs --out on a terminal).
With --range: per line the lowest and highest duty over the facts it did not
give, and which facts give each end (table, csv or json).
Input may be an Excel workbook (.xlsx): the first sheet, or --sheet NAME, read
like CSV (first non-blank row the header; line numbers are the sheet's rows).
Money is exact to the cent: each measure's amount is rounded
half up per line, and totals are sums of the rounded amounts.
${EXIT_CODES_HELP}`;

const COMPARE_EXAMPLES = `
Examples:
  $ tariff compare data/examples/japan-imports-2024.csv --date 2025-10-01 --per hour
  $ tariff compare data/examples/shipments.csv --scenarios as-enacted,no-deal --by measure
  $ tariff compare data/examples/japan-imports-2024.csv --date 2025-10-01 --scenario-file data/scenarios/pause-extended.json
  $ tariff compare --value 30000 --hts 8703.23.01 --date 2025-10-01 --format json
  $ tariff compare data/examples/shipments.csv --on 2025-10-01     # every row as if entered on that date
  $ tariff compare data/examples/japan-imports-2024.csv --date 2025-10-01 --format html --out compare.html
  $ tariff compare data/examples/shipments.csv --origins CN,VN,MX,JP   # where to source (covered origins)
`;

const COMPARE_AFTER = `
The same rows go through each scenario (read once, streamed). Output: per
scenario the lines, rejected rows, value, duty and effective rate, and the
difference from the first scenario (the baseline) in dollars and percent; per
group (--by) the duty under each scenario and the differences. With --per,
values are taken as annual flows and every amount is shown as a run rate,
rounded half up to the cent from the exact annual figure. On a terminal the
table format adds bar charts. With a quantity (and the impact columns or flags
of calc), each scenario also gets its landed cost, duty per unit, price and
margin figures, and their differences from the baseline ("as-enacted saves
$3,750.00 of duty per unit against no-deal").
--format html --out FILE writes one
self-contained web page (tables and SVG bar charts, no script, nothing
fetched) with the same figures as json.
With --origins the columns are origins: every row
priced as if from each (under one scenario), the cheapest marked.
${EXIT_CODES_HELP}`;

/** The inputs of one import beyond value and code, shared by calc, explain and compare. */
function withImportOptions(cmd: Command): Command {
  return cmd
    .option('--us-content <pct>', 'percent of the value that is US content (a measure with a US-content rule then charges the non-US share only, from its threshold on: see explain)')
    .option('--metal-value <usd>', 'value of the steel/aluminum content, for Section 232 derivatives')
    .option('--loaded <YYYY-MM-DD>', 'date of loading on the vessel, for the in-transit rules')
    .option('--quantity <n>', 'quantity, in the unit of a specific MFN rate (e.g. kg)')
    .option('--unit <unit>', 'the unit of --quantity, checked against the rate')
    .option('--hts-table <file>', 'an MFN table from tariff hts import, instead of the bundled HTS 2026 Rev. 10');
}

/** Impact inputs of one import and the pass-through share (README "From duty to impact"), for calc and compare. */
function withImpactOptions(cmd: Command): Command {
  return cmd
    .option('--unit-price <usd>', 'selling price per unit before the added duties (needs --quantity: the units on the line)')
    .option('--margin <pct>', "gross margin in percent of that price (or --unit-cost)")
    .option('--unit-cost <usd>', 'cost per unit before the added duties (instead of --margin)')
    .option('--freight <usd>', 'freight of the line, added to its landed cost')
    .option('--insurance <usd>', 'insurance of the line, added to its landed cost')
    .option('--other-costs <usd>', 'other costs of the line, added to its landed cost')
    .option('--pass-through <pct>', 'percent of the added duty passed on to the price (default: data/impact/pass-through.json, 100)');
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
    .addHelpText('after', EXIT_CODES_HELP);

  withImpactOptions(withImportOptions(program
    .command('calc')
    .description('compute duties for one import (flags) or for CSV rows from FILE or stdin')
    .argument('[file]', 'CSV file or Excel workbook (.xlsx); "-" or nothing reads CSV on stdin')
    .option('--value <usd>', 'customs value in dollars, for one import')
    .option('--hts <code>', 'HTS code of that import, e.g. 8703.24.01')
    .option('--category <name>', 'category instead of an HTS code: vehicles, auto-parts, steel, aluminum, pharmaceuticals, general')
    .option('--id <ref>', 'your reference for that import')
    .option('--date <YYYY-MM-DD>', 'entry date (rows without a date use it too); default: today')
    .option('--sheet <name>', 'the sheet of an Excel workbook (.xlsx) FILE to read (default: the first)')
    .option('--origin <CC>', 'country of origin (rows without an origin use it too)', 'JP')
    .option('--mfn-rate <pct>', 'MFN rate in percent, overriding the MFN table')
    .option('--spi <program>', 'claim a special program for rows without an spi column: JP (US-Japan), KR (KORUS), S or S+ (USMCA, goods of CA/MX) apply the line\'s Special rate where the HTS lists it')
    .option('--transshipped', 'rows without a transshipped column were found transshipped to evade duties (EO 14326 s.3: 40% instead of the reciprocal rate, where the schedule has it)')
    .option('--scenario <name>', 'bundled scenario: as-enacted (default), no-deal, full-revocation, … (see tariff schedule list)')
    .option('--scenario-file <file>', 'your own scenario file (JSON; see data/scenarios/)')
    .option('--schedule <file>', 'your own schedule file instead of the bundled data/schedules/us.json')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'ndjson', 'xlsx', 'html']))
    .option('--out <file>', 'write the output to FILE instead of stdout (needed for --format xlsx or html on a terminal)')
    .option('--limit <n>', 'most lines a table (or the html page) shows', '50')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'no totals line and no progress line on stderr (warnings, errors and rejected rows still print)')
    .option('--raw', "csv: leave cells of your own text that start with = + - @ tab or CR as they are (default: prefix a ' so spreadsheets do not run them)")
    .option('--explain', 'for each line, every measure considered, whether it applied and why, with its citation')
    .option('--mode <mode>', 'mode of transport for rows without a mode column: ocean, air, truck, rail (HMF is for ocean only)', 'ocean')
    .option('--no-fees', 'leave out the customs fees (MPF, HMF)')
    .option('--refunds', 'list only the lines with duty that can be claimed back (measures the schedule marks refundable, each with its reason); totals cover every line')
    .option('--range', 'per line and in total, the lowest and highest duty over the facts a line did not give (loading date, US content, metal value, special program), and which give each end; table, csv or json')
    .option('-j, --jobs <n>', 'worker threads for large csv/json/ndjson inputs (same output, more memory); "auto": one per CPU', '1')))
    .addHelpText('before', CALC_EXAMPLES)
    .addHelpText('after', CALC_AFTER)
    .action(async (file: string | undefined, opts: Record<string, unknown>) => {
      const { runCalc } = await import('./calc.js');
      setExit(await runCalc(file, opts, io));
    });

  withImportOptions(program
    .command('explain')
    .description('why each measure did or did not apply to one import (calc --explain for flags)')
    .requiredOption('--value <usd>', 'customs value in dollars')
    .option('--hts <code>', 'HTS code, e.g. 8703.24.01')
    .option('--category <name>', 'category instead of an HTS code')
    .option('--date <YYYY-MM-DD>', 'entry date; default: today')
    .option('--origin <CC>', 'country of origin', 'JP')
    .option('--mfn-rate <pct>', 'MFN rate in percent, overriding the MFN table')
    .option('--scenario <name>', 'bundled scenario (default as-enacted)')
    .option('--scenario-file <file>', 'your own scenario file')
    .option('--schedule <file>', 'your own schedule file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json', 'ndjson']).default('table'))
    .option('--no-color', 'no colour, even on a terminal'))
    .addHelpText('before', `
Examples:
  $ tariff explain --value 30000 --hts 8703.23.01 --date 2025-09-16
  $ tariff explain --value 100000 --hts 8457.10.00 --date 2025-04-09 --format json
`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (opts: Record<string, unknown>) => {
      const { runCalc } = await import('./calc.js');
      setExit(await runCalc(undefined, { ...opts, explain: true, quiet: true }, io));
    });

  withImpactOptions(withImportOptions(program
    .command('compare')
    .description('put scenarios side by side on the same rows: totals, groups, differences from the first scenario')
    .argument('[file]', 'CSV file or Excel workbook (.xlsx); "-" or nothing reads CSV on stdin')
    .option('--scenarios <list>', `comma-separated bundled scenarios; the first is the baseline (default: ${DEFAULT_SCENARIOS.join(',')})`)
    .option('--scenario-file <file>', 'add your own scenario file after the named ones (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--origins <list>', 'where to source: the same rows priced as if from each origin (comma-separated ISO codes, the first is the baseline), under one scenario; the cheapest is marked')
    .option('--date <YYYY-MM-DD>', 'entry date of rows without one, as in calc; default: today')
    .option('--on <YYYY-MM-DD>', "evaluate every row on this entry date, ignoring the input's dates (what if these flows entered on D)")
    .option('--sheet <name>', 'the sheet of an Excel workbook (.xlsx) FILE to read (default: the first)')
    .option('--by <group>', 'group by category, hts, measure, id or origin', 'category')
    .option('--per <period>', 'treat values as annual flows; show run rates per year, month, day or hour (a year is 365 days)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise; xlsx or html for an --out file so named)').choices(['table', 'csv', 'json', 'markdown', 'xlsx', 'html']))
    .option('--out <file>', 'write the output to FILE instead of stdout (needed for --format xlsx or html on a terminal)')
    .option('--value <usd>', 'customs value in dollars, for one import')
    .option('--hts <code>', 'HTS code of that import')
    .option('--category <name>', 'category instead of an HTS code')
    .option('--id <ref>', 'your reference for that import')
    .option('--origin <CC>', 'country of origin for rows without one', 'JP')
    .option('--mfn-rate <pct>', 'MFN rate in percent for rows without one')
    .option('--schedule <file>', 'your own schedule file')
    .option('-q, --quiet', 'no progress line on a terminal for long inputs')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--raw', "csv: leave group keys that start with = + - @ as they are (default: prefix a ')")
    .option('--range', 'per scenario, the lowest and highest total duty over the facts the lines did not give (see calc --range)')))
    .addHelpText('before', COMPARE_EXAMPLES)
    .addHelpText('after', COMPARE_AFTER)
    .action(async (file: string | undefined, opts: Record<string, unknown>) => {
      const { runCompare } = await import('./compare.js');
      setExit(await runCompare(file, opts, io));
    });

  program
    .command('timeline')
    .description('every date on which the effective rate of a good (or a basket) changes, and why')
    .argument('[file]', 'a basket CSV or .xlsx (value-weighted rate); omit for one good given by --hts or --category')
    .option('--hts <code>', 'HTS code of the good')
    .option('--category <name>', 'category of the good instead of an HTS code')
    .option('--mfn-rate <pct>', 'MFN rate in percent, overriding the MFN table')
    .option('--origin <CC>', 'country of origin', 'JP')
    .option('--from <YYYY-MM-DD>', "first date (default: the schedule's start)")
    .option('--to <YYYY-MM-DD>', "last date (default: the schedule's knownThrough)")
    .option('--sheet <name>', 'the sheet of an Excel workbook (.xlsx) FILE to read (default: the first)')
    .option('--scenarios <list>', 'comma-separated bundled scenarios (default: as-enacted)')
    .option('--scenario-file <file>', 'add your own scenario file (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--schedule <file>', 'your own schedule file')
    .option('--hts-table <file>', 'an MFN table from tariff hts import')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json']))
    .option('-q, --quiet', 'no progress line on a terminal while a long basket is read')
    .option('--no-color', 'no colour, even on a terminal')
    .addHelpText('before', `
Examples:
  $ tariff timeline --hts 8703.23.01
  $ tariff timeline --hts 8457.10.00 --scenarios as-enacted,no-deal --format json
  $ tariff timeline data/examples/japan-imports-2024.csv --from 2025-01-01
`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (file: string | undefined, opts: Record<string, unknown>) => {
      const { runTimeline } = await import('./timeline.js');
      setExit(await runTimeline(file, opts, io));
    });

  const hts = program.command('hts').description('official HTS data: import an export, show a line, search descriptions');
  hts
    .command('import')
    .description('read the USITC HTS JSON export and write an MFN table for --hts-table; rows left out are listed with the reason')
    .argument('<file>', 'the USITC export, e.g. hts_2026_revision_20_json.json')
    .requiredOption('--out <table>', 'the MFN table file to write, with NAME.lines.tsv and NAME.details.tsv next to it ("-": the table alone on stdout); not the input file')
    .option('--id <id>', 'id of the table (default: from the output file name)')
    .option('--as-of <text>', 'the HTS revision the export is (default: the input file name)')
    .addHelpText('before', `
Examples:
  $ tariff hts import hts_2026_revision_20_json.json --out data/mfn/hts-2026-r20.json
  $ tariff calc lines.csv --hts-table data/mfn/hts-2026-r20.json
`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (file: string, opts: { out: string; id?: string; asOf?: string }) => {
      const { runHtsImport } = await import('./hts-cmd.js');
      setExit(await runHtsImport(file, opts, io));
    });
  hts
    .command('show')
    .description('a line of the bundled HTS: General (MFN) rate, units, description, Special programs, and the measures that cover it on a date with the duty rate they add up to')
    .argument('<code>', 'an HTS code, e.g. 8457.10.00 (a heading such as 8456 lists its lines)')
    .option('--date <YYYY-MM-DD>', 'entry date; default: today')
    .option('--origin <CC>', 'country of origin', 'JP')
    .option('--hts-table <file>', 'a table written by tariff hts import, instead of the bundled HTS 2026 Rev. 10')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('before', `
Examples:
  $ tariff hts show 8457.10.00 --date 2026-03-02
  $ tariff hts show 8708.29.51 --date 2025-10-01 --format json
  $ tariff hts show 8456.11
`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (code: string, opts: { date?: string; origin?: string; format?: string; htsTable?: string }) => {
      const { runHtsShow } = await import('./hts-cmd.js');
      setExit(await runHtsShow(code, opts, io));
    });
  hts
    .command('search')
    .description('find lines of the bundled HTS by the words of their description (for when you do not know the code), best first')
    .argument('<words...>', 'words to look for, e.g. machining centers')
    .option('--limit <n>', 'how many lines to show', '20')
    .option('--hts-table <file>', 'a table written by tariff hts import, instead of the bundled HTS 2026 Rev. 10')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('before', `
Examples:
  $ tariff hts search machining centers
  $ tariff hts search lithium ion batteries --limit 5
`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (words: string[], opts: { limit?: string; format?: string; htsTable?: string }) => {
      const { runHtsSearch } = await import('./hts-cmd.js');
      setExit(await runHtsSearch(words, opts, io));
    });

  const schedule = program.command('schedule').description('list, show, validate and check schedules and scenarios');
  schedule
    .command('list')
    .description('bundled schedules and scenarios, with the date their evidence runs to')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'no colour (accepted for every command; this one prints none)')
    .action(async (opts: { format?: string }) => {
      const { runScheduleList } = await import('./schedule-cmd.js');
      setExit(await runScheduleList(io, opts));
    });
  schedule
    .command('show')
    .description('the measures of a schedule (or of a scenario applied to it): authority, scope, rate, window, citation, confidence; then the sources')
    .argument('[id]', 'us (default), a bundled scenario id, or your own scenario file (a path ending in .json)')
    .option('--schedule <file>', 'your own schedule file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'no colour (accepted for every command; this one prints none)')
    .action(async (id: string | undefined, opts: { schedule?: string; format?: string }) => {
      const { runScheduleShow } = await import('./schedule-cmd.js');
      setExit(await runScheduleShow(id, io, opts));
    });
  schedule
    .command('validate')
    .description('check a schedule, scenario, MFN table or fees file and print its problems: shape first, then references (exit 1 if any)')
    .argument('<file>', 'the JSON file')
    .option('--schedule <file>', 'the schedule a scenario file is checked against (default: the bundled one)')
    .option('--no-color', 'no colour (accepted for every command; this one prints none)')
    .action(async (file: string, opts: { schedule?: string }) => {
      const { runScheduleValidate } = await import('./schedule-cmd.js');
      setExit(await runScheduleValidate(file, io, opts));
    });
  schedule
    .command('check')
    .description("check the schedule's chapter 99 headings against an official USITC HTS export: each cited heading exists and its rate text agrees")
    .requiredOption('--hts <file>', 'the USITC HTS JSON export (.json or .json.gz)')
    .option('--schedule <file>', 'your own schedule file')
    .option('--revision <revision>', 'the export\'s HTS revision, e.g. "2026 Rev. 10" (default: from a file name like hts_2026_rev_10.json.gz)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('before', `
Examples:
  $ tariff schedule check --hts hts_2026_rev_10.json.gz
  $ tariff schedule check --hts export.json --revision "2026 Rev. 21" --format json
`)
    .addHelpText('after', `
A heading missing from the export is an error, unless the measure records (chapter99Added)
that a later revision created it. Headings that name an origin of the schedule but that no
measure cites are listed as information: some are deliberate (superseded, not modelled).

Exit codes:
  0   every cited heading is in the export and agrees with its measure (warnings allowed)
  1   a cited heading is missing or disagrees, or the export or schedule cannot be used
  2   usage error
  70  internal error in tariff (please report it)`)
    .action(async (opts: { hts: string; schedule?: string; revision?: string; format?: string }) => {
      const { runScheduleCheck } = await import('./schedule-check.js');
      setExit(await runScheduleCheck(io, opts));
    });

  program
    .command('mcp')
    .description('serve the calculator to AI assistants over stdio (Model Context Protocol): calc, compare, explain, timeline, schedule tools')
    .addHelpText('after', `
Configure your assistant to start it, e.g. in claude_desktop_config.json:
  { "mcpServers": { "tariff": { "command": "npx", "args": ["-y", "tariff-duties", "mcp"] } } }
`)
    .action(async () => {
      const { runMcp } = await import('./mcp.js');
      setExit(await runMcp(io, { main, localToday, version: VERSION }));
    });

  program
    .command('completion')
    .description('print a shell completion script: commands, options and their values')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', `
Examples:
  $ tariff completion bash > ~/.local/share/bash-completion/completions/tariff
  $ echo 'source <(tariff completion zsh)' >> ~/.zshrc
  $ tariff completion fish > ~/.config/fish/completions/tariff.fish
`)
    .action(async (shell: string) => {
      const { runCompletion } = await import('./completion.js');
      setExit(await runCompletion(shell, program, io));
    });

  return program;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // A reader that goes away (| head) ends the run quietly, help and version text included.
  // Any other write error (a full disk) is said once and ends the run with its own exit code.
  let writeFailed = false;
  io.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || writeFailed) return;
    writeFailed = true;
    io.stderr.write(`tariff: cannot write the output (${e.code ?? e.message})\n`);
  });
  const code = await run(argv, io);
  // A failed last write is reported on the next tick: let it arrive before choosing the exit code.
  await new Promise((resolve) => setImmediate(resolve));
  return writeFailed ? EXIT.output : code;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    if (!isCalendarDate(io.today)) throw new UsageError(`TARIFF_TODAY must be a date YYYY-MM-DD, got "${io.today}"`);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: CliIo): number {
  // Messages may quote the user's input (a header, a file name): shown with control characters escaped.
  const err = (s: string) => io.stderr.write(`tariff: ${displayText(s, { keepLines: true })}\n`);
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander has already printed the message
  }
  if (e instanceof UsageError) {
    err(e.message);
    if (e.hint) io.stderr.write(`  ${displayText(e.hint, { keepLines: true })}\n`);
    return EXIT.usage;
  }
  if (e instanceof UnknownScenarioError) {
    err(e.message);
    return EXIT.usage;
  }
  if (e instanceof DataFileError) {
    err(`${e.file}: ${e.issues.length === 1 ? 'a problem' : `${e.issues.length} problems`}`);
    for (const i of e.issues) io.stderr.write(`  ${displayText(formatPath(i.path))}: ${displayText(i.message, { keepLines: true })}\n`);
    return EXIT.rejected;
  }
  if (e instanceof InputError) {
    err(e.message);
    return EXIT.rejected;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  err('internal error; this is a bug in tariff. Please report it with the command you ran.');
  if (io.env.TARIFF_DEBUG) io.stderr.write(`${detail}\n`);
  else io.stderr.write(`  ${e instanceof Error ? e.message : String(e)} (set TARIFF_DEBUG=1 for details)\n`);
  return EXIT.internal;
}

/** Today's local date, YYYY-MM-DD: the default entry date. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
