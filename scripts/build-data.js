// Build step for data/ (run by `npm run build`, after tsc):
// 1. writes data/schema/*.schema.json from the zod schemas (a test checks the committed files are current);
// 2. validates every bundled schedule, MFN table and scenario with zod and the semantic checks, failing the
//    build on any problem, and records each file's SHA-256 in dist/validated-data.json. At run time a bundled
//    file whose bytes still match is not validated again (no zod at start-up); any other file is. With each
//    schedule part's stamp it records the origins the part is about (SchedulePartOrigins:<file>), so that one
//    import given by flags reads only the parts about its origin (src/io/load.ts, partsAbout); with each product
//    list's, the dates of its dated entries (ListDates:<file>), so that a run parses a list only when a measure in
//    force on a row's date needs it (loadListSources); and with every
//    stamp the file's size, modification and change times and inode (Stat:<file>): a file that still has them all
//    is not even hashed (a copy or `touch -r` cannot restore a change time or an inode);
// 3. writes each product list's codes as digits to dist/lists/<id>.digits (see the end).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileEngine, listRefs } from '../dist/core/compile.js';
import { HtsLines } from '../dist/core/hts-lines.js';
import { formatPath } from '../dist/values/issues.js';
import { prefixDigits } from '../dist/values/hts.js';
import { locateIssue, mergeParts } from '../dist/core/parts.js';
import { applyScenario } from '../dist/core/scenario.js';
import { jsonSchemas } from '../dist/schema/json-schema.js';
import { FeesSchema, MfnTableSchema, OriginsSchema, ProductListSchema, ScenarioSchema, SchedulePartSchema, ScheduleSchema } from '../dist/schema/schedule.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data');

for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(DATA, 'schema', file), `${JSON.stringify(schema, null, 2)}\n`);
}

