/**
 * data/defaults.json: the defaults of the command line that are choices of this project, not rules of law (the
 * origin and the mode of transport of a row that names none, the scenarios compare shows), kept in data/ with why and where they are
 * stated, so that no such choice hides in code. Read once, checked by hand (no zod: it is read at start-up).
 */
import { resolve } from 'node:path';
import { MODES, type Mode } from '../values/modes.js';
import { DATA_DIR, DataFileError, readDataFile } from './load.js';

export const DEFAULTS_FILE = resolve(DATA_DIR, 'defaults.json');

export interface Defaults {
  /** ISO 3166-1 alpha-2 code. */
  origin: string;
  /** Mode of transport. */
  mode: Mode;
  /** Bundled scenario ids; the first is the baseline. */
  compareScenarios: string[];
}

const CONFIDENCE = ['primary', 'secondary', 'derived', 'unconfirmed'];
let cached: Defaults | null = null;

/** The defaults, checked: a broken file is a data file error naming its field. */
export function readDefaults(file = DEFAULTS_FILE): Defaults {
  if (cached !== null && file === DEFAULTS_FILE) return cached;
  let doc: Record<string, { value?: unknown; why?: unknown; source?: unknown; confidence?: unknown } | undefined>;
  try {
    doc = JSON.parse(readDataFile(file)) as typeof doc;
  } catch (e) {
    throw new DataFileError(file, [{ path: [], message: e instanceof Error ? e.message : String(e) }]);
  }
  const entry = (key: string) => {
    const d = doc[key];
    if (d === undefined || d === null || typeof d !== 'object') throw new DataFileError(file, [{ path: [key], message: 'missing' }]);
    for (const f of ['why', 'source'] as const) {
      if (typeof d[f] !== 'string' || d[f] === '') throw new DataFileError(file, [{ path: [key, f], message: 'each default says why and where it is stated' }]);
    }
    if (!CONFIDENCE.includes(String(d.confidence))) throw new DataFileError(file, [{ path: [key, 'confidence'], message: `expected ${CONFIDENCE.join(', ')}` }]);
    return d.value;
  };
  const origin = entry('origin');
  if (typeof origin !== 'string' || !/^[A-Z]{2}$/.test(origin)) throw new DataFileError(file, [{ path: ['origin', 'value'], message: 'expected a two-letter ISO country code like "JP"' }]);
  const mode = entry('mode');
  if (!(MODES as readonly unknown[]).includes(mode)) throw new DataFileError(file, [{ path: ['mode', 'value'], message: `expected one of ${MODES.join(', ')}` }]);
  const scenarios = entry('compareScenarios');
  if (!Array.isArray(scenarios) || scenarios.length === 0 || !scenarios.every((s) => typeof s === 'string' && /^[a-z0-9][a-z0-9.-]*$/.test(s))) {
    throw new DataFileError(file, [{ path: ['compareScenarios', 'value'], message: 'expected a list of bundled scenario ids, the baseline first' }]);
  }
  const value = { origin, mode: mode as Mode, compareScenarios: scenarios as string[] };
  if (file === DEFAULTS_FILE) cached = value;
  return value;
}
