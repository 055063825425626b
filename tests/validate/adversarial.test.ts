/**
 * Issue 9, found by an adversarial run: figure references that validate passed and the build then
 * refused (F), bad data that crashed validate or the statistics with exit 70 (E), and problems at
 * line:col positions that do not exist, cascades, and messages with zod's words or a blank (L).
 * Rows in docs/robustness.md, "Adversarial run (issue 9)".
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/read-dataset.js';
import { readDataFiles } from '../../src/load/read-files.js';
import { figureResolver } from '../../src/render/figures.js';
import { FIGURE_PATTERNS } from '../../src/schema/figures.js';
import { computeStats } from '../../src/stats/index.js';
import { validateDataset } from '../../src/validate/validate-dataset.js';
import { linesWith, MINIMAL, problemsWith, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const EXAMPLE = fileURLToPath(new URL('../../data', import.meta.url));
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of the example data (data/) with `files` written over it. */
async function exampleWith(files: Record<string, string>) {
  const cwd = await mkdtemp(path.join(tmpdir(), 'report-adversarial-'));
  made.push(cwd);
  await cp(EXAMPLE, path.join(cwd, 'data'), { recursive: true });
  for (const [name, text] of Object.entries(files))
    await writeFile(path.join(cwd, 'data', name), text);
  return checkDataset({ cwd, dataDir: 'data', lang: 'en' });
}

/** Every name the grammar can form from the example's ids (and a few it does not have). */
function candidateNames(): string[] {
  const projects = [
    ...new Set([
      'nosuch',
      'kunjing',
      'xiaohongmao',
      'qingqing',
      'baizhou',
      'xiaoyuan070',
      'xiaozhan_daai',
      'school_social_work',
      'migrant_afterschool',
      'summer_safety_camp',
      'xiaohouniao',
    ]),
  ];
  const activities = ['casework', 'case_service', 'group', 'training', 'community_outreach', 'x'];
  const names = new Set<string>();
  for (const [kind, { re }] of Object.entries(FIGURE_PATTERNS)) {
    const base = re.source.replace(/^\^|\$$/g, '').replace(/\(\?:\\\.\(\\d\{4\}\)\)\?/, '');
    if (kind === 'projectService') {
      for (const p of projects) for (const a of activities) names.add(`services.${p}.${a}`);
    } else if (kind === 'projectFunding') {
      for (const p of projects) names.add(`funding.${p}`).add(`funding.${p}.cumulative`);
    } else if (kind === 'mediaReports') {
      for (const p of projects) names.add(`media.reports.${p}`);
      names.add('media.reports');
    } else if (kind === 'projectsCumulative') {
      for (const c of ['support', 'children', 'nosuch']) names.add(`projects.cumulative.${c}`);
      names.add('projects.cumulative');
    } else {
      const plain = base.replaceAll('\\.', '.');
      names.add(plain);
      if (re.source.includes('\\d{4}'))
        for (const y of [2011, 2012, 2014, 2015, 2016]) names.add(`${plain}.${y}`);
    }
  }
  return [...names];
}

