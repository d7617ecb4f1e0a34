/* eslint-disable no-control-regex -- the progress line is made of terminal escapes */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { Progress } from '../../src/cli/progress.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

/** A file of many batches (the reader parses 32 KiB at a time). */
const rows = 5000;
const csv = `id,hts,value,date\n${Array.from({ length: rows }, (_, i) => `r${i},8703.23.01,${1000 + i}.00,2025-10-01`).join('\n')}\n`;

/** main() with stderr as a terminal and a clock that advances `step` ms at every reading. */
async function runOnTerminal(argv: string[], step: number, stderrTTY = true, stdoutTTY = false) {
  const f = fakeIo(csv, { stdoutTTY });
  Object.assign(f.io.stderr, { isTTY: stderrTTY });
  let t = 0;
  f.io.now = () => (t += step);
  const code = await main(argv, f.io);
  return { code, out: f.out(), err: f.err() };
}

/** A Progress over an in-memory terminal of `columns` (none: unknown width), on a clock the test sets (`t`). */
function progressOn(label: string, columns?: number) {
  const err = Object.assign(new PassThrough(), columns === undefined ? {} : { columns });
  let text = '';
  err.setEncoding('utf8').on('data', (d: string) => (text += d));
  const c = { t: 0, text: () => text, progress: null as unknown as Progress };
  c.progress = new Progress(err, label, () => c.t);
  return c;
}

describe('progress line', () => {
  it('calc: redrawn in place on a terminal once the run passes a second, then erased before the totals', async () => {
    const r = await runOnTerminal(['calc', '--format', 'csv'], 400);
    expect(r.code).toBe(0);
    const draws = r.err.match(/\r\x1b\[K\(stdin\): [\d,]+ rows, [\d,]+ rows\/s/g) ?? [];
    expect(draws.length).toBeGreaterThan(1);
    const last = draws.at(-1)!;
    const done = Number(/: ([\d,]+) rows,/.exec(last)![1]!.replaceAll(',', ''));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThanOrEqual(rows);
    // Erased, then the totals line starts at the left margin.
    expect(r.err).toMatch(/rows\/s\r\x1b\[K\(stdin\): 5000 lines computed/);
    expect(r.out.trim().split('\n')).toHaveLength(rows + 1); // stdout untouched
  });

  it('compare draws it too; --quiet turns it off', async () => {
    const shown = await runOnTerminal(['compare', '--format', 'csv'], 400);
    expect(shown.err).toMatch(/rows\/s/);
    const quiet = await runOnTerminal(['compare', '--format', 'csv', '--quiet'], 400);
    expect(quiet.err).not.toMatch(/rows\/s|\x1b/);
    expect(quiet.out).toBe(shown.out);
  });

  it('calc on a terminal: drawn for the table (written at the end), not while csv lines stream to the same terminal', async () => {
    const table = await runOnTerminal(['calc', '--format', 'table'], 400, true, true);
    expect(table.err).toMatch(/rows\/s/);
    const streaming = await runOnTerminal(['calc', '--format', 'csv'], 400, true, true);
    expect(streaming.err).not.toMatch(/rows\/s|\x1b/);
  });

  it('nothing when stderr is not a terminal, with --quiet, or within the first second', async () => {
    for (const [argv, step, tty] of [
      [['calc', '--format', 'csv'], 400, false],
      [['calc', '--format', 'csv', '--quiet'], 400, true],
      [['calc', '--format', 'csv'], 1, true],
    ] as const) {
      const r = await runOnTerminal([...argv], step, tty);
      expect(r.code).toBe(0);
      expect(r.err).not.toMatch(/rows\/s|\x1b/);
    }
  });

  it('Progress: kept to one line of a narrow terminal (the file name without its folders, then cut)', () => {
    const draw = (columns: number) => {
      const c = progressOn('/some/long/folder/customs-2025.csv', columns);
      c.t = 2000;
      c.progress.tick(1_000_000);
      return c.text().replace('\r\x1b[K', '');
    };
    expect(draw(200)).toBe('/some/long/folder/customs-2025.csv: 1,000,000 rows, 500,000 rows/s');
    expect(draw(60)).toBe('customs-2025.csv: 1,000,000 rows, 500,000 rows/s');
    expect(draw(30)).toBe('customs-2025.csv: 1,000,000 r');
    expect(draw(30)).toHaveLength(29);
  });

  it('Progress: rate from elapsed time, at most one redraw per 250 ms', () => {
    const c = progressOn('x.csv');
    const p = c.progress;
    c.t = 999;
    p.tick(10);
    expect(c.text()).toBe('');
    c.t = 2000;
    p.tick(1_000_000);
    c.t = 2100;
    p.tick(1_100_000); // too soon after the last draw
    p.done();
    p.done(); // erased once
    expect(c.text()).toBe('\r\x1b[Kx.csv: 1,000,000 rows, 500,000 rows/s\r\x1b[K');
  });
});
