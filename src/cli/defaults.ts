/**
 * The command line's defaults that are choices, not law: read from data/defaults.json (io/defaults.ts), so the
 * option declarations (help included) and the commands name the same ones.
 */
import { readDefaults } from '../io/defaults.js';
import type { Mode } from '../values/modes.js';

/** The origin of a row, or an import given by flags, that names none. */
export const defaultOrigin = (): string => readDefaults().origin;

/** The mode of transport of a row, or an import given by flags, that names none. */
export const defaultMode = (): Mode => readDefaults().mode;

/** The scenarios compare shows when --scenarios is not given; the first is the baseline. */
export const defaultCompareScenarios = (): string[] => readDefaults().compareScenarios;
