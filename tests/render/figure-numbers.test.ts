/**
 * Every chart and table of a report is numbered in one series, in reading order: the 财务概况
 * part after the sections goes on from the sections' last 图 and 表 numbers (its chart and table
 * printed without numbers among numbered ones).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHtml } from '../robustness/build-html.js';

describe('figure and table numbers', () => {
  it('run on through the finance part of examples/qinghe', async () => {
    const { html } = await buildHtml(join(import.meta.dirname, '../../examples/qinghe'), 2024);
    const numbers = [...html.matchAll(/<span class="fig-no">([^<]*)<\/span>/g)].map((m) => m[1]);
    const series = (prefix: string) => numbers.filter((n) => n?.startsWith(prefix));
    const expected = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
    const figures = series('图');
    const tables = series('表');
    expect(figures).toEqual(expected('图', figures.length));
    expect(tables).toEqual(expected('表', tables.length));
    const finance = html.slice(html.indexOf('<section class="finance"'));
    // The finance part is the last with figures: its chart and table close the two series.
    expect(finance).toContain(
      `<figcaption><span class="fig-no">${figures.at(-1)}</span>2023—2024年收入与支出`,
    );
    expect(finance).toContain(
      `<caption><span class="fig-no">${tables.at(-1)}</span>2024年支出构成`,
    );
    expect(figures.length).toBeGreaterThan(1);
    expect(tables.length).toBeGreaterThan(1);
  });
});
