/**
 * Funders named in the report, an anonymous one never; the project's summary and featured mark
 * in its fact box; every field of the data files reachable by a custom template.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/read-dataset.js';
import { parseLayout } from '../../src/render/layout.js';
import { planCharts } from '../../src/render/plan-charts.js';
import { buildView, type ReportView } from '../../src/render/view-model.js';
import type { Dataset, ReportYear } from '../../src/schema/files.js';
import { computeStats } from '../../src/stats/index.js';
import { linesWith, removeMadeData } from '../validate/helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const localeStrings = (locale: string) =>
  JSON.parse(
    readFileSync(join(ROOT, `templates/default/locales/${locale}.json`), 'utf8'),
  ) as Record<string, unknown>;
const layout = parseLayout(
  JSON.parse(readFileSync(join(ROOT, 'templates/default/layout.json'), 'utf8')),
  'layout.json',
);

let example: Dataset;
let english: Dataset;
beforeAll(async () => {
  example = await readDataset({ dataDir: 'data', cwd: ROOT });
  english = await readDataset({ dataDir: 'tests/fixtures/data/english', cwd: ROOT });
});
afterAll(removeMadeData);

function view(dataset: Dataset, strings = localeStrings('zh-CN')): ReportView {
  const stats = computeStats(dataset, 2015);
  const year = dataset.years.find((y) => y.year === 2015) as ReportYear;
  return buildView({
    dataset,
    year,
    stats,
    template: { strings, layout, styles: [] },
    charts: planCharts(stats, dataset.organization.locale, strings, layout).map((chart) => ({
      ...chart,
      svg: Buffer.from('<svg/>'),
    })),
    fontSlot: '',
    generator: 'test',
  });
}

function allTables(v: ReportView) {
  return v.sections.flatMap((s) =>
    [...s.subsections.flatMap((sub) => sub.figures), ...s.figures].flatMap((f) =>
      f.table ? [f.table] : [],
    ),
  );
}

/** The example with its 个人捐赠 line given by a named donor who asked not to be named. */
function withAnonymousDonor(): Dataset {
  const data = structuredClone(example);
  const year = data.years.find((y) => y.year === 2015) as ReportYear;
  const line = year.income.lines.find((l) => l.kind === 'donations');
  if (!line) throw new Error('the example has no donation line');
  line.source = '王秀英女士';
  line.note = '王女士希望不具名';
  line.anonymous = true;
  return data;
}

describe('the funders table', () => {
  it('names each funder of the year with its kind, project and amount, and the total', () => {
    const table = allTables(view(example)).find((t) => t.anchor === 'table-funders');
    expect(table?.caption).toBe('2015年收入来源');
    expect(table?.head.map((c) => c.text)).toEqual(['资金来源', '类别', '资助项目', '金额']);
    const rows = table?.rows.map((r) => r.map((c) => c.text)) ?? [];
    expect(rows[0]).toEqual(['江苏省民政厅', '政府资助', '小红帽', '20万元']);
    expect(rows.map((r) => r[0])).toContain('新区社会事业局（购买服务）');
    expect(rows.find((r) => r[0] === '公益基金会小额资助')).toEqual([
      '公益基金会小额资助',
      '基金会资助',
      '校园070',
      '2万元',
    ]);
    expect(rows).toHaveLength(10);
    expect(table?.foot?.map((c) => c.text)).toEqual(['合计', '', '', '54.5万元']);
  });

  it('shows an anonymous line as 匿名捐赠, its name and note nowhere in the view', () => {
    const v = view(withAnonymousDonor());
    const table = allTables(v).find((t) => t.anchor === 'table-funders');
    expect(table?.rows.map((r) => r[0]?.text)).toContain('匿名捐赠');
    const everything = JSON.stringify(v);
    expect(everything).not.toContain('王秀英');
    expect(everything).not.toContain('王女士');
    const line = v.funders.lines.find((l) => l.anonymous);
    expect(line).toMatchObject({ source: '匿名捐赠', note: null, amountText: '1.5万元' });
  });

  it('says "Anonymous donor" in English', () => {
    const data = structuredClone(english);
    const year = data.years.find((y) => y.year === 2015) as ReportYear;
    (year.income.lines[1] as (typeof year.income.lines)[number]).anonymous = true;
    const v = view(data, localeStrings('en'));
    expect(v.funders.lines.map((l) => l.source)).toEqual(['City council', 'Anonymous donor']);
    expect(JSON.stringify(v)).not.toContain('Riverside Foundation');
  });
});

describe('anonymous in income.yaml', () => {
  it('accepts true and false, and points at anything else', async () => {
    const income = (value: string) => ({
      '2015/income.yaml': `year: 2015\nlines:\n  - source: 某女士\n    kind: donations\n    amount: 1000\n    anonymous: ${value}\n`,
    });
    expect(await linesWith(income('true'))).toEqual([]);
    expect(await linesWith(income('"yes"'))).toEqual([
      'data/2015/income.yaml:6:16 lines.0.anonymous  expected true or false, found "yes"',
    ]);
  });
});

describe('project summary and highlight', () => {
  it('puts the summary in the fact box and marks a featured project', () => {
    const v = view(example);
    const boxes = v.sections
      .flatMap((s) => s.subsections.flatMap((sub) => [sub, ...sub.subsections]))
      .flatMap((sub) => (sub.facts ? [sub.facts] : []));
    const xiaohongmao = boxes.find((f) => f.name.startsWith('小红帽')) as unknown as {
      summaryHtml: string | null;
      featured: boolean;
      featuredLabel: string;
    };
    expect(xiaohongmao.summaryHtml).toContain('面向流动儿童的防性侵教育');
    expect(xiaohongmao.featured).toBe(true);
    expect(xiaohongmao.featuredLabel).toBe('重点项目');
  });
});

describe('every field of the data in the view model', () => {
  it('gives each year file with every key of its schema, null where the file has none', () => {
    const v = view(example);
    const current = v.data.current as Record<string, Record<string, unknown>>;
    const lines = current.income?.lines as Record<string, unknown>[];
    expect(lines[0]).toEqual({
      source: '江苏省民政厅',
      kind: 'government',
      amount: 200_000,
      project: 'xiaohongmao',
      note: null,
      anonymous: false,
      partner: null,
    });
    const projects = current.projects?.projects as Record<string, unknown>[];
    const volunteers = projects.find((p) => p.id === 'volunteer_training');
    expect(volunteers).toMatchObject({ short_name: null, end: null, summary: null });
    expect(projects[0]?.services).toMatchObject({ casework: { value: 40, approx: 'over' } });
    expect(current.staff).toHaveProperty('volunteers');
    expect(current.awards).toHaveProperty('media');
    expect(current).not.toHaveProperty('narrative');
    expect(v.data.years.map((y) => (y as { year: number }).year)).toEqual([2012, 2013, 2014, 2015]);
    const org = v.data.organization as Record<string, unknown>;
    expect(org).toMatchObject({ name: '苏州市清流社工服务中心', signatory: expect.anything() });
    expect((org.vocabularies as Record<string, unknown[]>).funding_kinds?.length).toBeGreaterThan(
      0,
    );
  });
});
