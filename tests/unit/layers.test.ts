// Issue 12: the layers run one way (schema -> core -> io -> cli) and the lint says so per folder.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const eslint = new ESLint({ cwd: ROOT });
async function messages(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return r!.messages.map((m) => m.message);
}

describe('the layer lint (eslint.config.js)', () => {
  it.each([
    ['src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", /src\/core is pure/],
    ['src/core/x.ts', "import { loadEngine } from '../io/load.js';\nexport const f = loadEngine;\n", /src\/core is pure/],
    ['src/schema/x.ts', "import { loadEngine } from '../io/load.js';\nexport const f = loadEngine;\n", /src\/schema validates data/],
    ['src/schema/x.ts', "import { EXIT } from '../cli/io.js';\nexport const f = EXIT;\n", /src\/schema validates data/],
    ['src/io/x.ts', "import { EXIT } from '../cli/io.js';\nexport const f = EXIT;\n", /src\/io is below the commands/],
  ])('refuses an upward import in %s', async (file, code, message) => {
    expect(await messages(file, code)).toEqual([expect.stringMatching(message)]);
  });

  it('lets a layer import the ones below it', async () => {
    expect(await messages('src/io/x.ts', "import { formatCents } from '../core/money.js';\nexport const f = formatCents;\n")).toEqual([]);
    expect(await messages('src/cli/x.ts', "import { loadEngine } from '../io/load.js';\nexport const f = loadEngine;\n")).toEqual([]);
  });
});
