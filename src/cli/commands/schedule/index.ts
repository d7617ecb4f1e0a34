/** `tariff schedule list | show [ID] | validate FILE`. */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import { compileEngine, compileMfnEntries, formatCitation, type CompiledMeasure, type Engine } from '../../../core/compile.js';
import { formatPath, type DataIssue } from '../../../values/issues.js';
import { formatCents, formatRate } from '../../../values/money.js';
import { applyScenario, traceToScenario } from '../../../core/scenario.js';
import { displayText } from '../../render/display.js';
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
  const style = { head: [] as string[], border: [] as string[], compact: true };
  const t = new Table({ head: ['schedule', 'title', 'covers', 'known through', 'measures'], style });
  for (const s of schedules) t.push([s.id, s.title, `from ${s.coversFrom}`, s.knownThrough, String(s.measures)]);
  const u = new Table({ head: ['scenario', 'base', 'what it says'], style, colWidths: [18, 10, 80], wordWrap: true });
  for (const s of scenarios) u.push([s.id, s.base, s.description]);
  io.stdout.write(`${t.toString()}\n${u.toString()}\n`);
  return EXIT.ok;
}

export async function runScheduleShow(id: string | undefined, io: CliIo, o: { schedule?: string; format?: string }): Promise<number> {
  // ID is a bundled schedule id or a scenario id (the schedule as that scenario changes it).
  const scenarios = await bundledScenarioIds();
  let engine: Engine;
  if (id === undefined || id === 'us' || id === 'as-enacted') engine = await loadEngine({ scheduleFile: o.schedule });
  else if (scenarios.includes(id)) engine = await loadEngine({ scheduleFile: o.schedule, scenario: id });
  // A path of a scenario of your own: the schedule as it changes it (its problems reported with its JSON paths).
  else if (id.endsWith('.json') || id.includes('/') || id.includes('\\')) engine = await loadEngine({ scheduleFile: o.schedule, scenarioFile: id });
  else throw new UsageError(`unknown schedule or scenario "${id}"; bundled: us, ${scenarios.join(', ')}; or give a scenario file (FILE.json)`);

  if (o.format === 'json') {
    const measures = engine.measures.map((m) => ({
      id: m.id, label: m.label, layer: m.layer, authority: m.authority, scope: scopeText(m), rate: rateText(m),
      from: m.from, to: m.to, chapter99: m.chapter99, sources: m.sources, confidence: m.confidence, assumes: m.assumes, notes: m.notes ?? null,
    }));
    const lists = [...engine.lists.values()];
    io.stdout.write(`${JSON.stringify({ schedule: engine.scheduleId, scenario: engine.scenario, coversFrom: engine.coversFrom, knownThrough: engine.knownThrough, rounding: engine.rounding, measures, lists }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`${engine.title} (${engine.scheduleId}), scenario ${engine.scenario}; covers entries from ${engine.coversFrom}, known through ${engine.knownThrough}`];
  const t = new Table({
    head: ['id', 'authority', 'scope', 'rate', 'window (entry dates)', 'citation', 'confidence'],
    style: { head: [], border: [], compact: true },
    colWidths: [22, 16, 20, 14, 24, 44, 12],
    wordWrap: true,
  });
  for (const m of engine.measures) {
    t.push([m.id, m.authority.replace(/ \(.*\)$/, ''), scopeText(m), rateText(m), m.to === null ? `from ${m.from}` : `${m.from} to ${m.to}`, m.citation, m.confidence]);
  }
  lines.push(t.toString());
  const transit = engine.measures.filter((m) => m.inTransit.length > 0);
  if (transit.length > 0) {
    lines.push('In-transit rules (with a loaded column or --loaded):');
    for (const m of transit) {
      for (const r of m.inTransit) {
        const instead = r.rate === null ? 'exempt' : r.rate.kind === 'ad-valorem' ? `+${formatRate(r.rate.pct)}% instead` : 'another rate';

        lines.push(`  ${m.id}: loaded before ${r.loadedBefore} and entered before ${r.enteredBefore}: ${instead}${r.heading ? ` (${r.heading})` : ''}`);
      }
    }
  }
  if (engine.fees !== null) {
    const f = engine.fees;
    const years = f.years.map((y) => `${y.fiscalYear} ${y.from} to ${y.to}: min ${formatCents(y.min)}, max ${formatCents(y.max)}`).join('; ');
    lines.push(`Fees (${f.id}): MPF ${formatRate(f.mpfRate)}% per entry (${years}); HMF ${formatRate(f.hmfRate)}% for ${[...f.hmfModes].join(', ')}`);
  }
  lines.push('Sources:');
  const seen = new Set<string>();
  for (const m of engine.measures) {
    for (const s of m.sources) {
      const text = [formatCitation(s), s.url].filter(Boolean).join(', ');
      if (!seen.has(text)) {
        seen.add(text);
        lines.push(`  - ${text}`);
      }
    }
  }
  if (engine.lists.size > 0) {
    lines.push('Product lists (data/lists/):');
    for (const l of engine.lists.values()) lines.push(`  - ${l.id}: ${l.size} codes; ${l.citation}; checked against ${l.asOf}; ${l.confidence}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function scopeText(m: CompiledMeasure): string {
  const base = m.allGoods ? 'all goods' : [...m.categories, ...m.htsPrefixes, ...m.lists.map((id) => `list ${id}`)].join(', ');
  return m.exclusions.length === 0 ? base : `${base} except ${m.exclusions.join(', ')}`;
}

function rateText(m: CompiledMeasure): string {
  switch (m.rate.kind) {
    case 'mfn':
      return 'MFN';
    case 'ad-valorem':
      return `+${formatRate(m.rate.pct)}%`;
    case 'inclusive':
      return `inclusive ${formatRate(m.rate.pct)}%`;
    case 'not-modelled':
      return 'not modelled';
  }
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

