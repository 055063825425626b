/**
 * HTML → PDF with a headless Chromium, locked down: no JavaScript, no network, no local files.
 * The browser is launched lazily (puppeteer-core is imported only then), reused for every
 * print, given one page per print, and always closed, also on failure and on Ctrl-C.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { ReportError, reportError } from '../errors.js';
import { browserOwnError, isSandboxFailure, sandboxFixes } from './browser-sandbox.js';
import { onInterrupt } from './interrupt.js';
import {
  DEFAULT_TIMEOUT_SECONDS,
  type BlockedRequest,
  type PrintJob,
  type PrintResult,
  type Printer,
} from '../ports.js';

export type { BlockedRequest, PdfMetadata, PrintJob, PrintResult, Printer } from '../ports.js';

/** Test seams: observe the browser process, act just before page.pdf (e.g. kill Chromium). */
export interface PrinterHooks {
  onLaunched?(info: { pid: number | undefined; userDataDir: string }): void;
  beforePdf?(info: { pid: number | undefined }): void | Promise<void>;
}

export interface PrinterOptions {
  executablePath: string;
  /** Budget for one print (load, fonts, pdf): --timeout. */
  timeoutMs?: number;
  /** Budget for starting Chromium. Default 30 s. */
  launchTimeoutMs?: number;
  env?: Record<string, string | undefined>;
  isRoot?: boolean;
  hooks?: PrinterHooks;
  /**
   * Keep one page (and so its renderer process) from print to print instead of a new page each
   * time: a long-running preview re-prints in about half the browser's time. The page is locked
   * down once, the same way; any failure closes it and the next print starts a new one.
   */
  keepPage?: boolean;
}

const HARDENING_ARGS = [
  // Nothing may be looked up: only data: URLs load, and Chromium's own services stay quiet.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--font-render-hinting=none',
];

/** Chromium refuses to run as root with its sandbox; anyone else keeps it unless they opt out. */
export function chromiumArgs(opts: {
  isRoot: boolean;
  env: Record<string, string | undefined>;
}): string[] {
  const noSandbox = opts.isRoot || opts.env['REPORT_NO_SANDBOX'] === '1';
  return noSandbox ? ['--no-sandbox', ...HARDENING_ARGS] : [...HARDENING_ARGS];
}

interface Session {
  browser: Promise<Browser>;
  userDataDir: Promise<string>;
  unregister: () => void;
  /** With keepPage: the page kept between prints. */
  kept: KeptPage;
}

/** A page kept between prints, once locked down; its listeners report to the print under way. */
export interface KeptPage {
  page: Page | null;
  watch: PageWatch;
}

interface PageWatch {
  blocked: BlockedRequest[];
  navigated: ((url: string) => void) | null;
}

export function createPrinter(options: PrinterOptions): Printer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
  let session: Session | null = null;

  const start = (): Session => {
    if (session !== null) return session;
    const userDataDir = mkdtemp(path.join(os.tmpdir(), 'report-chromium-'));
    const browser = userDataDir.then((dir) => launch(options, timeoutMs, dir));
    const current: Session = {
      browser,
      userDataDir,
      unregister: () => undefined,
      kept: { page: null, watch: { blocked: [], navigated: null } },
    };
    current.unregister = onInterrupt(() => dispose(current));
    browser.catch(() => undefined); // a warmUp failure is reported by the next print
    session = current;
    return current;
  };

  const dispose = async (s: Session): Promise<void> => {
    if (session === s) session = null;
    s.unregister();
    const browser = await s.browser.catch(() => null);
    // Killed first, its profile removed while the killed processes are reaped (on a busy
    // machine their exit can take seconds, and Ctrl-C's cleanups have a time limit).
    const exited = browser !== null ? stopBrowser(browser) : Promise.resolve();
    const dir = await s.userDataDir.catch(() => null);
    if (dir !== null)
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }).catch(
        () => undefined,
      );
    await exited;
  };

  return {
    warmUp() {
      start();
    },
    async print(job) {
      const s = start();
      try {
        const browser = await s.browser;
        return await printPage(
          browser,
          job,
          timeoutMs,
          options.hooks,
          options.keepPage === true ? s.kept : undefined,
        );
      } catch (error) {
        if (!(error instanceof ReportError && error.code === 'OUTPUT_FAILED')) await dispose(s);
        throw toBrowserError(error, options.executablePath, timeoutMs);
      }
    },
    async close() {
      if (session !== null) await dispose(session);
    },
  };
}

