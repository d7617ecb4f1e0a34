/**
 * Reading the members of a zip file (an .xlsx workbook is one), with Node's
 * own zlib: the central directory at the end lists the members, and a member
 * is streamed from its local header through a raw inflater. Zip64 archives are
 * read; encrypted members and compression methods other than stored and
 * deflate are refused with a message (the caller names the file).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A zip file that cannot be read; the message does not name the file (the caller does) and echoes no bytes of it. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipFile {
  private constructor(
    readonly path: string,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      return new ZipFile(path, await readDirectory(fh, size));
    } finally {
      await fh.close();
    }
  }

  /** The member's uncompressed bytes as a stream. */
  async stream(entry: ZipEntry): Promise<Readable> {
    if (entry.encrypted) throw new ZipError(`member ${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`member ${entry.name} uses compression method ${entry.method}, which tariff does not read (only stored and deflate)`);
    const fh = await open(this.path, 'r');
    let start: number;
    try {
      const head = await readAt(fh, entry.localOffset, 30);
      if (head.length < 30 || head.readUInt32LE(0) !== LOCAL) throw new ZipError(`member ${entry.name} has no local header where the directory says`);
      start = entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    } finally {
      await fh.close();
    }
    if (entry.compressedSize === 0) return Readable.from([]);
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 65536 });
    if (entry.method === 0) return raw;
    const inflate = createInflateRaw();
    raw.on('error', (e) => inflate.destroy(e));
    return raw.pipe(inflate);
  }

  /**
   * The member's text, whole (for the small parts of a workbook: workbook, styles, shared strings). At most
   * TEXT_PART_MAX bytes once inflated, so a crafted file that inflates to gigabytes (a zip bomb) is refused.
   */
  async text(entry: ZipEntry): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const c of await this.stream(entry)) {
        size += (c as Buffer).length;
        if (size > TEXT_PART_MAX) throw new ZipError(`member ${entry.name} inflates to more than ${TEXT_PART_MAX / 1024 / 1024} MiB: not a workbook tariff reads (save the sheet as CSV)`);
        chunks.push(c as Buffer);
      }
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError(`member ${entry.name} is damaged (${(e as Error).message})`);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** The largest a whole-read part of a workbook may inflate to (the sheet itself is streamed, never held). */
const TEXT_PART_MAX = 256 * 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function readDirectory(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const tailLen = Math.min(size, 22 + 65535);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('no zip directory found (the file is not a zip, or it is cut short)');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locAt = size - tailLen + at - 20;
    const loc = locAt >= 0 ? await readAt(fh, locAt, 20) : Buffer.alloc(0);
    if (loc.length < 20 || loc.readUInt32LE(0) !== EOCD64_LOCATOR) throw new ZipError('the zip64 directory locator is missing');
    const e64 = await readAt(fh, Number(loc.readBigUInt64LE(8)), 56);
    if (e64.length < 56 || e64.readUInt32LE(0) !== EOCD64) throw new ZipError('the zip64 directory record is missing');
    count = Number(e64.readBigUInt64LE(32));
    cdSize = Number(e64.readBigUInt64LE(40));
    cdOffset = Number(e64.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw new ZipError('the zip directory points past the end of the file (the file is cut short)');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipError('the zip directory is damaged');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let usize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64: the sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (usize === 0xffffffff && q + 8 <= x + 4 + len) {
          usize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) {
          compressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) localOffset = Number(cd.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.set(name, { name, method, encrypted: (flags & 1) !== 0, compressedSize, size: usize, localOffset });
    p = xEnd + commentLen;
  }
  return entries;
}
