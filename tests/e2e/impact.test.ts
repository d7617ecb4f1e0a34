/**
 * End to end: impact figures (README "From duty to impact") from the built bin, as a user would run it.
 *
 * The car of these tests (computed by hand): 10 passenger cars of 8703.23.01 from Japan, customs value
 * $300,000.00, entered 2025-10-01, sold at $36,000.00 a car with a 20% gross margin (unit cost $28,800.00),
 * freight $12,000.00, insurance $600.00, its own entry (FY2026 fees: MPF 0.3464% = 1,039.20 capped at $651.50,
 * HMF 0.125% = $375.00).
 *   Deal (as-enacted, EO 14345 s.4: inclusive 15%): MFN 2.5% $7,500.00 + 12.5% $37,500.00 = $45,000.00; added
 *   duty (beyond MFN) $37,500.00 = $3,750.00 a car. Landed 300,000 + 45,000 + 1,026.50 + 12,600 = $358,626.50,
 *   $35,862.65 a car. Keep the margin in $: +$3,750.00; in %: 3,750 x 36,000 / 28,800 = +$4,687.50.
 *   At 60% pass-through: new price 36,000 + 2,250 = $38,250.00 (+6.25%); margin left 38,250 - 28,800 - 3,750 =
 *   $5,700.00 = 14.902% of the new price; absorbed 3,750 - 2,250 = $1,500.00 a car.
 *   No deal (no-deal scenario: Section 232 vehicles +25%, Proc. 10908): 7,500 + 75,000 = $82,500.00; added $7,500.00
 *   a car; keep $: +$7,500.00; keep %: +$9,375.00; at 60%: $40,500.00 (+12.5%), margin left $4,200.00 = 10.3704%.
 *   The deal saves $3,750.00 of duty a car ($8,250.00 - $4,500.00).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { parseCsv, tariff } from './cli.js';

const CAR = ['--value', '300000', '--hts', '8703.23.01', '--date', '2025-10-01', '--quantity', '10', '--unit-price', '36000', '--margin', '20', '--freight', '12000', '--insurance', '600'];

describe('calc: impact of one import (the car)', () => {
  it('under the deal, at 60% pass-through', async () => {
    const r = await tariff(['calc', ...CAR, '--pass-through', '60', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // the quantity is used (per-unit figures): no "not used" warning
    const doc = JSON.parse(r.stdout);
    expect(doc.lines[0].duty).toBe('45000.00');
    expect(doc.lines[0].impact).toEqual({
      quantity: '10',
      costs: '12600.00',
      fees: '1026.50',
      landedCost: '358626.50',
      landedCostPerUnit: '35862.65',
      dutyPerUnit: '4500.00',
      addedDuty: '37500.00',
      addedDutyPerUnit: '3750.00',
      unitPrice: '36000.00',
      unitCost: '28800.00',
      margin: '20',
      priceIncreaseConstantDollar: '3750.00',
      priceIncreaseConstantPercent: '4687.50',
      passThrough: '60',
      newPrice: '38250.00',
      priceChange: '6.25',
      marginLeft: '5700.00',
      marginLeftPercent: '14.902',
      absorbed: '1500.00',
    });
    expect(doc.totals.impact).toMatchObject({ landedCost: '358626.50', quantity: '10', dutyPerUnit: '4500.00', revenue: '360000.00', grossProfit: '72000.00', revenueAfter: '382500.00', grossProfitAfter: '57000.00', marginLeftPercent: '14.902' });
  });

  it('under no deal, at 60% pass-through', async () => {
    const r = await tariff(['calc', ...CAR, '--pass-through', '60', '--scenario', 'no-deal', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines[0].impact).toMatchObject({
      landedCost: '396126.50',
      dutyPerUnit: '8250.00',
      addedDutyPerUnit: '7500.00',
      priceIncreaseConstantDollar: '7500.00',
      priceIncreaseConstantPercent: '9375.00',
      newPrice: '40500.00',
      priceChange: '12.5',
      marginLeft: '4200.00',
      marginLeftPercent: '10.3704',
      absorbed: '3000.00',
    });
  });

  it('takes the default pass-through from data/impact/pass-through.json (100%): the margin in dollars is kept', async () => {
    const r = await tariff(['calc', ...CAR, '--format', 'json']);
    expect(JSON.parse(r.stdout).lines[0].impact).toMatchObject({ passThrough: '100', newPrice: '39750.00', marginLeft: '7200.00', absorbed: '0.00' });
  });

  it('a unit cost instead of a margin', async () => {
    const r = await tariff(['calc', '--value', '300000', '--hts', '8703.23.01', '--date', '2025-10-01', '--quantity', '10', '--unit-price', '36000', '--unit-cost', '27000', '--no-fees', '--format', 'json']);
    expect(JSON.parse(r.stdout).lines[0].impact).toMatchObject({ margin: '25', fees: '0.00', landedCost: '345000.00', priceIncreaseConstantPercent: '5000.00' });
  });

  it.each([
    [['--unit-price', '36000'], /--unit-price: a unit price needs quantity/],
    [['--quantity', '1', '--unit-price', '-5'], /--unit-price: negative unit price "-5"/],
    [['--quantity', '1', '--unit-price', '100', '--margin', '100'], /--margin: a gross margin is below 100/],
    [['--quantity', '1', '--unit-price', '100', '--margin', '10', '--unit-cost', '90'], /--unit-cost: give margin or unit_cost, not both/],
    [['--quantity', '1', '--margin', '10'], /--margin: a margin needs unit_price/],
    [['--freight', '1e3'], /--freight: expected a decimal amount like 1234.56, got "1e3"/],
    [['--pass-through', 'half'], /--pass-through: expected a percentage/],
  ])('refuses bad impact flags as usage errors: %j', async (flags, message) => {
    const r = await tariff(['calc', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses impact flags with a file: they are columns there', async () => {
    const r = await tariff(['calc', '-', '--unit-price', '10'], { stdin: 'value,hts\n100,8703.23.01\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--unit-price is for one import given by --value; in a file, give the column unit_price/);
  });
});

/*
 * A basket: the cars above (their own entry) and 200 brake parts of 8708.30.50 (note 33(g), Section 232 parts,
 * Japan inclusive 15%) in entry E1, value $40,000.00: MFN 2.5% $1,000.00 + 12.5% $5,000.00 = $6,000.00, added
 * $5,000.00 ($25.00 a part), sold at $300.00 with unit cost $240.00 (20%).
 *   Parts: keep %: 25 x 300 / 240 = 31.25; at 60%: 300 + 15 = $315.00; margin left 315 - 240 - 25 = $50.00.
 *   E1's fees: MPF 0.3464% x 40,000 = $138.56, HMF $50.00: $188.56, in the total only (no one line's).
 *   Total landed: 358,626.50 + 46,000.00 + 188.56 = $404,815.06; fees 1,026.50 + 188.56 = $1,215.06.
 *   Revenue 360,000 + 60,000 = $420,000.00; gross profit 72,000 + 12,000 = $84,000.00 (20%).
 *   Keep $: 37,500 + 5,000 = $42,500.00; keep %: 46,875 + 6,250 = $53,125.00.
 *   At 60%: revenue 382,500 + 63,000 = $445,500.00; profit 445,500 - 336,000 - 42,500 = $67,000.00 = 15.0393%.
 *   Cars and parts are different goods: no per-unit total.
 */