async function launch(
  options: PrinterOptions,
  timeoutMs: number,
  userDataDir: string,
): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const env = options.env ?? process.env;
  const launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  const args = chromiumArgs({ isRoot: options.isRoot ?? process.getuid?.() === 0, env });
  // With pipe: true puppeteer's own launch timeout does not cover a browser that starts but
  // never speaks CDP; aborting this signal kills the process.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), launchTimeoutMs);
  try {
    const launching = puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      pipe: true,
      userDataDir,
      // Chromium's own temp files go inside its profile folder, which is removed on close.
      env: { ...process.env, ...env, TMPDIR: userDataDir },
      args,
      timeout: launchTimeoutMs,
      signal: abort.signal,
      // Fail fast when the renderer hangs instead of after puppeteer's default 180 s.
      protocolTimeout: timeoutMs + 5_000,
      // Signals are ours (interrupt.ts): puppeteer's handlers would exit 0 or race us.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const timedOut = new Promise<never>((_, reject) =>
      abort.signal.addEventListener('abort', () => {
        reject(new Error(`no answer within ${Math.round(launchTimeoutMs / 1000)} s`));
        void launching.then((late) => late.close()).catch(() => undefined);
      }),
    );
    const browser = await Promise.race([launching, timedOut]);
    options.hooks?.onLaunched?.({ pid: browser.process()?.pid, userDataDir });
    return browser;
  } catch (error) {
    // A launch that timed out started a browser: running it again would say nothing new.
    throw await launchError(error, options.executablePath, abort.signal.aborted ? null : args);
  } finally {
    // Never abort after a successful launch: puppeteer would close the browser.
    clearTimeout(timer);
  }
}

/**
 * One print on a fresh, locked-down page of `browser` (also a connected one:
 * src/infra/remote-browser.ts), or on the page `kept` from the last print (preview), locked down
 * alike. Chromium names the tagged PDF's structure elements after the DOM node ids of the
 * renderer process (`/ID (node00000190)`, table headers), a counter shared by pages printed at
 * once or one after the other on a kept page; the finishing (pdf-postprocess.ts) renumbers them
 * from 1, so the bytes are those of a print alone, whatever the pages in flight. (A browser
 * context per print did the same at about 0.3–0.9 s more per print.)
 */
export async function printPage(
  browser: Browser,
  job: PrintJob,
  timeoutMs: number,
  hooks: PrinterHooks | undefined,
  kept?: KeptPage,
): Promise<PrintResult> {
  const watch: PageWatch = kept?.watch ?? { blocked: [], navigated: null };
  const blocked: BlockedRequest[] = [];
  watch.blocked = blocked;
  // pdf-lib loads while Chromium lays the page out, not after it has printed.
  const postprocess = import('./pdf-postprocess.js');
  postprocess.catch(() => undefined);
  let page: Page | undefined;
  let navigatedTo: string | null = null;
  let keep = false;
  const stop = new AbortController();
  try {
    const reused = kept?.page != null && !kept.page.isClosed() ? kept.page : null;
    if (kept) kept.page = null;
    page = reused ?? (await browser.newPage());
    const current = page;
    const failure = failFast(browser, current, timeoutMs, stop.signal);
    const navigation = new Promise<never>((_, reject) => {
      watch.navigated = (url) => {
        navigatedTo ??= url;
        reject(navigatedAway(navigatedTo));
      };
    });
    const work = (async () => {
      if (reused === null) {
        current.on('framenavigated', (frame) => {
          if (frame === current.mainFrame()) watch.navigated?.(frame.url());
        });
        await current.setJavaScriptEnabled(false);
        await current.setRequestInterception(true);
        current.on('request', (request) => guardRequest(request, watch.blocked));
        current.on('console', (message) => {
          const refused = refusedByChromium(message.text());
          if (refused !== null) {
            const frameUrl = message.location().url;
            watch.blocked.push({
              url: refused,
              resourceType: 'other',
              blockedBy: 'chromium',
              ...(frameUrl?.startsWith('about:') ? { frameUrl } : {}),
            });
          }
        });
      }

      try {
        await current.setContent(job.html, { waitUntil: 'load', timeout: timeoutMs });
        // Runtime.evaluate works with JavaScript disabled (measured on Chromium 156), but
        // callbacks handed to the page's built-ins do not run, hence the iterator.
        const failedFonts = await current.evaluate(async () => {
          await document.fonts.ready;
          const failed: string[] = [];
          for (const face of (
            document.fonts as unknown as { values(): Iterable<FontFace> }
          ).values()) {
            if (face.status === 'error') failed.push(face.family);
          }
          return failed;
        });
        const fillIn = async (updates: Record<string, string> | null) => {
          if (updates === null) return false;
          await current.evaluate((texts) => {
            for (const [id, text] of Object.entries(texts)) {
              const element = document.getElementById(id);
              if (element !== null) element.textContent = text;
            }
          }, updates);
          return true;
        };
        await fillIn((await job.fill?.(null)) ?? null);
        await hooks?.beforePdf?.({ pid: browser.process()?.pid });
        const print = () =>
          current.pdf({
            format: 'A4',
            printBackground: true,
            preferCSSPageSize: true,
            displayHeaderFooter: false,
            tagged: true,
            outline: true,
            timeout: timeoutMs,
          });
        // Each print is finished (metadata, fixed dates, ID) and its bookmarks read in one
        // parse; the same loaded page is printed again while `fill` changes it.
        const { finalizePdfWithInfo } = await postprocess;
        let done = await finalizePdfWithInfo(
          await print(),
          job.metadata,
          await current.evaluate(layoutOf),
        );
        for (
          let pass = 0;
          job.fill && pass < 3 && (await fillIn(await job.fill(done.outline)));
          pass += 1
        ) {
          done = await finalizePdfWithInfo(
            await print(),
            job.metadata,
            await current.evaluate(layoutOf),
          );
        }
        const pdf = done.pdf;
        const pageCount = done.pageCount;
        if (navigatedTo !== null) throw navigatedAway(navigatedTo);
        keep = kept !== undefined;
        return { pdf, pageCount, blocked, failedFonts: [...new Set(failedFonts)] };
      } catch (error) {
        // A navigation destroys the execution context, sometimes before its event arrives; so
        // does a page closed under the print (a crash, or another client of a shared browser),
        // which is no navigation: that error goes on as it is, and a pool retries it.
        if (current.isClosed()) throw error;
        const destroyed = error instanceof Error && /context was destroyed/i.test(error.message);
        // The page's end can arrive after the error it caused: asked, a closed page says so.
        if (navigatedTo === null && destroyed && (await closedUnder(current))) throw error;
        if (navigatedTo !== null || destroyed) throw navigatedAway(navigatedTo ?? 'another page');
        throw error;
      }
    })();
    return await Promise.race([work, failure, navigation]);
  } finally {
    stop.abort();
    watch.navigated = null;
    if (keep && kept !== undefined && page !== undefined) kept.page = page;
    // Closing can hang after a navigation was cancelled; the browser is disposed then anyway.
    else if (page !== undefined)
      await Promise.race([page.close().catch(() => undefined), delay(2_000)]);
  }
}

