/**
 * Exact money and rate arithmetic.
 *
 * Money is integer cents (bigint). Rates are percentages held as integer
 * millionths of a percent ("micro-percent", bigint), so every rate the schedule
 * format allows (up to 6 decimals) is exact. A duty amount is
 * valueCents * rateMicro / 10^8, rounded once, half up, to the cent.
 */

export type Cents = bigint;
/** A percentage in millionths of a percent: 2.5% is 2_500_000n. */
export type RateMicro = bigint;

export const MICRO_PER_PCT = 1_000_000n;
const DIVISOR = 100n * MICRO_PER_PCT; // percent -> fraction, micro -> unit

/** Largest accepted value: 15 integer digits of dollars. */
const MAX_DOLLAR_DIGITS = 15;

const PLAIN_MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;
const GROUPED_MONEY = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;
const PLAIN_PCT = /^(\d+)(?:\.(\d{1,6}))?$/;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Parses a customs value in dollars into cents. Accepts `1234`, `1234.5`,
 * `1234.56`, `$1,234.56` (a leading `$` and well-formed thousands groups),
 * with surrounding spaces. Rejects signs, exponents, hex, NaN/Infinity,
 * decimal commas and more than two decimals.
 */
export function parseMoney(raw: string): ParseResult<Cents> {
  const fast = plainCents(raw);
  return fast >= 0 ? { ok: true, value: BigInt(fast) } : parseMoneyFully(raw);
}

/** parseMoney without its fast path: every form, every reason (exported so tests can hold the two equal). */
export function parseMoneyFully(raw: string): ParseResult<Cents> {
  let s = raw.trim();
  if (s === '') return { ok: false, reason: 'empty; expected a decimal amount like 1234.56' };
  if (s.startsWith('-')) return { ok: false, reason: `negative value "${raw}"; customs values are 0 or more` };
  if (s.startsWith('$')) s = s.slice(1);
  let m = PLAIN_MONEY.exec(s);
  let intPart: string | undefined;
  if (m) intPart = m[1];
  else {
    m = GROUPED_MONEY.exec(s);
    if (m) intPart = m[1]!.replaceAll(',', '');
  }
  if (!m || intPart === undefined) {
    if (/^\d+(\.\d+)?$/.test(s)) {
      return { ok: false, reason: `"${raw}" has more than 2 decimal places; give the value in dollars and cents` };
    }
    return { ok: false, reason: `expected a decimal amount like 1234.56, got "${raw}"` };
  }
  const digits = intPart.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DOLLAR_DIGITS) {
    return { ok: false, reason: `value "${raw}" is too large (more than ${MAX_DOLLAR_DIGITS} digits of dollars)` };
  }
  const frac = (m[2] ?? '').padEnd(2, '0');
  return { ok: true, value: BigInt(digits) * 100n + BigInt(frac) };
}

/**
 * The per-row fast path of parseMoney: `123`, `123.4` or `123.45` with at most 13 integer digits (so that the
 * cents are exact in a double), as cents; -1 for anything else, which the full parser then reads or rejects.
 */
function plainCents(s: string): number {
  const n = s.length;
  let int = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
  }
  if (i === 0 || i > 13) return -1;
  if (i === n) return int * 100;
  if (s.charCodeAt(i) !== 46 /* . */ || n - i < 2 || n - i > 3) return -1;
  const d1 = s.charCodeAt(i + 1) - 48;
  if (d1 < 0 || d1 > 9) return -1;
  if (n - i === 2) return int * 100 + d1 * 10;
  const d2 = s.charCodeAt(i + 2) - 48;
  if (d2 < 0 || d2 > 9) return -1;
  return int * 100 + d1 * 10 + d2;
}

const QUANTITY = /^(\d{1,15})(?:\.(\d{1,6}))?$/;

/**
 * A quantity cell (`120`, `12.5`: at most 15 digits and 6 decimals, no sign) in millionths of a unit; null when the
 * cell is not one. A whole number of at most 9 digits (the common case) is read digit by digit, without the regular
 * expression and the two bigint parses.
 */
