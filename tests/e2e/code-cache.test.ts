/**
 * The CLI's main bundle is compiled with the V8 code cache the build made for it (src/cli/code-cache.ts,
 * scripts/code-cache.js; issue 11, start-up): a run takes it when it is for the script's bytes and V8 accepts it, and
 * runs from the script's text, with the same result, when it is not (a damaged stamp included). The build makes and
 * checks it as a user's process runs, without the build's NODE_OPTIONS (scripts/user-env.js).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  return (await probe(root, flags)).split(' ')[0]!;
}

/** `<status> <hashed>`: the status, and whether importing the bundle of `root` loaded node:crypto (the stamp's hashes). */
async function probe(root: string, flags: string[] = []): Promise<string> {
  const url = pathToFileURL(join(root, 'dist', 'bundle', 'main.js')).href;
  const code = `const s = (await import(${JSON.stringify(url)})).codeCacheStatus; process.stdout.write(s + ' ' + process.moduleLoadList.includes('NativeModule crypto'))`;
  const r = await run(process.execPath, [...flags, '--input-type=module', '-e', code], { env });
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
    // A stamp of another shape: valid JSON, wrong fields (the loader read stamp.script.stat and crashed, exit 1).
    const stamp = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'main-script.cache.json'), 'utf8')) as Record<string, unknown>;
    const badStamps = ['null', '{}', '[]', '"x"', '{"format":"tariff-code-cache-1"}', 'not json', JSON.stringify({ ...stamp, cache: null }), JSON.stringify({ ...stamp, script: { sha256: 1, stat: 2 } }), JSON.stringify({ ...stamp, node: 20 })];
    const withStamp = (text: string) => copy((b) => writeFileSync(join(b, 'main-script.cache.json'), text));
    const otherNode = JSON.stringify({ ...stamp, node: 'v18.20.0' });
    const otherArch = JSON.stringify({ ...stamp, arch: stamp.arch === 'arm64' ? 'x64' : 'arm64' });
    const cases: [string, string, string[], string][] = [
      [damaged, 'stale', [], 'damaged cache'],
      [stale, 'stale', [], 'edited script'],
      [missing, 'missing', [], 'no cache'],
      [noStamp, 'missing', [], 'no stamp'],
      ...badStamps.map((t): [string, string, string[], string] => [withStamp(t), 'stale', [], `stamp ${t}`]),
      [withStamp(otherNode), 'other-node', [], otherNode],
      [withStamp(otherArch), 'other-node', [], otherArch],
      [ROOT, 'rejected', ['--max-old-space-size=500'], 'other V8 flags'],
    ];
    const results = await Promise.all(cases.map(async ([dir, , flags]) => [await statusIn(dir, flags), await calcIn(dir, flags)] as const));
    cases.forEach(([, status, , what], i) => {
      expect(results[i]![0], what).toBe(status);
      expect(results[i]![1], what).toEqual(expected); // execFile rejects on a non-zero exit
    });
  }, 120_000);

  it('a cache whose stamp names another Node version is not hashed (V8 would refuse it)', async () => {
    const stamp = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'main-script.cache.json'), 'utf8')) as Record<string, unknown>;
    // Copies: new inodes, so the stamp's stats do not match and a cache for this Node is hashed (node:crypto loaded).
    const same = copy(() => {});
    const other = copy((b) => writeFileSync(join(b, 'main-script.cache.json'), JSON.stringify({ ...stamp, node: 'v18.20.0' })));
    expect(await probe(same)).toBe('accepted true');
    expect(await probe(other)).toBe('other-node false');
  }, 60_000);

  it('the build makes the cache without its NODE_OPTIONS, as a user runs tariff, and checks it so', async () => {
    // @ts-expect-error -- a plain JavaScript build script, without types
    const { userEnv } = (await import('../../scripts/user-env.js')) as { userEnv: (e: Record<string, string>) => Record<string, string> };
    expect(userEnv({ PATH: '/bin', NODE_OPTIONS: '--max-old-space-size=4096', NODE_V8_COVERAGE: '/tmp/c', TARIFF_TODAY: '2026-11-22' })).toEqual({ PATH: '/bin', TARIFF_TODAY: '2026-11-22' });
    // The bundle step of the build (scripts/bundle.js, about 2 s) in a copy, under CI's common NODE_OPTIONS.
    const dir = copy(() => {});
    mkdirSync(join(dir, 'scripts'));
    for (const f of ['bundle.js', 'code-cache.js', 'user-env.js']) cpSync(join(ROOT, 'scripts', f), join(dir, 'scripts', f));
    await run(process.execPath, [join(dir, 'scripts', 'bundle.js')], { env: { ...env, NODE_OPTIONS: '--max-old-space-size=4096' }, cwd: dir });
    expect(await statusIn(dir)).toBe('accepted');
    expect(await statusIn(dir, ['--max-old-space-size=4096'])).toBe('rejected'); // made without the flag, indeed
    expect(await calcIn(dir)).toEqual(await calcIn(ROOT));
  }, 120_000);
});
