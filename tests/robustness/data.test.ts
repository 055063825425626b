/**
 * Catalogue row D21 (asset path escape): the data format has no field that names a file, so a
 * path smuggled in as a logo or image is an unknown field, reported at its line like any typo.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { linesWith, MINIMAL, removeMadeData } from '../validate/helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(removeMadeData);

const organization = readFileSync(join(MINIMAL, 'organization.yaml'), 'utf8');

describe('D21: a file path in the data', () => {
  it.each([
    ['a relative path out of the project', '../../../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a file URL', 'file:///etc/passwd'],
  ])('logo: %s is refused as an unknown field', async (_name, value) => {
    expect(await linesWith({ 'organization.yaml': `logo: ${value}\n${organization}` })).toEqual([
      'data/organization.yaml:1:1 logo  unknown field "logo"',
    ]);
  });

  it('an image path on a narrative section is refused the same way', async () => {
    expect(
      await linesWith({
        '2015/narrative.yaml':
          'year: 2015\ntitle: t\nopening: o\nsections:\n  - id: a\n    title: b\n    image: ../../secret.png\nsignature: {date: 2015-12-31}\n',
      }),
    ).toEqual(['data/2015/narrative.yaml:7:5 sections.0.image  unknown field "image"']);
  });
});
