// A bundled product list whose bytes the build checked is parsed only when a measure in force on a row's date first
// needs it (src/io/load.ts, loadListSources; tests/unit/lazy-lists.test.ts counts the reads), and indexed from the
// codes the build wrote from those bytes (dist/lists/<id>.digits) without being parsed. A list edited since
// the build is still validated when the engine is loaded, whatever the rows' dates: these tests use a copy of the
// built package (dist/, whose stamps are dist/validated-data.json, and data/).
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyBuilt, ROOT } from '../helpers.js';

type Load = typeof import('../../src/io/load.js');
type Resolve = typeof import('../../src/core/resolve.js');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the built package whose dist/io/load.js reads the copy's data/, after `edit`. */
async function copy(edit: (dir: string) => void): Promise<{ load: Load; resolveGood: Resolve['resolveGood'] }> {
  const dir = copyBuilt('tariff-lists-', dirs, edit);
  return { load: (await import(join(dir, 'dist/io/load.js'))) as Load, resolveGood: ((await import(join(dir, 'dist/core/resolve.js'))) as Resolve).resolveGood };
}

const COPPER = 'data/lists/s232-copper-p10962.json';

/** The copy's build stamps given its own data files' size, times and inodes, as a build of the copy would record them. */
function restamp(dir: string): void {
  const f = join(dir, 'dist/validated-data.json');
  const stamps = JSON.parse(readFileSync(f, 'utf8')) as Record<string, string>;
  for (const k of Object.keys(stamps).filter((k) => k.startsWith('Stat:'))) {
    const st = statSync(join(dir, 'data', k.slice('Stat:'.length)));
    stamps[k] = `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  }
  writeFileSync(f, JSON.stringify(stamps));
}

describe('bundled product lists, read when first needed', () => {
  it('a list edited since the build is validated when the engine is loaded, though no measure naming it is in force on the date', async () => {
    const { load } = await copy((dir) => {
      const f = join(dir, COPPER);
      const text = readFileSync(f, 'utf8');
      expect(text).toContain('"hts":"7406.10.00"');
      writeFileSync(f, text.replace('"hts":"7406.10.00"', '"hts":"74x6.10.00"'));
    });
    // Copper (Proc. 10962) starts 2025-08-01: a one import of 2025-05-01 never needs the list, and still gets the error.
    const err = await load.loadEngine({ origins: ['JP'] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/lists\/s232-copper-p10962\.json: entries\[0\]\.hts: expected an HTS code/);
  });

  it('a list the build checked (by its size, times and inode) is not read before it is needed: changed after the engine was loaded, it is refused, not used unvalidated', async () => {
    const { load, resolveGood } = await copy(restamp);
    const engine = await load.loadEngine({ origins: ['JP'] });
    const text = readFileSync(join(dirs.at(-1)!, COPPER), 'utf8');
    writeFileSync(join(dirs.at(-1)!, COPPER), text.replace('"hts":"7406.10.00"', '"hts":"74x6.10.00"'));
    const applied = (date: string) => {
      const r = resolveGood(engine, { hts: '74071015', category: null, origin: 'JP', date, mfn: null });
      return r.ok ? r.plan.applied.map((a) => a.measure.id) : r.refusal.reason;
    };
    expect(applied('2025-07-31')).not.toContain('s232-copper-50');
    // Its codes are those the build wrote from the bytes it checked (dist/lists/<id>.digits), not the edited file's.
    expect(applied('2025-08-01')).toContain('s232-copper-50'); // Proc. 10962, heading 9903.78.01
    // What only the list itself holds (its title, for schedule show and --explain) is read from the file: refused.
    expect(() => engine.lists.get('s232-copper-p10962')!.title).toThrow(/lists\/s232-copper-p10962\.json: \(top level\): changed while tariff was running/);
  });

  it('the build writes each list\'s codes as digits, in its order, with the dates of dated entries, under the list\'s stamp', () => {
    const stamps = JSON.parse(readFileSync(resolve(ROOT, 'dist/validated-data.json'), 'utf8')) as Record<string, string>;
    for (const f of readdirSync(resolve(ROOT, 'data/lists')).filter((f) => f.endsWith('.json'))) {
      const list = JSON.parse(readFileSync(resolve(ROOT, 'data/lists', f), 'utf8')) as { entries: { hts: string; from?: string }[] };
      const [head, ...lines] = readFileSync(resolve(ROOT, 'dist/lists', f.replace(/\.json$/, '.digits')), 'utf8').split('\n');
      expect(head).toBe(`${stamps[`ProductListSchema:lists/${f}`]} ${list.entries.length}`);
      expect(lines).toEqual([...list.entries.map((e) => e.hts.replaceAll('.', '') + (e.from === undefined ? '' : `\t${e.from}`)), '']);
    }
  });

  it('an engine indexes a list from the digits the build wrote, and from the list when they are of another build', async () => {
    // 0801.21.00 (Brazil nuts, in shell) is on EO 14257 Annex II from its start: no reciprocal duty (9903.01.32).
    const DIGITS = 'dist/lists/eo14257-annex-ii.digits';
    const reciprocal = async (edit: (digits: string) => string) => {
      const { load, resolveGood } = await copy((dir) => writeFileSync(join(dir, DIGITS), edit(readFileSync(join(dir, DIGITS), 'utf8'))));
      const r = resolveGood(await load.loadEngine({ origins: ['JP'] }), { hts: '08012100', category: null, origin: 'JP', date: '2025-05-01', mfn: 0n });
      if (!r.ok) throw new Error(r.refusal.reason);
      return r.plan.applied.some((a) => a.measure.layer === 'reciprocal');
    };
    expect(await reciprocal((t) => t)).toBe(false);
    // The same file with that code replaced by another: the engine reads it (a test of where the codes come from).
    expect(await reciprocal((t) => t.replace('\n08012100\n', '\n08012199\n'))).toBe(true);
    // And with another stamp (a file of another build): not read; the list is.
    expect(await reciprocal((t) => `0${t.replace('\n08012100\n', '\n08012199\n')}`)).toBe(false);
  });

  it('a list with other times than the build saw (an installed copy) is hashed, and the same bytes are still deferred and priced alike', async () => {
    const { load, resolveGood } = await copy((dir) => utimesSync(join(dir, COPPER), new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z')));
    const engine = await load.loadEngine({ origins: ['JP'] });
    const applied = (date: string) => {
      const r = resolveGood(engine, { hts: '74071015', category: null, origin: 'JP', date, mfn: null });
      return r.ok ? r.plan.applied.map((a) => a.measure.id) : r.refusal.reason;
    };
    expect(applied('2025-07-31')).not.toContain('s232-copper-50');
    expect(applied('2025-08-01')).toContain('s232-copper-50'); // Proc. 10962, heading 9903.78.01
    expect(engine.lists.get('s232-copper-p10962')).toMatchObject({ id: 's232-copper-p10962', chapter99: ['9903.78.01'] });
  });
});
