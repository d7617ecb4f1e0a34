/** The README's examples are run, so they stay true. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { tariff } from './cli.js';

const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const commands = [...readme.matchAll(/^(?:\$ )?npx tariff ((?:calc|compare|timeline|schedule|explain|hts)[^|>#\n]*?)\s*(?:#.*)?$/gm)]
  .map((m) => m[1]!.trim())
  .filter((c) => !/my-scenario\.json|my-hts\.json|hts_2026_|lines\.csv|lines\.xlsx/.test(c)); // placeholders for the reader's own files

describe('README examples', () => {
  it('has examples to run', () => expect(commands.length).toBeGreaterThanOrEqual(12));

  it.each(commands)('tariff %s', async (command) => {
    const r = await tariff(command.split(/\s+/));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it('states the figures the tool prints for its first example', async () => {
    expect(readme).toMatch(/duty \$12,375\.00, effective rate 27\.5%, and customs fees of \$212\.13 \(MPF \$155\.88, HMF \$56\.25\)/);
    const r = await tariff(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'json']);
    expect(JSON.parse(r.stdout).lines[0]).toMatchObject({ duty: '12375.00', effectiveRate: '27.5', mpf: '155.88', hmf: '56.25' });
    expect(JSON.parse(r.stdout).totals).toMatchObject({ fees: '212.13', total: '12587.13' });
  });
});

describe('README figures', () => {
  it('the deal saves about $1.61M an hour on the 2024 basket entered on 2025-10-01, $594k of it on cars', async () => {
    expect(readme).toMatch(/saves about \*\*\$1\.61M an hour\*\*, \$594k of it/);
    const r = await tariff(['compare', 'data/examples/japan-imports-2024.csv', '--date', '2025-10-01', '--per', 'hour', '--format', 'json']);
    const diff = JSON.parse(r.stdout).differences.find((d: { scenario: string }) => d.scenario === 'no-deal');
    expect(Math.round(Number(diff.duty) / 10_000) / 100).toBe(1.61); // display rounding only
    expect(Math.round(Number(diff.groups.find((g: { key: string }) => g.key === 'vehicles').duty) / 1000)).toBe(594);
  });
});

describe('README library example', () => {
  // A js block that imports the package, then (after some prose) the text block of what it prints.
  const fence = '`'.repeat(3);
  const body = `((?:(?!\\n${fence})[\\s\\S])*)\\n${fence}\\n`;
  const examples = [...readme.matchAll(new RegExp(`${fence}js\\n${body}(?:(?!${fence})[\\s\\S])*${fence}text\\n${body}`, 'g'))].filter((m) =>
    m[1]!.includes("from 'tariff-duties'"),
  );

  it('has one', () => expect(examples.length).toBeGreaterThanOrEqual(1));

  it.each(examples.map((m, i) => [i, m[1]!, m[2]!] as const))('example %i prints what the README says', (_i, code, expected) => {
    // The package imported by its name is this tree's build (the packed tarball is tried in pack-install.test.ts).
    const dir = mkdtempSync(join(tmpdir(), 'tariff-readme-'));
    try {
      const file = join(dir, 'example.mjs');
      writeFileSync(file, `${code}\n`.replaceAll("from 'tariff-duties'", `from '${pathToFileURL(resolve(ROOT, 'dist/index.js')).href}'`));
      expect(execFileSync(process.execPath, [file], { encoding: 'utf8', cwd: dir })).toBe(`${expected}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
