import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileEngine, type Engine } from '../src/core/compile.js';
import { HtsLines } from '../src/core/hts-lines.js';
import { mergeParts } from '../src/core/parts.js';
import { applyScenario } from '../src/core/scenario.js';
import { MfnTableSchema, OriginsSchema, ProductListSchema, ScenarioSchema, SchedulePartSchema, ScheduleSchema, type ProductList } from '../src/schema/schedule.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = resolve(ROOT, 'bin/tariff.js');

const readJson = (rel: string): unknown => JSON.parse(readFileSync(resolve(ROOT, rel), 'utf8'));

/** The bundled schedule (data/schedules/us.json) with its parts (data/schedules/parts/*.json) merged. */
const merged = (() => {
  const own = ScheduleSchema.parse(readJson('data/schedules/us.json'));
  const m = mergeParts(own, (own.parts ?? []).map((id) => SchedulePartSchema.parse(readJson(`data/schedules/parts/${id}.json`))));
  if (m.issues.length > 0) throw new Error(JSON.stringify(m.issues));
  return m;
})();
export const schedule = merged.schedule;
/** Per-origin evidence dates of the bundled parts. */
export const originDates = merged.originDates;
/** data/origins.json: ISO 3166-1 codes and names, groups. */
export const origins = OriginsSchema.parse(readJson('data/origins.json'));
export const mfnTable = MfnTableSchema.parse(readJson('data/mfn/hts-2026-rev-10.json'));
/** The bundled official lines (data/mfn/hts-2026-rev-10.lines.tsv). */
export const mfnLines = new HtsLines(readFileSync(resolve(ROOT, 'data/mfn/hts-2026-rev-10.lines.tsv')), () =>
  readFileSync(resolve(ROOT, 'data/mfn/hts-2026-rev-10.details.tsv'), 'utf8'),
);
/** Every bundled product list (data/lists/*.json), by id. */
export const lists: ReadonlyMap<string, ProductList> = new Map(
  (existsSync(resolve(ROOT, 'data/lists')) ? readdirSync(resolve(ROOT, 'data/lists')) : [])
    .filter((f) => f.endsWith('.json'))
    .map((f) => ProductListSchema.parse(readJson(`data/lists/${f}`)))
    .map((l) => [l.id, l]),
);

/** The bundled engine, optionally under a bundled scenario. */
export function bundledEngine(scenario = 'as-enacted'): Engine {
  let s = schedule;
  if (scenario !== 'as-enacted') {
    const applied = applyScenario(s, ScenarioSchema.parse(readJson(`data/scenarios/${scenario}.json`)));
    if (!applied.ok) throw new Error(JSON.stringify(applied.issues));
    s = applied.value;
  }
  const e = compileEngine(s, mfnTable, scenario, null, lists, { mfnLines, origins, originDates });
  if (!e.ok) throw new Error(JSON.stringify(e.issues));
  return e.value;
}

/**
 * A copy of the built package in a new temporary folder (dist/, data/ with its file times, package.json, and
 * node_modules linked), after `edit`: its dist/ reads the copy's data/. The folder is pushed on `dirs` for removal.
 */
export function copyBuilt(prefix: string, dirs: string[], edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  cpSync(resolve(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(resolve(ROOT, 'data'), join(dir, 'data'), { recursive: true, preserveTimestamps: true });
  cpSync(resolve(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'));
  edit(dir);
  return dir;
}
