/** `tariff schedule list | show [ID] | validate FILE`. */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compileEngine, compileMfnEntries, type Engine } from '../../../core/compile.js';
import { formatPath, type DataIssue } from '../../../values/issues.js';
import { applyScenario, traceToScenario } from '../../../core/scenario.js';
import { displayText } from '../../render/display.js';
import { rateText, renderScheduleList, renderScheduleShow, scopeText } from '../../render/schedule.js';
import { EXIT, UsageError } from '../../../errors.js';
import { bundledScenarioIds, DATA_DIR, DataFileError, loadEngine, loadLists, loadScenarioFile, loadSchedule, readDataFile, SCENARIO_DIR } from '../../../io/load.js';
import type { CliIo } from '../../io.js';
import type { MfnTable } from '../../../schema/schedule.js';

const SCHEDULE_DIR = resolve(DATA_DIR, 'schedules');

export async function runScheduleList(io: CliIo, o: { format?: string }): Promise<number> {
  const schedules = [];
  for (const f of (await readdir(SCHEDULE_DIR)).filter((f) => f.endsWith('.json')).sort()) {
    const { schedule } = await loadSchedule(resolve(SCHEDULE_DIR, f));
    schedules.push({ id: schedule.id, title: schedule.title, coversFrom: schedule.coversFrom, knownThrough: schedule.knownThrough, measures: schedule.measures.length, file: `data/schedules/${f}` });
  }
  const scenarios = [];
  for (const id of await bundledScenarioIds()) {
    const s = await loadScenarioFile(resolve(SCENARIO_DIR, `${id}.json`));
    scenarios.push({ id: s.id, title: s.title, base: s.base, description: s.description, file: `data/scenarios/${id}.json` });
  }
  if (o.format === 'json') {
    io.stdout.write(`${JSON.stringify({ schedules, scenarios }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(renderScheduleList(schedules, scenarios));
  return EXIT.ok;
}

export async function runScheduleShow(id: string | undefined, io: CliIo, o: { schedule?: string; format?: string }): Promise<number> {
  const engine = await engineOf(id, o.schedule);
  if (o.format === 'json') {
    const measures = engine.measures.map((m) => ({
      id: m.id, label: m.label, layer: m.layer, authority: m.authority, scope: scopeText(m), rate: rateText(m),
      from: m.from, to: m.to, chapter99: m.chapter99, sources: m.sources, confidence: m.confidence, assumes: m.assumes, notes: m.notes ?? null,
    }));
    const lists = [...engine.lists.values()];
    io.stdout.write(`${JSON.stringify({ schedule: engine.scheduleId, scenario: engine.scenario, coversFrom: engine.coversFrom, knownThrough: engine.knownThrough, rounding: engine.rounding, measures, lists }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(renderScheduleShow(engine));
  return EXIT.ok;
}

/** ID is a bundled schedule id or a scenario id (the schedule as that scenario changes it), or a scenario file. */
async function engineOf(id: string | undefined, scheduleFile: string | undefined): Promise<Engine> {
  const scenarios = await bundledScenarioIds();
  if (id === undefined || id === 'us' || id === 'as-enacted') return loadEngine({ scheduleFile });
  if (scenarios.includes(id)) return loadEngine({ scheduleFile, scenario: id });
  // A path of a scenario of your own: the schedule as it changes it (its problems reported with its JSON paths).
  if (id.endsWith('.json') || id.includes('/') || id.includes('\\')) return loadEngine({ scheduleFile, scenarioFile: id });
  throw new UsageError(`unknown schedule or scenario "${id}"; bundled: us, ${scenarios.join(', ')}; or give a scenario file (FILE.json)`);
}

/** Issues found in the schedule scenario `file` makes, located at its changes (see traceToScenario). */
async function locateInScenario(file: string, issues: DataIssue[], scheduleFile: string | undefined): Promise<DataIssue[]> {
  try {
    const scenario = await loadScenarioFile(file);
    const { schedule } = await loadSchedule(scheduleFile ?? resolve(SCHEDULE_DIR, 'us.json'));
    const applied = applyScenario(schedule, scenario);
    return applied.ok ? traceToScenario(scenario, applied.value, issues) : issues;
  } catch {
    return issues; // the scenario or schedule itself cannot be read: its problems are already the ones given
  }
}

/** Checks a schedule, scenario or MFN table file and prints every problem; exit 1 if any. */
export async function runScheduleValidate(file: string, io: CliIo, o: { schedule?: string }): Promise<number> {
  let kind: 'schedule' | 'scenario' | 'mfn table' | 'fees' | 'product list';
  let text = '';
  try {
    text = readDataFile(file);
    const data = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const has = (k: string) => data !== null && typeof data === 'object' && k in data;
    kind = has('base') ? 'scenario' : has('entries') ? (has('sources') ? 'product list' : 'mfn table') : has('mpf') ? 'fees' : 'schedule';
  } catch {
    kind = 'schedule'; // the loaders below report the read or JSON error with the file name
  }
  try {
    if (kind === 'scenario') {
      const scenario = await loadScenarioFile(file);
      const { schedule, mfnTable, fees, mfnLines } = await loadSchedule(o.schedule ?? resolve(SCHEDULE_DIR, 'us.json'));
      const applied = applyScenario(schedule, scenario);
      if (!applied.ok) throw new DataFileError(file, applied.issues);
      const compiled = compileEngine(applied.value, mfnTable, scenario.id, fees, await loadLists(applied.value, file), { mfnLines });
      if (!compiled.ok) throw new DataFileError(file, compiled.issues);
    } else if (kind === 'schedule') {
      await loadEngine({ scheduleFile: file });
    } else {
      const { MfnTableSchema, FeesSchema, ProductListSchema } = await import('../../../schema/schedule.js');
      const r = (kind === 'fees' ? FeesSchema : kind === 'product list' ? ProductListSchema : MfnTableSchema).safeParse(JSON.parse(text.replace(/^\uFEFF/, '')));
      if (!r.success) throw new DataFileError(file, r.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })));
      if (kind === 'mfn table') {
        const issues: DataIssue[] = [];
        compileMfnEntries(r.data as MfnTable, issues); // duplicates (QA #5)
        if (issues.length > 0) throw new DataFileError(file, issues);
      }
    }
  } catch (e) {
    if (!(e instanceof DataFileError)) throw e;
    // Problems of the schedule a scenario made are told at the scenario's changes, not in the merged schedule.
    const issues = kind === 'scenario' && e.file === file ? await locateInScenario(file, e.issues, o.schedule) : e.issues;
    // A schedule's problem may be in one of its parts: named by the part's file.
    const where = kind === 'schedule' ? e.file : file;
    io.stdout.write(`${displayText(where)}: ${issues.length} problem${issues.length === 1 ? '' : 's'} (${kind}${where === file ? '' : ` ${file}`})\n`);
    for (const i of issues) io.stdout.write(`  ${displayText(formatPath(i.path))}: ${displayText(i.message, { keepLines: true })}\n`);
    return EXIT.rejected;
  }
  io.stdout.write(`${file}: valid ${kind}\n`);
  return EXIT.ok;
}

