/**
 * Running the CLI's own program in the process, with in-memory streams: the
 * library entry (src/index.ts) and `tariff mcp` use it, so that they compute,
 * check their arguments and word their errors exactly as the commands do.
 */
import { Readable, Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { isCalendarDate } from '../core/dates.js';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import { buildProgram, localToday, main } from './main.js';

/** A writable that keeps what is written. */
export class MemoryOut extends Writable {
  readonly #chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    cb();
  }
  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}

export interface InMemoryRun {
  /** The exit code the command line would have given. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface InMemoryOptions {
  /** What the command reads as stdin (default: nothing). */
  stdin?: Readable | undefined;
  /** The entry date of rows without one, YYYY-MM-DD (default: today's local date). */
  today?: string | undefined;
}

function memoryIo(o: InMemoryOptions): { io: CliIo; stdout: MemoryOut; stderr: MemoryOut } {
  const stdout = new MemoryOut();
  const stderr = new MemoryOut();
  // Not a terminal: no colour, no progress line; the environment is not the caller's (no NO_COLOR, TARIFF_* tuning).
  const io: CliIo = { stdin: o.stdin ?? Readable.from([]), stdout, stderr, env: {}, today: o.today ?? localToday() };
  return { io, stdout, stderr };
}

/** Runs `tariff ARGV` as the command line would, messages and exit code included. Never throws. */
export async function runInMemory(argv: string[], o: InMemoryOptions = {}): Promise<InMemoryRun> {
  const { io, stdout, stderr } = memoryIo(o);
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs `tariff ARGV` and lets the command's errors through as the typed errors
 * the command throws (UsageError, InputError, DataFileError, UnknownScenarioError);
 * a command-line problem found by commander becomes a UsageError with its message.
 */
export async function runProgram(argv: string[], o: InMemoryOptions = {}): Promise<InMemoryRun> {
  const { io, stdout, stderr } = memoryIo(o);
  if (o.today !== undefined && !isCalendarDate(o.today)) throw new UsageError(`today must be a date YYYY-MM-DD, got "${o.today}"`);
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(e.message.replace(/^error: /, ''));
    throw e;
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
