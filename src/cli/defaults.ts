/** Defaults shared by the command definitions (main.ts) and the lazily loaded commands. */
export const DEFAULT_SCENARIOS = ['as-enacted', 'no-deal', 'full-revocation'];
