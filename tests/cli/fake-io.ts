import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** In-memory stdin/stdout/stderr for main(argv, io). */
export function fakeIo(stdin: string | Buffer | null, opts: { stdinTTY?: boolean; stdoutTTY?: boolean } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const input = Object.assign(Readable.from(stdin === null ? [] : [typeof stdin === "string" ? Buffer.from(stdin) : stdin], { objectMode: false }), { isTTY: opts.stdinTTY ?? false });
  const io: CliIo = {
    stdin: input,
    stdout: Object.assign(stdout, { isTTY: opts.stdoutTTY ?? false }),
    stderr: Object.assign(stderr, { isTTY: false }),
    env: { NO_COLOR: '1' },
    today: '2026-11-22',
  };
  return { io, out: () => out, err: () => err };
}


/** Runs main in-process on the given stdin; returns exit code, stdout and stderr. */
export async function run(argv: string[], stdin: string | Buffer | null = null) {
  const f = fakeIo(stdin);
  const code = await main(argv, f.io);
  return { code, stdout: f.out(), stderr: f.err() };
}
