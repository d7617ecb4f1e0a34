/**
 * Facts a row may give as yes/no that decide whether a measure applies at all, where its scope (an HTS provision) is
 * wider than the law's condition: U.S. note 33(f) to chapter 99 subchapter III charges the Section 232 parts duty on
 * *automobile parts* ("parts of passenger vehicles ... and light trucks") of the provisions note 33(g) lists, and
 * note 33(h)(ii) sends goods of those provisions "that are not parts of passenger vehicles ... and light trucks" to
 * heading 9903.94.06, with no additional duty. Which measures ask, what each case gives, on which lines the fact is
 * the law, and what is assumed without it are the schedule's (`assumes[]` with `without` a yes/no input and its
 * `otherwise`): nothing of the law is here, only how a row's answer and those data make a case.
 */
import type { CompiledMeasure } from './compile.js';
import { formatHts } from '../values/hts.js';
import type { GoodInput, Refusal } from './resolve.js';

type Assumption = CompiledMeasure['assumes'][number];

/** The yes/no row inputs an assumption may read (its `without`), as the CSV column names them. */
export type FactInput = 'auto_part';

/** Whether the assumption reads a yes/no input of the row (the row may give the fact). */
export function readsInput(a: Assumption): a is Assumption & { without: FactInput; otherwise: NonNullable<Assumption['otherwise']> } {
  return a.without === 'auto_part' && a.otherwise !== null;
}

/** The row's answer to the input (null: not given). */
export function givenFact(good: GoodInput, input: FactInput): boolean | null {
  return input === 'auto_part' ? (good.autoPart ?? null) : null;
}

/** Whether the fact is the law for the line: its code is under one of the assumption's exceptHts (no other case). */
export function factIsLaw(a: Assumption, hts: string | null): boolean {
  return hts !== null && a.otherwise !== null && a.otherwise.exceptHts.some((p) => hts.startsWith(p));
}

/**
 * A line under the code where the fact is the law (an exceptHts prefix longer than the code), when the code itself is
 * not one: the code spans lines where the fact is the law and lines where it is not (8507.60.00: its .10 batteries
 * for electric vehicles are automobile parts by their description, the others are not by default).
 */
export function finerLawLine(a: Assumption, hts: string | null): string | undefined {
  if (hts === null || a.otherwise === null || factIsLaw(a, hts)) return undefined;
  return a.otherwise.exceptHts.find((p) => p.length > hts.length && p.startsWith(hts));
}

/** Whether a line that does not give the input is computed under the other case (byDefault, a code outside exceptHts). */
export function outsideByDefault(a: Assumption, hts: string | null): boolean {
  return hts !== null && a.otherwise?.byDefault != null && !factIsLaw(a, hts);
}

/**
 * What the row's facts make of a measure in scope: null when it applies (no input read, the fact given as yes or the
 * law, or assumed to hold); else it is outside, given (`assumed` false) or by default (`assumed` true, with the note
 * the line carries), with the reason --explain gives; or a refusal, when the row says no where the fact is the law.
 */
export function inputCaseOf(m: CompiledMeasure, good: GoodInput): { refusal: Refusal } | { assumed: boolean; reason: string; note: string | null } | null {
  for (const a of m.assumes) {
    if (!readsInput(a)) continue;
    const given = givenFact(good, a.without);
    if (factIsLaw(a, good.hts)) {
      if (given === false) {
        const basis = a.otherwise.exceptBasis === null ? '' : `: ${a.otherwise.exceptBasis}`;
        return { refusal: { field: a.without, reason: `${a.without} is no, but for HTS ${formatHts(good.hts!)} ${m.label} admits no other case${basis}; leave ${a.without} empty or give yes` } };
      }
      continue;
    }
    if (given === false) return { assumed: false, reason: `${a.without} = no: ${a.otherwise.fact}, outside this measure`, note: null };
    // Not given, on a code that spans lines where the fact is the law and lines computed without it by default: the
    // duty depends on which line the good is, so the code is refused as not specific enough, never guessed.
    const finer = given === null && a.otherwise.byDefault != null ? finerLawLine(a, good.hts) : undefined;
    if (finer !== undefined) {
      return {
        refusal: {
          field: 'hts',
          reason:
            `HTS ${formatHts(good.hts!)} is not specific enough for ${m.label}: on lines under it such as ${formatHts(finer)} it applies ` +
            `whatever ${a.without} says${a.otherwise.exceptBasis === null ? '' : ` (${a.otherwise.exceptBasis})`}, on the others only with ` +
            `${a.without} yes; give the full 8- or 10-digit code, or ${a.without} (yes or no)`,
        },
      };
    }
    if (given === null && outsideByDefault(a, good.hts)) {
      const note = a.otherwise.byDefault!.note;
      return { assumed: true, reason: `outside this measure by default: ${note}`, note };
    }
  }
  return null;
}
