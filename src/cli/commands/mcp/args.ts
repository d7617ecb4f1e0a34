/**
 * What the MCP tools share: the zod shapes of one import and of a few lines (the SDK derives the JSON Schema the
 * client sees from them), and how a tool's arguments become the command's flags.
 */
import { z } from 'zod';
import { defaultOrigin } from '../../defaults.js';
import type { ImportRow } from '../../in-memory.js';

/** Most lines one call may carry: an assistant's question, not a file (use the CLI for files). */
export const MAX_LINES = 1000;

export type Json = Record<string, unknown>;

export interface ToolDef<S extends z.ZodRawShape> {
  title: string;
  description: string;
  shape: S;
  /** The command line to run, and the CSV rows it reads on stdin (null: none). */
  argv(args: z.infer<z.ZodObject<S>>): { argv: string[]; rows: ImportRow[] | null };
  summary(doc: Json): string;
}

export const date = z.string().describe('a date YYYY-MM-DD');

const SPI_TEXT =
  'special program claimed (General Note 3(c)): JP (US-Japan), KR (KORUS), S or S+ (USMCA) price the line at its Special rate for the program; ' +
  'C (civil aircraft, any origin) also claims the civil aircraft exemptions of the lines their notes list';

/** Whether a good is an automobile part: the argument of every tool that takes a good (the CSV column auto_part, the flag --auto-part). */
export const AUTO_PART_TEXT = 'whether the good is a part of a passenger vehicle or light truck (note 33(f)): the Section 232 auto parts duty applies to such parts only';
export const autoPart = z.enum(['yes', 'no']);

/** The fields of one import, as the CSV columns and calc flags name them. */
const line = z
  .object({
    value: z.string().describe('customs value in US dollars, e.g. "45000" or "1500.00" (a string: money is exact)'),
    hts: z.string().optional().describe('HTS code, 4-10 digits, dots allowed, e.g. "8703.24.01"'),
    category: z.string().optional().describe('category instead of an HTS code (see the schedule_show tool)'),
    date: date.optional().describe('entry date YYYY-MM-DD'),
    origin: z.string().optional().describe(`ISO country of origin (default ${defaultOrigin()})`),
    id: z.string().optional().describe('your reference, copied to the result'),
    mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
    entry: z.string().optional().describe('customs entry the line belongs to: fees are per entry'),
    mode: z.string().optional().describe('ocean, air, truck or rail'),
    quantity: z.string().optional().describe('quantity, for specific MFN rates'),
    unit: z.string().optional().describe('unit of the quantity'),
    us_content: z.string().optional().describe('percent of the value that is US content'),
    metal_value: z.string().optional().describe('value of the steel/aluminum content in dollars'),
    loaded: date.optional().describe('date of loading, for the in-transit rules'),
    auto_part: autoPart.optional().describe(AUTO_PART_TEXT),
    spi: z.string().optional().describe(SPI_TEXT),
    transshipped: z.string().optional().describe('"yes" if the goods were found transshipped to evade duties'),
    unit_price: z.string().optional().describe('impact: selling price per unit before the added duties, in dollars (needs quantity)'),
    margin: z.string().optional().describe('impact: gross margin in percent of unit_price (or unit_cost)'),
    unit_cost: z.string().optional().describe('impact: cost per unit before the added duties, in dollars'),
    freight: z.string().optional().describe("impact: the line's freight in dollars, added to its landed cost"),
    insurance: z.string().optional().describe("impact: the line's insurance in dollars"),
    other_costs: z.string().optional().describe("impact: the line's other costs in dollars"),
  })
  .strict();

