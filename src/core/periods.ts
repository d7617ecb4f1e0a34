/**
 * Periods of entry dates: the dates on which a plan can change split the calendar into periods within which every
 * date resolves alike (the Resolver keys its memo by period), and the classes of a loading date or US share by the
 * cut-offs the law sets for them.
 */
import { nextDay } from '../values/dates.js';
import type { CompiledMeasure, Engine } from './compile.js';

/**
 * 0 when not given, else 1 + how many of the ascending cut-offs are on or before the value: an in-transit rule
 * applies when loaded < loadedBefore, a US-content rule when the share >= its threshold, so values between two
 * cut-offs resolve alike. Given differs from not given even where no cut-off counts (the notes say what is used).
 */
export function classOf<T extends string | bigint>(value: T | null, cuts: readonly T[]): number {
  if (value === null) return 0;
  let n = 0;
  while (n < cuts.length && cuts[n]! <= value) n++;
  return n + 1;
}

/** The dates on which a plan can change: evidence dates, the measures' windows and in-transit deadlines, list amendments. */
export function boundaries(engine: Engine, measures: readonly CompiledMeasure[], originDates: readonly { coversFrom: string; knownThrough: string }[]): string[] {
  const b = new Set<string>([engine.coversFrom, nextDay(engine.knownThrough)]);
  for (const d of originDates) b.add(d.coversFrom).add(nextDay(d.knownThrough));
  for (const m of measures) {
    b.add(m.from);
    if (m.to !== null) b.add(m.to);
    for (const t of m.inTransit) b.add(t.enteredBefore);
  }
  for (const d of engine.listDates) b.add(d); // a list amended on a date (entries' `from`)
  return [...b].sort();
}

/** Day keys: 100 years of 13 x 32 (dayKey). */
export const DAY_KEYS = 100 * 13 * 32;

/**
 * A number for a YYYY-MM-DD date of the years 2000 to 2099 that orders as the dates do (not a count of days: months
 * of 32), or -1 for any other string.
 */
export function dayKey(date: string): number {
  if (date.length !== 10 || date.charCodeAt(0) !== 50 || date.charCodeAt(1) !== 48 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  const y2 = date.charCodeAt(2) - 48;
  const y3 = date.charCodeAt(3) - 48;
  const m0 = date.charCodeAt(5) - 48;
  const m1 = date.charCodeAt(6) - 48;
  const d0 = date.charCodeAt(8) - 48;
  const d1 = date.charCodeAt(9) - 48;
  // Each digit 0-9 (an unsigned compare catches what is below '0').
  if ((y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 1 || (m1 >>> 0) > 9 || (d0 >>> 0) > 3 || (d1 >>> 0) > 9) return -1;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month > 12 || day > 31) return -1;
  return ((y2 * 10 + y3) * 13 + month) * 32 + day;
}

/** How many of the ascending boundaries are on or before the date. */
export function periodOf(bounds: readonly string[], date: string): number {
  let p = 0;
  while (p < bounds.length && bounds[p]! <= date) p++;
  return p;
}
