/**
 * The CLI's main bundle is compiled with the V8 code cache the build made for it (src/cli/code-cache.ts,
 * scripts/code-cache.js; issue 11, start-up): a run takes it when it is for the script's bytes and V8 accepts it, and
 * runs from the script's text, with the same result, when it is not.
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { copyBuilt, ROOT } from '../helpers.js';

const run = promisify(execFile);
const ARGS = ['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json'];
const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', TARIFF_TODAY: '2026-11-22' };

/** What became of the cache when a fresh process (with these node flags) imported the bundle of `root`. */
async function statusIn(root: string, flags: string[] = []): Promise<string> {
  const url = pathToFileURL(join(root, 'dist', 'bundle', 'main.js')).href;
  const r = await run(process.execPath, [...flags, '--input-type=module', '-e', `process.stdout.write((await import(${JSON.stringify(url)})).codeCacheStatus)`], { env });
  return r.stdout;
}

/** The one-import calc's output, run by `root`'s bin/tariff.js. */
async function calcIn(root: string, flags: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [...flags, join(root, 'bin', 'tariff.js'), ...ARGS], { env });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A copy of the built package with bin/, after `edit` of its dist/bundle/. */
const copy = (edit: (bundle: string) => void) =>
  copyBuilt('tariff-code-cache-', dirs, (dir) => {
    cpSync(resolve(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    edit(join(dir, 'dist', 'bundle'));
  });

describe('the main bundle is compiled with its code cache', () => {
  it('a fresh process takes the built cache; so does a copy of the package, whose files are hashed (new times and inodes)', async () => {
    expect(await statusIn(ROOT)).toBe('accepted');
    const dir = copy(() => {});
    expect(await statusIn(dir)).toBe('accepted');
    const [here, there] = await Promise.all([calcIn(ROOT), calcIn(dir)]);
    expect(there).toEqual(here);
    expect(JSON.parse(here.stdout).lines[0]).toMatchObject({ duty: '12375.00', mpf: '155.88', hmf: '56.25' });
  }, 60_000);

  it('a damaged, stale or missing cache, or one V8 refuses, is not used, and the result is the same', async () => {
    const expected = await calcIn(ROOT);
    // Bytes of V8's data changed: a release V8 would take them and crash or run other code; the stamp's hash refuses them.
    const damaged = copy((b) => {
      const f = join(b, 'main-script.cache');
      const bytes = readFileSync(f);
      for (let i = 1000; i < 1016; i++) bytes[i]! ^= 0x5a;
      writeFileSync(f, bytes);
    });
    // The script edited after the cache was made, its length kept (V8 checks only the length).
    const stale = copy((b) => {
      const f = join(b, 'main-script.js');
      writeFileSync(f, readFileSync(f, 'utf8').replace('var __create = Object.create;', 'let __create = Object.create;'));
    });
    const missing = copy((b) => rmSync(join(b, 'main-script.cache')));
    const noStamp = copy((b) => rmSync(join(b, 'main-script.cache.json')));
    const cases: [string, string, string[]][] = [
      [damaged, 'stale', []],
      [stale, 'stale', []],
      [missing, 'missing', []],
      [noStamp, 'missing', []],
      [ROOT, 'rejected', ['--max-old-space-size=500']], // other V8 flags
    ];
    for (const [dir, status, flags] of cases) {
      expect(await statusIn(dir, flags), `${dir} ${flags.join(' ')}`).toBe(status);
      expect(await calcIn(dir, flags)).toEqual(expected);
    }
  }, 120_000);
});
