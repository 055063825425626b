/**
 * The pipeline's ports (src/pipeline.ts `BuildDeps`) played by fakes, so a build runs through
 * the real load → validate → stats → render path in milliseconds and without a browser:
 * a printer that lays the page out as told and returns a fixed PDF and outline, an in-memory
 * disk, a chart drawer and font CSS that only record what they were asked.
 */
import { fileURLToPath } from 'node:url';
import { ReportError } from '../../src/errors.js';
import { bundledCoverage } from '../../src/infra/font-coverage.js';
import { readTemplate } from '../../src/infra/read-template.js';
import { readDataFiles } from '../../src/load/read-files.js';
import type { BuildDeps, BuildOptions, BuildSummary } from '../../src/pipeline.js';
import { buildReports } from '../../src/pipeline.js';
import type { OutlineEntry, PrintJob, PrintResult, Printer } from '../../src/ports.js';
import { compileTemplate } from '../../src/render/compile-template.js';
import { templateHelpers } from '../../src/render/template-helpers.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/data', import.meta.url));
export const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

/** What every fake PDF is: the printer's output is passed through, never looked into. */
export const FAKE_PDF = new TextEncoder().encode('%PDF-1.7 fake\n%%EOF\n');
export const FAKE_PAGES = 9;

/** One contents entry as the page shows it: the heading's text and its page-number element. */
export interface ContentsEntry {
  label: string;
  pageId: string;
}

/** The entities Handlebars escapes with, and what they stand for. */
export const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
};

/** Text with Handlebars' entities decoded. */
export function decodeEntities(text: string): string {
  return text.replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? e);
}

/** The contents entries of a page printed with the default template, in order. */
export function contentsOf(html: string): ContentsEntry[] {
  return [
    ...html.matchAll(
      /<span class="toc-text">([^<]*)<\/span><span class="toc-leader"><\/span><span class="toc-page" id="([^"]+)">/g,
    ),
  ].map((m) => ({
    label: decodeEntities(m[1] ?? ''),
    pageId: m[2] ?? '',
  }));
}

/**
 * Where the headings land, given the page numbers filled into the contents so far (by page
 * element id). The default puts entry i on page 3 + i whatever the contents say.
 */
export type Layout = (contents: ContentsEntry[], filled: Record<string, string>) => number[];
export const fixedLayout: Layout = (contents) => contents.map((_, i) => 3 + i);

export interface PrintRecord {
  html: string;
  metadata: PrintJob['metadata'];
  /** How many times the page was printed for this job. */
  prints: number;
  /** The text of each contents page-number element when the last print was made. */
  filled: Record<string, string>;
  /** The bookmarks of the last print. */
  outline: OutlineEntry[];
}

export interface FakePrinter extends Printer {
  jobs: PrintRecord[];
  warmUps: number;
  closes: number;
}

/**
 * A printer that follows the real one's protocol (src/infra/chromium-printer.ts): `fill(null)`
 * before the first print, then `fill(outline)` after each print, printing again while it returns
 * changes, at most 3 more times.
 */
export function fakePrinter(
  options: {
    layout?: Layout;
    /** Thrown by print() (e.g. a BROWSER_FAILED), for every job or for the job whose HTML matches. */
    fail?: ReportError | { when: (html: string) => boolean; error: ReportError };
    blocked?: PrintResult['blocked'];
    failedFonts?: string[];
  } = {},
): FakePrinter {
  const layout = options.layout ?? fixedLayout;
  const printer: FakePrinter = {
    jobs: [],
    warmUps: 0,
    closes: 0,
    warmUp() {
      printer.warmUps++;
    },
    async close() {
      printer.closes++;
    },
    async print(job) {
      const fail = options.fail;
      if (fail instanceof ReportError) throw fail;
      if (fail && fail.when(job.html)) throw fail.error;
      const contents = contentsOf(job.html);
      const filled: Record<string, string> = {};
      const apply = (updates: Record<string, string> | null) => {
        if (updates === null) return false;
        Object.assign(filled, updates);
        return true;
      };
      const print = (): OutlineEntry[] => {
        const pages = layout(contents, { ...filled });
        return contents.map((entry, i) => ({ title: entry.label, page: pages[i] ?? 1, level: 1 }));
      };
      apply((await job.fill?.(null)) ?? null);
      let prints = 1;
      let outline = print();
      for (let pass = 0; job.fill && pass < 3 && apply(await job.fill(outline)); pass++) {
        prints++;
        outline = print();
      }
      printer.jobs.push({ html: job.html, metadata: job.metadata, prints, filled, outline });
      return {
        pdf: FAKE_PDF,
        pageCount: FAKE_PAGES,
        blocked: options.blocked ?? [],
        failedFonts: options.failedFonts ?? [],
      };
    },
  };
  return printer;
}

