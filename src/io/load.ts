/**
 * Reading schedule, MFN table and scenario files: JSON parse, zod validation,
 * semantic checks. Every problem names the file and the JSON path.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileEngine, listRefs, type DeferredList, type Engine, type ListDigits } from '../core/compile.js';
import { HtsLines } from '../core/hts-lines.js';
import { formatPath, type DataIssue } from '../values/issues.js';
import { locateIssue, mergeParts, type Merged, type PartIssue } from '../core/parts.js';
import type { Fees, MfnTable, Origins, ProductList, Scenario, Schedule, SchedulePart } from '../schema/schedule.js';

/** The bundled data directory (data/ at the package root). */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');
export const DEFAULT_SCHEDULE = resolve(DATA_DIR, 'schedules/us.json');
export const PARTS_DIR = resolve(DATA_DIR, 'schedules/parts');
export const SCENARIO_DIR = resolve(DATA_DIR, 'scenarios');
export const MFN_DIR = resolve(DATA_DIR, 'mfn');
export const FEES_DIR = resolve(DATA_DIR, 'fees');
export const LISTS_DIR = resolve(DATA_DIR, 'lists');
export const ORIGINS_FILE = resolve(DATA_DIR, 'origins.json');

/** A data file that could not be used; carries every problem found. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: DataIssue[],
  ) {
    super(issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`).join('\n'));
    this.name = 'DataFileError';
  }
}

/**
 * Bundled data files validated at build time (scripts/build-data.js writes
 * their SHA-256 to dist/validated-data.json). A file whose bytes still match
 * is not validated again, so a run does not load zod; any other file, or an
 * edited bundled one, is validated in full. The build also records each file's
 * size and modification time: a file that still has both is the one it
 * checked (as git and make tell a file unchanged: an edit changes its time),
 * and is not even hashed, so a run does not load node:crypto either; a file
 * with other times (a packed and installed copy) is hashed.
 */
let stamps: Record<string, string> | undefined;
function buildStamps(): Record<string, string> {
  if (stamps === undefined) {
    try {
      stamps = JSON.parse(readFileSync(new URL('../validated-data.json', import.meta.url), 'utf8')) as Record<string, string>;
    } catch {
      stamps = {};
    }
  }
  return stamps;
}
async function validatedAtBuild(kind: SchemaName, file: string, text: string | Buffer | (() => Buffer)): Promise<boolean> {
  // Keyed by the schema too: a bundled scenario given as a schedule is validated (and refused) as a schedule.
  const rel = dataKey(file);
  const stamp = buildStamps()[`${kind}:${rel}`];
  if (stamp === undefined) return false;
  if (unchangedSinceBuild(rel, file)) return true;
  const { createHash } = await import('node:crypto');
  return stamp === createHash('sha256').update(typeof text === 'function' ? text() : text).digest('hex');
}

/**
 * A file's key in the stamps: its path under data/, with forward slashes. A path this module made (data/ and a
 * normalised tail) is cut as it is; any other is resolved first (path.resolve, a few dozen calls a run, was about a
 * millisecond of start-up).
 */
function dataKey(file: string): string {
  const plain = file.startsWith(DATA_PREFIX) && !/[\\/]\.\.?(?:[\\/]|$)/.test(file);
  return (plain ? file.slice(DATA_PREFIX.length) : relative(DATA_DIR, resolve(file))).split('\\').join('/');
}
const DATA_PREFIX = `${DATA_DIR}${sep}`;

/**
 * `name` in the folder `dir` (absolute and normalised, as path.resolve gives it): a plain file name is joined, any
 * other (a separator in it) resolved. The same path as path.resolve(dir, name), without its cost: a one-import run
 * names over a hundred parts and lists (path.resolve, about 5 µs a call at start-up, was half a millisecond).
 */
function fileIn(dir: string, name: string): string {
  return /[\\/]/.test(name) ? resolve(dir, name) : `${dir}${sep}${name}`;
}

