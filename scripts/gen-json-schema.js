// Writes data/schema/*.schema.json from the zod schemas (run by `npm run build`).
// A test checks the committed files are current.
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '../dist/schema/json-schema.js';

for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../data/schema/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
}
