/**
 * `tariff timeline`: every date on which the effective rate of a good (or of
 * a value-weighted basket) changes, under one or more scenarios.
 */
import type { Engine } from '../../core/compile.js';
import { normalizeHts } from '../../values/hts.js';
import type { RateMicro } from '../../values/money.js';
import { goodTimeline, timeline, type Good, type WeightedGood } from '../../core/timeline.js';
import { EXIT, InputError, UsageError } from '../../errors.js';
import { loadEngine } from '../../io/load.js';
import { Out } from '../../io/out.js';
import { colorEnabled, makePaint } from '../color.js';
import { defaultMode } from '../defaults.js';
import { inputNameOf, plural, readRows, type InputSpec } from '../input.js';
import { Progress } from '../progress.js';
import type { CliIo } from '../io.js';
import type { TimelineOptions } from '../command-options.js';
import { flagAutoPart, flagDate, flagMfnRate, flagOrigin, flagSpi } from '../options.js';
import { displayText } from '../render/display.js';
import { outputWidth } from '../render/fit.js';
import { renderTimeline, type TimelineFormat, type TimelineReport } from '../render/timeline.js';

export type { TimelineReport } from '../render/timeline.js';

/** The goods to chart, with what names them and where each came from. */
interface Goods {
  goods: WeightedGood[];
  label: string;
  /** First input line of a good of the basket, for reporting it. */
  lineOf: (g: Good) => number | null;
  rejected: TimelineReport['rejected'];
}

