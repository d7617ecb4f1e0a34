/**
 * Which options each command takes, in the order its help lists them, and the options type each command reads,
 * derived from the same list (option-sets.ts).
 */
import { defaultCompareScenarios, defaultMode } from './defaults.js';
import { described, IMPACT_INPUTS, IMPORT_INPUTS, OPT, type OptionsOf } from './option-sets.js';

/** A special program claimed (General Note 3(c)): calc, explain and compare take it alike. */
const SPI_FLAG = { flags: '--spi <program>', description: "claim a special program for rows without an spi column: JP (US-Japan), KR (KORUS), S or S+ (USMCA, goods of CA/MX) apply the line's Special rate where the HTS lists it; C (civil aircraft, any origin) also claims the civil aircraft exemptions of the lines their notes list" } as const;
const TRANSSHIPPED_FLAG = { flags: '--transshipped', description: 'rows without a transshipped column were found transshipped to evade duties (the measures the schedule has for such goods apply; see tariff explain)' } as const;

// size: declarative table
export const CALC_OPTIONS = [
  OPT.value,
  described(OPT.hts, 'HTS code of that import, e.g. 8703.24.01'),
  described(OPT.category, 'category instead of an HTS code: vehicles, auto-parts, steel, aluminum, pharmaceuticals, general'),
  described(OPT.id, 'your reference for that import'),
  described(OPT.date, 'entry date (rows without a date use it too); default: today'),
  OPT.sheet,
  described(OPT.origin, 'country of origin (rows without an origin use it too)'),
  OPT.mfnRate,
  SPI_FLAG,
  TRANSSHIPPED_FLAG,
  described(OPT.scenario, 'bundled scenario: as-enacted (default), no-deal, full-revocation, … (see tariff schedule list)'),
  described(OPT.scenarioFile, 'your own scenario file (JSON; see data/scenarios/)'),
  described(OPT.schedule, 'your own schedule file instead of the bundled data/schedules/us.json'),
  { flags: '--format <format>', description: 'output format', choices: ['table', 'csv', 'json', 'ndjson', 'xlsx', 'html'] },
  OPT.out,
  { flags: '--limit <n>', description: 'most lines a table (or the html page) shows', default: '50' },
  described(OPT.noColor, 'no colour, even on a terminal (NO_COLOR is honoured too)'),
  described(OPT.quiet, 'no totals line and no progress line on stderr (warnings, errors and rejected rows still print)'),
  { flags: '--raw', description: "csv: leave cells of your own text that start with = + - @ tab or CR as they are (default: prefix a ' so spreadsheets do not run them)" },
  { flags: '--explain', description: 'for each line, every measure considered, whether it applied and why, with its citation' },
  { flags: '--mode <mode>', description: 'mode of transport for rows without a mode column: ocean, air, truck, rail (HMF is for ocean only)', default: defaultMode() },
  { flags: '--no-fees', description: 'leave out the customs fees (MPF, HMF)' },
  { flags: '--refunds', description: 'list only the lines with duty that can be claimed back (measures the schedule marks refundable, each with its reason); totals cover every line' },
  OPT.range,
  ...IMPORT_INPUTS,
  ...IMPACT_INPUTS,
] as const;
export type CalcOptions = OptionsOf<typeof CALC_OPTIONS>;

// size: declarative table
export const EXPLAIN_OPTIONS = [
  { ...OPT.value, description: 'customs value in dollars', required: true },
  described(OPT.hts, 'HTS code, e.g. 8703.24.01'),
  OPT.category,
  OPT.date,
  OPT.origin,
  OPT.mfnRate,
  described(SPI_FLAG, "claim a special program, as in calc: JP, KR, S or S+ price the line at its Special rate for the program; C (civil aircraft) also claims the exemptions of the lines their notes list; each measure lifted or kept says why"),
  described(TRANSSHIPPED_FLAG, 'the import was found transshipped to evade duties, as in calc'),
  OPT.scenario,
  OPT.scenarioFile,
  OPT.schedule,
  { flags: '--format <format>', description: 'output format', choices: ['table', 'csv', 'json', 'ndjson'], default: 'table' },
  OPT.noColor,
  ...IMPORT_INPUTS,
] as const;

// size: declarative table
export const COMPARE_OPTIONS = [
  { flags: '--scenarios <list>', description: `comma-separated bundled scenarios; the first is the baseline (default: ${defaultCompareScenarios().join(',')})` },
  described(OPT.scenarioFiles, 'add your own scenario file after the named ones (repeatable)'),
  { flags: '--origins <list>', description: 'where to source: the same rows priced as if from each origin (comma-separated ISO codes, the first is the baseline), under one scenario; the cheapest is marked' },
  described(OPT.date, 'entry date of rows without one, as in calc; default: today'),
  { flags: '--on <YYYY-MM-DD>', description: "evaluate every row on this entry date, ignoring the input's dates (what if these flows entered on D)" },
  OPT.sheet,
  { flags: '--by <group>', description: 'group by category, hts, measure, id or origin', default: 'category' },
  { flags: '--per <period>', description: 'treat values as annual flows; show run rates per year, month, day or hour (a year is 365 days)' },
  { flags: '--format <format>', description: 'output format (default: table on a terminal, csv otherwise; xlsx or html for an --out file so named)', choices: ['table', 'csv', 'json', 'markdown', 'xlsx', 'html'] },
  OPT.out,
  OPT.value,
  OPT.hts,
  OPT.category,
  OPT.id,
  described(OPT.origin, 'country of origin for rows without one'),
  described(OPT.mfnRate, 'MFN rate in percent for rows without one'),
  SPI_FLAG,
  TRANSSHIPPED_FLAG,
  OPT.schedule,
  OPT.quiet,
  OPT.noColor,
  { flags: '--raw', description: "csv: leave group keys that start with = + - @ as they are (default: prefix a ')" },
  described(OPT.range, 'per scenario, the lowest and highest total duty over the facts the lines did not give (see calc --range)'),
  ...IMPORT_INPUTS,
  ...IMPACT_INPUTS,
] as const;
export type CompareOptions = OptionsOf<typeof COMPARE_OPTIONS>;

