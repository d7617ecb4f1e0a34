/**
 * `tariff completion bash|zsh|fish`: a completion script generated from the
 * commander program itself (its commands, options and arguments: no list is
 * kept by hand, so commands added later are completed too) and, for option
 * values, from the choices declared on the options and the bundled data
 * (scenario ids, categories, origins of the default schedule).
 */
import type { Argument, Command, Option } from 'commander';
import { GROUP_BYS, PERS } from '../../../core/compare.js';
import { MODES } from '../../../core/fees.js';
import { UsageError } from '../../../errors.js';
import { bundledScenarioIds, loadEngine } from '../../../io/load.js';
import type { CliIo } from '../../io.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** What a value is completed from. */
export type Values = { kind: 'none' } | { kind: 'files' } | { kind: 'words'; words: string[]; list: boolean };

export interface OptionSpec {
  /** --long (and -s when it has a short flag). */
  long: string | null;
  short: string | null;
  description: string;
  /** null: the option takes no value. */
  values: Values | null;
}

export interface CommandSpec {
  /** Names from the program down, e.g. ['schedule', 'show']; [] is the program. */
  path: string[];
  description: string;
  subcommands: string[];
  options: OptionSpec[];
  /** What the first positional argument is completed from (null: none). */
  argument: Values | null;
}

/** Word lists from the bundled data, by the meaning of an option's or argument's name. */
export interface DataWords {
  scenarios: string[];
  categories: string[];
  origins: string[];
  schedules: string[];
}

export async function dataWords(): Promise<DataWords> {
  const engine = await loadEngine({});
  const scenarios = await bundledScenarioIds();
  return { scenarios, categories: [...engine.categories.keys()], origins: [...engine.origins], schedules: [engine.scheduleId] };
}

/** The value of an option or argument named `name` with the placeholder `placeholder`. */
function valuesFor(name: string, placeholder: string, choices: readonly string[] | undefined, data: DataWords): Values {
  if (choices !== undefined && choices.length > 0) return { kind: 'words', words: [...choices], list: false };
  const words = (w: readonly string[], list = false): Values => ({ kind: 'words', words: [...w], list });
  switch (name) {
    case 'scenario':
      return words(data.scenarios);
    case 'scenarios':
      return words(data.scenarios, true);
    case 'category':
      return words(data.categories);
    case 'origin':
      return words(data.origins);
    case 'origins':
      return words(data.origins, true);
    case 'mode':
      return words(MODES);
    case 'by':
      return words(GROUP_BYS);
    case 'per':
      return words(PERS);
    case 'id':
      // `schedule show [id]`: a schedule or a scenario (an option --id is the user's reference: nothing to offer).
      return placeholder === '' ? words([...data.schedules, ...data.scenarios]) : { kind: 'none' };
  }
  return /file|table/i.test(placeholder) ? { kind: 'files' } : { kind: 'none' };
}

function optionSpec(o: Option, data: DataWords): OptionSpec {
  const takesValue = o.required || o.optional;
  const placeholder = /<([^>]+)>|\[([^\]]+)\]/.exec(o.flags);
  return {
    long: o.long ?? null,
    short: o.short ?? null,
    description: o.description,
    values: takesValue ? valuesFor(o.attributeName().replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), placeholder?.[1] ?? placeholder?.[2] ?? '', o.argChoices, data) : null,
  };
}

function argumentValues(a: Argument | undefined, data: DataWords): Values | null {
  if (a === undefined) return null;
  return a.name() === 'id' ? valuesFor('id', '', a.argChoices, data) : valuesFor(a.name(), a.name(), a.argChoices, data);
}

/** Every command of the program, depth first, with what completes its options and argument. */
export function walk(program: Command, data: DataWords): CommandSpec[] {
  const out: CommandSpec[] = [];
  const visit = (cmd: Command, path: string[]) => {
    const help = cmd.createHelp();
    const options = help.visibleOptions(cmd).map((o) => optionSpec(o, data));
    const subs = cmd.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
    out.push({ path, description: cmd.description(), subcommands: subs.map((c) => c.name()), options, argument: argumentValues(cmd.registeredArguments[0], data) });
    for (const c of subs) visit(c, [...path, c.name()]);
  };
  visit(program, []);
  return out;
}

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

/** A word of shell source in single quotes. */
function sq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

function valuesWord(v: Values): string {
  if (v.kind === 'files') return '__files__';
  if (v.kind === 'none') return '__none__';
  return `${v.list ? '__list__ ' : ''}${v.words.join(' ')}`;
}

