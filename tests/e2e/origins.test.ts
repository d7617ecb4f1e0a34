/**
 * Origins as a user gives them (issue 13): the `origin` column checked against ISO 3166-1 (data/origins.json) and
 * the schedule's covered origins, every row computed or rejected with its reason; `spi` programs limited to their
 * origins (us.json `programs`).
 */
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';

describe('the origin column', () => {
  it('computes a covered origin; rejects an uncovered, an unknown and a group code, each with its reason (exit 1)', async () => {
    const input = 'id,hts,value,date,origin\njp,3926.90.99,1000,2025-10-01,JP\nau,3926.90.99,1000,2025-10-01,AU\nxx,3926.90.99,1000,2025-10-01,XX\neu,3926.90.99,1000,2025-10-01,EU\nbad,3926.90.99,1000,2025-10-01,Japan\n';
    const r = await tariff(['calc', '--format', 'json'], { stdin: input });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    // JP, 2025-10-01: MFN 5.3% ($53.00) + Japan inclusive 15% (15 - 5.3 = 9.7%, $97.00) = $150.00 (EO 14345)
    expect(doc.lines.map((l: { id: string; duty: string }) => [l.id, l.duty])).toEqual([['jp', '150.00']]);
    expect(doc.rejected.map((x: { line: number; field: string; reason: string }) => [x.line, x.field, x.reason])).toEqual([
      [3, 'origin', expect.stringMatching(/^origin AU \(Australia\) is not covered by schedule us \(covers .*JP \(Japan\)/)],
      [4, 'origin', 'origin XX is not an ISO 3166-1 alpha-2 country code'],
      [5, 'origin', expect.stringMatching(/^origin EU is a group \(European Union \(27 member states\)\), not a country of origin: give the member state's code/)],
      [6, 'origin', expect.stringMatching(/expected a two-letter ISO country code like JP, got "Japan"/)],
    ]);
  });

  it('--origin still sets the origin of rows without one, and USMCA cannot be claimed for goods of Japan', async () => {
    const r = await tariff(['calc', '--value', '1000', '--hts', '3926.90.99', '--date', '2026-03-01', '--origin', 'JP', '--spi', 'S', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).rejected[0]).toMatchObject({ field: 'spi', reason: expect.stringMatching(/special program S \(United States-Mexico-Canada Agreement \(USMCA\)\) is for goods of CA, MX, not JP/) });
  });
});

describe('the transshipped column and --transshipped (EO 14326 s.3)', () => {
  it('a schedule with a transshipment measure charges it only on rows marked yes; a bad cell is rejected', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const us = JSON.parse(readFileSync('data/schedules/us.json', 'utf8'));
    us.origins = [...us.origins, 'KH'];
    us.measures = [{
      id: 'my-kh-transshipped-40', label: 'Transshipment 40%', layer: 'reciprocal', authority: 'IEEPA',
      sources: [{ instrument: 'Executive Order 14326, s.3', citation: '90 FR 37963', document: 'FR Doc 2025-15010' }],
      scope: { origins: ['KH'], transshipped: true }, window: { from: '2025-08-07', to: '2026-02-24' },
      rate: { kind: 'ad-valorem', pct: '40' }, confidence: 'primary',
    }];
    const file = join(mkdtempSync(join(tmpdir(), 'tariff-origins-')), 'mine.json');
    writeFileSync(file, JSON.stringify(us));
    const input = 'id,hts,value,date,origin,transshipped\na,3926.90.99,1000,2025-10-01,KH,yes\nb,3926.90.99,1000,2025-10-01,KH,no\nc,3926.90.99,1000,2025-10-01,KH,maybe\n';
    const r = await tariff(['calc', '--schedule', file, '--format', 'json'], { stdin: input });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    // a: MFN 5.3% $53.00 + 40% $400.00 = $453.00; b: MFN only $53.00 (Cambodia: no bundled part, so this is its only reciprocal measure)
    expect(doc.lines.map((l: { id: string; duty: string }) => [l.id, l.duty])).toEqual([['a', '453.00'], ['b', '53.00']]);
    expect(doc.rejected).toMatchObject([{ line: 4, field: 'transshipped', reason: 'expected yes or no (also true/false, y/n, 1/0), got "maybe"' }]);
    const flag = await tariff(['calc', '--schedule', file, '--value', '1000', '--hts', '3926.90.99', '--date', '2025-10-01', '--origin', 'KH', '--transshipped', '--format', 'json']);
    expect(JSON.parse(flag.stdout).lines[0].duty).toBe('453.00');
  });
});

describe('compare --origins (where to source) and --by origin', () => {
  const rows = 'id,hts,value,date\na,3926.90.99,1000,2026-03-01\nb,8703.23.01,30000,2025-10-01\n';
  async function scheduleWith(extra: string[]): Promise<string> {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const us = JSON.parse(readFileSync('data/schedules/us.json', 'utf8'));
    us.origins = [...new Set([...us.origins, ...extra])];
    const file = join(mkdtempSync(join(tmpdir(), 'tariff-origins-')), 'mine.json');
    writeFileSync(file, JSON.stringify(us));
    return file;
  }

  it("prices the same rows as if from each origin, marks the cheapest, and each column's total equals calc's with --origin", async () => {
    // Canada and Vietnam here have only the common measures (parts/all-origins.json): car 2025-10-01 $30,000:
    // MFN 2.5% $750 + autos 25% $7,500 = $8,250; Japan: inclusive 15% -> $4,500. Plastics 2026-03-01 $1,000:
    // MFN 5.3% $53 + Section 122 10% $100 = $153 for all. Totals: CA $8,403.00, JP $4,653.00 (cheapest), VN $8,403.00.
    const file = await scheduleWith(['CA', 'VN']);
    const r = await tariff(['compare', '--schedule', file, '--origins', 'CA,JP,VN', '--format', 'json'], { stdin: rows });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.origins).toEqual({ scenario: 'as-enacted', cheapest: 'JP' });
    expect(doc.scenarios.map((s: { name: string; totals: { duty: string } }) => [s.name, s.totals.duty])).toEqual([['CA', '8403.00'], ['JP', '4653.00'], ['VN', '8403.00']]);
    expect(doc.differences[0]).toMatchObject({ scenario: 'JP', vs: 'CA', duty: '-3750.00' });
    for (const origin of ['CA', 'JP', 'VN']) {
      const calc = await tariff(['calc', '--schedule', file, '--origin', origin, '--format', 'json', '--no-fees'], { stdin: rows });
      expect(JSON.parse(calc.stdout).totals.duty).toBe(doc.scenarios.find((s: { name: string }) => s.name === origin).totals.duty);
    }
    const table = await tariff(['compare', '--schedule', file, '--origins', 'CA,JP,VN', '--format', 'table'], { stdin: rows, env: { COLUMNS: '120' } });
    expect(table.stdout).toMatch(/JP \(cheapest\)/);
  });

  it('one import by flags; an uncovered origin or two scenarios with --origins is a usage error (exit 2)', async () => {
    const file = await scheduleWith(['CA']);
    const one = await tariff(['compare', '--schedule', file, '--origins', 'JP,CA', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--format', 'json']);
    expect(JSON.parse(one.stdout).scenarios.map((s: { totals: { duty: string } }) => s.totals.duty)).toEqual(['4500.00', '8250.00']);
    const cn = await tariff(['compare', '--origins', 'AU,JP'], { stdin: rows });
    expect(cn.code).toBe(2);
    expect(cn.stderr).toMatch(/--origins: origin AU \(Australia\) is not covered by schedule us \(covers .*JP \(Japan\)[,)]/);
    const two = await tariff(['compare', '--origins', 'JP', '--scenarios', 'as-enacted,no-deal'], { stdin: rows });
    expect(two.code).toBe(2);
  });

  it('--by origin groups a mixed-origin file; each group equals calc of that origin\'s rows', async () => {
    const file = await scheduleWith(['CA']);
    const mixed = 'id,hts,value,date,origin\na,8703.23.01,30000,2025-10-01,JP\nb,8703.23.01,30000,2025-10-01,CA\nc,3926.90.99,1000,2026-03-01,CA\n';
    const r = await tariff(['compare', '--schedule', file, '--scenarios', 'as-enacted', '--by', 'origin', '--format', 'json'], { stdin: mixed });
    const groups = JSON.parse(r.stdout).scenarios[0].groups;
    // JP: $4,500.00; CA: $8,250.00 + $153.00 = $8,403.00
    expect(groups).toEqual([{ key: 'CA', value: '31000.00', duty: '8403.00' }, { key: 'JP', value: '30000.00', duty: '4500.00' }]);
  });
});