/**
 * An output folder in memory. Each `stage` call is one batch (a year's files); staged files
 * land only on `commit`, all together, and `discard` drops them, as the real write does
 * (tests/infra/write-atomic.test.ts checks that contract on a real disk).
 */
export interface MemoryDisk {
  files: Map<string, Uint8Array | string>;
  /** The paths of each stage call, in call order. */
  batches: string[][];
  beginWrite: BuildDeps['beginWrite'];
  readPageHint: BuildDeps['readPageHint'];
  text(path: string): string;
}

/** `failOn`: staging a batch holding a path it matches fails with OUTPUT_FAILED. */
export function memoryDisk(options: { failOn?: RegExp } = {}): MemoryDisk {
  const files = new Map<string, Uint8Array | string>();
  const batches: string[][] = [];
  return {
    files,
    batches,
    beginWrite() {
      let staged: { path: string; data: Uint8Array | string }[] = [];
      return {
        async stage(batch) {
          batches.push(batch.map((f) => f.path));
          const bad = batch.find((f) => options.failOn?.test(f.path));
          if (bad) {
            throw new ReportError('OUTPUT_FAILED', `Cannot write ${bad.path}: ENOSPC`, {
              hint: 'The disk is full.',
            });
          }
          // A disk takes its time: the files are staged a turn of the event loop later.
          await new Promise((resolve) => setImmediate(resolve));
          staged.push(...batch);
        },
        async commit() {
          for (const file of staged) files.set(file.path, file.data);
          staged = [];
        },
        async discard() {
          staged = [];
        },
      };
    },
    async readPageHint(path) {
      // The pipeline asks by absolute path; the disk holds the paths it staged (out/2015/…).
      const key = [...files.keys()].find((k) => path === k || path.endsWith(`/${k}`));
      const hint = key === undefined ? undefined : files.get(key);
      if (typeof hint !== 'string') return null;
      return new Map(Object.entries(JSON.parse(hint) as Record<string, number>));
    },
    text(path) {
      const data = files.get(path);
      if (data === undefined) throw new Error(`not written: ${path}`);
      return typeof data === 'string' ? data : new TextDecoder().decode(data);
    },
  };
}

export interface Harness {
  options: BuildOptions;
  deps: BuildDeps;
  disk: MemoryDisk;
  printer: FakePrinter;
  /** Chart ids drawn, in call order. */
  charts: string[];
  /** The text each fontCss call was given. */
  fontTexts: string[];
  warnings: string[];
  run(): Promise<BuildSummary>;
}

export const NOW = new Date('2016-01-15T09:30:00Z');
export const FONT_CSS = '/*fake-font-faces*/';

/**
 * The minimal fixture built for 2015 as HTML and PDF with the default template; any option or
 * port can be replaced. Data and template are read from disk by the real readers.
 */
export function harness(
  overrides: {
    options?: Partial<BuildOptions>;
    deps?: Partial<BuildDeps>;
    printer?: FakePrinter;
    disk?: MemoryDisk;
  } = {},
): Harness {
  const printer = overrides.printer ?? fakePrinter();
  const disk = overrides.disk ?? memoryDisk();
  const charts: string[] = [];
  const fontTexts: string[] = [];
  const warnings: string[] = [];
  const options: BuildOptions = {
    years: [2015],
    dataDir: 'minimal',
    outDir: 'out',
    templateDir: DEFAULT_TEMPLATE,
    formats: new Set(['html', 'pdf']),
    cwd: FIXTURES,
    sourceDate: null,
    generator: 'report test',
    ...overrides.options,
  };
  const deps: BuildDeps = {
    readData: readDataFiles,
    readTemplate,
    compileTemplate: async (source, { locale, lang }) => {
      const render = compileTemplate(source, templateHelpers(locale), { lang });
      return { render: async (view) => render(view), close: async () => undefined };
    },
    drawChart: async (input) => {
      charts.push(input.id);
      return Buffer.from(`<svg id="${input.id}"/>`);
    },
    fontCss: async (text) => {
      fontTexts.push(text);
      return FONT_CSS;
    },
    openPrinter: () => printer,
    readPageHint: disk.readPageHint,
    beginWrite: disk.beginWrite,
    fontCoverage: () => bundledCoverage(),
    now: () => NOW,
    warn: (message) => void warnings.push(message),
    ...overrides.deps,
  };
  return {
    options,
    deps,
    disk,
    printer,
    charts,
    fontTexts,
    warnings,
    run: () => buildReports(options, deps),
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<ReportError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ReportError))
    throw new Error(`expected a ReportError, got ${String(outcome)}`);
  return outcome;
}
