/**
 * Buffered output with back-pressure: text is collected and written in large
 * pieces; `flush()` waits for the stream to drain, so a slow reader (or a
 * pipe to `head`) throttles the producer instead of filling memory.
 */
import type { Writable } from 'node:stream';

const HIGH_WATER = 1 << 16;

export class Out {
  #buf = '';
  /** Set when the reader went away (EPIPE): everything after is dropped quietly. */
  closed = false;

  constructor(private readonly stream: Writable) {
    // The reader went away (EPIPE) or the stream failed (reported by main): either way, stop writing.
    stream.on('error', () => {
      this.closed = true;
    });
  }

  push(s: string): void {
    if (this.closed) return;
    this.#buf += s;
  }

  /** Writes what is buffered; waits for 'drain' when the stream asks us to. */
  async flush(force = true): Promise<void> {
    if (this.closed || this.#buf.length === 0) return;
    if (!force && this.#buf.length < HIGH_WATER) return;
    const chunk = this.#buf;
    this.#buf = '';
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
        this.stream.on('error', done);
      });
    }
  }
}
