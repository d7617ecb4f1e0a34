/**
 * Loading the CLI's main bundle with V8's code cache (issue 11: start-up).
 *
 * Compiling the main bundle (dist/bundle/main-script.js, 400 kB) was about 10 ms of every run's start-up. Node 20
 * has no compile cache for ES modules (module.enableCompileCache is Node 22), but a classic script compiled with
 * vm.Script takes V8's code cache. So the build (scripts/bundle.js) writes the bundle as a script: a function
 * expression taking what an ES module would have had (its `module`, a `require`, its own URL for import.meta.url,
 * and an `import()` of its own, as a vm.Script has no dynamic import without an experimental flag). It then runs a
 * one-import calc in a fresh process and saves the code V8 compiled for it, the functions compiled lazily during
 * the run included (script.createCachedData() after the run), as dist/bundle/main-script.cache. A run compiles the
 * script with that cache: V8 deserialises the code instead of parsing and compiling it.
 *
 * V8 checks that a cache was made by the same V8 with the same flags and for a source of the same length, not the
 * same text, and in a release build it does not check the cache's own bytes (a damaged cache crashes the process or
 * runs other code). So a stamp, main-script.cache.json, holds the SHA-256 of the script's text and of the cache, with
 * each file's size, times and inode when it was written: files that still have them all are those hashed (as
 * src/io/load.ts trusts its data files: an edit or a copy changes a time or the inode); any other (an installed copy)
 * is hashed. A cache that is missing, for other bytes or rejected by V8 (another Node version, other V8 flags) is
 * not used: the script is compiled from its text, as any module is.
 *
 * Not v8-compile-cache (npm): it hooks require() of CommonJS modules (not ES modules) and writes its cache to a
 * temporary folder at run time (per user, the first run paying for it, stale entries to clean up). This cache is
 * made once, by the build, next to the file it is for, and shipped in the package.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** What became of the code cache: used; or not: V8 refused it, it is not for these bytes, or there is none. */
export type CodeCacheStatus = 'accepted' | 'rejected' | 'stale' | 'missing';

export interface LoadedScript {
  /** The bundle's exports (its `module.exports`). */
  exports: Record<string, unknown>;
  status: CodeCacheStatus;
  /** Writes the cache of the script as compiled so far (the functions run so far included), and its stamp. */
  saveCache(): Promise<void>;
}

/** A file's SHA-256 (hex) and its `size:mtimeMs:ctimeMs:ino` when hashed. */
interface FileStamp {
  sha256: string;
  stat: string;
}
/** main-script.cache.json. */
interface Stamp {
  format: string;
  script: FileStamp;
  cache: FileStamp;
}
const FORMAT = 'tariff-code-cache-1';

function statOf(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch {
    return null;
  }
}

async function sha256(data: string | Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto'); // only when a file's stat does not say it is the one hashed
  return createHash('sha256').update(data).digest('hex');
}

interface Files {
  script: string;
  cache: string;
  stamp: string;
}

/** The cache, if the stamp says it is for this text and is intact; else why not. */
async function cacheFor(files: Files, text: string): Promise<Buffer | 'stale' | 'missing'> {
  let stamp: Stamp;
  let cache: Buffer;
  try {
    stamp = JSON.parse(readFileSync(files.stamp, 'utf8')) as Stamp;
    cache = readFileSync(files.cache);
  } catch {
    return 'missing';
  }
  if (stamp.format !== FORMAT) return 'stale';
  if (stamp.script.stat === statOf(files.script) && stamp.cache.stat === statOf(files.cache)) return cache;
  return stamp.script.sha256 === (await sha256(text)) && stamp.cache.sha256 === (await sha256(cache)) ? cache : 'stale';
}

/**
 * Compiles and runs the bundle script at `scriptUrl`, with its cache (`<script>` with .cache and .cache.json for .js)
 * when the stamp says it is this text's and V8 takes it. `importer` is the script's `import()`: the caller's, which
 * resolves what the script names.
 */
export async function loadScript(scriptUrl: URL, importer: (specifier: string) => Promise<unknown>): Promise<LoadedScript> {
  const script = fileURLToPath(scriptUrl);
  const files: Files = { script, cache: script.replace(/\.js$/, '.cache'), stamp: script.replace(/\.js$/, '.cache.json') };
  const text = readFileSync(script, 'utf8');
  const cache = await cacheFor(files, text);
  const compiled = new Script(text, { filename: script, cachedData: typeof cache === 'string' ? undefined : cache });
  const status: CodeCacheStatus = typeof cache === 'string' ? cache : compiled.cachedDataRejected === true ? 'rejected' : 'accepted';
  const run = compiled.runInThisContext() as (module: { exports: Record<string, unknown> }, require: NodeJS.Require, url: string, importer: (specifier: string) => Promise<unknown>) => void;
  const module = { exports: {} };
  run(module, createRequire(scriptUrl), scriptUrl.href, importer);
  return {
    exports: module.exports,
    status,
    saveCache: async () => {
      const data = compiled.createCachedData();
      writeFileSync(files.cache, data);
      const stamp: Stamp = {
        format: FORMAT,
        script: { sha256: await sha256(text), stat: statOf(files.script)! },
        cache: { sha256: await sha256(data), stat: statOf(files.cache)! },
      };
      writeFileSync(files.stamp, `${JSON.stringify(stamp, null, 2)}\n`);
    },
  };
}
