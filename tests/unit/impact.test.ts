/**
 * The pure impact core (src/core/impact.ts): worked examples computed by hand, and properties held against
 * decimal.js. The formulas are those of README "From duty to impact": constant-$ markup (the price rises by the
 * added duty per unit), constant-% markup (by the added duty per unit x price / cost), and a pass-through share
 * of the added duty (Yale Budget Lab Tariff-Model, src/03_calculate_prices.R: the tariff on imports enters the
 * price in full, the 1 of (1 + passthrough); data/impact/pass-through.json).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costFromMargin, divRound, formatPct4, ImpactSums, impactTotals, lineImpact, NO_IMPACT_INPUT, priceLineTotals, ratioPct4, type ImpactInput } from '../../src/core/impact.js';
import { readImpact } from '../../src/schema/impact-row.js';
import { readHeader } from '../../src/schema/row.js';
import { formatCents, formatRate } from '../../src/values/money.js';

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
const units = (n: number) => BigInt(n) * 1_000_000n;
const pct = (n: number) => BigInt(Math.round(n * 1_000_000));
const input = (i: Partial<ImpactInput>): ImpactInput => ({ ...NO_IMPACT_INPUT, ...i });

/*
 * The car of the tests: 10 passenger cars of 8703.23.01 from Japan, customs value $300,000.00 ($30,000 a car),
 * entered 2025-10-01. MFN 2.5% (HTS 2026 Rev. 10, General): $7,500.00.
 *
 * Under the deal (as-enacted; EO 14345 section 4, 90 FR 44638: Section 232 vehicles, Japan, inclusive 15%), the
 * Section 232 layer adds 15 - 2.5 = 12.5%: $37,500.00. Duty $45,000.00, added duty (beyond MFN) $37,500.00,
 * $3,750.00 a car.
 * Under no deal (data/scenarios/no-deal.json: Section 232 vehicles at +25%, Proc. 10908): $75,000.00. Duty
 * $82,500.00, added duty $75,000.00, $7,500.00 a car.
 *
 * Selling price $36,000.00 a car, gross margin 20%: unit cost 36,000 x 0.80 = $28,800.00.
 * Fees (own entry, FY2026): MPF 0.3464% x 300,000 = 1,039.20, capped at $651.50; HMF 0.125% x 300,000 = $375.00;
 * fees $1,026.50. Freight $12,000.00, insurance $600.00.
 */
const car = { value: 30_000_000n, mfnDuty: 750_000n, fees: 102_650n, quantity: units(10), input: input({ unitPrice: 3_600_000n, margin: pct(20), freight: 1_200_000n, insurance: 60_000n }) };

