/**
 * The whole product in one place: load → validate → stats → render → print → write.
 * Infrastructure (files, charts, fonts, the browser, the clock) comes in as `deps`, so tests can
 * run the real path without a browser where they can.
 */
import { randomBytes } from 'node:crypto';
import { ReportError, isReportError } from './errors.js';
import type { ChartFile } from './infra/chart-cache.js';
import type { PrintJob, Printer } from './infra/chromium-printer.js';
import type { OutputWrite } from './infra/write-atomic.js';
import { compileTemplate, type RenderFn } from './render/compile-template.js';
import type { ChartInput } from './render/chart-specs.js';
import { runningHeaderCss } from './render/page-css.js';
import { templateHelpers } from './render/template-helpers.js';
import {
  PLACEHOLDER,
  replaceUncovered,
  type Covers,
  type UncoveredCharacter,
} from './render/uncovered-characters.js';
import type { TemplateSource } from './render/template-source.js';
import { buildView, planCharts, type ChartImage } from './render/view-model.js';
import type { Dataset, Locale } from './schema/files.js';
import { computeStats, type ReportStats } from './stats/index.js';
import { describe } from './validate/messages.js';

export type OutputFormat = 'html' | 'pdf';

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

/** The printer the pipeline needs (src/infra/chromium-printer.ts provides it). */
export type PdfPrinter = Pick<Printer, 'warmUp' | 'print'>;

export interface BuildDeps {
  readDataset(options: {
    dataDir: string;
    cwd: string;
    years?: number[];
    lang?: Locale;
  }): Promise<Dataset>;
  readTemplate(dir: string, locale: Locale, cwd: string): Promise<TemplateSource>;
  /**
   * Renders a compiled template. The CLI renders a custom template in a worker thread with a
   * time budget (src/infra/template-worker.ts), the built-in one in process.
   */
  renderTemplate(
    render: RenderFn,
    source: TemplateSource,
    locale: Locale,
    view: object,
  ): Promise<string>;
  /** A chart as an image file: SVG (vector, text as outlines) or PNG. */
  drawChart(input: ChartInput, size: { widthMm: number; heightMm: number }): Promise<ChartFile>;
  fontCss(text: string): Promise<string>;
  /** What the embedded fonts draw; anything else is printed as {@link PLACEHOLDER}. */
  fontCoverage(): Promise<Covers>;
  /** Returns the printer, launching nothing yet; throws BROWSER_NOT_FOUND when there is none. */
  printer(): PdfPrinter;
  /** The heading → page map a previous build left at this path, or null. */
  readPageHint(path: string): Promise<Map<string, number> | null>;
  /**
   * Starts the write of the outputs (src/infra/write-atomic.ts): each year's files are staged
   * as it finishes, and all of them replaced at once at the end, or none.
   */
  beginWrite(): OutputWrite;
  now(): Date;
  warn(message: string): void;
}

export interface BuildResult {
  year: number;
  files: string[];
  pages: number | null;
}

/**
 * Where the @font-face rules go once the page's characters are known. The marker is new for
 * every page, so no text in the data can be taken for it (a title reading like the marker
 * would otherwise receive the fonts, and the stylesheet lose them).
 */
