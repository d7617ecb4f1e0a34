/** End to end: tariff compare, timeline and schedule, as a user runs them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

const BASKET = 'data/examples/japan-imports-2024.csv';
const SCENARIOS = ['as-enacted', 'no-deal', 'full-revocation'];

describe('tariff compare', () => {
  it('the basket on 2025-10-01 per hour: what the deal saves against no deal, per category and in total', async () => {
    const r = await tariff(['compare', BASKET, '--date', '2025-10-01', '--per', 'hour', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ baseline: 'as-enacted', date: '2025-10-01', per: 'hour', by: 'category' });
    expect(doc.scenarios.map((s: { name: string }) => s.name)).toEqual(SCENARIOS);
    const [enacted, noDeal] = doc.scenarios;
    // $148,370.5M a year is $16,937,271.69 an hour (8,760 hours)
    expect(enacted.totals.value).toBe('16937271.69');
    const diff = doc.differences.find((d: { scenario: string }) => d.scenario === 'no-deal');
    expect(diff.vs).toBe('as-enacted');
    expect(BigInt(diff.duty.replace('.', ''))).toBeGreaterThan(0n);
    expect(BigInt(diff.duty.replace('.', ''))).toBe(BigInt(noDeal.totals.duty.replace('.', '')) - BigInt(enacted.totals.duty.replace('.', '')));
    // vehicles: 15% under the deal against 27.5% without: $41.6B a year -> per hour
    const vehicles = (s: { groups: { key: string; duty: string }[] }) => s.groups.find((g) => g.key === 'vehicles')!.duty;
    expect(vehicles(enacted)).toBe('712328.77'); // 41.6e9 x 15% / 8760
    expect(vehicles(noDeal)).toBe('1305936.07'); // 41.6e9 x 27.5% / 8760
    expect(diff.groups.find((g: { key: string }) => g.key === 'vehicles')).toMatchObject({ duty: '593607.30', percent: '83.3333' });
  });

  it('totals equal those of calc --scenario X on the same input, for every scenario', async () => {
    for (const input of ['data/examples/shipments.csv', BASKET]) {
      const extra = input === BASKET ? ['--date', '2025-10-01'] : [];
      const cmp = JSON.parse((await tariff(['compare', input, ...extra, '--format', 'json'])).stdout);
      for (const name of SCENARIOS) {
        const calc = JSON.parse((await tariff(['calc', input, ...extra, '--scenario', name, '--format', 'json'])).stdout);
        const s = cmp.scenarios.find((x: { name: string }) => x.name === name);
        expect(s.totals, `${input} ${name}`).toEqual({
          lines: calc.totals.lines,
          rejected: calc.totals.rejected,
          value: calc.totals.value,
          duty: calc.totals.duty,
          effectiveRate: calc.totals.effectiveRate,
        });
      }
    }
  });

  it('groups by measure, and writes csv and markdown', async () => {
    const csv = await tariff(['compare', 'data/examples/shipments.csv', '--scenarios', 'as-enacted,no-deal', '--by', 'measure', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.stdout);
    expect(rows.find((x) => x.scenario === 'no-deal' && x.group === 'ieepa-japan-24-no-deal')).toBeDefined();
    expect(rows.find((x) => x.scenario === 'as-enacted' && x.group === '(total)')).toMatchObject({ duty: '246841.00', lines: '15' });
    const md = await tariff(['compare', BASKET, '--date', '2025-10-01', '--per', 'day', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^\| scenario \| lines \|/m);
    expect(md.stdout).toMatch(/^\| vehicles \|/m);
  });

  it('takes user scenario files, repeatable', async () => {
    const r = await tariff(['compare', BASKET, '--date', '2025-10-01', '--scenarios', 'as-enacted', '--scenario-file', 'data/scenarios/pause-extended.json', '--scenario-file', 'data/scenarios/autos-at-10.json', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenarios.map((s: { name: string }) => s.name)).toEqual(['as-enacted', 'pause-extended', 'autos-at-10']);
  });

  it('a broken scenario file gets an error a user can act on: file, JSON path, what was expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariff-scn-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ id: 'broken', title: 'b', base: 'us', description: 'd', changes: [{ op: 'modify', measure: 's122-10', set: { rate: { kind: 'ad-valorem', pct: 'ten' } } }, { op: 'remove', measure: 's232-autos' }] }));
    const r = await tariff(['compare', BASKET, '--scenario-file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/changes\[0\]\.set\.rate\.pct: expected a percentage as a decimal string, e.g. "25" or "2\.5"/);
    const r2 = await tariff(['schedule', 'validate', file]);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/changes\[0\]\.set\.rate\.pct/);
    writeFileSync(file, JSON.stringify({ id: 'broken', title: 'b', base: 'us', description: 'd', changes: [{ op: 'remove', measure: 's232-autos' }] }));
    const r3 = await tariff(['compare', BASKET, '--scenario-file', file]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/changes\[0\]\.measure: unknown measure "s232-autos"; the base schedule has: mfn, /);
  });

  it('rejects bad options with exit 2', async () => {
    expect((await tariff(['compare', BASKET, '--per', 'week'])).code).toBe(2);
    expect((await tariff(['compare', BASKET, '--by', 'colour'])).code).toBe(2);
    expect((await tariff(['compare', BASKET, '--scenarios', 'as-enacted,as-enacted'])).code).toBe(2);
  });
});

describe('tariff timeline', () => {
  it('for a passenger car shows the 2025-04-03 and 2025-09-16 changes', async () => {
    const r = await tariff(['timeline', '--hts', '8703.23.01', '--format', 'json']);
    expect(r.code).toBe(0);
    const steps = JSON.parse(r.stdout).scenarios[0].steps;
    expect(steps.map((s: { date: string; rate: string }) => [s.date, s.rate])).toEqual([
      ['2025-03-12', '2.5'],
      ['2025-04-03', '27.5'],
      ['2025-09-16', '15'],
    ]);
    expect(steps[1].events.join(' ')).toMatch(/Section 232 passenger vehicles.*in force/);
  });

  it('names the event of each change for a general good, per scenario', async () => {
    const r = await tariff(['timeline', '--hts', '8457.10.00', '--scenarios', 'as-enacted,no-deal', '--format', 'csv']);
    const rows = parseCsv(r.stdout);
    expect(rows.filter((x) => x.scenario === 'as-enacted').map((x) => `${x.date} ${x.rate}`)).toEqual([
      '2025-03-12 4.2', '2025-04-05 14.2', '2025-04-09 28.2', '2025-04-10 14.2', '2025-08-07 15',
      // a steel derivative of the 2025-08-18 inclusions (9903.81.91), then Proc. 11021 Annex III (note 16(c)(x)): 15% including MFN
      '2025-08-18 54.2', '2026-04-06 15',
    ]);
    expect(rows.find((x) => x.scenario === 'as-enacted' && x.date === '2026-04-06')!.events).toMatch(/Proc\. 11021 Annex III: 15% including MFN.*in force/);
    expect(rows.find((x) => x.scenario === 'as-enacted' && x.date === '2025-04-09')!.events).toMatch(/Japan country rate 24%: in force/);
    expect(rows.find((x) => x.scenario === 'as-enacted' && x.date === '2025-04-10')!.events).toMatch(/90-day pause.*in force/);
    expect(rows.find((x) => x.scenario === 'no-deal' && x.date === '2025-07-09')).toMatchObject({ rate: '28.2' });
  });

  it('gives a value-weighted rate for a basket', async () => {
    const r = await tariff(['timeline', BASKET, '--from', '2025-09-01', '--to', '2025-12-31', '--format', 'json']);
    expect(r.code).toBe(0);
    const steps = JSON.parse(r.stdout).scenarios[0].steps;
    expect(steps[0].date).toBe('2025-09-01');
    expect(steps.at(-1).date).toBe('2025-09-16');
  });
});

describe('tariff schedule', () => {
  it('list shows schedules with knownThrough and the scenarios', async () => {
    const r = await tariff(['schedule', 'list', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.schedules).toEqual([expect.objectContaining({ id: 'us', knownThrough: '2026-10-09' })]);
    expect(doc.scenarios.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(SCENARIOS));
  });

  it('show prints the measures with citations and the sources', async () => {
    const r = await tariff(['schedule', 'show']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ieepa-japan-24/);
    expect(r.stdout).toMatch(/Sources:[\s\S]*FR Doc 2025-06063/);
  });

  it('validate says valid for bundled files and exits 1 with every problem for a bad one', async () => {
    expect(await tariff(['schedule', 'validate', 'data/schedules/us.json'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/valid schedule/) });
    expect(await tariff(['schedule', 'validate', 'data/mfn/hts-2026-rev-10.json'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/valid mfn table/) });
  });
});
