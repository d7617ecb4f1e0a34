/**
 * Cells of CSV text, shared by every csv output (calc, compare, timeline, --range): quoted when they must be, and,
 * for the user's own text, neutralised for spreadsheets (OWASP CSV injection).
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell of the user's own text (ids, passed-through columns, rejected input),
 * neutralised for spreadsheets: a leading =, +, -, @, tab or carriage return
 * gets a single quote in front (OWASP CSV injection), unless `raw`. Our own
 * numeric fields are never passed through this.
 */
export function userCell(s: string, raw: boolean): string {
  if (!PLAIN_OR_SPECIAL.test(s)) return s; // the common case: one test, nothing to quote or neutralise
  return csvCell(!raw && FORMULA_START.test(s) ? `'${s}` : s);
}

/** Matches text that needs quoting or may need neutralising. */
export const PLAIN_OR_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;
