/** Error kinds the CLI turns into messages and exit codes (only at the top level). */

export const EXIT = {
  ok: 0,
  /** Some rows rejected, or a bad input, schedule or scenario file. */
  rejected: 1,
  /** Bad command line. */
  usage: 2,
  /** A bug in tariff. */
  internal: 70,
  /** The output could not be written (disk full, a closed file...); a reader that goes away (EPIPE) is not this. */
  output: 74,
} as const;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input file that cannot be read as a whole (as opposed to a rejected row). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
