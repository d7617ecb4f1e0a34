/**
 * `tariff completion bash|zsh|fish`: a completion script generated from the commander program (specs.ts), in the
 * shell's own language (bash.ts, which zsh runs through its bash emulation, and fish.ts).
 */
import type { Command } from 'commander';
import { UsageError } from '../../../errors.js';
import type { CliIo } from '../../io.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { dataWords, SHELLS, walk, type CommandSpec, type Shell } from './specs.js';

export async function runCompletion(shell: string, program: Command, io: CliIo): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion: the shell must be one of ${SHELLS.join(', ')}, got "${shell}"`);
  const specs = walk(program, await dataWords());
  io.stdout.write(script(shell as Shell, specs, program.name()));
  return 0;
}

export function script(shell: Shell, specs: CommandSpec[], name: string): string {
  if (shell === 'fish') return fishScript(specs, name);
  const bash = bashScript(specs, name);
  if (shell === 'bash') return bash;
  // zsh runs the bash function through its bash completion emulation, the usual way for generated scripts.
  return `# zsh completion for ${name}: in ~/.zshrc, after compinit: source <(${name} completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}
