/**
 * Chart specifications: plain series in, Chart.js configurations, alt text and data tables
 * out. Pure: no canvas and no Chart.js runtime here (types only); src/infra/draw-charts.ts
 * draws what this builds.
 *
 * The look is a printed annual report's, not a dashboard's: one deep teal for a single series,
 * muted companions for more, no title inside the image (the HTML figure caption carries it),
 * the figures written on the bars, light horizontal rules and no frame.
 */
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import type { Locale } from '../schema/files.js';
import { formatCount, formatMoney, formatPercent } from './format.js';

export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'doughnut' | 'horizontal-bar';

/** How values are written: money in integer yuan, ratios as percentages, or counts with a unit. */
export type ValueFormat =
  { kind: 'money' } | { kind: 'percent'; digits?: number } | { kind: 'count'; unit: string };

export interface ChartSeries {
  label: string;
  /** One value per label; null where there is no figure. */
  data: readonly (number | null)[];
}

export interface ChartInput {
  /** Stable id: file names and HTML ids are made from it. */
  id: string;
  kind: ChartKind;
  /** The figure caption; also opens the alt text ("2012年至2015年机构收入"). */
  title: string;
  /** Category labels as displayed ("2012年" or "2012"); a doughnut's segment names. */
  labels: readonly string[];
  /** A doughnut uses only the first series. */
  datasets: readonly ChartSeries[];
  /** Default: a count without unit. */
  format?: ValueFormat;
  locale: Locale;
}

/** Print-friendly colours; the report CSS reads the same values. */
export const palette = {
  /** Series colours in order: deep teal first, then muted companions. */
  series: ['#1f5a6e', '#86a9a6', '#c9a26b', '#8e8ea6', '#b5705a', '#c8d3cc'],
  /** Figures and legend text. */
  ink: '#262626',
  /** Axis tick labels. */
  muted: '#666666',
  /** Horizontal rules behind bars. */
  grid: '#e3e3e3',
  /** The category axis line. */
  axis: '#9e9e9e',
  background: '#ffffff',
} as const;

/** The canvas registers the bundled Noto Sans SC slices under this family name. */
export const CHART_FONT_FAMILY = 'Noto Sans SC';
const FONT_STACK = `"${CHART_FONT_FAMILY}", sans-serif`;
/** Sizes in CSS px of the printed figure: 12 px at print size is 9 pt. */
const FONT_SIZE = 12;

function seriesColor(index: number): string {
  return palette.series[index % palette.series.length] ?? palette.series[0];
}

/** White text on dark fills, ink on light ones (relative luminance of the fill). */
function textColorOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return luminance < 0.5 ? '#ffffff' : palette.ink;
}

function formatOf(input: ChartInput): ValueFormat {
  return input.format ?? { kind: 'count', unit: '' };
}

/** A figure in full, as in the text: "54.5万元", "87.5%", "6位". */
export function formatValue(value: number | null, format: ValueFormat, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (format.kind) {
    case 'money':
      return formatMoney(value, locale);
    case 'percent':
      return formatPercent(value, { digits: format.digits ?? 1 }, locale);
    case 'count':
      return formatCount({ value, approx: null }, format.unit, locale);
  }
}

/** A short axis tick: "20万", "¥200K", "50%", "1,000". */
export function formatTick(value: number, format: ValueFormat, locale: Locale): string {
  if (format.kind === 'percent') return formatPercent(value, { digits: 0 }, locale);
  if (format.kind === 'money' && value !== 0) {
    if (locale === 'en') {
      const compact = new Intl.NumberFormat('en-US', {
        notation: 'compact',
        maximumFractionDigits: 1,
      }).format(Math.abs(value));
      return `${value < 0 ? '−' : ''}¥${compact}`;
    }
    const abs = Math.abs(value);
    const [unit, divisor] = abs >= 1e8 ? ['亿', 1e8] : abs >= 1e4 ? ['万', 1e4] : ['', 1];
    const n = new Intl.NumberFormat('zh-CN', {
      maximumFractionDigits: 1,
      useGrouping: unit === '',
    }).format(abs / divisor);
    return `${value < 0 ? '−' : ''}${n}${unit}`;
  }
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    maximumFractionDigits: 2,
    useGrouping: locale === 'en' || Math.abs(value) >= 1e4,
  }).format(value);
}

