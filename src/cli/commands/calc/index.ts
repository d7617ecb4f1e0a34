/**
 * `tariff calc`: duties for one import given by flags, or for every record of
 * a CSV file or stdin, streamed. The run, in order: plan (plan.ts), set up the
 * engine and the per-row work (lines.ts), read the rows into the reporter the
 * header asks for (sink.ts), then the entries' fees, the totals and the summary
 * on stderr (end.ts).
 */
import { Readable } from 'node:stream';
import { Resolver } from '../../../core/resolve.js';
import { EXIT } from '../../../errors.js';
import { loadEngine } from '../../../io/load.js';
import { Out } from '../../../io/out.js';
import type { OutFile } from '../../../io/out-file.js';
import { colorEnabled, makePaint } from '../../color.js';
import type { CalcOptions } from '../../command-options.js';
import { DateWarnings } from '../../date-warnings.js';
import { inputNameOf, readRows } from '../../input.js';
import type { CliIo } from '../../io.js';
import { Progress } from '../../progress.js';
import { displayText } from '../../render/display.js';
import { finishRun, summarise } from './end.js';
import { CalcLines } from './lines.js';
import { planCalc, type CalcPlan } from './plan.js';
import { makeSink, type CalcRun } from './sink.js';


export async function runCalc(file: string | undefined, options: CalcOptions, io: CliIo): Promise<number> {
  const plan = planCalc(file, options, io);
  // out-file.ts is loaded only for --out.
  let outFile = null;
  if (plan.outFile !== null) {
    const { OutFile, refuseInputAsOutput } = await import('../../../io/out-file.js');
    refuseInputAsOutput(plan.outFile, [file, plan.schedule, plan.scenarioFile, plan.htsTable]);
    outFile = await OutFile.open(plan.outFile);
  }
  if (outFile !== null && !outFile.ok) return outFile.failed(io);
  try {
    return await calcTo(plan, options, io, outFile);
  } finally {
    outFile?.discard(); // a run that stopped before the file was complete leaves no part of it
  }
}

async function calcTo(plan: CalcPlan, options: CalcOptions, io: CliIo, outFile: OutFile | null): Promise<number> {
  const run = await setUp(plan, options, io, outFile);
  const { out, warnings, calc } = run;
  // io.stdin only when the rows are on it: process.stdin is a stream made when first read (over a pipe or a terminal,
  // a millisecond or two of start-up), which one import given by flags or a file does not need.
  const stdin = plan.input.kind === 'stdin' ? io.stdin : Readable.from([]);
  const summary = await readRows(plan.input, stdin, { defaults: plan.defaults, progress: progressOf(plan, io) }, await makeSink(run));
  if (outFile !== null && out.closed) return outFile.failed(io);
  if (out.closed) return EXIT.ok; // the reader went away (e.g. | head): stop quietly
  warnings.finish();
  if (summary.usedDefaultDate && plan.dateIsToday) {
    warnings.add(
      plan.input.kind === 'flags'
        ? `no --date given: computed for today, ${io.today}`
        : `rows without a date are computed for today, ${io.today}; give --date or a date column for the entry date`,
    );
  }
  const t = finishRun(run);
  calc.reporter!.end(t, warnings.list);
  await out.flush();
  if (outFile !== null && !(await outFile.close())) return outFile.failed(io);
  summarise(io, run.errPaint, plan, summary.inputName, t, calc.rejectedSample);
  return calc.totals.rejected > 0 ? EXIT.rejected : EXIT.ok;
}

/** The engine, the resolver, the warnings, the output and the per-row work of one run. */
async function setUp(plan: CalcPlan, options: CalcOptions, io: CliIo, outFile: OutFile | null): Promise<CalcRun> {
  const errPaint = await makePaint(colorEnabled(Boolean(io.stderr.isTTY), io.env, options.color === false));
  const warn = (s: string) => io.stderr.write(`${errPaint.yellow('warning')}: ${displayText(s, { keepLines: true })}\n`);
  // One import given by flags has one origin: only the schedule's parts about it are read (start-up time).
  const origins = plan.input.kind === 'flags' ? [plan.defaults.origin] : undefined;
  const engine = await loadEngine({ scheduleFile: plan.schedule, scenario: plan.scenario, scenarioFile: plan.scenarioFile, htsTable: plan.htsTable, origins });
  // Plans are shared by their content unless --explain reads their decisions (Resolver, options.decisions).
  const resolver = new Resolver(engine, undefined, { decisions: plan.explain });
  const warnings = new DateWarnings(engine, warn);
  const out = new Out(outFile?.stream ?? io.stdout);
  // Customs fees: a line without an entry is an entry of its own, computed at once; grouped entries are summed
  // as their lines stream and computed after the last line (memory grows with distinct entries, not rows).
  const feeRules = plan.fees ? engine.fees : null;
  const calc = new CalcLines(engine, resolver, warnings, feeRules, plan.refunds, plan.input.kind === 'flags', plan.defaults);
  return { plan, options, io, engine, resolver, warnings, out, feeRules, calc, errPaint };
}

/** The progress line on stderr; not while lines stream to the same terminal (csv, json or ndjson on a terminal stdout): they would tangle. */
function progressOf(plan: CalcPlan, io: CliIo): Progress | null {
  const streamsToTerminal = Boolean(io.stdout.isTTY) && plan.format !== 'table';
  return plan.input.kind === 'flags' || streamsToTerminal ? null : Progress.forRun(io.stderr, plan.quiet, inputNameOf(plan.input), io.now);
}
