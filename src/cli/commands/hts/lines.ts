/** What hts show and search share: the engine with its official lines, and descriptions cut to what says what a line is. */
import type { Engine } from '../../../core/compile.js';
import type { HtsLines } from '../../../core/hts-lines.js';
import { UsageError } from '../../../errors.js';

/** The bundled (or --hts-table) engine, with its official lines; a table without lines cannot be shown or searched. */
export async function engineWithLines(o: { htsTable?: string | undefined }): Promise<Engine & { mfnLines: HtsLines }> {
  const { loadEngine } = await import('../../../io/load.js');
  const engine = await loadEngine({ htsTable: o.htsTable });
  if (engine.mfnLines === null) {
    throw new UsageError(`${o.htsTable ?? 'the schedule'}: this MFN table lists rates by prefix, not the schedule's lines; hts show and search need a table written to a file by tariff hts import, or the bundled one`);
  }
  return engine as Engine & { mfnLines: HtsLines };
}

/** The last parts of a description path, which say what the line is ("…: Horses: Purebred breeding animals"). */
export function lastParts(description: string, max = 110): string {
  if (description.length <= max) return description;
  const parts = description.split(': ');
  let out = parts.pop()!;
  while (parts.length > 0 && out.length + parts[parts.length - 1]!.length + 2 <= max - 2) out = `${parts.pop()!}: ${out}`;
  return `…${out}`.slice(0, max + 1);
}
