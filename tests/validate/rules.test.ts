/** Pass 3: what one file says about another (years, project ids, vocabularies, totals, dates). */
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/read-dataset.js';
import { linesWith, makeData, problemsWith, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

const project = (id: string, extra = '') =>
  `  - id: ${id}\n    name: 项目\n    category: youth\n    role: operated\n    status: new\n${extra}`;

/** The fixture's narrative cites {{services.after-school.group_work}}; tests that replace the projects drop it. */
const NO_NARRATIVE = { '2015/narrative.yaml': null };

describe('cross-file rules', () => {
  it('reports a file whose year is not its folder', async () => {
    const problems = await problemsWith({ '2015/staff.yaml': 'year: 2014\nheadcount: 2\n' });
    expect(problems).toEqual([
      {
        file: 'data/2015/staff.yaml',
        line: 1,
        col: 7,
        path: 'year',
        code: 'year_mismatch',
        message: 'year says 2014 but the file is in the 2015 folder',
        hint: 'write year: 2015, or move the file to the 2014 folder',
      },
    ]);
  });

  it('names both locations of a duplicate project id (D9)', async () => {
    const lines = await linesWith(
      {
        '2015/projects.yaml': `year: 2015\nprojects:\n${project('after-school')}${project('after-school')}`,
        ...NO_NARRATIVE,
      },
      'zh-CN',
    );
    expect(lines).toEqual([
      'data/2015/projects.yaml:8:9 projects.1.id  项目编号 "after-school" 重复：已在 data/2015/projects.yaml:3:9 使用',
    ]);
  });

  it('reports unknown category, activity type and funding kind with a suggestion', async () => {
    const problems = await problemsWith({
      '2015/projects.yaml':
        'year: 2015\nprojects:\n  - id: after-school\n    name: x\n    category: yuoth\n    role: operated\n    status: new\n' +
        '    services:\n      caswork: 5\n    funders:\n      - {name: f, kind: goverment, amount: 5}\n',
      ...NO_NARRATIVE,
    });
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}  ${p.message} | ${p.hint}`)).toEqual([
      '5:15 projects.0.category  the project category "yuoth" is not defined in organization.yaml (project_categories) | did you mean "youth"?',
      '9:7 projects.0.services.caswork  the activity type "caswork" is not defined in organization.yaml (activity_types) | did you mean "casework"?',
      '11:25 projects.0.funders.0.kind  the funding kind "goverment" is not defined in organization.yaml (funding_kinds) | did you mean "government"?',
    ]);
  });

  it('reports references to unknown projects from income, awards, media and narrative', async () => {
    const lines = await linesWith({
      '2015/income.yaml':
        'year: 2015\nlines:\n  - {source: a, kind: government, amount: 545000, project: afterschool}\n',
      '2015/awards.yaml':
        'year: 2015\nawards:\n  - name: x\n    level: city\n    date: 2015\n    project: silver\nmedia:\n  - {outlet: y, reports: 1, project: nope}\n',
      '2015/narrative.yaml':
        'year: 2015\ntitle: t\nopening: o\nsections:\n  - id: programmes\n    title: 项目\n    subsections:\n      - title: a\n        project: silverage\n        subsections:\n          - {title: b, project: zzz}\nsignature: {date: 2015-12-31}\n',
    });
    expect(lines).toEqual([
      'data/2015/awards.yaml:6:14 awards.0.project  there is no project with the id "silver" in the projects.yaml of 2015 or an earlier year',
      'data/2015/awards.yaml:8:38 media.0.project  there is no project with the id "nope" in the projects.yaml of 2015 or an earlier year',
      'data/2015/income.yaml:3:60 lines.0.project  there is no project with the id "afterschool" in the projects.yaml of 2015',
      'data/2015/narrative.yaml:9:18 sections.0.subsections.0.project  there is no project with the id "silverage" in the projects.yaml of 2015 or an earlier year',
      'data/2015/narrative.yaml:11:33 sections.0.subsections.0.subsections.0.project  there is no project with the id "zzz" in the projects.yaml of 2015 or an earlier year',
    ]);
  });

  it('accepts an award for a project of an earlier year', async () => {
    expect(
      await linesWith({
        '2015/projects.yaml': `year: 2015\nprojects:\n${project('silver-age')}`,
        '2015/income.yaml': 'year: 2015\nlines:\n  - {source: a, kind: government, amount: 5}\n',
        ...NO_NARRATIVE,
      }),
    ).toEqual([]);
  });

  it('shows both sums and the difference when the stated total is wrong, in both languages', async () => {
    const files = {
      '2015/income.yaml':
        'year: 2015\ntotal: "54万"\nlines:\n  - {source: a, kind: government, amount: 445000}\n  - {source: b, kind: foundation, amount: "10万"}\n',
    };
    expect(await linesWith(files)).toEqual([
      'data/2015/income.yaml:2:8 total  total says 540,000 yuan but the lines add up to 545,000 yuan (difference -5,000 yuan)',
    ]);
    expect(await linesWith(files, 'zh-CN')).toEqual([
      'data/2015/income.yaml:2:8 total  total 写的是 540,000 元，但各行合计 545,000 元（相差 -5,000 元）',
    ]);
  });

  it('reports a project that ends before it starts', async () => {
    expect(
      await linesWith({
        '2014/projects.yaml': `year: 2014\nprojects:\n${project('after-school', '    start: 2014-06\n    end: 2013-12-31\n')}`,
      }),
    ).toEqual([
      'data/2014/projects.yaml:9:10 projects.0.end  the end date 2013-12-31 is before the start date 2014-06',
    ]);
  });

  it('accepts an end date in the same month or year as the start', async () => {
    expect(
      await linesWith({
        '2014/projects.yaml': `year: 2014\nprojects:\n${project('after-school', '    start: 2014-06-15\n    end: 2014\n')}`,
      }),
    ).toEqual([]);
  });

  it('reports an unknown figure in the narrative at the reference itself', async () => {
    expect(
      await linesWith({
        '2015/narrative.yaml':
          'year: 2015\ntitle: t\nopening: |\n  收入 {{income.total}}，\n  另有 {{income.totl}}。\nsections: [{id: a, title: b}]\nsignature: {date: 2015}\n',
      }),
    ).toEqual([
      'data/2015/narrative.yaml:5:6 opening  the figure {{income.totl}} cannot be used: there is no figure named income.totl',
    ]);
  });

  it('still runs the rules on the readable parts of a file with a schema problem', async () => {
    const lines = await linesWith({
      '2015/projects.yaml': `year: 2015\nprojects:\n${project('a', '    districts: 5\n')}${project('b')}${project('b')}`,
    });
    // (The income line's project is not checked: the list of projects is incomplete.)
    expect(lines).toEqual([
      'data/2015/projects.yaml:8:16 projects.0.districts  expected a list (each item starts with "- "), found 5',
      'data/2015/projects.yaml:14:9 projects.2.id  the project id "b" is used twice: also at data/2015/projects.yaml:9:9',
    ]);
  });

  it('adds amounts exactly, in whole yuan; fractions of a yuan are refused, not rounded (D8)', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/income.yaml':
        'year: 2015\ntotal: "0.4万"\nlines:\n  - {source: a, kind: government, amount: "0.1万"}\n  - {source: b, kind: government, amount: "0.3万"}\n',
    });
    const result = await checkDataset({ cwd, dataDir });
    expect(result.problems).toEqual([]);
    expect(result.dataset?.years[1]?.income.lines.map((l) => l.amount)).toEqual([1000, 3000]);
    expect(
      await linesWith({
        '2015/income.yaml':
          'year: 2015\nlines:\n  - {source: a, kind: government, amount: 0.10}\n  - {source: b, kind: government, amount: 0.20}\n',
      }),
    ).toEqual([
      'data/2015/income.yaml:3:43 lines.0.amount  0.10 has a fraction of a yuan: write whole yuan, e.g. 545000',
      'data/2015/income.yaml:4:43 lines.1.amount  0.20 has a fraction of a yuan: write whole yuan, e.g. 545000',
    ]);
  });
});

describe('links and images in narrative text (N3)', () => {
  it('reports every link and every image that is not inline raster data, at its place', async () => {
    const opening = [
      '见[协会网站](https://example.org)。',
      '![徽标](../../secret.png) ![x](/etc/passwd) ![y](//host/share/x.png)',
      '![svg](data:image/svg+xml;base64,PHN2Zz4=) [js](javascript:alert(1))',
      '![ok](data:image/png;base64,iVBORw0KGgo=)',
    ].join('\n  ');
    const lines = await linesWith({
      '2015/narrative.yaml': `year: 2015\ntitle: t\nopening: |\n  ${opening}\nsections: [{id: a, title: b}]\nsignature: {date: 2015}\n`,
    });
    expect(lines).toEqual([
      'data/2015/narrative.yaml:4:4 opening  the link to https://example.org is not followed: the report would show the Markdown source',
      'data/2015/narrative.yaml:5:3 opening  the image ../../secret.png is not loaded: a report only takes images embedded inline',
      'data/2015/narrative.yaml:5:27 opening  the image /etc/passwd is not loaded: a report only takes images embedded inline',
      'data/2015/narrative.yaml:5:45 opening  the image //host/share/x.png is not loaded: a report only takes images embedded inline',
      'data/2015/narrative.yaml:6:3 opening  the image data:image/svg+xml;base64,PHN2Zz4= is not loaded: a report only takes images embedded inline',
      'data/2015/narrative.yaml:6:46 opening  the link to javascript:alert(1 is not followed: the report would show the Markdown source',
    ]);
  });
});
