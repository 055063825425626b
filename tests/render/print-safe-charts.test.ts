/**
 * Charts a funder reads on paper: series apart in greyscale (drawn through the real Chart.js on
 * the canvas, rasterised, converted to grey and measured), every figure written with its unit and
 * qualifier as the text writes it, shares from the largest-remainder permille, a year without
 * data kept on the axis.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { ChartConfiguration } from 'chart.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawChartSvg } from '../../src/infra/draw-charts.js';
import { readDataset } from '../../src/read-dataset.js';
import {
  buildChartConfig,
  chartTable,
  describeChart,
  drawReport,
  formatTick,
  palette,
  unlabelledIn,
  type ChartInput,
} from '../../src/render/chart-specs.js';
import { parseLayout } from '../../src/render/layout.js';
import { planCharts } from '../../src/render/plan-charts.js';
import type { Dataset, Income } from '../../src/schema/files.js';
import { computeStats } from '../../src/stats/index.js';

const ROOT = join(import.meta.dirname, '../..');
const zhStrings = JSON.parse(
  readFileSync(join(ROOT, 'templates/default/locales/zh-CN.json'), 'utf8'),
) as Record<string, unknown>;
const allCharts = parseLayout(
  {
    figures: ['income', 'staff', 'projects', 'services', 'funding'].map((chart) => ({
      chart,
      section: 'x',
      widthMm: 150,
      heightMm: 64,
    })),
  },
  'layout.json',
);

let example: Dataset;
beforeAll(async () => {
  example = await readDataset({ dataDir: 'data', cwd: ROOT });
});

function chartsOf(dataset: Dataset, year: number): Map<string, ChartInput> {
  const stats = computeStats(dataset, year);
  return new Map(
    planCharts(stats, 'zh-CN', zhStrings, allCharts).map((c) => [c.input.id, c.input]),
  );
}

/** Rec. 601 luma, as a greyscale printer or `pdftoppm -gray` converts a colour. */
const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The bounding boxes of the SVG's filled paths in `colours` larger than a legend swatch. */
function markBoxes(svg: string, colours: readonly string[]): Box[] {
  const wanted = new Set(colours.map((c) => c.toUpperCase()));
  const boxes: Box[] = [];
  for (const m of svg.matchAll(/<path fill="(#[0-9A-F]{6})" d="([^"]+)"/g)) {
    if (!wanted.has(m[1] as string)) continue;
    const numbers = [...(m[2] as string).matchAll(/-?[0-9.]+/g)].map((n) => Number(n[0]));
    const xs = numbers.filter((_, i) => i % 2 === 0);
    const ys = numbers.filter((_, i) => i % 2 === 1);
    const box = {
      left: Math.min(...xs),
      right: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
    };
    if ((box.right - box.left) * (box.bottom - box.top) > 400) boxes.push(box);
  }
  return boxes.sort((a, b) => a.left - b.left);
}

/** Mean and standard deviation of the grey (0–255) inside each box, the SVG drawn at 2×. */
async function greyInside(svg: string, boxes: Box[]): Promise<{ mean: number; sd: number }[]> {
  const image = await loadImage(Buffer.from(svg));
  const scale = 2;
  const canvas = createCanvas(image.width * scale, image.height * scale);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const { data, width } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return boxes.map((box) => {
    // The lower quarter of the bar, away from its edges and from the figure written on it.
    const x0 = Math.ceil((box.left + 3) * scale);
    const x1 = Math.floor((box.right - 3) * scale);
    const y1 = Math.floor((box.bottom - 3) * scale);
    const y0 = Math.ceil(y1 - ((box.bottom - box.top) / 4) * scale);
    const values: number[] = [];
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const i = (y * width + x) * 4;
        values.push(luma(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0));
      }
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    return { mean, sd };
  });
}

