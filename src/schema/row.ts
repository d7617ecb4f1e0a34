/**
 * Input rows: what a user writes (a CSV header and string cells, or flags)
 * and the typed row the core computes on.
 *
 * Rows are checked with hand-written strict patterns rather than zod: this is
 * the per-row hot path of files with millions of lines, and every check here
 * is a single regular expression or lookup. Schedules and scenarios, read
 * once, go through zod (schedule.ts).
 */
import { MODES, type Mode } from '../values/modes.js';
import { normalizeHts } from '../values/hts.js';
import { parseMoney, parsePct, parseQuantity, type Cents, type RateMicro } from '../values/money.js';
import { isCalendarDate } from '../values/dates.js';
import type { ImpactInput } from './impact-row.js';
import { IMPACT_FIELDS, readImpact } from './impact-row.js';

/** Recognised columns and the header names (case-insensitive) that mean them. */
export const COLUMN_ALIASES = {
  value: ['value', 'value_usd', 'customs_value'],
  hts: ['hts', 'hts_code'],
  category: ['category'],
  date: ['date', 'entry_date'],
  origin: ['origin'],
  mfn_rate: ['mfn_rate'],
  id: ['id'],
  entry: ['entry', 'entry_number'],
  mode: ['mode'],
  quantity: ['quantity', 'qty'],
  unit: ['unit'],
  us_content: ['us_content'],
  metal_value: ['metal_value'],
  loaded: ['loaded', 'loading_date'],
  spi: ['spi', 'special_program'],
  unit_price: ['unit_price'],
  margin: ['margin'],
  unit_cost: ['unit_cost'],
  freight: ['freight'],
  insurance: ['insurance'],
  other_costs: ['other_costs'],
  transshipped: ['transshipped', 'transshipment'],
  auto_part: ['auto_part'],
} as const;

export type Field = keyof typeof COLUMN_ALIASES;

export interface HeaderMap {
  /** Header names as written, trimmed (BOM removed). */
  names: string[];
  /** Index of each recognised column, when present. */
  index: Partial<Record<Field, number>>;
  /** Indexes of the columns passed through to the output. */
  passthrough: number[];
  /** An impact column (unit_price, margin, unit_cost, freight, insurance, other_costs) is present: see impact-row.ts. */
  impact?: boolean;
}

export interface HeaderProblem {
  column: string | null;
  message: string;
}

export function readHeader(cells: string[]): { ok: true; header: HeaderMap } | { ok: false; problem: HeaderProblem } {
  const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const index: Partial<Record<Field, number>> = {};
  const passthrough: number[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const lower = names[i]!.toLowerCase();
    if (lower === '') return { ok: false, problem: { column: null, message: `column ${i + 1} of the header has no name` } };
    if (seen.has(lower)) {
      return { ok: false, problem: { column: names[i]!, message: `column "${names[i]}" appears twice in the header (columns ${seen.get(lower)! + 1} and ${i + 1})` } };
    }
    seen.set(lower, i);
    const field = (Object.keys(COLUMN_ALIASES) as Field[]).find((f) => (COLUMN_ALIASES[f] as readonly string[]).includes(lower));
    if (field === undefined) {
      passthrough.push(i);
      continue;
    }
    if (index[field] !== undefined) {
      return {
        ok: false,
        problem: { column: names[i]!, message: `columns "${names[index[field]!]}" and "${names[i]}" both give ${field}; keep one` },
      };
    }
    index[field] = i;
  }
  if (index.value === undefined) {
    return {
      ok: false,
      problem: { column: null, message: `no value column; the header needs one of ${COLUMN_ALIASES.value.join(', ')} (found: ${names.join(', ')})` },
    };
  }
  if (index.hts === undefined && index.category === undefined) {
    return { ok: false, problem: { column: null, message: `no hts or category column; the header needs at least one (found: ${names.join(', ')})` } };
  }
  const header: HeaderMap = { names, index, passthrough };
  if (IMPACT_FIELDS.some((f) => index[f] !== undefined)) header.impact = true;
  return { ok: true, header };
}

