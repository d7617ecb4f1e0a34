/** `tariff hts import`: the USITC HTS JSON export -> an MFN table for --hts-table, with its lines and details files. */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { renderDetailsTsv, renderLinesTsv } from '../../../core/hts-lines.js';
import { deriveHtsLines, importUsitc, type HtsLine, type UsitcRow } from '../../../core/usitc.js';
import { EXIT, InputError, UsageError } from '../../../errors.js';
import { DataReadError, readDataFile } from '../../../io/load.js';
import { samePath } from '../../../io/out-file.js';
import type { HtsImportOptions } from '../../command-options.js';
import type { CliIo } from '../../io.js';
import { displayText } from '../../render/display.js';

type Imported = ReturnType<typeof importUsitc>;
interface Official {
  lines: HtsLine[];
  linesFile: string;
  detailsFile: string;
}

export async function runHtsImport(file: string, o: HtsImportOptions & { out: string }, io: CliIo): Promise<number> {
  const toStdout = o.out === '-';
  if (!toStdout && samePath(file, o.out)) {
    throw new UsageError(`--out ${o.out} is the input file: give another file name (the export would be replaced by the table)`);
  }
  const rows = readExport(file);
  const result = importUsitc(rows);
  if (result.entries.length === 0) {
    io.stderr.write(`${file}: ${result.rows} rows read; no MFN line to write, nothing written\n`);
    reportSkipped(result, io);
    return EXIT.rejected;
  }
  const outName = toStdout ? 'hts' : basename(o.out);
  const id = (o.id ?? outName.replace(/\.json$/i, '')).toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+/, '') || 'hts';
  const split = toStdout ? { official: null, entries: result.entries } : splitOfficial(rows, result, id);
  const table = mfnTable(file, o.asOf ?? basename(file), id, split.official, split.entries);
  const written = await writeTable(`${JSON.stringify(table, null, 1)}\n`, toStdout ? null : o.out, split.official, io);
  if (!written) return EXIT.output;
  const official = split.official;
  const what = official === null ? `${result.entries.length} MFN lines` : `${official.lines.length} lines of chapters 01-97 (with ${official.linesFile}, ${official.detailsFile})`;
  io.stderr.write(`${file}: ${result.rows} rows read; ${what} written to ${toStdout ? 'stdout' : o.out}\n`);
  reportSkipped(result, io);
  return EXIT.ok;
}

/** The export's rows (each checked by importUsitc); a file that cannot be read or is not JSON is bad input. */
function readExport(file: string): UsitcRow[] {
  let rows: unknown;
  try {
    rows = JSON.parse(readDataFile(file).replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof DataReadError) throw new InputError(`${file}: ${e.message}`);
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new InputError(`${file}: expected the USITC export, a JSON array of rows with htsno, indent, description, general`);
  return rows as UsitcRow[];
}

function reportSkipped(result: Imported, io: CliIo): void {
  if (result.skipped.length === 0) return;
  io.stderr.write(`  ${result.skipped.length} row${result.skipped.length === 1 ? '' : 's'} left out (give mfn_rate for these codes):\n`);
  for (const s of result.skipped) io.stderr.write(`    row ${s.row + 1}${s.hts === '' ? '' : ` ${displayText(s.hts)}`}${s.text === '' ? '' : ` "${displayText(s.text)}"`}: ${displayText(s.reason)}\n`);
}

/**
 * To a file: every line of chapters 01-97 in the bundled table's form (lines and details files next to it), so a
 * newer revision gets what the bundled one has: "not a line" with the nearest lines, the Special column (spi),
 * hts show and search. Entries keep what the lines cannot hold: a statistical line with a rate of its own, and
 * chapter 98. (On stdout, one stream, the entries alone.)
 */
function splitOfficial(rows: UsitcRow[], result: Imported, id: string): { official: Official | null; entries: Imported['entries'] } {
  const derived = deriveHtsLines(rows);
  const refused = new Set(result.skipped.filter((k) => /rows give|outside what/.test(k.reason)).map((k) => k.hts.replaceAll('.', '').slice(0, 8)));
  const lines = derived.lines.filter((l) => !refused.has(l.code));
  if (lines.length === 0) return { official: null, entries: result.entries };
  const written = new Set(lines.map((l) => l.code));
  const entries = result.entries.filter((e) => {
    const digits = e.hts.replaceAll('.', '');
    return !written.has(digits.slice(0, 8)) || digits.length === 10;
  });
  return { official: { lines, linesFile: `${id}.lines.tsv`, detailsFile: `${id}.details.tsv` }, entries };
}

/** The MFN table file's content (data/schema/mfn-table.schema.json). */
function mfnTable(file: string, asOf: string, id: string, official: Official | null, entries: Imported['entries']): object {
  const source = `USITC HTS export ${basename(file)}`;
  return {
    $schema: '../schema/mfn-table.schema.json',
    id,
    title: `MFN (column 1 General) rates imported from ${basename(file)}`,
    asOf,
    revision: asOf,
    ...(official === null
      ? {}
      : { official: { lines: official.linesFile, details: official.detailsFile, sources: [{ instrument: source }], confidence: 'primary' } }),
    entries: entries.map((e) => ({
      hts: e.hts,
      pct: e.pct,
      ...(e.specific ? { specific: e.specific } : {}),
      text: e.text,
      description: e.description,
      confidence: 'primary',
      source,
    })),
  };
}

/** Writes the table to `out` (null: stdout) with its lines and details files; false (said on stderr) when a write failed. */
async function writeTable(text: string, out: string | null, official: Official | null, io: CliIo): Promise<boolean> {
  if (out === null) {
    io.stdout.write(text);
    return true;
  }
  const dir = dirname(out);
  const files: [string, string][] = [[out, text]];
  if (official !== null) files.push([join(dir, official.linesFile), renderLinesTsv(official.lines)], [join(dir, official.detailsFile), renderDetailsTsv(official.lines)]);
  for (const [name, content] of files) {
    try {
      await writeFile(name, content);
    } catch (e) {
      io.stderr.write(`tariff: ${name}: cannot write the table (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return false;
    }
  }
  return true;
}
