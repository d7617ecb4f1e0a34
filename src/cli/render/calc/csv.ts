/**
 * calc's csv: one line per row as it is computed, written as bytes into the output buffer (the hot path: the text
 * that is the same for every line of a plan is made once per plan).
 */
import type { ComputedLine } from '../../../core/compute.js';
import type { Plan } from '../../../core/resolve.js';
import type { Field, Row } from '../../../schema/row.js';
import { formatHts } from '../../../values/hts.js';
import { effectiveRate, formatCents, formatRate } from '../../../values/money.js';
import { csvCell, PLAIN_OR_SPECIAL, userCell } from '../cells.js';
import { IMPACT_CSV_HEAD, writeImpactCsv } from '../impact/records.js';
import type { EntryRecord, LineFees, RejectedRecord } from '../records.js';
import type { Reporter, ReporterContext } from './reporters.js';

export class CsvReporter implements Reporter {
  readonly #layers: readonly string[];
  readonly #passNames: string[];

  constructor(private readonly ctx: ReporterContext) {
    this.#layers = ctx.engine.layers;
    this.#passNames = ctx.header ? ctx.header.passthrough.map((i) => ctx.header!.names[i]!) : [];
    const head = lineColumns(ctx);
    ctx.out.push(`${head.map(csvCell).join(',')}\n`);
  }

  /** What is the same for every line of one plan: computed once per plan, not per row. */
  readonly #perPlan = new WeakMap<Plan, PlanParts>();

  #planParts(plan: Plan): PlanParts {
    let p = this.#perPlan.get(plan);
    if (p === undefined) {
      const layerOf = plan.applied.map((a) => this.#layers.indexOf(a.measure.layer));
      const rateSum = this.#layers.map(() => null as bigint | null);
      plan.applied.forEach((a, i) => {
        // A layer normally has one measure per line; when a user schedule stacks two, their rates add up.
        rateSum[layerOf[i]!] = (rateSum[layerOf[i]!] ?? 0n) + a.rate;
      });
      const rates = rateSum.map((r) => (r === null ? '' : formatRate(r)));
      const tail = `${csvCell(plan.applied.map((a) => a.measure.id).join(' '))},${csvCell([...plan.notes, ...baseNotes(plan)].join('; '))},,,`;
      const explain = this.ctx.explain
        ? `,${csvCell(plan.decisions.map((d) => `${d.measure.id}: ${d.applied ? 'applied' : 'not applied'}, ${d.reason}`).join('; '))}`
        : '';
      // The common case, every used layer with one measure and fixed rates: the text between the amounts is fixed.
      let order: number[] | null = null;
      const segs: Uint8Array[] = [];
      if (plan.mfnSpecific === null && new Set(layerOf).size === layerOf.length) {
        order = [];
        let seg = '';
        for (let l = 0; l < this.#layers.length; l++) {
          const i = layerOf.indexOf(l);
          if (i < 0) seg += ',,';
          else {
            segs.push(UTF8.encode(`${seg},${rates[l]},`));
            order.push(i);
            seg = '';
          }
        }
        segs.push(UTF8.encode(`${seg},${tail}`));
      }
      p = { layerOf, rates, tail, good: null, explain: UTF8.encode(explain), order, segs };
      this.#perPlan.set(plan, p);
    }
    return p;
  }

