/**
 * The report's tables on small variations of a data set: nothing empty shown as a fact (no
 * funding column of — totalled as 0元), a funding total that differs from income explained,
 * a year without data as a row of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/read-dataset.js';
import { buildTables, type UnnumberedTable } from '../../src/render/view/tables.js';
import type { Dataset, YearData } from '../../src/schema/files.js';
import { computeStats } from '../../src/stats/index.js';

const ROOT = join(import.meta.dirname, '../..');
const zh = JSON.parse(
  readFileSync(join(ROOT, 'templates/default/locales/zh-CN.json'), 'utf8'),
) as Record<string, unknown>;

let base: Dataset;
beforeAll(async () => {
  base = await readDataset({
    dataDir: 'tests/fixtures/data/equal-shares-and-a-gap-year',
    cwd: ROOT,
  });
});

function tablesOf(dataset: Dataset, year = 2021): Map<string, UnnumberedTable> {
  const data = dataset.years.find((y) => y.year === year) as YearData;
  return buildTables(dataset, data, computeStats(dataset, year), zh);
}

const texts = (t: UnnumberedTable | undefined) =>
  [t?.head, ...(t?.rows ?? []), t?.foot].flatMap((row) => (row ?? []).map((c) => c.text));

describe('Table 2, the year’s projects', () => {
  it('leaves the funding column out when no project has funding, instead of — rows totalled as 0元', () => {
    const data = structuredClone(base);
    for (const y of data.years) for (const p of y.projects.projects) p.funders = [];
    const projects = tablesOf(data).get('projects');
    expect(texts(projects)).not.toContain('本年资金');
    expect(texts(projects)).not.toContain('0元');
    expect(projects?.note ?? '').not.toContain('资金');
  });

  it('has no total row when there is nothing to total', () => {
    const data = structuredClone(base);
    for (const y of data.years)
      for (const p of y.projects.projects) {
        p.funders = [];
        delete p.person_times;
      }
    const projects = tablesOf(data).get('projects');
    expect(projects?.foot).toBeNull();
    expect(projects?.head.map((c) => c.text)).toEqual(['项目', '类别', '角色', '状态']);
  });

  it('says by how much the projects’ funding falls short of income, and which income is tied to no project', () => {
    expect(tablesOf(base).get('projects')?.note).toBe(
      '注：带“余”“近”“约”的数字为约数。各项目本年资金合计13.2万元，比本年机构收入19.8万元少6.6万元，即未指定项目的收入（个人捐赠）。',
    );
  });

  it('says by how much it exceeds income when the projects count more funding than the year’s income', () => {
    const data = structuredClone(base);
    const y2021 = data.years.find((y) => y.year === 2021) as YearData;
    const club = y2021.projects.projects[0];
    if (club) club.funders = [{ name: '街道办事处', kind: 'government', amount: 200000 }];
    expect(tablesOf(data).get('projects')?.note).toContain(
      '各项目本年资金合计26.6万元，比本年机构收入19.8万元多6.8万元。',
    );
  });

  it('never totals counts of different units: person-times, one unit, and their total', () => {
    const projects = tablesOf(base).get('projects');
    expect(projects?.foot?.map((c) => c.text)).toEqual([
      '合计',
      '',
      '',
      '',
      '13.2万元',
      '约720人次',
    ]);
    expect(
      texts(projects).filter((t) => /\d余?[场节]$|\d余?次$/.test(t) && !t.endsWith('人次')),
    ).toEqual([]);
  });
});

describe('Table 1, income over the years', () => {
  it('gives a year without data a row and a note, and no change to the year after it', () => {
    const income = tablesOf(base).get('income');
    expect(income?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['2019年', '15万元', '—', '100.0%', '4人'],
      ['2020年', '无数据', '', '', ''],
      ['2021年', '19.8万元', '—', '33.4%', '3人'],
    ]);
    expect(income?.note).toBe('注：2020年无数据，其后一年不与上年比较。');
  });
});
