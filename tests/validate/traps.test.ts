/**
 * The traps a new organisation's staff met writing five years of data (issue 13): each is now
 * said where it is met, with what to write instead.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/read-dataset.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import type { Locale } from '../../src/schema/files.js';
import { makeData, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

/** Validates the minimal data set with `files` replaced and `folders` made empty. */
async function check(
  files: Record<string, string | null>,
  lang: Locale = 'zh-CN',
  folders: string[] = [],
) {
  const { cwd, dataDir } = await makeData();
  for (const folder of folders) await mkdir(path.join(cwd, dataDir, folder));
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(cwd, dataDir, name);
    await mkdir(path.dirname(target), { recursive: true });
    if (text === null) await rm(target);
    else await writeFile(target, text);
  }
  return checkDataset({ cwd, dataDir, lang });
}

const shown = (
  problems: {
    file: string;
    line: number;
    col: number;
    path: string;
    message: string;
    hint?: string;
  }[],
) =>
  problems.map(
    (p) => `${p.file}:${p.line}:${p.col} ${p.path}  ${p.message}${p.hint ? ` | ${p.hint}` : ''}`,
  );

const ZERO_YEAR = {
  '2016/income.yaml': 'year: 2016\nlines:\n  - { source: 无, kind: other, amount: 0 }\n',
  '2016/staff.yaml': 'year: 2016\nheadcount: 0\n',
  '2016/projects.yaml': 'year: 2016\nprojects: []\n',
};

describe('a year without data', () => {
  it('an empty year folder is one problem that says to delete the folder, not three missing files', async () => {
    const { problems } = await check({}, 'zh-CN', ['2016']);
    expect(shown(problems)).toEqual([
      'data/2016:0:0   2016 年的文件夹中没有数据文件 | 这一年没有数据，就删除这个文件夹（缺少的年份不计增长率，见 docs/stats.md）；有数据则放入 income.yaml、staff.yaml、projects.yaml（可复制其他年份的文件修改）',
    ]);
  });

  it('a year of zeros is flagged once, in English too', async () => {
    const { problems } = await check(ZERO_YEAR, 'en');
    expect(problems.map((p) => [p.file, p.code])).toEqual([['data/2016', 'year_all_zero']]);
    expect(problems[0]?.message).toContain('income falling to 0 (−100%)');
    expect(problems[0]?.hint).toContain('for a year without data, delete the folder');
  });

  it('a year with any figure is not a year of zeros', async () => {
    const { problems } = await check({
      ...ZERO_YEAR,
      '2016/staff.yaml': 'year: 2016\nheadcount: 1\n',
    });
    expect(problems).toEqual([]);
  });
});

