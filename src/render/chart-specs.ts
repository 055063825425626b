/**
 * Chart specifications: plain series in, Chart.js configurations, alt text and data tables
 * out. Pure: no canvas and no Chart.js runtime here (types only); src/infra/draw-charts.ts
 * draws what this builds.
 *
 * The look is a printed annual report's, not a dashboard's: one deep teal for a single series,
 * muted companions for more, no title inside the image (the HTML figure caption carries it),
 * the figures written on the bars, light horizontal rules and no frame.
 *
 * Printed on an office printer in black and white, the series stay apart: the first three are
 * three steps of lightness, the next ones carry hatching (seriesStyle). Every figure is written
 * with its unit and qualifier as the text writes it (近40次, 54.5万元); a segment too thin to hold
 * its figure gets it beside the bar, and a doughnut's legend lists every segment with its amount
 * and share. A year without data keeps its place on the axis, marked "无数据".
 */
import type { Chart, ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import type { Locale } from '../schema/files.js';
import { apportion } from '../stats/index.js';
import { DASH, formatCount, formatMoney, formatPercent } from './format.js';

export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'doughnut' | 'horizontal-bar';

/** How values are written: money in integer yuan, ratios as percentages, or counts with a unit. */
export type ValueFormat =
  { kind: 'money' } | { kind: 'percent'; digits?: number } | { kind: 'count'; unit: string };

export interface ChartSeries {
  label: string;
  /** One value per label; null where there is no figure. */
  data: readonly (number | null)[];
  /**
   * Each value as the rest of the report writes it, with its qualifier and unit ("近40次");
   * by default the value formatted by `format`.
   */
  texts?: readonly (string | null)[];
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
  /**
   * A doughnut's shares in integer per-mille, as `report stats` gives them (largest remainder,
   * adding up to 1000); by default apportioned here the same way.
   */
  sharesPermille?: readonly (number | null)[];
  /** What a category without any figure is marked with on the axis ("无数据"); default by locale. */
  noDataLabel?: string;
  /** Heads the labels' column of the chart's data table ("年份", "类别"); default by locale. */
  labelsHeading?: string;
}

/** Print-friendly colours; the report CSS reads the same values. */
export const palette = {
  /**
   * Series colours in order: deep teal first, then muted companions. The first three are far
   * apart in lightness (grey 75, 128, 202 of 255); the others are told apart by their hatching
   * (HATCHES), so six series stay distinct on a black-and-white print.
   */
  series: ['#1f5a6e', '#5f8f8a', '#e0c89c', '#8c4f3a', '#b0b0c4', '#1f5a6e'],
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

export type Hatch = 'none' | 'diagonal' | 'back-diagonal' | 'cross';

/** The hatching drawn over each series colour, in the order of palette.series. */
const HATCHES: readonly { hatch: Hatch; ink: string }[] = [
  { hatch: 'none', ink: '' },
  { hatch: 'none', ink: '' },
  { hatch: 'none', ink: '' },
  { hatch: 'diagonal', ink: '#ffffff' },
  { hatch: 'back-diagonal', ink: palette.ink },
  { hatch: 'cross', ink: '#ffffff' },
];

export interface SeriesStyle {
  /** The fill colour. */
  color: string;
  /** Lines drawn over the fill, and their colour. */
  hatch: Hatch;
  hatchColor: string;
}

/** How series `index` is filled: colour and hatching (the palette repeats after six). */
export function seriesStyle(index: number): SeriesStyle {
  const i = index % palette.series.length;
  const { hatch, ink } = HATCHES[i] ?? { hatch: 'none', ink: '' };
  return { color: palette.series[i] ?? palette.series[0], hatch, hatchColor: ink };
}

function seriesColor(index: number): string {
  return seriesStyle(index).color;
}

/** Spacing of hatch lines and their width, in CSS px. */
const HATCH_GAP = 5;
const HATCH_WIDTH = 1.3;

/** Draws the hatch lines of `style` inside the current clip, over the box given. */
function drawHatch(
  ctx: CanvasRenderingContext2D,
  style: SeriesStyle,
  box: { left: number; top: number; right: number; bottom: number },
): void {
  if (style.hatch === 'none') return;
  ctx.strokeStyle = style.hatchColor;
  ctx.lineWidth = HATCH_WIDTH;
  const size = box.right - box.left + (box.bottom - box.top);
  const lines = (direction: 1 | -1) => {
    ctx.beginPath();
    // Lines at 45°, anchored on a fixed grid so neighbouring segments' stripes line up.
    const start = Math.floor((box.left - (box.bottom - box.top)) / HATCH_GAP) * HATCH_GAP;
    for (let x = start; x <= box.left + size; x += HATCH_GAP) {
      if (direction === 1) {
        ctx.moveTo(x, box.bottom);
        ctx.lineTo(x + (box.bottom - box.top), box.top);
      } else {
        ctx.moveTo(x, box.top);
        ctx.lineTo(x + (box.bottom - box.top), box.bottom);
      }
    }
    ctx.stroke();
  };
  if (style.hatch === 'diagonal' || style.hatch === 'cross') lines(1);
  if (style.hatch === 'back-diagonal' || style.hatch === 'cross') lines(-1);
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

/**
 * A short axis tick with its unit: "20万元", "5,000元", "¥200K", "50%", "12个". The unit of a
 * count is written in Chinese only (an English unit word is too long for a tick).
 */
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
    return `${value < 0 ? '−' : ''}${n}${unit}元`;
  }
  const n = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    maximumFractionDigits: 2,
    useGrouping: locale === 'en' || Math.abs(value) >= 1e4,
  }).format(value);
  return format.kind === 'count' && locale !== 'en' && value !== 0 ? `${n}${format.unit}` : n;
}

