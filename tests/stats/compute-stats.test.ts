import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import type { Organization } from '../../src/schema/files.js';
import { computeStats } from '../../src/stats/compute-stats.js';
import type { ReportStats } from '../../src/stats/types.js';
import { dataset, exampleDataset, exact, organization, project } from './fixtures.js';

const example = exampleDataset();
const stats2015 = computeStats(example, 2015);

/** Rounded as the report shows it: one decimal of a percentage. */
const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

describe('the example organisation (published totals)', () => {
  it.each([
    [2012, 80_000, null, null],
    [2013, 150_000, 70_000, 87.5],
    [2014, 220_000, 70_000, 46.7],
    [2015, 545_000, 325_000, 147.7],
  ])('income %d: total %d, change %s yuan, %s %%', (year, total, amount, growth) => {
    const entry = stats2015.income.series.find((s) => s.year === year);
    expect(entry?.total).toBe(total);
    expect(entry?.change.amount).toBe(amount);
    expect(percent(entry?.change.ratio ?? null)).toBe(growth);
  });

  it('states the report year’s income at the top level', () => {
    expect(stats2015.income.total).toBe(545_000);
    expect(stats2015.income.change).toEqual({
      previous: 220_000,
      amount: 325_000,
      ratio: 325_000 / 220_000,
    });
  });

  it('has a compound growth of 89.6 % and a multiple of 6.8 since 2012', () => {
    expect(stats2015.income.firstYear).toBe(2012);
    expect(stats2015.income.span).toBe(3);
    expect(percent(stats2015.income.cagr)).toBe(89.6);
    expect(stats2015.income.multiple).toBe(6.8125);
    expect(Math.round((stats2015.income.multiple ?? 0) * 10) / 10).toBe(6.8);
  });

  it('splits 2015 income by kind with per-mille shares adding up to 1000', () => {
    const used = stats2015.income.byKind.filter((k) => k.amount > 0);
    expect(used.map((k) => [k.id, k.label, k.amount, k.sharePermille])).toEqual([
      ['government', '政府资助', 500_000, 917],
      ['foundation', '基金会资助', 30_000, 55],
      ['donations', '个人捐赠', 15_000, 28],
    ]);
    expect(stats2015.income.byKind.map((k) => k.id)).toEqual([
      'government',
      'foundation',
      'corporate',
      'donations',
      'service_fees',
      'other',
    ]);
    expect(stats2015.income.byKind.reduce((sum, k) => sum + (k.sharePermille ?? 0), 0)).toBe(1000);
    expect(stats2015.income.governmentShare).toBe(500_000 / 545_000);
    expect(stats2015.income.governmentSharePermille).toBe(917);
  });

  it.each([
    [2012, 1, null],
    [2013, 3, 2],
    [2014, 5, 2],
    [2015, 6, 1],
  ])('staff %d: headcount %d, change %s', (year, headcount, change) => {
    const entry = stats2015.staff.series.find((s) => s.year === year);
    expect(entry?.headcount).toBe(headcount);
    expect(entry?.change.amount).toBe(change);
  });

  it('counts 2015 staff from the members listed', () => {
    expect(stats2015.staff).toMatchObject({ headcount: 6, fullTime: 5, volunteers: 60 });
    expect(stats2015.staff.series[0]).toMatchObject({ fullTime: null, volunteers: null });
  });

  it('has 23 projects by the end of 2015: 10 support and 13 children', () => {
    expect(stats2015.projects.cumulative).toBe(23);
    expect(stats2015.projects.byCategory).toEqual([
      { id: 'support', label: '支持类', active: 4, cumulative: 10 },
      { id: 'children', label: '儿童服务类', active: 6, cumulative: 13 },
    ]);
    expect(stats2015.projects.series.map((s) => s.cumulative)).toEqual([3, 8, 15, 23]);
    expect(stats2015.projects.series.map((s) => s.byCategory.map((c) => c.cumulative))).toEqual([
      [2, 1],
      [4, 4],
      [7, 8],
      [10, 13],
    ]);
  });

  it('counts the projects of 2015: active, new, completed, by role', () => {
    expect(stats2015.projects).toMatchObject({ active: 10, new: 8, completed: 1 });
    expect(stats2015.projects.byRole).toEqual([
      { id: 'operated', label: 'operated', active: 9, cumulative: 22 },
      { id: 'assisted', label: 'assisted', active: 1, cumulative: 1 },
    ]);
  });

  it('describes each project of 2015 with its funding and services', () => {
    const red = stats2015.projects.list.find((p) => p.id === 'c9');
    expect(red).toMatchObject({
      name: '小红帽——流动儿童知性爱己计划',
      shortName: '小红帽',
      categoryLabel: '儿童服务类',
      isNew: true,
      funding: { year: 250_000, cumulative: 250_000 },
      servicesTotal: { value: 130, approx: 'over' },
      personTimes: { value: 3000, approx: 'about' },
      highlight: true,
      mediaReports: 3,
    });
    expect(red?.services.map((s) => [s.id, s.unit, s.count])).toEqual([
      ['community_outreach', '场', exact(18)],
      ['classroom', '次', exact(39)],
      ['group', '节', exact(33)],
      ['casework', '节', { value: 40, approx: 'over' }],
    ]);
    const s1 = stats2015.projects.list.find((p) => p.id === 's1');
    expect(s1?.funding).toEqual({ year: 50_000, cumulative: 120_000 });
    expect(s1?.isNew).toBe(false);
  });

  it('sums the services of 2015, carrying the approximation', () => {
    const byId = Object.fromEntries(stats2015.services.byActivity.map((a) => [a.id, a.count]));
    expect(byId).toEqual({
      community_outreach: exact(18),
      classroom: exact(39),
      group: exact(33),
      casework: { value: 80, approx: 'about' }, // 40余 + 近40: direction unknown
      supervision: { value: 40, approx: 'nearly' },
    });
    expect(stats2015.services.total).toEqual({ value: 210, approx: 'about' });
    expect(stats2015.services.personTimes).toEqual({ value: 3000, approx: 'about' });
    expect(stats2015.services.districts).toEqual(['相城区', '姑苏区', '新区', '园区']);
  });

  it('counts awards by level and media reports', () => {
    expect(stats2015.awards).toMatchObject({ count: 2, cumulative: 3 });
    expect(stats2015.awards.byLevel.find((l) => l.id === 'city')).toEqual({
      id: 'city',
      count: 1,
      cumulative: 2,
    });
    expect(stats2015.awards.byKind.find((k) => k.id === 'honour')).toEqual({
      id: 'honour',
      count: 0,
      cumulative: 1,
    });
    expect(stats2015.media).toEqual({
      year: 2015,
      reports: 3,
      cumulative: 3,
      byProject: [{ project: 'c9', reports: 3 }],
      unattributed: 0,
    });
  });
});

