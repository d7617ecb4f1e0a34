/** Checks of flag values shared by the commands: each returns the typed value or throws a UsageError. */
import { isCalendarDate } from '../values/dates.js';
import { parsePct, type RateMicro } from '../values/money.js';
import { UsageError } from '../errors.js';
import { defaultOrigin } from './defaults.js';

export function flagDate(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) throw new UsageError(`${flag}: expected a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}

export function flagOrigin(value: string | undefined): string {
  const origin = (value ?? defaultOrigin()).toUpperCase();
  if (!/^[A-Z]{2}$/.test(origin)) throw new UsageError(`--origin: expected a two-letter ISO country code like JP, got "${value}"`);
  return origin;
}

export function flagMfnRate(value: string | undefined): RateMicro | null {
  if (value === undefined) return null;
  const r = parsePct(value);
  if (!r.ok) throw new UsageError(`--mfn-rate: ${r.reason}`);
  return r.value;
}

/** --spi: a special program indicator of the column 1 Special column (JP), upper case; null when not given. */
/** --auto-part: yes or no (also true/false, y/n, 1/0, as the column); absent: not given. */
export function flagAutoPart(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(v)) return true;
  if (['no', 'n', 'false', '0'].includes(v)) return false;
  throw new UsageError(`--auto-part: expected yes or no (a part of a passenger vehicle or light truck), got "${value}"`);
}

export function flagSpi(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[A-Za-z]{1,2}[+*]?$/.test(value)) throw new UsageError(`--spi: expected a special program indicator like JP, got "${value}"`);
  return value.toUpperCase();
}
