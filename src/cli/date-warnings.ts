/**
 * Entry dates outside a schedule's evidence: counted while rows stream, then
 * said once each on stderr (and in the output's warnings) with how many rows
 * and which dates.
 */
import type { Engine } from '../core/compile.js';
import { plural } from './input.js';

interface Span {
  rows: number;
  first: string;
  last: string;
}

export class DateWarnings {
  readonly list: string[] = [];
  #after: Span | null = null;
  #before: Span | null = null;
  /** Rows of origins whose part gives its own evidence dates, by origin. */
  #byOrigin: Record<string, { after: Span | null; before: Span | null }> = {};

  constructor(
    private readonly engine: Engine,
    private readonly warn: (s: string) => void,
  ) {}

  /** Counts a row's date against the evidence of its origin (its part's dates, where it gives its own). */
  check(date: string, origin?: string): void {
    const own = origin === undefined ? undefined : this.engine.originDates.get(origin);
    if (own === undefined) {
      if (date > this.engine.knownThrough) this.#after = widen(this.#after, date);
      else if (date < this.engine.coversFrom) this.#before = widen(this.#before, date);
      return;
    }
    if (date <= own.knownThrough && date >= own.coversFrom) return;
    const s = (this.#byOrigin[origin!] ??= { after: null, before: null });
    if (date > own.knownThrough) s.after = widen(s.after, date);
    else s.before = widen(s.before, date);
  }

  /** Says what was counted; call once, after the last row. */
  finish(): void {
    const e = this.engine;
    if (this.#after) {
      this.add(
        `${describe(this.#after)} after ${e.knownThrough}, the last date schedule ${e.scheduleId} has evidence for: ` +
          'measures announced since then are not in it',
      );
    }
    if (this.#before) {
      this.add(`${describe(this.#before)} before ${e.coversFrom}, where schedule ${e.scheduleId} starts: earlier measures are not modelled`);
    }
    for (const o of Object.keys(this.#byOrigin).sort()) {
      const own = e.originDates.get(o)!;
      const s = this.#byOrigin[o]!;
      if (s.after) this.add(`${describe(s.after)} after ${own.knownThrough}, the last date schedule ${e.scheduleId} has evidence for origin ${o}: measures announced since then are not in it`);
      if (s.before) this.add(`${describe(s.before)} before ${own.coversFrom}, where schedule ${e.scheduleId}'s evidence for origin ${o} starts: earlier measures are not modelled`);
    }
  }

  add(s: string): void {
    this.list.push(s);
    this.warn(s);
  }
}

function widen(span: Span | null, date: string): Span {
  if (span === null) return { rows: 1, first: date, last: date };
  span.rows++;
  if (date < span.first) span.first = date;
  if (date > span.last) span.last = date;
  return span;
}

function describe(s: Span): string {
  const dates = s.first === s.last ? `entry date ${s.first}` : `entry dates ${s.first} to ${s.last}`;
  return s.rows === 1 ? `${dates} is` : `${plural(s.rows, 'row')} with ${dates} are`;
}
