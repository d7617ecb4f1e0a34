/**
 * What an input that is not CSV text looks like, from its first bytes: a zip
 * (an Excel workbook), a compressed file, UTF-16 text, binary data, or CSV with
 * classic-Mac (CR-only) line ends. The CSV reader asks before it decodes a
 * byte, so such a file gets one message saying what it is and what to do,
 * instead of a header error echoing binary.
 *
 * Kept in one small function so that other readers (xlsx) can ask the same.
 */

export type SniffKind = 'zip' | 'xls' | 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'pdf' | 'utf16le' | 'utf16be' | 'utf32' | 'binary' | 'cr-only';

export interface Sniffed {
  kind: SniffKind;
  /** What the file looks like and what to do, without the file's name (the caller prefixes it). */
  message: string;
}

/** How many leading bytes are looked at (a first chunk may be shorter: what is there is looked at). */
export const SNIFF_BYTES = 4096;

const starts = (b: Uint8Array, ...sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/**
 * What the first bytes of an input say it is, or null when they may be CSV text (UTF-8 or ASCII, with or without
 * a byte order mark, LF or CRLF line ends). `name` is only used to word the advice (stdin has none).
 */
export function sniffInput(first: Uint8Array, name?: string): Sniffed | null {
  const b = first.length > SNIFF_BYTES ? first.subarray(0, SNIFF_BYTES) : first;
  const file = name ?? 'FILE';
  if (starts(b, 0x50, 0x4b, 0x03, 0x04) || starts(b, 0x50, 0x4b, 0x05, 0x06) || starts(b, 0x50, 0x4b, 0x07, 0x08)) {
    // A file already named .xlsx reaches here only where workbooks are not read: then export is the way.
    const named = name !== undefined && /\.xls[xm]$/i.test(name);
    return {
      kind: 'zip',
      message: named
        ? 'this is an Excel workbook, not CSV text: export the sheet as "CSV UTF-8"'
        : 'this looks like an Excel workbook or another zip file, not CSV text: give a workbook a .xlsx name to read it, or export the sheet as "CSV UTF-8"',
    };
  }
  if (starts(b, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return { kind: 'xls', message: 'this looks like an old Excel .xls workbook, not CSV text: save it as .xlsx, or export the sheet as "CSV UTF-8"' };
  }
  if (starts(b, 0x1f, 0x8b)) {
    return { kind: 'gzip', message: `this looks like a gzip-compressed file, not CSV text: decompress it first, e.g. gunzip -c ${file} | tariff calc` };
  }
  if (starts(b, 0x42, 0x5a, 0x68)) {
    return { kind: 'bzip2', message: `this looks like a bzip2-compressed file, not CSV text: decompress it first, e.g. bunzip2 -c ${file} | tariff calc` };
  }
  if (starts(b, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) {
    return { kind: 'xz', message: `this looks like an xz-compressed file, not CSV text: decompress it first, e.g. xz -dc ${file} | tariff calc` };
  }
  if (starts(b, 0x28, 0xb5, 0x2f, 0xfd)) {
    return { kind: 'zstd', message: `this looks like a zstd-compressed file, not CSV text: decompress it first, e.g. zstd -dc ${file} | tariff calc` };
  }
  if (starts(b, 0x25, 0x50, 0x44, 0x46, 0x2d)) {
    return { kind: 'pdf', message: 'this looks like a PDF document, not CSV text: export the table as "CSV UTF-8"' };
  }
  const toUtf8 = `save it as UTF-8 (in Excel: "CSV UTF-8"), or convert it, e.g. iconv -f UTF-16 -t UTF-8 ${file} | tariff calc`;
  if (starts(b, 0xff, 0xfe, 0x00, 0x00) || starts(b, 0x00, 0x00, 0xfe, 0xff)) {
    return { kind: 'utf32', message: `this looks like UTF-32 text, not UTF-8: save it as UTF-8, or convert it, e.g. iconv -f UTF-32 -t UTF-8 ${file} | tariff calc` };
  }
  if (starts(b, 0xff, 0xfe)) return { kind: 'utf16le', message: `this looks like UTF-16 text (little-endian, with a byte order mark), not UTF-8: ${toUtf8}` };
  if (starts(b, 0xfe, 0xff)) return { kind: 'utf16be', message: `this looks like UTF-16 text (big-endian, with a byte order mark), not UTF-8: ${toUtf8}` };

  // NUL bytes: UTF-16 without a byte order mark when they sit in every other byte, else binary data.
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  const pairs = Math.floor(b.length / 2);
  if (pairs >= 2 && nulEven + nulOdd > 0) {
    if (nulOdd >= pairs * 0.3 && nulEven === 0) return { kind: 'utf16le', message: `this looks like UTF-16 text (little-endian, no byte order mark), not UTF-8: ${toUtf8}` };
    if (nulEven >= pairs * 0.3 && nulOdd === 0) return { kind: 'utf16be', message: `this looks like UTF-16 text (big-endian, no byte order mark), not UTF-8: ${toUtf8}` };
  }
  // A few NUL or control bytes in a text file are that file's rows to reject (shown escaped), not a reason to refuse
  // the whole input: binary data has many (random bytes: about 0.4% NUL and 11% other control bytes).
  const nul = nulEven + nulOdd;
  const n = b.length;
  if (nul > n * 0.1 || nul + control > n * 0.3 || (n >= 256 && ((nul >= 8 && nul > n * 0.01) || control > n * 0.1))) {
    return { kind: 'binary', message: 'this looks like binary data, not CSV text: give a CSV file (UTF-8, comma-separated)' };
  }

  // Line ends: a carriage return not followed by a line feed, and no line feed at all.
  const cr = b.indexOf(0x0d);
  if (cr !== -1 && b.indexOf(0x0a) === -1 && cr + 1 < b.length) {
    return {
      kind: 'cr-only',
      message: `the line ends are carriage returns only (classic Mac, Excel's "CSV (Macintosh)"): save it as "CSV UTF-8" with LF or CRLF line ends, or convert it, e.g. tr '\\r' '\\n' < ${file} | tariff calc`,
    };
  }
  return null;
}

/**
 * Text from an input, safe to put in a message: control characters shown escaped (`\x1b`, `\n`), and cut after
 * `max` characters with an ellipsis, so that a message never carries raw bytes or a screenful of a bad file.
 */
export function showInputText(s: string, max = 80): string {
  const cut = s.length > max ? s.slice(0, max) : s;
  // eslint-disable-next-line no-control-regex
  const shown = cut.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffd]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (c === '\ufffd') return '\\ufffd';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return s.length > max ? `${shown}… (${s.length} characters)` : shown;
}
