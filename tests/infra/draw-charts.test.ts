import { describe, expect, it } from 'vitest';
import { drawChart, drawChartSvg } from '../../src/infra/draw-charts.js';
import type { ChartInput } from '../../src/render/chart-specs.js';

const income: ChartInput = {
  id: 'income',
  kind: 'bar',
  title: '2012年至2015年机构收入',
  labels: ['2012年', '2013年', '2014年', '2015年'],
  datasets: [{ label: '机构收入', data: [80_000, 150_000, 220_000, 545_000] }],
  format: { kind: 'money' },
  locale: 'zh-CN',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('drawChart', () => {
  it('draws at print resolution: 160 mm at 96 dpi × 3', async () => {
    const chart = await drawChart(income, { widthMm: 160, heightMm: 80 });
    expect(chart.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(chart).toMatchObject({ cssWidth: 605, cssHeight: 302, width: 1815, height: 906 });
    expect(pngSize(chart.png)).toEqual({ width: 1815, height: 906 });
    const x2 = await drawChart(income, { widthMm: 160, heightMm: 80, scale: 2 });
    expect(pngSize(x2.png)).toEqual({ width: 1210, height: 604 });
  });

  it('gives identical bytes for identical input', async () => {
    const a = await drawChart(income, { widthMm: 120, heightMm: 60 });
    await drawChart({ ...income, kind: 'line' }, { widthMm: 120, heightMm: 60 });
    const b = await drawChart(structuredClone(income), { widthMm: 120, heightMm: 60 });
    expect(a.png.equals(b.png)).toBe(true);
  });

  it('draws Chinese glyphs, not tofu', async () => {
    // Missing glyphs all draw as the same .notdef box: with tofu, two labels of the same
    // length would give the same image.
    const size = { widthMm: 80, heightMm: 50, scale: 1 };
    const one = await drawChart(
      { ...income, labels: ['收入'], datasets: [{ label: '', data: [5] }] },
      size,
    );
    const two = await drawChart(
      { ...income, labels: ['支出'], datasets: [{ label: '', data: [5] }] },
      size,
    );
    expect(one.png.equals(two.png)).toBe(false);
  });

  it.each<ChartInput['kind']>(['bar', 'stacked-bar', 'line', 'doughnut', 'horizontal-bar'])(
    'draws a %s chart, also with null and zero values',
    async (kind) => {
      const chart = await drawChart(
        {
          ...income,
          kind,
          datasets: [
            { label: '甲', data: [0, null, 3, 4] },
            { label: '乙', data: [1, 2, 0, null] },
          ],
          format: { kind: 'count', unit: '个' },
        },
        { widthMm: 100, heightMm: 60, scale: 2 },
      );
      expect(pngSize(chart.png)).toEqual({ width: 756, height: 454 });
    },
  );
});

describe('drawChartSvg', () => {
  it('writes text as outlines, deterministically, with ids private to the chart', async () => {
    const a = await drawChartSvg(income, { widthMm: 160, heightMm: 80 });
    await drawChartSvg({ ...income, id: 'other' }, { widthMm: 160, heightMm: 80 });
    const b = await drawChartSvg(income, { widthMm: 160, heightMm: 80 });
    expect(a.svg).toBe(b.svg);
    expect(a.svg).toMatch(/<svg[^>]* width="605" height="302"/);
    expect(a.svg).not.toContain('<text');
    const ids = [...a.svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^income-/);
  });
});
