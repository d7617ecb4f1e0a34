/** `tariff hts import`: the USITC HTS JSON export -> an MFN table for --hts-table. */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importUsitc, type UsitcRow } from '../core/usitc.js';
import { EXIT, InputError } from '../errors.js';
import type { CliIo } from './io.js';
import { DataReadError, readDataFile } from '../io/load.js';

export async function runHtsImport(file: string, o: { out: string; id?: string; asOf?: string }, io: CliIo): Promise<number> {
  let rows: unknown;
  try {
    rows = JSON.parse(readDataFile(file).replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof DataReadError) throw new InputError(`${file}: ${e.message}`);
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new InputError(`${file}: expected the USITC export, a JSON array of rows with htsno, indent, description, general`);
  const result = importUsitc(rows as UsitcRow[]);
  const id = (o.id ?? basename(o.out).replace(/\.json$/i, '')).toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+/, '') || 'hts';
  const table = {
    $schema: '../schema/mfn-table.schema.json',
    id,
    title: `MFN (column 1 General) rates imported from ${basename(file)}`,
    asOf: o.asOf ?? basename(file),
    entries: result.entries.map((e) => ({
      hts: e.hts,
      pct: e.pct,
      ...(e.specific ? { specific: e.specific } : {}),
      text: e.text,
      description: e.description,
      confidence: 'primary',
      source: `USITC HTS export ${basename(file)}`,
    })),
  };
  try {
    await writeFile(o.out, `${JSON.stringify(table, null, 1)}\n`);
  } catch (e) {
    throw new InputError(`${o.out}: cannot write the table (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  io.stderr.write(`${file}: ${result.rows} rows read; ${result.entries.length} MFN lines written to ${o.out}\n`);
  if (result.skipped.length > 0) {
    io.stderr.write(`  ${result.skipped.length} rates not understood, left out (give mfn_rate for these codes):\n`);
    for (const s of result.skipped.slice(0, 10)) io.stderr.write(`    ${s.hts}: "${s.text}"\n`);
    if (result.skipped.length > 10) io.stderr.write(`    … and ${result.skipped.length - 10} more\n`);
  }
  return EXIT.ok;
}
