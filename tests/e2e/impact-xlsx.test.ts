/**
 * Impact figures in the workbooks (README "From duty to impact", "Excel workbooks"): calc's Totals sheet and
 * compare's Scenarios and Groups sheets carry the impact figures of `--format json`, read back with the tool's own
 * reader (the exact decimal text stored) and with exceljs (an independent reader).
 *
 * The basket: the car line of tests/e2e/impact.test.ts (10 cars of 8703.23.01, $300,000.00, 2025-10-01, $36,000.00
 * each at a 20% margin; the deal's Section 232 inclusive 15% adds 12.5% over MFN 2.5%: $3,750.00 a car) and 200
 * auto parts of 8708.99.81 at $40,000.00, sold at $300.00 with a 20% margin.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxRecords } from '../../src/io/xlsx-input.js';
import { COMPARE_IMPACT_HEAD as RENDER_HEAD } from '../../src/cli/render/impact/compare.js';
import { COMPARE_IMPACT_HEAD } from '../../src/cli/render/impact/xlsx.js';
import { tariff } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-impact-xlsx-'));
const input = join(dir, 'basket.csv');
writeFileSync(input, 'id,hts,value,date,quantity,unit_price,margin\nCARS,8703.23.01,300000,2025-10-01,10,36000,20\nPARTS,8708.99.81,40000,2025-10-01,200,300,20\n');

async function sheetRows(path: string, sheet: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const b of readXlsxRecords(path, path, { sheet })) for (const r of b) out.push(r.cells);
  return out;
}
/** A money string as a number cell's stored text shows it (trailing zeros dropped). */
const shown = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('impact figures in workbooks', () => {
  it('calc: the Totals sheet has every figure of totals.impact', async () => {
    const book = join(dir, 'calc.xlsx');
    const r = await tariff(['calc', input, '--format', 'xlsx', '--out', book, '--pass-through', '60']);
    expect(r.code).toBe(0);
    const json = JSON.parse((await tariff(['calc', input, '--format', 'json', '--pass-through', '60'])).stdout);
    const impact = json.totals.impact as Record<string, string | number | null>;
    const rows = await sheetRows(book, 'Totals');
    const at = rows.findIndex((c) => c[0] === 'impact');
    expect(at).toBeGreaterThan(0);
    const got = new Map(rows.slice(at + 1).map((c) => [c[0], c[1] ?? '']));
    expect([...got.keys()]).toEqual(Object.keys(impact).map(snake));
    for (const [k, v] of Object.entries(impact)) {
      const cell = got.get(snake(k))!;
      if (v === null) expect([k, cell]).toEqual([k, '']);
      else if (['margin', 'passThrough', 'marginLeftPercent'].includes(k)) expect([k, cell]).toEqual([k, `${v}%`]);
      else expect([k, cell]).toEqual([k, shown(String(v))]);
    }
    // The figures of the basket: revenue 360,000 + 60,000; constant-$ rise = the added duty of both lines.
    expect(impact.revenue).toBe('420000.00');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const totals = new Map<string, ExcelJS.CellValue>();
    wb.getWorksheet('Totals')!.eachRow((row) => totals.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(totals.get('revenue')).toBe(420000);
    expect(totals.get('pass_through')).toBeCloseTo(0.6, 12); // a percent cell: 60% stored as 0.6
  });

  it('compare: the Scenarios and Groups sheets carry each scenario\'s impact and its difference from the baseline', async () => {
    const book = join(dir, 'compare.xlsx');
    const args = ['compare', input, '--scenarios', 'as-enacted,no-deal'];
    const r = await tariff([...args, '--format', 'xlsx', '--out', book]);
    expect(r.code).toBe(0);
    const json = JSON.parse((await tariff([...args, '--format', 'json'])).stdout);

    const scen = await sheetRows(book, 'Scenarios');
    const head = scen[0]!;
    expect(head.slice(-COMPARE_IMPACT_HEAD.length)).toEqual(COMPARE_IMPACT_HEAD.map((n) => `impact_${n}`));
    const col = (n: string) => head.indexOf(`impact_${n}`);
    for (const [i, s] of (json.scenarios as { name: string; totals: { impact: Record<string, string> } }[]).entries()) {
      const row = scen[i + 1]!;
      expect(row[0]).toBe(s.name);
      expect(row[col('landed_cost')]).toBe(shown(s.totals.impact.landedCost!));
      expect(row[col('added_duty')]).toBe(shown(s.totals.impact.addedDuty!));
      expect(row[col('price_increase_constant_percent')]).toBe(shown(s.totals.impact.priceIncreaseConstantPercent!));
      expect(row[col('margin_left_percent')]).toBe(`${s.totals.impact.marginLeftPercent}%`);
    }
    // no-deal against the deal: the cars' 25% against 12.5% over MFN, $3,750.00 more a car; on the whole basket the
    // difference in landed cost is the difference in duty.
    const d = json.differences[0];
    expect(scen[2]![col('difference_landed_cost')]).toBe(shown(d.impact.landedCost));
    expect(d.impact.landedCost).toBe(d.duty);
    expect(scen[1]![col('difference_landed_cost')] ?? '').toBe(''); // the baseline has no difference

    const groups = await sheetRows(book, 'Groups');
    const gHead = groups[0]!;
    const g = (name: string) => gHead.indexOf(name);
    for (const [k, grp] of (json.scenarios[1].groups as { key: string; impact: Record<string, string> }[]).entries()) {
      const row = groups.find((c) => c[0] === grp.key)!;
      expect(row[g('no-deal_landed_cost')]).toBe(shown(grp.impact.landedCost!));
      expect(row[g('no-deal_duty_per_unit')]).toBe(shown(grp.impact.dutyPerUnit!));
      expect(row[g('no-deal_vs_as-enacted_landed_cost')]).toBe(shown(json.differences[0].groups[k].impact.landedCost));
    }
  });

  it('the workbook\'s compare impact columns are those of compare\'s csv', () => {
    expect(COMPARE_IMPACT_HEAD).toEqual(RENDER_HEAD);
  });
});
