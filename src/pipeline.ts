/**
 * The whole product: read the data and validate it, then for each year: stats → charts → view →
 * render → fonts → print → write. What it needs of the world comes in as `deps` (the ports, in
 * src/ports.ts), so tests run the real path without a browser where they can.
 */
import { resolve } from 'node:path';
import { isReportError, reportError, rewordError } from './errors.js';
import { openBrowser } from './pipeline/browser.js';
import { fontSlot } from './pipeline/font-slot.js';
import { printable, replacedWarning, type Printable } from './pipeline/printable.js';
import { pageHintText, printReport } from './pipeline/print-report.js';
import { twoAtATime } from './pipeline/two-at-a-time.js';
import type {
  BuildDeps,
  OutputFile,
  OutputWrite,
  Printer,
  ProgressStage,
  ReportProgress,
  TemplateRenderer,
} from './ports.js';
import { planCharts, type DrawnChart } from './render/plan-charts.js';
import type { TemplateSource } from './render/template-source.js';
import { buildView, reportKeywords, type ReportView } from './render/view-model.js';
import type { Covers } from './render/uncovered-characters.js';
import type { Dataset, Locale } from './schema/files.js';
import { computeStats } from './stats/index.js';
import { reportYear } from './validate/report-year.js';
import { validData } from './validate/validate-dataset.js';

export type { BuildDeps } from './ports.js';

export type OutputFormat = 'html' | 'pdf';

export interface BuildOptions {
  /** Report years; 'all' builds every year that has a narrative. */
  years: number[] | 'all';
  /** Folders; relative ones are taken from `cwd`. */
  dataDir: string;
  outDir: string;
  templateDir: string;
  formats: ReadonlySet<OutputFormat>;
  cwd: string;
  lang?: Locale;
  /** Fixed document date (SOURCE_DATE_EPOCH), else the clock. */
  sourceDate: Date | null;
  generator: string;
  /**
   * Each year's page as built, to print later with a printer of the caller's (`report
   * preview` prints the page it serves instead of building it again): the PDF's files come
   * back, the same bytes as a build with the PDF format would write.
   */
  printLater?: (year: number, print: PrintLater) => void;
}

/** Prints a page built before; resolves to the files a PDF build would stage for its year. */
export type PrintLater = (printer: Printer) => Promise<OutputFile[]>;

export interface BuildResult {
  year: number;
  files: string[];
  pages: number | null;
}

export interface BuildSummary {
  built: BuildResult[];
  /** With --all: years that have data but no narrative.yaml, so no report. */
  skipped: number[];
}

export async function buildReports(options: BuildOptions, deps: BuildDeps): Promise<BuildSummary> {
  const browser = openBrowser(options.formats.has('pdf'), deps.openPrinter);
  const progress = deps.progress ?? (() => undefined);
  try {
    const { dataDir, cwd } = options;
    const only = options.years === 'all' ? {} : { years: options.years };
    const dataset = await stage(progress, 'validate', undefined, async () =>
      validData(await deps.readData({ dataDir, cwd, ...only }), options.lang),
    );
    const { years, skipped } = reportYears(dataset, options.years);
    const locale = dataset.organization.locale;
    const lang = options.lang ?? locale;
    const template = await deps.readTemplate(options.templateDir, locale, cwd);
    const renderer = await deps.compileTemplate(template, { locale, lang });
    try {
      const write = deps.beginWrite({ cwd });
      const printer = browser.printer;
      const covers = await deps.fontCoverage();
      const run: Run = {
        dataset,
        template,
        renderer,
        printer,
        write,
        covers,
        lang,
        options,
        deps,
        progress,
      };
      const building = twoAtATime(years, (year) => buildYear(year, run));
      const built = await allOrNone(write, years.length, building, progress);
      browser.throwIfMissing();
      return { built, skipped };
    } finally {
      await renderer.close();
    }
  } finally {
    await browser.close();
  }
}

/** What every year of a build shares. */
interface Run {
  dataset: Dataset;
  template: TemplateSource;
  renderer: TemplateRenderer;
  printer: Printer | null;
  write: OutputWrite;
  /** What the embedded fonts draw. */
  covers: Covers;
  lang: Locale;
  options: BuildOptions;
  deps: BuildDeps;
  progress: ReportProgress;
}

/** Runs one stage of the build, telling `progress` as it starts and ends. */
async function stage<T>(
  progress: ReportProgress,
  name: ProgressStage,
  year: number | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const at = year === undefined ? {} : { year };
  progress({ kind: 'start', stage: name, ...at });
  const result = await work();
  progress({ kind: 'end', stage: name, ...at });
  return result;
}