const BASKET = `id,hts,value,date,quantity,unit_price,margin,unit_cost,freight,insurance,entry
CARS,8703.23.01,300000.00,2025-10-01,10,36000,20,,12000,600,
PARTS,8708.30.50,40000.00,2025-10-01,200,300,,240,,,E1
`;

describe('calc: impact of a basket', () => {
  it('sums the lines, with the grouped entry fees in the total', async () => {
    const r = await tariff(['calc', '-', '--pass-through', '60', '--format', 'json'], { stdin: BASKET });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines[1].impact).toMatchObject({ fees: '0.00', landedCost: '46000.00', addedDutyPerUnit: '25.00', priceIncreaseConstantPercent: '31.25', newPrice: '315.00', marginLeft: '50.00' });
    expect(doc.totals.impact).toEqual({
      lines: 2,
      addedDuty: '42500.00',
      fees: '1215.06',
      costs: '12600.00',
      landedCost: '404815.06',
      quantity: null,
      unit: null,
      landedCostPerUnit: null,
      dutyPerUnit: null,
      addedDutyPerUnit: null,
      priceLines: 2,
      revenue: '420000.00',
      grossProfit: '84000.00',
      margin: '20',
      priceIncreaseConstantDollar: '42500.00',
      priceIncreaseConstantPercent: '53125.00',
      passThrough: '60',
      revenueAfter: '445500.00',
      grossProfitAfter: '67000.00',
      marginLeftPercent: '15.0393',
    });
  });

  it('csv: the impact columns after the fees, the same figures', async () => {
    const r = await tariff(['calc', '-', '--pass-through', '60', '--format', 'csv'], { stdin: BASKET });
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toMatchObject({ id: 'CARS', landed_cost: '358626.50', landed_cost_per_unit: '35862.65', price_increase_constant_percent: '4687.50', new_price: '38250.00', margin_left_percent: '14.902' });
    expect(rows[1]).toMatchObject({ id: 'PARTS', unit_cost: '240.00', margin: '20' });
    expect(rows[2]).toMatchObject({ status: 'entry', entry: 'E1', landed_cost: '' });
    const head = r.stdout.split('\n')[0]!;
    expect(head).toContain(',mpf,hmf,quantity,costs,landed_cost,landed_cost_per_unit,duty_per_unit,added_duty,');
  });

  it('ndjson: the impact object on each line and on the totals', async () => {
    const r = await tariff(['calc', '-', '--pass-through', '60', '--format', 'ndjson'], { stdin: BASKET });
    const objs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs[0].impact.newPrice).toBe('38250.00');
    expect(objs.at(-1).impact.grossProfitAfter).toBe('67000.00');
  });

  it('table: the impact totals, the per-unit lines and a bar chart per category', async () => {
    const r = await tariff(['calc', '-', '--pass-through', '60', '--format', 'table'], { stdin: BASKET });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/landed cost \(value \+ duty \+ fees \+ costs\)\s+│\s+\$404,815\.06/);
    expect(r.stdout).toMatch(/price rise to keep the margin in % \(constant-% markup\)\s+│\s+\$53,125\.00/);
    expect(r.stdout).toMatch(/gross margin left\s+│\s+\$67,000\.00 \(15\.0393%\)/);
    expect(r.stdout).toMatch(/│\s+2 │ CARS\s+│\s+10 │\s+\$35,862\.65 │\s+\$3,750\.00 │ \$36,000\.00 │\s+\$3,750\.00 │\s+\$4,687\.50 │ \$38,250\.00 \(60%\) │ 20% → 14\.902% │/);
    expect(r.stdout).toContain('Price rise to keep the margin in %, by category');
    // the vehicles bar is the longest (46,875.00): 40 blocks; the parts (category general: a code's category comes
    // from its prefix, and auto parts have none) 6,250 / 46,875 x 40 = 5.33 blocks = 43 eighths: 5 and 3/8
    expect(r.stdout).toMatch(/vehicles\s+█{40} \$46,875\.00/);
    expect(r.stdout).toMatch(/general\s+█{5}▍ \$6,250\.00/);
  });

  it.each([
    ['unit_price', 'value,hts,date,quantity,unit_price\n100,8703.23.01,2025-10-01,,50\n', 'a unit price needs quantity'],
    ['margin', 'value,hts,date,quantity,unit_price,margin\n100,8703.23.01,2025-10-01,1,50,150\n', 'a gross margin is below 100'],
    ['margin', 'value,hts,date,quantity,unit_price,margin\n100,8703.23.01,2025-10-01,1,0.01,60\n', 'leaves a unit cost of $0.00'],
    ['freight', 'value,hts,date,freight\n100,8703.23.01,2025-10-01,-5\n', 'negative freight cost "-5"'],
    ['insurance', 'value,hts,date,insurance\n100,8703.23.01,2025-10-01,1.005\n', 'has more than 2 decimal places; give the insurance cost in dollars and cents'],
    ['other_costs', 'value,hts,date,other_costs\n100,8703.23.01,2025-10-01,abc\n', 'expected a decimal amount like 1234.56, got "abc"'],
    ['unit_cost', 'value,hts,date,quantity,unit_price,unit_cost\n100,8703.23.01,2025-10-01,1,50,0\n', 'a unit cost of 0'],
  ])('rejects a bad %s cell naming the file, line and column', async (field, csv, reason) => {
    const r = await tariff(['calc', '-', '--format', 'json'], { stdin: csv });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.rejected).toEqual([expect.objectContaining({ line: 2, field })]);
    expect(doc.rejected[0].reason).toContain(reason);
    expect(r.stderr).toContain(`(stdin) line 2, column "${field}"`);
  });

  it('adds nothing when no impact column is given: no impact object, the same csv columns', async () => {
    const csv = 'value,hts,date,quantity\n30000,8703.23.01,2025-10-01,1\n';
    const json = JSON.parse((await tariff(['calc', '-', '--format', 'json'], { stdin: csv })).stdout);
    expect(json.lines[0].impact).toBeUndefined();
    expect(json.totals.impact).toBeUndefined();
    const head = (await tariff(['calc', '-', '--format', 'csv'], { stdin: csv })).stdout.split('\n')[0];
    expect(head).not.toContain('landed_cost');
  });
});

