// One import given by flags reads only the bundled schedule's parts about its origin (src/io/load.ts, partsAbout),
// from the origins the build recorded for the parts' bytes (scripts/build-data.js). These tests use the build
// (dist/, as the CLI does: the stamps are dist/validated-data.json) and hold the partial engine to the whole one:
// every origin, the same measures in the same order, and the same resolution (plan, decisions, refusals) of the
// same goods on dates across the schedule.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/compile.js';
import { mergeParts } from '../../src/core/parts.js';
import { SchedulePartSchema, ScheduleSchema } from '../../src/schema/schedule.js';
import { copyBuilt, lists as bundledLists, ROOT, schedule as wholeSchedule } from '../helpers.js';

type Load = typeof import('../../src/io/load.js');
type Resolve = typeof import('../../src/core/resolve.js');
const load = (await import(resolve(ROOT, 'dist/io/load.js'))) as Load;
const { resolveGood } = (await import(resolve(ROOT, 'dist/core/resolve.js'))) as Resolve;

const readJson = (rel: string): unknown => JSON.parse(readFileSync(resolve(ROOT, rel), 'utf8'));
const whole = await load.loadEngine({});
const covers = (o: string) => (m: Engine['measures'][number]) => m.origins.has(o);

/** A resolution as text: measures by id (their indexes are not output), amounts as strings. */
function text(r: unknown): string {
  return JSON.stringify(r, (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v !== null && typeof v === 'object' && 'htsPrefixes' in v ? `measure ${(v as unknown as { id: string }).id}` : v,
  );
}

/** Codes to try: a sample of every bundled list's codes, each also cut to 6 and 4 digits, and of every scope.hts. */
const codes = (() => {
  const out = new Set<string>(['87032401', '8703240150', '72081015', '94032000', '30049092', '85171300', '84571000', '0101', '9999999999']);
  for (const list of bundledLists.values()) {
    list.entries.forEach((e, i) => {
      if (i % 150 !== 0) return;
      const d = e.hts.replaceAll('.', '');
      for (const c of [d, d.slice(0, 6), d.slice(0, 4)]) if (c.length >= 4) out.add(c);
    });
  }
  for (const m of wholeSchedule.measures) for (const p of m.scope.hts ?? []) out.add(p.replaceAll('.', '').padEnd(4, '0'));
  return [...out].sort();
})();
const DATES = ['2025-04-06', '2025-08-20', '2026-03-02', '2026-04-06', '2026-10-09'];

describe('one import reads only the bundled parts about its origin', () => {
  it('takes the parts-by-origin path for every origin of the bundled schedule (the build recorded every part)', async () => {
    const stamps = readJson('dist/validated-data.json') as Record<string, string>;
    for (const id of wholeSchedule.id === 'us' ? (ScheduleSchema.parse(readJson('data/schedules/us.json')).parts ?? []) : []) {
      const part = SchedulePartSchema.parse(readJson(`data/schedules/parts/${id}.json`));
      expect(stamps[`SchedulePartOrigins:schedules/parts/${id}.json`], id).toBe(JSON.stringify(part.origins ?? null));
    }
    for (const o of whole.origins) {
      const e = await load.loadEngine({ origins: [o] });
      expect(e.partOrigins, o).toEqual(new Set([o]));
      expect(e.measures.length, o).toBeLessThan(whole.measures.length);
    }
  });

  it('keeps, for every origin, exactly the measures of the whole schedule that cover it, in the same order', async () => {
    for (const o of whole.origins) {
      const e = await load.loadEngine({ origins: [o] });
      expect(e.measures.filter(covers(o)).map((m) => m.id), o).toEqual(whole.measures.filter(covers(o)).map((m) => m.id));
      // Measures not about the origin are those of the parts about no origin in particular, never another origin's part.
      expect(e.originDates.get(o), o).toEqual(whole.originDates.get(o));
    }
  });

  it('resolves every good of every origin on dates across the schedule as the whole schedule does', async () => {
    let compared = 0;
    for (const o of whole.origins) {
      const e = await load.loadEngine({ origins: [o] });
      for (const date of DATES) {
        for (const hts of codes) {
          const good = { hts, category: null, origin: o, date, mfn: null, loaded: null, usContent: null, hasMetalValue: true };
          expect(text(resolveGood(e, good)), `${o} ${hts} ${date}`).toBe(text(resolveGood(whole, good)));
          compared++;
        }
      }
    }
    console.log(`parts by origin: ${compared} resolutions (${whole.origins.size} origins x ${DATES.length} dates x ${codes.length} codes) equal to the whole schedule's`);
  }, 120_000);

  it('does not hash bundled files whose size and time are those the build stamped (node:crypto is not even loaded)', () => {
    const cryptoLoaded = (schedule: string) => {
      const script = `const l = await import(${JSON.stringify(resolve(ROOT, 'dist/io/load.js'))}); await l.loadEngine({ origins: ['JP'], scheduleFile: ${JSON.stringify(schedule)} });
        console.log(process.moduleLoadList.includes('NativeModule crypto'))`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    };
    expect(cryptoLoaded(resolve(ROOT, 'data/schedules/us.json'))).toBe('false'); // before: every run hashed them all
  });

  it('refuses, as a bug, to price an origin its parts were not read for', async () => {
    const e = await load.loadEngine({ origins: ['KR'] });
    expect(() => resolveGood(e, { hts: '87032401', category: null, origin: 'JP', date: '2025-05-01', mfn: null })).toThrow(/invariant: .*parts about KR.* origin JP/);
  });

  it('reads every part with a scenario, or for an origin the schedule does not cover (its refusal names them all)', async () => {
    expect((await load.loadEngine({ origins: ['JP'], scenario: 'full-revocation' })).partOrigins).toBeNull();
    expect((await load.loadEngine({ origins: ['ZZ'] })).partOrigins).toBeNull();
  });
});

describe('mergeParts of some parts (pure)', () => {
  it("gives the whole merge's measures about an origin, in order, from the parts about it and the parts about none", () => {
    const own = ScheduleSchema.parse(readJson('data/schedules/us.json'));
    const parts = (own.parts ?? []).map((id) => SchedulePartSchema.parse(readJson(`data/schedules/parts/${id}.json`)));
    const all = mergeParts(own, parts);
    for (const o of own.origins) {
      const some = mergeParts(own, parts.filter((p) => p.origins === undefined || p.origins.includes(o)));
      expect(some.issues).toEqual([]);
      const about = (m: (typeof all.schedule.measures)[number]) => (m.scope.origins ?? own.origins).includes(o);
      expect(some.schedule.measures.filter(about), o).toEqual(all.schedule.measures.filter(about));
      expect(some.originDates.get(o), o).toEqual(all.originDates.get(o));
    }
  });
});

describe('a bundled part changed since the build', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  /** A copy of the built package (dist/ and data/), whose dist/io/load.js reads the copy's data/. */
  async function copy(edit: (dir: string) => void): Promise<Load> {
    const dir = copyBuilt('tariff-parts-', dirs, edit);
    return (await import(join(dir, 'dist/io/load.js'))) as Load;
  }

  it('is hashed when its time is not the one the build saw (an installed copy): the same bytes still take the short path', async () => {
    const l = await copy((dir) => utimesSync(join(dir, 'data/schedules/parts/korea.json'), new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z')));
    expect((await l.loadEngine({ origins: ['JP'] })).partOrigins).toEqual(new Set(['JP']));
  });

  it('makes every part be read when its bytes are not those the build checked (its origins may have changed)', async () => {
    const l = await copy((dir) => {
      const f = join(dir, 'data/schedules/parts/korea.json');
      const part = JSON.parse(readFileSync(f, 'utf8')) as { origins: string[] };
      part.origins = ['KR', 'JP'];
      writeFileSync(f, JSON.stringify(part, null, 2));
    });
    // Read and checked as every part is: its measures now reach Japan, where they clash with the common ones.
    await expect(l.loadEngine({ origins: ['JP'] })).rejects.toThrow(/parts\/korea\.json: measures\[0\]\.window: .* a layer holds one measure/);
  });

  it('is validated when an edit keeps its size and its modification time is put back (cp -p, rsync -a, touch -r): the change time differs', async () => {
    const l = await copy((dir) => {
      const f = join(dir, 'data/schedules/parts/united-kingdom.json');
      const st = statSync(f);
      const text = readFileSync(f, 'utf8');
      const edited = text.replace('"pct": "25"', '"pct": "2x"');
      expect(edited.length).toBe(text.length);
      writeFileSync(f, edited);
      utimesSync(f, st.atime, st.mtime);
    });
    // The error names the file and the field (exit 1 in the CLI), not an invariant of validated data (exit 70); and
    // it does not call a part a schedule file.
    const err = await l.loadEngine({ origins: ['GB'] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/parts\/united-kingdom\.json/);
    expect((err as { issues?: { path: unknown[]; message: string }[] }).issues?.some((i) => i.path.join('.').endsWith('rate.pct'))).toBe(true);
    expect(String(err)).not.toMatch(/looks like a schedule file/);
  });
});