/** Whether `page` is gone (closed or crashed), asking it when puppeteer has not heard yet. */
async function closedUnder(page: Page): Promise<boolean> {
  try {
    await page.evaluate(() => 0);
    return page.isClosed();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return page.isClosed() || /closed|No target|not found|detached/i.test(message);
  }
}

/** Only `data:` subresources may load; puppeteer never pauses those, so everything paused is refused. */
function guardRequest(request: HTTPRequest, blocked: BlockedRequest[]): void {
  const url = request.url();
  if (url.startsWith('data:') && !request.isNavigationRequest()) {
    void request.continue().catch(() => undefined);
    return;
  }
  const frameUrl = request.frame()?.url();
  const initiator = describeInitiator(request.initiator());
  blocked.push({
    url: shorten(url),
    resourceType: request.resourceType(),
    blockedBy: 'interception',
    ...(frameUrl ? { frameUrl } : {}),
    ...(initiator ? { initiator } : {}),
  });
  // 'aborted', not 'blockedbyclient': the latter swaps a blocked main-frame navigation
  // (meta refresh) for Chromium's error page, which would then be printed.
  void request.abort('aborted').catch(() => undefined);
}

function describeInitiator(initiator: ReturnType<HTTPRequest['initiator']>): string | undefined {
  if (initiator === undefined) return undefined;
  if (initiator.url !== undefined && !initiator.url.startsWith('pptr:')) {
    return `${initiator.type} ${initiator.url}:${initiator.lineNumber ?? 0}:${initiator.columnNumber ?? 0}`;
  }
  return initiator.type;
}

const REFUSED = [
  /^Not allowed to load local resource: (\S+)/,
  /^Not allowed to navigate top frame to data URL: (\S+)/,
];

function refusedByChromium(text: string): string | null {
  for (const pattern of REFUSED) {
    const url = pattern.exec(text)?.[1];
    if (url !== undefined) return shorten(url);
  }
  return null;
}

function shorten(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

function navigatedAway(url: string): ReportError {
  return reportError('navigatedAway', { url: shorten(url) });
}

/** Rejects when the browser dies, the page crashes or the budget runs out, whichever is first. */
function failFast(
  browser: Browser,
  page: Page,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<never> {
  return new Promise<never>((_, reject) => {
    const onDisconnect = () => reject(new Error('Target closed: the browser disconnected'));
    const onCrash = (error: Error) => reject(new Error(`Page crashed: ${error.message}`));
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`print timed out`), { name: 'TimeoutError' })),
      timeoutMs,
    );
    // on, not once: puppeteer's once() wraps the listener, so off(listener) would not remove it,
    // and the browser would keep every printed page (its HTML, its PDF) until it closes.
    browser.on('disconnected', onDisconnect);
    page.on('error', onCrash);
    stop.addEventListener('abort', () => {
      clearTimeout(timer);
      browser.off('disconnected', onDisconnect);
      page.off('error', onCrash);
    });
  });
}