function font(size = FONT_SIZE, weight: 400 | 700 = 400) {
  return { family: FONT_STACK, size, weight, lineHeight: 1.2 };
}

/** Value `index` of series `seriesIndex` as the report writes it: its text, else formatted. */
export function valueText(input: ChartInput, seriesIndex: number, index: number): string {
  const series = input.datasets[seriesIndex];
  const text = series?.texts?.[index];
  if (text !== undefined && text !== null) return text;
  return formatValue(series?.data[index] ?? null, formatOf(input), input.locale);
}

/**
 * A doughnut's shares in per-mille: those given, else apportioned by largest remainder
 * (as `report stats` does), else (fractional values) rounded.
 */
export function sharesPermille(input: ChartInput): (number | null)[] {
  const data = input.datasets[0]?.data ?? [];
  if (input.sharesPermille) return input.labels.map((_, i) => input.sharesPermille?.[i] ?? null);
  const parts = data.map((v) => (v !== null && Number.isFinite(v) && v > 0 ? v : 0));
  const whole = parts.every((v) => Number.isInteger(v)) ? apportion(parts, 1000) : null;
  const total = parts.reduce((s, v) => s + v, 0);
  return data.map((v, i) =>
    v === null || total <= 0 ? null : (whole?.[i] ?? Math.round((parts[i] ?? 0) * (1000 / total))),
  );
}

/** A per-mille share as the report writes shares: 917 → "91.7%". */
export function formatShare(permille: number | null, locale: Locale): string {
  return formatPercent(permille === null ? null : permille / 1000, { digits: 1 }, locale);
}

function noDataLabel(input: ChartInput): string {
  return input.noDataLabel ?? (input.locale === 'en' ? 'no data' : '无数据');
}

/** What the drawing plugins leave on the chart for the caller: figures they could not place. */
export interface ChartDrawReport {
  /** Figures drawn neither on nor beside their mark (the figure must then list them). */
  unlabelled: number;
}
const REPORT_KEY = '$report';
/** The attribute of the <svg> element that counts the figures a drawn chart could not place. */
export const UNLABELLED_ATTRIBUTE = 'data-unlabelled';

