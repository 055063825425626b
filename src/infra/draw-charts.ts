/**
 * Draws chart specifications to SVG at build time with Chart.js on @napi-rs/canvas: vector,
 * sharp at any print size, the text converted to outlines so the file needs no font.
 *
 * Chart.js and the canvas are imported on first use, so commands that draw no chart never pay
 * for them. Text is laid out with the bundled Noto Sans SC slices (the machine may have no CJK
 * font at all); only the slices a chart needs are registered, once per process.
 * Animation is off, so Chart.js draws synchronously inside its constructor: no race, and the
 * same input gives the same bytes.
 */
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import {
  buildChartConfig,
  CHART_FONT_FAMILY,
  describeChart,
  drawReport,
  UNLABELLED_ATTRIBUTE,
  type ChartInput,
} from '../render/chart-specs.js';
import { fontFilesFor, type FontFamilySpec } from './fonts.js';

export interface DrawOptions {
  /** Printed width and height of the figure. */
  widthMm: number;
  heightMm: number;
}

export interface DrawnSvg {
  svg: string;
  cssWidth: number;
  cssHeight: number;
  /** Figures the chart had no room to write (the figure then lists them beside the chart). */
  unlabelled: number;
}

const CSS_PX_PER_MM = 96 / 25.4;

const CHART_FONTS: FontFamilySpec[] = [
  { family: CHART_FONT_FAMILY, package: '@fontsource/noto-sans-sc', weights: [400, 700] },
];
/** Characters the axes may show besides the chart's own text (ticks: "20万", "¥200K", "50%"). */
const TICK_CHARACTERS = '0123456789.,−-+%¥万亿元KMBT—';

type Runtime = {
  Chart: typeof ChartType;
  canvas: typeof import('@napi-rs/canvas');
};

let runtime: Promise<Runtime> | undefined;
const registeredFonts = new Set<string>();

function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const [{ Chart, registerables }, canvas] = await Promise.all([
      import('chart.js'),
      import('@napi-rs/canvas'),
    ]);
    Chart.register(...registerables);
    Chart.defaults.font.family = `"${CHART_FONT_FAMILY}", sans-serif`;
    return { Chart, canvas };
  })();
  return runtime;
}

/** Registers, once each, the Noto Sans SC slices that cover the chart's text. */
async function registerFontsFor(input: ChartInput, canvas: Runtime['canvas']): Promise<void> {
  const text = [
    input.title,
    ...input.labels,
    ...input.datasets.map((d) => d.label),
    describeChart(input),
    TICK_CHARACTERS,
  ].join('');
  for (const slice of await fontFilesFor({ families: CHART_FONTS, text })) {
    if (registeredFonts.has(slice.path)) continue;
    if (!canvas.GlobalFonts.registerFromPath(slice.path, CHART_FONT_FAMILY)) {
      throw new Error(`The canvas could not load the font file ${slice.path}.`);
    }
    registeredFonts.add(slice.path);
  }
}

function cssSize(options: DrawOptions): { cssWidth: number; cssHeight: number } {
  return {
    cssWidth: Math.max(1, Math.round(options.widthMm * CSS_PX_PER_MM)),
    cssHeight: Math.max(1, Math.round(options.heightMm * CSS_PX_PER_MM)),
  };
}

function configFor(input: ChartInput, devicePixelRatio: number): ChartConfiguration {
  // Widened from the per-type union: the Chart constructor takes one chart type at a time.
  const config = buildChartConfig(input) as ChartConfiguration;
  return { ...config, options: { ...config.options, devicePixelRatio } };
}

/**
 * Skia numbers clip paths with a process-wide counter (cl_9, cl_a, …): renumber them per chart
 * and prefix the chart id, so the same input gives the same SVG and several SVGs can share one
 * HTML document without id clashes.
 */
function renumberClipIds(svg: string, chartId: string): string {
  const prefix = chartId.replace(/[^A-Za-z0-9_-]/g, '_');
  const ids = new Map<string, string>();
  return svg.replace(/(id="|url\(#)(cl_[0-9A-Za-z]+)/g, (_match, before: string, id: string) => {
    let renamed = ids.get(id);
    if (renamed === undefined) {
      renamed = `${prefix}-clip-${ids.size + 1}`;
      ids.set(id, renamed);
    }
    return `${before}${renamed}`;
  });
}

/**
 * The numbers of the path data (`d="…"`) to 1/100 of a CSS pixel (0.003 mm in print), and no
 * indentation between the elements (the text is outlines: no element holds text). Skia writes
 * six decimals, and the charts' glyph outlines were then a fifth of Chromium's work on a page
 * (the three charts of a generated year: 690 KB of SVG); a reader sees no difference.
 */
export function roundPathData(svg: string): string {
  return svg.replace(/>\s+</g, '><').replace(/ d="([^"]*)"/g, (_match, data: string) => {
    const rounded = data.replace(/-?\d*\.\d+(?:e-?\d+)?/gi, (n) => {
      const r = Math.round(Number(n) * 100) / 100;
      return Object.is(r, -0) ? '0' : String(r);
    });
    return ` d="${rounded}"`;
  });
}

/**
 * Draws one chart as SVG with its text converted to outlines, so the file needs no font.
 * Sized in CSS pixels; scale-free.
 */
export async function drawChartSvg(input: ChartInput, options: DrawOptions): Promise<DrawnSvg> {
  const rt = await loadRuntime();
  await registerFontsFor(input, rt.canvas);
  const { cssWidth, cssHeight } = cssSize(options);
  const canvas = rt.canvas.createCanvas(
    cssWidth,
    cssHeight,
    rt.canvas.SvgExportFlag.ConvertTextToPaths,
  );
  const config = configFor(input, 1);
  const chart = new rt.Chart(
    canvas.getContext('2d') as unknown as CanvasRenderingContext2D,
    config,
  );
  try {
    const { unlabelled } = drawReport(chart);
    let svg = roundPathData(renumberClipIds(canvas.getContent().toString('utf8'), input.id));
    // Kept in the SVG itself, so a chart from the cache says it as the drawn one did.
    if (unlabelled > 0) svg = svg.replace('<svg ', `<svg ${UNLABELLED_ATTRIBUTE}="${unlabelled}" `);
    return { svg, cssWidth, cssHeight, unlabelled };
  } finally {
    chart.destroy();
  }
}
