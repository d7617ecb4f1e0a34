/**
 * Buffered output with back-pressure: text is collected and written in large
 * pieces; `flush()` waits for the stream to drain, so a slow reader (or a
 * pipe to `head`) throttles the producer instead of filling memory.
 */
import type { Writable } from 'node:stream';

const HIGH_WATER = 1 << 16;

export class Out {
  #parts: string[] = [];
  #size = 0;
  /** Set when the reader went away (EPIPE): everything after is dropped quietly. */
  closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw e;
    });
  }

  push(s: string): void {
    if (this.closed) return;
    this.#parts.push(s);
    this.#size += s.length;
  }

  get pending(): number {
    return this.#size;
  }

  /** Writes what is buffered; waits for 'drain' when the stream asks us to. */
  async flush(force = true): Promise<void> {
    if (this.closed || this.#parts.length === 0) return;
    if (!force && this.#size < HIGH_WATER) return;
    const chunk = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
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
