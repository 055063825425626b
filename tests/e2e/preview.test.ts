/**
 * `report preview` as a user runs it (the real CLI on a copy of the example, --no-open, a free
 * port), watched in a real Chromium tab: an edit of narrative.yaml reloads the page with the
 * edit; a broken file shows an overlay naming file:line:col over the last good version; the fix
 * brings the report back; the PDF is printed in the background; Ctrl-C leaves no process.
 * Requests from another site (a foreign Host) and for paths outside the build are refused.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  descendantsOf,
  isAlive,
  openEvents,
  rawGet,
  waitForOutput,
} from '../support/preview-client.js';
import { launchScreenBrowser } from '../support/screen-browser.js';
import { ROOT, startCli, tempDir, type CliResult } from './cli.js';

let dir: string;
let narrativeFile: string;
let original: string;
let preview: ReturnType<typeof startCli>;
let port: number;
let events: ReturnType<typeof openEvents>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = tempDir();
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  narrativeFile = join(dir, 'data/2015/narrative.yaml');
  original = readFileSync(narrativeFile, 'utf8');
  preview = startCli(['preview', '2015', '--no-open', '--port', '0', '--pdf', '--lang', 'en'], {
    cwd: dir,
    env: { LANG: 'C' },
  });
  const url = await waitForOutput(preview.child, /http:\/\/127\.0\.0\.1:(\d+)\//);
  port = Number(url[1]);
  events = openEvents(port);
  await events.next((s) => s.version === 1);
  browser = await launchScreenBrowser();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
});

afterAll(async () => {
  events?.close();
  await browser?.close();
  if (preview && preview.child.exitCode === null) preview.child.kill('SIGKILL');
});

const heading = () => page.$eval('h1', (h) => h.textContent ?? '');
const overlayText = () =>
  page.$eval('[data-preview="overlay"]', (o) => o.textContent ?? '').catch(() => null);

describe('report preview on a copy of the example', () => {
  it('serves the report, with the edit of narrative.yaml after the page reloads itself', async () => {
    expect(await heading()).toContain('2015年度工作总结');
    // The fonts and charts, served apart from the page, load under the served page's policy.
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      const charts = Array.from(document.querySelectorAll('figure.chart img'));
      return {
        fonts: document.fonts.check('16px "Noto Serif SC"', '年度'),
        charts: charts.length,
        drawn: charts.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length,
      };
    });
    expect(loaded.fonts).toBe(true);
    expect(loaded.drawn).toBe(loaded.charts);
    const reloaded = page.waitForNavigation({ waitUntil: 'load' });
    writeFileSync(
      narrativeFile,
      original.replace(/^title: .*$/m, 'title: 2015年度工作总结（预览修订）'),
    );
    await reloaded;
    expect(await heading()).toContain('2015年度工作总结（预览修订）');
  });

  it('a broken file: an overlay with file:line:col over the last good version, in the page and the terminal', async () => {
    const shown = page.waitForSelector('[data-preview="overlay"]');
    // Line 7 is `year: 2015`: an unclosed flow sequence there is a YAML syntax error.
    writeFileSync(narrativeFile, original.replace(/^year: 2015$/m, 'year: [2015'));
    await shown;
    expect(await overlayText()).toMatch(/data\/2015\/narrative\.yaml:7:\d+/);
    // The report under the overlay is still the last good one.
    expect(await heading()).toContain('2015年度工作总结（预览修订）');
    const state = await events.next((s) => s.error !== null);
    expect(state.error?.text).toMatch(/narrative\.yaml:7:\d+/);
  });

  it('the fix brings the report back, without the overlay', async () => {
    const reloaded = page.waitForNavigation({ waitUntil: 'load' });
    writeFileSync(
      narrativeFile,
      original.replace(/^title: .*$/m, 'title: 2015年度工作总结（已修正）'),
    );
    await reloaded;
    expect(await heading()).toContain('2015年度工作总结（已修正）');
    expect(await overlayText()).toBeNull();
  });

  it('the served page lets in only its reload script; report.html built by `report build` has none', async () => {
    const html = (await rawGet(port, '/')).body;
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(policy).toMatch(/script-src 'nonce-[^']+'/);
    expect(policy).toMatch(/default-src 'none'/);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    const template = readFileSync(join(ROOT, 'templates/default/report.hbs'), 'utf8');
    expect(template).not.toMatch(/<script\b/);
  });

  it('prints the PDF in the background and serves the newest at /report.pdf', async () => {
    await events.next((s) => s.pdfVersion > 0);
    const pdf = await fetch(`http://127.0.0.1:${port}/report.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('refuses a foreign Host (DNS rebinding) with 403, and any path outside the build', async () => {
    const foreign = await rawGet(port, '/', { Host: `attacker.example:${port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('清流');
    const rebound = await rawGet(port, '/', { Host: `attacker.example` });
    expect(rebound.status).toBe(403);
    for (const path of [
      '/../data/2015/income.yaml',
      '/%2e%2e/data/2015/income.yaml',
      '/data/2015/income.yaml',
      '/..%2f..%2fetc%2fpasswd',
    ]) {
      const response = await rawGet(port, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toMatch(/amount|lines:/);
    }
    expect((await rawGet(port, '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('Ctrl-C stops the preview and its Chromium, and writes nothing to out/', async () => {
    const pid = preview.child.pid as number;
    const children = descendantsOf(pid);
    expect(children.length).toBeGreaterThan(0); // the warm browser of --pdf
    preview.child.kill('SIGINT');
    const result: CliResult = await preview.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('SIGINT');
    expect(children.filter(isAlive)).toEqual([]);
    expect(() => readFileSync(join(dir, 'out/2015/report.html'))).toThrow();
  });
});
