/**
 * Ids that point elsewhere: an income line's partner (organization.yaml partners), a photo's
 * section (narrative.yaml) and project (projects.yaml) — an unknown one is a located error with
 * did-you-mean; an income line's partner is thanked on the 鸣谢 page.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/read-dataset.js';
import { buildHtml } from '../robustness/build-html.js';
import { linesWith, makeData, MINIMAL, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const PARTNERS = `partners:
  - { id: district-civil, name: 区民政局, kind: government }
  - { id: community-fund, name: 社区基金会, kind: foundation }
`;
const withPartners = async () =>
  (await readFile(path.join(MINIMAL, 'organization.yaml'), 'utf8')) + PARTNERS;
const INCOME = `year: 2015
lines:
  - { source: 区民政局, kind: government, amount: 445000, partner: district-civil }
  - { source: 社区基金会, kind: foundation, amount: "10万", partner: comunity-fund }
`;

describe('income lines naming a partner', () => {
  it('an unknown id is an error at the line, with the id it probably means', async () => {
    expect(
      await linesWith({ 'organization.yaml': await withPartners(), '2015/income.yaml': INCOME }),
    ).toEqual([
      'data/2015/income.yaml:4:64 lines.1.partner  the partner "comunity-fund" is not in organization.yaml\'s partners',
    ]);
  });

  it('a known one is thanked on the 鸣谢 page', async () => {
    const { cwd } = await makeData({
      'organization.yaml': await withPartners(),
      '2015/income.yaml': INCOME.replace('comunity-fund', 'community-fund'),
    });
    const { html } = await buildHtml(cwd);
    const page = html.slice(html.indexOf('id="acknowledgements"'));
    expect(page).toContain('区民政局');
    expect(page).toContain('社区基金会');
  });
});

describe('photos naming a section or a project', () => {
  it('an unknown section or project is an error at the line, with did-you-mean', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/photos.yaml': `year: 2015
photos:
  - { file: images/a.png, caption: 课堂, section: programme, project: after-shool, consent: true }
`,
    });
    await mkdir(path.join(cwd, 'data/images'));
    await writeFile(path.join(cwd, 'data/images/a.png'), createCanvas(40, 30).encodeSync('png'));
    const { problems } = await checkDataset({ cwd, dataDir, lang: 'en' });
    expect(
      problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path}  ${p.message}  ${p.hint}`),
    ).toEqual([
      'data/2015/photos.yaml:3:49 photos.0.section  the narrative.yaml of 2015 has no section with the id "programme" (the ids of sections)  did you mean "programmes"?',
      'data/2015/photos.yaml:3:69 photos.0.project  there is no project with the id "after-shool" in the projects.yaml of 2015  did you mean "after-school"?',
    ]);
  });
});
