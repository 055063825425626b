/** `report build`: flags → pipeline with the real infrastructure → a summary line. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { reportError } from '../errors.js';
import type { OutputFormat } from '../pipeline.js';
import { DEFAULT_TIMEOUT_SECONDS, type BuildDeps, type OpenPrinter } from '../ports.js';
import type { Locale } from '../schema/files.js';
import { messageLang, parseTimeoutSeconds, parseYear, refuseOutInsideData } from './flags.js';
import type { Io } from './io.js';
import { cliMessages } from './messages.js';
import { terminalProgress } from './progress.js';
import { version } from './version.js';

export interface BuildFlags {
  year?: string | undefined;
  all?: boolean;
  data: string;
  out: string;
  template?: string;
  format: string;
  chrome?: string;
  timeout?: string;
  lang?: Locale;
  quiet?: boolean;
  /** `K/N`: only this CI shard of the work (src/cli/build-work.ts). */
  shard?: string;
}

const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

export function parseFormats(value: string): Set<OutputFormat> {
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  const bad = formats.filter((f) => f !== 'html' && f !== 'pdf');
  if (bad.length > 0 || formats.length === 0)
    throw reportError('unknownFormat', { format: bad.join(',') || value });
  return new Set(formats as OutputFormat[]);
}

function parseYears(flags: BuildFlags): number[] | 'all' {
  if (flags.all && flags.year !== undefined) throw reportError('yearAndAll', {});
  if (flags.all) return 'all';
  if (flags.year === undefined) throw reportError('whichYear', {});
  return [parseYear(flags.year, 'build')];
}