describe('the first year', () => {
  const first = computeStats(example, 2012);

  it('has no change, growth or multiple, and full shares', () => {
    expect(first.income.change).toEqual({ previous: null, amount: null, ratio: null });
    expect(first.income.cagr).toBeNull();
    expect(first.income.multiple).toBeNull();
    expect(first.income.span).toBe(0);
    expect(first.income.governmentSharePermille).toBe(1000);
    expect(first.staff.change.ratio).toBeNull();
  });

  it('has no person-times when no project states any (not 0 people)', () => {
    expect(first.services.personTimes).toBeNull();
    expect(first.services.personTimesCumulative).toBeNull();
    expect(stats2015.services.series.map((s) => s.personTimes)).toEqual([
      null,
      null,
      null,
      { value: 3000, approx: 'about' },
    ]);
    expect(stats2015.services.personTimesCumulative).toEqual({ value: 3000, approx: 'about' });
  });

  it('counts every project as new', () => {
    expect(first.projects).toMatchObject({ active: 3, new: 3, cumulative: 3 });
  });
});

describe('an earlier report year', () => {
  const stats2014 = computeStats(example, 2014);
  it('uses only the years up to it', () => {
    expect(stats2014.years).toEqual([2012, 2013, 2014]);
    expect(stats2014.projects.cumulative).toBe(15);
    expect(stats2014.income.total).toBe(220_000);
    expect(percent(stats2014.income.change.ratio)).toBe(46.7);
    expect(stats2014.income.cagr).toBeCloseTo(Math.sqrt(220 / 80) - 1, 12);
    expect(stats2014.awards.cumulative).toBe(1);
    expect(stats2014.projects.list.find((p) => p.id === 's1')?.funding).toEqual({
      year: 40_000,
      cumulative: 70_000,
    });
  });
});

