/**
 * Customs fees per entry: the Merchandise Processing Fee (a percentage of
 * value, computed per line, summed over the entry, then clamped to the fiscal
 * year's minimum and maximum) and the Harbor Maintenance Fee (a percentage of
 * value, ocean shipments only; an entry whose HMF is at most the de minimis
 * and that owes nothing else reports 0).
 */
import type { Fees } from '../schema/schedule.js';
import { applyRate, pctFromString, type Cents, type RateMicro } from '../values/money.js';

import type { Mode } from '../values/modes.js';

export { MODES, type Mode } from '../values/modes.js';

export interface FeeYear {
  fiscalYear: string;
  from: string;
  to: string;
  min: Cents;
  max: Cents;
}

export interface FeeRules {
  id: string;
  mpfRate: RateMicro;
  years: FeeYear[];
  hmfRate: RateMicro;
  hmfModes: ReadonlySet<Mode>;
  hmfDeMinimis: Cents;
  /** Memo of mpfYear. */
  yearOfDate: Map<string, { year: FeeYear; note: string | null }>;
}

const centsOf = (money: string): Cents => BigInt(money.replace('.', ''));

export function compileFees(f: Fees): FeeRules {
  return {
    id: f.id,
    mpfRate: pctFromString(f.mpf.pct),
    years: [...f.mpf.years]
      .sort((a, b) => (a.from < b.from ? -1 : 1))
      .map((y) => ({ fiscalYear: y.fiscalYear, from: y.from, to: y.to, min: centsOf(y.min), max: centsOf(y.max) })),
    hmfRate: pctFromString(f.hmf.pct),
    hmfModes: new Set(f.hmf.modes),
    hmfDeMinimis: centsOf(f.hmf.deMinimis),
    yearOfDate: new Map(),
  };
}

/** The fiscal year's limits for an entry date; beyond the last known year, that year's, with a note. Memoised per date. */
export function mpfYear(rules: FeeRules, date: string): { year: FeeYear; note: string | null } {
  let hit = rules.yearOfDate.get(date);
  if (hit === undefined) {
    hit = findYear(rules, date);
    if (rules.yearOfDate.size < 10_000) rules.yearOfDate.set(date, hit);
  }
  return hit;
}

function findYear(rules: FeeRules, date: string): { year: FeeYear; note: string | null } {
  const hit = rules.years.find((y) => date >= y.from && date < y.to);
  if (hit) return { year: hit, note: null };
  const last = rules.years[rules.years.length - 1]!;
  const first = rules.years[0]!;
  if (date >= last.to) {
    return { year: last, note: `MPF limits for entries from ${last.to} are not in the data (UNCONFIRMED): used ${last.fiscalYear}'s` };
  }
  return { year: first, note: `MPF limits for entries before ${first.from} are not in the data: used ${first.fiscalYear}'s` };
}

/** One entry's running sums while its lines stream in. */
export interface EntrySums {
  entry: string;
  lines: number;
  value: Cents;
  duty: Cents;
  /** Sum of the per-line MPF amounts, before clamping. */
  mpfLines: Cents;
  hmfLines: Cents;
  /** The entry date of its first line (computed or rejected); '' while only rejected lines without a valid date are seen. */
  date: string;
  mode: Mode;
  /** Date and mode of the first computed line ('' before one): later lines are compared with them (`mixed`). */
  lineDate: string;
  lineMode: Mode;
  /** Set when computed lines of the entry disagree on date or mode among themselves. */
  mixed: boolean;
  /** Lines of the entry that were rejected: its fees then cover only the computed lines. */
  rejected: number;
}

export interface EntryFees {
  entry: string;
  lines: number;
  value: Cents;
  mode: Mode;
  fiscalYear: string;
  mpf: Cents;
  hmf: Cents;
  notes: string[];
  /** Set when the date is outside the fiscal years in the data (the note says which year's limits were used). */
  yearNote: string | null;
  /** Lines of the entry differ in date or mode. */
  mixed: boolean;
  /** Lines of the entry that were rejected (0 for a line that is an entry of its own). */
  rejected: number;
}

export function newEntry(entry: string, date: string, mode: Mode): EntrySums {
  return { entry, lines: 0, value: 0n, duty: 0n, mpfLines: 0n, hmfLines: 0n, date, mode, lineDate: '', lineMode: mode, mixed: false, rejected: 0 };
}

