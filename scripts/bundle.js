// Bundles the compiled CLI (dist/cli/main.js and what it imports, commander included) into files under
// dist/bundle/, which bin/tariff.js loads, so that the most common run, a calc, loads one file of code.
//
// That file, main-script.js, is a script, not an ES module, so that it is compiled with V8's code cache (made by
// scripts/code-cache.js at the end of this build, used as src/cli/code-cache.ts says); main.js, a small module,
// loads it and exports its exports: bin/tariff.js and the other files import main.js.
//
// Why two builds. esbuild's code splitting makes a shared chunk for every set of entry points that reach a module;
// with a dozen commands and lazily loaded renderers, a one-import calc loaded twenty files (each resolved, read and
// linked on its own by Node's ES module loader: measured about 25 ms of start-up, issue 11). esbuild has no way to
// say "these modules are already loaded by the importer". So:
//
// 1. main.js (its code in main-script.js): dist/cli/main.js with everything it imports statically, and the calc
//    command with everything it imports: main.js exports runCalc, and program.ts's dynamic import of the command becomes an import of main.js
//    itself (already evaluated; a module bundled as the target of a dynamic import would be wrapped in a function
//    and compiled twice). Every other dynamic import of the CLI (the other commands, the range/html/xlsx renderers,
//    the zod schemas, the scenario code...) stays a dynamic import, of a file of the second build.
// 2. The other files: those dynamically imported modules as entry points, split among themselves. A module they
//    import that main.js holds is not bundled again: it is imported from main.js (which exports each such module's
//    namespace under a name of its own), so there is one instance of every module in a process (one DataFileError
//    class for `instanceof`, one cache of loaded schedules).
//
// The libraries a run may not need stay packages, loaded from node_modules when used: papaparse, zod, chalk,
// cli-table3, saxes and the MCP SDK (only `tariff mcp` loads it).
// dist/bundle/ sits at the same depth as dist/cli/, so the paths the modules compute from import.meta.url
// (../../data, ../validated-data.json, ../../package.json; in main-script.js, import.meta.url is its own URL) point at
// the same files.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { userEnv } from './user-env.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');
const ENTRY = join(DIST, 'cli', 'main.js');
/** Dynamic imports that main.js bundles: the calc command (and explain, the same module). */
const IN_MAIN = [join(DIST, 'cli', 'commands', 'calc', 'index.js')];
/** How the files of the second build name main.js (an external import, rewritten to ./main.js). */
const MAIN = 'tariff:main';
/** The script main.js loads (with V8's code cache, main-script.cache: src/cli/code-cache.ts), and its wrapper's parameters. */
const SCRIPT = 'main-script.js';
const SCRIPT_URL = '__tariffScriptUrl';
const SCRIPT_IMPORT = '__tariffImport';

const BANNER = "import { createRequire as __tariffRequire } from 'node:module';\nconst require = __tariffRequire(import.meta.url);";
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['papaparse', 'zod', 'chalk', 'cli-table3', 'saxes', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'],
  // commander is CommonJS: its require() calls of Node's own modules need a require in an ES module.
  banner: { js: BANNER },
  logLevel: 'warning',
};

/** The name under which main.js exports a module's namespace, from its path under dist/. */
const nsName = (file) => `$${relative(DIST, file).replace(/\.js$/, '').replace(/[^A-Za-z0-9]/g, '_')}`;
const isLocal = (args) => args.path.startsWith('.') && args.resolveDir !== '';
const target = (args) => resolve(args.resolveDir, args.path);

/**
 * main.js: the entry with its static imports and IN_MAIN; any other local dynamic import is external, given as the
 * path `rewrite` returns (null: the first pass, which only learns what main.js holds). `exported`: the modules whose
 * namespaces main.js exports for the second build.
 */
