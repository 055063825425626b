/**
 * `build --all` and many-organisation builds print many pages through one browser: a printed
 * page (its HTML, its PDF) must be released once its print is done, not held by the browser
 * until it closes (that held every year's 2 MB page, 334 MB peak over 20 years).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, printPage } from '../../src/infra/chromium-printer.js';
import type { PrintJob } from '../../src/ports.js';
import { CHROMIUM, htmlDoc, sampleMeta } from './print-helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let browser: Browser;
beforeAll(async () => {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    args: chromiumArgs({ isRoot: process.getuid?.() === 0, env: process.env }),
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('a browser that prints several pages', () => {
  it('keeps no printed page once its print is done', async () => {
    const listenersBefore = browser.listenerCount('disconnected');
    const released: WeakRef<PrintJob>[] = [];
    for (let i = 0; i < 3; i += 1) {
      const job: PrintJob = {
        html: htmlDoc(`<h1>Year ${i}</h1><p>${'text '.repeat(1000)}</p>`),
        metadata: sampleMeta,
      };
      const result = await printPage(browser, job, 60_000, undefined);
      expect(result.pageCount).toBe(1);
      released.push(new WeakRef(job));
    }
    expect(browser.listenerCount('disconnected')).toBe(listenersBefore);
    // The last page may still be closing (its target's end arrives as an event): the ones before
    // it must be gone.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(released.slice(0, -1).map((ref) => ref.deref() === undefined)).toEqual([true, true]);
  });
});
