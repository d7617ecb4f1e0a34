/**
 * What a named input file is, from its first bytes and its name, without
 * loading any reader: a zip (an .xlsx workbook), an OLE compound file (an
 * encrypted workbook or an old .xls), or anything else (read as CSV).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type FileKind = 'zip' | 'ole' | 'other';

export function fileKindOf(head: Uint8Array): FileKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (head.length >= 8 && ole.every((b, i) => head[i] === b)) return 'ole';
  return 'other';
}

const WORKBOOK_NAME = /\.xls[xm]$/i;

/**
 * An .xlsx by its bytes (any zip) or its name (.xlsx, .xlsm: a file so named that is not a zip gets the
 * workbook reader's message, not CSV rows of binary). A file that cannot be opened is judged by its name:
 * reading it then says what is wrong.
 */
export function sniffFile(path: string): FileKind {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    // Only a regular file is looked into: bytes read from a pipe (calc <(…)) would be lost to the CSV reader.
    if (!fstatSync(fd).isFile()) return WORKBOOK_NAME.test(path) ? 'zip' : 'other';
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    const kind = fileKindOf(head.subarray(0, n));
    return kind === 'other' && WORKBOOK_NAME.test(path) ? 'zip' : kind;
  } catch {
    return WORKBOOK_NAME.test(path) ? 'zip' : 'other';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