const stamps = {};
const problems = [];
function load(schema, name, file) {
  const text = readFileSync(file, 'utf8');
  const r = schema.safeParse(JSON.parse(text.replace(/^\uFEFF/, '')));
  if (!r.success) {
    for (const i of r.error.issues) problems.push(`${relative(ROOT, file)}: ${formatPath(i.path)}: ${i.message}`);
    return null;
  }
  const key = relative(DATA, file).split('\\').join('/');
  stamps[`${name}:${key}`] = createHash('sha256').update(text).digest('hex');
  // With the file's size and modification time: unchanged, it is not even hashed at run time (src/io/load.ts).
  const st = statSync(file);
  stamps[`Stat:${key}`] = `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  // The origins a part is about, for these bytes: a one-import run reads only the parts about its origin (load.ts).
  // A part that defines categories is about every origin: a one-import run must read it, or a code could fall in
  // another category than in a file run.
  // The dates of a list's dated entries (the distinct `from`s): a run knows where the list changes before it reads
  // the list, which it does only when a measure in force on a row's date needs it (src/io/load.ts, loadListSources).
  if (name === 'ProductListSchema') stamps[`ListDates:${key}`] = JSON.stringify([...new Set(r.data.entries.flatMap((e) => (e.from === undefined ? [] : [e.from])))].sort());
  if (name === 'SchedulePartSchema') stamps[`SchedulePartOrigins:${key}`] = JSON.stringify(r.data.categories === undefined ? (r.data.origins ?? null) : null);
  return r.data;
}

/** A bundled lines file (scripts/gen-hts-table.js): every record `8 digits TAB rate TAB suffixes`, sorted, unique. */
function officialLines(file) {
  const text = readFileSync(file, 'utf8');
  let prev = '';
  text.split('\n').forEach((rec, i) => {
    if (rec === '' && i === text.split('\n').length - 1) return;
    const m = /^(\d{8})\t([^\t]+)\t((?:\d\d)*)$/.exec(rec);
    if (!m) problems.push(`${relative(ROOT, file)}: line ${i + 1}: expected "8 digits TAB rate TAB suffixes", got ${JSON.stringify(rec.slice(0, 60))}`);
    else if (m[1] <= prev) problems.push(`${relative(ROOT, file)}: line ${i + 1}: ${m[1]} is not after ${prev} (the file must be sorted, one record per line)`);
    else prev = m[1];
  });
  return new HtsLines(readFileSync(file), () => readFileSync(file.replace(/\.lines\.tsv$/, '.details.tsv'), 'utf8'));
}

const jsonIn = (dir) =>
  existsSync(join(DATA, dir)) ? readdirSync(join(DATA, dir)).filter((f) => f.endsWith('.json')).map((f) => join(DATA, dir, f)) : [];
const origins = load(OriginsSchema, 'OriginsSchema', join(DATA, 'origins.json'));
const scenarios = jsonIn('scenarios').map((f) => [f, load(ScenarioSchema, 'ScenarioSchema', f)]);
// Every bundled product list is validated and stamped, named by a schedule or not (a scenario or a user's schedule may).
const lists = new Map();
for (const file of jsonIn('lists')) {
  const list = load(ProductListSchema, 'ProductListSchema', file);
  if (!list) continue;
  const id = file.slice(join(DATA, 'lists').length + 1, -'.json'.length);
  if (list.id !== id) problems.push(`${relative(ROOT, file)}: id: the list's id "${list.id}" is not its file name "${id}"`);
  lists.set(list.id, list);
}
const listsOf = (schedule) => new Map(listRefs(schedule).filter((r) => lists.has(r.id)).map((r) => [r.id, lists.get(r.id)]));
const partFile = (id) => join(DATA, 'schedules', 'parts', `${id}.json`);
for (const file of jsonIn('schedules')) {
  const own = load(ScheduleSchema, 'ScheduleSchema', file);
  if (!own) continue;
  // A schedule in parts (data/schedules/parts/<id>.json): each part validated and stamped, then merged.
  const parts = [];
  for (const id of own.parts ?? []) {
    if (!existsSync(partFile(id))) {
      problems.push(`${relative(ROOT, file)}: parts: no bundled schedule part "${id}" (data/schedules/parts/${id}.json)`);
      continue;
    }
    const part = load(SchedulePartSchema, 'SchedulePartSchema', partFile(id));
    if (part && part.id !== id) problems.push(`${relative(ROOT, partFile(id))}: id: the part's id "${part.id}" is not its file name "${id}"`);
    if (part) parts.push(part);
  }
  const merged = mergeParts(own, parts);
  const where = (i) => relative(ROOT, i.part === null ? file : partFile(i.part));
  for (const i of merged.issues) problems.push(`${where(i)}: ${formatPath(i.path)}: ${i.message}`);
  const schedule = merged.schedule;
  const table = schedule.mfnTable ? load(MfnTableSchema, 'MfnTableSchema', join(DATA, 'mfn', `${schedule.mfnTable}.json`)) : null;
  const lines = table?.official ? officialLines(join(DATA, 'mfn', table.official.lines)) : null;
  const fees = schedule.fees ? load(FeesSchema, 'FeesSchema', join(DATA, 'fees', `${schedule.fees}.json`)) : null;
  const report = (f, issues) => issues.forEach((i) => problems.push(`${relative(ROOT, f)}: ${formatPath(i.path)}: ${i.message}`));
  const base = compileEngine(schedule, table, 'as-enacted', fees, listsOf(schedule), { mfnLines: lines, origins, originDates: merged.originDates });
  if (!base.ok) for (const i of base.issues.map((i) => locateIssue(merged, i))) problems.push(`${where(i)}: ${formatPath(i.path)}: ${i.message}`);
  for (const [f, scenario] of scenarios) {
    if (!scenario || scenario.base !== schedule.id) continue;
    const applied = applyScenario(schedule, scenario);
    if (!applied.ok) report(f, applied.issues);
    else {
      const compiled = compileEngine(applied.value, table, scenario.id, fees, listsOf(applied.value), { mfnLines: lines, origins, originDates: merged.originDates });
      if (!compiled.ok) report(f, compiled.issues);
    }
  }
}

if (problems.length > 0) {
  console.error(`bundled data has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  writeFileSync(join(ROOT, 'dist', 'validated-data.json'), `${JSON.stringify(stamps, null, 2)}\n`);
  // Each product list's codes as digits (dist/lists/<id>.digits), so that a run indexes a list without parsing it
  // (src/io/load.ts, listDigitsAtBuild): a first line with the list's stamp (a file of another build is not used) and
  // its number of entries, then one line per entry, in the list's order: its digits, and a tab and its `from` if any.
  const out = join(ROOT, 'dist', 'lists');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  for (const [id, list] of lists) {
    const lines = list.entries.map((e) => (e.from === undefined ? prefixDigits(e.hts) : `${prefixDigits(e.hts)}\t${e.from}`));
    writeFileSync(join(out, `${id}.digits`), `${stamps[`ProductListSchema:lists/${id}.json`]} ${lines.length}\n${lines.join('\n')}\n`);
  }
}
