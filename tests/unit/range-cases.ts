/**
 * The cases the --range property tests run over: every data row of the bundled examples (value, and the id, hts,
 * category and mfn_rate it gives), and the dates where the law changes and the day before each (windows, in-transit
 * cut-offs and deadlines, and the dates a list's entries start).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import type { Engine } from '../../src/core/compile.js';
import { previousDay } from '../../src/core/range.js';
import { ROOT } from '../helpers.js';

function exampleRows(file: string): Record<string, string>[] {
  const text = readFileSync(resolve(ROOT, 'data/examples', file), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

export const rangeExamples = [...exampleRows('shipments.csv'), ...exampleRows('japan-imports-2024.csv')].map((c) => {
  const keep: { value: string } & Record<string, string> = { value: c.value_usd! };
  for (const k of ['id', 'hts', 'category', 'mfn_rate']) if (c[k] !== undefined && c[k] !== '') keep[k] = c[k]!;
  return keep;
});

export function lawDates(engine: Engine): string[] {
  const dates = [
    ...engine.measures.flatMap((m) => [m.from, ...(m.to === null ? [] : [m.to]), ...m.inTransit.flatMap((t) => [t.loadedBefore, t.enteredBefore])]),
    ...engine.listDates,
  ];
  return [...new Set(dates.flatMap((d) => [d, previousDay(d)]))].filter((d) => d >= engine.coversFrom && d <= engine.knownThrough).sort();
}
