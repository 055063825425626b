/**
 * The HTML edition for screens (templates/default/styles/screen.css), in a real Chromium at a
 * phone's width (390 px) and a laptop's (1280 px), for the Chinese example and the English
 * fixture: no sideways scrolling of the page, body text of 16 px or more, no text under 11 px
 * (chart text included: a chart's text is 12 px at its printed width), the title and the key
 * figures on the first screen, key figures on one line, contents that link to the sections
 * (sticky beside the text when wide, folded in a <details> on a phone), light colours only.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchScreenBrowser } from '../support/screen-browser.js';
import { ROOT, runCli } from './cli.js';

const EXAMPLES = {
  'Chinese example': {
    data: join(ROOT, 'data'),
    title: '2015年度工作总结',
    org: '苏州市清流社工服务中心',
  },
  'English fixture': {
    data: join(ROOT, 'tests/fixtures/data/english'),
    title: 'Annual Report 2015',
    org: 'Riverside Community Trust',
  },
} as const;
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

let browser: Browser;
const pages = new Map<string, string>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-screen-'));
  for (const [name, example] of Object.entries(EXAMPLES)) {
    const data = join(dir, name.replace(/ /g, '-'), 'data');
    cpSync(example.data, data, { recursive: true });
    const out = join(dir, name.replace(/ /g, '-'), 'out');
    const result = await runCli([
      'build',
      '2015',
      '--format',
      'html',
      '--data',
      data,
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    pages.set(name, `file://${join(out, '2015/report.html')}`);
  }
  browser = await launchScreenBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(example: string, size: (typeof SIZES)[number]): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: 1 });
  await page.goto(pages.get(example) as string, { waitUntil: 'load' });
  return page;
}

/** What a reader sees, measured in the page. */
function measure(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return el.getClientRects().length > 0 && box.width > 1 && box.height > 1;
    };
    let smallest = Infinity;
    let smallestText = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || !shown(el)) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest) [smallest, smallestText] = [size, node.textContent.trim()];
    }
    // Chart text is 12 px at the chart's printed width (its inline style, in mm).
    const chartText = Array.from(document.querySelectorAll<HTMLImageElement>('figure.chart img'))
      .filter(shown)
      .map(
        (img) =>
          (12 * img.getBoundingClientRect().width) / ((parseFloat(img.style.width) * 96) / 25.4),
      );
    const kfLines = Array.from(document.querySelectorAll('.kf-value')).map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      return { text: el.textContent, lines: tops.size };
    });
    const firstValue = document.querySelector('.kf-value')?.getBoundingClientRect();
    const title = document.querySelector('h1')?.getBoundingClientRect();
    const tables = Array.from(document.querySelectorAll('figure.table')).map(
      (f) => f.getBoundingClientRect().right,
    );
    const contents = Array.from(document.querySelectorAll('nav')).filter(shown);
    const links = contents.flatMap((nav) =>
      Array.from(nav.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? ''),
    );
    return {
      scrollWidth: doc.scrollWidth,
      clientWidth: doc.clientWidth,
      bodyText: parseFloat(getComputedStyle(document.querySelector('main p') as Element).fontSize),
      smallest,
      smallestText,
      chartText,
      kfLines,
      firstScreen: { title: title?.bottom ?? Infinity, keyFigure: firstValue?.bottom ?? Infinity },
      tables,
      contents: contents.map((nav) => ({
        className: nav.className,
        position: getComputedStyle(nav).position,
        details: nav.querySelector('details')?.open ?? null,
      })),
      linksResolve:
        links.length > 0 && links.every((h) => document.getElementById(h.slice(1)) !== null),
      colorScheme: getComputedStyle(doc).colorScheme,
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
}

describe.each(Object.keys(EXAMPLES))('the screen edition of the %s', (example) => {
  const { title, org } = EXAMPLES[example as keyof typeof EXAMPLES];

  it.each(SIZES)(
    'at $width px: no sideways scroll, readable sizes, title and key figures first',
    async (size) => {
      const page = await open(example, size);
      try {
        const m = await measure(page);
        expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
        expect(m.bodyText).toBeGreaterThanOrEqual(16);
        expect(m.smallest, m.smallestText).toBeGreaterThanOrEqual(11);
        for (const text of m.chartText) expect(text).toBeGreaterThanOrEqual(11);
        for (const kf of m.kfLines) expect(kf.lines, kf.text ?? '').toBe(1);
        expect(m.firstScreen.title).toBeLessThan(size.height);
        expect(m.firstScreen.keyFigure).toBeLessThan(size.height);
        for (const right of m.tables) expect(right).toBeLessThanOrEqual(size.width);
        expect(m.linksResolve).toBe(true);
        expect(m.contents).toHaveLength(1);
        if (size.width >= 1024) {
          expect(m.contents[0]).toMatchObject({ className: 'contents', position: 'sticky' });
        } else {
          // Folded away on a phone, opened with a tap (no JavaScript: a <details>).
          expect(m.contents[0]).toMatchObject({ className: 'screen-contents', details: false });
        }
        const heading = await page.$eval('h1', (h) => h.textContent ?? '');
        expect(heading).toContain(title);
        expect(await page.$eval('.cover-org', (p) => p.textContent ?? '')).toBe(org);
        expect(heading + (await page.$eval('.cover-date', (p) => p.textContent ?? ''))).toMatch(
          /2015|二〇一五/,
        );
      } finally {
        await page.close();
      }
    },
  );

  it('stays light in a browser set to dark mode', async () => {
    const page = await open(example, SIZES[0]);
    try {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const m = await measure(page);
      expect(m.colorScheme).toBe('light');
      expect(m.background).toBe('rgb(255, 255, 255)');
    } finally {
      await page.close();
    }
  });
});
