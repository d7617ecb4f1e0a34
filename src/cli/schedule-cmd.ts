/** `tariff schedule list | show [ID] | validate FILE`. */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import { compileEngine, formatCitation, type CompiledMeasure, type Engine } from '../core/compile.js';
import { formatPath } from '../core/issues.js';
import { formatCents, formatRate } from '../core/money.js';
import { EXIT, UsageError } from '../errors.js';
import { bundledScenarioIds, DATA_DIR, DataFileError, loadEngine, loadScenarioFile, loadSchedule, readDataFile, SCENARIO_DIR } from '../io/load.js';
import { applyScenario } from '../core/scenario.js';
import type { CliIo } from './io.js';

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
  if (id === undefined || id === 'us-japan' || id === 'as-enacted') engine = await loadEngine({ scheduleFile: o.schedule });
  else if (scenarios.includes(id)) engine = await loadEngine({ scheduleFile: o.schedule, scenario: id });
  else throw new UsageError(`unknown schedule or scenario "${id}"; bundled: us-japan, ${scenarios.join(', ')}`);

  if (o.format === 'json') {
    const measures = engine.measures.map((m) => ({
      id: m.id, label: m.label, layer: m.layer, authority: m.authority, scope: scopeText(m), rate: rateText(m),
      from: m.from, to: m.to, chapter99: m.chapter99, sources: m.sources, confidence: m.confidence, assumes: m.assumes, notes: m.notes ?? null,
    }));
    io.stdout.write(`${JSON.stringify({ schedule: engine.scheduleId, scenario: engine.scenario, coversFrom: engine.coversFrom, knownThrough: engine.knownThrough, measures }, null, 2)}\n`);
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
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function scopeText(m: CompiledMeasure): string {
  const base = m.allGoods ? 'all goods' : [...m.categories, ...m.htsPrefixes].join(', ');
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

/** Checks a schedule, scenario or MFN table file and prints every problem; exit 1 if any. */
export async function runScheduleValidate(file: string, io: CliIo, o: { schedule?: string }): Promise<number> {
  let kind: 'schedule' | 'scenario' | 'mfn table' | 'fees';
  let text = '';
  try {
    text = readDataFile(file);
    const data = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const has = (k: string) => data !== null && typeof data === 'object' && k in data;
    kind = has('base') ? 'scenario' : has('entries') ? 'mfn table' : has('mpf') ? 'fees' : 'schedule';
  } catch {
    kind = 'schedule'; // the loaders below report the read or JSON error with the file name
  }
  try {
    if (kind === 'scenario') {
      const scenario = await loadScenarioFile(file);
      const { schedule, mfnTable, fees } = await loadSchedule(o.schedule ?? resolve(SCHEDULE_DIR, 'us-japan.json'));
      const applied = applyScenario(schedule, scenario);
      if (!applied.ok) throw new DataFileError(file, applied.issues);
      const compiled = compileEngine(applied.value, mfnTable, scenario.id, fees);
      if (!compiled.ok) throw new DataFileError(file, compiled.issues);
    } else if (kind === 'schedule') {
      await loadEngine({ scheduleFile: file });
    } else {
      const { MfnTableSchema, FeesSchema } = await import('../schema/schedule.js');
      const r = (kind === 'fees' ? FeesSchema : MfnTableSchema).safeParse(JSON.parse(text.replace(/^\uFEFF/, '')));
      if (!r.success) throw new DataFileError(file, r.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })));
    }
  } catch (e) {
    if (!(e instanceof DataFileError)) throw e;
    io.stdout.write(`${file}: ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} (${kind})\n`);
    for (const i of e.issues) io.stdout.write(`  ${formatPath(i.path)}: ${i.message}\n`);
    return EXIT.rejected;
  }
  io.stdout.write(`${file}: valid ${kind}\n`);
  return EXIT.ok;
}

