/**
 * Writing a zip file member by member, each deflated as it streams (Node's
 * zlib), with a data descriptor after it, so no member is held whole in
 * memory. Enough for an .xlsx workbook: no zip64 (members and archive under
 * 4 GiB, which is refused with a message past that).
 */
import { createRequire } from 'node:module';

/** node:zlib is loaded when a zip is written, so a run that writes none does not load it at start-up. */
const require = createRequire(import.meta.url);
let zlib: typeof import('node:zlib') | undefined;
const loadZlib = () => (zlib ??= require('node:zlib') as typeof import('node:zlib'));

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Node's own CRC-32 (from 20.15 and 22.2; 5x faster), else the table below. */
export function crc32(buf: Uint8Array, crc = 0): number {
  const native = (loadZlib() as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  return native !== undefined ? native(buf, crc) : crc32Js(buf, crc);
}

export function crc32Js(buf: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Where the bytes go, synchronously (e.g. the buffered output, flushed with back-pressure between batches). */
export type ByteSink = (bytes: Uint8Array) => void;

interface Written {
  name: Buffer;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

const LIMIT = 0xffffffff;
/**
 * Compression level: measured on a 100,000-line workbook (sheet XML ~100 MB), level 1 deflates several times
 * faster than the default 6 for a file about a third larger; spreadsheets are repetitive XML either way.
 */
const LEVEL = 1;
/** Text is deflated in pieces of about this many bytes. */
const PIECE = 1 << 16;

/**
 * Members are written one at a time: `begin`, any number of `write`, `end`.
 * Each piece of about 64 KiB is deflated on its own and ended with a sync
 * flush (an empty stored block), so the pieces join into one valid deflate
 * stream (RFC 1951: a decoder reads block after block; no piece refers back
 * into another), all synchronously and with bounded memory.
 */
export class ZipWriter {
  #offset = 0;
  readonly #done: Written[] = [];
  #open: { name: Buffer; offset: number; crc: number; usize: number; csize: number; pending: string[]; pendingLen: number } | null = null;

  constructor(private readonly sink: ByteSink) {}

  #put(b: Uint8Array): void {
    this.#offset += b.length;
    if (this.#offset > LIMIT) throw new Error('the workbook would pass 4 GiB, more than tariff writes');
    this.sink(b);
  }

  begin(name: string): void {
    if (this.#open !== null) throw new Error(`invariant: zip member ${name} begun inside another`);
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.#offset;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0808, 6); // sizes in a data descriptor after the data; UTF-8 name
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(0, 10); // time 00:00
    head.writeUInt16LE(0x21, 12); // date 1980-01-01
    head.writeUInt16LE(nameBuf.length, 26);
    this.#put(head);
    this.#put(nameBuf);
    this.#open = { name: nameBuf, offset, crc: 0, usize: 0, csize: 0, pending: [], pendingLen: 0 };
  }

  write(text: string): void {
    const m = this.#open;
    if (m === null) throw new Error('invariant: zip write outside a member');
    m.pending.push(text);
    m.pendingLen += text.length;
    if (m.pendingLen >= PIECE) this.#deflate(false);
  }

  #deflate(final: boolean): void {
    const m = this.#open!;
    const bytes = Buffer.from(m.pending.join(''), 'utf8');
    m.pending = [];
    m.pendingLen = 0;
    m.crc = crc32(bytes, m.crc);
    m.usize += bytes.length;
    if (m.usize > LIMIT) throw new Error('a part of the workbook would pass 4 GiB, more than tariff writes');
    const { deflateRawSync, constants } = loadZlib();
    const z = deflateRawSync(bytes, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    m.csize += z.length;
    this.#put(z);
  }

  end(): void {
    this.#deflate(true);
    const m = this.#open!;
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(m.crc, 4);
    desc.writeUInt32LE(m.csize, 8);
    desc.writeUInt32LE(m.usize, 12);
    this.#put(desc);
    this.#done.push({ name: m.name, crc: m.crc, csize: m.csize, usize: m.usize, offset: m.offset });
    this.#open = null;
  }

  /** A whole member at once. */
  add(name: string, text: string): void {
    this.begin(name);
    this.write(text);
    this.end();
  }

  /** Writes the central directory: the zip is complete. */
  finish(): void {
    const start = this.#offset;
    for (const e of this.#done) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4); // made by
      c.writeUInt16LE(20, 6); // needed
      c.writeUInt16LE(0x0808, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(0, 12);
      c.writeUInt16LE(0x21, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.csize, 20);
      c.writeUInt32LE(e.usize, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt32LE(e.offset, 42);
      this.#put(c);
      this.#put(e.name);
    }
    const size = this.#offset - start;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#done.length, 8);
    end.writeUInt16LE(this.#done.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.#put(end);
  }
}
