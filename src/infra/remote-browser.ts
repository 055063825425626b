/**
 * Printing through a browser that is already running (`--browser-url`, REPORT_BROWSER_URL): a
 * pool behind a DevTools endpoint (browserless-style), or one Chrome started with
 * --remote-debugging-port. puppeteer connects instead of launching; each report gets a fresh
 * page locked down exactly as a local print's (src/infra/chromium-printer.ts `printPage`: no
 * JavaScript, every request but data: refused), and its PDF is finished the same way (fixed
 * dates and ID), so the bytes match a local print by the same Chromium started with the same
 * flags. A lost connection or a crashed page retries that report once, on a new connection;
 * then that report fails (BROWSER_FAILED) and nothing of it is written. Closing disconnects:
 * the browser is not ours to stop.
 */
import type { Browser } from 'puppeteer-core';
import { ReportError } from '../errors.js';
import { DEFAULT_TIMEOUT_SECONDS, type Printer } from '../ports.js';
import type { Locale } from '../schema/files.js';
import { printPage } from './chromium-printer.js';

export interface RemotePrinterOptions {
  /** ws://… (the browser's WebSocket endpoint) or http://host:port (its /json/version is asked). */
  url: string;
  timeoutMs?: number;
  lang: Locale;
}

/** A usage error (exit 2) unless the URL is ws:, wss:, http: or https:. */
export function checkBrowserUrl(url: string, lang: Locale): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL at all
  }
  if (['ws:', 'wss:', 'http:', 'https:'].includes(protocol)) return;
  throw new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? `--browser-url ${JSON.stringify(url)} 不是浏览器调试地址（ws://… 或 http://…）`
      : `--browser-url ${JSON.stringify(url)} is not a browser endpoint (ws://… or http://…)`,
    {
      hint:
        lang === 'zh-CN'
          ? '例如 --browser-url ws://127.0.0.1:9222/devtools/browser/<id>，或 --browser-url http://127.0.0.1:9222'
          : 'e.g. --browser-url ws://127.0.0.1:9222/devtools/browser/<id>, or --browser-url http://127.0.0.1:9222',
    },
  );
}

export function createRemotePrinter(options: RemotePrinterOptions): Printer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
  let current: Promise<Browser> | null = null;

  const connection = (): Promise<Browser> => {
    if (current !== null) return current;
    const connecting = connect(options.url, timeoutMs);
    current = connecting;
    connecting.catch(() => {
      if (current === connecting) current = null; // the next print tries again
    });
    return connecting;
  };
  /** A connection that broke is dropped, so the next print connects anew. */
  const drop = (browser: Browser) => {
    void connection().then(
      (same) => {
        if (same === browser) current = null;
      },
      () => undefined,
    );
    void browser.disconnect().catch(() => undefined);
  };
  const attempt = async (job: Parameters<Printer['print']>[0]) => {
    const browser = await connection();
    try {
      return await printPage(browser, job, timeoutMs, undefined);
    } catch (error) {
      if (!browser.connected) drop(browser);
      throw error;
    }
  };

  return {
    warmUp() {
      void connection().catch(() => undefined); // reported by the first print
    },
    async print(job) {
      try {
        return await attempt(job);
      } catch (first) {
        if (!lostConnection(first)) throw remoteError(first, options, timeoutMs, false);
        try {
          return await attempt(job);
        } catch (second) {
          throw remoteError(second, options, timeoutMs, true);
        }
      }
    },
    async close() {
      const open = current;
      current = null;
      const browser = await open?.catch(() => null);
      await browser?.disconnect().catch(() => undefined);
    },
  };
}

/** The endpoint could not be reached (refused, reset, not a DevTools endpoint). */
class NoConnection extends Error {}

async function connect(url: string, timeoutMs: number): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const endpoint = /^wss?:/.test(url) ? { browserWSEndpoint: url } : { browserURL: url };
  try {
    return await puppeteer.connect({ ...endpoint, protocolTimeout: timeoutMs + 30_000 });
  } catch (error) {
    // The WebSocket's failure arrives as an event object, not an Error.
    throw new NoConnection(`cannot connect: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String(error.message);
  return String(error);
}

/** The connection or the page went away (not a timeout, not a refusal of ours): worth one retry. */
function lostConnection(error: unknown): boolean {
  if (error instanceof ReportError) return false;
  if (error instanceof NoConnection) return true;
  const message = describe(error);
  return /Target closed|Session closed|Connection closed|context was destroyed|disconnected|crash|detached|ECONNREFUSED|ECONNRESET|socket hang up|WebSocket|Failed to fetch browser/i.test(
    message,
  );
}

function remoteError(
  error: unknown,
  options: RemotePrinterOptions,
  timeoutMs: number,
  retried: boolean,
) {
  if (error instanceof ReportError) return error;
  const zh = options.lang === 'zh-CN';
  const message = describe(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    const s = Math.round(timeoutMs / 1000);
    return new ReportError(
      'BROWSER_FAILED',
      zh
        ? `通过 ${options.url} 打印未在 ${s} 秒内完成；未写入 PDF`
        : `printing through ${options.url} did not finish within ${s} s; no PDF was written`,
      {
        hint: zh
          ? '浏览器池可能过忙：减少 --jobs，或用 --timeout 放宽时间'
          : 'the browser pool may be overloaded: lower --jobs, or allow more time with --timeout',
        cause: error,
      },
    );
  }
  const first = message.split('\n')[0] ?? message;
  const again = retried ? (zh ? '（已重试一次）' : ' (tried twice)') : '';
  return new ReportError(
    'BROWSER_FAILED',
    zh
      ? `通过 ${options.url} 打印失败${again}：${first}；未写入 PDF`
      : `printing through ${options.url} failed${again}: ${first}; no PDF was written`,
    {
      hint: zh
        ? '检查该地址的浏览器是否在运行、可以访问；或去掉 --browser-url（及 REPORT_BROWSER_URL）改用本机浏览器'
        : 'check that the browser at that address is running and reachable, or drop --browser-url (and REPORT_BROWSER_URL) to print with a local browser',
      cause: error,
    },
  );
}
