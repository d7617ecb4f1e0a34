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
 * is hashed. Each file is read from one open file descriptor, stat'ed before and after the read, so the bytes used
 * are those whose stat was compared or that were hashed (a file replaced or written meanwhile is hashed, or not
 * trusted). The stamp also names the Node version and CPU architecture the cache was made by: under another, V8
 * would refuse the cache, so it is not read nor hashed. A cache that is missing, for other bytes, with a stamp of
 * another shape (damaged, another format), for another Node or rejected by V8 (other V8 flags) is not used: the
 * script is compiled from its text, as any module is.
 *
 * Not v8-compile-cache (npm): it hooks require() of CommonJS modules (not ES modules) and writes its cache to a
 * temporary folder at run time (per user, the first run paying for it, stale entries to clean up). This cache is
 * made once, by the build, next to the file it is for, and shipped in the package.
 */
import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * What became of the code cache. 'accepted': V8 used it. 'rejected': V8 refused it (it was made under other V8
 * flags, e.g. NODE_OPTIONS=--max-old-space-size=...). 'other-node': its stamp names another Node version or CPU
 * architecture (not read nor hashed: V8 would refuse it). 'stale': the stamp is not for these bytes, or is not a stamp
 * of this format (damaged, another shape). 'missing': the cache or its stamp is not there.
 */
export type CodeCacheStatus = 'accepted' | 'rejected' | 'other-node' | 'stale' | 'missing';

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
  /** process.version and process.arch of the process that made the cache. */
  node: string;
  arch: string;
  script: FileStamp;
  cache: FileStamp;
}
const FORMAT = 'tariff-code-cache-2';

const isFileStamp = (v: unknown): v is FileStamp =>
  typeof v === 'object' && v !== null && typeof (v as FileStamp).sha256 === 'string' && typeof (v as FileStamp).stat === 'string';

/** The parsed stamp if it has the shape of one (checked by hand: zod is not loaded at start-up), else null. */
function asStamp(v: unknown): Stamp | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Record<keyof Stamp, unknown>;
  return s.format === FORMAT && typeof s.node === 'string' && typeof s.arch === 'string' && isFileStamp(s.script) && isFileStamp(s.cache) ? (s as Stamp) : null;
}

const statOf = (fd: number): string => {
  const st = fstatSync(fd);
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
};

/** A file's bytes (its text with 'utf8'), read from one descriptor, and its stat, null if it changed during the read. */
function readStated(file: string, encoding: 'utf8'): { data: string; stat: string | null };
function readStated(file: string): { data: Buffer; stat: string | null };
function readStated(file: string, encoding?: 'utf8'): { data: string | Buffer; stat: string | null } {
  const fd = openSync(file, 'r');
  try {
    const before = statOf(fd);
    const data = encoding === undefined ? readFileSync(fd) : readFileSync(fd, encoding);
    return { data, stat: statOf(fd) === before ? before : null };
  } finally {
    closeSync(fd);
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

/** The cache, if the stamp says it is for this text (`script`, read with its stat) and is intact; else why not. */
async function cacheFor(files: Files, script: { data: string; stat: string | null }): Promise<Buffer | Exclude<CodeCacheStatus, 'accepted' | 'rejected'>> {
  let json: string;
  try {
    json = readFileSync(files.stamp, 'utf8');
  } catch {
    return 'missing';
  }
  let stamp: Stamp | null;
  try {
    stamp = asStamp(JSON.parse(json));
  } catch {
    stamp = null;
  }
  if (stamp === null) return 'stale';
  if (stamp.node !== process.version || stamp.arch !== process.arch) return 'other-node';
  let cache: { data: Buffer; stat: string | null };
  try {
    cache = readStated(files.cache);
  } catch {
    return 'missing';
  }
  if (script.stat !== null && cache.stat !== null && stamp.script.stat === script.stat && stamp.cache.stat === cache.stat) return cache.data;
  return stamp.script.sha256 === (await sha256(script.data)) && stamp.cache.sha256 === (await sha256(cache.data)) ? cache.data : 'stale';
}

/**
 * Compiles and runs the bundle script at `scriptUrl`, with its cache (`<script>` with .cache and .cache.json for .js)
 * when the stamp says it is this text's and V8 takes it. `importer` is the script's `import()`: the caller's, which
 * resolves what the script names.
 */
export async function loadScript(scriptUrl: URL, importer: (specifier: string) => Promise<unknown>): Promise<LoadedScript> {
  const script = fileURLToPath(scriptUrl);
  const files: Files = { script, cache: script.replace(/\.js$/, '.cache'), stamp: script.replace(/\.js$/, '.cache.json') };
  const text = readStated(script, 'utf8');
  const cache = await cacheFor(files, text);
  const compiled = new Script(text.data, { filename: script, cachedData: typeof cache === 'string' ? undefined : cache });
  const status: CodeCacheStatus = typeof cache === 'string' ? cache : compiled.cachedDataRejected === true ? 'rejected' : 'accepted';
  const run = compiled.runInThisContext() as (module: { exports: Record<string, unknown> }, require: NodeJS.Require, url: string, importer: (specifier: string) => Promise<unknown>) => void;
  const module = { exports: {} };
  run(module, createRequire(scriptUrl), scriptUrl.href, importer);
  return {
    exports: module.exports,
    status,
    saveCache: async () => {
      // The stat of the text compiled (read above): a script changed since is not stamped as this text's.
      if (text.stat === null) throw new Error(`code-cache: ${script} changed while it was read`);
      const data = compiled.createCachedData();
      const fd = openSync(files.cache, 'w');
      let cacheStat: string;
      try {
        writeFileSync(fd, data);
        cacheStat = statOf(fd);
      } finally {
        closeSync(fd);
      }
      const stamp: Stamp = {
        format: FORMAT,
        node: process.version,
        arch: process.arch,
        script: { sha256: await sha256(text.data), stat: text.stat },
        cache: { sha256: await sha256(data), stat: cacheStat },
      };
      writeFileSync(files.stamp, `${JSON.stringify(stamp, null, 2)}\n`);
    },
  };
}
