// The floor under `tariff calc` (used by scripts/bench.js): the same CSV reader
// tariff uses (papaparse in 32 KiB slices, with line numbers and the quoting
// checks), over a file, with nothing done to the records. No row check, no
// duty, no output: whatever calc does costs this much more.
import { createReadStream } from 'node:fs';
import { readCsvRecords } from '../dist/io/csv-input.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node scripts/bench-parse.js FILE\n');
  process.exit(2);
}
let records = 0;
for await (const batch of readCsvRecords(createReadStream(file, { highWaterMark: 65536 }))) records += batch.length;
process.stderr.write(`${records} records\n`);
