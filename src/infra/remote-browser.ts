/**
 * Printing through a browser that is already running (`--browser-url`, REPORT_BROWSER_URL): a
 * pool behind a DevTools endpoint (browserless-style), or one Chrome started with
 * --remote-debugging-port. puppeteer connects instead of launching; each report gets a fresh
 * page, in a browser context of its own, locked down exactly as a local print's (src/infra/chromium-printer.ts `printPage`: no
 * JavaScript, every request but data: refused), and its PDF is finished the same way (fixed
 * dates and ID), so the bytes match a local print by the same Chromium started with the same
 * flags. A lost connection or a crashed page retries that report once, on a new connection;
 * then that report fails (BROWSER_FAILED) and nothing of it is written. Closing disconnects:
 * the browser is not ours to stop.
 */
import type { Browser } from 'puppeteer-core';
import { ReportError, reportError } from '../errors.js';
import { DEFAULT_TIMEOUT_SECONDS, type Printer } from '../ports.js';
import { printPage } from './chromium-printer.js';

export interface RemotePrinterOptions {
  /** ws://… (the browser's WebSocket endpoint) or http://host:port (its /json/version is asked). */
  url: string;
  timeoutMs?: number;
}

/** A usage error (exit 2) unless the URL is ws:, wss:, http: or https:. */
export function checkBrowserUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL at all
  }
  if (['ws:', 'wss:', 'http:', 'https:'].includes(protocol)) return;
  throw reportError('badBrowserUrl', { shown: JSON.stringify(url) });
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
        if (!lostConnection(first)) throw remoteError(first, options.url, timeoutMs, false);
        try {
          return await attempt(job);
        } catch (second) {
          throw remoteError(second, options.url, timeoutMs, true);
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

/** The failure in both languages: the reader's is chosen where it is printed. */
function remoteError(error: unknown, url: string, timeoutMs: number, retried: boolean) {
  if (error instanceof ReportError) return error;
  const message = describe(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    const seconds = Math.round(timeoutMs / 1000);
    return reportError('remotePrintTimeout', { url, seconds }, { cause: error });
  }
  const detail = message.split('\n')[0] ?? message;
  return reportError('remotePrintFailed', { url, detail, retried }, { cause: error });
}
