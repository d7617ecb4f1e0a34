/**
 * `tariff completion`: the bash script is sourced in a real bash and its
 * completion function asked for a few prefixes, as bash asks it on TAB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedule } from '../helpers.js';
import { tariff } from './cli.js';

let dir: string;
let script: string;

beforeAll(async () => {
  const r = await tariff(['completion', 'bash']);
  expect(r.code, r.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'tariff-completion-'));
  script = join(dir, 'tariff.bash');
  writeFileSync(script, r.stdout);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash's completion function offers for the words typed so far (the last one is being completed). */
function complete(...words: string[]): string[] {
  const program = `source "$1"; shift; COMP_WORDS=(tariff "$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _tariff; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', program, 'bash', script, ...words], { encoding: 'utf8', cwd: dir });
  return out.split('\n').filter((l) => l !== '');
}

describe('tariff completion bash', () => {
  it('completes commands and subcommands', () => {
    expect(complete('')).toEqual(expect.arrayContaining(['calc', 'compare', 'explain', 'timeline', 'schedule', 'hts', 'mcp', 'completion']));
    expect(complete('co')).toEqual(['compare', 'completion']);
    expect(complete('schedule', '')).toEqual(['list', 'show', 'validate', 'check']);
  });

  it('completes the options of the command being typed', () => {
    expect(complete('calc', '--sc')).toEqual(['--scenario', '--scenario-file', '--schedule']);
    expect(complete('compare', '--sc')).toEqual(['--scenarios', '--scenario-file', '--schedule']);
    expect(complete('calc', '--value', '45000', '--no-')).toEqual(['--no-color', '--no-fees']);
  });

  it('completes option values from the declared choices and the bundled data', () => {
    expect(complete('calc', '--format', '')).toEqual(['table', 'csv', 'json', 'ndjson', 'xlsx', 'html']);
    expect(complete('compare', '--format', 'm')).toEqual(['markdown']);
    expect(complete('calc', '--scenario', '')).toEqual(['as-enacted', 'autos-at-10', 'full-revocation', 'no-deal', 'pause-extended']);
    expect(complete('calc', '--category', 'a')).toEqual(['auto-parts', 'aluminum']);
    expect(complete('calc', '--origin', '')).toEqual(schedule.origins); // every origin of the bundled schedule, in its order
    expect(complete('calc', '--origin', 'S')).toEqual(schedule.origins.filter((o) => o.startsWith('S')));
    expect(complete('calc', '--mode', '')).toEqual(['ocean', 'air', 'truck', 'rail']);
    expect(complete('compare', '--by', '')).toEqual(['category', 'hts', 'measure', 'id', 'origin']);
    expect(complete('compare', '--origins', '')).toEqual(schedule.origins);
    // A comma-separated list: the part after the last comma.
    expect(complete('compare', '--scenarios', 'as-enacted,no')).toEqual(['as-enacted,no-deal']);
    // --opt=value, with = as a word break (bash's default) and without.
    expect(complete('calc', '--format', '=', 'nd')).toEqual(['ndjson']);
    expect(complete('calc', '--format=j')).toEqual(['--format=json']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('schedule', 'show', 'no')).toEqual(['no-deal']);
  });

  it('completes file names where a file is expected, and nothing for a free value', () => {
    expect(complete('calc', '--scenario-file', 'tariff.b')).toEqual(['tariff.bash']);
    expect(complete('calc', 'tariff.')).toEqual(['tariff.bash']);
    expect(complete('calc', '--value', '')).toEqual([]);
  });
});

describe('tariff completion', () => {
  it('prints zsh and fish scripts, and refuses another shell', async () => {
    const zsh = await tariff(['completion', 'zsh']);
    expect(zsh.stdout).toContain('bashcompinit');
    expect(zsh.stdout).toContain('complete -o default -F _tariff tariff');
    const fish = await tariff(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c tariff -n '__fish_use_subcommand' -a 'calc'");
    expect(fish.stdout).toContain("complete -c tariff -n '__fish_seen_subcommand_from calc' -l format -x -a 'table csv json ndjson xlsx html'");
    const bad = await tariff(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are bash, zsh, fish');
  });
});
