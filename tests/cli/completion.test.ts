/** The completion scripts come from the program: a command added to it is completed with no list to update. */
import { PassThrough } from 'node:stream';
import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { script } from '../../src/cli/commands/completion/index.js';
import { walk, type DataWords } from '../../src/cli/commands/completion/specs.js';
import { buildProgram } from '../../src/cli/program.js';

const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, today: '2026-11-22' };
const data: DataWords = { scenarios: ['as-enacted', 'no-deal'], categories: ['vehicles'], origins: ['JP'], schedules: ['us'] };

describe('completion from the commander program', () => {
  it('walks every command, with its options and what completes their values', () => {
    const specs = walk(buildProgram(io, () => {}), data);
    const calc = specs.find((s) => s.path.join(' ') === 'calc')!;
    expect(calc.options.find((o) => o.long === '--format')!.values).toEqual({ kind: 'words', words: ['table', 'csv', 'json', 'ndjson', 'xlsx', 'html'], list: false });
    expect(calc.options.find((o) => o.long === '--scenario')!.values).toEqual({ kind: 'words', words: ['as-enacted', 'no-deal'], list: false });
    expect(calc.options.find((o) => o.long === '--schedule')!.values).toEqual({ kind: 'files' });
    expect(calc.options.find((o) => o.long === '--raw')!.values).toBeNull();
    expect(calc.argument).toEqual({ kind: 'files' });
  });

  it('completes a command added to the program later, with its options and choices', () => {
    const program = buildProgram(io, () => {});
    const hts = program.commands.find((c) => c.name() === 'hts')!;
    hts.command('lookup').argument('<text>').addOption(new Option('--format <format>').choices(['table', 'json'])).option('--limit <n>');
    const specs = walk(program, data);
    expect(specs.find((s) => s.path.join(' ') === 'hts')!.subcommands).toContain('lookup');
    const bash = script('bash', specs, 'tariff');
    expect(bash).toContain("'hts lookup|--format') echo 'table json'");
    expect(bash).toContain("'hts lookup|--limit') echo '__none__'");
    expect(script('fish', specs, 'tariff')).toContain("-n '__fish_seen_subcommand_from hts; and __fish_seen_subcommand_from lookup' -l format -x -a 'table json'");
  });
});
