/**
 * Impact figures in `tariff compare`: per scenario (and per group, unless grouped by measure) the landed cost,
 * per-unit duty and price and margin figures of calc, and their differences from the baseline ("the deal saves
 * $X per unit"). Computed when the input has a quantity or an impact column, or --pass-through is given.
 */
import { perPeriod, type GroupBy, type Per } from '../../../core/compare.js';
import { mfnDutyOf, type LineDuty } from '../../../core/compute.js';
import { ownEntryFees, type FeeRules } from '../../../core/fees.js';
import { formatHts } from '../../../values/hts.js';
import { ImpactSums, lineImpact, NO_IMPACT_INPUT } from '../../../core/impact.js';
import { formatCents, type RateMicro } from '../../../values/money.js';
import type { Plan } from '../../../core/resolve.js';
import type { HeaderMap, Row } from '../../../schema/row.js';
import { totalsImpactRecord, type TotalsImpactRecord } from './records.js';
import { impactWanted } from '../../impact-setup.js';

/** Differences of two impact records (scenario - baseline); null where either side has none. */
export interface ImpactDiffRecord {
  landedCost: string;
  addedDuty: string;
  landedCostPerUnit: string | null;
  dutyPerUnit: string | null;
  priceIncreaseConstantDollar: string | null;
  priceIncreaseConstantPercent: string | null;
  revenueAfter: string | null;
  grossProfitAfter: string | null;
  /** In percentage points. */
  marginLeftPercent: string | null;
}

/**
 * Compare computes impact figures when the rows have a quantity (duty per unit) or impact inputs. For an import
 * given by flags, `quantityFlag` says whether --quantity was given (its header always has the column).
 */
export function compareImpactWanted(header: HeaderMap | null, passThrough: RateMicro | undefined, quantityFlag?: boolean): boolean {
  if (impactWanted(header, passThrough)) return true;
  return quantityFlag ?? header?.index.quantity !== undefined;
}

export class CompareImpact {
  readonly totals: ImpactSums[];
  readonly groups: Map<string, ImpactSums>[];
  /** Lines of an entry grouped by an entry column: their fees are per entry, not in their landed cost. */
  groupedEntryLines = 0;

  constructor(
    scenarios: number,
    private readonly by: GroupBy,
    private readonly passThrough: RateMicro,
    private readonly fees: (FeeRules | null)[],
  ) {
    this.totals = Array.from({ length: scenarios }, () => new ImpactSums());
    this.groups = Array.from({ length: scenarios }, () => new Map());
  }

  /** Adds a line computed under scenario i. */
  add(i: number, row: Row, plan: Plan, duty: LineDuty): void {
    const rules = this.fees[i] ?? null;
    let fees = 0n;
    if (rules !== null) {
      if (row.entry === null) {
        const own = ownEntryFees(rules, row.line === null ? 'flags' : `line ${row.line}`, row.value, duty.duty, row.date, row.mode);
        fees = own.mpf + own.hmf;
      } else if (i === 0) this.groupedEntryLines++;
    }
    const li = lineImpact({ value: row.value, duty: duty.duty, mfnDuty: mfnDutyOf(duty), fees, quantity: row.quantity, input: row.impact ?? NO_IMPACT_INPUT, passThrough: this.passThrough });
    this.totals[i]!.add(row.value, duty.duty, li, row.unit, plan.category);
    if (this.by === 'measure') return; // a line counts under each of its measures: its landed cost would be counted again
    const key = this.by === 'category' ? plan.category : this.by === 'hts' ? (row.hts === null ? `(${plan.category})` : formatHts(row.hts)) : (row.id ?? '(no id)');
    let g = this.groups[i]!.get(key);
    if (g === undefined) this.groups[i]!.set(key, (g = new ImpactSums()));
    g.add(row.value, duty.duty, li, row.unit, plan.category);
  }

  /** The records of scenario i: its totals and its groups' (in the report's key order), amounts as run rates with --per. */
  records(i: number, keys: string[], per: Per | null): { totals: TotalsImpactRecord; groups: (TotalsImpactRecord | undefined)[] } {
    const rate = (c: bigint) => perPeriod(c, per);
    return {
      totals: totalsImpactRecord(this.totals[i]!, rate),
      groups: this.by === 'measure' ? keys.map(() => undefined) : keys.map((k) => totalsImpactRecord(this.groups[i]!.get(k) ?? new ImpactSums(), rate)),
    };
  }
}

const cents = (s: string): bigint => {
  const neg = s.startsWith('-');
  const v = BigInt(s.replace('-', '').replace('.', ''));
  return neg ? -v : v;
};
/** A percent string with at most 4 decimals as percent x 10^4. */
const pct4 = (s: string): bigint => {
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const v = BigInt(int!) * 10_000n + BigInt(frac.padEnd(4, '0'));
  return neg ? -v : v;
};
const formatPct4Signed = (p: bigint): string => {
  const neg = p < 0n;
  const a = neg ? -p : p;
  const frac = (a % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 10_000n}${frac ? `.${frac}` : ''}`;
};

/** b - a for each figure both records have. */
export function impactDiff(a: TotalsImpactRecord, b: TotalsImpactRecord): ImpactDiffRecord {
  const m = (x: string | null, y: string | null) => (x === null || y === null ? null : formatCents(cents(y) - cents(x)));
  return {
    landedCost: m(a.landedCost, b.landedCost)!,
    addedDuty: m(a.addedDuty, b.addedDuty)!,
    landedCostPerUnit: m(a.landedCostPerUnit, b.landedCostPerUnit),
    dutyPerUnit: m(a.dutyPerUnit, b.dutyPerUnit),
    priceIncreaseConstantDollar: m(a.priceIncreaseConstantDollar, b.priceIncreaseConstantDollar),
    priceIncreaseConstantPercent: m(a.priceIncreaseConstantPercent, b.priceIncreaseConstantPercent),
    revenueAfter: m(a.revenueAfter, b.revenueAfter),
    grossProfitAfter: m(a.grossProfitAfter, b.grossProfitAfter),
    marginLeftPercent: a.marginLeftPercent === null || b.marginLeftPercent === null ? null : formatPct4Signed(pct4(b.marginLeftPercent) - pct4(a.marginLeftPercent)),
  };
}
