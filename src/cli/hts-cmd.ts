/** `tariff hts import`: the USITC HTS JSON export -> an MFN table for --hts-table. */
import { readFile, realpath, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { importUsitc } from '../core/usitc.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIo } from './io.js';

export async function runHtsImport(file: string, o: { out: string; id?: string; asOf?: string }, io: CliIo): Promise<number> {
  const toStdout = o.out === '-';
  if (!toStdout && (await samePath(file, o.out))) {
    throw new UsageError(`--out ${o.out} is the input file: give another file name (the export would be replaced by the table)`);
  }
  let rows: unknown;
  try {
    rows = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: file not found` : `${file}: not valid JSON (${code ?? (e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new InputError(`${file}: expected the USITC export, a JSON array of rows with htsno, indent, description, general`);
  const result = importUsitc(rows);
  const report = () => {
    if (result.skipped.length === 0) return;
    io.stderr.write(`  ${result.skipped.length} row${result.skipped.length === 1 ? '' : 's'} left out (give mfn_rate for these codes):\n`);
    for (const s of result.skipped) io.stderr.write(`    row ${s.row + 1}${s.hts === '' ? '' : ` ${s.hts}`}${s.text === '' ? '' : ` "${s.text}"`}: ${s.reason}\n`);
  };
  if (result.entries.length === 0) {
    io.stderr.write(`${file}: ${result.rows} rows read; no MFN line to write, nothing written\n`);
    report();
    return EXIT.rejected;
  }
  const outName = toStdout ? 'hts' : basename(o.out);
  const id = (o.id ?? outName.replace(/\.json$/i, '')).toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+/, '') || 'hts';
  const asOf = o.asOf ?? basename(file);
  const table = {
    $schema: '../schema/mfn-table.schema.json',
    id,
    title: `MFN (column 1 General) rates imported from ${basename(file)}`,
    asOf,
    revision: asOf,
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
  const text = `${JSON.stringify(table, null, 1)}\n`;
  if (toStdout) io.stdout.write(text);
  else {
    try {
      await writeFile(o.out, text);
    } catch (e) {
      io.stderr.write(`tariff: ${o.out}: cannot write the table (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return EXIT.output;
    }
  }
  io.stderr.write(`${file}: ${result.rows} rows read; ${result.entries.length} MFN lines written to ${toStdout ? 'stdout' : o.out}\n`);
  report();
  return EXIT.ok;
}

/** True when both names are the same file (following links); false when the output does not exist yet. */
async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}