describe('figure references: validate and build agree (F)', () => {
  it.each([2014, 2015])(
    'every reference validate passes in %i resolves, and every one it refuses is located (F1)',
    async (year) => {
      const names = candidateNames();
      // One reference per paragraph: the reference on line 5 + 2i, column 3.
      const narrative =
        `year: ${year}\ntitle: t\nsignature: {date: ${year}-12-31}\nopening: |\n` +
        names.map((n) => `  {{${n}}}\n`).join('\n') +
        'sections:\n  - {id: governance, title: t}\n';
      const file = `data/${year}/narrative.yaml`;
      const { problems } = await exampleWith({ [`${year}/narrative.yaml`]: narrative });
      const refused = new Map(
        problems.filter((p) => p.file === file).map((p) => [p.line, p] as const),
      );
      expect(problems.filter((p) => p.file !== file || p.code !== 'unknown_figure')).toEqual([]);

      const { dataset } = await exampleWith({});
      if (!dataset) throw new Error('the example data does not validate');
      const resolve = figureResolver(dataset, computeStats(dataset, year), 'en', {
        services: 'services',
        personTimes: 'person-times',
        listSeparator: ', ',
      });
      const disagree: string[] = [];
      names.forEach((name, i) => {
        const problem = refused.get(5 + 2 * i);
        let resolved = true;
        try {
          resolve(name);
        } catch {
          resolved = false;
        }
        if (resolved === Boolean(problem))
          disagree.push(
            `${name}: validate ${problem ? 'refuses' : 'passes'}, build ${resolved ? 'resolves' : 'throws'}`,
          );
        if (problem) expect(problem.col, name).toBe(3);
      });
      expect(disagree).toEqual([]);
      // The run covers both answers.
      expect(refused.size).toBeGreaterThan(50);
      expect(names.length - refused.size).toBeGreaterThan(20);
    },
  );

  it('says which project does not run that year, and which activity a project does not list (F2)', async () => {
    const narrative =
      'year: 2015\ntitle: t\nsignature: {date: 2015-12-31}\nopening: |\n' +
      '  {{services.xiaohongmao.case_service}} and {{funding.migrant_afterschool.cumulative}}\n' +
      '  {{services.xiaoyuan070.training}}\n' +
      'sections:\n  - {id: governance, title: t}\n';
    const { problems } = await exampleWith({ '2015/narrative.yaml': narrative });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.col}  ${p.message}`)).toEqual([
      'data/2015/narrative.yaml:5:3  the figure {{services.xiaohongmao.case_service}} cannot be used: the project xiaohongmao lists no case_service under services in 2015',
      "data/2015/narrative.yaml:5:45  the figure {{funding.migrant_afterschool.cumulative}} cannot be used: the project migrant_afterschool is not in the projects.yaml of 2015 (this figure is about the year's own projects)",
      'data/2015/narrative.yaml:6:3  the figure {{services.xiaoyuan070.training}} cannot be used: the project xiaoyuan070 lists no training under services in 2015',
    ]);
  });
});

describe('never exit 70 on data (E)', () => {
  const files: [string, string, string][] = [
    ['2015/awards.yaml', 'level: city', 'awards.0.level'],
    ['2015/awards.yaml', 'level: city\n    kind: award', 'awards.0.kind'],
    ['2015/projects.yaml', 'role: operated', 'projects.0.role'],
    ['2015/projects.yaml', 'status: ongoing', 'projects.0.status'],
    ['organization.yaml', 'locale: zh-CN', 'locale'],
  ];
  const original = async (name: string) =>
    (await import('node:fs/promises')).readFile(path.join(MINIMAL, name), 'utf8');

  it.each(
    files.flatMap(([file, line, field]) =>
      ['{a: 1}', '[{a: 1}]', '[[{a: 1}], b]'].map((value) => [field, value, file, line] as const),
    ),
  )(
    'an enumerated field %s given %s is a located problem, not a crash (E1)',
    async (field, value, file, line) => {
      const key = field.split('.').at(-1) as string;
      const text = await original(file);
      const replaced = text.includes(line)
        ? text.replace(line, line.replace(/(\w+): \S+$/, `${key}: ${value}`))
        : text.replace(/(\n {4}level: city)/, `$1\n    ${key}: ${value}`);
      for (const lang of ['en', 'zh-CN'] as const) {
        const problems = await problemsWith({ [file]: replaced }, lang);
        const problem = problems.find((p) => p.path === field);
        expect(problem, JSON.stringify(problems)).toBeDefined();
        expect(problem?.line).toBeGreaterThan(0);
        // Named by its kind, never a blank: "a list is not allowed here: write one of …".
        expect(problem?.message).toMatch(
          lang === 'en'
            ? /^(a list|a mapping)\b.* not allowed here: write one of /
            : /^(列表|一组)/,
        );
      }
    },
  );

  it('refuses amounts that add up past 2^53 yuan at the line that does it, before stats can crash (E2)', async () => {
    // 90,072 lines of 1000亿 (the largest amount accepted) pass 2^53 − 1 = 9,007,199,254,740,991.
    const files = await readDataFiles({ dataDir: MINIMAL, cwd: path.dirname(MINIMAL) });
    const income = files.years.find((y) => y.year === 2015)?.files.income;
    if (!income) throw new Error('no 2015 income');
    const line = { source: 'a', kind: 'other', amount: '1000亿' };
    const lines = Array.from({ length: 90_100 }, () => line);
    files.years = files.years.map((y) =>
      y.year === 2015
        ? { ...y, files: { ...y.files, income: { ...income, data: { year: 2015, lines } } } }
        : y,
    );
    const result = validateDataset(files, { lang: 'en' });
    expect(result.dataset).toBeNull();
    expect(result.problems.map((p) => `${p.path}  ${p.message}`)).toEqual([
      'lines.90071.amount  the amounts add up to more than 9,007,199,254,740,991 yuan here, too large to add exactly',
    ]);
  });
});

describe('locations and messages (L)', () => {
  // A line of text where a field belongs, after a multi-line value: the parser reads on as one
  // plain scalar in error and used to point 100+ columns past the end of line 6, 16 times.
  const awards =
    'year: 2015\nawards:\n  - name: 优秀社会工作服务项目\n    level: city\n    date: 2015-11\n' +
    '流动儿童\n    project: after-school\n  - name: 第二个奖项\n    level: city\n    issuer: 苏州市妇联\n    date: 2015\n';

  it('reports a YAML syntax error after a broken plain scalar once, at a place that exists (L1)', async () => {
    const problems = await problemsWith({ '2015/awards.yaml': awards });
    expect(problems).toHaveLength(1);
    const lines = awards.split('\n');
    for (const p of problems) {
      expect(p.line).toBeLessThanOrEqual(lines.length);
      expect(p.col).toBeLessThanOrEqual((lines[p.line - 1] ?? '').length + 1);
    }
    expect(problems[0]).toMatchObject({
      file: 'data/2015/awards.yaml',
      line: 6,
      code: 'yaml_syntax',
    });
  });

  it('words a mapping where a list or a mapping of names is expected, in both languages (L2)', async () => {
    const projects = (await import('node:fs/promises')).readFile(
      path.join(MINIMAL, '2015/projects.yaml'),
      'utf8',
    );
    const text = (await projects).replace(
      'services:\n      group_work: 30\n      casework: "近40"',
      'services: [group_work, casework]',
    );
    expect(await linesWith({ '2015/projects.yaml': text, '2015/narrative.yaml': null })).toEqual([
      'data/2015/projects.yaml:13:15 projects.0.services  expected a mapping of "name: value" lines, found a list (each item starts with "- ")',
    ]);
    expect(
      await linesWith({ '2015/projects.yaml': text, '2015/narrative.yaml': null }, 'zh-CN'),
    ).toEqual([
      'data/2015/projects.yaml:13:15 projects.0.services  应为一组“名称: 值”，实际是列表（每项以“- ”开头）',
    ]);
  });

  it('never prints a blank where the value was: a mapping is named as one (L3)', async () => {
    const lines = await linesWith({
      '2015/awards.yaml': 'year: 2015\nawards:\n  - name: x\n    level: {a: 1}\n    date: 2015\n',
    });
    expect(lines).toEqual([
      'data/2015/awards.yaml:4:12 awards.0.level  a mapping of "field: value" lines is not allowed here: write one of national, provincial, city, district, sector',
    ]);
  });

  it.each([
    [
      'a value',
      'year: 2015\nawards:\n  - name: "奖\\ud800项"\n    level: city\n    date: 2015\n',
      '3:13 awards.0.name',
      '\\uD800',
    ],
    ['a key', 'year: 2015\n"\\udc00": 1\nawards: []\n', '2:2 ', '\\uDC00'],
  ])(
    'refuses a lone surrogate escape in %s at the escape (L4)',
    async (_what, text, where, code) => {
      const lines = await linesWith({ '2015/awards.yaml': text });
      expect(lines).toEqual([
        `data/2015/awards.yaml:${where}  ${code} is half of a character (an unpaired surrogate), not text`,
      ]);
    },
  );

  it('names a number used as a key as it is written (L5)', async () => {
    const lines = await linesWith({
      '2015/staff.yaml': 'year: 2015\nheadcount: 2\n-1e400: 1\n0x1F: 2\n',
    });
    expect(lines).toEqual([
      'data/2015/staff.yaml:3:1 -1e400  unknown field "-1e400"',
      'data/2015/staff.yaml:4:1 0x1F  unknown field "0x1F"',
    ]);
  });
});
