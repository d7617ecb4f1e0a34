// Maintainer script: derives the bundled MFN table from the official USITC HTS export with the project's own
// importer (src/core/usitc.ts deriveHtsLines) and writes
//   data/mfn/hts-2026-rev-10.lines.tsv    (code, General rate, statistical suffixes: read at every run)
//   data/mfn/hts-2026-rev-10.details.tsv  (units, Special column, description: read only when needed)
// The export itself is never committed (../shared/hts-data/README.md); tests/unit/hts-table.test.ts checks that
// the committed files equal what this script derives. Run after `npm run build`:
//   node scripts/gen-hts-table.js [../shared/hts-data/hts_2026_rev_10.json.gz]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { renderDetailsTsv, renderLinesTsv } from '../dist/core/hts-lines.js';
import { deriveHtsLines } from '../dist/core/usitc.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXPORT = resolve(ROOT, '../shared/hts-data/hts_2026_rev_10.json.gz');
export const TABLE_ID = 'hts-2026-rev-10';

const file = process.argv[2] ?? EXPORT;
const rows = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
const { lines, problems } = deriveHtsLines(rows);
if (problems.length > 0) {
  console.error(`${file}: ${problems.length} problem(s):\n  ${problems.map((p) => `row ${p.row} ${p.htsno}: ${p.reason}`).join('\n  ')}`);
  process.exitCode = 1;
} else {
  writeFileSync(join(ROOT, 'data', 'mfn', `${TABLE_ID}.lines.tsv`), renderLinesTsv(lines));
  writeFileSync(join(ROOT, 'data', 'mfn', `${TABLE_ID}.details.tsv`), renderDetailsTsv(lines));
  console.error(`${file}: ${rows.length} rows; ${lines.length} lines of chapters 01-97 written to data/mfn/${TABLE_ID}.{lines,details}.tsv`);
}
