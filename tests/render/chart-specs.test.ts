import { describe, expect, it } from 'vitest';
import {
  buildChartConfig,
  chartTable,
  describeChart,
  formatTick,
  palette,
  type ChartInput,
  type ValueFormat,
} from '../../src/render/chart-specs.js';

const YEARS = ['2012年', '2013年', '2014年', '2015年'];

const income: ChartInput = {
  id: 'income',
  kind: 'bar',
  title: '2012年至2015年机构收入',
  labels: YEARS,
  datasets: [{ label: '机构收入', data: [80_000, 150_000, 220_000, 545_000] }],
  format: { kind: 'money' },
  locale: 'zh-CN',
};

const projects: ChartInput = {
  id: 'projects',
  kind: 'stacked-bar',
  title: '项目数量',
  labels: ['2014年', '2015年'],
  datasets: [
    { label: '支持类', data: [5, 10] },
    { label: '儿童服务类', data: [8, null] },
  ],
  format: { kind: 'count', unit: '个' },
  locale: 'zh-CN',
};

const funding: ChartInput = {
  id: 'funding',
  kind: 'doughnut',
  title: '2015年资金来源',
  labels: ['政府资助', '其他收入'],
  datasets: [{ label: '金额', data: [450_000, 50_000] }],
  format: { kind: 'money' },
  locale: 'zh-CN',
};

describe('describeChart', () => {
  it.each<[string, ChartInput, string]>([
    [
      'one series, zh-CN',
      income,
      '2012年至2015年机构收入：2012年8万元，2013年15万元，2014年22万元，2015年54.5万元。',
    ],
    [
      'one series, en',
      {
        ...income,
        title: 'Income 2012–2015',
        labels: ['2012', '2013', '2014', '2015'],
        locale: 'en',
      },
      'Income 2012–2015. 2012: ¥80,000; 2013: ¥150,000; 2014: ¥220,000; 2015: ¥545,000.',
    ],
    [
      'digits meeting digits get a colon',
      { ...income, labels: ['2012', '2013', '2014', '2015'] },
      '2012年至2015年机构收入：2012：8万元，2013：15万元，2014：22万元，2015：54.5万元。',
    ],
    [
      'several series, a missing figure',
      projects,
      '项目数量：支持类：2014年5个，2015年10个；儿童服务类：2014年8个，2015年无数据。',
    ],
    [
      'doughnut with shares',
      funding,
      '2015年资金来源：政府资助45万元（占90.0%），其他收入5万元（占10.0%）。',
    ],
    [
      'percent values',
      {
        ...income,
        title: '增长率',
        labels: ['2013年'],
        datasets: [{ label: '增长率', data: [0.875] }],
        format: { kind: 'percent' },
      },
      '增长率：2013年87.5%。',
    ],
  ])('%s', (_name, input, expected) => {
    expect(describeChart(input)).toBe(expected);
  });
});

describe('chartTable', () => {
  it('gives one row per label and one column per series', () => {
    expect(chartTable(projects)).toEqual({
      caption: '项目数量',
      columns: ['项目', '支持类', '儿童服务类'],
      rows: [
        {
          label: '2014年',
          cells: [
            { value: 5, text: '5个' },
            { value: 8, text: '8个' },
          ],
        },
        {
          label: '2015年',
          cells: [
            { value: 10, text: '10个' },
            { value: null, text: '—' },
          ],
        },
      ],
    });
  });

  it('adds a share column to a doughnut', () => {
    const table = chartTable(funding);
    expect(table.columns).toEqual(['项目', '金额', '占比']);
    expect(table.rows[0]?.cells.map((c) => c.text)).toEqual(['45万元', '90.0%']);
    expect(chartTable({ ...funding, locale: 'en' }).columns[2]).toBe('Share');
  });
});

describe('formatTick', () => {
  it.each<[number, ValueFormat, 'zh-CN' | 'en', string]>([
    [0, { kind: 'money' }, 'zh-CN', '0'],
    [200_000, { kind: 'money' }, 'zh-CN', '20万元'],
    [5_000, { kind: 'money' }, 'zh-CN', '5,000元'],
    [150_000_000, { kind: 'money' }, 'zh-CN', '1.5亿元'],
    [200_000, { kind: 'money' }, 'en', '¥200K'],
    [1_500_000, { kind: 'money' }, 'en', '¥1.5M'],
    [0.5, { kind: 'percent' }, 'zh-CN', '50%'],
    [12, { kind: 'count', unit: '个' }, 'zh-CN', '12个'],
    [12_000, { kind: 'count', unit: '人次' }, 'en', '12,000'],
  ])('%s %o %s → %s', (value, format, locale, expected) => {
    expect(formatTick(value, format, locale)).toBe(expected);
  });
});

describe('buildChartConfig', () => {
  it.each<[ChartInput['kind'], string]>([
    ['bar', 'bar'],
    ['stacked-bar', 'bar'],
    ['horizontal-bar', 'bar'],
    ['line', 'line'],
    ['doughnut', 'doughnut'],
  ])('%s: static, untitled, in the report font and palette', (kind, type) => {
    const config = buildChartConfig({ ...projects, kind });
    expect(config.type).toBe(type);
    expect(config.options?.animation).toBe(false);
    expect(config.options?.responsive).toBe(false);
    expect(config.options?.plugins?.title?.display).toBe(false);
    expect(config.options?.plugins?.tooltip?.enabled).toBe(false);
    expect(config.plugins?.map((p) => p.id)).toEqual([
      'reportBackground',
      'reportHatch',
      'reportDataLabels',
    ]);
    const colors = config.data.datasets.flatMap((d) => [d.backgroundColor].flat());
    for (const c of colors) expect(palette.series).toContain(c);
    expect(JSON.stringify(config.options)).toContain('Noto Sans SC');
    expect(JSON.stringify(config.options)).not.toMatch(/"display":true,"text"/);
  });

  it('stacks stacked bars, lays horizontal bars on the y axis, colours series in order', () => {
    const stacked = buildChartConfig(projects);
    expect(stacked.options?.scales?.x).toMatchObject({ stacked: true });
    expect(stacked.options?.scales?.y).toMatchObject({ stacked: true, beginAtZero: true });
    expect(stacked.data.datasets.map((d) => d.backgroundColor)).toEqual(palette.series.slice(0, 2));
    const horizontal = buildChartConfig({ ...income, kind: 'horizontal-bar' });
    expect(horizontal.options).toMatchObject({ indexAxis: 'y' });
  });

  it('shows a legend only when there is something to tell apart', () => {
    expect(buildChartConfig(income).options?.plugins?.legend?.display).toBe(false);
    expect(buildChartConfig(projects).options?.plugins?.legend?.display).toBe(true);
    const doughnut = buildChartConfig(funding);
    expect(doughnut.options?.plugins?.legend?.display).toBe(true);
    expect(doughnut.data.labels).toEqual(['政府资助  45万元  90.0%', '其他收入  5万元  10.0%']);
  });

  it('formats value-axis ticks for the format', () => {
    const config = buildChartConfig(income);
    const y = config.options?.scales?.y as { ticks: { callback: (v: number) => string } };
    expect(y.ticks.callback(400_000)).toBe('40万元');
  });
});