function font(size = FONT_SIZE, weight: 400 | 700 = 400) {
  return { family: FONT_STACK, size, weight, lineHeight: 1.2 };
}

/** Draws each figure on its bar, point or segment: a tiny plugin instead of a dependency. */
function dataLabelsPlugin(input: ChartInput): Plugin {
  const format = formatOf(input);
  return {
    id: 'reportDataLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `400 ${FONT_SIZE}px ${FONT_STACK}`;
      const datasets = chart.data.datasets;
      const visible = datasets.map((_, i) => chart.isDatasetVisible(i));
      const lastVisible = visible.lastIndexOf(true);
      const total = datasets[0]?.data.reduce<number>((sum, v) => sum + (Number(v) || 0), 0) ?? 0;

      datasets.forEach((dataset, di) => {
        if (!visible[di]) return;
        const meta = chart.getDatasetMeta(di);
        meta.data.forEach((element, i) => {
          const raw = dataset.data[i];
          const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
          if (value === null) return;
          const { x, y, base } = element.getProps(['x', 'y', 'base'], true) as {
            x: number;
            y: number;
            base: number;
          };
          const fill = seriesColor(di);
          switch (input.kind) {
            case 'bar':
            case 'line': {
              const below = value < 0;
              ctx.fillStyle = palette.ink;
              ctx.textAlign = 'center';
              ctx.textBaseline = below ? 'top' : 'bottom';
              ctx.fillText(
                formatValue(value, format, input.locale),
                x,
                y + (below ? 4 : input.kind === 'line' ? -8 : -4),
              );
              return;
            }
            case 'horizontal-bar':
              ctx.fillStyle = palette.ink;
              ctx.textAlign = value < 0 ? 'right' : 'left';
              ctx.textBaseline = 'middle';
              ctx.fillText(formatValue(value, format, input.locale), x + (value < 0 ? -4 : 4), y);
              return;
            case 'stacked-bar': {
              if (Math.abs(base - y) >= FONT_SIZE + 4) {
                ctx.fillStyle = textColorOn(fill);
                ctx.textAlign = 'center';
                ctx.textBaseline = 'middle';
                ctx.fillText(formatValue(value, format, input.locale), x, (y + base) / 2);
              }
              if (di === lastVisible) {
                const sum = datasets.reduce(
                  (s, d, k) => s + (visible[k] ? Number(d.data[i]) || 0 : 0),
                  0,
                );
                ctx.fillStyle = palette.ink;
                ctx.textBaseline = 'bottom';
                ctx.font = `700 ${FONT_SIZE}px ${FONT_STACK}`;
                ctx.fillText(formatValue(sum, format, input.locale), x, y - 4);
                ctx.font = `400 ${FONT_SIZE}px ${FONT_STACK}`;
              }
              return;
            }
            case 'doughnut': {
              if (di !== 0 || total <= 0 || value / total < 0.05) return;
              const centre = element.tooltipPosition(true);
              ctx.fillStyle = textColorOn(seriesColor(i));
              ctx.textAlign = 'center';
              ctx.textBaseline = 'middle';
              ctx.fillText(
                formatPercent(value / total, { digits: 0 }, input.locale),
                centre.x ?? x,
                centre.y ?? y,
              );
              return;
            }
          }
        });
      });
      ctx.restore();
    },
  };
}

