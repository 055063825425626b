/**
 * The JSON Schemas editors read (schemas/*.schema.json): generated from the zod schemas, so they
 * never say something else than `report validate`; checked here with ajv, an off-the-shelf
 * validator, against the example data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFileJsonSchema, jsonSchemaFiles, SCHEMA_NAMES } from '../../src/schema/json-schema.js';
import { committedSchema, ROOT, schemaErrors, schemaNameOf } from '../support/json-schemas.js';

const DATA = path.join(ROOT, 'data');
const exampleFiles = [
  'organization.yaml',
  ...readdirSync(DATA)
    .filter((name) => /^\d{4}$/.test(name))
    .flatMap((year) => readdirSync(path.join(DATA, year)).map((file) => `${year}/${file}`)),
];

describe('JSON Schemas of the data files', () => {
  it('the committed schemas/ are the ones generated from the zod schemas (run `npm run schemas`)', () => {
    for (const { file, text } of jsonSchemaFiles())
      expect(readFileSync(path.join(ROOT, 'schemas', file), 'utf8'), file).toBe(text);
    expect(readdirSync(path.join(ROOT, 'schemas')).sort()).toEqual(
      jsonSchemaFiles()
        .map((f) => f.file)
        .sort(),
    );
  });

  it('every field is described in Chinese and in English', () => {
    for (const name of SCHEMA_NAMES) {
      expect(dataFileJsonSchema(name).undescribed, name).toEqual([]);
      const texts: string[] = [];
      JSON.stringify(committedSchema(name), (key, value: unknown) => {
        if (key === 'description' && typeof value === 'string') texts.push(value);
        return value;
      });
      expect(texts.length).toBeGreaterThan(3);
      for (const text of texts) {
        const [zh, en] = text.split('\n\n');
        expect(zh, text).toMatch(/[\u4e00-\u9fff]/);
        expect(en, text).toMatch(/^[^\u4e00-\u9fff]*[A-Za-z]{3}/);
      }
    }
  });

  it.each(exampleFiles)('the example data/%s is valid', (file) => {
    expect(schemaErrors(schemaNameOf(file), readFileSync(path.join(DATA, file), 'utf8'))).toEqual(
      [],
    );
  });

  it('a misspelt key is refused (amout for amount), as report validate refuses it', () => {
    const text = readFileSync(path.join(DATA, '2015/income.yaml'), 'utf8').replace(
      'amount: 20万',
      'amout: 20万',
    );
    const errors = schemaErrors('income', text);
    expect(errors.join('\n')).toContain('"additionalProperty":"amout"');
    expect(errors.join('\n')).toContain('"missingProperty":"amount"');
  });

  it('a value of the wrong kind and a word outside a list are refused', () => {
    expect(schemaErrors('staff', 'year: 2015\nheadcount: "六"\n').join()).toContain('/headcount');
    const projects =
      'year: 2015\nprojects:\n  - { id: a, name: A, category: c, role: operated, status: done }\n';
    expect(schemaErrors('projects', projects).join()).toContain('/projects/0/status');
  });
});