describe('lineImpact: the car under the deal and under no deal', () => {
  it('under the deal, at 60% pass-through', () => {
    const li = lineImpact({ ...car, duty: 4_500_000n, passThrough: pct(60) });
    // landed: 300,000 + 45,000 + 1,026.50 + 12,000 + 600 = 358,626.50; a car: 35,862.65
    expect(li.landedCost).toBe(35_862_650n);
    expect(li.landedCostPerUnit).toBe(3_586_265n);
    expect(li.costs).toBe(1_260_000n);
    expect(li.dutyPerUnit).toBe(450_000n); // 45,000 / 10
    expect(li.addedDuty).toBe(3_750_000n);
    expect(li.addedDutyPerUnit).toBe(375_000n);
    const p = li.price!;
    expect(p.unitCost).toBe(2_880_000n); // 36,000 x (1 - 20%)
    expect(p.marginPct4).toBe(200_000n); // 20%
    expect(p.constantDollar).toBe(375_000n); // +3,750.00 keeps the $7,200.00 margin a car
    expect(p.constantPercent).toBe(468_750n); // 3,750 x 36,000 / 28,800 = +4,687.50 keeps 20%
    // 60% of 3,750 = 2,250: new price 38,250.00, +6.25%
    expect(p.newPrice).toBe(3_825_000n);
    expect(formatPct4(p.priceChangePct4)).toBe('6.25');
    // margin left 38,250 - 28,800 - 3,750 = 5,700.00; 5,700 / 38,250 = 14.90196...% -> 14.902
    expect(p.marginLeft).toBe(570_000n);
    expect(formatPct4(p.marginLeftPct4)).toBe('14.902');
    expect(p.absorbed).toBe(150_000n); // 3,750 - 2,250
    // line totals: revenue 360,000.00, cost 288,000.00, constant-% revenue needed 37,500 x 36,000 / 28,800 = 46,875.00
    expect(priceLineTotals(p, li.quantity!, li.addedDuty)).toEqual({ revenue: 36_000_000n, cost: 28_800_000n, constantPercent: 4_687_500n, revenueAfter: 38_250_000n });
  });

  it('under no deal, at 60% pass-through', () => {
    const li = lineImpact({ ...car, duty: 8_250_000n, passThrough: pct(60) });
    // landed: 300,000 + 82,500 + 1,026.50 + 12,600 = 396,126.50
    expect(li.landedCost).toBe(39_612_650n);
    expect(li.dutyPerUnit).toBe(825_000n);
    expect(li.addedDutyPerUnit).toBe(750_000n);
    const p = li.price!;
    expect(p.constantDollar).toBe(750_000n);
    expect(p.constantPercent).toBe(937_500n); // 7,500 x 1.25
    expect(p.newPrice).toBe(4_050_000n); // 36,000 + 60% x 7,500 = 40,500.00, +12.5%
    expect(formatPct4(p.priceChangePct4)).toBe('12.5');
    expect(p.marginLeft).toBe(420_000n); // 40,500 - 28,800 - 7,500 = 4,200.00
    expect(formatPct4(p.marginLeftPct4)).toBe('10.3704'); // 4,200 / 40,500 = 10.37037%
    expect(p.absorbed).toBe(300_000n);
  });

  it('the deal saves $3,750.00 of duty a car, and $4,687.50 of price rise a car at a constant-% markup', () => {
    const deal = lineImpact({ ...car, duty: 4_500_000n, passThrough: pct(100) });
    const noDeal = lineImpact({ ...car, duty: 8_250_000n, passThrough: pct(100) });
    expect(noDeal.dutyPerUnit! - deal.dutyPerUnit!).toBe(375_000n);
    expect(noDeal.price!.constantPercent - deal.price!.constantPercent).toBe(468_750n);
    // At 100% pass-through the margin in dollars is kept: 36,000 + 3,750 - 28,800 - 3,750 = 7,200.00
    expect(deal.price!.marginLeft).toBe(720_000n);
    expect(deal.price!.absorbed).toBe(0n);
  });

  it('a unit cost given instead of a margin gives the margin it implies', () => {
    const li = lineImpact({ ...car, input: input({ unitPrice: 3_600_000n, unitCost: 2_700_000n }), duty: 4_500_000n, passThrough: pct(100) });
    expect(formatPct4(li.price!.marginPct4)).toBe('25'); // (36,000 - 27,000) / 36,000
    expect(li.price!.constantPercent).toBe(500_000n); // 3,750 x 36,000 / 27,000
  });

  it('without a quantity there are no per-unit figures and no price figures; without costs, landed = value + duty + fees', () => {
    const li = lineImpact({ value: 100_000n, duty: 15_000n, mfnDuty: 2_500n, fees: 0n, quantity: null, input: NO_IMPACT_INPUT, passThrough: pct(100) });
    expect(li).toMatchObject({ landedCost: 115_000n, addedDuty: 12_500n, landedCostPerUnit: null, dutyPerUnit: null, price: null });
  });

  it('rounds each per-unit figure once, half up: $100.00 of duty over 3 units is $33.33, $200.00 is $66.67', () => {
    const a = lineImpact({ value: 0n, duty: 10_000n, mfnDuty: 0n, fees: 0n, quantity: units(3), input: NO_IMPACT_INPUT, passThrough: pct(100) });
    const b = lineImpact({ value: 0n, duty: 20_000n, mfnDuty: 0n, fees: 0n, quantity: units(3), input: NO_IMPACT_INPUT, passThrough: pct(100) });
    expect(a.dutyPerUnit).toBe(3_333n);
    expect(b.dutyPerUnit).toBe(6_667n);
    // a half cent rounds up: $0.05 over 10 units is 0.5 cent -> 1 cent
    expect(lineImpact({ value: 0n, duty: 5n, mfnDuty: 0n, fees: 0n, quantity: units(10), input: NO_IMPACT_INPUT, passThrough: pct(100) }).dutyPerUnit).toBe(1n);
  });
});

