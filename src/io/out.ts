/**
 * Buffered output with back-pressure: text is encoded into byte buffers as it
 * is produced and written in large pieces; `flush()` waits for the stream to
 * drain, so a slow reader (or a pipe to `head`) throttles the producer
 * instead of filling memory.
 *
 * Besides `push(text)`, the per-row writers (`ascii`, `cents`, `int`,
 * `bytes`) put a CSV line's pieces straight into the buffer: no string is
 * built for the line, and nothing is left for the garbage collector
 * (measured: building 1,000,000 lines as strings and encoding them took
 * about a second of a calc run).
 */
import type { Writable } from 'node:stream';
import { formatCents, type Cents } from '../values/money.js';

/** Flush writes once this much is buffered (a non-forced flush leaves less than this for later). */
const HIGH_WATER = 1 << 16;
/** Size of each byte buffer; a longer text gets a buffer of its own. */
const CHUNK = 1 << 16;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DOT = 0x2e;
const ZERO = 0x30;
const COMMA = 0x2c;
const MINUS = 0x2d;
/** "00", "01", ... "99" as character codes: PAIRS[2k] and PAIRS[2k + 1] are the digits of k. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => ZERO + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

export class Out {
  /** Filled buffers waiting for the next flush. */
  #full: Buffer[] = [];
  #fullBytes = 0;
  #buf: Buffer = Buffer.allocUnsafe(CHUNK);
  #pos = 0;
  /** Set when the reader went away (EPIPE): everything after is dropped quietly. */
  closed = false;

  constructor(private readonly stream: Writable) {
    // The reader went away (EPIPE) or the stream failed (reported by main): either way, stop writing.
    stream.on('error', () => {
      this.closed = true;
    });
  }

  /** Bytes buffered and not yet written. */
  get pending(): number {
    return this.#fullBytes + this.#pos;
  }

  /** Makes room for `n` more bytes in the current buffer. */
  #room(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    if (this.#pos > 0) {
      this.#full.push(this.#buf.subarray(0, this.#pos));
      this.#fullBytes += this.#pos;
    }
    this.#buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.#pos = 0;
  }

  /** Any text, UTF-8 encoded. */
  push(s: string): void {
    if (this.closed) return;
    this.#room(s.length * 3); // at most 3 bytes per UTF-16 unit
    this.#pos += this.#buf.write(s, this.#pos, 'utf8');
  }

  /** Text that is probably ASCII (a date, a code, a plain id): copied byte by byte, else encoded as UTF-8. */
  ascii(s: string): void {
    const n = s.length;
    this.#room(n * 3);
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        this.#pos += buf.write(s, this.#pos, 'utf8');
        return;
      }
      buf[pos++] = c;
    }
    this.#pos = pos;
  }

  /** One ASCII character, by its code. */
  byte(c: number): void {
    this.#room(1);
    this.#buf[this.#pos++] = c;
  }

  /** Bytes encoded once (e.g. the fixed text of a CSV line for one plan). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.#room(n);
    if (n > 8) this.#buf.set(b, this.#pos);
    else {
      // Only below about 8 bytes does a loop beat set() (measured: set() costs ~12 ns whatever the length).
      const buf = this.#buf;
      const at = this.#pos;
      for (let i = 0; i < n; i++) buf[at + i] = b[i]!;
    }
    this.#pos += n;
  }

  /** Bytes made elsewhere (a workbook's zip, a rendered report), written as they are, after what is buffered. */
  take(b: Uint8Array): void {
    if (this.closed || b.length === 0) return;
    if (this.#pos > 0) {
      this.#full.push(this.#buf.subarray(0, this.#pos));
      this.#fullBytes += this.#pos;
      this.#buf = Buffer.allocUnsafe(CHUNK);
      this.#pos = 0;
    }
    this.#full.push(Buffer.from(b.buffer, b.byteOffset, b.length));
    this.#fullBytes += b.length;
  }

  /** A whole number >= 0 below 2^53. */
  int(n: number): void {
    this.#room(16);
    this.#digits(n);
  }

  #digits(n: number): void {
    const buf = this.#buf;
    if (n < 10) {
      buf[this.#pos++] = ZERO + n;
      return;
    }
    if (n <= 0x7fffffff) {
      // Below 2^31: integer arithmetic ("| 0"), two digits at a time from a table.
      const len = n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : n < 1_000_000 ? 6 : n < 10_000_000 ? 7 : n < 100_000_000 ? 8 : n < 1_000_000_000 ? 9 : 10;
      let pos = this.#pos + len;
      this.#pos = pos;
      while (n >= 100) {
        const q = (n / 100) | 0;
        const r = (n - q * 100) << 1;
        buf[--pos] = PAIRS[r + 1]!;
        buf[--pos] = PAIRS[r]!;
        n = q;
      }
      if (n >= 10) {
        buf[--pos] = PAIRS[(n << 1) + 1]!;
        buf[--pos] = PAIRS[n << 1]!;
      } else buf[--pos] = ZERO + n;
      return;
    }
    let len = 1;
    for (let p = 10; p <= n; p *= 10) len++;
    let pos = this.#pos + len;
    this.#pos = pos;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--pos] = ZERO + (n - q * 10);
      n = q;
    }
    buf[--pos] = ZERO + n;
  }

  /** Cents as a decimal with two places, as formatCents writes them. */
  cents(c: Cents): void {
    if (c < 0n || c > MAX_SAFE) {
      this.ascii(formatCents(c));
      return;
    }
    const n = Number(c);
    const frac = n % 100;
    this.#room(20);
    this.#digits((n - frac) / 100);
    const buf = this.#buf;
    buf[this.#pos] = DOT;
    buf[this.#pos + 1] = PAIRS[frac << 1]!;
    buf[this.#pos + 2] = PAIRS[(frac << 1) + 1]!;
    this.#pos += 3;
  }

  /**
   * A csv cell of our own numbers: a comma, then `v / 10^places` as a decimal, with every place ("12.30": money,
   * as formatCents writes it) or, with `trim`, in its shortest form ("2.5", "3", "-0.0005": percents and
   * quantities, as formatRate and formatPct4 write them). The impact columns write many such cells a line: one
   * room check and one bigint-to-number conversion a cell, integer arithmetic below 2^31, exact double
   * arithmetic below 2^53, and the bigint's own digits above (held equal to those formatters by a test).
   */
  decimalCell(v: bigint, places: 2 | 4 | 6, trim: boolean): void {
    this.#room(28); // comma, sign, 16 digits of a number below 2^53, dot, 6 places, and spare
    const buf = this.#buf;
    let pos = this.#pos;
    buf[pos++] = COMMA;
    let a = v;
    if (v < 0n) {
      buf[pos++] = MINUS;
      a = -v;
    }
    if (a > MAX_SAFE) {
      this.#pos = pos;
      this.ascii(bigDecimal(a, places, trim));
      return;
    }
    const n = Number(a);
    const unit = places === 2 ? 100 : places === 4 ? 10_000 : 1_000_000;
    let int: number;
    let frac: number;
    if (n <= 0x7fffffff) {
      int = (n / unit) | 0;
      frac = n - int * unit;
    } else {
      frac = n % unit; // exact: n is an integer below 2^53
      int = (n - frac) / unit;
    }
    this.#pos = pos;
    this.#digits(int);
    pos = this.#pos;
    if (trim && frac === 0) return;
    buf[pos] = DOT;
    let end = pos + 1 + places;
    if (places === 2) {
      buf[pos + 1] = PAIRS[frac << 1]!;
      buf[pos + 2] = PAIRS[(frac << 1) + 1]!;
    } else {
      for (let p = end, f = frac; p > pos + 1; ) {
        const q = (f / 100) | 0;
        const r = (f - q * 100) << 1;
        buf[--p] = PAIRS[r + 1]!;
        buf[--p] = PAIRS[r]!;
        f = q;
      }
      if (trim) while (buf[end - 1] === ZERO) end--; // frac > 0: stops before the dot
    }
    this.#pos = end;
  }

  /** Writes what is buffered; waits for 'drain' when the stream asks us to. */
  async flush(force = true): Promise<void> {
    if (this.closed) {
      this.#full = [];
      this.#fullBytes = 0;
      this.#pos = 0;
      return;
    }
    if (this.pending === 0) return;
    if (!force && this.pending < HIGH_WATER) return;
    if (this.#pos > 0) {
      this.#full.push(this.#buf.subarray(0, this.#pos));
      this.#fullBytes += this.#pos;
      // The stream keeps the written buffer until it is flushed out, so the next bytes go to a new one.
      this.#buf = Buffer.allocUnsafe(CHUNK);
      this.#pos = 0;
    }
    const chunks = this.#full;
    this.#full = [];
    this.#fullBytes = 0;
    let ok = true;
    for (const chunk of chunks) ok = this.stream.write(chunk);
    if (!ok) {
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

/** a / 10^places (a >= 2^53) from the bigint's digits, as decimalCell writes it. */
function bigDecimal(a: bigint, places: number, trim: boolean): string {
  const s = a.toString();
  const int = s.slice(0, -places);
  const frac = s.slice(-places);
  const shown = trim ? frac.replace(/0+$/, '') : frac;
  return shown === '' ? int : `${int}.${shown}`;
}