function fontMarker(): string {
  return `/*report:font-faces:${randomBytes(12).toString('hex')}*/`;
}
/** A base64 data: URL as the report writes them (charts, inline images). */
const DATA_URL = /data:[a-z]+\/[\w.+-]+;base64,[a-z0-9+/=%]+/gi;
const MIME = { svg: 'image/svg+xml', png: 'image/png' } as const;

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
  const render = compileTemplate(template, templateHelpers(locale), {
    lang: options.lang ?? locale,
  });

  // Two years are in flight at once: one is rendered in Node while Chromium prints the other
  // (two processes, two cores). A failure stops the taking of further years. Each year's files
  // are staged as it finishes; they replace the previous ones only when every year is staged,
  // all in one commit, so `--all` replaces every year's files together or none.
  const write = deps.beginWrite();
  const results: BuildResult[] = new Array<BuildResult>(years.length);
  let taken = 0;
  let failed = false;
  const work = async () => {
    while (!failed && taken < years.length) {
      const i = taken++;
      const year = years[i] as number;
      try {
        const page = await renderPage(
          dataset,
          computeStats(dataset, year),
          template,
          render,
          options,
          deps,
        );
        if (page.replaced.length > 0)
          deps.warn(replacedWarning(year, page.replaced, options.lang ?? locale));
        results[i] = await finishYear(year, page, printer, write, options, deps);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Both finish (or fail) before the build reports: nothing is still writing when it does.
  const outcomes = await Promise.allSettled([work(), work()]);
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejected) {
    await write.discard();
    throw noYearWritten(rejected.reason, years.length);
  }
  await write.commit();
  // No browser: the HTML is written, and the build still fails so CI notices (exit 4).
  if (noBrowser) throw noBrowser;
  return { built: results, skipped };
}

/** With several years, a failure says that no year's files were replaced (not just the failed year's). */
function noYearWritten(error: unknown, yearCount: number): unknown {
  if (yearCount < 2 || !isReportError(error) || error.code === 'INTERRUPTED') return error;
  return new ReportError(
    error.code,
    `${error.message} No report was replaced: the files of all ${yearCount} years are replaced together, or none.`,
    {
      exitCode: error.exitCode,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    },
  );
}

/** Prints the year's page and stages its files (the commit at the end replaces them). */
async function finishYear(
  year: number,
  page: RenderedPage,
  printer: PdfPrinter | null,
  write: OutputWrite,
  options: BuildOptions,
  deps: BuildDeps,
): Promise<BuildResult> {
  const dir = `${options.outDir}/${year}`;
  const files: { path: string; data: Uint8Array | string }[] = [];
  if (options.formats.has('html')) {
    files.push({ path: `${dir}/report.html`, data: page.html });
    for (const chart of page.charts) {
      files.push({ path: `${dir}/charts/${chart.name}`, data: chart.bytes });
    }
  }
  let pageCount: number | null = null;
  if (printer) {
    const pageHint = `${dir}/.report-pages.json`;
    const printed = await printPdf(page, printer, await deps.readPageHint(pageHint), deps).catch(
      (error: unknown) => {
        // With --all, say which year's PDF failed.
        if (!isReportError(error)) throw error;
        throw new ReportError(error.code, `${year}: ${error.message}`, {
          exitCode: error.exitCode,
          ...(error.hint === undefined ? {} : { hint: error.hint }),
          cause: error,
        });
      },
    );
    pageCount = printed.pageCount;
    files.push({ path: `${dir}/report.pdf`, data: printed.pdf });
    files.push({
      path: pageHint,
      data: `${JSON.stringify(Object.fromEntries(printed.pages), null, 2)}\n`,
    });
  }
  await write.stage(files);
  return { year, files: files.map((f) => f.path), pages: pageCount };
}

/** The report as HTML: charts drawn, view model built, template rendered, fonts embedded. */
interface RenderedPage {
  html: string;
  /** The contents entries: the heading each one names, and the id of its page-number element. */
  toc: { label: string; pageId: string }[];
  charts: { name: string; bytes: Buffer }[];
  metadata: PrintJob['metadata'];
  /** Characters no embedded font has, printed as the placeholder (each once). */
  replaced: UncoveredCharacter[];
}

async function renderPage(
  dataset: Dataset,
  stats: ReportStats,
  template: TemplateSource,
  render: RenderFn,
  options: BuildOptions,
  deps: BuildDeps,
): Promise<RenderedPage> {
  const locale = dataset.organization.locale;
  // A character no bundled font has would come from a system font (or fail the font's load):
  // it is printed as a visible placeholder instead, in the charts and in the page.
  const covers = await deps.fontCoverage();
  const replaced = new Map<string, UncoveredCharacter>();
  const printable = (text: string): string => {
    const result = replaceUncovered(text, covers);
    for (const r of result.replaced) if (!replaced.has(r.text)) replaced.set(r.text, r);
    return result.text;
  };
  const planned = planCharts(dataset, stats, locale, template.strings);
  const drawn = await Promise.all(
    planned.map((c) => deps.drawChart(mapStrings(c.input, printable), c)),
  );
  const images = new Map<string, ChartImage>(
    planned.map((c, i) => {
      const { bytes, type } = drawn[i] as ChartFile;
      return [
        c.input.id,
        { id: c.input.id, src: `data:${MIME[type]};base64,${bytes.toString('base64')}` },
      ];
    }),
  );
  const view = buildView({
    dataset,
    stats,
    strings: template.strings,
    charts: planned,
    images,
    css: '',
    generator: options.generator,
  });
  // The running header needs the view's names; the stylesheet is set once they are known.
  const styles = template.styles.map((s) => s.source).join('\n');
  const marker = fontMarker();
  view.css = `${marker}\n${styles}\n${runningHeaderCss(view.org.name, view.report.title)}`;
  // Text only: the data: URLs (charts, images, the bulk of the page) hold ASCII.
  const draft = (await deps.renderTemplate(render, template, locale, view))
    .split(new RegExp(`(${DATA_URL.source})`, 'i'))
    .map((part, i) => (i % 2 === 0 ? printable(part) : part))
    .join('');
  // Only the characters this page shows are embedded (page-number digits are always kept).
  // Inline images are left out, and only they: prose that says "data:" keeps its characters.
  const fonts = await deps.fontCss(draft.replace(marker, '').replace(DATA_URL, ''));
  return {
    html: draft.replace(marker, () => fonts),
    // As the headings print, so that the PDF's outline entries are found by these labels.
    toc: view.toc.map((entry) => ({ label: printable(entry.label), pageId: entry.pageId })),
    charts: planned.map((c, i) => ({
      name: `${c.input.id}.${(drawn[i] as ChartFile).type}`,
      bytes: (drawn[i] as ChartFile).bytes,
    })),
    metadata: {
      title: view.report.documentTitle,
      author: view.org.name,
      subject: view.report.subject,
      keywords: view.report.keywords.split(', '),
      creator: options.generator,
      lang: locale,
      creationDate: options.sourceDate ?? deps.now(),
    },
    replaced: [...replaced.values()],
  };
}

/** Every string in a plain value (a chart's input) passed through `map`. */
function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, map)) as T;
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]),
    ) as T;
  return value;
}