async function buildMain({ write, rewrite, exported }) {
  const dynamic = new Set();
  const plugin = {
    name: 'tariff-main',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import' || !isLocal(args)) return undefined;
        const file = target(args);
        // main.js exports these itself (the entry below): importing main.js gives them, already evaluated. A module
        // bundled as the target of a dynamic import would be wrapped in a function run on first import, which costs
        // start-up time (its code is compiled twice).
        if (IN_MAIN.includes(file) || file === ENTRY) return { path: './main.js', external: true };
        dynamic.add(file);
        return rewrite === null ? { path: args.path, external: true } : rewrite(file);
      });
    },
  };
  const contents = [ENTRY, ...IN_MAIN].map((f) => `export * from ${JSON.stringify(`./${relative(dirname(ENTRY), f)}`)};`).concat(exported.map((f) => `export * as ${nsName(f)} from ${JSON.stringify(`./${relative(dirname(ENTRY), f)}`)};`)).join('\n');
  const r = await build({
    ...common,
    // A script, not a module (see SCRIPT): CommonJS output, whose `module` and `require` the wrapper gives.
    format: 'cjs',
    banner: {},
    define: { 'import.meta.url': SCRIPT_URL },
    stdin: { contents, resolveDir: dirname(ENTRY), sourcefile: 'bundle-main.js', loader: 'js' },
    outfile: join(OUT, SCRIPT),
    sourcemap: write ? 'external' : false,
    metafile: true,
    write: false,
    plugins: [plugin],
  });
  const held = new Set(Object.keys(r.metafile.inputs).map((i) => resolve(ROOT, i)));
  if (write) {
    const output = r.metafile.outputs[relative(ROOT, join(OUT, SCRIPT))];
    const imports = output.imports.filter((i) => i.kind === 'dynamic-import').length;
    for (const f of r.outputFiles) writeFileSync(f.path, f.path.endsWith('.map') ? f.contents : asScript(f.text, imports));
  }
  return { held, dynamic: [...dynamic].filter((f) => !held.has(f)).sort() };
}

/**
 * esbuild's CommonJS output of main as the script src/cli/code-cache.ts compiles: one function expression, strict as
 * a module is, taking the module's `module`, `require`, URL (import.meta.url) and `import()`. Its `imports` dynamic
 * imports, `import("...")` in the text, become calls of that `import()` (a vm.Script has no dynamic import of its
 * own without an experimental flag); the text must hold exactly these, or the script would throw where one is left.
 */
function asScript(text, imports) {
  let n = 0;
  const body = text.replace(/\bimport\("((?:[^"\\\n]|\\.)*)"\)/g, (_, spec) => {
    n += 1;
    return `${SCRIPT_IMPORT}("${spec}")`;
  });
  const left = /.{0,60}\bimport\(.{0,60}/.exec(body); // esbuild prints a call as `import(`
  if (n !== imports || left) throw new Error(`bundle: ${SCRIPT} has ${imports} dynamic imports, ${n} rewritten${left ? `, one left: ${left[0]}` : ''}`);
  if (/\bimport\.meta\b/.test(body)) throw new Error(`bundle: ${SCRIPT} still reads import.meta`);
  // On the first line, and the source map comment kept last: the source map's lines stay right.
  return `(function (module, require, ${SCRIPT_URL}, ${SCRIPT_IMPORT}) {"use strict";${body.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, '')}\n})\n//# sourceMappingURL=${SCRIPT}.map\n`;
}

/**
 * main.js, the module that bin/tariff.js and the other files import: it loads the script (src/cli/code-cache.ts,
 * bundled in) and exports its exports, `names`. Its own: codeCacheStatus (what became of the code cache) and
 * saveCodeCache (for scripts/code-cache.js).
 */
async function buildLoader(names) {
  const contents = [
    `import { loadScript } from './code-cache.js';`,
    // The script's import(): what it names is resolved here, in the same folder, as main.js's own imports were.
    `const loaded = await loadScript(new URL('./${SCRIPT}', import.meta.url), (s) => import(s.startsWith('./') ? new URL(s, import.meta.url).href : s));`,
    `export const { ${names.join(', ')} } = loaded.exports;`,
    `export const codeCacheStatus = loaded.status;`,
    `export const saveCodeCache = loaded.saveCache;`,
  ].join('\n');
  await build({ ...common, banner: {}, stdin: { contents, resolveDir: join(DIST, 'cli'), sourcefile: 'bundle-main-loader.js', loader: 'js' }, outfile: join(OUT, 'main.js') });
}

