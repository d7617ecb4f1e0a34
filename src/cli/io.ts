import type { Readable, Writable } from 'node:stream';

/** Everything a command may touch of the outside world, so tests can pass in-memory streams. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Today's date, YYYY-MM-DD (US Eastern is what customs uses; the local date is close enough for a default). */
  today: string;
  /** Milliseconds from some fixed point, for the progress line (default performance.now; tests pass a fake clock). */
  now?: () => number;
}
