/**
 * Writing a zip file member by member, each deflated as it streams (Node's
 * zlib), with a data descriptor after it, so no member is held whole in
 * memory. Enough for an .xlsx workbook: no zip64 (members and archive under
 * 4 GiB, which is refused with a message past that).
 */
import { createDeflateRaw } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Where the bytes go: `write` may return a promise to apply back-pressure. */
export type ByteSink = (bytes: Uint8Array) => void | Promise<void>;

interface Written {
  name: Buffer;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

const LIMIT = 0xffffffff;

export class ZipWriter {
  #offset = 0;
  readonly #done: Written[] = [];

  constructor(private readonly sink: ByteSink) {}

  async #put(b: Uint8Array): Promise<void> {
    this.#offset += b.length;
    if (this.#offset > LIMIT) throw new Error('the workbook would pass 4 GiB, more than tariff writes');
    await this.sink(b);
  }

  /** Adds a member whose text comes in pieces (each piece is deflated as it comes). */
  async add(name: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.#offset;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 name
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(0, 10); // time
    head.writeUInt16LE(0x21, 12); // date: 1980-01-01
    head.writeUInt16LE(nameBuf.length, 26);
    await this.#put(head);
    await this.#put(nameBuf);

    let crc = 0;
    let usize = 0;
    let csize = 0;
    const deflate = createDeflateRaw({ level: 6 });
    const out: Buffer[] = [];
    deflate.on('data', (b: Buffer) => out.push(b));
    const drain = async () => {
      while (out.length > 0) {
        const b = out.shift()!;
        csize += b.length;
        await this.#put(b);
      }
    };
    for await (const piece of pieces) {
      if (piece.length === 0) continue;
      const bytes = Buffer.from(piece, 'utf8');
      crc = crc32(bytes, crc);
      usize += bytes.length;
      if (usize > LIMIT) throw new Error(`workbook part ${name} would pass 4 GiB, more than tariff writes`);
      if (!deflate.write(bytes)) await new Promise((r) => deflate.once('drain', r));
      await drain();
    }
    // 'end' (not the end() callback, which is 'finish'): the last compressed bytes have been emitted.
    await new Promise<void>((resolve, reject) => {
      deflate.once('error', reject);
      deflate.once('end', resolve);
      deflate.end();
    });
    await drain();
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc, 4);
    desc.writeUInt32LE(csize, 8);
    desc.writeUInt32LE(usize, 12);
    await this.#put(desc);
    this.#done.push({ name: nameBuf, crc, csize, usize, offset });
  }

  /** Writes the central directory: the zip is complete. */
  async finish(): Promise<void> {
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
      await this.#put(c);
      await this.#put(e.name);
    }
    const size = this.#offset - start;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#done.length, 8);
    end.writeUInt16LE(this.#done.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.#put(end);
  }
}
