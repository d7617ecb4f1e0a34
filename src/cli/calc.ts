/**
 * `tariff calc`: duties for one import given by flags, or for every record of
 * a CSV file or stdin, streamed.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Engine } from '../core/compile.js';
import { computeLineDuty, Totals, type ComputedLine } from '../core/compute.js';
import { parseMoney, parsePct, type RateMicro } from '../core/money.js';
import { Resolver } from '../core/resolve.js';
import { readCsvRecords } from '../io/csv-input.js';
import { loadEngine } from '../io/load.js';
import { Out } from '../io/out.js';
import { readHeader, readRow, type HeaderMap, type Row, type RowDefaults, type RowIssue } from '../schema/row.js';
import { isCalendarDate } from '../schema/schedule.js';
import { colorEnabled, makePaint, type Paint } from './color.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import { allColumns, lineRecord, passthroughColumns, rejectedRecord, totalsRecord } from './records.js';
import { FORMATS, makeReporter, type Format, type Reporter } from './reporters.js';

export interface CalcOptions {
  value?: string | undefined;
  hts?: string | undefined;
  category?: string | undefined;
  origin?: string | undefined;
  date?: string | undefined;
  mfnRate?: string | undefined;
  id?: string | undefined;
  scenario?: string | undefined;
  scenarioFile?: string | undefined;
  schedule?: string | undefined;
  format?: string | undefined;
  limit?: string | undefined;
  color?: boolean | undefined;
  quiet?: boolean | undefined;
}

/** Options after checking: what the run needs, no I/O yet. */
export interface CalcPlan {
  input: { kind: 'flags'; cells: string[]; header: HeaderMap } | { kind: 'file'; path: string } | { kind: 'stdin' };
  defaults: RowDefaults;
  /** True when rows without a date fall back to today (not to --date). */
  dateIsToday: boolean;
  format: Format;
  limit: number;
  color: boolean;
  quiet: boolean;
  scenario: string | undefined;
  scenarioFile: string | undefined;
  schedule: string | undefined;
}

