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
    const file = write('scn.json', { id: 'mine', title: 'mine', base: 'us-japan', description: 'd', changes: [{ op: 'remove', measure: 's232-autos' }] });
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '1', '--hts', '8703.23.01', '--scenario-file', file], f.io)).toBe(1);
    expect(f.err()).toContain(file);
    expect(f.err()).toMatch(/changes\[0\]\.measure: unknown measure "s232-autos"/);
  });

  it('a user scenario file changes the figures', async () => {
    const file = write('autos10.json', {
      id: 'autos-at-10', title: 'Autos at 10%', base: 'us-japan', description: 'd',
      changes: [{ op: 'modify', measure: 's232-vehicles-japan-inclusive-15', set: { rate: { kind: 'ad-valorem', pct: '10' } } }],
    });
    const f = fakeIo(null);
    expect(await main(['calc', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--scenario-file', file, '--format', 'json'], f.io)).toBe(0);
    const doc = JSON.parse(f.out());
    expect(doc.scenario).toBe('autos-at-10');
    expect(doc.lines[0].duty).toBe('3750.00');
  });
});
