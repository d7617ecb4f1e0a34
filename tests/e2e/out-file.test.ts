/** `--out FILE` never replaces an input of the run (found by a review: calc and compare wrote over their own CSV). */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { tariff } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--out and the inputs of the run', () => {
  it('calc and compare refuse an --out that is their input file, also through a link; the file is left as it was (exit 2)', async () => {
    const csv = join(dir, 'lines.csv');
    copyFileSync(resolve(ROOT, 'data/examples/shipments.csv'), csv);
    const before = readFileSync(csv, 'utf8');
    const link = join(dir, 'link.csv');
    symlinkSync(csv, link);
    for (const args of [['calc', csv, '--out', csv], ['calc', csv, '--out', link], ['compare', csv, '--out', csv, '--format', 'csv']]) {
      const r = await tariff(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--out .* is an input of this run/);
      expect(readFileSync(csv, 'utf8')).toBe(before);
    }
  });

  it('refuses a schedule or scenario file as --out too', async () => {
    const scenario = join(dir, 'scenario.json');
    copyFileSync(resolve(ROOT, 'data/scenarios/autos-at-10.json'), scenario);
    const before = readFileSync(scenario, 'utf8');
    const r = await tariff(['calc', '--value', '100', '--hts', '8703.23.01', '--date', '2025-10-01', '--scenario-file', scenario, '--out', scenario]);
    expect(r.code).toBe(2);
    expect(readFileSync(scenario, 'utf8')).toBe(before);
  });

  it('writes another file as asked', async () => {
    const out = join(dir, 'duties.csv');
    const r = await tariff(['calc', resolve(ROOT, 'data/examples/shipments.csv'), '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^line,status,id,hts/);
  });
});
