/**
 * One escaping rule for text that comes from the user's files (ids, keys, rejected input, file names, schedule
 * labels) on every stream a person reads: the terminal table, messages on stderr, and Markdown.
 *
 * - Control characters are shown escaped, never written raw: C0 (`\x00`-`\x1f`), DEL and C1 (`\x7f`-`\x9f`) as
 *   `\xNN`, so a file cannot retitle the terminal (OSC), clear the screen or erase the lines that report its own
 *   rejected rows (CSI), and a NUL cannot hide inside "1\x0000"; bidirectional overrides and isolates (U+202A-202E,
 *   U+2066-2069, U+200E, U+200F, U+061C) as `\uNNNN`, so text cannot be shown in another order than it is.
 * - Line breaks (LF, CR, CRLF, U+2028, U+2029) are flattened to one space in a cell or key; in a message made of
 *   several lines (`keepLines`) LF stays and the others are escaped.
 * - Markdown additionally escapes HTML (`&`, `<`, `>`, `"`, `'`) and the cell separator `|`.
 *
 * Machine formats (csv, json, ndjson) do not use this: they carry the data exactly (JSON escapes control
 * characters itself; CSV passes them through, see the README).
 */

/** Anything the rule changes: a fast test so that ordinary text is returned as it is. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPECIAL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SPECIAL_ALL = new RegExp(`\\r\\n|${SPECIAL.source}`, 'g');

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** User text made safe to show a person: see the rule above. */
export function displayText(s: string, opts: { keepLines?: boolean } = {}): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(SPECIAL_ALL, (ch) => {
    const lineBreak = ch === '\n' || ch === '\r\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
    if (!lineBreak) return escapeChar(ch);
    if (!opts.keepLines) return ' ';
    return ch === '\n' ? '\n' : ch === '\r\n' ? '\n' : escapeChar(ch);
  });
}

/**
 * Money for a person: `$` and thousands separators ("$1,234,567.89", "-$12.00"). Tables only: csv, json and
 * ndjson keep "1234567.89", which programs read.
 */
export function displayMoney(amount: string): string {
  const negative = amount.startsWith('-');
  const digits = negative ? amount.slice(1) : amount;
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}${dot < 0 ? '' : digits.slice(dot)}`;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '|': '\\|' };

/** A Markdown table cell of user text: the rule above, then HTML entities and an escaped `|`. */
export function markdownCell(s: string): string {
  return displayText(s).replace(/[&<>"'|]/g, (ch) => HTML[ch]!);
}
