/**
 * SLOW (about 30 s; needs the npm registry for the dependencies): the package
 * as a user gets it. `npm pack` makes the tarball from the built tree (run
 * after `npm run build`, as `npm test` does), `npm install` puts it in an
 * empty folder, and there the `tariff` command runs through npx and the
 * library is imported by its package name, with its types.
 *
 * TARIFF_SKIP_PACK_TEST=1 skips it (with a message), e.g. offline.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { tariff } from './cli.js';

const run = promisify(execFile);
const skip = Boolean(process.env.TARIFF_SKIP_PACK_TEST);
if (skip) console.warn('tests/e2e/pack-install.test.ts: skipped (TARIFF_SKIP_PACK_TEST is set): the packed tarball is not installed and tried');

const NAME = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
let dir: string;
let app: string;
let files: string[] = [];
const env = { ...process.env, TARIFF_TODAY: '2026-11-22', NO_COLOR: '1', npm_config_update_notifier: 'false' };

async function inApp(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(cmd, args, { cwd: app, env, maxBuffer: 64 << 20 });
}

describe.skipIf(skip)(`the packed tarball of ${NAME}, installed in an empty folder (slow)`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tariff-pack-'));
    app = join(dir, 'app');
    // --ignore-scripts: the tree is already built (npm test builds first); rebuilding would rewrite dist/ under the other tests.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, env, maxBuffer: 16 << 20 });
    const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
    files = info.files.map((f) => f.path);
    await run('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-app', private: true, type: 'module' }));
    await inApp('npm', ['install', '--no-audit', '--no-fund', join(dir, info.filename)]);
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds what a user needs and nothing of the repository\'s own', () => {
    for (const f of ['bin/tariff.js', 'dist/bundle/main.js', 'dist/bundle/main-script.js', 'dist/bundle/main-script.cache', 'dist/bundle/main-script.cache.json', 'dist/validated-data.json', 'dist/index.js', 'dist/index.d.ts', 'data/schedules/us.json', 'data/examples/shipments.csv', 'README.md', 'LICENSE']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(tests|src|scripts|bench)\/|\.map$|\.test\.|tsconfig|eslint|vitest/.test(f))).toEqual([]);
  });

  it('npx tariff calc computes one import given by flags', async () => {
    // --no: never fetch a package named tariff from the registry (it is someone else's).
    const r = await inApp('npx', ['--no', 'tariff', 'calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines[0]).toMatchObject({ duty: '12375.00', effectiveRate: '27.5', mpf: '155.88', hmf: '56.25' });
    const table = await inApp('npx', ['--no', 'tariff', 'calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01']);
    expect(table.stdout).toContain('12375.00');
  }, 60_000);

  it('the installed CLI compiles its main bundle with the code cache the build made (src/cli/code-cache.ts)', async () => {
    const url = pathToFileURL(join(app, 'node_modules', NAME, 'dist', 'bundle', 'main.js')).href;
    // Without the test run's NODE_OPTIONS, as a user runs it: V8 refuses a cache under other V8 flags (the build makes it without them).
    const userEnv: NodeJS.ProcessEnv = { ...env };
    delete userEnv.NODE_OPTIONS;
    const r = await run(process.execPath, ['--input-type=module', '-e', `process.stdout.write((await import(${JSON.stringify(url)})).codeCacheStatus)`], { cwd: app, env: userEnv });
    expect(r.stdout).toBe('accepted');
  });

  it('npx tariff calc computes the installed package\'s example file as the repository does', async () => {
    const installed = join(app, 'node_modules', NAME, 'data', 'examples', 'shipments.csv');
    expect(existsSync(installed)).toBe(true);
    const r = await inApp('npx', ['--no', 'tariff', 'calc', installed, '--format', 'json']);
    const here = await tariff(['calc', 'data/examples/shipments.csv', '--format', 'json']);
    expect(here.code).toBe(0);
    expect(JSON.parse(r.stdout).totals).toEqual(JSON.parse(here.stdout).totals);
    expect(JSON.parse(r.stdout).totals.lines).toBe(15);
  }, 60_000);

  it('the library imports by the package name and computes', async () => {
    const script = `import('${NAME}').then(async (m) => {
      const r = await m.calc([{ value: '45000', hts: '8703.24.01', date: '2025-05-01' }]);
      const c = await m.compare([{ value: '30000', hts: '8703.23.01' }], { scenarios: ['as-enacted', 'no-deal'], date: '2025-10-01' });
      console.log(JSON.stringify({ duty: r.totals.duty, fees: r.totals.fees, compare: c.scenarios.map((s) => s.totals.duty) }));
    })`;
    const r = await inApp(process.execPath, ['-e', script]);
    expect(JSON.parse(r.stdout)).toEqual({ duty: '12375.00', fees: '212.13', compare: ['4500.00', '8250.00'] });
  });

  it('the library\'s types resolve through the exports map', async () => {
    writeFileSync(
      join(app, 'check.ts'),
      `import { calc, type CalcResult, UsageError } from '${NAME}';\n` +
        `const r: CalcResult = await calc([{ value: '1.00', hts: '8703.24.01' }]);\n` +
        `const duty: string = r.totals.duty;\nexport { duty, UsageError };\n`,
    );
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    await inApp(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'check.ts']);
    // A misuse is caught by the types: a misspelt field does not compile.
    writeFileSync(join(app, 'bad.ts'), `import { calc } from '${NAME}';\nconst r = await calc([]);\nexport const x: string = r.totals.dutyy;\n`);
    await expect(inApp(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'bad.ts'])).rejects.toMatchObject({ stdout: expect.stringMatching(/Property 'dutyy' does not exist/) });
  }, 90_000);
});