export function parseQuantity(s: string): bigint | null {
  const n = s.length;
  if (n > 0 && n <= 9) {
    let units = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      units = units * 10 + c;
    }
    if (i === n) return BigInt(units) * MICRO_PER_PCT;
  }
  const m = QUANTITY.exec(s);
  return m === null ? null : BigInt(m[1]!) * MICRO_PER_PCT + BigInt((m[2] ?? '').padEnd(6, '0'));
}

/** Parses a percentage like `2.5` or `12.5%` (at most 6 decimals, at most 1000). */
export function parsePct(raw: string): ParseResult<RateMicro> {
  let s = raw.trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  if (s === '') return { ok: false, reason: 'empty; expected a percentage like 2.5' };
  if (s.toLowerCase() === 'free') return { ok: true, value: 0n };
  const m = PLAIN_PCT.exec(s);
  if (!m) return { ok: false, reason: `expected a percentage like 2.5 (for 2.5%), got "${raw}"` };
  const value = BigInt(m[1]!) * MICRO_PER_PCT + BigInt((m[2] ?? '').padEnd(6, '0'));
  if (value > 1000n * MICRO_PER_PCT) return { ok: false, reason: `percentage "${raw}" is above 1000` };
  return { ok: true, value };
}

/** Parses a percentage that is known to be valid (schedule data already checked by the schema). */
export function pctFromString(s: string): RateMicro {
  const r = parsePct(s);
  if (!r.ok) throw new Error(`invariant: invalid percentage in validated data: ${s}`);
  return r.value;
}

/**
 * n / d rounded half up: the one rounding of money in this tool (each measure's amount per line, each fee line;
 * the mode is the schedule's `rounding`, an UNCONFIRMED reading of how CBP rounds). Both n >= 0 and d > 0.
 */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

/** n / d rounded half away from zero, for signed figures (differences, changes); d > 0. */
export function roundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  return n < 0n ? -roundHalfUp(-n, d) : roundHalfUp(n, d);
}

/** valueCents * rate%, rounded half up to the cent. Both inputs are >= 0. */
export function applyRate(valueCents: Cents, rate: RateMicro): Cents {
  return roundHalfUp(valueCents * rate, DIVISOR);
}

/** Formats cents as a plain decimal string with two places: 1234567n -> "12345.67". */
export function formatCents(c: Cents): string {
  if (c >= 0n && c <= MAX_SAFE) {
    // Exact in a double below 2^53: integer division and remainder, no bigint string work (the per-row path).
    const n = Number(c);
    const frac = n % 100;
    return `${(n - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
  }
  const neg = c < 0n;
  const a = neg ? -c : c;
  const s = a.toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Formats a micro-percent as the shortest exact decimal: 2_500_000n -> "2.5", 0n -> "0". */
export function formatRate(r: RateMicro): string {
  const neg = r < 0n;
  const a = neg ? -r : r;
  const int = a / MICRO_PER_PCT;
  const frac = (a % MICRO_PER_PCT).toString().padStart(6, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/**
 * Effective rate in percent, duty / value * 100, rounded half up to 4 decimals
 * and printed in its shortest form ("27.5"). A zero value has rate "0".
 */
export function effectiveRate(duty: Cents, value: Cents): string {
  if (value === 0n) return '0';
  // percent with 4 decimals = duty * 100 * 10^4 / value, half up
  const scaled = roundHalfUp(duty * 1_000_000n, value);
  if (scaled >= 0n && scaled <= MAX_SAFE) {
    // The per-row path: integer and 4-decimal parts from a double (exact below 2^53), the decimals from a table.
    const n = Number(scaled);
    const frac = n % 10_000;
    return `${(n - frac) / 10_000}${decimals4(frac)}`;
  }
  return formatRate(scaled * 100n);
}

/**
 * ".5" for 5000, ".0001" for 1, "" for 0: the shortest decimals of a fraction in ten-thousandths, each made
 * once, when first needed (building all 10,000 at once took about 2 ms of a one-import run).
 */
const DECIMALS4 = new Array<string | undefined>(10_000); // holes, filled as used (fast elements, not a dictionary)
function decimals4(f: number): string {
  return (DECIMALS4[f] ??= f === 0 ? '' : `.${String(f).padStart(4, '0').replace(/0+$/, '')}`);
}
