/**
 * A progress line on stderr for long inputs: rows done and rows per second,
 * redrawn in place at most four times a second once a run has taken more
 * than a second. Only when stderr is a terminal (a log file or a pipe gets
 * nothing) and not with --quiet; erased before anything else is written.
 */
import { basename } from 'node:path';
import type { Writable } from 'node:stream';

/** A run shorter than this never shows a progress line. */
export const PROGRESS_AFTER_MS = 1000;
const REDRAW_MS = 250;

export class Progress {
  readonly #start: number;
  #lastDraw = -Infinity;
  #shown = false;

  constructor(
    private readonly stderr: Writable,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#start = now();
  }

  /** A progress line when stderr is a terminal and the user did not ask for quiet; else null. */
  static forRun(stderr: Writable & { isTTY?: boolean }, quiet: boolean, label: string, now?: () => number): Progress | null {
    return stderr.isTTY === true && !quiet ? new Progress(stderr, label, now) : null;
  }

  /** After each batch of rows: `rows` is the number of data rows read so far. */
  tick(rows: number): void {
    const t = this.now();
    const elapsed = t - this.#start;
    if (elapsed < PROGRESS_AFTER_MS || t - this.#lastDraw < REDRAW_MS) return;
    this.#lastDraw = t;
    this.#shown = true;
    const rate = Math.round((rows * 1000) / elapsed);
    const counts = `: ${rows.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s`;
    // A line wider than the terminal would wrap, and erasing would then clear only its last row: keep it to one.
    const width = (this.stderr as { columns?: number }).columns;
    let text = `${this.label}${counts}`;
    if (width !== undefined && width > 0 && text.length >= width) {
      text = `${basename(this.label)}${counts}`;
      if (text.length >= width) text = text.slice(0, Math.max(0, width - 1));
    }
    this.stderr.write(`\r\x1b[K${text}`);
  }

  /** Erases the line (when one was drawn), so totals and warnings start on a clean line. */
  done(): void {
    if (this.#shown) this.stderr.write('\r\x1b[K');
    this.#shown = false;
  }
}