/** The other files: entry points `entries`; a module main.js holds is imported from it. */
async function buildRest(entries, held) {
  const used = new Set();
  const plugin = {
    name: 'tariff-rest',
    setup(b) {
      b.onResolve({ filter: /^tariff:main$/ }, () => ({ path: './main.js', external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        if (!isLocal(args)) return undefined;
        const file = target(args);
        if (!held.has(file)) return undefined;
        used.add(file);
        return { path: file, namespace: 'tariff-held' };
      });
      // A module of main.js, as the same objects: its exports, read once from main.js's namespace export of it (the
      // modules export no `let` that changes later, which a copy would not follow).
      b.onLoad({ filter: /.*/, namespace: 'tariff-held' }, async (args) => {
        const names = Object.keys(await import(pathToFileURL(args.path).href));
        const ns = nsName(args.path);
        return { contents: `import { ${ns} } from '${MAIN}';\n${names.map((n) => `export const ${n} = ${ns}.${n};`).join('\n')}\n`, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
  // Named by what they are: compare-<hash>.js for cli/commands/compare/index.js, calc-html-<hash>.js for cli/render/calc/html.js.
  const named = Object.fromEntries(entries.map((f) => [relative(DIST, f).replace(/(\/index)?\.js$/, '').replace(/^cli\/(commands|render)\//, '').replaceAll('/', '-'), f]));
  const r = await build({ ...common, entryPoints: named, outdir: OUT, entryNames: '[name]-[hash]', splitting: true, sourcemap: 'linked', metafile: true, plugins: [plugin] });
  const outputOf = new Map();
  for (const [out, o] of Object.entries(r.metafile.outputs)) if (o.entryPoint !== undefined) outputOf.set(resolve(ROOT, o.entryPoint), `./${relative(OUT, resolve(ROOT, out))}`);
  return { used: [...used].sort(), outputOf };
}

// main.js re-exports the entry's and IN_MAIN's exports: a name in two of them would be exported by none.
const names = (await Promise.all([ENTRY, ...IN_MAIN].map((f) => import(pathToFileURL(f).href)))).flatMap((m) => Object.keys(m));
if (new Set(names).size !== names.length) throw new Error(`bundle: an export name is in two of ${[ENTRY, ...IN_MAIN].join(', ')}: ${names.join(', ')}`);

rmSync(OUT, { recursive: true, force: true });
// What main.js holds, and the modules it imports dynamically that it does not hold: the second build's entries.
const first = await buildMain({ write: false, rewrite: null, exported: [] });
const rest = await buildRest(first.dynamic, first.held);
const last = await buildMain({ write: true, rewrite: (file) => ({ path: rest.outputOf.get(file), external: true }), exported: rest.used });
if (last.dynamic.join() !== first.dynamic.join() || [...last.held].some((f) => !first.held.has(f) && !f.endsWith('bundle-main.js'))) {
  throw new Error('bundle: main.js holds other modules once it exports the namespaces the other files use');
}

await buildLoader([...names, ...rest.used.map(nsName)]);

// The banner goes on every file of the second build; a file that never calls require does without it (each
// createRequire costs start-up time).
for (const f of readdirSync(OUT).filter((f) => f.endsWith('.js') && f !== 'main.js' && f !== SCRIPT)) {
  const text = readFileSync(join(OUT, f), 'utf8');
  if (!text.startsWith(`${BANNER}\n`)) throw new Error(`${f}: does not start with the require banner`);
  const body = text.slice(BANNER.length + 1);
  if (!/\brequire\b/.test(body)) writeFileSync(join(OUT, f), `\n\n${body}`); // two lines kept: the source map's lines stay right
}

// V8's code cache for main-script.js (scripts/code-cache.js), made in a fresh process, then checked: a fresh process
// loading main.js must take it. Both run as a user's `tariff` does: V8 refuses a cache made under other V8 flags, so
// neither may take the build's NODE_OPTIONS (CI often sets --max-old-space-size: a cache made under it would be
// refused by every user's V8, and a check under it would not notice). spawnSync gives no execArgv of this process.
const node = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: userEnv(process.env) });
  if (r.status !== 0) throw new Error(`bundle: node ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
};
node([join(ROOT, 'scripts', 'code-cache.js')]);
const status = node(['--input-type=module', '-e', `process.stdout.write((await import(${JSON.stringify(pathToFileURL(join(OUT, 'main.js')).href)})).codeCacheStatus)`]);
if (status !== 'accepted') throw new Error(`bundle: a fresh process did not take the code cache of ${SCRIPT}: ${status}`);
