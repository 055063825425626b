/** The committed JSON Schemas (schemas/) loaded into ajv, the off-the-shelf validator editors use. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { SCHEMA_DIR, schemaFileName, type SchemaName } from '../../src/schema/json-schema.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const compiled = new Map<SchemaName, ReturnType<typeof ajv.compile>>();

export function committedSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, SCHEMA_DIR, schemaFileName(name)), 'utf8'));
}

/** The schema a data file is checked against, by its file name (2015/income.yaml → income). */
export function schemaNameOf(file: string): SchemaName {
  return path.basename(file, '.yaml') as SchemaName;
}

/** ajv's errors for a YAML text against a committed schema; [] when it is valid. */
export function schemaErrors(name: SchemaName, yamlText: string): string[] {
  let validate = compiled.get(name);
  if (!validate) compiled.set(name, (validate = ajv.compile(committedSchema(name))));
  if (validate(parse(yamlText))) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
