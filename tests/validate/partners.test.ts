/** Funders and partners: ids defined once in organization.yaml, referenced by projects. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/read-dataset.js';
import { MINIMAL, makeData, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const organization = await readFile(path.join(MINIMAL, 'organization.yaml'), 'utf8');
const projects = await readFile(path.join(MINIMAL, '2015/projects.yaml'), 'utf8');
const partners =
  'partners:\n  - { id: district-civil, name: 区民政局, kind: government }\n  - { id: donor, name: 某先生, kind: individual, anonymous: true }\n';
const withPartners = (refs: string, extra = '') => ({
  'organization.yaml': `${organization}${partners}${extra}`,
  '2015/projects.yaml': projects.replace(
    '    start: 2015-05\n',
    `    start: 2015-05\n    partners: ${refs}\n`,
  ),
});

async function lines(files: Record<string, string>) {
  const { cwd, dataDir } = await makeData(files);
  const result = await checkDataset({ cwd, dataDir, lang: 'en' });
  return result.problems.map(
    (p) => `${p.file}:${p.line}:${p.col} ${p.path}  ${p.message} | ${p.hint}`,
  );
}

describe('partners', () => {
  it('accepts projects naming known partners', async () => {
    expect(await lines(withPartners('[district-civil, donor]'))).toEqual([]);
  });

  it('reports an unknown partner id at its place, with did-you-mean', async () => {
    const line = projects.split('\n').findIndex((l) => l === '    start: 2015-05') + 2;
    expect(await lines(withPartners('[district-civl]'))).toEqual([
      `data/2015/projects.yaml:${line}:16 projects.1.partners.0  the partner "district-civl" is not in organization.yaml's partners | did you mean "district-civil"?`,
    ]);
  });

  it('reports a partner id defined twice, naming the first', async () => {
    const found = await lines(
      withPartners('[donor]', '  - { id: donor, name: 另一位, kind: individual }\n'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /partners\.2\.id {2}the partner id "donor" is used twice: first at data\/organization\.yaml:\d+:\d+/,
    );
  });

  it('refuses a kind that is not in the list', async () => {
    const found = await lines({
      'organization.yaml': `${organization}partners:\n  - { id: x, name: 某校, kind: schol }\n`,
    });
    expect(found[0]).toContain('did you mean "school"?');
  });
});