/** How many figures a drawn SVG could not place (read back from UNLABELLED_ATTRIBUTE). */
export function unlabelledIn(svg: string): number {
  const m = new RegExp(`<svg [^>]*${UNLABELLED_ATTRIBUTE}="([0-9]+)"`).exec(svg.slice(0, 2000));
  return m ? Number(m[1]) : 0;
}
type WithReport = { [REPORT_KEY]?: ChartDrawReport };

/** The figures a drawn chart could not place (0 when every mark carries its figure). */
export function drawReport(chart: Chart): ChartDrawReport {
  return (chart as unknown as WithReport)[REPORT_KEY] ?? { unlabelled: 0 };
}

type Box = { left: number; top: number; right: number; bottom: number };

/** Ink text on a small white plate: readable over hatching and over any fill. */
function plateText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  const width = ctx.measureText(text).width;
  ctx.fillStyle = palette.background;
  ctx.fillRect(x - width / 2 - 2, y - FONT_SIZE / 2 - 1, width + 4, FONT_SIZE + 2);
  ctx.fillStyle = palette.ink;
  ctx.fillText(text, x, y);
}

/** The rectangle of a bar element (vertical or horizontal). */
function barBox(element: { getProps: (k: string[], f: boolean) => unknown }, horizontal: boolean) {
  const p = element.getProps(['x', 'y', 'base', 'width', 'height'], true) as {
    x: number;
    y: number;
    base: number;
    width: number;
    height: number;
  };
  return horizontal
    ? {
        left: Math.min(p.x, p.base),
        right: Math.max(p.x, p.base),
        top: p.y - p.height / 2,
        bottom: p.y + p.height / 2,
      }
    : {
        left: p.x - p.width / 2,
        right: p.x + p.width / 2,
        top: Math.min(p.y, p.base),
        bottom: Math.max(p.y, p.base),
      };
}

/** Hatching over the bars, segments and legend boxes of the series that carry it. */
function hatchPlugin(input: ChartInput): Plugin {
  const styleOfItem = (item: { datasetIndex?: number; index?: number }) =>
    seriesStyle(input.kind === 'doughnut' ? (item.index ?? 0) : (item.datasetIndex ?? 0));
  return {
    id: 'reportHatch',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((_, di) => {
        if (!chart.isDatasetVisible(di)) return;
        chart.getDatasetMeta(di).data.forEach((element, i) => {
          const style = seriesStyle(input.kind === 'doughnut' ? i : di);
          if (style.hatch === 'none') return;
          ctx.save();
          ctx.beginPath();
          let box: Box;
          if (input.kind === 'doughnut') {
            const a = element.getProps(
              ['x', 'y', 'startAngle', 'endAngle', 'innerRadius', 'outerRadius'],
              true,
            ) as Record<string, number>;
            const [x, y, r] = [a.x ?? 0, a.y ?? 0, a.outerRadius ?? 0];
            ctx.arc(x, y, r, a.startAngle ?? 0, a.endAngle ?? 0);
            ctx.arc(x, y, a.innerRadius ?? 0, a.endAngle ?? 0, a.startAngle ?? 0, true);
            ctx.closePath();
            box = { left: x - r, right: x + r, top: y - r, bottom: y + r };
          } else if (input.kind === 'line') {
            ctx.restore();
            return;
          } else {
            box = barBox(element, input.kind === 'horizontal-bar');
            ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
          }
          ctx.clip();
          drawHatch(ctx, style, box);
          ctx.restore();
        });
      });
    },
    afterDraw(chart) {
      const legend = chart.legend;
      if (!legend || !chart.options.plugins?.legend?.display) return;
      const items = legend.legendItems ?? [];
      const boxes = (legend as unknown as { legendHitBoxes?: Box[] }).legendHitBoxes ?? [];
      const labels = legend.options.labels;
      const boxWidth = Number(labels.boxWidth);
      const boxHeight = Number(labels.boxHeight);
      items.forEach((item, i) => {
        const style = styleOfItem(item);
        const hit = boxes[i] as unknown as { left: number; top: number } | undefined;
        if (style.hatch === 'none' || !hit) return;
        const top = hit.top + Math.max((FONT_SIZE - boxHeight) / 2, 0);
        const box = { left: hit.left, top, right: hit.left + boxWidth, bottom: top + boxHeight };
        const ctx = chart.ctx;
        ctx.save();
        ctx.beginPath();
        ctx.rect(box.left, box.top, boxWidth, boxHeight);
        ctx.clip();
        drawHatch(ctx, style, box);
        ctx.restore();
      });
    },
  };
}

