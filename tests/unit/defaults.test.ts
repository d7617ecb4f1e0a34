// Issue 12: the command line's defaults that are choices, not law (the origin of a row that names none, the
// scenarios compare shows), live in data/defaults.json with why and where they are stated, not in code.
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
  it('gives the bundled defaults: origin JP, compare as-enacted, no-deal, full-revocation (README)', () => {
    expect(readDefaults()).toEqual({ origin: 'JP', compareScenarios: ['as-enacted', 'no-deal', 'full-revocation'] });
  });

  it('reads another file the same way', () => {
    expect(readDefaults(file({ origin: entry('VN'), compareScenarios: entry(['no-deal']) }))).toEqual({ origin: 'VN', compareScenarios: ['no-deal'] });
  });

  it.each([
    [{ compareScenarios: entry(['as-enacted']) }, ['origin'], 'missing'],
    [{ origin: entry('Japan'), compareScenarios: entry(['as-enacted']) }, ['origin', 'value'], 'two-letter'],
    [{ origin: entry('JP'), compareScenarios: entry([]) }, ['compareScenarios', 'value'], 'bundled scenario ids'],
    [{ origin: { value: 'JP', why: 'x', confidence: 'derived' }, compareScenarios: entry(['as-enacted']) }, ['origin', 'source'], 'why and where'],
    [{ origin: { ...entry('JP'), confidence: 'sure' }, compareScenarios: entry(['as-enacted']) }, ['origin', 'confidence'], 'derived'],
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
