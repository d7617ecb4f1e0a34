/**
 * Tables and text that fit the terminal (QA #13): the width is `COLUMNS`, else the terminal's, else none (a pipe
 * or a file keeps every line whole). A table wider than that wraps its text columns at word boundaries (a word
 * longer than its column is cut across lines, never truncated); numbers are never wrapped; when even that cannot
 * fit, the table is written as one block of `name: value` lines per row. Long lines of text (notes, reasons,
 * explanations) wrap with a hanging indent.
 */
import { createRequire } from 'node:module';
import { loadTable } from './table.js';

type Align = 'left' | 'right' | 'center';

/** Display width as cli-table3 measures it (ANSI codes left out, wide characters count 2), loaded with it. */
let strlenFn: ((s: string) => number) | undefined;
function strlen(s: string): number {
  strlenFn ??= (createRequire(import.meta.url)('cli-table3/src/utils.js') as { strlen: (s: string) => number }).strlen;
  return strlenFn(s);
}

/** The width to fit: `COLUMNS` (20 or more), else the terminal's columns, else null (no limit). */
export function outputWidth(env: Record<string, string | undefined>, stdout: { isTTY?: boolean; columns?: number }): number | null {
  const n = Number(env.COLUMNS);
  if (Number.isInteger(n) && n >= 20) return n;
  if (stdout.isTTY && typeof stdout.columns === 'number' && stdout.columns >= 20) return stdout.columns;
  return null;
}

/** Splits one line of text into lines of at most `width` columns, at spaces where it can, else inside a word. */
export function wrapWords(text: string, width: number): string[] {
  if (strlen(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (strlen(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') out.push(line);
    line = word;
    // A word longer than the width is cut: nothing is ever truncated away.
    while (strlen(line) > width) {
      let cut = '';
      for (const ch of line) {
        if (strlen(cut + ch) > width) break;
        cut += ch;
      }
      if (cut === '') cut = [...line][0]!; // one character wider than the width: give it its own line
      const hyphen = cut.lastIndexOf('-');
      if (hyphen > 0 && hyphen < cut.length - 1) cut = cut.slice(0, hyphen + 1); // break after a hyphen when there is one
      out.push(cut);
      line = line.slice(cut.length);
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/** A cell's text wrapped to `width`, keeping its own line breaks. */
function wrapCell(text: string, width: number): string {
  if (text.includes('\x1b')) return text; // painted by us (short labels): left whole
  return text
    .split('\n')
    .flatMap((l) => wrapWords(l, width))
    .join('\n');
}

/** Widest line of a cell. */
const cellWidth = (s: string) => Math.max(0, ...s.split('\n').map(strlen));
/** Widest word of a cell: a text column is not made narrower than this unless it must be. */
const widestWord = (s: string) => Math.max(0, ...s.split(/[\s]+/).map(strlen));

export interface FitOptions {
  head?: string[];
  aligns?: Align[];
  /** Columns that may wrap (default: those aligned left). */
  wrap?: boolean[];
  width: number | null;
}

const STYLE = { head: [] as string[], border: [] as string[], compact: true };

/**
 * A cli-table3 table of `rows` that fits `width`: natural widths when they fit; else the wrappable columns are
 * narrowed, widest first; else (too many columns for the width) one block of `name: value` lines per row.
 */
export function fitTable(rows: string[][], o: FitOptions): string {
  const Table = loadTable();
  const head = o.head ?? [];
  const n = Math.max(head.length, ...rows.map((r) => r.length));
  const aligns = o.aligns ?? [];
  const all = head.length > 0 ? [head, ...rows] : rows;
  const natural = Array.from({ length: n }, (_, c) => Math.max(1, ...all.map((r) => cellWidth(r[c] ?? ''))));
  const options = { style: STYLE, colAligns: aligns, ...(head.length > 0 ? { head } : {}) };
  // Each column has one space of padding on either side, and n + 1 vertical borders.
  const room = o.width === null ? Infinity : o.width - (n + 1) - 2 * n;
  if (natural.reduce((a, b) => a + b, 0) <= room) {
    const t = new Table(options);
    for (const r of rows) t.push(r);
    return t.toString();
  }
  const wrappable = Array.from({ length: n }, (_, c) => o.wrap?.[c] ?? (aligns[c] ?? 'left') === 'left');
  // Text columns keep their widest word (up to 16) where they can; where they cannot, they go down to 6.
  let least = natural.map((w, c) => {
    if (!wrappable[c]) return w;
    const words = Math.max(strlen(head[c] ?? ''), ...rows.map((r) => widestWord(r[c] ?? '')));
    return Math.min(w, Math.max(8, Math.min(words, 16)));
  });
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  if (sum(least) > room) least = natural.map((w, c) => (wrappable[c] ? Math.min(w, 6) : w));
  if (sum(least) > room) return blocks(rows, head, o.width!);
  const widths = [...natural];
  let over = widths.reduce((a, b) => a + b, 0) - room;
  while (over > 0) {
    // Narrow the widest column that can still give room, one column at a time.
    let pick = -1;
    for (let c = 0; c < n; c++) if (widths[c]! > least[c]! && (pick < 0 || widths[c]! > widths[pick]!)) pick = c;
    if (pick < 0) break;
    widths[pick]!--;
    over--;
  }
  const wrapped = (r: string[]) => r.map((cell, c) => (wrappable[c] ? wrapCell(cell, widths[c]!) : cell));
  const t = new Table({ ...options, ...(head.length > 0 ? { head: wrapped(head) } : {}), colWidths: widths.map((w) => w + 2) });
  for (const r of rows) t.push(wrapped(r));
  return t.toString();
}

/** The width of the table of `rows` at its natural column widths (what fitTable gives when there is room). */
export function naturalWidth(rows: string[][], head: string[] = []): number {
  const n = Math.max(head.length, ...rows.map((r) => r.length));
  const all = head.length > 0 ? [head, ...rows] : rows;
  let w = n + 1 + 2 * n;
  for (let c = 0; c < n; c++) w += Math.max(1, ...all.map((r) => cellWidth(r[c] ?? '')));
  return w;
}

/** The narrow layout: each row as `name: value` lines, values wrapped under their name. */
function blocks(rows: string[][], head: string[], width: number): string {
  const label = Math.min(Math.max(0, ...head.map(strlen)), Math.floor(width / 3));
  const out: string[] = [];
  for (const r of rows) {
    r.forEach((cell, c) => {
      if (cell === '') return;
      const name = (head[c] ?? '').padEnd(label);
      const lines = cell.split('\n').flatMap((l) => wrapWords(l, Math.max(10, width - label - 2)));
      lines.forEach((l, i) => out.push(`${i === 0 ? `${name}: ` : ' '.repeat(label + 2)}${l}`));
    });
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** A line of text wrapped to `width` (null: as it is), continuation lines indented by `indent` spaces. */
export function wrapLine(text: string, width: number | null, indent = 4): string {
  if (width === null || strlen(text) <= width) return text;
  const first = /^ */.exec(text)![0];
  const lines = wrapWords(text.slice(first.length), width - first.length);
  const rest = wrapWords(lines.slice(1).join(' '), width - indent);
  return [`${first}${lines[0]}`, ...rest.map((l) => `${' '.repeat(indent)}${l}`)].join('\n');
}
