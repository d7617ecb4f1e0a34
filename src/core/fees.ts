/**
 * Customs fees per entry: the Merchandise Processing Fee (a percentage of
 * value, computed per line, summed over the entry, then clamped to the fiscal
 * year's minimum and maximum) and the Harbor Maintenance Fee (a percentage of
 * value, ocean shipments only; an entry whose HMF is at most the de minimis
 * and that owes nothing else reports 0).
 */
import type { Fees } from '../schema/schedule.js';
import { applyRate, pctFromString, type Cents, type RateMicro } from './money.js';

export type Mode = 'ocean' | 'air' | 'truck' | 'rail';
export const MODES: readonly Mode[] = ['ocean', 'air', 'truck', 'rail'];

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
  date: string;
  mode: Mode;
  /** Set when lines of the entry disagree on date or mode. */
  mixed: boolean;
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
}

export function newEntry(entry: string, date: string, mode: Mode): EntrySums {
  return { entry, lines: 0, value: 0n, duty: 0n, mpfLines: 0n, hmfLines: 0n, date, mode, mixed: false };
}

/** Adds a line to its entry: per-line fee amounts, rounded half up, like the duties. */
export function addToEntry(rules: FeeRules, e: EntrySums, value: Cents, duty: Cents, date: string, mode: Mode): void {
  if (e.lines > 0 && (date !== e.date || mode !== e.mode)) e.mixed = true;
  e.lines++;
  e.value += value;
  e.duty += duty;
  e.mpfLines += applyRate(value, rules.mpfRate);
  // HMF follows each line's own mode: an ocean line pays it even in an entry whose first line came by air.
  if (rules.hmfModes.has(mode)) e.hmfLines += applyRate(value, rules.hmfRate);
}

export function entryFees(rules: FeeRules, e: EntrySums): EntryFees {
  const { year, note } = mpfYear(rules, e.date);
  const notes: string[] = [];
  if (note) notes.push(note);
  if (e.mixed) notes.push(`lines of entry ${e.entry} differ in date or mode: the first line's date (${e.date}) picks the MPF fiscal year; HMF follows each line's mode`);
  const mpf = e.mpfLines < year.min ? year.min : e.mpfLines > year.max ? year.max : e.mpfLines;
  // HMF de minimis: at most the threshold and no other fee, tax or duty on the entry (MPF always applies to a formal entry).
  const hmf = e.hmfLines <= rules.hmfDeMinimis && mpf === 0n && e.duty === 0n ? 0n : e.hmfLines;
  return { entry: e.entry, lines: e.lines, value: e.value, mode: e.mode, fiscalYear: year.fiscalYear, mpf, hmf, notes, yearNote: note, mixed: e.mixed };
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
  return { entry, lines: 1, value, mode, fiscalYear: year.fiscalYear, mpf, hmf, notes: note === null ? (NO_NOTES as string[]) : [note], yearNote: note, mixed: false };
}
