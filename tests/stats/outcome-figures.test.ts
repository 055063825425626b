/**
 * Outcome indicators quoted in prose (`{{outcomes.PROJECT.ID.actual}}`, `.target`,
 * `.achievement`): the same strings as the project's facts box, in both languages; the second
 * example quotes one; a reference to an indicator without that id, the rate of a zero target and
 * an id used twice in a project are each a located error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHtml } from '../robustness/build-html.js';
import { linesWith, makeData, MINIMAL, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);
const ROOT = path.resolve(import.meta.dirname, '../..');
const PROJECTS = readFileSync(`${MINIMAL}/2015/projects.yaml`, 'utf8');
const NARRATIVE = readFileSync(`${MINIMAL}/2015/narrative.yaml`, 'utf8');
const ORGANIZATION = readFileSync(`${MINIMAL}/organization.yaml`, 'utf8');

/** after-school (its subsection has a facts box) with `outcomes` (YAML list lines). */
const withOutcomes = (outcomes: string) =>
  PROJECTS.replace(
    '    person_times: 约1200\n',
    `    person_times: 约1200\n    outcomes:\n${outcomes}`,
  );
const PAIRED =
  '      - { id: families, name: 结对家庭, unit: 户, target: 40, actual: 46 }\n' +
  '      - { id: new-volunteers, name: 新增志愿者, target: 0, actual: 3 }\n';
/** The after-school subsection's prose quoting `text`. */
const quoting = (text: string) =>
  NARRATIVE.replace(
    '开展小组活动 {{services.after-school.group_work}}。',
    `开展小组活动 {{services.after-school.group_work}}。${text}`,
  );

const plain = (html: string) => html.replace(/<[^>]+>/g, '');
const facts = (html: string) => {
  const start = html.indexOf('<aside class="facts"');
  return plain(html.slice(start, html.indexOf('</aside>', start)));
};

describe('outcome indicators in prose', () => {
  it('actual, target and rate read as in the facts box (zh-CN)', async () => {
    const { cwd } = await makeData({
      '2015/projects.yaml': withOutcomes(PAIRED),
      '2015/narrative.yaml': quoting(
        '结对家庭 {{outcomes.after-school.families.actual}}，目标 {{outcomes.after-school.families.target}}，达成 {{outcomes.after-school.families.achievement}}；新增志愿者 {{outcomes.after-school.new-volunteers.actual}}。',
      ),
    });
    const html = (await buildHtml(cwd)).html;
    expect(plain(html)).toContain('结对家庭 46户，目标 40户，达成 115.0%；新增志愿者 3。');
    expect(facts(html)).toContain('结对家庭46户（目标40户，达成115.0%）');
  });

  it('in English', async () => {
    const { cwd } = await makeData({
      'organization.yaml': ORGANIZATION.replace('locale: zh-CN', 'locale: en'),
      '2015/projects.yaml': withOutcomes(PAIRED),
      '2015/narrative.yaml': quoting(
        'Families paired {{outcomes.after-school.families.actual}} of {{outcomes.after-school.families.target}} ({{outcomes.after-school.families.achievement}}).',
      ),
    });
    const html = (await buildHtml(cwd)).html;
    expect(plain(html)).toContain('Families paired 46 户 of 40 户 (115.0%).');
    expect(facts(html)).toContain('结对家庭46 户 (target 40 户, 115.0% achieved)');
  });

  it('the second example quotes its paired households', async () => {
    const qinghe = path.join(ROOT, 'examples/qinghe');
    const html = plain((await buildHtml(qinghe, 2024)).html);
    expect(html).toContain('结对长者 52户，为全年目标的 86.7%。');
  });
});

describe('outcome indicators in prose, bad input', () => {
  it('an id the project lacks, the rate of a zero target, an id used twice: each at its line', async () => {
    expect(
      await linesWith({
        '2015/projects.yaml': withOutcomes(
          `${PAIRED}      - { id: families, name: 结对长者, unit: 户, target: 10, actual: 8 }\n`,
        ),
        '2015/narrative.yaml': quoting(
          '{{outcomes.after-school.familes.actual}}，{{outcomes.after-school.new-volunteers.achievement}}。',
        ),
      }),
    ).toEqual([
      'data/2015/narrative.yaml:11:59 sections.0.subsections.0.body  the figure {{outcomes.after-school.familes.actual}} cannot be used: the project after-school has no outcome indicator with the id familes in 2015 (write id: familes on the indicator)',
      'data/2015/narrative.yaml:11:100 sections.0.subsections.0.body  the figure {{outcomes.after-school.new-volunteers.achievement}} cannot be used: the indicator new-volunteers of the project after-school has a target of 0, so no achievement rate (quote its actual or target)',
      'data/2015/projects.yaml:20:15 projects.0.outcomes.2.id  the outcome id "families" is used twice in this project: first at data/2015/projects.yaml:18:15',
    ]);
  });

  it('in Chinese', async () => {
    const lines = await linesWith(
      {
        '2015/projects.yaml': withOutcomes(PAIRED),
        '2015/narrative.yaml': quoting('{{outcomes.after-school.familes.actual}}。'),
      },
      'zh-CN',
    );
    expect(lines).toEqual([
      'data/2015/narrative.yaml:11:59 sections.0.subsections.0.body  文中引用的数字 {{outcomes.after-school.familes.actual}} 无法识别：项目 after-school 在 2015 年的 outcomes 中没有编号为 familes 的指标（在该指标下写 id: familes）',
    ]);
  });
});
