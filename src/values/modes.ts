/** The transport modes a row may name (the `mode` column, `--mode`): they decide which customs fees apply (core/fees.ts). */
export type Mode = 'ocean' | 'air' | 'truck' | 'rail';
export const MODES: readonly Mode[] = ['ocean', 'air', 'truck', 'rail'];
