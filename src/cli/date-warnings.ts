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

  constructor(
    private readonly engine: Engine,
    private readonly warn: (s: string) => void,
  ) {}

  check(date: string): void {
    if (date > this.engine.knownThrough) this.#after = widen(this.#after, date);
    else if (date < this.engine.coversFrom) this.#before = widen(this.#before, date);
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