describe('a year missing in the middle', () => {
  const gap = dataset([
    { year: 2012, income: [['government', 100_000]], staff: { headcount: 2 } },
    { year: 2013, income: [['government', 200_000]], staff: { headcount: 3 } },
    // 2014 has no data
    { year: 2015, income: [['government', 800_000]], staff: { headcount: 4 } },
    { year: 2016, income: [['government', 1_000_000]], staff: { headcount: 5 } },
  ]);

  it('has no growth for the year after the gap', () => {
    const stats = computeStats(gap, 2015);
    expect(stats.years).toEqual([2012, 2013, 2015]);
    expect(stats.income.change).toEqual({ previous: null, amount: null, ratio: null });
    expect(stats.staff.change.amount).toBeNull();
  });

  it('measures compound growth over the calendar span, gap included', () => {
    const stats = computeStats(gap, 2015);
    expect(stats.income.span).toBe(3);
    expect(stats.income.cagr).toBeCloseTo(1, 12); // 100000 → 800000 in 3 years: ×2 a year
    expect(stats.income.multiple).toBe(8);
  });

  it('compares the year after with the year after the gap', () => {
    const stats = computeStats(gap, 2016);
    expect(stats.income.change).toEqual({ previous: 800_000, amount: 200_000, ratio: 0.25 });
    expect(stats.income.series.map((s) => s.change.ratio)).toEqual([null, 1, null, 0.25]);
  });

  it('refuses the missing year, listing the years with data', () => {
    expect(() => computeStats(gap, 2014)).toThrow(ReportError);
    try {
      computeStats(gap, 2014);
    } catch (error) {
      expect((error as ReportError).code).toBe('DATA_NOT_FOUND');
      expect((error as ReportError).hint).toContain('2012, 2013, 2015, 2016');
    }
  });
});

