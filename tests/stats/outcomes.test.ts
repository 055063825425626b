/**
 * Outcome indicators (projects.yaml `outcomes:`): the achievement rate computed in the
 * statistics (report stats and --json), printed in the project's facts box in both languages,
 * and bad input located.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildHtml } from '../robustness/build-html.js';
import { fakeIo } from '../support/fake-io.js';
import { linesWith, makeData, MINIMAL, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);
const ROOT = path.resolve(import.meta.dirname, '../..');
const PROJECTS = readFileSync(`${MINIMAL}/2015/projects.yaml`, 'utf8');
const ORGANIZATION = readFileSync(`${MINIMAL}/organization.yaml`, 'utf8');
/** The minimal projects with outcomes on after-school (its subsection has a facts box). */
const withOutcomes = (outcomes: string) =>
  PROJECTS.replace(
    '    person_times: 约1200\n',
    `    person_times: 约1200\n    outcomes:\n${outcomes}`,
  );

describe('outcome indicators', () => {
  it('report stats --json: each with its achievement rate; projects without any unchanged', async () => {
    const run = fakeIo(ROOT);
    expect(
      await main(
        ['node', 'report', 'stats', '2024', '--data', 'examples/qinghe/data', '--json'],
        run.io,
      ),
    ).toBe(0);
    const list = JSON.parse(run.stdout()).projects.list as {
      id: string;
      outcomes?: { name: string; achievement: number | null }[];
    }[];
    const byId = new Map(list.map((p) => [p.id, p]));
    // 46 / 40, 93.5 / 90, 52 / 60.
    expect(byId.get('homework-club')?.outcomes?.map((o) => o.achievement)).toEqual([
      46 / 40,
      93.5 / 90,
    ]);
    expect(byId.get('silver-link')?.outcomes).toEqual([
      { name: '结对长者', unit: '户', target: 60, actual: 52, achievement: 52 / 60 },
    ]);
    expect(byId.get('green-corner')).not.toHaveProperty('outcomes');
  });

  it("prints them in the project's facts box (zh-CN and en), a zero target without a rate", async () => {
    const outcomes =
      '      - { name: 结对家庭, unit: 户, target: 40, actual: 46 }\n      - { name: 新增志愿者, target: 0, actual: 3 }\n';
    const zh = await makeData({ '2015/projects.yaml': withOutcomes(outcomes) });
    const facts = (html: string) => {
      const start = html.indexOf('<aside class="facts"');
      return html.slice(start, html.indexOf('</aside>', start)).replace(/<[^>]+>/g, '');
    };
    const zhFacts = facts((await buildHtml(zh.cwd)).html);
    expect(zhFacts).toContain('结对家庭46户（目标40户，达成115.0%）');
    expect(zhFacts).toContain('新增志愿者3（目标0）');
    const en = await makeData({
      'organization.yaml': ORGANIZATION.replace('locale: zh-CN', 'locale: en'),
      '2015/projects.yaml': withOutcomes(outcomes),
    });
    expect(facts((await buildHtml(en.cwd)).html)).toContain(
      '结对家庭46 户 (target 40 户, 115.0% achieved)',
    );
  });

  it('a negative target and a missing actual, each at its line', async () => {
    expect(
      await linesWith({
        '2015/projects.yaml': withOutcomes(
          '      - { name: 结对家庭, target: -5, actual: 4 }\n      - { name: 覆盖率, target: 80 }\n',
        ),
      }),
    ).toEqual([
      'data/2015/projects.yaml:18:31 projects.0.outcomes.0.target  -5 is too small: it must be at least 0',
      'data/2015/projects.yaml:19:9 projects.0.outcomes.1.actual  the field actual is missing',
    ]);
  });
});
