/**
 * The whole product in one place: load → validate → stats → render → print → write.
 * Infrastructure (files, charts, fonts, the browser, the clock) comes in as `deps`, so tests can
 * run the real path without a browser where they can.
 */
import { ReportError, isReportError } from './errors.js';
import { compileTemplate, type RenderFn } from './render/compile-template.js';
import type { ChartInput } from './render/chart-specs.js';
import { runningHeaderCss } from './render/page-css.js';
import { templateHelpers } from './render/template-helpers.js';
import type { TemplateSource } from './render/template-source.js';
import { buildView, planCharts, type ChartImage } from './render/view-model.js';
import type { Dataset, Locale } from './schema/files.js';
import { computeStats } from './stats/index.js';

export type OutputFormat = 'html' | 'pdf';
export interface ChartFile {
  bytes: Buffer;
  type: 'svg' | 'png';
}

export interface BuildOptions {
  /** Report years; 'all' builds every year that has a narrative. */
  years: number[] | 'all';
  dataDir: string;
  outDir: string;
  templateDir: string;
  formats: ReadonlySet<OutputFormat>;
  cwd: string;
  lang?: Locale;
  /** Fixed document date (SOURCE_DATE_EPOCH), else the clock. */
  sourceDate: Date | null;
  generator: string;
}

export interface PdfJob {
  html: string;
  metadata: {
    title: string;
    author: string;
    subject: string;
    keywords: string[];
    creator: string;
    lang: string;
    creationDate: Date;
  };
}
export interface PdfPrinter {
  warmUp(): void;
  print(job: PdfJob): Promise<{
    pdf: Uint8Array;
    pageCount: number;
    blocked: { url: string; resourceType: string; initiator?: string }[];
    failedFonts: string[];
  }>;
}

export interface BuildDeps {
  readDataset(options: {
    dataDir: string;
    cwd: string;
    years?: number[];
    lang?: Locale;
  }): Promise<Dataset>;
  readTemplate(dir: string, locale: Locale, cwd: string): Promise<TemplateSource>;
  /** A chart as an image file: SVG (vector, text as outlines) or PNG. */
  drawChart(input: ChartInput, size: { widthMm: number; heightMm: number }): Promise<ChartFile>;
  fontCss(text: string): Promise<string>;
  /** Returns the printer, launching nothing yet; throws BROWSER_NOT_FOUND when there is none. */
  printer(): PdfPrinter;
  readOutlinePages(pdf: Uint8Array): Promise<{ title: string; page: number }[]>;
  /** The heading → page map a previous build left at this path, or null. */
  readPageHint(path: string): Promise<Map<string, number> | null>;
  writeFiles(files: { path: string; data: Uint8Array | string }[]): Promise<void>;
  now(): Date;
  warn(message: string): void;
}

export interface BuildResult {
  year: number;
  files: string[];
  pages: number | null;
}

const FONT_MARKER = '/*report:font-faces*/';

export interface BuildSummary {
  built: BuildResult[];
  /** With --all: years that have data but no narrative.yaml, so no report. */
  skipped: number[];
}

export async function buildReports(options: BuildOptions, deps: BuildDeps): Promise<BuildSummary> {
  // Chromium starts while the data is read, checked and rendered.
  let printer: PdfPrinter | null = null;
  let noBrowser: ReportError | null = null;
  if (options.formats.has('pdf')) {
    try {
      printer = deps.printer();
      printer.warmUp();
    } catch (error) {
      if (!isReportError(error) || error.code !== 'BROWSER_NOT_FOUND') throw error;
      noBrowser = error;
    }
  }

  const dataset = await deps.readDataset({
    dataDir: options.dataDir,
    cwd: options.cwd,
    ...(options.years === 'all' ? {} : { years: options.years }),
    ...(options.lang ? { lang: options.lang } : {}),
  });
  const years =
    options.years === 'all'
      ? dataset.years.filter((y) => y.narrative !== null).map((y) => y.year)
      : options.years;
  const skipped =
    options.years === 'all'
      ? dataset.years.filter((y) => y.narrative === null).map((y) => y.year)
      : [];
  const locale = dataset.organization.locale;
  const template = await deps.readTemplate(options.templateDir, locale, options.cwd);
  const render = compileTemplate(template, templateHelpers(locale));

  const results: BuildResult[] = [];
  for (const year of years)
    results.push(await buildYear(year, dataset, template, render, printer, options, deps));
  // No browser: the HTML is written, and the build still fails so CI notices (exit 4).
  if (noBrowser) throw noBrowser;
  return { built: results, skipped };
}

