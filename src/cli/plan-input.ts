/**
 * Where a command's rows come from: one import given by flags (--value with --hts or --category), a file, or
 * stdin. calc, explain and compare plan their input here.
 */
import { UsageError } from '../errors.js';
import { readHeader, readRow } from '../schema/row.js';
import { parseMoney } from '../values/money.js';
import type { InputSpec } from './input.js';
import { defaultMode, defaultOrigin } from './defaults.js';
import type { ImpactFlags } from './impact-setup.js';
import type { CliIo } from './io.js';

/** The flags planInput reads: one import's fields (its impact inputs among them) and where the rows come from. */
export interface InputFlags extends ImpactFlags {
  value?: string | undefined;
  hts?: string | undefined;
  category?: string | undefined;
  id?: string | undefined;
  quantity?: string | undefined;
  unit?: string | undefined;
  usContent?: string | undefined;
  metalValue?: string | undefined;
  loaded?: string | undefined;
  date?: string | undefined;
  on?: string | undefined;
  sheet?: string | undefined;
}

/** The flag of each input that an import given by flags checks as a usage error (the code is checked by the schedule). */
const FLAG_OF: Record<string, string> = {
  us_content: '--us-content',
  metal_value: '--metal-value',
  loaded: '--loaded',
  quantity: '--quantity',
  unit: '--unit',
  unit_price: '--unit-price',
  margin: '--margin',
  unit_cost: '--unit-cost',
  freight: '--freight',
  insurance: '--insurance',
  other_costs: '--other-costs',
};

/** The impact flags of one import and the columns they stand for. */
const IMPACT_FLAGS = [
  ['unitPrice', 'unit_price'],
  ['margin', 'margin'],
  ['unitCost', 'unit_cost'],
  ['freight', 'freight'],
  ['insurance', 'insurance'],
  ['otherCosts', 'other_costs'],
] as const;

/** The facts of one import that are no default of a file's rows, and the columns they stand for. */
const ONE_IMPORT_FLAGS = [
  ['id', 'id'],
  ['quantity', 'quantity'],
  ['unit', 'unit'],
  ['usContent', 'us_content'],
  ['metalValue', 'metal_value'],
  ['loaded', 'loaded'],
] as const;

/** Where the rows come from: flags (--value with --hts/--category), a file, or stdin. */
export function planInput(file: string | undefined, o: InputFlags, io: CliIo, command = 'calc'): InputSpec {
  const impactFlags = IMPACT_FLAGS.filter(([k]) => o[k] !== undefined);
  const single = o.value !== undefined || o.hts !== undefined || o.category !== undefined;
  if (single) return flagsInput(file, o, io, command, impactFlags);
  if (impactFlags.length > 0) {
    throw new UsageError(`${impactFlags.map(([, c]) => `--${c.replace('_', '-')}`).join(', ')} ${impactFlags.length === 1 ? 'is' : 'are'} for one import given by --value; in a file, give the ${impactFlags.length === 1 ? 'column' : 'columns'} ${impactFlags.map(([, c]) => c).join(', ')}`);
  }
  // The other facts of one import are no default of rows (unlike --spi, --transshipped, --auto-part): never dropped silently.
  const oneOnly = ONE_IMPORT_FLAGS.filter(([k]) => o[k] !== undefined);
  if (oneOnly.length > 0) {
    throw new UsageError(`${oneOnly.map(([, c]) => `--${c.replace('_', '-')}`).join(', ')} ${oneOnly.length === 1 ? 'is' : 'are'} for one import given by --value; in a file, give the ${oneOnly.length === 1 ? 'column' : 'columns'} ${oneOnly.map(([, c]) => c).join(', ')}`);
  }
  if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY) {
      throw new UsageError('no input: give a CSV FILE, pipe CSV on stdin, or use --value with --hts/--category', `see tariff ${command} --help`);
    }
    if (o.sheet !== undefined) throw new UsageError('--sheet is for an Excel workbook (.xlsx) given as FILE; stdin is read as CSV');
    return { kind: 'stdin' };
  }
  return o.sheet === undefined ? { kind: 'file', path: file } : { kind: 'file', path: file, sheet: o.sheet };
}

/** One import given by flags: its cells and header, checked as the row they make (a bad flag is a usage error). */
function flagsInput(file: string | undefined, o: InputFlags, io: CliIo, command: string, impactFlags: (typeof IMPACT_FLAGS)[number][]): InputSpec {
  if (file !== undefined) throw new UsageError('give either a FILE or --value with --hts/--category, not both');
  if (o.sheet !== undefined) throw new UsageError('--sheet names the sheet of an Excel workbook given as FILE');
  if (o.value === undefined) throw new UsageError('--value is required with --hts or --category', `e.g. tariff ${command} --value 45000 --hts 8703.24.01`);
  if (o.hts === undefined && o.category === undefined) {
    throw new UsageError('--value needs --hts CODE or --category NAME', `e.g. tariff ${command} --value 45000 --category vehicles`);
  }
  // A code decides the category: with both, one would be silently ignored.
  if (o.hts !== undefined && o.category !== undefined) throw new UsageError('give --hts CODE or --category NAME, not both (a code decides its category)');
  const money = parseMoney(o.value);
  if (!money.ok) throw new UsageError(`--value: ${money.reason}`);
  // Impact columns only when an impact flag is given: without them the import is read exactly as before.
  const header = readHeader(['value', 'hts', 'category', 'id', 'quantity', 'unit', 'us_content', 'metal_value', 'loaded', ...impactFlags.map(([, c]) => c)]);
  if (!header.ok) throw new Error(`invariant: ${header.problem.message}`);
  const cells = [o.value, o.hts ?? '', o.category ?? '', o.id ?? '', o.quantity ?? '', o.unit ?? '', o.usContent ?? '', o.metalValue ?? '', o.loaded ?? '', ...impactFlags.map(([k]) => o[k] ?? '')];
  // The flags of one import are checked as the row they make: a bad one is a usage error (exit 2), as a bad --value is.
  const checked = readRow(cells, null, header.header, { date: o.on ?? o.date ?? io.today, origin: defaultOrigin(), mfn: null, mode: defaultMode() });
  if (!checked.ok) {
    const flag = FLAG_OF[checked.issue.field];
    if (flag !== undefined) throw new UsageError(`${flag}: ${checked.issue.reason}`);
  }
  return { kind: 'flags', cells, header: header.header };
}