describe('greyscale', () => {
  it('keeps six series apart once the chart is printed in grey', async () => {
    // Series i has one bar, in category i: the bars, left to right, are the series in order.
    const six = 6;
    const input: ChartInput = {
      id: 'grey',
      kind: 'stacked-bar',
      title: '六类收入',
      labels: Array.from({ length: six }, (_, i) => `${2010 + i}年`),
      datasets: Array.from({ length: six }, (_, s) => ({
        label: `来源${s + 1}`,
        data: Array.from({ length: six }, (_, i) => (i === s ? 100_000 : null)),
      })),
      format: { kind: 'money' },
      locale: 'zh-CN',
    };
    const { svg } = await drawChartSvg(input, { widthMm: 170, heightMm: 70 });
    const boxes = markBoxes(svg, palette.series);
    expect(boxes).toHaveLength(six);
    const greys = await greyInside(svg, boxes);
    // Two fills read apart on paper when their grey differs by 20 of 255 (about 8 %), or when
    // one is hatched and the other is not (their spread of grey differs as much).
    for (let a = 0; a < six; a++)
      for (let b = a + 1; b < six; b++) {
        const ga = greys[a] as { mean: number; sd: number };
        const gb = greys[b] as { mean: number; sd: number };
        const apart = Math.abs(ga.mean - gb.mean) >= 20 || Math.abs(ga.sd - gb.sd) >= 20;
        expect(apart, `series ${a + 1} and ${b + 1}: ${JSON.stringify([ga, gb])}`).toBe(true);
      }
  });

  it('labels every segment of the example income chart, on its bar or beside it', async () => {
    const input = chartsOf(example, 2015).get('income') as ChartInput;
    expect(input.datasets.map((d) => d.label)).toEqual([
      '政府资助',
      '基金会资助',
      '个人捐赠',
      '服务收费',
    ]);
    const drawn = await drawChartSvg(input, { widthMm: 150, heightMm: 64 });
    // Every segment carries its figure, on the bar or beside it: nothing left unlabelled.
    expect(drawn.unlabelled).toBe(0);
    expect(unlabelledIn(drawn.svg)).toBe(0);
  });
});

describe('figures as the text writes them', () => {
  it('writes the unit on the money axis (60万元, not 60万)', () => {
    expect(formatTick(600_000, { kind: 'money' }, 'zh-CN')).toBe('60万元');
  });

  it('keeps 近, 余 and 约 in the services chart and gives each bar its unit', () => {
    const services = chartsOf(example, 2015).get('services') as ChartInput;
    const table = chartTable(services);
    const row = (label: string) => table.rows.find((r) => r.label === label)?.cells[0]?.text;
    expect(row('个案服务')).toBe('近40节');
    expect(row('个别探访')).toBe('近20次');
    expect(row('社区宣传')).toBe('24场');
    expect(describeChart(services)).toContain('个案服务近40节');
  });

  it('gives three equal sources 33.4 / 33.3 / 33.3 %, as report stats does', () => {
    const data = structuredClone(example);
    const year = data.years.find((y) => y.year === 2015) as Dataset['years'][number];
    const income: Income = {
      year: 2015,
      lines: [
        { source: '甲', kind: 'government', amount: 66_000 },
        { source: '乙', kind: 'foundation', amount: 66_000 },
        { source: '丙', kind: 'donations', amount: 66_000 },
      ],
    };
    year.income = income;
    const funding = chartsOf(data, 2015).get('funding') as ChartInput;
    const shares = chartTable(funding).rows.map((r) => r.cells[1]?.text);
    expect(shares).toEqual(['33.4%', '33.3%', '33.3%']);
    expect(describeChart(funding)).toContain('（占33.4%）');
  });

  it('says 91.7 % for the example government share on the doughnut, never 92 %', () => {
    const funding = chartsOf(example, 2015).get('funding') as ChartInput;
    expect(chartTable(funding).rows[0]?.cells[1]?.text).toBe('91.7%');
  });
});

