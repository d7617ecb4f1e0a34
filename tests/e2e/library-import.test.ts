/**
 * QA-2026-12 #4: the package's library entry resolves from a checkout linked
 * into node_modules (package.json `exports`, `main` and `types` point at
 * files the build emits), by import and by require.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name: string; main: string; types: string; exports: Record<string, Record<string, string>> };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tariff-link-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', pkg.name), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (code: string) => execFileSync(process.execPath, ['-e', code], { cwd: dir, encoding: 'utf8' }).trim();

describe('the library entry of the package', () => {
  it('points main, types and exports at files the build emits', () => {
    for (const f of [pkg.main, pkg.types, pkg.exports['.']!.types!, pkg.exports['.']!.default!]) expect(existsSync(resolve(ROOT, f)), f).toBe(true);
  });

  it('is imported by its name and computes', () => {
    const out = node(`import('${pkg.name}').then(async (m) => console.log((await m.calc([{ value: '45000', hts: '8703.24.01', date: '2025-05-01' }])).totals.duty))`);
    expect(out).toBe('12375.00');
  });

  it('is required by its name where Node can require ES modules', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const requiresEsm = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23; // require(esm) came in 20.19 and 22.12
    if (!requiresEsm) return;
    expect(node(`console.log(typeof require('${pkg.name}').calc)`)).toBe('function');
  });
});
