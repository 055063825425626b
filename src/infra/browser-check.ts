/**
 * The browser check shared by `report doctor` and the set-up (scripts/ensure-browser.mjs): find
 * the browser exactly as a build does, launch it exactly as a build does, and print a one-page
 * test PDF. A browser whose file exists but that cannot start fails here, not in the first build.
 */
import { isReportError } from '../errors.js';
import { isSandboxFailure, sandboxFixes, type Lang } from './browser-sandbox.js';
import { createPrinter } from './chromium-printer.js';
import { browserInstallHint, browserVersion, findBrowser } from './find-browser.js';

export interface BrowserCheck {
  ok: boolean;
  /** The browser found, when one was. */
  path?: string;
  source?: string;
  version?: string | null;
  /** The test print: how long it took (launch included) and its page count. */
  ms?: number;
  pages?: number;
  /** What went wrong, in the browser's words where it said something. */
  problem?: string;
  /** What to do, most fitting first. */
  fixes: string[];
  sandbox?: boolean;
}

const TEST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>report doctor</title>
<style>@page { size: A4; margin: 20mm } body { font: 14pt serif }</style></head>
<body><h1>report doctor</h1><p>A test print: the browser starts and prints a PDF.</p></body></html>`;

export async function checkBrowser(options: {
  flag?: string | undefined;
  env: Record<string, string | undefined>;
  lang?: Lang;
  timeoutMs?: number;
}): Promise<BrowserCheck> {
  const lang = options.lang ?? 'en';
  let found;
  try {
    found = findBrowser({ flag: options.flag, env: options.env });
  } catch (error) {
    if (!isReportError(error)) throw error;
    return { ok: false, problem: error.message, fixes: error.hint ? [error.hint] : [] };
  }
  if (found === null) {
    return {
      ok: false,
      problem:
        lang === 'zh-CN'
          ? '没有找到 Chromium、Chrome 或 Edge（生成 PDF 需要其中之一）'
          : 'no Chromium, Chrome or Edge found (PDF output needs one)',
      fixes: [browserInstallHint()],
    };
  }
  const version = await browserVersion(found.path);
  const printer = createPrinter({
    executablePath: found.path,
    env: options.env,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  const started = performance.now();
  try {
    const result = await printer.print({
      html: TEST_PAGE,
      metadata: {
        title: 'report doctor',
        author: 'report',
        subject: 'test print',
        keywords: [],
        creator: 'report doctor',
        lang: 'en',
        creationDate: new Date(0),
      },
    });
    return {
      ok: true,
      path: found.path,
      source: found.source,
      version,
      ms: performance.now() - started,
      pages: result.pageCount,
      fixes: [],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const sandbox = isSandboxFailure(message);
    const hint = isReportError(error) ? error.hint : undefined;
    return {
      ok: false,
      path: found.path,
      source: found.source,
      version,
      problem: message,
      sandbox,
      fixes: sandbox ? sandboxFixes(found.path, lang, {}, message) : hint ? [hint] : [],
    };
  } finally {
    await printer.close();
  }
}