  /** Per-layer rate and duty columns, then measures and notes, and the comma before `refundable`. */
  #layerColumns(c: ComputedLine<Row>, parts: PlanParts): void {
    const out = this.ctx.out;
    const { order, segs } = parts;
    if (order !== null) {
      out.bytes(segs[0]!);
      for (let j = 0; j < order.length; j++) {
        out.cents(c.duties[order[j]!]!.amount);
        out.bytes(segs[j + 1]!);
      }
      return;
    }
    const duty: (bigint | null)[] = this.#layers.map(() => null);
    c.duties.forEach((d, i) => {
      const l = parts.layerOf[i]!;
      duty[l] = (duty[l] ?? 0n) + d.amount;
    });
    // With a specific or compound MFN rate the rates come to different percentages on every line.
    let rates = parts.rates;
    if (c.plan.mfnSpecific !== null) {
      const sum: (bigint | null)[] = this.#layers.map(() => null);
      c.duties.forEach((d, i) => {
        const l = parts.layerOf[i]!;
        sum[l] = (sum[l] ?? 0n) + d.rate;
      });
      rates = sum.map((r) => (r === null ? '' : formatRate(r)));
    }
    let s = '';
    for (let l = 0; l < this.#layers.length; l++) s += duty[l] === null ? ',,' : `,${rates[l]},${formatCents(duty[l]!)}`;
    out.push(`${s},${parts.tail}`);
  }

  /** A cell of the user's text (see userCell). */
  #user(s: string): void {
    if (PLAIN_OR_SPECIAL.test(s)) this.ctx.out.push(userCell(s, this.ctx.raw));
    else this.ctx.out.ascii(s);
  }

  line(c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null): void {
    const { row, plan } = c;
    const out = this.ctx.out;
    const parts = this.#planParts(plan);
    // A plan is resolved for one HTS code (or none), so its formatted code and category are computed once.
    parts.good ??= UTF8.encode(`,${row.hts === null ? '' : formatHts(row.hts)},${plan.category},`);
    // The bytes written are those of: line,ok,id,hts,category,origin,date,value,duty,effective_rate,<layers>,
    // measures,notes,,,refundable[,explain][,entry,mode,mpf,hmf][,passthrough...]
    if (row.line !== null) out.int(row.line);
    out.bytes(OK);
    if (row.id !== null) this.#user(row.id);
    out.bytes(parts.good);
    out.ascii(row.origin);
    out.byte(COMMA);
    out.ascii(row.date);
    out.byte(COMMA);
    out.cents(row.value);
    out.byte(COMMA);
    out.cents(c.duty);
    out.byte(COMMA);
    out.ascii(effectiveRate(c.duty, row.value));
    this.#layerColumns(c, parts);
    out.cents(c.refundable);
    if (parts.explain.length > 0) out.bytes(parts.explain);
    if (fees !== null) {
      out.byte(COMMA);
      // A line's own entry is named by tariff ("line N"), so only a user's entry number needs neutralising.
      if (fees.own !== null) out.ascii(fees.entry);
      else this.#user(fees.entry);
      out.byte(COMMA);
      out.ascii(row.mode);
      out.byte(COMMA);
      if (fees.own !== null) {
        out.cents(fees.own.mpf);
        out.byte(COMMA);
        out.cents(fees.own.hmf);
      } else out.byte(COMMA);
    }
    if (this.ctx.impact) {
      if (c.impact === undefined) out.ascii(','.repeat(IMPACT_CSV_HEAD.length));
      else writeImpactCsv(out, c.impact);
    }
    if (cells !== null && this.ctx.header !== null) {
      for (const i of this.ctx.header.passthrough) {
        out.byte(COMMA);
        this.#user(cells[i] ?? '');
      }
    }
    out.byte(NEWLINE);
  }

  rejected(r: RejectedRecord): void {
    const raw = (f: Field): string => {
      const h = this.ctx.header;
      if (!h || !r.columns || h.index[f] === undefined) return '';
      return r.columns[h.names[h.index[f]!]!] ?? '';
    };
    const mine = (s: string) => csvCell(s);
    const theirs = (s: string) => userCell(s, this.ctx.raw);
    const cells = [
      mine(r.line === null ? '' : String(r.line)), mine('rejected'),
      ...[raw('id'), raw('hts'), raw('category'), raw('origin'), raw('date'), raw('value')].map(theirs), '', '',
      ...this.#layers.flatMap(() => ['', '']),
      '', '', theirs(r.field), theirs(r.reason), '',
      ...(this.ctx.explain ? [''] : []),
      ...(this.ctx.fees ? [theirs(raw('entry')), theirs(raw('mode')), '', ''] : []),
      ...(this.ctx.impact ? IMPACT_CSV_HEAD.map(() => '') : []),
      ...this.#passNames.map((n) => theirs(r.columns?.[n] ?? '')),
    ];
    this.ctx.out.push(`${cells.join(',')}\n`);
  }

  entries(list: EntryRecord[]): void {
    // One row per grouped entry, after the lines: status "entry", its value and fees.
    const blanks = (n: number) => ','.repeat(n);
    for (const e of list) {
      const lead = `,entry,,,,,,${e.value}${blanks(2)}${blanks(this.#layers.length * 2)},,${csvCell(e.notes.join('; '))},,,`;
      const explain = this.ctx.explain ? ',' : '';
      const impact = this.ctx.impact ? blanks(IMPACT_CSV_HEAD.length) : '';
      this.ctx.out.push(`${lead}${explain},${userCell(e.entry, this.ctx.raw)},${e.mode},${e.mpf},${e.hmf}${impact}${blanks(this.#passNames.length)}\n`);
    }
  }

  end(): void {}

}