export function planCalc(file: string | undefined, o: CalcOptions, io: CliIo): CalcPlan {
  const format = (o.format ?? (io.stdout.isTTY ? 'table' : 'csv')) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${o.format}"`);
  const limit = o.limit === undefined ? 50 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, got "${o.limit}"`);
  if (o.date !== undefined && !isCalendarDate(o.date)) throw new UsageError(`--date: expected a calendar date YYYY-MM-DD, got "${o.date}"`);
  const origin = (o.origin ?? 'JP').toUpperCase();
  if (!/^[A-Z]{2}$/.test(origin)) throw new UsageError(`--origin: expected a two-letter ISO country code like JP, got "${o.origin}"`);
  let mfn: RateMicro | null = null;
  if (o.mfnRate !== undefined) {
    const r = parsePct(o.mfnRate);
    if (!r.ok) throw new UsageError(`--mfn-rate: ${r.reason}`);
    mfn = r.value;
  }
  const defaults: RowDefaults = { date: o.date ?? io.today, origin, mfn };

  let input: CalcPlan['input'];
  const single = o.value !== undefined || o.hts !== undefined || o.category !== undefined;
  if (single) {
    if (file !== undefined) throw new UsageError('give either a FILE or --value with --hts/--category, not both');
    if (o.value === undefined) throw new UsageError('--value is required with --hts or --category', 'e.g. tariff calc --value 45000 --hts 8703.24.01');
    if (o.hts === undefined && o.category === undefined) {
      throw new UsageError('--value needs --hts CODE or --category NAME', 'e.g. tariff calc --value 45000 --category vehicles');
    }
    const money = parseMoney(o.value);
    if (!money.ok) throw new UsageError(`--value: ${money.reason}`);
    const names = ['value', 'hts', 'category', 'id'];
    const header = readHeader(names);
    if (!header.ok) throw new Error(`invariant: ${header.problem.message}`);
    input = { kind: 'flags', cells: [o.value, o.hts ?? '', o.category ?? '', o.id ?? ''], header: header.header };
  } else if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY) {
      throw new UsageError('no input: give a CSV FILE, pipe CSV on stdin, or use --value with --hts/--category', 'see tariff calc --help');
    }
    input = { kind: 'stdin' };
  } else {
    input = { kind: 'file', path: file };
  }
  return {
    input,
    defaults,
    dateIsToday: o.date === undefined,
    format,
    limit,
    color: colorEnabled(Boolean(io.stdout.isTTY), io.env, o.color === false) && format === 'table',
    quiet: Boolean(o.quiet),
    scenario: o.scenario,
    scenarioFile: o.scenarioFile,
    schedule: o.schedule,
  };
}

/** Warnings about dates outside the schedule's evidence; each is said once. */
class DateWarnings {
  readonly said = new Set<string>();
  readonly list: string[] = [];
  constructor(
    private readonly engine: Engine,
    private readonly warn: (s: string) => void,
  ) {}

  check(date: string): void {
    if (date > this.engine.knownThrough && !this.said.has('after')) {
      this.said.add('after');
      this.add(
        `entry date ${date} is after ${this.engine.knownThrough}, the last date schedule ${this.engine.scheduleId} has evidence for: ` +
          'measures announced since then are not in it',
      );
    }
    if (date < this.engine.coversFrom && !this.said.has('before')) {
      this.said.add('before');
      this.add(`entry date ${date} is before ${this.engine.coversFrom}, where schedule ${this.engine.scheduleId} starts: earlier measures are not modelled`);
    }
  }

  add(s: string): void {
    this.list.push(s);
    this.warn(s);
  }
}

export async function runCalc(file: string | undefined, options: CalcOptions, io: CliIo): Promise<number> {
  const plan = planCalc(file, options, io);
  const errPaint = makePaint(colorEnabled(Boolean(io.stderr.isTTY), io.env, options.color === false));
  const warn = (s: string) => io.stderr.write(`${errPaint.yellow('warning')}: ${s}\n`);
  const engine = await loadEngine({ scheduleFile: plan.schedule, scenario: plan.scenario, scenarioFile: plan.scenarioFile });
  const resolver = new Resolver(engine);
  const warnings = new DateWarnings(engine, warn);
  const out = new Out(io.stdout);
  const paint = makePaint(plan.color);
  const totals = new Totals();
  const rejectedSample: RowIssue[] = [];
  let usedToday = false;

  let reporter: Reporter | null = null;
  const startReporter = (header: HeaderMap | null) => {
    reporter = makeReporter(plan.format, { engine, header, out, limit: plan.limit, paint });
    return reporter;
  };

  const handle = (rep: Reporter, header: HeaderMap, cells: string[], line: number | null, problem?: string) => {
    if (problem !== undefined) return reject(rep, { line, field: '(row)', reason: problem }, header, cells);
    const read = readRow(cells, line, header, plan.defaults);
    if (!read.ok) return reject(rep, read.issue, header, cells);
    const row = read.row;
    if (plan.dateIsToday && (header.index.date === undefined || cells[header.index.date]!.trim() === '')) usedToday = true;
    warnings.check(row.date);
    const r = resolver.resolve(row);
    if (!r.ok) {
      const f = r.refusal.field;
      const column = header.index[f] !== undefined ? header.names[header.index[f]!]! : f;
      return reject(rep, { line, field: column, reason: r.refusal.reason }, header, cells);
    }
    const duty = computeLineDuty(r.plan, row.value);
    const computed: ComputedLine<Row> = { row, plan: r.plan, duties: duty.duties, duty: duty.duty };
    totals.addLine(row.value, duty);
    rep.line(lineRecord(computed, passthroughColumns(header, cells)));
  };

  const reject = (rep: Reporter, issue: RowIssue, header: HeaderMap | null, cells: string[] | null) => {
    totals.addRejected();
    if (rejectedSample.length < 10) rejectedSample.push(issue);
    rep.rejected(rejectedRecord(issue, plan.input.kind === 'flags' ? undefined : allColumns(header, cells)));
  };

  let inputName = '(flags)';
  if (plan.input.kind === 'flags') {
    const rep = startReporter(null);
    handle(rep, plan.input.header, plan.input.cells, null);
  } else {
    let stream: Readable;
    if (plan.input.kind === 'file') {
      inputName = plan.input.path;
      stream = createReadStream(plan.input.path);
    } else {
      inputName = '(stdin)';
      stream = io.stdin;
    }
    let header: HeaderMap | null = null;
    try {
      for await (const batch of readCsvRecords(stream, inputName)) {
        for (const rec of batch) {
          if (header === null) {
            const h = readHeader(rec.cells);
            if (!h.ok) {
              throw new InputError(`${inputName} line ${rec.line}${h.problem.column ? `, column "${h.problem.column}"` : ''}: ${h.problem.message}`);
            }
            header = h.header;
            startReporter(header);
            continue;
          }
          handle(reporter!, header, rec.cells, rec.line, rec.problem);
        }
        await out.flush(false);
        if (out.closed) {
          stream.destroy();
          break;
        }
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new InputError(`${inputName}: file not found`);
      if (code === 'EISDIR') throw new InputError(`${inputName}: is a directory, not a CSV file`);
      if (code === 'EACCES') throw new InputError(`${inputName}: permission denied`);
      throw e;
    }
    if (header === null) throw new InputError(`${inputName}: empty input; expected a CSV header line (e.g. id,hts,value,date) and rows`);
  }

  if (usedToday) {
    warnings.add(`rows without a date are computed for today, ${io.today}; give --date or a date column for the entry date`);
  }
  const t = totalsRecord(engine, totals);
  reporter!.end(t, warnings.list);
  await out.flush();

  if (!plan.quiet) summarise(io, errPaint, plan.format, inputName, t.lines, t.rejected, t.duty, t.value, rejectedSample);
  return totals.rejected > 0 ? EXIT.rejected : EXIT.ok;
}

function summarise(
  io: CliIo,
  paint: Paint,
  format: Format,
  inputName: string,
  lines: number,
  rejected: number,
  duty: string,
  value: string,
  sample: RowIssue[],
): void {
  if (format === 'csv') {
    io.stderr.write(`${inputName}: ${lines} lines computed, ${rejected} rejected; duty ${duty} on customs value ${value}\n`);
  }
  if (rejected === 0) return;
  if (format !== 'csv') io.stderr.write(`${inputName}: ${lines} lines computed, ${paint.red(`${rejected} rejected`)}\n`);
  for (const r of sample) {
    io.stderr.write(`  ${inputName}${r.line === null ? '' : ` line ${r.line}`}, ${r.field === '(row)' ? 'row' : `column "${r.field}"`}: ${r.reason}\n`);
  }
  if (rejected > sample.length) io.stderr.write(`  … and ${rejected - sample.length} more; every rejected row is in the output\n`);
}