/**
 * Stops the browser; the kill is sent before this returns, the promise settles once the
 * browser has exited (at most 5 s later).
 */
function stopBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  if (child !== null && child.pid !== undefined && process.platform !== 'win32') {
    // Nothing of the browser is kept (its profile is a temp folder, removed next), so it is
    // stopped outright: its whole process group (puppeteer starts it detached) in a few
    // milliseconds, where a polite Browser.close takes about 100 ms.
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL'); // no group (already gone, or not detached): the process itself
    }
    return Promise.race([exited, delay(5_000)]);
  }
  return (async () => {
    await Promise.race([browser.close().catch(() => undefined), delay(5_000)]);
    if (child !== null && child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
  })();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function toBrowserError(error: unknown, executablePath: string, timeoutMs: number): ReportError {
  if (error instanceof ReportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return reportError('printTimeout', { seconds: seconds(timeoutMs) }, { cause: error });
  }
  if (/Target closed|Session closed|Connection closed|disconnected|crash|detached/i.test(message)) {
    return reportError('browserCrashed', { executable: executablePath }, { cause: error });
  }
  return reportError(
    'printFailed',
    { detail: firstLines(message, 3), executable: executablePath },
    { cause: error },
  );
}

function firstLines(text: string, n: number): string {
  return text.split('\n').slice(0, n).join('\n');
}

/**
 * A launch failure in the browser's own words: over a pipe its stderr is lost, so it is run once
 * more on its own. A sandbox it cannot start gets its fixes (never a silent --no-sandbox).
 */
async function launchError(
  error: unknown,
  executable: string,
  args: string[] | null,
): Promise<ReportError> {
  const detail = error instanceof Error ? firstLines(error.message, 6) : String(error);
  const own = args === null ? '' : await browserOwnError(executable, args);
  if (isSandboxFailure(own) || isSandboxFailure(detail)) {
    const fixes = (lang: 'zh-CN' | 'en') =>
      sandboxFixes(executable, lang, {}, own || detail).join(lang === 'zh-CN' ? '；或者' : '; or ');
    return reportError(
      'sandboxFailed',
      {
        executable,
        user: currentUser(),
        detail: own || detail,
        fixes: { en: fixes('en'), 'zh-CN': fixes('zh-CN') },
      },
      { cause: error },
    );
  }
  return reportError(
    'browserDidNotStart',
    { executable, detail: `${detail}${own ? `\n${own}` : ''}` },
    { cause: error },
  );
}

function currentUser(): string {
  try {
    return `user ${os.userInfo().username}`;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** 60000 → "60", 300 → "0.3", 50 → "0.05". */
function seconds(ms: number): string {
  const s = ms / 1000;
  return String(s >= 10 ? Math.round(s) : Number(s.toPrecision(2)));
}

/**
 * Runs in the page, for the PDF's page labels and link descriptions (see PdfLayout): a body
 * that opens with an element on a named page of its own (the template's cover, `page: cover`,
 * no running footer) has a first page without a printed number, labelled with the element's
 * accessible name (the template's localised "封面"); and the text of each `#id` link.
 */
function layoutOf(): { coverLabel?: string; linkTexts: Record<string, string> } {
  const linkTexts: Record<string, string> = {};
  const links = document.querySelectorAll('a[href^="#"]');
  for (let i = 0; i < links.length; i += 1) {
    const link = links[i];
    if (link === undefined) continue;
    const href = link.getAttribute('href')?.slice(1) ?? '';
    let id = href;
    try {
      id = decodeURIComponent(href);
    } catch {
      // A malformed escape: Chromium names the destination after the raw id.
    }
    const words: string[] = [];
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      words.push(node.textContent ?? '');
    }
    const text = (link.getAttribute('aria-label') ?? words.join(' ')).replace(/\s+/g, ' ').trim();
    if (id !== '' && text !== '' && !(id in linkTexts)) linkTexts[id] = text;
  }
  const first = document.body.firstElementChild;
  const page = first === null ? '' : getComputedStyle(first).getPropertyValue('page');
  if (first === null || page === '' || page === 'auto') return { linkTexts };
  const label = first.getAttribute('aria-label')?.trim() ?? '';
  return { coverLabel: label === '' ? page : label, linkTexts };
}