/**
 * A csv line has one rate and one duty per layer, and no column for what the rate applied to: when that is not
 * the value (JSON's `base` and `nonUsShare`), the notes say so, so that rate x value = duty is not assumed.
 */
function baseNotes(plan: Plan): string[] {
  const notes: string[] = [];
  for (const a of plan.applied) {
    const on = a.base === 'metal' ? 'the metal value' : a.base === 'remainder' ? 'the value minus the metal value' : 'the value';
    if (a.base !== 'value' || a.nonUsShare) {
      notes.push(`the ${a.measure.layer} rate applies to ${a.nonUsShare ? `the non-US share of ${on} (100% - us_content)` : on}`);
    }
  }
  return notes;
}

interface PlanParts {
  /** Layer index of each applied measure. */
  layerOf: number[];
  /** Each layer's rate as text ('' when no measure of the layer applies). */
  rates: string[];
  /** Measures, notes, and the empty rejected_field and rejected_reason columns. */
  tail: string;
  /** ",hts,category," as bytes, once a line of the plan is written. */
  good: Uint8Array | null;
  /** The explain column with its leading comma, or nothing. */
  explain: Uint8Array;
  /** When each used layer has one measure at a fixed rate: the duties in layer order, and the text around them. */
  order: number[] | null;
  segs: Uint8Array[];
}

const UTF8 = new TextEncoder();
const OK = UTF8.encode(',ok,');
const COMMA = 0x2c;
const NEWLINE = 0x0a;

const HEAD_RESERVED = new Set([
  'line', 'status', 'duty', 'effective_rate', 'measures', 'notes', 'rejected_field', 'rejected_reason',
]);
const IMPACT_RESERVED = new Set(IMPACT_CSV_HEAD);

/** The columns of a line in the csv format (and the xlsx Lines sheet): ours, then the input's own, renamed `input_…` where they clash. */
export function lineColumns(ctx: ReporterContext): string[] {
  const passNames = ctx.header ? ctx.header.passthrough.map((i) => ctx.header!.names[i]!) : [];
  return [
    'line', 'status', 'id', 'hts', 'category', 'origin', 'date', 'value', 'duty', 'effective_rate',
    ...ctx.engine.layers.flatMap((l) => [`${l}_rate`, `${l}_duty`]),
    'measures', 'notes', 'rejected_field', 'rejected_reason', 'refundable',
    ...(ctx.explain ? ['explain'] : []),
    ...(ctx.fees ? ['entry', 'mode', 'mpf', 'hmf'] : []),
    ...(ctx.impact ? IMPACT_CSV_HEAD : []),
    ...passNames.map((n) => (HEAD_RESERVED.has(n.toLowerCase()) || (ctx.impact && IMPACT_RESERVED.has(n.toLowerCase())) ? `input_${n}` : n)),
  ];
}
