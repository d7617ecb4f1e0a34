// Issue 12: the command line's defaults that are choices, not law (the origin and mode of transport of a row that
// names none, the scenarios compare shows), live in data/defaults.json with why and where they are stated, not in code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/io/load.js';
import { readDefaults } from '../../src/io/defaults.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-defaults-'));
function file(doc: unknown): string {
  const f = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(doc));
  return f;
}
const entry = (value: unknown) => ({ value, why: 'a choice', source: 'README', confidence: 'derived' });

describe('data/defaults.json', () => {
  it('gives the bundled defaults: origin JP, mode ocean, compare as-enacted, no-deal, full-revocation (README)', () => {
    expect(readDefaults()).toEqual({ origin: 'JP', mode: 'ocean', compareScenarios: ['as-enacted', 'no-deal', 'full-revocation'] });
  });

  it('reads another file the same way', () => {
    expect(readDefaults(file({ origin: entry('VN'), mode: entry('air'), compareScenarios: entry(['no-deal']) }))).toEqual({ origin: 'VN', mode: 'air', compareScenarios: ['no-deal'] });
  });

  it.each([
    [{ mode: entry('ocean'), compareScenarios: entry(['as-enacted']) }, ['origin'], 'missing'],
    [{ origin: entry('Japan'), mode: entry('ocean'), compareScenarios: entry(['as-enacted']) }, ['origin', 'value'], 'two-letter'],
    [{ origin: entry('JP'), compareScenarios: entry(['as-enacted']) }, ['mode'], 'missing'],
    [{ origin: entry('JP'), mode: entry('sea'), compareScenarios: entry(['as-enacted']) }, ['mode', 'value'], 'ocean, air, truck, rail'],
    [{ origin: entry('JP'), mode: entry('ocean'), compareScenarios: entry([]) }, ['compareScenarios', 'value'], 'bundled scenario ids'],
    [{ origin: { value: 'JP', why: 'x', confidence: 'derived' }, mode: entry('ocean'), compareScenarios: entry(['as-enacted']) }, ['origin', 'source'], 'why and where'],
    [{ origin: { ...entry('JP'), confidence: 'sure' }, mode: entry('ocean'), compareScenarios: entry(['as-enacted']) }, ['origin', 'confidence'], 'derived'],
  ])('refuses a file that is wrong, naming the field (%#)', (doc, path, message) => {
    const f = file(doc);
    try {
      readDefaults(f);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataFileError);
      expect((e as DataFileError).file).toBe(f);
      expect((e as DataFileError).issues).toEqual([{ path, message: expect.stringContaining(message) }]);
    }
  });
});