/**
 * A rejected line of an entry: counted. When it is the entry's first line, its date (if valid) picks the fiscal
 * year, as the first line's date does (README, fees); `date` is '' when the line has no valid date.
 */
export function addRejectedToEntry(e: EntrySums, date: string, mode: Mode): void {
  if (e.date === '') {
    e.date = date;
    e.mode = mode;
  }
  e.rejected++;
}

/** Adds a line to its entry: per-line fee amounts, rounded half up, like the duties. */
export function addToEntry(rules: FeeRules, e: EntrySums, value: Cents, duty: Cents, date: string, mode: Mode): void {
  if (e.date === '') {
    // Only rejected lines without a valid date came before: this is the first line with a date.
    e.date = date;
    e.mode = mode;
  }
  if (e.lineDate === '') {
    e.lineDate = date;
    e.lineMode = mode;
  } else if (date !== e.lineDate || mode !== e.lineMode) e.mixed = true;
  e.lines++;
  e.value += value;
  e.duty += duty;
  e.mpfLines += applyRate(value, rules.mpfRate);
  // HMF follows each line's own mode: an ocean line pays it even in an entry whose first line came by air.
  if (rules.hmfModes.has(mode)) e.hmfLines += applyRate(value, rules.hmfRate);
}

export function entryFees(rules: FeeRules, e: EntrySums): EntryFees {
  if (e.lines === 0) {
    // Every line rejected: no fee is computed from nothing.
    const fiscalYear = e.date === '' ? '' : mpfYear(rules, e.date).year.fiscalYear;
    const notes = [`no line of entry ${e.entry} could be computed (${e.rejected} rejected): its fees are not computed`];
    return { entry: e.entry, lines: 0, value: 0n, mode: e.mode, fiscalYear, mpf: 0n, hmf: 0n, notes, yearNote: null, mixed: false, rejected: e.rejected };
  }
  const { year, note } = mpfYear(rules, e.date);
  const notes: string[] = [];
  if (note) notes.push(note);
  const mixed = e.mixed || e.lineDate !== e.date || e.lineMode !== e.mode;
  if (e.rejected > 0) {
    notes.push(`entry ${e.entry}: ${e.rejected} of its ${e.lines + e.rejected} lines rejected: its fees cover only the ${e.lines} computed (MPF is per entry, so they are incomplete)`);
  }
  if (mixed) notes.push(`lines of entry ${e.entry} differ in date or mode: the first line's date (${e.date}) picks the MPF fiscal year; HMF follows each line's mode`);
  const mpf = e.mpfLines < year.min ? year.min : e.mpfLines > year.max ? year.max : e.mpfLines;
  // HMF de minimis: at most the threshold and no other fee, tax or duty on the entry (MPF always applies to a formal entry).
  const hmf = e.hmfLines <= rules.hmfDeMinimis && mpf === 0n && e.duty === 0n ? 0n : e.hmfLines;
  return { entry: e.entry, lines: e.lines, value: e.value, mode: e.mode, fiscalYear: year.fiscalYear, mpf, hmf, notes, yearNote: note, mixed, rejected: e.rejected };
}

const NO_NOTES: readonly string[] = [];

/**
 * The fees of a line that is an entry of its own: the same rules as entryFees
 * on a one-line entry, without the bookkeeping (this is the per-row path).
 */
export function ownEntryFees(rules: FeeRules, entry: string, value: Cents, duty: Cents, date: string, mode: Mode): EntryFees {
  const { year, note } = mpfYear(rules, date);
  const mpfLine = applyRate(value, rules.mpfRate);
  const mpf = mpfLine < year.min ? year.min : mpfLine > year.max ? year.max : mpfLine;
  const hmfLine = rules.hmfModes.has(mode) ? applyRate(value, rules.hmfRate) : 0n;
  const hmf = hmfLine <= rules.hmfDeMinimis && mpf === 0n && duty === 0n ? 0n : hmfLine;
  return { entry, lines: 1, value, mode, fiscalYear: year.fiscalYear, mpf, hmf, notes: note === null ? (NO_NOTES as string[]) : [note], yearNote: note, mixed: false, rejected: 0 };
}