describe('every problem in one run, figure references included', () => {
  it('an unknown {{figure}} is listed with a mistake in the projects and a broken section', async () => {
    const { problems } = await check(
      {
        '2015/projects.yaml': `year: 2015
projects:
  - { id: after-school, name: 四点半课堂, category: youth, role: operated, status: ongoing, services: { group_work: 30 } }
  - { id: silver-age, name: 银龄互助, category: elderly, role: assisted, status: done }
`,
        '2015/narrative.yaml': `year: 2015
title: 2015 年度工作总结
opening: 收入 {{income.totl}}，{{services.after-school.group_work}}，{{funding.silver-age}}。
sections:
  - id: programmes
    body: 员工 {{staff.headcont}} 人。
signature:
  date: 2015-12-31
`,
      },
      'en',
    );
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.code} ${p.message}`)).toEqual([
      'data/2015/narrative.yaml:3:13 unknown_figure the figure {{income.totl}} cannot be used: there is no figure named income.totl',
      'data/2015/narrative.yaml:5:5 missing_field the field title is missing',
      'data/2015/narrative.yaml:6:14 unknown_figure the figure {{staff.headcont}} cannot be used: there is no figure named staff.headcont',
      expect.stringMatching(
        /^data\/2015\/projects\.yaml:4:\d+ invalid_value "?done"? is not allowed here/,
      ),
    ]);
  });

  it('with the organisation’s vocabularies broken, a misspelt figure name is still found', async () => {
    const { problems } = await check(
      {
        'organization.yaml':
          'name: 示例\nfounded: 2012\nvocabularies:\n  project_categories: []\n  activity_types: []\n',
        '2015/narrative.yaml':
          'year: 2015\ntitle: T\nopening: "{{projects.activ}}"\nsections: [{ id: a, title: A }]\nsignature: { date: 2015 }\n',
      },
      'en',
    );
    expect(problems.filter((p) => p.code === 'unknown_figure').map((p) => p.message)).toEqual([
      'the figure {{projects.activ}} cannot be used: there is no figure named projects.activ',
    ]);
  });
});

describe('did you mean, for values', () => {
  it('a funding kind written as words or as its Chinese label', async () => {
    const { problems } = await check({
      '2015/income.yaml': `year: 2015
lines:
  - { source: 区民政局, kind: 政府资助, amount: 445000 }
  - { source: 培训, kind: service fees, amount: 100000 }
`,
    });
    expect(problems.map((p) => [p.path, p.hint])).toEqual([
      ['lines.0.kind', '是否应为 "government"？'],
      ['lines.1.kind', '是否应为 "service_fees"？'],
    ]);
  });

  it('an activity type in capitals, and words of the fixed lists in Chinese', async () => {
    const { problems } = await check(
      {
        '2015/projects.yaml': `year: 2015
projects:
  - { id: after-school, name: 四点半课堂, category: youth, role: 承接运营, status: ongoing, services: { Group Work: 30 } }
  - { id: silver-age, name: 银龄互助, category: elderly, role: assisted, status: 结项 }
`,
        '2015/awards.yaml':
          'year: 2015\nawards:\n  - { name: 优秀项目, level: 市级, date: 2015-11, project: after-school }\n',
      },
      'en',
    );
    expect(problems.map((p) => [p.path, p.hint])).toEqual([
      ['awards.0.level', 'did you mean "city"?'],
      ['projects.0.role', 'did you mean "operated"?'],
      ['projects.0.services.Group Work', 'did you mean "group_work"?'],
      ['projects.1.status', 'did you mean "completed"?'],
    ]);
  });
});

describe('a count written with its unit', () => {
  it('says to drop the unit, which the activity type gives', async () => {
    const { problems } = await check({
      '2015/projects.yaml': `year: 2015
projects:
  - id: after-school
    name: 四点半课堂
    category: youth
    role: operated
    status: ongoing
    services:
      casework: "120余次"
    person_times: 约1200人次
`,
    });
    expect(shown(problems)).toEqual([
      'data/2015/projects.yaml:9:17 projects.0.services.casework  "120余次" 不是数量：请写成 40、"40余"、"近40" 或 "约5000" | 去掉“次”，写 "120余"：单位由服务类型 casework 决定（organization.yaml 中为“个”）',
      'data/2015/projects.yaml:10:19 projects.0.person_times  "约1200人次" 不是数量：请写成 40、"40余"、"近40" 或 "约5000" | 去掉“人次”，写 "约1200"：单位固定为人次',
    ]);
  });
});

describe('a value starting with {{ without quotes', () => {
  it('followed by text: the YAML error says to quote it, and how', async () => {
    const { problems } = await check({
      '2015/narrative.yaml':
        'year: 2015\ntitle: {{year}}年度工作总结\nopening: x\nsections: [{ id: a, title: A }]\nsignature: { date: 2015 }\n',
    });
    expect(shown(problems)).toEqual([
      'data/2015/narrative.yaml:2:16   以 {{ 开头的文字要加引号：否则 YAML 把 { 读作一组“字段: 值”的开始 | 加上引号，写成：title: "{{year}}年度工作总结"',
    ]);
  });

  it('alone: the same, in English', async () => {
    const { problems } = await check(
      {
        '2015/narrative.yaml':
          'year: 2015\ntitle: {{year}}\nopening: x\nsections: [{ id: a, title: A }]\nsignature: { date: 2015 }\n',
      },
      'en',
    );
    expect(problems.map((p) => `${p.message} | ${p.hint}`)).toEqual([
      'a value starting with {{ must be in quotes: YAML reads { as the start of a mapping | put it in quotes: title: "{{year}}"',
    ]);
  });
});

describe('Markdown emphasis', () => {
  const narrative = (opening: string) =>
    `year: 2015\ntitle: T\nopening: ${opening}\nsections: [{ id: a, title: A }]\nsignature: { date: 2015 }\n`;

  it('bold next to full-width punctuation is read as bold: no warning', async () => {
    const result = await check({
      '2015/narrative.yaml': narrative('本年度**“小红帽”**项目获奖。'),
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(renderMarkdown('本年度**“小红帽”**项目获奖。', () => '')).toBe(
      '<p>本年度<strong>“小红帽”</strong>项目获奖。</p>\n',
    );
  });

  it('a ** without its pair is a warning at its place (not an error)', async () => {
    const result = await check({
      '2015/narrative.yaml': narrative('本年度**小红帽**获奖，**另一项目获奖。'),
    });
    expect(result.problems).toEqual([]);
    expect(shown(result.warnings)).toEqual([
      'data/2015/narrative.yaml:3:23 opening  “**”没有成对，或不能读作加粗，将原样印出 | 加粗写成 **文字**，两个 ** 成对且在同一段内；不需要加粗就删去',
    ]);
  });
});

describe('an optional number written as a dash', () => {
  it('says the field may be left out', async () => {
    const { problems } = await check({
      '2015/staff.yaml': 'year: 2015\nheadcount: 2\nvolunteers: "–"\n',
    });
    expect(shown(problems)).toEqual([
      'data/2015/staff.yaml:3:13 volunteers  应为数字，实际是 "–" | 此字段可不填：不知道就删掉这一行；要填就写数字，不加引号，如 60',
    ]);
  });

  it('a required number in quotes keeps the quotes hint', async () => {
    const { problems } = await check({ '2015/staff.yaml': 'year: "2015"\nheadcount: 2\n' }, 'en');
    expect(problems.map((p) => p.hint)).toEqual(['write numbers without quotes, e.g. 2015']);
  });
});
