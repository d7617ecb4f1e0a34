// Writes dist/bundle/main-script.cache, V8's code cache for the CLI's main bundle, and its stamp
// (main-script.cache.json; src/cli/code-cache.ts says why and how they are used). Run by scripts/bundle.js in a
// process of its own, without the build's NODE_OPTIONS (scripts/user-env.js: V8 refuses a cache made under other V8
// flags), with no cache there yet: main.js compiles the script from its text, this runs the most common
// command, a one-import calc (the functions it compiles on the way are in the cache too: V8 compiles most functions
// when first called), and saves what V8 compiled.
import { Readable, Writable } from 'node:stream';

const loader = new URL('../dist/bundle/main.js', import.meta.url);
const { main, localToday, codeCacheStatus, saveCodeCache } = await import(loader.href);
if (codeCacheStatus !== 'missing') throw new Error(`code-cache: expected no cache yet, found one (${codeCacheStatus})`);

const ARGS = ['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json'];
let out = '';
let err = '';
const stdout = new Writable({ write: (c, _, cb) => ((out += c), cb()) });
const stderr = new Writable({ write: (c, _, cb) => ((err += c), cb()) });
const code = await main(ARGS, { stdin: Readable.from([]), stdout, stderr, env: {}, today: localToday() });
if (code !== 0 || !out.includes('"duty"')) throw new Error(`code-cache: the warm-up run \`tariff ${ARGS.join(' ')}\` failed (exit ${code}):\n${err}${out}`);
await saveCodeCache();
