// Issue 12, law out of code: the help of every command (its description and options, not its examples) names no rate
// and no date of the law: those live in data/ and change with it, while a help text would go stale.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { fakeIo } from './fake-io.js';

function commands(c: Command): Command[] {
  return [c, ...c.commands.flatMap(commands)];
}

describe('help texts name no rate or date', () => {
  const program = buildProgram(fakeIo(null).io, () => {});
  const all = commands(program);

  it('covers every command and subcommand', () => {
    expect(all.map((c) => c.name())).toEqual(expect.arrayContaining(['calc', 'compare', 'timeline', 'explain', 'schedule', 'hts', 'mcp']));
  });

  it.each(all.map((c) => [c.name(), c] as const))('tariff %s', (_name, c) => {
    // helpInformation is the usage, description and options: the examples (addHelpText) are not in it.
    const text = c.helpInformation();
    expect(text.match(/\b\d+(\.\d+)?\s?%/g) ?? []).toEqual([]);
    expect(text.match(/\b(19|20)\d\d-\d\d-\d\d\b/g) ?? []).toEqual([]);
  });
});