describe('a basket total', () => {
  /*
   * The car line above (deal, 60% pass-through) plus a line of 200 auto parts (8708.30.50, value $40,000.00, MFN
   * 2.5% = $1,000.00, Section 232 parts inclusive 15% adds 12.5% = $5,000.00; duty $6,000.00, added $5,000.00),
   * sold at $300.00 each with unit cost $240.00 (20%), no fees on the line (a grouped entry), no costs:
   *   part per unit: added 25.00; constant-% 25 x 300 / 240 = 31.25; new price 300 + 15 = 315.00
   *   revenue 60,000.00; cost 48,000.00; constant-% line 5,000 x 300 / 240 = 6,250.00; revenue after 63,000.00
   * Basket: revenue 360,000 + 60,000 = 420,000.00; gross profit 72,000 + 12,000 = 84,000.00 (20%)
   *   constant-$ revenue needed 37,500 + 5,000 = 42,500.00; constant-% 46,875 + 6,250 = 53,125.00
   *   revenue after 382,500 + 63,000 = 445,500.00; profit after 445,500 - 336,000 - 42,500 = 67,000.00
   *   margin left 67,000 / 445,500 = 15.03928...% -> 15.0393
   *   landed 358,626.50 + 40,000 + 6,000 + grouped entry fees 200.00 = 404,826.50
   * Cars and parts are different goods: no per-unit figure for the basket.
   */
  it('sums the lines and gives the margins of the sums', () => {
    const s = new ImpactSums();
    s.add(30_000_000n, 4_500_000n, lineImpact({ ...car, duty: 4_500_000n, passThrough: pct(60) }), null, 'vehicles');
    s.add(4_000_000n, 600_000n, lineImpact({ value: 4_000_000n, duty: 600_000n, mfnDuty: 100_000n, fees: 0n, quantity: units(200), input: input({ unitPrice: 30_000n, unitCost: 24_000n }), passThrough: pct(60) }), null, 'auto-parts');
    s.addFees(20_000n);
    const t = impactTotals(s);
    expect(t.landedCost).toBe(40_482_650n);
    expect(t.addedDuty).toBe(4_250_000n);
    expect(t.quantity).toBeNull();
    expect(t.dutyPerUnit).toBeNull();
    expect(t.price).toMatchObject({ lines: 2, revenue: 42_000_000n, grossProfit: 8_400_000n, constantDollar: 4_250_000n, constantPercent: 5_312_500n, revenueAfter: 44_550_000n, grossProfitAfter: 6_700_000n });
    expect(formatPct4(t.price!.marginPct4!)).toBe('20');
    expect(formatPct4(t.price!.marginLeftPct4!)).toBe('15.0393');
  });

  it('gives per-unit totals when every line has a quantity in the same unit', () => {
    const s = new ImpactSums();
    const line = (duty: bigint, q: number) => lineImpact({ value: 3_000_000n, duty, mfnDuty: 75_000n, fees: 0n, quantity: units(q), input: NO_IMPACT_INPUT, passThrough: pct(100) });
    s.add(3_000_000n, 450_000n, line(450_000n, 1), null, 'vehicles');
    s.add(3_000_000n, 825_000n, line(825_000n, 2), null, 'vehicles');
    const t = impactTotals(s);
    expect(t.quantity).toBe(units(3));
    expect(t.dutyPerUnit).toBe(425_000n); // (4,500 + 8,250) / 3 = 4,250.00
    s.add(3_000_000n, 450_000n, line(450_000n, 1), 'each', 'vehicles'); // another unit: no longer alike
    expect(impactTotals(s).quantity).toBeNull();
  });
});