/** Draws each figure on its bar, point or segment: a tiny plugin instead of a dependency. */
function dataLabelsPlugin(input: ChartInput): Plugin {
  const format = formatOf(input);
  return {
    id: 'reportDataLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      const regular = `400 ${FONT_SIZE}px ${FONT_STACK}`;
      ctx.font = regular;
      const datasets = chart.data.datasets;
      const visible = datasets.map((_, i) => chart.isDatasetVisible(i));
      const permille = input.kind === 'doughnut' ? sharesPermille(input) : [];
      let unlabelled = 0;
      /** Stacked segments too thin for their figure, by category: labelled beside the bar. */
      const beside = new Map<number, { y: number; right: number; text: string }[]>();

      datasets.forEach((dataset, di) => {
        if (!visible[di]) return;
        const meta = chart.getDatasetMeta(di);
        meta.data.forEach((element, i) => {
          const raw = dataset.data[i];
          const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
          if (value === null) return;
          const text = valueText(input, di, i);
          const { x, y, base } = element.getProps(['x', 'y', 'base'], true) as {
            x: number;
            y: number;
            base: number;
          };
          const style = seriesStyle(di);
          switch (input.kind) {
            case 'bar':
            case 'line': {
              const below = value < 0;
              ctx.fillStyle = palette.ink;
              ctx.textAlign = 'center';
              ctx.textBaseline = below ? 'top' : 'bottom';
              ctx.fillText(text, x, y + (below ? 4 : input.kind === 'line' ? -8 : -4));
              return;
            }
            case 'horizontal-bar':
              ctx.fillStyle = palette.ink;
              ctx.textAlign = value < 0 ? 'right' : 'left';
              ctx.textBaseline = 'middle';
              ctx.fillText(text, x + (value < 0 ? -4 : 4), y);
              return;
            case 'stacked-bar': {
              if (value === 0) return;
              const box = barBox(element, false);
              const fits =
                box.bottom - box.top >= FONT_SIZE + 4 &&
                ctx.measureText(text).width + 4 <= box.right - box.left;
              ctx.textAlign = 'center';
              ctx.textBaseline = 'middle';
              if (fits && style.hatch !== 'none') plateText(ctx, text, x, (y + base) / 2);
              else if (fits) {
                ctx.fillStyle = textColorOn(style.color);
                ctx.fillText(text, x, (y + base) / 2);
              } else {
                const list = beside.get(i) ?? [];
                list.push({ y: (y + base) / 2, right: box.right, text });
                beside.set(i, list);
              }
              return;
            }
            case 'doughnut': {
              if (di !== 0) return;
              const share = permille[i] ?? null;
              if (share === null || share < 50) return; // listed in the legend
              const centre = element.tooltipPosition(true);
              const shareText = formatShare(share, input.locale);
              const seg = seriesStyle(i);
              ctx.textAlign = 'center';
              ctx.textBaseline = 'middle';
              if (seg.hatch !== 'none') plateText(ctx, shareText, centre.x ?? x, centre.y ?? y);
              else {
                ctx.fillStyle = textColorOn(seg.color);
                ctx.fillText(shareText, centre.x ?? x, centre.y ?? y);
              }
              return;
            }
          }
        });
      });

      if (input.kind === 'stacked-bar') {
        unlabelled += labelBeside(chart, ctx, beside);
        unlabelled += drawStackTotals(chart, ctx, input, format, visible);
      }
      markGaps(chart, ctx, input);
      ctx.restore();
      (chart as unknown as WithReport)[REPORT_KEY] = { unlabelled };
    },
  };
}