async function buildYear(
  year: number,
  dataset: Dataset,
  template: TemplateSource,
  render: RenderFn,
  printer: PdfPrinter | null,
  options: BuildOptions,
  deps: BuildDeps,
): Promise<BuildResult> {
  const stats = computeStats(dataset, year);
  const locale = dataset.organization.locale;
  const charts = planCharts(dataset, stats, locale, template.strings);
  const drawn = await Promise.all(charts.map((c) => deps.drawChart(c.input, c)));
  const mime = { svg: 'image/svg+xml', png: 'image/png' } as const;
  const images = new Map<string, ChartImage>(
    charts.map((c, i) => {
      const image = drawn[i] as ChartFile;
      return [
        c.input.id,
        {
          id: c.input.id,
          src: `data:${mime[image.type]};base64,${image.bytes.toString('base64')}`,
        },
      ];
    }),
  );

  const styles = template.styles.map((s) => s.source).join('\n');
  const view = (pages: Map<string, number> | null, css: string) =>
    buildView({
      dataset,
      stats,
      strings: template.strings,
      charts,
      images,
      css,
      pages,
      generator: options.generator,
    });
  const first = view(null, '');
  const css = `${FONT_MARKER}\n${styles}\n${runningHeaderCss(first.org.name, first.report.title)}`;
  const draft = render(view(null, css));
  // Fonts: only what this page shows (digits for page numbers are in the always-kept Latin set).
  const fonts = await deps.fontCss(draft.replace(/data:[^"')\s]+/g, ''));
  const withFonts = (html: string) => html.replace(FONT_MARKER, () => fonts);
  const html = withFonts(draft);

  const dir = `${options.outDir}/${year}`;
  const files: { path: string; data: Uint8Array | string }[] = [];
  if (options.formats.has('html')) {
    files.push({ path: `${dir}/report.html`, data: html });
    charts.forEach((c, i) => {
      const image = drawn[i] as ChartFile;
      files.push({ path: `${dir}/charts/${c.input.id}.${image.type}`, data: image.bytes });
    });
  }

  let pageCount: number | null = null;
  if (printer) {
    const metadata = {
      title: first.report.documentTitle,
      author: dataset.organization.name,
      subject: first.report.subject,
      keywords: first.report.keywords.split(', '),
      creator: options.generator,
      lang: locale,
      creationDate: options.sourceDate ?? deps.now(),
    };
    // The contents page shows where each heading landed, which only a print can tell. Start
    // from the numbers of the last build of this year (kept beside the output), so an unchanged
    // layout prints once; otherwise print again with the numbers found until they agree.
    const pageHint = `${dir}/.report-pages.json`;
    const print = async (pages: Map<string, number> | null) => {
      const result = await printer.print({
        html: pages ? withFonts(render(view(pages, css))) : html,
        metadata,
      });
      const outline = await deps.readOutlinePages(result.pdf);
      return { result, pages: new Map(outline.map((e) => [e.title, e.page] as const)) };
    };
    let used = await deps.readPageHint(pageHint);
    let attempt = await print(used);
    for (let pass = 0; pass < 3 && !samePages(attempt.pages, used); pass += 1) {
      used = attempt.pages;
      attempt = await print(used);
    }
    const printed = attempt.result;
    for (const blocked of printed.blocked) {
      const from = blocked.initiator ? ` (from ${blocked.initiator})` : '';
      deps.warn(
        `blocked ${blocked.resourceType} request to ${blocked.url}${from}: a report may only use inline data: URLs`,
      );
    }
    if (printed.failedFonts.length > 0) {
      throw new ReportError(
        'BROWSER_FAILED',
        `fonts did not load in Chromium: ${printed.failedFonts.join(', ')}`,
        {
          hint: 'reinstall the dependencies (npm ci): the fonts come from @fontsource packages',
        },
      );
    }
    pageCount = printed.pageCount;
    files.push({ path: `${dir}/report.pdf`, data: printed.pdf });
    files.push({
      path: pageHint,
      data: `${JSON.stringify(Object.fromEntries(attempt.pages), null, 2)}\n`,
    });
  }

  await deps.writeFiles(files);
  return { year, files: files.map((f) => f.path), pages: pageCount };
}

/** Whether a print's headings landed on the pages its contents page was given. */
function samePages(actual: Map<string, number>, used: Map<string, number> | null): boolean {
  if (used === null || used.size !== actual.size) return false;
  return [...actual].every(([title, page]) => used.get(title) === page);
}
