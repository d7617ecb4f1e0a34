/** Section 232 by its published lists, end to end: the built CLI as a user runs it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';

const line = async (args: string[]) => JSON.parse((await tariff(['calc', ...args, '--format', 'json', '--no-fees'])).stdout);

describe('Section 232 lists (HTS chapter 99 notes 16, 19, 33, 39)', () => {
  it('the README example: 8457.10.00 on 2026-08-01 is on Proc. 11021 Annex III, 15% including MFN (note 16(f))', async () => {
    const doc = await line(['--value', '100000', '--hts', '8457.10.00', '--date', '2026-08-01']);
    expect(doc.lines[0]).toMatchObject({ duty: '15000.00', effectiveRate: '15' });
    expect(doc.lines[0].duties.map((d: { measure: string; amount: string }) => `${d.measure} ${d.amount}`)).toEqual([
      'mfn 4200.00',
      's232-p11021-annex-iii-inclusive-15 10800.00',
    ]);
  });

  it('QA #29: an engine on the note 33(g) list and copper wire are Section 232 goods, not general', async () => {
    const engine = await line(['--value', '1000', '--hts', '8407.34.48', '--mfn-rate', '2.5', '--date', '2025-06-01']);
    expect(engine.lines[0]).toMatchObject({ duty: '275.00' }); // MFN 2.5% + 25% (9903.94.05), DOMAIN s.4
    // 8407.34: "engines of a kind used for the propulsion of vehicles of chapter 87": an automobile part by its description, no assumption.
    expect(engine.lines[0].notes.join(' ')).not.toMatch(/passenger vehicle or light truck/);
    const wire = await line(['--value', '1000', '--hts', '7408.11.60', '--mfn-rate', '1', '--date', '2025-09-01']);
    expect(wire.lines[0]).toMatchObject({ duty: '510.00' }); // MFN 1% + 50% copper (9903.78.01)
  });

  it('steel derivatives before Proc. 11021 by list s232-steel-derivatives: bolts in (note 16(c)(iv)), cast-iron tubes out', async () => {
    const bolts = await line(['--value', '1000', '--hts', '7318.15.20', '--date', '2025-06-04']);
    expect(bolts.lines[0].duties.map((d: { measure: string }) => d.measure)).toEqual(['mfn', 's232-steel-50']);
    const tubes = await line(['--value', '1000', '--hts', '7303.00.00', '--date', '2025-06-04']);
    expect(tubes.lines[0].duties.map((d: { measure: string }) => d.measure)).toEqual(['mfn', 'ieepa-pause-10']);
  });

  it('EO 14257 Annex II dated per code: green tea 0902.10.10 pays the inclusive 15% on 2025-11-12 and none from 2025-11-13', async () => {
    expect((await line(['--value', '1000', '--hts', '0902.10.10', '--date', '2025-11-12'])).lines[0]).toMatchObject({ duty: '150.00' });
    expect((await line(['--value', '1000', '--hts', '0902.10.10', '--date', '2025-11-13'])).lines[0]).toMatchObject({ duty: '64.00' });
  });

  it('a semiconductor provision of note 39(b) is rejected with the reason from 2026-01-15, exit 1', async () => {
    const r = await tariff(['calc', '--value', '1000', '--hts', '8473.30.11.80', '--mfn-rate', '0', '--date', '2026-01-15', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).rejected[0]).toMatchObject({ field: 'hts', reason: expect.stringMatching(/Section 232 semiconductors \(note 39\) applies/) });
  });

  it('explain names the list a line is excluded by', async () => {
    const r = await tariff(['explain', '--value', '1000', '--hts', '7308.20.00.35', '--mfn-rate', '0', '--date', '2025-09-01', '--format', 'json']);
    const explain = JSON.parse(r.stdout).lines[0].explain as { measure: string; applied: boolean; reason: string }[];
    expect(explain.find((e) => e.measure === 's232-steel-50')).toMatchObject({ applied: false, reason: 'HTS 7308.20.00.35 is excluded (7308.20.00.35, list s232-aluminum-derivatives)' });
    expect(explain.find((e) => e.measure === 's232-aluminum-50')).toMatchObject({ applied: true });
  });

  it('note 33(g) lists all of 8471: a laptop is not an automobile part unless the row says so (note 33(f)); a scenario file can take 8471 out too', async () => {
    expect((await line(['--value', '1000', '--hts', '8471.30.01', '--date', '2025-10-01'])).lines[0]).toMatchObject({ duty: '0.00' });
    expect((await line(['--value', '1000', '--hts', '8471.30.01', '--date', '2025-10-01', '--auto-part', 'yes'])).lines[0]).toMatchObject({ duty: '150.00' });
    const scope = { categories: ['auto-parts'], lists: ['s232-auto-parts-note33g'], exclude: { hts: ['8471'] } };
    const changes = ['s232-parts-25', 's232-parts-japan-inclusive-15'].map((measure) => ({ op: 'modify', measure, set: { scope } }));
    const file = join(mkdtempSync(join(tmpdir(), 'tariff-lists-')), 'not-auto-parts.json');
    writeFileSync(file, JSON.stringify({ id: 'not-auto-parts', title: 't', base: 'us', description: 'd', changes }));
    const doc = await line(['--value', '1000', '--hts', '8471.30.01', '--date', '2025-10-01', '--auto-part', 'yes', '--scenario-file', file]);
    expect(doc.lines[0]).toMatchObject({ duty: '0.00' }); // MFN Free; 8471 is outside the reciprocal tariff (Annex II)
  });

  it('schedule show names the lists, their size and source', async () => {
    const doc = JSON.parse((await tariff(['schedule', 'show', '--format', 'json'])).stdout);
    expect(doc.lists.find((l: { id: string }) => l.id === 'p11021-annex-iii')).toMatchObject({ size: 47, confidence: 'primary', chapter99: ['9903.82.10', '9903.82.11'] });
    expect(doc.measures.find((m: { id: string }) => m.id === 's232-p11021-annex-iii-inclusive-15').scope).toBe('list p11021-annex-iii');
  });

  it('schedule validate checks a product list file', async () => {
    const r = await tariff(['schedule', 'validate', 'data/lists/p11021-annex-iii.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid product list/);
  });

  it('a schedule of your own naming the bundled lists gets every consistency check (the build checked only the bundled one)', async () => {
    const schedule = JSON.parse(readFileSync('data/schedules/us.json', 'utf8'));
    const annex = JSON.parse(readFileSync('data/schedules/parts/all-origins.json', 'utf8')).measures.find((m: { id: string }) => m.id === 's232-p11021-annex-i-b-25');
    schedule.measures.push({ ...annex, id: 'my-annex-iii-copy', scope: { lists: ['p11021-annex-iii', 'p11021-annex-i-b'] } });
    const file = join(mkdtempSync(join(tmpdir(), 'tariff-lists-')), 'mine.json');
    writeFileSync(file, JSON.stringify(schedule));
    const r = await tariff(['schedule', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/(my-annex-iii-copy and s232-p11021-annex-i-b-25|s232-p11021-annex-i-b-25 and my-annex-iii-copy) \(both layer section-232-metals\) apply to HTS/);
    const calc = await tariff(['calc', '--schedule', file, '--value', '1', '--hts', '7207.11.00', '--date', '2026-05-01']);
    expect(calc.code).toBe(1);
  });
});