/** One year's report: validate → stats → charts → view → render → fonts → print → write. */
async function buildYear(year: number, run: Run): Promise<BuildResult> {
  const { dataset, template, options, deps } = run;
  const report = reportYear(dataset, year, { dataDir: options.dataDir, lang: run.lang });
  const stats = computeStats(dataset, year);
  const planned = planCharts(stats, dataset.organization.locale, template.strings, template.layout);
  const glyphs = printable(run.covers);
  const charts = await stage(run.progress, 'charts', year, () =>
    Promise.all(
      planned.map(async (chart) => ({
        ...chart,
        svg: await deps.drawChart(glyphs.value(chart.input), chart),
      })),
    ),
  );
  run.progress({ kind: 'start', stage: 'render', year });
  const fonts = fontSlot();
  const view = buildView({
    dataset,
    year: report,
    stats,
    template,
    charts,
    fontSlot: fonts.marker,
    generator: options.generator,
  });
  const html = await fonts.fill(glyphs.page(await run.renderer.render(view)), deps.fontCss);
  run.progress({ kind: 'end', stage: 'render', year });
  const replaced = glyphs.replaced();
  if (replaced.length > 0) deps.warn(replacedWarning(year, replaced, run.lang));
  const files = options.formats.has('html') ? pageFiles(year, html, charts, options) : [];
  const page = {
    html,
    view,
    keywords: reportKeywords(dataset.organization, report, stats),
    glyphs,
  };
  let pages: number | null = null;
  if (run.printer) {
    const printer = contentsProgress(run.printer, year, run.progress);
    const printed = await stage(run.progress, 'print', year, () =>
      printYear(year, page, printer, run),
    );
    files.push(...printed.files);
    pages = printed.pageCount;
  }
  if (options.printLater) {
    options.printLater(year, async (printer) => {
      const printed = await printYear(
        year,
        page,
        contentsProgress(printer, year, run.progress),
        run,
      );
      return printed.files;
    });
  }
  await run.write.stage(files);
  run.progress({ kind: 'year', year, pages });
  return { year, files: files.map((f) => f.path), pages };
}

/**
 * The printer, telling `progress` of each further print that fills in the contents page: the
 * page is printed again each time its `fill` returns new numbers.
 */
function contentsProgress(printer: Printer, year: number, progress: ReportProgress): Printer {
  return {
    warmUp: () => printer.warmUp(),
    close: () => printer.close(),
    print: async (job) => {
      const { fill } = job;
      if (fill === undefined) return printer.print(job);
      let pass = 0;
      let open = false;
      const endPass = () => {
        if (open) progress({ kind: 'end', stage: 'contents', year, pass });
        open = false;
      };
      try {
        return await printer.print({
          ...job,
          fill: async (outline) => {
            const changes = await fill(outline);
            if (outline === null) return changes;
            endPass();
            if (changes !== null) {
              open = true;
              progress({ kind: 'start', stage: 'contents', year, pass: ++pass });
            }
            return changes;
          },
        });
      } finally {
        endPass();
      }
    },
  };
}

/** The page and its charts as files (the HTML holds the charts too, inline). */
function pageFiles(
  year: number,
  html: string,
  charts: readonly DrawnChart[],
  options: BuildOptions,
): OutputFile[] {
  const dir = `${options.outDir}/${year}`;
  return [
    { path: `${dir}/report.html`, data: html },
    ...charts.map((chart) => ({ path: `${dir}/charts/${chart.input.id}.svg`, data: chart.svg })),
  ];
}

/** The year's PDF, and where its headings landed for the next build, as files. */
async function printYear(
  year: number,
  page: { html: string; view: ReportView; keywords: string[]; glyphs: Printable },
  printer: Printer,
  { options, deps, lang }: Run,
): Promise<{ files: OutputFile[]; pageCount: number }> {
  const { html, view } = page;
  const hintFile = `${options.outDir}/${year}/.report-pages.json`;
  const metadata = {
    title: view.report.documentTitle,
    author: view.org.name,
    subject: view.report.subject,
    keywords: page.keywords,
    creator: options.generator,
    lang: view.lang,
    creationDate: options.sourceDate ?? deps.now(),
  };
  const hint = await deps.readPageHint(resolve(options.cwd, hintFile));
  // The contents labels as the headings print, so the PDF's outline entries are found by them.
  const toc = view.toc.map((entry) => ({ ...entry, label: page.glyphs.text(entry.label) }));
  const printed = await printReport({ year, html, toc, metadata, lang }, printer, hint, deps);
  return {
    pageCount: printed.pageCount,
    files: [
      { path: `${options.outDir}/${year}/report.pdf`, data: printed.pdf },
      { path: hintFile, data: pageHintText(printed.pages) },
    ],
  };
}

/** The years to report on: those asked for, or with --all each year that has a narrative. */
function reportYears(
  dataset: Dataset,
  wanted: number[] | 'all',
): { years: number[]; skipped: number[] } {
  if (wanted !== 'all') return { years: wanted, skipped: [] };
  const has = (narrative: boolean) =>
    dataset.years.filter((y) => (y.narrative !== null) === narrative).map((y) => y.year);
  return { years: has(true), skipped: has(false) };
}

/**
 * Each year's files are staged as it finishes; they replace the previous ones only when every
 * year is staged, all in one commit, so `--all` replaces every year's files together or none.
 */
async function allOrNone<T>(
  write: OutputWrite,
  yearCount: number,
  staging: Promise<T>,
  progress: ReportProgress,
): Promise<T> {
  let result: T;
  try {
    result = await staging;
  } catch (error) {
    await write.discard();
    throw noYearWritten(error, yearCount);
  }
  await stage(progress, 'write', undefined, () => write.commit());
  return result;
}

/** With several years, a failure says that no year's files were replaced (not just the failed year's). */
function noYearWritten(error: unknown, yearCount: number): unknown {
  if (yearCount < 2 || !isReportError(error) || error.code === 'INTERRUPTED') return error;
  const all = reportError('noYearReplaced', { years: yearCount });
  return rewordError(error, (message, lang) => `${message} ${all.messageIn(lang)}`);
}