/** One import given by flags (as the CLI's --value, --hts ...). */
export const one = {
  value: z.string().optional().describe('customs value in US dollars of one import, e.g. "45000" (a string: money is exact)'),
  hts: z.string().optional().describe('HTS code of that import, e.g. "8703.24.01"'),
  category: z.string().optional().describe('category instead of an HTS code'),
  id: z.string().optional().describe('your reference for that import (one import; with lines, give it in each line)'),
  quantity: z.string().optional().describe('quantity, for specific MFN rates (e.g. kg) (one import; with lines, give it in each line)'),
  unit: z.string().optional().describe('unit of the quantity, checked against the rate (one import; with lines, give it in each line)'),
  us_content: z.string().optional().describe('percent of the value that is US content (one import; with lines, give it in each line)'),
  metal_value: z.string().optional().describe('value of the steel/aluminum content in dollars (one import; with lines, give it in each line)'),
  loaded: date.optional().describe('date of loading on the vessel (one import; with lines, give it in each line)'),
  auto_part: autoPart.optional().describe(`${AUTO_PART_TEXT} (with lines: for lines without their own auto_part)`),
  spi: z.string().optional().describe(`${SPI_TEXT} (with lines: for lines without their own spi)`),
  transshipped: z.boolean().optional().describe('the goods were found transshipped to evade duties (with lines: for lines without their own transshipped)'),
};

export const lines = z.array(line).min(1).max(MAX_LINES).optional().describe(`several imports (at most ${MAX_LINES}), instead of value/hts/category`);

export function flag(argv: string[], name: string, v: string | boolean | undefined): void {
  if (v === undefined || v === false) return;
  if (v === true) argv.push(name);
  else argv.push(name, v);
}

/** The one-import arguments and the calc flag each is: argument, flag. */
const IMPORT_FLAGS = [
  ['value', '--value'], ['hts', '--hts'], ['category', '--category'], ['id', '--id'], ['quantity', '--quantity'], ['unit', '--unit'],
  ['us_content', '--us-content'], ['metal_value', '--metal-value'], ['loaded', '--loaded'],
] as const;

/**
 * The arguments of one import that are also the default of lines that do not give them, as calc's --spi,
 * --transshipped and --auto-part are for rows without the column.
 */
function claimArgs(argv: string[], a: { spi?: string | undefined; transshipped?: boolean | undefined; auto_part?: string | undefined }): void {
  flag(argv, '--spi', a.spi);
  flag(argv, '--transshipped', a.transshipped);
  flag(argv, '--auto-part', a.auto_part);
}

/** The one-import flags, or the lines as CSV rows on stdin. */
export function importArgs(
  argv: string[],
  a: { lines?: ImportRow[] | undefined; spi?: string | undefined; transshipped?: boolean | undefined; auto_part?: string | undefined } & {
    [k in (typeof IMPORT_FLAGS)[number][0]]?: string | undefined;
  },
): ImportRow[] | null {
  claimArgs(argv, a);
  if (a.lines !== undefined) {
    if (a.value !== undefined || a.hts !== undefined || a.category !== undefined) throw new ToolArgumentError('give either lines or value with hts/category, not both');
    // The other facts of one import are no default of lines (calc takes them for one import only): never dropped silently.
    const oneOnly = IMPORT_FLAGS.filter(([key]) => a[key] !== undefined).map(([key]) => key);
    if (oneOnly.length > 0) {
      throw new ToolArgumentError(`${oneOnly.join(', ')} ${oneOnly.length === 1 ? 'is a fact' : 'are facts'} of one import, not a default of lines: with lines, give ${oneOnly.length === 1 ? 'it' : 'them'} as each line's field`);
    }
    argv.push('-');
    return a.lines;
  }
  for (const [key, name] of IMPORT_FLAGS) flag(argv, name, a[key]);
  if (a.value === undefined && a.hts === undefined && a.category === undefined) throw new ToolArgumentError('give value with hts or category (one import), or lines');
  return null;
}

export const money = (s: unknown) => `$${String(s)}`;

/** A tool's arguments that the command line cannot be given (a shape of the tool, not of the command). */
export class ToolArgumentError extends Error {}

/** Infers a tool's argument types from its shape; the server holds tools of every shape alike. */
export function tool<S extends z.ZodRawShape>(def: ToolDef<S>): ToolDef<z.ZodRawShape> {
  return def as unknown as ToolDef<z.ZodRawShape>;
}
