/**
 * The one place that decides colour: on only when the stream is a terminal,
 * NO_COLOR is unset or empty, TERM is not "dumb", and --no-color was not given.
 * (chalk does not read NO_COLOR by itself.)
 */

export interface Paint {
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

export function colorEnabled(isTTY: boolean, env: Record<string, string | undefined>, noColorFlag: boolean): boolean {
  if (noColorFlag || !isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

const plain = (s: string) => s;
export const NO_PAINT: Paint = { bold: plain, red: plain, yellow: plain, dim: plain };

/** chalk is loaded only when colour is on, so piped runs do not pay for it at start-up. */
export async function makePaint(enabled: boolean): Promise<Paint> {
  if (!enabled) return NO_PAINT;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { bold: (s) => c.bold(s), red: (s) => c.red(s), yellow: (s) => c.yellow(s), dim: (s) => c.dim(s) };
}