/** A row ready for the core. */
export interface Row {
  line: number | null;
  id: string | null;
  /** Normalised HTS digits, or null. */
  hts: string | null;
  category: string | null;
  origin: string;
  date: string;
  value: Cents;
  mfn: RateMicro | null;
  /** The customs entry the line belongs to (null: the line is an entry of its own). */
  entry: string | null;
  mode: Mode;
  /** Quantity in millionths of its unit, for specific MFN rates (null when not given). */
  quantity: bigint | null;
  /** The unit the quantity is in, when the row says. */
  unit: string | null;
  /** Percent of the value that is US content, in micro-percent (null: not given). */
  usContent: RateMicro | null;
  /** Value of the steel/aluminum content, in cents (null: not given). */
  metalValue: Cents | null;
  hasMetalValue: boolean;
  /** Date of loading on the vessel (null: not given). */
  loaded: string | null;
  /** Special program indicator claimed (General Note 3(c)), upper case, e.g. "JP" (null: none). */
  spi: string | null;
  /** Impact inputs (unit price, margin or unit cost, freight, insurance, other costs); null: no impact column. */
  impact: ImpactInput | null;
  /** Found transshipped to evade duties (EO 14326 s.3): yes/no, default --transshipped. */
  transshipped: boolean;
  /** A part of a passenger vehicle or light truck (U.S. note 33(f)): yes/no, default --auto-part; null: not given. */
  autoPart: boolean | null;
}

export interface RowDefaults {
  date: string;
  origin: string;
  mfn: RateMicro | null;
  mode: Mode;
  /** Special program indicator for rows without an spi cell (the --spi flag). */
  spi?: string | null;
  /** Transshipped, for rows without a transshipped cell (the --transshipped flag). */
  transshipped?: boolean;
  /** auto_part, for rows without an auto_part cell (the --auto-part flag); null or absent: not given. */
  autoPart?: boolean | null;
}

export interface RowIssue {
  line: number | null;
  /** The column as the user named it (or the flag). */
  field: string;
  reason: string;
}

const ORIGIN = /^[A-Za-z]{2}$/;
/** A special program indicator of the column 1 Special column: "JP", "A+", "A*", "S+". */
export const SPI = /^[A-Za-z]{1,2}[+*]?$/;
const YES_NO: ReadonlyMap<string, boolean> = new Map([['yes', true], ['y', true], ['true', true], ['1', true], ['no', false], ['n', false], ['false', false], ['0', false]]);

/** Files repeat a few codes and dates over many rows: a check of a cell is memoised per distinct cell (bounded). */
function memoised<T extends NonNullable<unknown> | null>(check: (cell: string) => T): (cell: string) => T {
  const memo = new Map<string, T>();
  return (cell) => {
    const hit = memo.get(cell); // T is never undefined: one lookup is enough
    if (hit !== undefined) return hit;
    const v = check(cell);
    if (memo.size < 50_000) memo.set(cell, v);
    return v;
  };
}
const htsOf = memoised(normalizeHts);
const isDate = memoised(isCalendarDate);
/** Percent cells (mfn_rate, us_content) repeat too; a result is plain data, never changed by its users. */
const pctOf = memoised(parsePct);

/** A cell, trimmed; '' when the column is absent. */
function cellAt(cells: string[], i: number | undefined): string {
  return i === undefined ? '' : cells[i]!.trim();
}

/** A rejected row: the column as the user named it, and why. */
function failAt(line: number | null, header: HeaderMap, f: Field, reason: string): { ok: false; issue: RowIssue } {
  const i = header.index[f];
  return { ok: false, issue: { line, field: (i === undefined ? undefined : header.names[i]) ?? f, reason } };
}