// size: declarative table
export const TIMELINE_OPTIONS = [
  described(OPT.hts, 'HTS code of the good'),
  described(OPT.category, 'category of the good instead of an HTS code'),
  OPT.mfnRate,
  OPT.origin,
  { flags: '--auto-part <yes|no>', description: 'whether the good is a part of a passenger vehicle or light truck (note 33(f)): for --hts, and basket rows without an auto_part column' },
  { flags: '--spi <program>', description: 'claim a special program for the good (or for basket rows without an spi column), as in calc: the rates the claim gives on each date' },
  described(TRANSSHIPPED_FLAG, 'the good (or basket rows without a transshipped column) was found transshipped to evade duties, as in calc'),
  { flags: '--from <YYYY-MM-DD>', description: "first date (default: the schedule's start)" },
  { flags: '--to <YYYY-MM-DD>', description: "last date (default: the schedule's knownThrough)" },
  OPT.sheet,
  { flags: '--scenarios <list>', description: 'comma-separated bundled scenarios (default: as-enacted)' },
  OPT.scenarioFiles,
  OPT.schedule,
  OPT.htsTable,
  { flags: '--format <format>', description: 'output format (default: table on a terminal, csv otherwise)', choices: ['table', 'csv', 'json'] },
  described(OPT.quiet, 'no progress line on a terminal while a long basket is read'),
  OPT.noColor,
] as const;
export type TimelineOptions = OptionsOf<typeof TIMELINE_OPTIONS>;

const HTS_TABLE_BUNDLED = described(OPT.htsTable, 'a table written by tariff hts import, instead of the bundled HTS 2026 Rev. 10');

export const HTS_IMPORT_OPTIONS = [
  { flags: '--out <table>', description: 'the MFN table file to write, with NAME.lines.tsv and NAME.details.tsv next to it ("-": the table alone on stdout); not the input file', required: true },
  { flags: '--id <id>', description: 'id of the table (default: from the output file name)' },
  { flags: '--as-of <text>', description: 'the HTS revision the export is (default: the input file name)' },
] as const;
export type HtsImportOptions = OptionsOf<typeof HTS_IMPORT_OPTIONS>;

export const HTS_SHOW_OPTIONS = [
  OPT.date,
  OPT.origin,
  described(SPI_FLAG, 'the measures as they apply to goods claiming this special program (JP, KR, S, S+, C), as in calc'),
  { flags: '--auto-part <yes|no>', description: 'the measures as they apply to a good that is (yes) or is not (no) a part of a passenger vehicle or light truck (note 33(f)), as in calc' },
  described(TRANSSHIPPED_FLAG, 'the measures as they apply to goods found transshipped to evade duties, as in calc'),
  HTS_TABLE_BUNDLED,
  { flags: '--format <format>', description: 'output format', choices: ['table', 'json'], default: 'table' },
] as const;
export type HtsShowOptions = OptionsOf<typeof HTS_SHOW_OPTIONS>;

export const HTS_SEARCH_OPTIONS = [
  { flags: '--limit <n>', description: 'how many lines to show', default: '20' },
  HTS_TABLE_BUNDLED,
  { flags: '--format <format>', description: 'output format', choices: ['table', 'json'], default: 'table' },
] as const;
export type HtsSearchOptions = OptionsOf<typeof HTS_SEARCH_OPTIONS>;

const TABLE_OR_JSON = { flags: '--format <format>', description: 'output format', choices: ['table', 'json'], default: 'table' } as const;
export const SCHEDULE_LIST_OPTIONS = [TABLE_OR_JSON, OPT.noColorAccepted] as const;
export const SCHEDULE_SHOW_OPTIONS = [OPT.schedule, TABLE_OR_JSON, OPT.noColorAccepted] as const;
export const SCHEDULE_VALIDATE_OPTIONS = [
  described(OPT.schedule, 'the schedule a scenario file is checked against (default: the bundled one)'),
  OPT.noColorAccepted,
] as const;
export const SCHEDULE_CHECK_OPTIONS = [
  { flags: '--hts <file>', description: 'the USITC HTS JSON export (.json or .json.gz)', required: true },
  OPT.schedule,
  { flags: '--revision <revision>', description: 'the export\'s HTS revision, e.g. "2026 Rev. 10" (default: from a file name like hts_2026_rev_10.json.gz)' },
  { flags: '--format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
] as const;
export type ScheduleOptions = OptionsOf<typeof SCHEDULE_SHOW_OPTIONS>;
export type ScheduleCheckOptions = OptionsOf<typeof SCHEDULE_CHECK_OPTIONS>;