/**
 * Writes the figures of thin stacked segments to the right of their bar, each on a short
 * leader line, spread apart where they would overlap and kept within the plot; returns how
 * many found no room.
 */
function labelBeside(
  chart: Chart,
  ctx: CanvasRenderingContext2D,
  beside: Map<number, { y: number; right: number; text: string }[]>,
): number {
  let unlabelled = 0;
  const area = chart.chartArea;
  const step = FONT_SIZE + 2;
  for (const [i, list] of beside) {
    // The next bar's left edge (or the canvas edge) bounds the room beside this one.
    const next = chart.getDatasetMeta(0).data[i + 1];
    const limit = next ? barBox(next, false).left - 2 : chart.width - 2;
    list.sort((a, b) => a.y - b.y);
    // Top down, each at least a line below the one above; then, if the last ran below the
    // axis, bottom up, each at least a line above the one below.
    const ys = list.map((l) => l.y);
    for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k] ?? 0, (ys[k - 1] ?? 0) + step);
    const bottom = area.bottom - FONT_SIZE / 2;
    if ((ys[ys.length - 1] ?? 0) > bottom) ys[ys.length - 1] = bottom;
    for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k] ?? 0, (ys[k + 1] ?? 0) - step);
    list.forEach((label, k) => {
      const y = ys[k] ?? label.y;
      const width = ctx.measureText(label.text).width;
      const textX = label.right + 8;
      if (textX + width > limit || y - FONT_SIZE / 2 < 0) {
        unlabelled++;
        return;
      }
      ctx.strokeStyle = palette.muted;
      ctx.lineWidth = 0.75;
      ctx.beginPath();
      ctx.moveTo(label.right + 1, label.y);
      ctx.lineTo(label.right + 6, y);
      ctx.stroke();
      ctx.fillStyle = palette.ink;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(label.text, textX, y);
    });
  }
  return unlabelled;
}

/**
 * The total above each stack, in bold, where it touches no bar and no other total; returns how
 * many found no room (the chart's table, shown then, has every figure).
 */
function drawStackTotals(
  chart: Chart,
  ctx: CanvasRenderingContext2D,
  input: ChartInput,
  format: ValueFormat,
  visible: boolean[],
): number {
  type Box = { left: number; right: number; top: number; bottom: number };
  const stacks: { text: string; centre: number; top: number }[] = [];
  // Nothing is written over a bar: every stack's box is taken before any total is placed.
  const taken: Box[] = [];
  const count = input.labels.length;
  for (let i = 0; i < count; i++) {
    let sum = 0;
    let any = false;
    let top = Infinity;
    let centre = 0;
    chart.data.datasets.forEach((dataset, di) => {
      const raw = dataset.data[i];
      if (!visible[di] || typeof raw !== 'number' || !Number.isFinite(raw)) return;
      any = true;
      sum += raw;
      const element = chart.getDatasetMeta(di).data[i];
      if (!element) return;
      const box = barBox(element, false);
      taken.push(box);
      top = Math.min(top, box.top);
      centre = (box.left + box.right) / 2;
    });
    if (!any || !Number.isFinite(top)) continue;
    stacks.push({ text: formatValue(sum, format, input.locale), centre, top });
  }
  ctx.fillStyle = palette.ink;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.font = `700 ${FONT_SIZE}px ${FONT_STACK}`;
  const clashes = (b: Box) =>
    taken.some((t) => b.left < t.right && t.left < b.right && b.top < t.bottom && t.top < b.bottom);
  let unlabelled = 0;
  // Narrow bars (many years) would put their totals over one another: a total that would
  // touch one already written goes one line higher, else it is left to the chart's table.
  for (const { text, centre, top } of stacks) {
    const half = ctx.measureText(text).width / 2 + 1;
    const at = (bottom: number): Box => ({
      left: centre - half,
      right: centre + half,
      top: bottom - FONT_SIZE - 1,
      bottom,
    });
    let box = at(top - 4);
    if (clashes(box)) box = at(top - 4 - FONT_SIZE - 2);
    if (clashes(box) || box.top < 0) {
      unlabelled++;
      continue;
    }
    ctx.fillText(text, centre, box.bottom);
    taken.push(box);
  }
  ctx.font = `400 ${FONT_SIZE}px ${FONT_STACK}`;
  return unlabelled;
}