/** Checks one record against the header. Never throws; every record becomes a Row or a RowIssue. */
export function readRow(cells: string[], line: number | null, header: HeaderMap, defaults: RowDefaults): { ok: true; row: Row } | { ok: false; issue: RowIssue } {
  const n = header.names.length;
  if (cells.length !== n) {
    return {
      ok: false,
      issue: { line, field: '(row)', reason: `expected ${n} fields as in the header, got ${cells.length}` },
    };
  }
  const index = header.index;

  const money = parseMoney(cellAt(cells, index.value));
  if (!money.ok) return failAt(line, header, 'value', money.reason);

  let hts: string | null = null;
  const htsCell = cellAt(cells, index.hts);
  if (htsCell !== '') {
    hts = htsOf(htsCell);
    if (hts === null) return failAt(line, header, 'hts', `expected an HTS code of 4 to 10 digits, dots allowed (e.g. 8703.23.01), got "${htsCell}"`);
  }
  const categoryCell = cellAt(cells, index.category).toLowerCase();
  const category = categoryCell === '' ? null : categoryCell;
  if (hts === null && category === null) {
    return failAt(line, header, index.hts !== undefined ? 'hts' : 'category', 'empty; give an HTS code or a category');
  }

  let date = defaults.date;
  const dateCell = cellAt(cells, index.date);
  if (dateCell !== '') {
    if (!isDate(dateCell)) return failAt(line, header, 'date', `expected a calendar date YYYY-MM-DD, got "${dateCell}"`);
    date = dateCell;
  }

  let origin = defaults.origin;
  const originCell = cellAt(cells, index.origin);
  if (originCell !== '') {
    if (!ORIGIN.test(originCell)) return failAt(line, header, 'origin', `expected a two-letter ISO country code like JP, got "${originCell}"`);
    origin = originCell.toUpperCase();
  }

  let mfn = defaults.mfn;
  const mfnCell = cellAt(cells, index.mfn_rate);
  if (mfnCell !== '') {
    const r = pctOf(mfnCell);
    if (!r.ok) return failAt(line, header, 'mfn_rate', r.reason);
    mfn = r.value;
  }

  let mode = defaults.mode;
  const modeCell = cellAt(cells, index.mode).toLowerCase();
  if (modeCell !== '') {
    if (!(MODES as readonly string[]).includes(modeCell)) return failAt(line, header, 'mode', `expected one of ${MODES.join(', ')}, got "${cellAt(cells, index.mode)}"`);
    mode = modeCell as Mode;
  }

  let quantity: bigint | null = null;
  const quantityCell = cellAt(cells, index.quantity);
  if (quantityCell !== '') {
    quantity = parseQuantity(quantityCell);
    if (quantity === null) return failAt(line, header, 'quantity', `expected a quantity like 120 or 12.5 (no sign, at most 6 decimals), got "${quantityCell}"`);
  }
  const unitCell = cellAt(cells, index.unit);

  let usContent: RateMicro | null = null;
  const usCell = cellAt(cells, index.us_content);
  if (usCell !== '') {
    const r = pctOf(usCell);
    if (!r.ok) return failAt(line, header, 'us_content', r.reason);
    if (r.value > 100_000_000n) return failAt(line, header, 'us_content', `a share of the value is at most 100 (percent), got "${usCell}"`);
    usContent = r.value;
  }

  let metalValue: Cents | null = null;
  const metalCell = cellAt(cells, index.metal_value);
  if (metalCell !== '') {
    const r = parseMoney(metalCell);
    if (!r.ok) return failAt(line, header, 'metal_value', r.reason);
    if (r.value > money.value) return failAt(line, header, 'metal_value', `the metal value (${metalCell}) is more than the value of the goods`);
    metalValue = r.value;
  }

  let loaded: string | null = null;
  const loadedCell = cellAt(cells, index.loaded);
  if (loadedCell !== '') {
    if (!isDate(loadedCell)) return failAt(line, header, 'loaded', `expected a calendar date YYYY-MM-DD, got "${loadedCell}"`);
    if (loadedCell > date) return failAt(line, header, 'loaded', `loaded on ${loadedCell}, after the entry date ${date}`);
    loaded = loadedCell;
  }

  let spi = defaults.spi ?? null;
  const spiCell = cellAt(cells, index.spi);
  if (spiCell !== '') {
    if (!SPI.test(spiCell)) return failAt(line, header, 'spi', `expected a special program indicator like JP (1-2 letters, + or * allowed), got "${spiCell}"`);
    spi = spiCell.toUpperCase();
  }

  // Impact columns are read only when the header has one: a file without them pays one property test per row.
  let impact: ImpactInput | null = null;
  if (header.impact === true) {
    const r = readImpact(cells, header, quantity);
    if (!r.ok) return failAt(line, header, r.field, r.reason);
    impact = r.value;
  }
  let transshipped = defaults.transshipped ?? false;
  const tCell = cellAt(cells, index.transshipped);
  if (tCell !== '') {
    const yes = YES_NO.get(tCell.toLowerCase());
    if (yes === undefined) return failAt(line, header, 'transshipped', `expected yes or no (also true/false, y/n, 1/0), got "${tCell}"`);
    transshipped = yes;
  }
  let autoPart = defaults.autoPart ?? null;
  const apCell = cellAt(cells, index.auto_part);
  if (apCell !== '') {
    const yes = YES_NO.get(apCell.toLowerCase());
    if (yes === undefined) return failAt(line, header, 'auto_part', `expected yes or no (a part of a passenger vehicle or light truck; also true/false, y/n, 1/0), got "${apCell}"`);
    autoPart = yes;
  }

  const idCell = index.id === undefined ? '' : cells[index.id]!;
  const entryCell = cellAt(cells, index.entry);
  return {
    ok: true,
    row: { line, id: idCell === '' ? null : idCell, hts, category, origin, date, value: money.value, mfn, entry: entryCell === '' ? null : entryCell, mode, quantity, unit: unitCell === '' ? null : unitCell, usContent, metalValue, hasMetalValue: metalValue !== null, loaded, spi, transshipped, autoPart, impact },
  };
}
