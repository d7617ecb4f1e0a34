// Issue 12: the layers run one way (values -> schema -> core -> io -> cli; in cli, commands -> render -> shell) and the
// lint says so per folder.
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
    ['src/values/x.ts', "import { compileEngine } from '../core/compile.js';\nexport const f = compileEngine;\n", /src\/values is the bottom layer/],
    ['src/values/x.ts', "import type { Row } from '../schema/row.js';\nexport const f = (r: Row) => r;\n", /src\/values is the bottom layer/],
    ['src/schema/x.ts', "import { loadEngine } from '../io/load.js';\nexport const f = loadEngine;\n", /src\/schema validates data/],
    ['src/schema/x.ts', "import type { Engine } from '../core/compile.js';\nexport const f = (e: Engine) => e;\n", /src\/schema validates data/],
    ['src/schema/x.ts', "import { EXIT } from '../cli/io.js';\nexport const f = EXIT;\n", /src\/schema validates data/],
    ['src/io/x.ts', "import { EXIT } from '../cli/io.js';\nexport const f = EXIT;\n", /src\/io is below the commands/],
    ['src/cli/render/x.ts', "import { runCalc } from '../commands/calc/index.js';\nexport const f = runCalc;\n", /src\/cli\/render is below the commands/],
    ['src/cli/render/calc/x.ts', "import { runTimeline } from '../../commands/timeline.js';\nexport const f = runTimeline;\n", /src\/cli\/render is below the commands/],
    ['src/cli/render/x.ts', "import { main } from '../main.js';\nexport const f = main;\n", /src\/cli\/render is below the commands/],
    ['src/cli/x.ts', "import { runCalc } from './commands/calc/index.js';\nexport const f = runCalc;\n", /the shell loads commands lazily/],
  ])('refuses an upward import in %s', async (file, code, message) => {
    expect(await messages(file, code)).toEqual([expect.stringMatching(message)]);
  });

  it('bans the Buffer global in core and values', async () => {
    expect(await messages('src/core/x.ts', "export const f = () => Buffer.from('a');\n")).toEqual([expect.stringMatching(/Buffer/)]);
    expect(await messages('src/values/x.ts', "export const f = () => Buffer.from('a');\n")).toEqual([expect.stringMatching(/Buffer/)]);
  });

  it('lets a layer import the ones below it', async () => {
    expect(await messages('src/io/x.ts', "import { formatCents } from '../values/money.js';\nexport const f = formatCents;\n")).toEqual([]);
    expect(await messages('src/schema/x.ts', "import { formatCents } from '../values/money.js';\nexport const f = formatCents;\n")).toEqual([]);
    expect(await messages('src/values/x.ts', "import { formatCents } from './money.js';\nexport const f = formatCents;\n")).toEqual([]);
    expect(await messages('src/cli/x.ts', "import { loadEngine } from '../io/load.js';\nexport const f = loadEngine;\n")).toEqual([]);
    expect(await messages('src/cli/commands/x.ts', "import { csvCell } from '../render/cells.js';\nimport type { CliIo } from '../io.js';\nexport const f = (io: CliIo) => csvCell(String(io));\n")).toEqual([]);
    expect(await messages('src/cli/render/x.ts', "import type { Paint } from '../color.js';\nexport const f = (p: Paint) => p;\n")).toEqual([]);
    expect(await messages('src/cli/x.ts', "export const f = () => import('./commands/calc/index.js');\n")).toEqual([]);
  });
});
