/**
 * What `tariff completion` completes, read from the commander program itself (its commands, options and
 * arguments: no list is kept by hand, so commands added later are completed too) and, for option values, from
 * the choices declared on the options and the bundled data (scenario ids, categories, origins of the default
 * schedule).
 */
import type { Argument, Command, Option } from 'commander';
import { GROUP_BYS, PERS } from '../../../core/compare.js';
import { MODES } from '../../../core/fees.js';
import { bundledScenarioIds, loadEngine } from '../../../io/load.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

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
