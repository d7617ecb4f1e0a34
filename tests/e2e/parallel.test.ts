/**
 * End to end: `calc --jobs N` (worker threads) gives byte for byte what one
 * thread gives: stdout, stderr and exit code, over inputs cut into many small
 * parts (TARIFF_PART_BYTES), with rejections, grouped entries spread over
 * parts, quoted line breaks, broken quotes, a BOM with CRLF, and stdin.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';
import { tariff } from './cli.js';

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function basket(rows: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = ['id,hts,category,origin,value,date,mfn_rate,entry,mode,quantity,unit,us_content,metal_value,loaded,note'];
  for (let i = 0; i < rows; i++) {
    const value = r() < 0.9 ? `${Math.floor(r() * 200000)}.${String(Math.floor(r() * 100)).padStart(2, '0')}` : pick(['0', '1,234.50', '-5', 'abc', '']);
    const date = r() < 0.85 ? `2025-0${4 + Math.floor(r() * 6)}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}` : pick(['2026-03-15', '2024-12-31', '', '2025-02-30']);
    lines.push(
      [
        `id${i}`,
        pick(['8703.23.01', '8708.29.51.10', '7601.10.30', '7208.51.00', '8471.30.01', '3004.90.92', '8457.10.00', '2204.21.50', '', '8703']),
        pick(['vehicles', 'auto-parts', 'steel', 'aluminum', 'general', 'pharmaceuticals', '', 'nonsense']),
        pick(['JP', 'JP', 'JP', 'jp', 'CN']),
        value,
        date,
        pick(['', '', '', '', '2.5', 'x']),
        pick(['', '', `E${Math.floor(r() * 40)}`, '=cmd']),
        pick(['', '', '', 'ocean', 'air', 'boat']),
        pick(['', '', '', '12', '-1']),
        pick(['', 'kg', 'No.']),
        pick(['', '', '', '25', '150']),
        pick(['', '', '', '100.00']),
        pick(['', '', '', '2025-04-01']),
        pick(['', 'a,b', '"q"', '+x', 'line\nbreak', 'ü€😀']),
      ]
        .map(q)
        .join(','),
    );
  }
  return lines;
}

describe('calc --jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-jobs-'));
  const lines = basket(2500, 11);
  const files: Record<string, string> = {
    plain: `${lines.join('\n')}\n`,
    'stray quote': `${lines.slice(0, 1200).join('\n')}\nbad,"8703.23.01"x,,JP,100,2025-05-01\n${lines.slice(1200).join('\n')}\n`,
    'unclosed quote': `${lines.slice(0, 2000).join('\n')}\nbad,"8703.23.01,,JP,100,2025-05-01\n${lines.slice(2000).join('\n')}`,
    'BOM, CRLF, no last line break': `\uFEFF${lines.join('\r\n')}`,
    // The header is found by reading it, not by counting quotes: blank lines before it, a stray quote in it.
    'blank lines before the header': `${'\n'.repeat(5000)}${lines.join('\n')}\n`,
    'a stray quote and a quoted line break in the header': `${lines[0]},no"te,"x\ny"\n${lines.slice(1).map((l) => `${l},a,b`).join('\n')}\n`,
  };
  const paths = Object.fromEntries(Object.entries(files).map(([name, text], i) => {
    const p = join(dir, `in${i}.csv`);
    writeFileSync(p, text);
    return [name, p];
  }));
  const env = { TARIFF_PART_BYTES: '2048', TARIFF_TRACE_PARTS: '1' };
  const trace = /^tariff: \d+ parts on \d+ worker threads.*\n/m;

  for (const [name, path] of Object.entries(paths)) {
    for (const args of [['--format', 'csv'], ['--format', 'json', '--explain'], ['--format', 'ndjson', '--refunds', '--mode', 'air'], ['--format', 'csv', '--no-fees', '-q']]) {
      it(`${name}, ${args.join(' ')}: same stdout, stderr and exit code as one thread`, async () => {
        const one = await tariff(['calc', path, '--jobs', '1', ...args], { env });
        const three = await tariff(['calc', path, '--jobs', '3', ...args], { env });
        expect(one.stderr).not.toMatch(trace); // one thread: no workers
        expect(three.stderr).toMatch(trace);
        expect(three.stdout).toBe(one.stdout);
        expect(three.stderr.replace(trace, '')).toBe(one.stderr);
        expect(three.code).toBe(one.code);
        expect(one.code).toBe(1); // the basket has rejected rows
      });
    }
  }

  it('workers took many parts, and a broken quote hands the rest to the main thread', async () => {
    const plain = await tariff(['calc', paths.plain!, '-j', '2', '-q'], { env });
    expect(plain.stderr).toMatch(/^tariff: (\d{2,}) parts on 2 worker threads\n/m);
    const stray = await tariff(['calc', paths['stray quote']!, '-j', '2', '-q'], { env });
    expect(stray.stderr).toMatch(/^tariff: \d{2,} parts on 2 worker threads, then the main thread from line \d+\n/m);
  });

  it('stdin too', async () => {
    const one = await tariff(['calc', '-', '--format', 'csv', '-j', '1'], { env, stdin: files.plain });
    const two = await tariff(['calc', '-', '--format', 'csv', '-j', '2'], { env, stdin: files.plain });
    expect(two.stderr).toMatch(trace);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.replace(trace, '')).toBe(one.stderr);
  });

  it('| head ends quietly (exit 0), and a full disk exits 74, with workers too', () => {
    const sh = (script: string) =>
      spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TARIFF_PART_BYTES: '2048', TARIFF_TODAY: '2026-11-22' } });
    const head = sh(`node ${JSON.stringify(BIN)} calc ${JSON.stringify(paths.plain)} -j 2 | head -1; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(head.stdout).toMatch(/^line,status,id,/);
    expect(head.stderr).toMatch(/exit 0/);
    expect(head.stderr).not.toMatch(/EPIPE|internal|worker/);
    if (process.platform === 'linux') {
      const full = sh(`node ${JSON.stringify(BIN)} calc ${JSON.stringify(paths.plain)} -j 2 > /dev/full; echo "exit $?" >&2`);
      expect(full.stderr).toMatch(/cannot write the output \(ENOSPC\)\n(.|\n)*exit 74/);
    }
  });

  it('a small input, or --format table, stays on one thread', async () => {
    for (const args of [['--format', 'csv'], ['--format', 'table']]) {
      const r = await tariff(['calc', 'data/examples/shipments.csv', '-j', '4', ...args], { env: { TARIFF_TRACE_PARTS: '1' } });
      expect(r.stderr).not.toMatch(trace);
    }
  });

  it('--jobs must be a whole number from 1 to 64 or "auto"', async () => {
    for (const bad of ['0', '1.5', 'many', '65', '0x2', '2e0', ' 2']) {
      const r = await tariff(['calc', paths.plain!, '--jobs', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--jobs must be "auto" or a whole number from 1 to 64/);
    }
    const auto = await tariff(['calc', paths.plain!, '--jobs', 'auto', '-q'], { env });
    expect(auto.code).toBe(1);
  });
});