/**
 * The file has the size, modification time, change time and inode the build saw when it stamped it. The change
 * time and inode are there because a copy (`cp -p`, `rsync -a`, `tar x`) or `touch -r` can restore a modification
 * time but never a change time, and a copy is a new inode: such a file is hashed, and validated if it differs.
 */
function unchangedSinceBuild(rel: string, file: string): boolean {
  const recorded = buildStamps()[`Stat:${rel}`];
  if (recorded === undefined) return false;
  try {
    const st = statSync(file);
    return st.isFile() && recorded === `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch {
    return false;
  }
}

/**
 * The `origins` of a bundled part as the build read them (scripts/build-data.js records them next to the part's
 * stamp): an array, null (the part names none), or undefined when the file is not the one the build checked
 * (validatedAtBuild: its size and time, else its bytes).
 */
async function originsAtBuild(file: string): Promise<readonly string[] | null | undefined> {
  const recorded = buildStamps()[`SchedulePartOrigins:${dataKey(file)}`];
  if (recorded === undefined) return undefined;
  let same: boolean;
  try {
    same = await validatedAtBuild('SchedulePartSchema', file, () => readFileSync(file));
  } catch {
    return undefined;
  }
  return same ? (JSON.parse(recorded) as string[] | null) : undefined;
}

type SchemaName = 'ScheduleSchema' | 'SchedulePartSchema' | 'ScenarioSchema' | 'MfnTableSchema' | 'FeesSchema' | 'ProductListSchema' | 'OriginsSchema';

/** The most a schedule, scenario, MFN table or USITC export file may hold (the 2026 USITC export is 13 MB). */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;

/** A data file that cannot be read, with the reason as the user should see it (without the file's name). */
export class DataReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DataReadError';
  }
}

/**
 * Reads a data file as UTF-8 text, at most MAX_DATA_FILE_BYTES. A regular file's size is checked before
 * reading; anything else (a pipe such as `<(cat file)`, a device) is read up to the limit and refused past it,
 * so `/dev/zero` ends in a message instead of filling memory (QA-2026-12 #7). Read synchronously: the files are
 * small, and each asynchronous read costs a few event-loop turns at start-up.
 */
export function readDataFile(file: string, max = MAX_DATA_FILE_BYTES): string {
  const piped = pipeTexts.get(file);
  if (piped !== undefined) return piped;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw readError(e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new DataReadError('is a directory, not a file', 'EISDIR');
    const limit = `${max / 1024 / 1024} MiB`;
    if (st.isFile()) {
      if (st.size > max) throw new DataReadError(`is ${st.size} bytes, more than the ${limit} a schedule, scenario or HTS file may hold`, 'EFBIG');
      return readFileSync(fd, 'utf8');
    }
    // Not a regular file: read what it gives, up to the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > max) {
        throw new DataReadError(
          `is not a regular file and gave more than ${limit} without ending (a device such as /dev/zero?); a schedule, scenario or HTS file may hold at most ${limit}`,
          'EFBIG',
        );
      }
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    pipeTexts.set(file, text);
    return text;
  } catch (e) {
    throw e instanceof DataReadError ? e : readError(e);
  } finally {
    closeSync(fd);
  }
}

/**
 * What a pipe gave, by path: it can be read only once, and a run may read a file twice (`schedule validate` looks
 * at its kind, then validates it), so the second read gets what the first one got.
 */
const pipeTexts = new Map<string, string>();

function readError(e: unknown): DataReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DataReadError('file not found', code);
  if (code === 'EISDIR') return new DataReadError('is a directory, not a file', code);
  if (code === 'EACCES') return new DataReadError('permission denied', code);
  return new DataReadError(`cannot read the file (${code ?? String(e)})`, code);
}

async function readJson(file: string): Promise<{ data: unknown; text: string }> {
  return parseJson(readText(file), file);
}

function readText(file: string): string {
  try {
    return readDataFile(file);
  } catch (e) {
    throw new DataFileError(file, [{ path: [], message: (e as Error).message }]);
  }
}

function parseJson(text: string, file: string): { data: unknown; text: string } {
  try {
    return { data: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown, text };
  } catch (e) {
    throw new DataFileError(file, [{ path: [], message: `not valid JSON: ${(e as Error).message}` }]);
  }
}

/** Files whose bytes matched the build's stamps this run: every check passed on them at build time. */
const stampedFiles = new Set<string>();

async function check<T>(schemaName: SchemaName, { data, text }: { data: unknown; text: string }, file: string): Promise<T> {
  if (await validatedAtBuild(schemaName, file, text)) {
    stampedFiles.add(resolve(file));
    return data as T;
  }
  const schema = (await import('../schema/schedule.js'))[schemaName];
  const r = schema.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
    const hint = wrongKindHint(schemaName, data);
    throw new DataFileError(file, hint === null ? issues : [{ path: [], message: hint }, ...issues]);
  }
  return r.data as T;
}

/** When a file of one kind is given where another is expected, say so first. */
function wrongKindHint(expected: SchemaName, data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const has = (k: string) => k in data;
  const kind = has('changes') && has('base') ? 'scenario' : has('entries') ? 'MFN table' : has('measures') ? (has('layers') ? 'schedule' : 'schedule part') : null;
  const wanted = { ScheduleSchema: 'schedule', SchedulePartSchema: 'schedule part', ScenarioSchema: 'scenario', MfnTableSchema: 'MFN table', FeesSchema: 'fees', ProductListSchema: 'product list', OriginsSchema: 'origin codes' }[expected];
  if (kind === null || kind === wanted) return null;
  const flag = { schedule: '--schedule', 'schedule part': 'parts in a schedule', scenario: '--scenario-file', 'MFN table': 'mfnTable in a schedule' }[kind];
  const a = (w: string) => (/^[AEIOUM]/.test(w) ? `an ${w}` : `a ${w}`);
  return `this looks like ${a(kind)} file, not ${a(wanted)}: give it with ${flag}`;
}

/** A bundled data file named by id in a schedule (mfnTable, fees, a product list): never a path. */
async function loadBundled<T>(schemaName: SchemaName, dir: string, id: string, scheduleFile: string, field: string | (string | number)[]): Promise<T> {
  const file = fileIn(dir, `${id}.json`);
  try {
    return await check<T>(schemaName, await readJson(file), file);
  } catch (e) {
    if (e instanceof DataFileError && e.file === file && e.issues[0]?.message === 'file not found') {
      const path = typeof field === 'string' ? [field] : field;
      const what = typeof field === 'string' ? field : field[0] === 'parts' ? 'schedule part' : 'product list';
      throw new DataFileError(scheduleFile, [{ path, message: `no bundled ${what} "${id}" (data/${relative(DATA_DIR, dir)}/${id}.json)` }]);
    }
    throw e;
  }
}

/** Bundled product lists by id, read once per process: every scenario of a run shares them. */
const listCache = new Map<string, Promise<ProductList>>();
/** The same, for engines: a list the build checked is deferred (parsed on first use), any other is read and checked now. */
const listSourceCache = new Map<string, Promise<ProductList | DeferredList>>();

/**
 * The product lists a schedule's measures name, for an engine: a list whose bytes are those the build checked and
 * whose entries' dates it recorded is parsed only when the engine first needs it (compileEngine: a measure in force on
 * a row's date looks at its scope, or the list is shown); any other (a list edited since the build) is parsed and
 * validated now, as loadLists does. A list known by its size, times and inode is not even read before then; one known
 * by its hash (an installed copy) is read now, to hash it.
 */
export async function loadListSources(schedule: Schedule, file: string): Promise<Map<string, ProductList | DeferredList>> {
  const out = new Map<string, ProductList | DeferredList>();
  for (const { id, path } of listRefs(schedule)) {
    if (out.has(id)) continue;
    let p = listSourceCache.get(id);
    if (p === undefined) {
      p = listSource(id, file, path);
      listSourceCache.set(id, p);
      p.catch(() => listSourceCache.delete(id));
    }
    out.set(id, await p);
  }
  return out;
}

async function listSource(id: string, scheduleFile: string, path: (string | number)[]): Promise<ProductList | DeferredList> {
  const file = fileIn(LISTS_DIR, `${id}.json`);
  const dates = listDatesAtBuild(file);
  if (dates === undefined) return loadListNow(id, scheduleFile, path);
  const rel = dataKey(file);
  if (buildStamps()[`ProductListSchema:${rel}`] !== undefined && unchangedSinceBuild(rel, file)) {
    stampedFiles.add(file);
    let list: ProductList | undefined;
    return { dates, list: () => (list ??= readUnchangedList(file, rel)), digits: () => listDigitsAtBuild(id, rel) };
  }
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    if (e instanceof DataFileError && e.issues[0]?.message === 'file not found') return loadListNow(id, scheduleFile, path); // names it in the schedule
    throw e;
  }
  if (!(await validatedAtBuild('ProductListSchema', file, text))) return loadListNow(id, scheduleFile, path);
  stampedFiles.add(file);
  // The bytes the build parsed, validated and found named by their file (scripts/build-data.js): parsing them cannot fail.
  let list: ProductList | undefined;
  return { dates, list: () => (list ??= JSON.parse(text.replace(/^\uFEFF/, '')) as ProductList), digits: () => listDigitsAtBuild(id, rel) };
}

/** Where the build writes each product list's codes as digits (scripts/build-data.js). */
const DIGITS_DIR = fileURLToPath(new URL('../lists', import.meta.url));

/**
 * The codes of a bundled list whose bytes are those the build stamped, as the build wrote them from those bytes
 * (dist/lists/<id>.digits): indexing the list then does not parse it. Null when the file is missing, incomplete or
 * of another build (its first line is not the list's stamp and number of entries): the engine makes them from the list.
 */
function listDigitsAtBuild(id: string, rel: string): ListDigits | null {
  let text: string;
  try {
    text = readFileSync(fileIn(DIGITS_DIR, `${id}.digits`), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  if (lines[0] !== `${buildStamps()[`ProductListSchema:${rel}`]} ${lines.length - 2}` || lines.at(-1) !== '') return null;
  const digits = new Array<string>(lines.length - 2);
  const from = new Map<string, string>();
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    const d = tab < 0 ? line : line.slice(0, tab);
    digits[i - 1] = d;
    if (tab >= 0) from.set(d, line.slice(tab + 1));
  }
  return { digits, from };
}

/**
 * A list the build checked, read when the engine first needs it: the file that had the build's size, times and inode
 * when the engine was loaded must still have them once read (a file changed since would be bytes nobody validated).
 */
function readUnchangedList(file: string, rel: string): ProductList {
  const text = readText(file);
  if (!unchangedSinceBuild(rel, file)) throw new DataFileError(file, [{ path: [], message: 'changed while tariff was running; run it again' }]);
  // The bytes the build parsed, validated and found named by their file (scripts/build-data.js): parsing them cannot fail.
  return JSON.parse(text.replace(/^\uFEFF/, '')) as ProductList;
}

async function loadListNow(id: string, scheduleFile: string, path: (string | number)[]): Promise<ProductList> {
  const list = await loadBundled<ProductList>('ProductListSchema', LISTS_DIR, id, scheduleFile, path);
  if (list.id !== id) throw new DataFileError(resolve(LISTS_DIR, `${id}.json`), [{ path: ['id'], message: `the list's id "${list.id}" is not its file name "${id}"` }]);
  return list;
}

/** The dates of a bundled list's dated entries as the build recorded them (ListDates:<file>), or undefined. */
function listDatesAtBuild(file: string): readonly string[] | undefined {
  const recorded = buildStamps()[`ListDates:${dataKey(file)}`];
  return recorded === undefined ? undefined : (JSON.parse(recorded) as string[]);
}

/**
 * The bundled product lists (data/lists/<id>.json) a schedule's measures name, by id. `file` is the schedule or
 * scenario file that names them, for the error when one does not exist.
 */
export async function loadLists(schedule: Schedule, file: string): Promise<Map<string, ProductList>> {
  const out = new Map<string, ProductList>();
  for (const { id, path } of listRefs(schedule)) {
    if (out.has(id)) continue;
    let p = listCache.get(id);
    if (p === undefined) {
      p = loadBundled<ProductList>('ProductListSchema', LISTS_DIR, id, file, path);
      listCache.set(id, p);
      p.catch(() => listCache.delete(id));
    }
    const list = await p;
    if (list.id !== id) throw new DataFileError(resolve(LISTS_DIR, `${id}.json`), [{ path: ['id'], message: `the list's id "${list.id}" is not its file name "${id}"` }]);
    out.set(id, list);
  }
  return out;
}

/** data/origins.json (ISO 3166-1 codes, names, groups), read once per process. */
let originsCache: Promise<Origins> | undefined;
export function loadOrigins(): Promise<Origins> {
  originsCache ??= readJson(ORIGINS_FILE).then((j) => check<Origins>('OriginsSchema', j, ORIGINS_FILE));
  return originsCache;
}

/** Loaded schedules by path (and origins, when only some were asked for): compare and timeline build one engine per scenario from the same files. */
const scheduleCache = new Map<string, Promise<LoadedSchedule>>();

/**
 * A schedule with its parts, merged. `origins`: the only origins the caller will price (one import given by flags);
 * then, when the schedule and every part are the bundled bytes the build checked, only the parts about those origins
 * (and the parts about no origin in particular) are read and merged: the measures of the merge are those of the
 * whole schedule that can cover these origins, in the same order (mergeParts keeps each part's order), and the
 * engine compiled from it prices rows of these origins exactly as the whole one does. Otherwise every part is read.
 */
export function loadSchedule(file: string, origins?: readonly string[]): Promise<LoadedSchedule> {
  const only = origins === undefined ? null : [...new Set(origins)].sort();
  const key = only === null ? resolve(file) : `${resolve(file)}|${only.join(',')}`;
  let p = scheduleCache.get(key);
  if (p === undefined) {
    p = readSchedule(file, only);
    scheduleCache.set(key, p);
    p.catch(() => scheduleCache.delete(key));
  }
  return p;
}

/** Files of a schedule's parts, by part id. */
const partFile = (id: string) => fileIn(PARTS_DIR, `${id}.json`);

/** Throws the problems of a merge, in the first file that has any (the schedule's or a part's). */
function throwIn(file: string, issues: PartIssue[]): void {
  if (issues.length === 0) return;
  const part = issues[0]!.part;
  throw new DataFileError(part === null ? file : partFile(part), issues.filter((i) => i.part === part).map(({ path, message }) => ({ path, message })));
}

async function readSchedule(file: string, only: readonly string[] | null): Promise<LoadedSchedule> {
  const own = await check<Schedule>('ScheduleSchema', await readJson(file), file);
  const wanted = only === null ? null : await partsAbout(file, own, only);
  const parts: SchedulePart[] = [];
  for (const [i, id] of (own.parts ?? []).entries()) {
    if (wanted !== null && !wanted.has(id)) continue;
    const part = await loadBundled<SchedulePart>('SchedulePartSchema', PARTS_DIR, id, file, ['parts', i]);
    if (part.id !== id) throw new DataFileError(partFile(id), [{ path: ['id'], message: `the part's id "${part.id}" is not its file name "${id}"` }]);
    parts.push(part);
  }
  const merged = mergeParts(own, parts);
  throwIn(file, merged.issues);
  const schedule = merged.schedule;
  let mfnTable: MfnTable | null = null;
  let mfnLines: HtsLines | null = null;
  if (schedule.mfnTable !== undefined) {
    mfnTable = await loadBundled<MfnTable>('MfnTableSchema', MFN_DIR, schedule.mfnTable, file, 'mfnTable');
    mfnLines = readOfficialLines(mfnTable, resolve(MFN_DIR, `${schedule.mfnTable}.json`));
  }
  const fees = schedule.fees === undefined ? null : await loadBundled<Fees>('FeesSchema', FEES_DIR, schedule.fees, file, 'fees');
  const partOrigins = wanted === null ? null : new Set(only);
  return { schedule, merged, mfnTable, fees, mfnLines, mfnFile: mfnTable === null ? null : resolve(MFN_DIR, `${schedule.mfnTable}.json`), partOrigins };
}

/**
 * The parts of a bundled schedule that can cover any of `origins`: those whose `origins` name one of them, and those
 * that name none (their measures may cover any origin). Null (read every part) unless the schedule and every part are
 * the bytes the build checked, whose origins it recorded (so a part edited since is read, and validated, as before),
 * and every origin asked for is one of the schedule's (else the refusal names them all, from the whole schedule).
 * The parts not wanted are not parsed (see originsAtBuild for how their recorded origins are known to be theirs).
 */
async function partsAbout(file: string, own: Schedule, origins: readonly string[]): Promise<Set<string> | null> {
  if (!stampedFiles.has(resolve(file)) || own.parts === undefined || !origins.every((o) => own.origins.includes(o))) return null;
  const wanted = new Set<string>();
  const skipped: string[] = [];
  for (const id of own.parts) {
    const f = partFile(id);
    const about = await originsAtBuild(f);
    if (about === undefined) return null; // reading every part names the problem (a file missing, edited, ...)
    if (about === null || about.some((o) => origins.includes(o))) wanted.add(id);
    else skipped.push(f);
  }
  for (const f of skipped) stampedFiles.add(f);
  return wanted;
}

interface LoadedSchedule {
  /** With its parts' measures and categories. */
  schedule: Schedule;
  /** Where each measure was written. */
  merged: Merged;
  mfnTable: MfnTable | null;
  fees: Fees | null;
  /** The official lines of the MFN table, when it has them. */
  mfnLines: HtsLines | null;
  mfnFile: string | null;
  /** Only the parts about these origins were merged (loadSchedule's `origins`); null: every part. */
  partOrigins: ReadonlySet<string> | null;
}

/**
 * The lines file of a table with `official` (next to the table file), read now: it is small (one record per
 * line) and indexed only on the first lookup. The details file is read only if a description or the Special
 * column is asked for.
 */
function readOfficialLines(table: MfnTable, tableFile: string): HtsLines | null {
  if (table.official === undefined) return null;
  const dir = dirname(tableFile);
  const linesFile = resolve(dir, table.official.lines);
  const detailsFile = resolve(dir, table.official.details);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(linesFile); // bytes, not text: searched in place, never decoded as a whole
  } catch (e) {
    throw new DataFileError(tableFile, [{ path: ['official', 'lines'], message: `cannot read ${linesFile} (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return new HtsLines(bytes, () => {
    try {
      return readFileSync(detailsFile, 'utf8');
    } catch (e) {
      throw new DataFileError(tableFile, [{ path: ['official', 'details'], message: `cannot read ${detailsFile} (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
    }
  });
}

export async function loadMfnTable(file: string): Promise<MfnTable> {
  return check<MfnTable>('MfnTableSchema', await readJson(file), file);
}

export async function loadScenarioFile(file: string): Promise<Scenario> {
  return check<Scenario>('ScenarioSchema', await readJson(file), file);
}

/** Bundled scenario ids, from data/scenarios/*.json. */
export async function bundledScenarioIds(): Promise<string[]> {
  const files = readdirSync(SCENARIO_DIR);
  return files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

export interface EngineRequest {
  scheduleFile?: string | undefined;
  /** A bundled scenario id. */
  scenario?: string | undefined;
  /** A user scenario file (wins over `scenario`). */
  scenarioFile?: string | undefined;
  /** An MFN table file (from `tariff hts import`) used instead of the schedule's. */
  htsTable?: string | undefined;
  /**
   * The only origins the engine will price (one import given by flags): without a scenario, only the bundled parts
   * about them are read (loadSchedule), and the engine refuses to resolve a row of another origin (a bug if asked).
   */
  origins?: readonly string[] | undefined;
}

export class UnknownScenarioError extends Error {
  constructor(
    readonly scenario: string,
    readonly known: string[],
  ) {
    super(`unknown scenario "${scenario}"; bundled scenarios: ${known.join(', ')} (or give --scenario-file FILE)`);
    this.name = 'UnknownScenarioError';
  }
}

export async function loadEngine(req: EngineRequest): Promise<Engine> {
  const scheduleFile = req.scheduleFile ?? DEFAULT_SCHEDULE;
  // A scenario changes measures by id, in any part: it is applied to the whole schedule.
  const byOrigin = req.scenarioFile === undefined && (req.scenario === undefined || req.scenario === 'as-enacted') ? req.origins : undefined;
  const loaded = await loadSchedule(scheduleFile, byOrigin);
  const { schedule, fees } = loaded;
  const mfnTable = req.htsTable === undefined ? loaded.mfnTable : await loadMfnTable(req.htsTable);
  const mfnLines = req.htsTable === undefined ? loaded.mfnLines : readOfficialLines(mfnTable!, resolve(req.htsTable));
  const mfnFile = req.htsTable ?? loaded.mfnFile;
  let scenario: Scenario | null = null;
  let scenarioFile: string | null = null;
  if (req.scenarioFile !== undefined) {
    scenarioFile = req.scenarioFile;
    scenario = await loadScenarioFile(scenarioFile);
  } else if (req.scenario !== undefined && req.scenario !== 'as-enacted') {
    const known = await bundledScenarioIds();
    if (!known.includes(req.scenario)) throw new UnknownScenarioError(req.scenario, known);
    scenarioFile = resolve(SCENARIO_DIR, `${req.scenario}.json`);
    scenario = await loadScenarioFile(scenarioFile);
  }
  let effective = schedule;
  if (scenario !== null) {
    const { applyScenario } = await import('../core/scenario.js'); // only with a scenario: not at every start-up
    const applied = applyScenario(schedule, scenario);
    if (!applied.ok) throw new DataFileError(scenarioFile!, applied.issues);
    effective = applied.value;
  }
  const lists = await loadListSources(effective, scenarioFile ?? scheduleFile);
  // The build compiled every bundled schedule with every bundled scenario and list: the same bytes need no
  // consistency checks again (a file of the user's, or an edited bundled one, gets them all).
  const checked = [
    resolve(scheduleFile),
    ...(schedule.parts ?? []).map(partFile), // the parts not read were known unchanged (partsAbout)
    ...(scenarioFile === null ? [] : [resolve(scenarioFile)]),
    ...[...lists.keys()].map((id) => fileIn(LISTS_DIR, `${id}.json`)),
  ].every((f) => stampedFiles.has(f));
  const origins = await loadOrigins();
  const compiled = compileEngine(effective, mfnTable, scenario?.id ?? 'as-enacted', fees, lists, { checked, mfnLines, origins, originDates: loaded.merged.originDates, partOrigins: loaded.partOrigins });
  // Built from the parts about some origins only, a problem may be a reference into a part not read: the whole
  // schedule says (it compiles, or names the problem where it is).
  if (!compiled.ok && loaded.partOrigins !== null) return loadEngine({ ...req, origins: undefined });
  if (!compiled.ok) {
    // Problems of the MFN table's entries are the table's (an --hts-table file is named, not the schedule);
    // problems in the merged schedule come from the scenario when there is one: located at its changes.
    const inTable = compiled.issues.filter((i) => i.path[0] === 'entries');
    if (inTable.length > 0 && mfnFile !== null) throw new DataFileError(mfnFile, inTable);
    if (scenario !== null) {
      const { traceToScenario } = await import('../core/scenario.js'); // already loaded to apply the scenario
      throw new DataFileError(scenarioFile!, traceToScenario(scenario, effective, compiled.issues));
    }
    throwIn(scheduleFile, compiled.issues.map((i) => locateIssue(loaded.merged, i)));
    throw new DataFileError(scheduleFile, compiled.issues);
  }
  return compiled.value;
}
