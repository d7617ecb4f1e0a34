/**
 * Every option of every command, declared once (nuxt/cli's `_shared.ts` is the model): an option set is a table of
 * flags, descriptions and defaults; program.ts gives each command the sets it takes, and each command's options
 * type is derived from the same table (`OptionsOf`), so a flag added here is typed in the command that reads it.
 *
 * An option whose help text differs between commands (what --origin is the default for, say) is declared once and
 * re-described with `described`, so the flag, its value and its default cannot drift apart.
 */
import { Option, type Command } from 'commander';
import { defaultOrigin } from './defaults.js';

export interface OptionDef {
  /** commander's flags: '--origin <CC>', '-q, --quiet', '--no-color'. */
  readonly flags: string;
  readonly description: string;
  readonly default?: string | boolean | readonly string[];
  readonly choices?: readonly string[];
  /** Repeatable: each use adds a value to a list (default []). */
  readonly repeat?: true;
  readonly required?: true;
}

/** The long flag's name: '-q, --quiet' -> 'quiet', '--mfn-rate <pct>' -> 'mfn-rate'. */
type LongOf<F extends string> = F extends `${string}--${infer L}` ? (L extends `${infer N} ${string}` ? N : L) : never;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/** The key commander stores an option under: '--no-fees' -> 'fees', '--mfn-rate' -> 'mfnRate'. */
type KeyOf<F extends string> = LongOf<F> extends `no-${infer N}` ? Camel<N> : Camel<LongOf<F>>;
type ValueOf<D extends OptionDef> = D extends { repeat: true } ? string[] : D['flags'] extends `${string}<${string}>` ? string : boolean;

/** The parsed options of a command that takes the option set `T`: every key optional, as a caller may leave any out. */
export type OptionsOf<T extends readonly OptionDef[]> = { [D in T[number] as KeyOf<D['flags']>]?: ValueOf<D> | undefined };

/** The same option with the help text of one command. */
export function described<D extends OptionDef>(d: D, description: string): D {
  return { ...d, description };
}

/** Adds the options to a command, in their order. */
export function addOptions(cmd: Command, defs: readonly OptionDef[]): Command {
  for (const d of defs) {
    const o = new Option(d.flags, d.description);
    if (d.choices !== undefined) o.choices(d.choices);
    if (d.repeat) o.argParser((v: string, prev: string[]) => [...prev, v]).default([]);
    else if (d.default !== undefined) o.default(d.default);
    if (d.required) o.makeOptionMandatory();
    cmd.addOption(o);
  }
  return cmd;
}

// size: declarative table
/** Options shared by several commands, by what they are about. */
export const OPT = {
  value: { flags: '--value <usd>', description: 'customs value in dollars, for one import' },
  hts: { flags: '--hts <code>', description: 'HTS code of that import' },
  category: { flags: '--category <name>', description: 'category instead of an HTS code' },
  id: { flags: '--id <ref>', description: 'your reference for that import' },
  date: { flags: '--date <YYYY-MM-DD>', description: 'entry date; default: today' },
  sheet: { flags: '--sheet <name>', description: 'the sheet of an Excel workbook (.xlsx) FILE to read (default: the first)' },
  origin: { flags: '--origin <CC>', description: 'country of origin', default: defaultOrigin() },
  mfnRate: { flags: '--mfn-rate <pct>', description: 'MFN rate in percent, overriding the MFN table' },
  scenario: { flags: '--scenario <name>', description: 'bundled scenario (default as-enacted)' },
  scenarioFile: { flags: '--scenario-file <file>', description: 'your own scenario file' },
  scenarioFiles: { flags: '--scenario-file <file>', description: 'add your own scenario file (repeatable)', repeat: true },
  schedule: { flags: '--schedule <file>', description: 'your own schedule file' },
  htsTable: { flags: '--hts-table <file>', description: 'an MFN table from tariff hts import' },
  out: { flags: '--out <file>', description: 'write the output to FILE instead of stdout (needed for --format xlsx or html on a terminal)' },
  noColor: { flags: '--no-color', description: 'no colour, even on a terminal' },
  noColorAccepted: { flags: '--no-color', description: 'no colour (accepted for every command; this one prints none)' },
  quiet: { flags: '-q, --quiet', description: 'no progress line on a terminal for long inputs' },
  range: { flags: '--range', description: 'per line and in total, the lowest and highest duty over the facts a line did not give (loading date, US content, metal value, special program, whether the good is an automobile part), and which give each end; table, csv or json' },
} as const satisfies Record<string, OptionDef>;

// size: declarative table
/** The inputs of one import beyond value and code, shared by calc, explain and compare. */
export const IMPORT_INPUTS = [
  { flags: '--us-content <pct>', description: 'percent of the value that is US content (a measure with a US-content rule then charges the non-US share only, from its threshold on: see explain)' },
  { flags: '--metal-value <usd>', description: 'value of the steel/aluminum content, for Section 232 derivatives' },
  { flags: '--loaded <YYYY-MM-DD>', description: 'date of loading on the vessel, for the in-transit rules' },
  {
    flags: '--auto-part <yes|no>',
    description:
      'whether the good is a part of a passenger vehicle or light truck (HTS ch. 99 U.S. note 33(f)), for the Section 232 auto parts duty on provisions such as 8471 that also hold other goods: for one import, and rows without an auto_part column',
  },
  { flags: '--quantity <n>', description: 'quantity, in the unit of a specific MFN rate (e.g. kg)' },
  { flags: '--unit <unit>', description: 'the unit of --quantity, checked against the rate' },
  { flags: '--hts-table <file>', description: 'an MFN table from tariff hts import, instead of the bundled HTS 2026 Rev. 10' },
] as const satisfies readonly OptionDef[];

// size: declarative table
/** Impact inputs of one import and the pass-through share (README "From duty to impact"), for calc and compare. */
export const IMPACT_INPUTS = [
  { flags: '--unit-price <usd>', description: 'selling price per unit before the added duties (needs --quantity: the units on the line)' },
  { flags: '--margin <pct>', description: 'gross margin in percent of that price (or --unit-cost)' },
  { flags: '--unit-cost <usd>', description: 'cost per unit before the added duties (instead of --margin)' },
  { flags: '--freight <usd>', description: 'freight of the line, added to its landed cost' },
  { flags: '--insurance <usd>', description: 'insurance of the line, added to its landed cost' },
  { flags: '--other-costs <usd>', description: 'other costs of the line, added to its landed cost' },
  { flags: '--pass-through <pct>', description: 'percent of the added duty passed on to the price (default: data/impact/pass-through.json, 100)' },
] as const satisfies readonly OptionDef[];