export async function realDeps(
  io: Io,
  chrome: string | undefined,
  pdf: boolean,
  timeoutMs = DEFAULT_TIMEOUT_SECONDS * 1000,
  custom = false,
  lang: Locale = messageLang(undefined, io.env),
): Promise<BuildDeps> {
  const [
    { readDataFiles },
    { readTemplate },
    { beginWrite },
    { cachedDrawer, defaultChartCacheDir },
    { runPrecompiled },
    { templateHelpers },
    { precompiled },
  ] = await Promise.all([
    import('../load/read-files.js'),
    import('../infra/read-template.js'),
    import('../infra/write-atomic.js'),
    import('../infra/chart-cache.js'),
    import('../render/template-runtime.js'),
    import('../render/template-helpers.js'),
    import('../render/precompiled-template.js'),
  ]);
  return {
    readData: readDataFiles,
    readTemplate,
    // A custom template is compiled and rendered in a worker thread with a time budget
    // (src/infra/template-worker.ts), the built-in one in process, precompiled at build time
    // when templates/default is still what was precompiled.
    compileTemplate: custom
      ? async (source, options) =>
          (await import('../infra/template-worker.js')).compileInWorker(source, options, timeoutMs)
      : async (source, { locale, lang }) => {
          const helpers = templateHelpers(locale);
          // Handlebars' compiler loads only for a templates/default edited since it was built.
          const render =
            runPrecompiled(source, helpers, precompiled) ??
            (await import('../render/compile-template.js')).compileTemplate(source, helpers, {
              lang,
            });
          return { render: async (view) => render(view), close: async () => undefined };
        },
    drawChart: cachedDrawer(async (input, size) => {
      const { svg } = await (await import('../infra/draw-charts.js')).drawChartSvg(input, size);
      return Buffer.from(svg, 'utf8');
    }, defaultChartCacheDir()),
    fontCss: async (text) => {
      const { fontFaceCss } = await import('../infra/fonts.js');
      return fontFaceCss({
        families: [
          { family: 'Noto Serif SC', package: '@fontsource/noto-serif-sc', weights: [400] },
          { family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', weights: [400, 700] },
        ],
        text,
      });
    },
    fontCoverage: async () => (await import('../infra/font-coverage.js')).bundledCoverage(),
    openPrinter: pdf
      ? await printerOpener(io, chrome, timeoutMs)
      : () => {
          throw new Error('no PDF was asked for');
        },
    beginWrite: ({ cwd }) => beginWrite({ cwd, ...testSignalAtStep(io.env) }),
    readPageHint: async (path) => {
      try {
        const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
        if (typeof parsed !== 'object' || parsed === null) return null;
        const entries = Object.entries(parsed).filter((e): e is [string, number] =>
          Number.isInteger(e[1]),
        );
        return new Map(entries);
      } catch {
        return null; // no earlier build, or a damaged hint: print twice
      }
    },
    now: () => new Date(),
    warn: (message) => io.stderr(`${cliMessages(lang).warningPrefix}${message}\n`),
  };
}

/**
 * The browser is looked up only when a PDF is asked for; puppeteer loads at the first print.
 * The pipeline opens the printer and closes it.
 */
export async function printerOpener(
  io: Io,
  chrome: string | undefined,
  timeoutMs: number,
  options: { keepPage?: boolean } = {},
): Promise<OpenPrinter> {
  const [{ findBrowser, browserInstallHint }, { createPrinter }] = await Promise.all([
    import('../infra/find-browser.js'),
    import('../infra/chromium-printer.js'),
  ]);
  return () => {
    const found = findBrowser({ flag: chrome, env: io.env });
    if (!found) {
      throw reportError('browserNotFound', { install: browserInstallHint() });
    }
    return createPrinter({ executablePath: found.path, env: io.env, timeoutMs, ...options });
  };
}

/**
 * TEST ONLY: REPORT_TEST_SIGNAL_AT_WRITE_STEP=<n>:<SIGINT|SIGTERM> makes the process send
 * itself that signal right after step n of the output write (tests/robustness/write-phase.test.ts
 * checks a real interrupt at a known step). It does nothing else, and nothing a user could not
 * do with `kill`.
 */
function testSignalAtStep(env: Io['env']): { onStep?: (step: { index: number }) => void } {
  const match = /^(\d+):(SIGINT|SIGTERM)$/.exec(env['REPORT_TEST_SIGNAL_AT_WRITE_STEP'] ?? '');
  if (!match) return {};
  const [, at, signal] = match;
  return {
    onStep: (step) => {
      if (step.index === Number(at)) process.kill(process.pid, signal);
    },
  };
}

export async function runBuild(flags: BuildFlags, io: Io): Promise<number> {
  // Many organisations, or a CI shard: the work list (src/cli/build-work.ts), loaded only then.
  if (await (await import('./work-flags.js')).isWorkBuild(flags, io))
    return (await import('./build-work.js')).runBuildWork(flags, io);
  const started = performance.now();
  const lang = messageLang(flags.lang, io.env);
  const t = cliMessages(lang);
  const years = parseYears(flags);
  const formats = parseFormats(flags.format);
  const { buildReports } = await import('../pipeline.js');
  const pdf = formats.has('pdf');
  const timeout = parseTimeoutSeconds(flags.timeout ?? String(DEFAULT_TIMEOUT_SECONDS));
  await refuseOutInsideData(flags, io.cwd);
  const deps = await realDeps(
    io,
    flags.chrome,
    pdf,
    timeout * 1000,
    flags.template !== undefined,
    lang,
  );
  const progress = flags.quiet
    ? null
    : terminalProgress(io, lang, { all: years === 'all', now: () => performance.now() });
  const sourceDate = pdf
    ? (await import('../infra/pdf-postprocess.js')).sourceDateFromEnv(io.env)
    : null;
  let summary;
  try {
    summary = await buildReports(
      {
        years,
        dataDir: flags.data,
        outDir: flags.out,
        templateDir: flags.template ?? DEFAULT_TEMPLATE,
        formats,
        cwd: io.cwd,
        ...(flags.lang ? { lang: flags.lang } : {}),
        sourceDate,
        generator: `report ${version}`,
      },
      progress ? { ...deps, progress: progress.report } : deps,
    );
  } finally {
    progress?.close();
  }
  const { built: results, skipped } = summary;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const result of results) {
    const shown = result.files.filter((f) => /report\.(html|pdf)$/.test(f)).join(', ');
    io.stdout(`${t.builtYear(result.year, shown, result.pages)}\n`);
  }
  if (results.length === 0)
    throw reportError('nothingToBuild', { data: flags.data, years: skipped });
  if (skipped.length > 0)
    io.stdout(`${t.notBuilt(skipped.join(lang === 'zh-CN' ? '、' : ', '))}\n`);
  io.stdout(`${t.builtCount(results.length, seconds)}\n`);
  return 0;
}
