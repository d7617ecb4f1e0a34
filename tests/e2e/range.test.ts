/**
 * `tariff calc --range` as a user runs it: the ends of each line's range are what `calc` gives with the facts of
 * that end given as flags; the totals are the sums of the lines' ends.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

interface End {
  duty: string;
  facts: Record<string, string | null>;
  assumes: string[];
}
interface RangeDoc {
  lines: { line: number; hts: string | null; category: string; date: string; value: string; duty: string; low: End; high: End; varied: string[] }[];
  totals: { lines: number; duty: string; low: string; high: string; rangedLines: number };
}

const FLAG: Record<string, string> = { loaded: '--loaded', us_content: '--us-content', metal_value: '--metal-value', spi: '--spi' };
const cents = (s: string) => BigInt(s.replace('.', ''));
const dir = mkdtempSync(join(tmpdir(), 'tariff-range-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `outside`: the measures whose assumption does not hold, given as a scenario file that removes them. */
function withoutFile(ids: string): string {
  const file = join(dir, `${ids.replace(/ /g, '+')}.json`);
  const changes = ids.split(' ').map((measure) => ({ op: 'remove', measure, why: 'the assumption does not hold for this line' }));
  writeFileSync(file, JSON.stringify({ id: 'range-replay', title: 'range replay', base: 'us', description: 'range replay', changes }));
  return file;
}

describe('calc --range', () => {
  it('gives per line ends that plain calc runs with those facts reproduce, and totals that add up', async () => {
    const r = await tariff(['calc', 'data/examples/shipments.csv', '--range', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as RangeDoc;
    expect(doc.lines).toHaveLength(15);
    expect(doc.totals.low).toBe(String(doc.lines.reduce((a, l) => a + cents(l.low.duty), 0n)).replace(/(\d\d)$/, '.$1'));
    expect(cents(doc.totals.low) <= cents(doc.totals.duty) && cents(doc.totals.duty) <= cents(doc.totals.high)).toBe(true);
    // The duty under the defaults is calc's own.
    const plain = JSON.parse((await tariff(['calc', 'data/examples/shipments.csv', '--format', 'json'])).stdout) as { totals: { duty: string } };
    expect(doc.totals.duty).toBe(plain.totals.duty);
    const ranged = doc.lines.filter((l) => l.low.duty !== l.high.duty);
    expect(ranged.length).toBe(doc.totals.rangedLines);
    expect(ranged.length).toBeGreaterThan(0);
    for (const l of ranged) {
      for (const end of [l.low, l.high]) {
        const args = ['calc', '--value', l.value, l.hts === null ? '--category' : '--hts', l.hts ?? l.category, '--date', l.date, '--format', 'json', '--no-fees'];
        for (const [fact, v] of Object.entries(end.facts)) {
          if (v === null) continue;
          if (fact === 'outside') args.push('--scenario-file', withoutFile(v));
          else args.push(FLAG[fact]!, v);
        }
        const one = JSON.parse((await tariff(args)).stdout) as { totals: { duty: string } };
        expect(one.totals.duty, `line ${l.line} ${args.join(' ')}`).toBe(end.duty);
      }
    }
  }, 60_000);

  it('says in words which facts give each end, on the table and in csv', async () => {
    const table = await tariff(['calc', '--value', '96000', '--hts', '7207.11.00', '--date', '2025-06-04', '--us-content', '0', '--range', '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('$9,600.00');
    expect(table.stdout).toContain('metal value 0.00');
    expect(table.stdout).toContain('$48,000.00');
    const csv = await tariff(['calc', '--value', '96000', '--hts', '7207.11.00', '--date', '2025-06-04', '--us-content', '0', '--range', '--format', 'csv']);
    const [row] = parseCsv(csv.stdout);
    expect(row).toMatchObject({ status: 'ok', duty: '48000.00', duty_low: '9600.00', low_facts: 'metal_value=0.00', duty_high: '48000.00', varied: 'metal_value' });
  });

  it('quotes a user\'s id once in csv, neutralised as calc\'s csv does (it was quoted twice: """a,b""")', async () => {
    const file = join(dir, 'ids.csv');
    writeFileSync(file, 'id,hts,value,date\n"a,b",8703.23.01,30000,2025-10-01\n"say ""hi""",8703.23.01,30000,2025-10-01\n"=1+1",8703.23.01,30000,2025-10-01\n');
    const range = await tariff(['calc', file, '--range', '--format', 'csv']);
    const calc = await tariff(['calc', file, '--format', 'csv']);
    expect(range.code).toBe(0);
    expect(parseCsv(range.stdout).map((r) => r.id)).toEqual(['a,b', 'say "hi"', "'=1+1"]);
    expect(parseCsv(range.stdout).map((r) => r.id)).toEqual(parseCsv(calc.stdout).map((r) => r.id));
    expect(range.stdout.split('\n')[1]).toMatch(/^2,ok,"a,b",8703\.23\.01,/);
  });

  it('lists rejected rows as calc does, and refuses formats and options it does not answer (exit 2)', async () => {
    const rej = await tariff(['calc', 'data/examples/with-errors.csv', '--range', '--format', 'json']);
    expect(rej.code).toBe(1);
    const plain = JSON.parse((await tariff(['calc', 'data/examples/with-errors.csv', '--format', 'json'])).stdout) as { rejected: unknown[] };
    expect((JSON.parse(rej.stdout) as { rejected: unknown[] }).rejected).toEqual(plain.rejected);
    for (const extra of [['--format', 'ndjson'], ['--format', 'xlsx', '--out', 'x.xlsx'], ['--refunds'], ['--explain']]) {
      const r = await tariff(['calc', 'data/examples/shipments.csv', '--range', ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--range/);
    }
  });

  it('compare --range: per scenario, the ends equal calc --range under that scenario', async () => {
    const r = await tariff(['compare', 'data/examples/shipments.csv', '--range', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { scenarios: { name: string; totals: { duty: string; low: string; high: string } }[] };
    expect(doc.scenarios.length).toBe(3);
    for (const s of doc.scenarios) {
      const c = JSON.parse((await tariff(['calc', 'data/examples/shipments.csv', '--range', '--format', 'json', '--scenario', s.name])).stdout) as RangeDoc;
      expect({ duty: s.totals.duty, low: s.totals.low, high: s.totals.high }, s.name).toEqual({ duty: c.totals.duty, low: c.totals.low, high: c.totals.high });
    }
    // Without --range, the report has no ends.
    const plain = JSON.parse((await tariff(['compare', 'data/examples/shipments.csv', '--format', 'json'])).stdout) as { scenarios: { totals: object }[] };
    expect(plain.scenarios[0]!.totals).not.toHaveProperty('low');
    const csv = await tariff(['compare', 'data/examples/shipments.csv', '--range', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toMatch(/,duty_low,duty_high$/);
  }, 60_000);
});
