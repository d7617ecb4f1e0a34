/** CLI wiring: main(argv, io) with in-memory streams. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { schedule } from '../helpers.js';
import { fakeIo } from './fake-io.js';

const tmp = mkdtempSync(join(tmpdir(), 'tariff-test-'));
const write = (name: string, content: unknown) => {
  const file = join(tmp, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('main(argv, io)', () => {
  it('a terminal on stdin and no file: a usage hint, exit 2', async () => {
    const f = fakeIo(null, { stdinTTY: true });
    expect(await main(['calc'], f.io)).toBe(2);
    expect(f.err()).toMatch(/no input: give a CSV FILE, pipe CSV on stdin, or use --value/);
  });

  it('no arguments: the help, exit 2', async () => {
    const f = fakeIo(null);
    expect(await main([], f.io)).toBe(2);
    expect(f.out()).toMatch(/Usage: tariff/);
  });

  it('defaults to a table on a terminal and csv when piped', async () => {
    const tty = fakeIo(null, { stdoutTTY: true });
    expect(await main(['calc', '--value', '100', '--hts', '8703.23.01', '--date', '2025-05-01'], tty.io)).toBe(0);
    expect(tty.out()).toMatch(/┌/);
    const piped = fakeIo(null);
    expect(await main(['calc', '--value', '100', '--hts', '8703.23.01', '--date', '2025-05-01'], piped.io)).toBe(0);
    expect(piped.out().split('\n')[0]).toMatch(/^line,status,id,hts/);
  });

  it('a bad schedule file: every zod issue with its JSON path, exit 1, no stack trace', async () => {
    const bad = structuredClone(schedule) as unknown as { measures: Record<string, unknown>[]; knownThrough: string; mfnTable?: string };
    delete bad.mfnTable;
    bad.knownThrough = 'soon';
    bad.measures[3]!.rate = { kind: 'ad-valorem', pct: 'ten' };
    const file = write('bad-schedule.json', bad);
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703.23.01', '--schedule', file], f.io)).toBe(1);
    expect(f.err()).toContain(`tariff: ${file}: 2 problems`);
    expect(f.err()).toMatch(/knownThrough: expected a calendar date/);
    expect(f.err()).toMatch(/measures\[3\]\.rate\.pct: expected a percentage/);
    expect(f.err()).not.toMatch(/\n\s+at /);
  });

  it('a schedule file that is not JSON, or missing', async () => {
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703', '--schedule', write('x.json', '{ nope')], f.io)).toBe(1);
    expect(f.err()).toMatch(/not valid JSON/);
    const g = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703', '--schedule', join(tmp, 'missing.json')], g.io)).toBe(1);
    expect(g.err()).toMatch(/missing\.json: a problem\n {2}\(top level\): file not found/);
  });

  it('a scenario file referring to an unknown measure names the file and path', async () => {
    const file = write('scn.json', { id: 'mine', title: 'mine', base: 'us', description: 'd', changes: [{ op: 'remove', measure: 's232-autos' }] });
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703.23.01', '--scenario-file', file], f.io)).toBe(1);
    expect(f.err()).toContain(file);
    expect(f.err()).toMatch(/changes\[0\]\.measure: unknown measure "s232-autos"/);
  });

  it('a user scenario file changes the figures', async () => {
    const file = write('autos10.json', {
      id: 'autos-at-10', title: 'Autos at 10%', base: 'us', description: 'd',
      changes: [{ op: 'modify', measure: 's232-vehicles-japan-inclusive-15', set: { rate: { kind: 'ad-valorem', pct: '10' } } }],
    });
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--scenario-file', file, '--format', 'json'], f.io)).toBe(0);
    const doc = JSON.parse(f.out());
    expect(doc.scenario).toBe('autos-at-10');
    expect(doc.lines[0].duty).toBe('3750.00');
  });
});

describe('flags and files that do not fit', () => {
  it('a scenario file given as --schedule says what it is, exit 1 (not an internal error)', async () => {
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703.23.01', '--schedule', 'data/scenarios/autos-at-10.json'], f.io)).toBe(1);
    expect(f.err()).toMatch(/this looks like a scenario file, not a schedule: give it with --scenario-file/);
  });

  it('a bad TARIFF_TODAY is a usage error', async () => {
    const f = fakeIo(null);
    f.io.today = 'bogus';
    expect(await main(['calc', '--value', '1', '--hts', '8703.23.01'], f.io)).toBe(2);
    expect(f.err()).toMatch(/TARIFF_TODAY must be a date YYYY-MM-DD, got "bogus"/);
  });

  it('--scenario with --scenario-file is a usage error', async () => {
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703.23.01', '--scenario', 'no-deal', '--scenario-file', 'data/scenarios/autos-at-10.json'], f.io)).toBe(2);
    expect(f.err()).toMatch(/--scenario NAME or --scenario-file FILE, not both/);
  });

  it('-q drops the totals line but still lists rejected rows', async () => {
    const f = fakeIo('id,hts,value,date\na,8703.23.01,oops,2025-05-01\nb,8703.23.01,1,2025-05-01\n');
    expect(await main(['calc', '-q'], f.io)).toBe(1);
    expect(f.err()).not.toMatch(/lines? computed, 1 rejected; duty/);
    expect(f.err()).toMatch(/line 2, column "value": expected a decimal amount/);
  });

  it('dates outside the evidence: one warning per kind with the count and range, and a note on each line', async () => {
    const f = fakeIo('id,hts,value,date\na,8703.23.01,1,2026-11-01\nb,8703.23.01,1,2026-12-01\nc,8703.23.01,1,2025-05-01\n');
    expect(await main(['calc', '--format', 'json', '--no-fees'], f.io)).toBe(0);
    expect(f.err().match(/warning/g)).toHaveLength(1);
    expect(f.err()).toMatch(/2 rows with entry dates 2026-11-01 to 2026-12-01 are after 2026-10-09/);
    const doc = JSON.parse(f.out());
    expect(doc.warnings).toHaveLength(1);
    expect(doc.lines.map((l: { notes: string[] }) => l.notes.some((n) => /after 2026-10-09/.test(n)))).toEqual([true, true, false]);
  });

  it('compare adds --scenario-file to the default scenarios, as-enacted first', async () => {
    const f = fakeIo(null);
    expect(await main(['compare', 'data/examples/shipments.csv', '--scenario-file', 'data/scenarios/autos-at-10.json', '--format', 'json'], f.io)).toBe(0);
    expect(JSON.parse(f.out()).scenarios.map((s: { name: string }) => s.name)).toEqual(['as-enacted', 'no-deal', 'full-revocation', 'autos-at-10']);
  });

  it('timeline lists the basket rows it leaves out with their lines', async () => {
    const f = fakeIo(null);
    expect(await main(['timeline', 'data/examples/with-errors.csv', '--format', 'csv'], f.io)).toBe(1);
    expect(f.err()).toMatch(/with-errors\.csv line 3, hts: 8708\.29\.50 is not an HTS line/);
    expect(f.err()).toMatch(/with-errors\.csv line 7, category: unknown category "toys"/);
  });
});
