/**
 * Writes schemas/<file>.schema.json from the zod schemas (src/schema/json-schema.ts): the JSON
 * Schemas editors use to check and complete the data files. Run after changing src/schema:
 * `npm run schemas`; tests/schema/json-schemas.test.ts fails while the committed files differ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  dataFileJsonSchema,
  jsonSchemaFiles,
  SCHEMA_DIR,
  SCHEMA_NAMES,
} from '../src/schema/json-schema.js';

const dir = resolve(import.meta.dirname, '..', SCHEMA_DIR);
const undescribed = SCHEMA_NAMES.flatMap((name) =>
  dataFileJsonSchema(name).undescribed.map((path) => `${name}: ${path}`),
);
if (undescribed.length > 0) {
  console.error(
    `fields without a description in src/schema/json-schema.ts:\n  ${undescribed.join('\n  ')}`,
  );
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
for (const { file, text } of jsonSchemaFiles()) writeFileSync(join(dir, file), text);
console.log(`wrote ${SCHEMA_NAMES.length} schemas to ${SCHEMA_DIR}/`);