describe('a zero base', () => {
  const zero = dataset([
    { year: 2012, income: [['government', 0]] },
    { year: 2013, income: [['government', 50_000]] },
    { year: 2014, income: [['government', 0]] },
  ]);

  it('has no shares when the total is zero', () => {
    const stats = computeStats(zero, 2012);
    expect(stats.income.byKind.every((k) => k.share === null && k.sharePermille === null)).toBe(
      true,
    );
    expect(stats.income.governmentShare).toBeNull();
  });

  it('gives the absolute change but no ratio, compound growth or multiple', () => {
    const stats = computeStats(zero, 2013);
    expect(stats.income.change).toEqual({ previous: 0, amount: 50_000, ratio: null });
    expect(stats.income.cagr).toBeNull();
    expect(stats.income.multiple).toBeNull();
  });

  it('falls to zero as −100 %', () => {
    expect(computeStats(zero, 2014).income.change.ratio).toBe(-1);
  });

  it('never writes NaN or Infinity', () => {
    for (const year of [2012, 2013, 2014]) {
      const text = JSON.stringify(computeStats(zero, year), (_k, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? `BAD ${v}` : v,
      );
      expect(text).not.toContain('BAD');
    }
  });
});

describe('each year’s figures come from that year’s files', () => {
  // A later folder restates a project; the 2014 figures must still be 2014's own.
  const restated = dataset([
    {
      year: 2014,
      income: [['government', 100_000]],
      projects: [project('c1', { funders: [{ name: 'A', kind: 'government', amount: 100_000 }] })],
    },
    {
      year: 2015,
      income: [['government', 300_000]],
      projects: [
        project('c1', {
          name: 'renamed',
          funders: [{ name: 'A', kind: 'government', amount: 300_000 }],
        }),
      ],
    },
  ]);

  it.each([
    [2014, 100_000, 100_000, '项目 c1'],
    [2015, 300_000, 400_000, 'renamed'],
  ])('%d: funding %d, cumulative %d, named %s', (year, funding, cumulative, name) => {
    const stats = computeStats(restated, year);
    const entry = stats.projects.list[0];
    expect(entry?.funding).toEqual({ year: funding, cumulative });
    expect(entry?.name).toBe(name);
    expect(stats.income.total).toBe(funding);
  });
});

describe('a project over several years', () => {
  const moving = dataset([
    {
      year: 2013,
      income: [['government', 1]],
      projects: [project('p', { category: 'support', role: 'assisted', status: 'new' })],
    },
    {
      year: 2014,
      income: [['government', 1]],
      projects: [project('p', { category: 'support', role: 'assisted' })],
    },
    {
      year: 2015,
      income: [['government', 1]],
      projects: [
        project('p', { category: 'children', role: 'operated', status: 'completed' }),
        project('q', { category: 'children', status: 'ongoing' }),
      ],
    },
  ]);

  it('is counted once', () => {
    expect(computeStats(moving, 2014).projects).toMatchObject({
      active: 1,
      new: 0,
      cumulative: 1,
    });
  });

  it('is new by status, or by first appearance', () => {
    expect(computeStats(moving, 2013).projects.new).toBe(1);
    // q is 'ongoing' but appears for the first time
    expect(computeStats(moving, 2015).projects).toMatchObject({
      new: 1,
      completed: 1,
      cumulative: 2,
    });
  });

  it('gives the split at each year in the series', () => {
    const series = computeStats(moving, 2015).projects.series;
    expect(series.map((s) => s.byCategory.map((g) => [g.id, g.active, g.cumulative]))).toEqual([
      [
        ['support', 1, 1],
        ['children', 0, 0],
      ],
      [
        ['support', 1, 1],
        ['children', 0, 0],
      ],
      [
        ['support', 0, 0],
        ['children', 2, 2],
      ],
    ]);
    expect(series.map((s) => s.byRole.map((g) => g.cumulative))).toEqual([
      [0, 1],
      [0, 1],
      [2, 0],
    ]);
  });

  it.each([
    [2014, { support: 1, children: 0 }, { operated: 0, assisted: 1 }],
    [2015, { support: 0, children: 2 }, { operated: 2, assisted: 0 }],
  ])('%d: counted under its latest category and role', (year, categories, roles) => {
    const stats = computeStats(moving, year);
    const cumulative = (groups: ReportStats['projects']['byCategory']) =>
      Object.fromEntries(groups.map((g) => [g.id, g.cumulative]));
    expect(cumulative(stats.projects.byCategory)).toEqual(categories);
    expect(cumulative(stats.projects.byRole)).toEqual(roles);
  });
});

describe('many small income sources', () => {
  const kinds = Array.from({ length: 37 }, (_, i) => ({ id: `k${i}`, label: `来源${i}` }));
  const org: Organization = {
    ...organization,
    vocabularies: { ...organization.vocabularies, funding_kinds: kinds },
  };
  const many = dataset(
    [{ year: 2015, income: kinds.map((k, i): [string, number] => [k.id, 1_000 + i * 37]) }],
    org,
  );

  it('still add up to 100.0 % after rounding', () => {
    const { byKind, total } = computeStats(many, 2015).income;
    expect(byKind).toHaveLength(37);
    expect(byKind.reduce((sum, k) => sum + (k.sharePermille ?? 0), 0)).toBe(1000);
    expect(byKind.reduce((sum, k) => sum + k.amount, 0)).toBe(total);
    expect(byKind.reduce((sum, k) => sum + (k.share ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('has no government share when no line is government', () => {
    const income = computeStats(many, 2015).income;
    expect(income.governmentShare).toBe(0);
    expect(income.governmentSharePermille).toBe(0);
  });
});

describe('many income lines', () => {
  it('sum exactly in integer yuan', () => {
    const lines = Array.from({ length: 10_000 }, (_, i): [string, number] => [
      i % 2 ? 'government' : 'foundation',
      100_001 + i,
    ]);
    const stats = computeStats(dataset([{ year: 2015, income: lines }]), 2015);
    // Σ (100001 + i) for i < 10000 = 10000 × 100001 + 9999 × 10000 / 2
    expect(stats.income.total).toBe(1_000_010_000 + 49_995_000);
    expect(Number.isSafeInteger(stats.income.total)).toBe(true);
  });

  it('keeps a kind the vocabulary does not define, so the kinds add up to the total', () => {
    const stats = computeStats(
      dataset([
        {
          year: 2015,
          income: [
            ['government', 900],
            ['lottery', 100],
          ],
        },
      ]),
      2015,
    );
    expect(stats.income.byKind.at(-1)).toEqual({
      id: 'lottery',
      label: 'lottery',
      amount: 100,
      share: 0.1,
      sharePermille: 100,
    });
  });
});
