/**
 * What calc and compare need to compute impact figures: whether a run has them, and the pass-through share
 * (--pass-through, else the default in data/impact/pass-through.json with its source). Loaded only when a run
 * has impact inputs, so other runs read no more files than before.
 */
import { resolve } from 'node:path';
import { parsePct, type RateMicro } from '../values/money.js';
import { UsageError } from '../errors.js';
import { DATA_DIR, DataFileError, readDataFile } from '../io/load.js';
import type { HeaderMap } from '../schema/row.js';

/** The impact flags of one import (README "From duty to impact"), and the share of the added duty passed on: calc and compare. */
export interface ImpactFlags {
  unitPrice?: string | undefined;
  margin?: string | undefined;
  unitCost?: string | undefined;
  freight?: string | undefined;
  insurance?: string | undefined;
  otherCosts?: string | undefined;
  passThrough?: string | undefined;
}

export const PASS_THROUGH_FILE = resolve(DATA_DIR, 'impact/pass-through.json');

/** --pass-through PCT: a share of the added duty in percent (0 to 1000); undefined when not given. */
export function flagPassThrough(value: string | undefined): RateMicro | undefined {
  if (value === undefined) return undefined;
  const r = parsePct(value);
  if (!r.ok) throw new UsageError(`--pass-through: ${r.reason} (the percent of the added duty passed on to the price; 100 = all of it)`);
  return r.value;
}

export interface PassThroughDefault {
  pct: RateMicro;
  /** Where the default comes from, for a note. */
  source: string;
}

let cached: PassThroughDefault | null = null;

/** The bundled default pass-through share, checked (a broken file is a data file error naming its field). */
export function defaultPassThrough(file = PASS_THROUGH_FILE): PassThroughDefault {
  if (cached !== null && file === PASS_THROUGH_FILE) return cached;
  let doc: unknown;
  try {
    doc = JSON.parse(readDataFile(file));
  } catch (e) {
    throw new DataFileError(file, [{ path: [], message: e instanceof Error ? e.message : String(e) }]);
  }
  const d = doc as { defaultPct?: unknown; sources?: { instrument?: unknown }[]; confidence?: unknown };
  const pct = typeof d.defaultPct === 'string' ? parsePct(d.defaultPct) : null;
  if (pct === null || !pct.ok) throw new DataFileError(file, [{ path: ['defaultPct'], message: 'expected a percent string like "100"' }]);
  const source = d.sources?.[0]?.instrument;
  if (typeof source !== 'string' || source === '') throw new DataFileError(file, [{ path: ['sources', 0, 'instrument'], message: 'the default needs its source' }]);
  if (!['primary', 'secondary', 'derived', 'unconfirmed'].includes(String(d.confidence))) {
    throw new DataFileError(file, [{ path: ['confidence'], message: 'expected primary, secondary, derived or unconfirmed' }]);
  }
  const value = { pct: pct.value, source };
  if (file === PASS_THROUGH_FILE) cached = value;
  return value;
}

/** Impact figures are computed when the input has an impact column, or --pass-through is given. */
export function impactWanted(header: HeaderMap | null, passThrough: RateMicro | undefined): boolean {
  return header?.impact === true || passThrough !== undefined;
}