describe('rounding helpers', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [-4n, 3n, -1n],
  ])('divRound(%s, %s) = %s (half away from zero)', (n, d, q) => expect(divRound(n, d)).toBe(q));

  it('divRound is n / d rounded half away from zero, as decimal.js rounds it, for any size of bigint', () => {
    const big = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 53n + 10n }), fc.bigInt({ min: 0n, max: 10n ** 30n }));
    fc.assert(
      fc.property(big, big, fc.boolean(), (n, d, neg) => {
        fc.pre(d > 0n);
        const x = new D((neg ? -n : n).toString()).div(d.toString());
        expect(divRound(neg ? -n : n, d)).toBe(BigInt(x.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)));
      }),
      { numRuns: 2000 },
    );
    expect(() => divRound(1n, 0n)).toThrow(/invariant/);
  });

  it('costFromMargin is price x (100% - margin) half up to the cent; the row check refuses exactly the margins that make it 0', () => {
    const header = readHeader(['value', 'hts', 'date', 'quantity', 'unit_price', 'margin']);
    if (!header.ok) throw new Error('header');
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 99_999_999n }), (p0, m) => {
        const cost = costFromMargin(p0, m);
        expect(cost).toBe(divRound(p0 * (100_000_000n - m), 100_000_000n));
        const cells = ['100', '8703.23.01', '2025-10-01', '1', formatCents(p0), formatRate(m)];
        const r = readImpact(cells, header.header, units(1));
        expect(r.ok).toBe(cost > 0n);
        if (!r.ok) expect(r.reason).toMatch(/leaves a unit cost of \$0\.00/);
      }),
      { numRuns: 2000 },
    );
    // A cost of 0.5 cents rounds up to 1 cent; below half a cent it is 0: $0.01 at 50% and just above.
    expect(costFromMargin(1n, 50_000_000n)).toBe(1n);
    expect(costFromMargin(1n, 50_000_001n)).toBe(0n);
    expect(readImpact(['100', '8703.23.01', '2025-10-01', '1', '0.01', '50'], header.header, units(1)).ok).toBe(true);
    expect(readImpact(['100', '8703.23.01', '2025-10-01', '1', '0.01', '50.000001'], header.header, units(1)).ok).toBe(false);
    expect(readImpact(['100', '8703.23.01', '2025-10-01', '3', '0.03', '83.333333'], header.header, units(3)).ok).toBe(true); // 0.50000001 cents
    expect(readImpact(['100', '8703.23.01', '2025-10-01', '3', '0.03', '83.333334'], header.header, units(3)).ok).toBe(false); // 0.49999998 cents
  });

  it('formatPct4 writes percent x 10^4 in its shortest form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }), (p) => {
        const a = p < 0n ? -p : p;
        const s = a.toString().padStart(5, '0');
        const want = `${p < 0n ? '-' : ''}${BigInt(s.slice(0, -4))}${`.${s.slice(-4)}`.replace(/\.?0+$/, '')}`;
        expect(formatPct4(p)).toBe(want);
      }),
    );
  });

  it('ratioPct4 and formatPct4', () => {
    expect(ratioPct4(1n, 3n)).toBe(333_333n);
    expect(formatPct4(ratioPct4(-1n, 8n)!)).toBe('-12.5');
    expect(ratioPct4(1n, 0n)).toBeNull();
  });

  it('per-unit figures and margins equal decimal.js rounded half up', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000_00n }), // value, cents
        fc.bigInt({ min: 0n, max: 5_000_000_00n }), // added duty, cents
        fc.bigInt({ min: 1n, max: 100_000_000_000n }), // quantity, millionths
        fc.bigInt({ min: 1n, max: 1_000_000_00n }), // unit price
        fc.bigInt({ min: 0n, max: 99_999_999n }), // margin, micro-percent
        fc.bigInt({ min: 0n, max: 200_000_000n }), // pass-through
        (value, added, q, p0, m, s) => {
          const c0 = divRound(p0 * (100_000_000n - m), 100_000_000n);
          fc.pre(c0 > 0n);
          const li = lineImpact({ value, duty: added + 100n, mfnDuty: 100n, fees: 0n, quantity: q, input: input({ unitPrice: p0, margin: m }), passThrough: s });
          // Each figure is one exact fraction of integers, divided once (a quotient carried into a further product, even
          // at 80 digits, can turn an exact half into 0.4999...: added 209409455, q 7, s 121614010 is such a tie).
          const frac = (n: bigint, d: bigint) => new D(n.toString()).div(d.toString());
          const half = (x: Decimal) => BigInt(x.abs().toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)) * (x.isNeg() ? -1n : 1n);
          expect(li.addedDutyPerUnit).toBe(half(frac(added * 1_000_000n, q)));
          const p = li.price!;
          expect(p.constantPercent).toBe(half(frac(added * 1_000_000n * p0, q * c0)));
          const increase = half(frac(added * 1_000_000n * s, q * 100_000_000n));
          expect(p.newPrice).toBe(p0 + increase);
          // margin left = new price - cost - added duty per unit, in cents and as millionths of a percent of the new price
          const leftN = (p0 + increase - c0) * q - added * 1_000_000n;
          expect(p.marginLeft).toBe(half(frac(leftN, q)));
          expect(p.marginLeftPct4).toBe(half(frac(leftN * 1_000_000n, q * (p0 + increase))));
        },
      ),
      { numRuns: 300, examples: [[1n, 209_409_455n, 7n, 1n, 0n, 121_614_010n]] },
    );
  });

  it('at the constant-$ increase the margin in dollars is kept; at the constant-% increase the margin in percent is kept (to rounding)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1_000_000_00n }), fc.integer({ min: 1, max: 1000 }), fc.bigInt({ min: 100n, max: 10_000_000n }), fc.integer({ min: 0, max: 95 }), (added, n, p0, marginPct) => {
        const q = units(n);
        const m = pct(marginPct);
        const c0 = divRound(p0 * (100_000_000n - m), 100_000_000n);
        const li = lineImpact({ value: 0n, duty: added, mfnDuty: 0n, fees: 0n, quantity: q, input: input({ unitPrice: p0, margin: m }), passThrough: pct(100) });
        const p = li.price!;
        // 100% pass-through: new price - new cost = old margin, within the two roundings of the per-unit duty
        const oldMargin = p0 - c0;
        expect(p.marginLeft - oldMargin <= 1n && oldMargin - p.marginLeft <= 1n).toBe(true);
        // constant-%: (p0 + up) / (c0 + dc) = p0 / c0, so the margin percent is unchanged, within a cent's worth
        const up = new D(p.constantPercent.toString());
        const dc = new D(added.toString()).mul(1e6).div(q.toString());
        const marginAfter = up.plus(p0.toString()).minus(c0.toString()).minus(dc).div(up.plus(p0.toString()));
        const marginBefore = new D(oldMargin.toString()).div(p0.toString());
        expect(marginAfter.minus(marginBefore).abs().lte(new D(1).div(p0.toString()))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