/** An opaque paper-white ground, so the image prints and embeds the same everywhere. */
const backgroundPlugin: Plugin = {
  id: 'reportBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function valueAxis(input: ChartInput, stacked: boolean) {
  const format = formatOf(input);
  return {
    beginAtZero: true,
    stacked,
    grace: '12%',
    border: { display: false },
    grid: { color: palette.grid, lineWidth: 1, drawTicks: false },
    ticks: {
      color: palette.muted,
      font: font(),
      padding: 8,
      maxTicksLimit: 6,
      ...(format.kind === 'percent' ? {} : { precision: 0 }),
      callback: (value: number | string) => formatTick(Number(value), format, input.locale),
    },
  };
}

function categoryAxis(stacked: boolean) {
  return {
    stacked,
    grid: { display: false },
    border: { display: true, color: palette.axis, width: 1 },
    ticks: { color: palette.ink, font: font(), padding: 6 },
  };
}

function legend(input: ChartInput) {
  const display = input.kind === 'doughnut' || input.datasets.length > 1;
  return {
    display,
    position: input.kind === 'doughnut' ? ('right' as const) : ('top' as const),
    align: input.kind === 'doughnut' ? ('center' as const) : ('end' as const),
    labels: { color: palette.ink, font: font(), boxWidth: 10, boxHeight: 10, padding: 14 },
  };
}

const PADDING = { top: 8, right: 12, bottom: 4, left: 4 };

function commonOptions() {
  return {
    responsive: false,
    maintainAspectRatio: false,
    animation: false as const,
    events: [],
    layout: { padding: PADDING },
  };
}

function commonPlugins(input: ChartInput) {
  return {
    title: { display: false },
    subtitle: { display: false },
    tooltip: { enabled: false },
    legend: legend(input),
  };
}

export type ReportChartConfiguration =
  ChartConfiguration<'bar'> | ChartConfiguration<'line'> | ChartConfiguration<'doughnut'>;

function barDatasets(input: ChartInput): ChartDataset<'bar', (number | null)[]>[] {
  const single = input.datasets.length === 1 && input.kind !== 'stacked-bar';
  return input.datasets.map((series, i) => ({
    label: series.label,
    data: [...series.data],
    backgroundColor: seriesColor(i),
    borderWidth: input.kind === 'stacked-bar' ? { top: 1, bottom: 0, left: 0, right: 0 } : 0,
    borderColor: palette.background,
    barPercentage: single ? 0.62 : 0.8,
    categoryPercentage: single ? 0.8 : 0.7,
    maxBarThickness: 56,
  }));
}

/** The Chart.js configuration for one chart, with animation off and a data-label plugin. */
export function buildChartConfig(input: ChartInput): ReportChartConfiguration {
  const labels = [...input.labels];
  const plugins = commonPlugins(input);
  const extra = [backgroundPlugin, dataLabelsPlugin(input)];

  switch (input.kind) {
    case 'line':
      return {
        type: 'line',
        data: {
          labels,
          datasets: input.datasets.map((series, i) => ({
            label: series.label,
            data: [...series.data],
            borderColor: seriesColor(i),
            backgroundColor: seriesColor(i),
            borderWidth: 2,
            pointRadius: 3.5,
            pointBorderWidth: 0,
            tension: 0,
            spanGaps: false,
          })),
        },
        options: {
          ...commonOptions(),
          plugins,
          scales: { x: { ...categoryAxis(false), offset: true }, y: valueAxis(input, false) },
        },
        plugins: extra,
      };
    case 'doughnut': {
      const series = input.datasets[0] ?? { label: input.title, data: [] };
      const format = formatOf(input);
      return {
        type: 'doughnut',
        data: {
          // The legend is the doughnut's key and carries each amount; shares sit on the ring.
          labels: labels.map(
            (label, i) => `${label}  ${formatValue(series.data[i] ?? null, format, input.locale)}`,
          ),
          datasets: [
            {
              label: series.label,
              data: series.data.map((v) => v ?? 0),
              backgroundColor: labels.map((_, i) => seriesColor(i)),
              borderColor: palette.background,
              borderWidth: 2,
            },
          ],
        },
        options: { ...commonOptions(), cutout: '55%', plugins },
        plugins: extra,
      };
    }
    case 'horizontal-bar':
      return {
        type: 'bar',
        data: { labels, datasets: barDatasets(input) },
        options: {
          ...commonOptions(),
          indexAxis: 'y',
          layout: { padding: { ...PADDING, right: 24 } },
          plugins,
          // The figures stand at the bar ends, so the value axis would only repeat them.
          scales: {
            y: categoryAxis(false),
            x: { ...valueAxis(input, false), grace: '18%', display: false },
          },
        },
        plugins: extra,
      };
    case 'bar':
    case 'stacked-bar': {
      const stacked = input.kind === 'stacked-bar';
      return {
        type: 'bar',
        data: { labels, datasets: barDatasets(input) },
        options: {
          ...commonOptions(),
          plugins,
          scales: { x: categoryAxis(stacked), y: valueAxis(input, stacked) },
        },
        plugins: extra,
      };
    }
  }
}

