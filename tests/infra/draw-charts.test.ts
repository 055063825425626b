import { describe, expect, it } from 'vitest';
import { drawChartSvg, roundPathData } from '../../src/infra/draw-charts.js';
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

describe('drawChartSvg', () => {
  it('gives identical bytes for identical input', async () => {
    const a = await drawChartSvg(income, { widthMm: 120, heightMm: 60 });
    await drawChartSvg({ ...income, kind: 'line' }, { widthMm: 120, heightMm: 60 });
    const b = await drawChartSvg(structuredClone(income), { widthMm: 120, heightMm: 60 });
    expect(a.svg).toBe(b.svg);
  });

  it('draws Chinese glyphs, not tofu', async () => {
    // Missing glyphs all draw as the same .notdef box: with tofu, two labels of the same
    // length would give the same outlines.
    const size = { widthMm: 80, heightMm: 50 };
    const one = await drawChartSvg(
      { ...income, labels: ['收入'], datasets: [{ label: '', data: [5] }] },
      size,
    );
    const two = await drawChartSvg(
      { ...income, labels: ['支出'], datasets: [{ label: '', data: [5] }] },
      size,
    );
    expect(one.svg).not.toBe(two.svg);
  });

  it.each<ChartInput['kind']>(['bar', 'stacked-bar', 'line', 'doughnut', 'horizontal-bar'])(
    'draws a %s chart, also with null and zero values',
    async (kind) => {
      const chart = await drawChartSvg(
        {
          ...income,
          kind,
          datasets: [
            { label: '甲', data: [0, null, 3, 4] },
            { label: '乙', data: [1, 2, 0, null] },
          ],
          format: { kind: 'count', unit: '个' },
        },
        { widthMm: 100, heightMm: 60 },
      );
      expect(chart).toMatchObject({ cssWidth: 378, cssHeight: 227 });
      expect(chart.svg).toMatch(/<svg[^>]* width="378" height="227"/);
      expect(chart.svg).toContain('<path');
    },
  );

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

describe('the charts’ SVG, compact', () => {
  it('writes path coordinates to 1/100 px, without indentation, and is a valid SVG file', async () => {
    const { svg } = await drawChartSvg(income, { widthMm: 160, heightMm: 80 });
    const data = [...svg.matchAll(/ d="([^"]*)"/g)].map((m) => m[1]!).join(' ');
    expect(data.length).toBeGreaterThan(1000);
    expect(data).not.toMatch(/\d\.\d{3}/); // Skia writes six decimals
    expect(svg).not.toMatch(/>\s+</);
    expect(svg.startsWith('<?xml version="1.0" encoding="utf-8" ?><svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('rounds only the path data, and never writes -0', () => {
    const svg =
      '<?xml version="1.0" ?>\n<svg width="10.5">\n\t<path stroke-width="0.25" d="M1.004 -2.005L-0.001 3.999Z"/>\n</svg>';
    expect(roundPathData(svg)).toBe(
      '<?xml version="1.0" ?><svg width="10.5"><path stroke-width="0.25" d="M1 -2L0 4Z"/></svg>',
    );
  });
});