export async function runTimeline(file: string | undefined, o: TimelineOptions, io: CliIo): Promise<number> {
  const format = (o.format ?? (io.stdout.isTTY ? 'table' : 'csv')) as TimelineFormat;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format must be one of table, csv, json, got "${o.format}"`);
  flagDate('--from', o.from);
  flagDate('--to', o.to);
  const origin = flagOrigin(o.origin);
  const mfn = flagMfnRate(o.mfnRate);
  const spi = flagSpi(o.spi);
  const transshipped = o.transshipped === true;
  const single = o.hts !== undefined || o.category !== undefined;
  if (single && file !== undefined) throw new UsageError('give either --hts/--category for one good or a basket FILE, not both');
  if (single && o.sheet !== undefined) throw new UsageError('--sheet names the sheet of a basket workbook given as FILE');
  if (!single && file === undefined && io.stdin.isTTY) {
    throw new UsageError('no goods: give --hts CODE or --category NAME, or a basket CSV file', 'e.g. tariff timeline --hts 8703.23.01');
  }
  const engines = await loadEngines(o);
  const head = engines[0]!;
  const from = o.from ?? head.coversFrom;
  const to = o.to ?? head.knownThrough;
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  if (to > head.knownThrough) {
    io.stderr.write(`warning: --to ${to} is after ${head.knownThrough}, the last date schedule ${head.scheduleId} has evidence for: measures announced since then are not in it\n`);
  }
  const autoPart = flagAutoPart(o.autoPart);
  const goods = single ? oneGood(o, origin, mfn, spi, transshipped, autoPart) : await readBasket(file, o, io, { date: from, origin, mfn, spi, transshipped, autoPart });
  const report = timelineReport(engines, goods, from, to, single);
  const out = new Out(io.stdout);
  const paint = await makePaint(format === 'table' && colorEnabled(Boolean(io.stdout.isTTY), io.env, o.color === false));
  out.push(renderTimeline(report, format, Boolean(io.stdout.isTTY) && format === 'table', paint.bold, outputWidth(io.env, io.stdout as { isTTY?: boolean; columns?: number })));
  await out.flush();
  return reportRejected(goods, io);
}

/** One engine per scenario named, then per scenario file. */
async function loadEngines(o: TimelineOptions): Promise<Engine[]> {
  const names = o.scenarios === undefined ? ['as-enacted'] : o.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  const engines: Engine[] = [];
  for (const scenario of names) engines.push(await loadEngine({ scheduleFile: o.schedule, scenario, htsTable: o.htsTable }));
  for (const scenarioFile of o.scenarioFile ?? []) engines.push(await loadEngine({ scheduleFile: o.schedule, scenarioFile, htsTable: o.htsTable }));
  if (engines.length === 0) throw new UsageError('--scenarios needs at least one scenario name');
  return engines;
}

/**
 * The good given by --hts or --category, with the program it claims (--spi), whether it was found transshipped and
 * whether it is an automobile part (--auto-part).
 */
function oneGood(o: TimelineOptions, origin: string, mfn: RateMicro | null, spi: string | null, transshipped: boolean, autoPart: boolean | null): Goods {
  let hts: string | null = null;
  if (o.hts !== undefined) {
    hts = normalizeHts(o.hts);
    if (hts === null) throw new UsageError(`--hts: expected an HTS code of 4 to 10 digits, dots allowed (e.g. 8703.23.01), got "${o.hts}"`);
  }
  return { goods: [{ good: { hts, category: o.category?.toLowerCase() ?? null, origin, mfn, spi, transshipped, autoPart }, value: 100n }], label: o.hts ?? o.category!, lineOf: () => null, rejected: [] };
}

/**
 * A basket: rows summed by good, so memory grows with distinct goods, not rows. A good is its code (or category),
 * origin, MFN override, the special program it claims (spi, else --spi), whether it was found transshipped
 * (transshipped, else --transshipped) and whether it is an automobile part (auto_part, else --auto-part): a row
 * claiming JP or C is charted at the rates the claim gives, as calc computes it.
 */
async function readBasket(
  file: string | undefined,
  o: TimelineOptions,
  io: CliIo,
  d: { date: string; origin: string; mfn: RateMicro | null; spi: string | null; transshipped: boolean; autoPart: boolean | null },
): Promise<Goods> {
  const byGood = new Map<string, WeightedGood & { line: number | null }>();
  const keyOf = (g: Good) => `${g.hts}|${g.category}|${g.origin}|${g.mfn}|${g.spi ?? ''}|${g.transshipped === true ? 1 : 0}|${g.autoPart ?? ''}`;
  const rejected: TimelineReport['rejected'] = [];
  let rows = 0;
  const input: InputSpec = file === undefined || file === '-' ? { kind: 'stdin' } : { kind: 'file', path: file, sheet: o.sheet };
  if (input.kind === 'stdin' && o.sheet !== undefined) throw new UsageError('--sheet is for an Excel workbook (.xlsx) given as FILE; stdin is read as CSV');
  const progress = Progress.forRun(io.stderr, Boolean(o.quiet), inputNameOf(input), io.now);
  const summary = await readRows(input, io.stdin, { defaults: { ...d, mode: defaultMode() }, forceDate: d.date, progress }, {
    header: () => {},
    row: (row) => {
      rows++;
      const good: Good = { hts: row.hts, category: row.hts === null ? row.category : null, origin: row.origin, mfn: row.mfn, spi: row.spi, transshipped: row.transshipped, autoPart: row.autoPart };
      const g = byGood.get(keyOf(good));
      if (g) g.value += row.value;
      else byGood.set(keyOf(good), { good, value: row.value, line: row.line });
    },
    rejected: (issue) => {
      rows++;
      rejected.push(issue);
    },
    afterBatch: async () => true,
  });
  // A header and no row: nothing to chart, said so (never a 0% "MFN only" step for no goods at all).
  if (rows === 0) throw new InputError(`${summary.inputName}: no rows: the basket has a header and no goods, so there is no rate to chart`);
  return { goods: [...byGood.values()], label: `${summary.inputName} (value-weighted)`, lineOf: (g) => byGood.get(keyOf(g))?.line ?? null, rejected };
}

/** The steps under each scenario; goods refused are added to `goods.rejected` (once, under the first scenario). */
function timelineReport(engines: Engine[], goods: Goods, from: string, to: string, single: boolean): TimelineReport {
  const head = engines[0]!;
  const report: TimelineReport = { schedule: head.scheduleId, goods: goods.label, from, to, scenarios: [], rejected: goods.rejected };
  for (const e of engines) {
    const t = single ? goodTimeline(e, goods.goods[0]!.good, from, to) : timeline(e, goods.goods, from, to);
    for (const r of t.refused) {
      // One good that cannot be computed at all is a usage problem; one that stops being computable on some date
      // shows it as its last step ("n/a") instead.
      if (single && t.steps.length === 0) throw new UsageError(`${r.refusal.reason}`);
      if (single) continue;
      // Refused goods are the same under every scenario: report each once, at its first line.
      if (e === head) goods.rejected.push({ line: goods.lineOf(r.good), field: r.refusal.field, reason: r.refusal.reason });
    }
    report.scenarios.push({ name: e.scenario, steps: t.steps });
  }
  return report;
}

/** The rows left out, on stderr (the first ten), and the exit code they make. */
function reportRejected(goods: Goods, io: CliIo): number {
  const rejected = goods.rejected;
  if (rejected.length === 0) return EXIT.ok;
  io.stderr.write(`${plural(rejected.length, 'row')} of the basket could not be computed (on every date, or from the date given) and ${rejected.length === 1 ? 'is' : 'are'} left out:\n`);
  for (const r of rejected.slice(0, 10)) {
    io.stderr.write(`  ${displayText(goods.label.replace(/ \(value-weighted\)$/, ''))}${r.line === null ? '' : ` line ${r.line}`}, ${displayText(r.field)}: ${displayText(r.reason)}\n`);
  }
  return EXIT.rejected;
}