function replacedWarning(year: number, replaced: UncoveredCharacter[], lang: Locale): string {
  const list = replaced
    .map((r) => `${r.text} (${r.codePoints})`)
    .join(lang === 'zh-CN' ? '、' : ', ');
  const { message, hint } = describe(
    'glyph_replaced',
    { year, count: replaced.length, list, placeholder: PLACEHOLDER },
    lang,
  );
  return hint ? `${message}${lang === 'zh-CN' ? '；' : '; '}${hint}` : message;
}

/**
 * Prints the page. The contents page shows where each heading landed, which only a print can
 * tell: its numbers start from the last build's (`hint`), so an unchanged layout prints once;
 * otherwise the numbers found are filled in and the page, still loaded, is printed again.
 */
async function printPdf(
  page: RenderedPage,
  printer: PdfPrinter,
  hint: Map<string, number> | null,
  deps: Pick<BuildDeps, 'warn'>,
): Promise<{ pdf: Uint8Array; pageCount: number; pages: Map<string, number> }> {
  const numbers = (pages: Map<string, number>) =>
    Object.fromEntries(page.toc.map((e) => [e.pageId, String(pages.get(e.label) ?? '')]));
  let used = hint;
  const fill: PrintJob['fill'] = async (outline) => {
    if (outline === null) return used === null ? null : numbers(used);
    const found = new Map(outline.map((e) => [e.title, e.page] as const));
    if (samePages(found, used)) return null;
    used = found;
    return numbers(found);
  };
  const result = await printer.print({ html: page.html, metadata: page.metadata, fill });
  for (const blocked of result.blocked) {
    const from = blocked.initiator ? ` (from ${blocked.initiator})` : '';
    deps.warn(
      `blocked ${blocked.resourceType} request to ${blocked.url}${from}: a report may only use inline data: URLs`,
    );
  }
  if (result.failedFonts.length > 0) {
    throw new ReportError(
      'BROWSER_FAILED',
      `fonts did not load in Chromium: ${result.failedFonts.join(', ')}`,
      {
        hint: 'reinstall the dependencies (npm ci): the fonts come from @fontsource packages',
      },
    );
  }
  return { pdf: result.pdf, pageCount: result.pageCount, pages: used ?? new Map() };
}

/** Whether a print's headings landed on the pages its contents page was given. */
function samePages(actual: Map<string, number>, used: Map<string, number> | null): boolean {
  if (used === null || used.size !== actual.size) return false;
  return [...actual].every(([title, page]) => used.get(title) === page);
}