describe('a year without data', () => {
  it('keeps its place on the axis, marked, never drawn as consecutive years', async () => {
    const data = structuredClone(example);
    // 2013 removed: the charts run 2012, 2013 (no data), 2014, 2015.
    data.years = data.years.filter((y) => y.year !== 2013);
    const charts = chartsOf(data, 2015);
    for (const id of ['income', 'staff', 'projects']) {
      const input = charts.get(id) as ChartInput;
      expect(input.labels, id).toEqual(['2012年', '2013年', '2014年', '2015年']);
      expect(
        input.datasets.every((d) => d.data[1] === null),
        id,
      ).toBe(true);
      expect(chartTable(input).rows[1]?.cells[0]?.text, id).toBe('无数据');
      expect(describeChart(input), id).toContain('2013年无数据');
    }
    // The drawing marks the gap: the same chart without the mark would have fewer outlines.
    const income = charts.get('income') as ChartInput;
    const marked = await drawChartSvg(income, { widthMm: 150, heightMm: 64 });
    const unmarked = await drawChartSvg(
      { ...income, noDataLabel: '' },
      { widthMm: 150, heightMm: 64 },
    );
    expect(marked.svg.length).toBeGreaterThan(unmarked.svg.length);
  });
});

describe('a chart too crowded for its figures', () => {
  it('says so, and the figure then lists them below the chart', async () => {
    const years = Array.from({ length: 16 }, (_, i) => `${2000 + i}年`);
    const input: ChartInput = {
      id: 'crowded',
      kind: 'stacked-bar',
      title: '收入',
      labels: years,
      datasets: [
        { label: '政府资助', data: years.map(() => 500_000) },
        { label: '个人捐赠', data: years.map(() => 12_345) },
      ],
      format: { kind: 'money' },
      locale: 'zh-CN',
    };
    const drawn = await drawChartSvg(input, { widthMm: 90, heightMm: 50 });
    expect(drawn.unlabelled).toBeGreaterThan(0);
    expect(unlabelledIn(drawn.svg)).toBe(drawn.unlabelled);
  });
});

describe('the totals above many narrow stacks', () => {
  it('are written apart (one line higher where they would touch), or left to the table', async () => {
    const years = Array.from({ length: 20 }, (_, i) => `${1996 + i}年`);
    const input: ChartInput = {
      id: 'totals',
      kind: 'stacked-bar',
      title: '收入',
      labels: years,
      datasets: [
        { label: '政府资助', data: years.map((_, i) => 4_000_000 + 131_000 * i) },
        { label: '基金会资助', data: years.map((_, i) => 2_400_000 + 77_000 * i) },
      ],
      format: { kind: 'money' },
      locale: 'zh-CN',
    };
    await drawChartSvg(input, { widthMm: 150, heightMm: 60 }); // registers the chart font
    const { Chart, registerables } = await import('chart.js');
    Chart.register(...registerables);
    const canvas = createCanvas(567, 227);
    const real = canvas.getContext('2d');
    const totals: { left: number; right: number; top: number; bottom: number }[] = [];
    // Chart.js draws on the canvas's own context: its fillText is watched in place.
    const fillText = real.fillText.bind(real);
    real.fillText = (text: string, x: number, y: number) => {
      if (/^(700|bold) /.test(real.font)) {
        const half = real.measureText(text).width / 2;
        totals.push({ left: x - half, right: x + half, top: y - 12, bottom: y });
      }
      fillText(text, x, y);
    };
    const chart = new Chart(
      real as unknown as CanvasRenderingContext2D,
      buildChartConfig(input) as ChartConfiguration,
    );
    try {
      const { unlabelled } = drawReport(chart);
      expect(totals.length).toBeGreaterThan(0);
      expect(totals.length + unlabelled).toBeGreaterThanOrEqual(years.length);
      for (const [i, a] of totals.entries())
        for (const b of totals.slice(i + 1))
          expect(
            a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
            `totals over one another: ${JSON.stringify([a, b])}`,
          ).toBe(false);
    } finally {
      chart.destroy();
    }
  });
});
