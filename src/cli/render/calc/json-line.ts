/**
 * A line record as JSON, written straight into the output buffer: the same
 * bytes as JSON.stringify(lineRecord(...)) (held equal by a property test),
 * without building the record. What is the same for every line of a plan
 * (codes, rates, measure names, notes) is serialised once per plan.
 *
 * Lines this fast path does not cover (--explain, a specific MFN rate, header
 * names that an object would reorder) go through lineRecord and
 * JSON.stringify.
 */
import type { ComputedLine } from '../../../core/compute.js';
import { effectiveRate, formatRate } from '../../../values/money.js';
import type { Plan } from '../../../core/resolve.js';
import { formatHts } from '../../../values/hts.js';
import type { Out } from '../../../io/out.js';
import type { HeaderMap, Row } from '../../../schema/row.js';
import { lineRecord, passthroughColumns, type LineFees } from '../records.js';

const UTF8 = new TextEncoder();
const bytes = (s: string) => UTF8.encode(s);

/** Text JSON.stringify would escape: a quote, a backslash, a control character or a surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

interface PlanJson {
  /** `,"hts":…,"category":…,"origin":"`: a plan is resolved for one HTS code (or none), so set from its first line. */
  good: Uint8Array | null;
  /** `","mfnRate":…,"mfnSource":…,"duties":[` then `{"measure":…,"amount":"` */
  mfnAndFirst: Uint8Array;
  /** After each duty's amount: its tail, the comma and the next duty's head; the last one closes the array and opens duty. */
  afterAmount: Uint8Array[];
  /** `[…]` of the plan's notes, and with a fee note added (by note). */
  notes: Uint8Array;
  notesWith: Map<string, Uint8Array>;
}

export class JsonLineWriter {
  readonly #perPlan = new WeakMap<Plan, PlanJson>();
  /** Passthrough columns as [JSON key with its colon, cell index], in the order an object would list them; null: not covered. */
  readonly #columns: [Uint8Array, number][] | null;

  constructor(
    private readonly header: HeaderMap | null,
    private readonly explain: boolean,
  ) {
    if (header === null) this.#columns = [];
    else {
      // Objects list integer-like keys first, and "__proto__" is no key at all: keep to the order the object has.
      const probe = passthroughColumns(header, header.names);
      const keys = Object.keys(probe);
      const index = new Map(header.passthrough.map((i) => [header.names[i]!, i]));
      this.#columns = keys.length === header.passthrough.length ? keys.map((k) => [bytes(`${JSON.stringify(k)}:`), index.get(k)!]) : null;
    }
  }

  #plan(plan: Plan): PlanJson {
    let p = this.#perPlan.get(plan);
    if (p === undefined) {
      const s = JSON.stringify;
      const head = (i: number) => {
        const a = plan.applied[i]!;
        return `{"measure":${s(a.measure.id)},"layer":${s(a.measure.layer)},"rate":${s(formatRate(a.rate))},"amount":"`;
      };
      const tail = (i: number) => {
        const a = plan.applied[i]!;
        return `","refundable":${a.measure.refundBasis !== null}${a.base !== 'value' ? `,"base":${s(a.base)}` : ''}${a.nonUsShare ? ',"nonUsShare":true' : ''}}`;
      };
      const n = plan.applied.length;
      const afterAmount: Uint8Array[] = [];
      for (let i = 0; i < n; i++) afterAmount.push(bytes(`${tail(i)}${i + 1 < n ? `,${head(i + 1)}` : '],"duty":"'}`));
      p = {
        good: null,
        mfnAndFirst: bytes(`","mfnRate":${s(formatRate(plan.mfn))},"mfnSource":${s(plan.mfnSource)},"duties":[${n > 0 ? head(0) : '],"duty":"'}`),
        afterAmount,
        notes: bytes(s(plan.notes)),
        notesWith: new Map(),
      };
      this.#perPlan.set(plan, p);
    }
    return p;
  }

  /** Writes `prefix` (e.g. `{"type":"line",` or `{`), then the record's fields, then `}`. */
  write(out: Out, c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null, prefix: Uint8Array): void {
    const { row, plan } = c;
    if (this.explain || plan.mfnSpecific !== null || this.#columns === null || c.impact !== undefined) {
      const json = JSON.stringify(lineRecord(c, passthroughColumns(this.header, cells), this.explain, fees));
      out.bytes(prefix);
      out.push(json.slice(1)); // the record without its opening brace
      return;
    }
    const p = this.#plan(plan);
    p.good ??= bytes(`,"hts":${JSON.stringify(row.hts === null ? null : formatHts(row.hts))},"category":${JSON.stringify(plan.category)},"origin":"`);
    out.bytes(prefix);
    out.ascii('"line":');
    if (row.line === null) out.ascii('null');
    else out.int(row.line);
    out.ascii(',"id":');
    if (row.id === null) out.ascii('null');
    else jsonString(out, row.id);
    out.bytes(p.good);
    out.ascii(row.origin);
    out.ascii('","date":"');
    out.ascii(row.date);
    out.ascii('","value":"');
    out.cents(row.value);
    out.bytes(p.mfnAndFirst);
    for (let i = 0; i < c.duties.length; i++) {
      out.cents(c.duties[i]!.amount);
      out.bytes(p.afterAmount[i]!);
    }
    out.cents(c.duty);
    out.ascii('","effectiveRate":"');
    out.ascii(effectiveRate(c.duty, row.value));
    out.ascii('","refundable":"');
    out.cents(c.refundable);
    this.#notesColumnsFees(out, c, cells, fees, p, this.#columns);
    out.byte(CLOSE);
  }

  /** The notes (the plan's, and the line's own entry fee notes), the passed-through columns, the entry and fees. */
  #notesColumnsFees(out: Out, c: ComputedLine<Row>, cells: string[] | null, fees: LineFees | null, p: PlanJson, cols: [Uint8Array, number][]): void {
    const { row, plan } = c;
    out.ascii('","notes":');
    const feeNotes = fees?.own?.notes ?? [];
    if (feeNotes.length === 0) out.bytes(p.notes);
    else {
      const key = feeNotes.join('\n');
      let n = p.notesWith.get(key);
      if (n === undefined) p.notesWith.set(key, (n = bytes(JSON.stringify([...plan.notes, ...feeNotes]))));
      out.bytes(n);
    }
    out.ascii(',"columns":{');
    if (cells !== null) {
      for (let k = 0; k < cols.length; k++) {
        if (k > 0) out.byte(COMMA);
        out.bytes(cols[k]![0]);
        jsonString(out, cells[cols[k]![1]] ?? '');
      }
    }
    out.byte(CLOSE);
    if (fees !== null) {
      out.ascii(',"entry":');
      jsonString(out, fees.entry);
      out.ascii(',"mode":"');
      out.ascii(row.mode);
      out.byte(QUOTE);
      if (fees.own !== null) {
        out.ascii(',"mpf":"');
        out.cents(fees.own.mpf);
        out.ascii('","hmf":"');
        out.cents(fees.own.hmf);
        out.byte(QUOTE);
      }
    }
  }
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CLOSE = 0x7d;

/** A JSON string, as JSON.stringify writes it. */
function jsonString(out: Out, s: string): void {
  if (NEEDS_ESCAPE.test(s)) out.push(JSON.stringify(s));
  else {
    out.byte(QUOTE);
    out.ascii(s);
    out.byte(QUOTE);
  }
}
