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
/** The data files of a data folder, relative to the package (data/2015/income.yaml). */
const dataFiles = (folder: string) => [
  `${folder}/organization.yaml`,
  ...readdirSync(path.join(ROOT, folder))
    .filter((name) => /^\d{4}$/.test(name))
    .flatMap((year) =>
      readdirSync(path.join(ROOT, folder, year)).map((file) => `${folder}/${year}/${file}`),
    ),
];
/** The example (data/) and the second example, which uses every optional part (examples/qinghe). */
const exampleFiles = [...dataFiles('data'), ...dataFiles('examples/qinghe/data')];

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

  it('the examples have a file of every kind with a schema', () => {
    expect([...new Set(exampleFiles.map(schemaNameOf))].sort()).toEqual([...SCHEMA_NAMES].sort());
  });

  it.each(exampleFiles)('the example %s is valid', (file) => {
    expect(schemaErrors(schemaNameOf(file), readFileSync(path.join(ROOT, file), 'utf8'))).toEqual(
      [],
    );
  });

  it('the profile and partners of organization.yaml, and partners of a project, are checked', () => {
    const qinghe = path.join(ROOT, 'examples/qinghe/data');
    const org = readFileSync(path.join(qinghe, 'organization.yaml'), 'utf8');
    expect(org).toContain('  registration:');
    expect(org).toContain('kind: volunteer_group');
    const orgErrors = schemaErrors(
      'organization',
      org
        .replace('  registration:', '  registraton:')
        .replace('kind: volunteer_group', 'kind: ngo'),
    ).join('\n');
    expect(orgErrors).toContain('"additionalProperty":"registraton"');
    expect(orgErrors).toMatch(/\/partners\/\d+\/kind must be equal to one of the allowed values/);
    const projects = readFileSync(path.join(qinghe, '2024/projects.yaml'), 'utf8');
    expect(projects).toContain('partners: [qinghe-fund]');
    expect(
      schemaErrors(
        'projects',
        projects.replace('partners: [qinghe-fund]', 'partners: qinghe-fund'),
      ),
    ).not.toEqual([]);
  });

  it('a misspelt key in photos.yaml is refused (guardian_concent for guardian_consent)', () => {
    const text = readFileSync(
      path.join(ROOT, 'examples/qinghe/data/2024/photos.yaml'),
      'utf8',
    ).replace('guardian_consent: true', 'guardian_concent: true');
    expect(text).toContain('guardian_concent');
    expect(schemaErrors('photos', text).join('\n')).toContain(
      '"additionalProperty":"guardian_concent"',
    );
  });

  it('finance.yaml: a category outside the list and a missing audit opinion are refused', () => {
    const finance =
      'year: 2024\nexpenditure:\n  lines:\n    - { category: salaries, amount: 1000 }\naudit: { firm: 某某 }\n';
    const errors = schemaErrors('finance', finance).join('\n');
    expect(errors).toContain('/expenditure/lines/0/category');
    expect(errors).toContain('"missingProperty":"opinion"');
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