/** A category without any figure (a year with no data) is marked on the axis, not skipped. */
function markGaps(chart: Chart, ctx: CanvasRenderingContext2D, input: ChartInput): void {
  if (input.kind === 'doughnut') return;
  const area = chart.chartArea;
  input.labels.forEach((_, i) => {
    const empty = input.datasets.every((s) => {
      const v = s.data[i];
      return v === null || v === undefined || !Number.isFinite(v);
    });
    if (!empty) return;
    ctx.fillStyle = palette.muted;
    ctx.font = `400 ${FONT_SIZE}px ${FONT_STACK}`;
    if (input.kind === 'horizontal-bar') {
      const y = chart.scales.y?.getPixelForValue(i) ?? 0;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(noDataLabel(input), area.left + 4, y);
    } else {
      const x = chart.scales.x?.getPixelForValue(i) ?? 0;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(noDataLabel(input), x, area.bottom - 4);
    }
  });
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
  const extra = [backgroundPlugin, hatchPlugin(input), dataLabelsPlugin(input)];

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
      const permille = sharesPermille(input);
      return {
        type: 'doughnut',
        data: {
          // The legend is the doughnut's key and lists every segment with its amount and share
          // (a thin segment has no room on the ring); shares from 5 % also sit on the ring.
          labels: labels.map(
            (label, i) =>
              `${label}  ${valueText(input, 0, i)}  ${formatShare(permille[i] ?? null, input.locale)}`,
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
          // Room right of the last stack for the figures of its thin segments.
          ...(stacked ? { layout: { padding: { ...PADDING, right: 48 } } } : {}),
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

/**
 * Alt text that states every figure, e.g. "2012年至2015年机构收入：2012年8万元，2013年15万元，
 * 2014年22万元，2015年54.5万元。" With several series, one clause per series.
 */
export function describeChart(input: ChartInput): string {
  const { locale } = input;
  const zh = locale !== 'en';
  const series = input.kind === 'doughnut' ? input.datasets.slice(0, 1) : input.datasets;
  const share = input.kind === 'doughnut' ? sharesPermille(input) : [];
  const clauses = series.map((s) => {
    const si = input.datasets.indexOf(s);
    const items = input.labels.map((label, i) => {
      const raw = s.data[i] ?? null;
      let value = raw === null ? noDataLabel(input) : valueText(input, si, i);
      const p = share[i];
      if (p !== undefined && p !== null) {
        const pct = formatShare(p, locale);
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
  /** Column headings; the first heads the row-label column. */
  columns: string[];
  rows: { label: string; cells: ChartTableCell[] }[];
}

/** The chart's figures as a table: one row per label, one column per series (+ share for a doughnut). */
export function chartTable(input: ChartInput): ChartTable {
  const { locale } = input;
  const series = input.kind === 'doughnut' ? input.datasets.slice(0, 1) : input.datasets;
  const share = input.kind === 'doughnut' && series[0] ? sharesPermille(input) : null;
  const corner = input.labelsHeading ?? (locale === 'en' ? 'Item' : '项目');
  const columns = [corner, ...series.map((s) => s.label)];
  if (share) columns.push(locale === 'en' ? 'Share' : '占比');
  const rows = input.labels.map((label, i) => {
    const gap = series.every((s) => (s.data[i] ?? null) === null);
    const cells = series.map((s, si) => {
      const value = s.data[i] ?? null;
      return {
        value,
        text: value === null ? (gap ? noDataLabel(input) : DASH) : valueText(input, si, i),
      };
    });
    if (share) {
      const value = share[i] ?? null;
      cells.push({ value: value === null ? null : value / 1000, text: formatShare(value, locale) });
    }
    return { label, cells };
  });
  return { caption: input.title, columns, rows };
}
