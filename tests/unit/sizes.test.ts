// Issue 12: src/cli holds no file over 250 lines and no function over 60, except declarative tables (marked
// `size: declarative table` in the comment above them). scripts/check-sizes.js measures; this holds the rule.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a maintainer script in plain JavaScript, without types
import { breaches, MAX_FILE_LINES, MAX_FUNCTION_LINES } from '../../scripts/check-sizes.js';
import { ROOT } from '../helpers.js';

const check = breaches as (dir: string, root?: string) => string[];

describe('the size rule of src/cli (scripts/check-sizes.js)', () => {
  it('holds for src/cli', () => {
    expect(check(join(ROOT, 'src/cli'), ROOT)).toEqual([]);
  });

  it('names a file over the limit and a function over the limit, and lets a marked table be long', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariff-sizes-'));
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
    writeFileSync(join(dir, 'long-function.ts'), `export function long(): number {\n  let x = 0;\n${body(MAX_FUNCTION_LINES - 3)}\n  return x;\n}\n`);
    writeFileSync(join(dir, 'long-file.ts'), Array.from({ length: MAX_FILE_LINES + 1 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
    writeFileSync(join(dir, 'table.ts'), `// size: declarative table\nexport const table = (): number[] => [\n${Array.from({ length: 80 }, (_, i) => `  ${i},`).join('\n')}\n];\n`);
    writeFileSync(join(dir, 'short.ts'), `export function short(): number {\n  let x = 0;\n${body(MAX_FUNCTION_LINES - 4)}\n  return x;\n}\n`);
    expect(check(dir).sort()).toEqual([
      `long-file.ts: ${MAX_FILE_LINES + 1} lines (at most ${MAX_FILE_LINES})`,
      `long-function.ts:1 long: ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
    ]);
  });
});
