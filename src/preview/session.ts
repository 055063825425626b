/**
 * One preview: the year built by the real pipeline (buildReports with its ports), its outputs
 * kept in memory instead of written, rebuilt on request (one build at a time; requests made
 * meanwhile are merged into the next), and with --pdf the page just built printed in the
 * background by one warm browser (the pipeline's print of that page: the data is not read nor
 * the page built a second time). A failed build keeps the last good version and becomes the
 * error shown.
 */
import { isReportError } from '../errors.js';
import { interruptedBy } from '../infra/interrupt.js';
import { buildReports, type BuildOptions, type PrintLater } from '../pipeline.js';
import type { BuildDeps, OutputFile, OutputWrite, Printer } from '../ports.js';
import type { Locale } from '../schema/files.js';
import { say } from './messages.js';
import type { ServedFile, Site } from './serve.js';
import {
  assetType,
  moveAssetsOut,
  servedReport,
  waitingPage,
  type KnownAssets,
} from './served-page.js';

export interface SessionOptions {
  year: number;
  dataDir: string;
  templateDir: string;
  cwd: string;
  /** --lang: the language of the data's messages (default the organisation's). */
  lang?: Locale | undefined;
  /** The language of preview's own messages. */
  messageLang: Locale;
  pdf: boolean;
  sourceDate: Date | null;
  generator: string;
}

/** What the session tells the terminal. */
export interface SessionEvents {
  info(text: string): void;
  problem(text: string): void;
  /** The state changed: tell every open page. */
  changed(): void;
}

export interface BuildError {
  /** As the terminal shows it: each problem with its file:line:col. */
  text: string;
}