/** Joins a label and its figure: "2012年8万元", but "2012：8万元" where two digits would meet. */
function joinZh(label: string, value: string): string {
  return /[0-9A-Za-z]$/.test(label) && /^[0-9A-Za-z¥]/.test(value)
    ? `${label}：${value}`
    : `${label}${value}`;
}

function shares(data: readonly (number | null)[]): (number | null)[] {
  const total = data.reduce<number>((s, v) => s + (v ?? 0), 0);
  return data.map((v) => (v === null || total <= 0 ? null : v / total));
}

/**
 * Alt text that states every figure, e.g. "2012年至2015年机构收入：2012年8万元，2013年15万元，
 * 2014年22万元，2015年54.5万元。" With several series, one clause per series.
 */
export function describeChart(input: ChartInput): string {
  const { locale } = input;
  const format = formatOf(input);
  const zh = locale !== 'en';
  const series = input.kind === 'doughnut' ? input.datasets.slice(0, 1) : input.datasets;
  const clauses = series.map((s) => {
    const share = input.kind === 'doughnut' ? shares(s.data) : [];
    const items = input.labels.map((label, i) => {
      const raw = s.data[i] ?? null;
      let value = raw === null ? (zh ? '无数据' : 'no data') : formatValue(raw, format, locale);
      const p = share[i];
      if (p !== undefined && p !== null) {
        const pct = formatPercent(p, { digits: 1 }, locale);
        value += zh ? `（占${pct}）` : ` (${pct})`;
      }
      return zh ? joinZh(label, value) : `${label}: ${value}`;
    });
    const list = items.join(zh ? '，' : '; ');
    return series.length > 1 ? (zh ? `${s.label}：${list}` : `${s.label}: ${list}`) : list;
  });
  const body = clauses.join(zh ? '；' : '. ');
  return zh ? `${input.title}：${body}。` : `${input.title}. ${body}.`;
}

export interface ChartTableCell {
  value: number | null;
  text: string;
}

export interface ChartTable {
  caption: string;
  /** Column headings; the first heads the row-label column (empty). */
  columns: string[];
  rows: { label: string; cells: ChartTableCell[] }[];
}

/** The chart's figures as a table: one row per label, one column per series (+ share for a doughnut). */
export function chartTable(input: ChartInput): ChartTable {
  const { locale } = input;
  const format = formatOf(input);
  const series = input.kind === 'doughnut' ? input.datasets.slice(0, 1) : input.datasets;
  const share = input.kind === 'doughnut' && series[0] ? shares(series[0].data) : null;
  const columns = ['', ...series.map((s) => s.label)];
  if (share) columns.push(locale === 'en' ? 'Share' : '占比');
  const rows = input.labels.map((label, i) => {
    const cells = series.map((s) => {
      const value = s.data[i] ?? null;
      return { value, text: formatValue(value, format, locale) };
    });
    if (share) {
      const value = share[i] ?? null;
      cells.push({ value, text: formatPercent(value, { digits: 1 }, locale) });
    }
    return { label, cells };
  });
  return { caption: input.title, columns, rows };
}
