/**
 * Charts and tables in the places the template's layout gives them, numbered in reading order
 * (图1, 图2 … and 表1 … as the sections are read, a section's own figures after its subsections).
 */
import { chartTable, describeChart, unlabelledIn, type ChartTable } from '../chart-specs.js';
import type { TemplateLayout } from '../layout.js';
import type { DrawnChart } from '../plan-charts.js';
import { text, type Strings } from './strings.js';
import type { TableView, UnnumberedTable } from './tables.js';

export interface ChartView {
  anchor: string;
  number: string;
  caption: string;
  /** The SVG as a data: URL. */
  src: string;
  alt: string;
  widthMm: number;
  /** The chart's figures as a table, for screen readers of the HTML. */
  data: ChartTable;
  /** Some figures found no room on the chart: the table is shown below it, also in print. */
  listed: boolean;
}
export interface FigureView {
  chart: ChartView | null;
  table: TableView | null;
}

/**
 * The figure and table numbers of the whole report, handed out in reading order: the sections'
 * charts and tables first, then those of the parts after them (财务概况).
 */
export interface FigureNumbers {
  figure: () => string;
  table: () => string;
}

export function figureNumbers(strings: Strings): FigureNumbers {
  let figureNo = 0;
  let tableNo = 0;
  return {
    figure: () => text(strings, 'figureNumber', { n: ++figureNo }),
    table: () => text(strings, 'tableNumber', { n: ++tableNo }),
  };
}

/** Hands out each place's figures, numbered; call it in reading order. */
export type FiguresAt = (
  section: string,
  subsection: number | null,
  subsectionCount: number,
) => FigureView[];

export function placeFigures(
  layout: TemplateLayout,
  charts: readonly DrawnChart[],
  tables: ReadonlyMap<string, UnnumberedTable>,
  numbers: FigureNumbers,
): FiguresAt {
  const byId = new Map(charts.map((c) => [c.input.id, c]));
  const figureView = (figure: TemplateLayout['figures'][number]): FigureView | null => {
    if ('chart' in figure) {
      const chart = byId.get(figure.chart);
      if (!chart) throw new Error(`chart ${figure.chart} was not drawn`);
      return {
        chart: {
          anchor: `figure-${chart.input.id}`,
          number: numbers.figure(),
          caption: chart.input.title,
          ...svgFacts(chart.svg),
          alt: describeChart(chart.input),
          data: chartTable(chart.input),
          widthMm: chart.widthMm,
        },
        table: null,
      };
    }
    const table = tables.get(figure.table);
    if (!table) return null; // nothing to show (no awards, no media this year)
    return {
      chart: null,
      table: { ...table, number: numbers.table() },
    };
  };
  return (section, subsection, subsectionCount) =>
    layout.figures
      .filter(
        (f) =>
          f.section === section &&
          (f.subsection === subsection ||
            (subsection === null && f.subsection !== null && f.subsection >= subsectionCount)),
      )
      .map(figureView)
      .filter((view): view is FigureView => view !== null);
}

/**
 * What the page takes of a drawn chart: its data: URL, and whether figures found no room on it.
 * Kept by the SVG's bytes (the same object for an unchanged chart, from preview's chart memory),
 * so a preview rebuilding its page on every save does not encode its charts again (≈ 10–20 ms).
 */
const factsBySvg = new WeakMap<Uint8Array, { src: string; listed: boolean }>();
function svgFacts(svg: Uint8Array): { src: string; listed: boolean } {
  let facts = factsBySvg.get(svg);
  if (facts === undefined) {
    facts = {
      src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      listed: unlabelledIn(Buffer.from(svg).toString('utf8')) > 0,
    };
    factsBySvg.set(svg, facts);
  }
  return facts;
}
