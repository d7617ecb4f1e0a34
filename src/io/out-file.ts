/**
 * `--out FILE`: the output goes to a temporary file beside FILE, renamed to
 * FILE once complete, so a failed run never leaves half a file (half a
 * workbook cannot be opened) in place of the one that was there.
 */
import { createWriteStream, realpathSync, rmSync, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';

/** True when both names are the same file (following links); false when either does not exist yet. */
export function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Refuses an --out that is one of the run's input files: the output would replace what it is computed from. */
export function refuseInputAsOutput(out: string, inputs: readonly (string | undefined)[]): void {
  for (const input of inputs) {
    if (input !== undefined && input !== '-' && samePath(input, out)) {
      throw new UsageError(`--out ${out} is an input of this run (${input}): give another file name (the input would be replaced by the output)`);
    }
  }
}

export class OutFile {
  #error: NodeJS.ErrnoException | null = null;
  #done = false;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    readonly stream: WriteStream,
  ) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.#error ??= e;
    });
  }

  /** Opens the temporary file; the returned file reports a failure to open through `failed`. */
  static async open(path: string): Promise<OutFile> {
    const tmp = `${path}.${process.pid}.tmp`;
    const stream = createWriteStream(tmp);
    const f = new OutFile(path, tmp, stream);
    await new Promise<void>((resolve) => {
      stream.once('open', () => resolve());
      stream.once('error', () => resolve());
    });
    return f;
  }

  /** False when the file could not be opened (or a write failed). */
  get ok(): boolean {
    return this.#error === null;
  }

  /** Ends the file and puts it in place; false when it could not be written. */
  async close(): Promise<boolean> {
    if (this.#error === null) {
      await new Promise<void>((resolve) => {
        this.stream.once('error', () => resolve());
        this.stream.end(() => resolve());
      });
    }
    if (this.#error === null) {
      try {
        await rename(this.tmp, this.path);
        this.#done = true;
        return true;
      } catch (e) {
        this.#error = e as NodeJS.ErrnoException;
      }
    }
    return false;
  }

  /** Removes the temporary file of a run that did not complete (nothing once the file is in place). */
  discard(): void {
    if (this.#done) return;
    this.stream.destroy();
    try {
      rmSync(this.tmp, { force: true });
    } catch {
      // nothing more to do
    }
  }

  /** Says why the file could not be written, removes the temporary file, and gives the exit code. */
  failed(io: { stderr: { write(s: string): unknown } }): number {
    const e = this.#error;
    this.discard();
    io.stderr.write(`tariff: cannot write ${this.path} (${e?.code ?? e?.message ?? 'the output stream closed'})\n`);
    return EXIT.output;
  }
}