export interface Session extends Site {
  /** Builds now (or right after the build under way), saying which files changed. */
  rebuild(changed: string[]): Promise<void>;
  /** Settles when no build or print is under way or asked for. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Outputs go nowhere on disk: the pipeline's paths under this name are kept in memory. */
const MEMORY_OUT = '.report-preview';
const PDF_PATH = '/report.pdf';

export function createSession(
  options: SessionOptions,
  deps: BuildDeps,
  events: SessionEvents,
): Session {
  const lang = options.messageLang;
  const prefix = `${MEMORY_OUT}/${options.year}/`;
  let version = 0;
  let files = new Map<string, ServedFile>();
  let error: BuildError | null = null;
  let pdf: Uint8Array | null = null;
  let pdfVersion = 0;
  let pageHint: Map<string, number> | null = null;
  let printer: Printer | null = null;
  let closed = false;
  const knownAssets: KnownAssets = new Map();

  const buildOptions = (printLater?: BuildOptions['printLater']): BuildOptions => ({
    years: [options.year],
    dataDir: options.dataDir,
    outDir: MEMORY_OUT,
    templateDir: options.templateDir,
    formats: new Set(['html']),
    ...(printLater ? { printLater } : {}),
    cwd: options.cwd,
    ...(options.lang ? { lang: options.lang } : {}),
    sourceDate: options.sourceDate,
    generator: options.generator,
  });
  const settings = (v: number) => ({
    version: v,
    lang,
    pdf: options.pdf ? PDF_PATH : null,
  });

  // The pipeline's outputs, staged into a map; nothing is written to the output folder.
  const intoMemory =
    (sink: Map<string, OutputFile['data']>): BuildDeps['beginWrite'] =>
    (): OutputWrite => ({
      stage: async (staged) => {
        for (const file of staged)
          if (file.path.startsWith(prefix)) sink.set(file.path.slice(prefix.length), file.data);
      },
      commit: async () => undefined,
      discard: async () => sink.clear(),
    });

  // The warm browser: opened once, lent to each print, closed with the session.
  const lentPrinter = (): Printer => {
    printer ??= deps.openPrinter();
    const real = printer;
    return {
      warmUp: () => real.warmUp(),
      print: (job) => real.print(job),
      close: async () => undefined,
    };
  };

  const buildHtml = async (changed: string[]): Promise<void> => {
    const started = performance.now();
    const built = new Map<string, OutputFile['data']>();
    let print: PrintLater | null = null;
    try {
      await buildReports(
        buildOptions(options.pdf ? (_year, later) => (print = later) : undefined),
        {
          ...deps,
          beginWrite: intoMemory(built),
          // Read when the page is printed: the numbers of the print before.
          readPageHint: async () => pageHint,
        },
      );
    } catch (failure) {
      if (closed || interruptedBy() !== null) return;
      error = { text: describeFailure(failure) };
      events.problem(`${say(lang, 'failed')}\n${error.text}`);
      events.changed();
      return;
    }
    const ms = Math.round(performance.now() - started);
    const wasBroken = error !== null;
    version += 1;
    error = null;
    files = servedFiles(built, settings(version), knownAssets);
    const what = changed[0];
    events.info(
      wasBroken
        ? say(lang, 'fixed', { ms })
        : what === undefined
          ? say(lang, 'built', { ms })
          : say(lang, 'rebuilt', { ms, file: what }),
    );
    events.changed();
    if (print !== null) void printing.request(print);
  };

  const printPdf = async (print: PrintLater): Promise<void> => {
    const started = performance.now();
    const built = new Map<string, OutputFile['data']>();
    try {
      for (const file of await print(lentPrinter()))
        if (file.path.startsWith(prefix)) built.set(file.path.slice(prefix.length), file.data);
    } catch (failure) {
      if (closed || interruptedBy() !== null) return;
      events.problem(`${say(lang, 'printFailed', { url: PDF_PATH })}\n${describeFailure(failure)}`);
      return;
    }
    const printed = built.get('report.pdf');
    if (printed === undefined || typeof printed === 'string') return;
    pdf = printed;
    pdfVersion += 1;
    pageHint = parseHint(built.get('.report-pages.json'));
    events.info(
      say(lang, 'printed', { ms: Math.round(performance.now() - started), url: PDF_PATH }),
    );
    events.changed();
  };

  const building = singleFlight<string[]>(buildHtml, (a, b) => [...new Set([...a, ...b])]);
  // A page built while another prints replaces any page still waiting: only the newest prints.
  const printing = singleFlight<PrintLater>(printPdf, (_older, newer) => newer);
  if (options.pdf) lentPrinter().warmUp();

  return {
    rebuild: async (changed) => {
      if (!closed) await building.request(changed);
    },
    idle: async () => {
      await building.idle();
      await printing.idle();
    },
    file(path) {
      if (path === '/' || path === '/report.html') {
        return files.get('/') ?? { body: waitingPage(settings(version)), type: HTML };
      }
      if (path === PDF_PATH) {
        if (pdf !== null) return { body: pdf, type: 'application/pdf' };
        const key = options.pdf ? 'noPdfYet' : 'noPdfAsked';
        return {
          body: say(lang, key, { year: options.year }),
          type: TEXT,
          status: options.pdf ? 503 : 404,
        };
      }
      return files.get(path) ?? null;
    },
    state: () => JSON.stringify({ version, pdfVersion, error }),
    async close() {
      closed = true;
      await printer?.close();
    },
  };
}

const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

/** The built page (with the reload script) at / and /report.html, its charts under /charts/. */
function servedFiles(
  built: ReadonlyMap<string, OutputFile['data']>,
  settings: Parameters<typeof servedReport>[1],
  known: KnownAssets,
): Map<string, ServedFile> {
  const served = new Map<string, ServedFile>();
  for (const [name, data] of built) {
    if (name === 'report.html') {
      const { html, assets } = moveAssetsOut(String(data), known);
      // Encoded once here, not at each request.
      const page = { body: Buffer.from(servedReport(html, settings), 'utf8'), type: HTML };
      served.set('/', page);
      served.set('/report.html', page);
      for (const [path, body] of assets)
        served.set(path, { body, type: assetType(path), immutable: true });
    } else if (name.startsWith('charts/') && name.endsWith('.svg')) {
      served.set(`/${name}`, { body: data, type: 'image/svg+xml' });
    }
  }
  return served;
}

/** A failure as `report build` prints it: code, message (file:line:col …), hint. */
export function describeFailure(failure: unknown): string {
  if (isReportError(failure)) {
    return `error[${failure.code}]: ${failure.message}${failure.hint ? `\n  hint: ${failure.hint}` : ''}`;
  }
  const text = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
  return `internal error (a bug in report, please report it):\n${text}`;
}

function parseHint(data: OutputFile['data'] | undefined): Map<string, number> | null {
  if (data === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(
      typeof data === 'string' ? data : Buffer.from(data).toString('utf8'),
    );
    if (typeof parsed !== 'object' || parsed === null) return null;
    return new Map(
      Object.entries(parsed).filter((e): e is [string, number] => Number.isInteger(e[1])),
    );
  } catch {
    return null;
  }
}

/**
 * Runs `work` one at a time: a request while it runs is kept (merged with any other) and run
 * once it ends, so a burst of saves costs at most one extra build.
 */
function singleFlight<T>(
  work: (input: T) => Promise<void>,
  merge: (a: T, b: T) => T,
): { request(input: T): Promise<void>; idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let queued: { input: T } | null = null;
  const start = (input: T): Promise<void> => {
    running = work(input).finally(() => {
      running = null;
      if (queued !== null) {
        const next = queued.input;
        queued = null;
        void start(next);
      }
    });
    return running;
  };
  return {
    request(input) {
      if (running === null) return start(input);
      queued = { input: queued === null ? input : merge(queued.input, input) };
      return running;
    },
    async idle() {
      while (running !== null) await running;
    },
  };
}