function bashScript(specs: CommandSpec[], name: string): string {
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const cases = (pick: (s: CommandSpec) => string | null) =>
    specs
      .map((s) => [s.path.join(' '), pick(s)] as const)
      .filter((c): c is readonly [string, string] => c[1] !== null && c[1] !== '')
      .map(([p, v]) => `    ${sq(p)}) echo ${sq(v)} ;;`)
      .join('\n');
  const valueCases = specs
    .flatMap((s) =>
      s.options.flatMap((o) => {
        if (o.values === null) return [];
        const flags = [o.long, o.short].filter((f): f is string => f !== null);
        return flags.map((f) => `    ${sq(`${s.path.join(' ')}|${f}`)}) echo ${sq(valuesWord(o.values!))} ;;`);
      }),
    )
    .join('\n');
  return `# bash completion for ${name} (generated by \`${name} completion bash\`)
${fn}_subcommands() {
  case "$1" in
${cases((s) => s.subcommands.join(' '))}
  esac
}
${fn}_options() {
  case "$1" in
${cases((s) => s.options.flatMap((o) => [o.long, o.short]).filter((f) => f !== null).join(' '))}
  esac
}
${fn}_argument() {
  case "$1" in
${cases((s) => (s.argument === null ? null : valuesWord(s.argument)))}
  esac
}
${fn}_values() {
  case "$1|$2" in
${valueCases}
  esac
}
${fn}_reply() {
  # $1 the word to complete, $2 what completes it, $3 text kept in front of each reply (--opt= when = does not break words)
  local cur="$1" words="$2" prefix="$3"
  case "$words" in
    __files__) COMPREPLY=($(compgen -P "$prefix" -f -- "$cur")) ;;
    __none__) COMPREPLY=() ;;
    __list__*)
      # a comma-separated list: complete the part after the last comma
      [[ "$cur" == *,* ]] && prefix="$prefix\${cur%,*},"
      COMPREPLY=($(compgen -P "$prefix" -W "\${words#__list__ }" -- "\${cur##*,}")) ;;
    *) COMPREPLY=($(compgen -P "$prefix" -W "$words" -- "$cur")) ;;
  esac
}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" w i v
  COMPREPLY=()
  # The command path: the words that name subcommands, skipping options and their values.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ "$w" == -* ]]; then
      [[ "$w" != *=* && -n "$(${fn}_values "$path" "$w")" ]] && ((i++))
      continue
    fi
    case " $(${fn}_subcommands "$path") " in
      *" $w "*) path="\${path:+$path }$w" ;;
    esac
  done
  if [[ "$cur" == --*=* ]]; then
    v="$(${fn}_values "$path" "\${cur%%=*}")"
    [[ -n "$v" ]] && ${fn}_reply "\${cur#*=}" "$v" "\${cur%%=*}="
    return 0
  fi
  if ((COMP_CWORD > 1)); then
    # --opt=value where = breaks words (the default): the words are --opt, =, value
    w="\${COMP_WORDS[COMP_CWORD - 1]}"
    [[ "$w" == = ]] && ((COMP_CWORD > 2)) && w="\${COMP_WORDS[COMP_CWORD - 2]}"
    [[ "$cur" == = ]] && cur=""
    v="$(${fn}_values "$path" "$w")"
    if [[ -n "$v" ]]; then
      ${fn}_reply "$cur" "$v"
      return 0
    fi
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_options "$path")" -- "$cur"))
    return 0
  fi
  v="$(${fn}_subcommands "$path")"
  if [[ -n "$v" ]]; then
    COMPREPLY=($(compgen -W "$v" -- "$cur"))
    return 0
  fi
  v="$(${fn}_argument "$path")"
  [[ -n "$v" ]] && ${fn}_reply "$cur" "$v"
  return 0
}
complete -o default -F ${fn} ${name}
`;
}

function fishScript(specs: CommandSpec[], name: string): string {
  const lines = [`# fish completion for ${name} (generated by \`${name} completion fish\`)`, `complete -c ${name} -f`];
  const cond = (path: string[], subs: string[]) => {
    const parts = path.map((p) => `__fish_seen_subcommand_from ${p}`);
    if (subs.length > 0) parts.push(`not __fish_seen_subcommand_from ${subs.join(' ')}`);
    return parts.length === 0 ? '' : parts.join('; and ');
  };
  const desc = (d: string) => sq(d.length > 80 ? `${d.slice(0, 77)}...` : d);
  for (const s of specs) {
    const here = cond(s.path, s.subcommands);
    const n = here === '' ? '__fish_use_subcommand' : s.path.length === 0 ? '__fish_use_subcommand' : here;
    for (const c of specs.filter((c) => c.path.length === s.path.length + 1 && c.path.slice(0, -1).join(' ') === s.path.join(' '))) {
      lines.push(`complete -c ${name} -n ${sq(n)} -a ${sq(c.path.at(-1)!)} -d ${desc(c.description)}`);
    }
    const optCond = s.path.length === 0 ? '' : ` -n ${sq(cond(s.path, []))}`;
    for (const o of s.options) {
      const flags = `${o.long === null ? '' : ` -l ${o.long.slice(2)}`}${o.short === null ? '' : ` -s ${o.short.slice(1)}`}`;
      let value = '';
      if (o.values !== null) value = o.values.kind === 'files' ? ' -r -F' : o.values.kind === 'words' ? ` -x -a ${sq(o.values.words.join(' '))}` : ' -x';
      lines.push(`complete -c ${name}${optCond}${flags}${value} -d ${desc(o.description)}`);
    }
    if (s.argument !== null && s.path.length > 0 && s.subcommands.length === 0) {
      const a = s.argument;
      lines.push(a.kind === 'files' ? `complete -c ${name}${optCond} -F` : a.kind === 'words' ? `complete -c ${name}${optCond} -a ${sq(a.words.join(' '))}` : '');
    }
  }
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}
