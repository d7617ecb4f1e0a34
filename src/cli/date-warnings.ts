/**
 * Entry dates outside a schedule's evidence: counted while rows stream, then
 * said once each on stderr (and in the output's warnings) with how many rows
 * and which dates.
 */
import type { Engine } from '../core/compile.js';
import { plural } from './input.js';

/** Rows after and before the schedule's evidence, as plain data (see CalcDelta). */
export interface DateSpans {
  after: Span | null;
  before: Span | null;
}

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

  /** What was counted since the last call; counting starts again. */
  takeSpans(): DateSpans {
    const s = { after: this.#after, before: this.#before };
    this.#after = null;
    this.#before = null;
    return s;
  }

  /** Counts the rows of another part of the input. */
  mergeSpans(s: DateSpans): void {
    this.#after = join(this.#after, s.after);
    this.#before = join(this.#before, s.before);
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

function join(a: Span | null, b: Span | null): Span | null {
  if (a === null) return b === null ? null : { ...b };
  if (b === null) return a;
  return { rows: a.rows + b.rows, first: b.first < a.first ? b.first : a.first, last: b.last > a.last ? b.last : a.last };
}

function describe(s: Span): string {
  const dates = s.first === s.last ? `entry date ${s.first}` : `entry dates ${s.first} to ${s.last}`;
  return s.rows === 1 ? `${dates} is` : `${plural(s.rows, 'row')} with ${dates} are`;
}
