/**
 * What the pipeline asks of the world, declared by the pipeline: read the data, read and render
 * a template, draw a chart, embed fonts, print, write the outputs. src/infra/ (and src/load/ for
 * the data) implement these by importing the types from here; src/cli/build.ts plugs them in,
 * and tests pass their own.
 */
import type { DataFiles } from './load/read-files.js';
import type { ChartInput } from './render/chart-specs.js';
import type { TemplateSource } from './render/template-source.js';
import type { ReportView } from './render/view-model.js';
import type { Locale } from './schema/files.js';
import type { Covers } from './render/uncovered-characters.js';

// ── Data ─────────────────────────────────────────────────────────────────────────────────────

export interface DataQuery {
  dataDir: string;
  /** A relative dataDir is taken from here, and files are named relative to it. */
  cwd: string;
  /** Only these years (and every earlier one) are read; they must exist. Default: all. */
  years?: readonly number[];
}

/** The data files, parsed, with their locations and the problems found reading them. */
export type ReadData = (query: DataQuery) => Promise<DataFiles>;

// ── Template ─────────────────────────────────────────────────────────────────────────────────

/** Reads a template folder (a relative one from `cwd`) for the report's locale. */
export type ReadTemplate = (dir: string, locale: Locale, cwd: string) => Promise<TemplateSource>;

/** A template compiled once, rendering each year's view; closed when the build ends. */
export interface TemplateRenderer {
  render(view: ReportView): Promise<string>;
  close(): Promise<void>;
}

/**
 * Compiles a template, checking its partials and helpers before anything is rendered.
 * `lang` is the language of its error messages.
 */
export type CompileTemplate = (
  source: TemplateSource,
  options: { locale: Locale; lang: Locale },
) => Promise<TemplateRenderer>;

// ── Charts and fonts ─────────────────────────────────────────────────────────────────────────

export interface ChartSize {
  widthMm: number;
  heightMm: number;
}

/** A chart as SVG (vector, its text as outlines), drawn at its printed size. */
export type DrawChart = (input: ChartInput, size: ChartSize) => Promise<Uint8Array>;

/** The @font-face rules (fonts inlined) for a page showing `text`. */
export type FontCss = (text: string) => Promise<string>;

// ── Printing ─────────────────────────────────────────────────────────────────────────────────

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** BCP 47, e.g. `zh-Hans`; written to the catalog's /Lang for screen readers. */
  lang: string;
  creationDate: Date;
}

/** A bookmark of a printed PDF (Chromium makes them from headings). */
export interface OutlineEntry {
  title: string;
  /** 1-based page number. */
  page: number;
  /** 1 for top-level bookmarks. */
  level: number;
}

export interface PrintJob {
  html: string;
  metadata: PdfMetadata;
  /**
   * Text to put into elements (by id) before printing, asked with null before the first print
   * and with the bookmarks of each printed PDF after it; the page is printed again while it
   * returns changes (at most 3 times). The report fills its contents page's numbers this way.
   */
  fill?: (outline: OutlineEntry[] | null) => Promise<Record<string, string> | null>;
}

export interface BlockedRequest {
  url: string;
  /** puppeteer's resource type (`image`, `stylesheet`, `document`, …); `other` when unknown. */
  resourceType: string;
  /** The frame that asked, when known. */
  frameUrl?: string;
  /** What in the document caused it (`parser about:blank:0:485`), when known. */
  initiator?: string;
  /** `interception`: aborted by us; `chromium`: refused by Chromium itself (file: URLs). */
  blockedBy: 'interception' | 'chromium';
}

export interface PrintResult {
  /** Final PDF: metadata set, dates fixed, deterministic. */
  pdf: Uint8Array;
  blocked: BlockedRequest[];
  pageCount: number;
  /** Families of @font-face rules that failed to load (the text fell back to another font). */
  failedFonts: string[];
}

export interface Printer {
  /** Start launching the browser now without waiting, so HTML can be rendered meanwhile. */
  warmUp(): void;
  print(job: PrintJob): Promise<PrintResult>;
  close(): Promise<void>;
}

/** The longest a PDF may take to print, and a custom template to render, unless --timeout says. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** A printer, launching nothing yet; throws BROWSER_NOT_FOUND when there is no browser. */
export type OpenPrinter = () => Printer;

// ── Outputs ──────────────────────────────────────────────────────────────────────────────────

export interface OutputFile {
  /** As the user named it (out/2015/report.html); relative to the write's `cwd`. */
  path: string;
  data: Uint8Array | string;
}

/** A build's outputs: stage each year's files, then commit them all at once (or discard them). */
export interface OutputWrite {
  /** Writes temp files beside the targets; nothing is replaced. On failure its temps are removed. */
  stage(files: OutputFile[]): Promise<void>;
  /** Renames every staged file into place; on failure puts every previous version back. */
  commit(): Promise<void>;
  /** Removes every staged temp file; nothing is replaced. */
  discard(): Promise<void>;
}

/** Starts the write of a build's outputs; relative paths are taken from `cwd`. */
export type BeginWrite = (options: { cwd: string }) => OutputWrite;

/** The heading → page map a previous build left at this path, or null. */
export type ReadPageHint = (path: string) => Promise<Map<string, number> | null>;

// ── Progress ─────────────────────────────────────────────────────────────────────────────────

/**
 * The stages a build goes through: the data is checked once, then each year's charts are
 * drawn, its page laid out and printed (the contents page filled in and printed again when
 * a heading moved), and at the end every year's files are written together.
 */
export type ProgressStage = 'validate' | 'charts' | 'render' | 'print' | 'contents' | 'write';

export type ProgressEvent =
  | { kind: 'start' | 'end'; stage: ProgressStage; year?: number; pass?: number }
  /** A year's report is ready to write (`pages` null without a PDF). */
  | { kind: 'year'; year: number; pages: number | null };

/** Told of each stage as it starts and ends; how it shows them (and their times) is its own. */
export type ReportProgress = (event: ProgressEvent) => void;

// ── All of them ──────────────────────────────────────────────────────────────────────────────

export interface BuildDeps {
  readData: ReadData;
  readTemplate: ReadTemplate;
  compileTemplate: CompileTemplate;
  drawChart: DrawChart;
  fontCss: FontCss;
  /** What the embedded fonts draw; anything else is printed as a placeholder. */
  fontCoverage(): Promise<Covers>;
  openPrinter: OpenPrinter;
  readPageHint: ReadPageHint;
  beginWrite: BeginWrite;
  now(): Date;
  warn(message: string): void;
  /** Progress of the build's stages; none when absent. */
  progress?: ReportProgress;
}
