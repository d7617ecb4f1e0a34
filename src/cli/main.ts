/**
 * The command-line shell: `main(argv, io)` runs the program (program.ts) and
 * is the only place that turns errors into messages and exit codes.
 */
import { CommanderError } from 'commander';
import { DataFileError, UnknownScenarioError } from '../io/load.js';
import { formatPath } from '../values/issues.js';
import { isCalendarDate } from '../values/dates.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { buildProgram } from './program.js';
import { displayText } from './render/display.js';
import type { CliIo } from './io.js';

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // A reader that goes away (| head) ends the run quietly, help and version text included.
  // Any other write error (a full disk) is said once and ends the run with its own exit code.
  let writeFailed = false;
  io.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || writeFailed) return;
    writeFailed = true;
    io.stderr.write(`tariff: cannot write the output (${e.code ?? e.message})\n`);
  });
  const code = await run(argv, io);
  // A failed last write is reported on the next tick: let it arrive before choosing the exit code.
  await new Promise((resolve) => setImmediate(resolve));
  return writeFailed ? EXIT.output : code;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    if (!isCalendarDate(io.today)) throw new UsageError(`TARIFF_TODAY must be a date YYYY-MM-DD, got "${io.today}"`);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: CliIo): number {
  // Messages may quote the user's input (a header, a file name): shown with control characters escaped.
  const err = (s: string) => io.stderr.write(`tariff: ${displayText(s, { keepLines: true })}\n`);
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander has already printed the message
  }
  if (e instanceof UsageError) {
    err(e.message);
    if (e.hint) io.stderr.write(`  ${displayText(e.hint, { keepLines: true })}\n`);
    return EXIT.usage;
  }
  if (e instanceof UnknownScenarioError) {
    err(e.message);
    return EXIT.usage;
  }
  if (e instanceof DataFileError) {
    err(`${e.file}: ${e.issues.length === 1 ? 'a problem' : `${e.issues.length} problems`}`);
    for (const i of e.issues) io.stderr.write(`  ${displayText(formatPath(i.path))}: ${displayText(i.message, { keepLines: true })}\n`);
    return EXIT.rejected;
  }
  if (e instanceof InputError) {
    err(e.message);
    return EXIT.rejected;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  err('internal error; this is a bug in tariff. Please report it with the command you ran.');
  if (io.env.TARIFF_DEBUG) io.stderr.write(`${detail}\n`);
  else io.stderr.write(`  ${e instanceof Error ? e.message : String(e)} (set TARIFF_DEBUG=1 for details)\n`);
  return EXIT.internal;
}

/** Today's local date, YYYY-MM-DD: the default entry date. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