describe('compare: impact per scenario and the differences', () => {
  it('the car: duty per unit under each scenario, and what the deal saves per car', async () => {
    const r = await tariff(['compare', ...CAR, '--pass-through', '60', '--scenarios', 'as-enacted,no-deal', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const [deal, noDeal] = doc.scenarios;
    expect(deal.totals.impact).toMatchObject({ landedCost: '358626.50', dutyPerUnit: '4500.00', landedCostPerUnit: '35862.65', priceIncreaseConstantPercent: '46875.00', revenueAfter: '382500.00', marginLeftPercent: '14.902' });
    expect(noDeal.totals.impact).toMatchObject({ landedCost: '396126.50', dutyPerUnit: '8250.00', priceIncreaseConstantPercent: '93750.00', revenueAfter: '405000.00', marginLeftPercent: '10.3704' });
    // no-deal - as-enacted: the deal saves $3,750.00 of duty a car; the margin left is 4.5316 points lower without it
    expect(doc.differences[0].impact).toEqual({
      landedCost: '37500.00',
      addedDuty: '37500.00',
      landedCostPerUnit: '3750.00',
      dutyPerUnit: '3750.00',
      priceIncreaseConstantDollar: '37500.00',
      priceIncreaseConstantPercent: '46875.00',
      revenueAfter: '22500.00',
      grossProfitAfter: '-15000.00',
      marginLeftPercent: '-4.5316',
    });
    expect(doc.scenarios[0].groups[0].impact.dutyPerUnit).toBe('4500.00');
    expect(doc.differences[0].groups[0].impact.dutyPerUnit).toBe('3750.00');
  });

  it('the table says it in words', async () => {
    const r = await tariff(['compare', ...CAR, '--scenarios', 'as-enacted,no-deal', '--format', 'table']);
    expect(r.stdout).toContain('as-enacted saves $3,750.00 of duty per unit against no-deal ($4,500.00 against $8,250.00)');
  });

  it('with only a quantity column: duty per unit under each scenario', async () => {
    const csv = 'id,hts,value,date,quantity\nA,8703.23.01,60000,2025-10-01,2\n';
    const r = await tariff(['compare', '-', '--scenarios', 'as-enacted,no-deal', '--format', 'csv'], { stdin: csv });
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows.map((x) => [x.scenario, x.group, x.duty_per_unit, x.difference_duty_per_unit])).toEqual([
      ['as-enacted', '(total)', '4500.00', ''],
      ['as-enacted', 'vehicles', '4500.00', ''],
      ['no-deal', '(total)', '8250.00', '3750.00'],
      ['no-deal', 'vehicles', '8250.00', '3750.00'],
    ]);
  });

  it('adds nothing to one import by flags without --quantity or an impact flag', async () => {
    const r = await tariff(['compare', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--scenarios', 'as-enacted,no-deal', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenarios[0].totals.impact).toBeUndefined();
    expect(doc.differences[0].impact).toBeUndefined();
  });

  it('adds nothing without a quantity or impact column (the csv columns stay as they were)', async () => {
    const r = await tariff(['compare', '-', '--scenarios', 'as-enacted,no-deal', '--format', 'csv'], { stdin: 'hts,value,date\n8703.23.01,60000,2025-10-01\n' });
    expect(r.stdout.split('\n')[0]).toBe('scenario,group,value,duty,effective_rate,lines,rejected,difference,difference_percent,different_rows');
  });

  it('the automaker question on the bundled basket: the deal is worth $593,607.30 an hour on passenger cars from Japan', async () => {
    // data/examples/japan-imports-2024.csv, vehicles: $41.6B a year; no deal 25% vs the deal 12.5% on top of MFN:
    // 12.5% x 41,600,000,000 / 8,760 hours = 593,607.305... -> $593,607.30 an hour
    const r = await tariff(['compare', 'data/examples/japan-imports-2024.csv', '--on', '2025-10-01', '--scenarios', 'as-enacted,no-deal', '--per', 'hour', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.differences[0].groups.find((g: { key: string }) => g.key === 'vehicles').duty).toBe('593607.30');
  });
});

describe('README "From duty to impact" states what the tool prints', () => {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

  it('the automaker figures: $593,607.30 an hour for the deal on cars, $104,296.40 on parts, $1,187,214.61 for the whole 25%', async () => {
    expect(readme).toContain('**$593,607.30 an hour** on passenger cars');
    expect(readme).toContain('$104,296.40\non auto parts');
    expect(readme).toContain('the whole 25% on the basket\'s cars is $1,187,214.61 an hour');
    const basket = ['compare', 'data/examples/japan-imports-2024.csv', '--on', '2025-10-01', '--per', 'hour', '--format', 'json'];
    const deal = JSON.parse((await tariff([...basket, '--scenarios', 'as-enacted,no-deal'])).stdout);
    const group = (doc: { differences: { groups: { key: string; duty: string }[] }[] }, key: string) => doc.differences[0]!.groups.find((g) => g.key === key)!.duty;
    expect(group(deal, 'vehicles')).toBe('593607.30');
    expect(group(deal, 'auto-parts')).toBe('104296.40');
    // 25% of 41,600,000,000 / 8,760 = 1,187,214.611...: no-deal (MFN + 25%) against MFN only
    const whole = JSON.parse((await tariff([...basket, '--scenarios', 'full-revocation,no-deal'])).stdout);
    expect(group(whole, 'vehicles')).toBe('1187214.61');
  });

  it('the json example is the car at 60% pass-through', async () => {
    const r = await tariff(['calc', ...CAR, '--pass-through', '60', '--format', 'json']);
    const impact = JSON.parse(r.stdout).lines[0].impact;
    const shown = /"impact": (\{[^`]*?\})\n```/.exec(readme)![1]!;
    expect(JSON.parse(shown)).toEqual(impact);
  });
});
