/**
 * `buildReports` through its ports (src/pipeline.ts `BuildDeps`), with the real data and
 * template readers and fakes for the browser, the disk, the charts and the fonts: which files a
 * build writes, that a year is written whole or not at all, what happens without a browser,
 * how the contents page gets its numbers, and how a failing year is reported. The real
 * Chromium and the real CLI are exercised by the smoke tests in tests/e2e/.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realDeps } from '../../src/cli/build.js';
import type { Io } from '../../src/cli/io.js';
import { ReportError } from '../../src/errors.js';
import { DataError } from '../../src/problems/problem.js';
import {
  DEFAULT_TEMPLATE,
  FAKE_PAGES,
  FAKE_PDF,
  FIXTURES,
  FONT_CSS,
  NOW,
  contentsOf,
  fakePrinter,
  harness,
  memoryDisk,
  rejection,
  type Layout,
} from './fakes.js';

const HTML = 'out/2015/report.html';
const PDF = 'out/2015/report.pdf';
const HINT = 'out/2015/.report-pages.json';
const CHARTS = ['income', 'projects', 'services'].map((id) => `out/2015/charts/${id}.svg`);

/** A copy of the minimal fixture (as data/) whose 2014 has a narrative too: two reports. */
function twoNarrativeYears(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-pipeline-'));
  cpSync(join(FIXTURES, 'minimal'), join(dir, 'data'), { recursive: true });
  const narrative = readFileSync(join(dir, 'data/2015/narrative.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'data/2014/narrative.yaml'),
    narrative
      .replace('year: 2015', 'year: 2014')
      .replace('2015 年度工作总结', '2014 年度工作总结')
      .replace('2015-12-31', '2014-12-31'),
  );
  return dir;
}

/** The visible text of a page: no styles, tags as spaces, runs of spaces as one. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function fakeIo(env: Record<string, string | undefined> = {}): Io & { err: string[] } {
  const err: string[] = [];
  return {
    stdout: () => undefined,
    stderr: (text) => void err.push(text),
    cwd: FIXTURES,
    env,
    isTTY: false,
    err,
  };
}

describe('the files a build writes, per format', () => {
  it('html,pdf: the page, its charts, the PDF and the contents hint, in one write for the year', async () => {
    const h = harness();
    const summary = await h.run();
    expect(summary).toEqual({
      built: [{ year: 2015, files: [HTML, ...CHARTS, PDF, HINT], pages: FAKE_PAGES }],
      skipped: [],
    });
    expect(h.disk.batches).toEqual([[HTML, ...CHARTS, PDF, HINT]]);
    expect(h.disk.files.get(PDF)).toBe(FAKE_PDF);
    // The HTML printed is the HTML written.
    expect(h.printer.jobs).toHaveLength(1);
    expect(h.printer.jobs[0]?.html).toBe(h.disk.text(HTML));
  });

  it('html: the page and its charts; the browser is never asked for', async () => {
    const h = harness({
      options: { formats: new Set(['html']) },
      deps: {
        openPrinter: () => {
          throw new Error('no printer may be looked up for --format html');
        },
      },
    });
    expect(await h.run()).toEqual({
      built: [{ year: 2015, files: [HTML, ...CHARTS], pages: null }],
      skipped: [],
    });
    expect(h.disk.batches).toEqual([[HTML, ...CHARTS]]);
  });

  it('pdf: the PDF and its contents hint only; the charts are drawn for the page all the same', async () => {
    const h = harness({ options: { formats: new Set(['pdf']) } });
    expect((await h.run()).built).toEqual([{ year: 2015, files: [PDF, HINT], pages: FAKE_PAGES }]);
    expect(h.charts).toEqual(['income', 'projects', 'services']);
    expect(h.printer.jobs[0]?.html).toMatch(/<img src="data:image\/svg\+xml;base64,/);
  });

  it('the page is self-contained: charts inline as the drawer made them, font CSS in its place', async () => {
    const h = harness({ options: { formats: new Set(['html']) } });
    await h.run();
    const html = h.disk.text(HTML);
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain(FONT_CSS);
    expect(html).not.toContain('/*report:font-faces*/');
    const shown = [...html.matchAll(/<img src="data:image\/svg\+xml;base64,([^"]*)"/g)].map((m) =>
      Buffer.from((m[1] ?? '').replaceAll('&#x3D;', '='), 'base64').toString(),
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const svg of shown) expect(h.charts.map((id) => `<svg id="${id}"/>`)).toContain(svg);
    expect(h.disk.text('out/2015/charts/income.svg')).toBe('<svg id="income"/>');
    // Fonts are subset to the text the page shows, never to the base64 of an image.
    expect(h.fontTexts).toHaveLength(1);
    expect(h.fontTexts[0]).toContain('苏州市示例社工服务中心');
    expect(h.fontTexts[0]).not.toContain('base64');
  });

  it('gives the PDF the organisation’s metadata, dated SOURCE_DATE_EPOCH when set, else now', async () => {
    const now = harness();
    await now.run();
    expect(now.printer.jobs[0]?.metadata).toEqual({
      title: '苏州市示例社工服务中心2015 年度工作总结',
      author: '苏州市示例社工服务中心',
      subject: '苏州市示例社工服务中心2015年度工作总结：收入、人员、项目、服务与社会影响',
      keywords: ['苏州市示例社工服务中心', '2015 年度工作总结', '青少年服务', '长者服务'],
      creator: 'report test',
      lang: 'zh-CN',
      creationDate: NOW,
    });
    const pinned = new Date('2015-12-31T00:00:00Z');
    const fixed = harness({ options: { sourceDate: pinned } });
    await fixed.run();
    expect(fixed.printer.jobs[0]?.metadata.creationDate).toEqual(pinned);
  });

  it('an English organisation gets an English page: labels, money, dates, numbering, alt text', async () => {
    const h = harness({ options: { dataDir: 'english', formats: new Set(['html']) } });
    await h.run();
    const html = h.disk.text(HTML);
    expect(html).toMatch(/<html lang="en">/);
    const text = textOf(html);
    for (const phrase of [
      'Riverside Community Trust',
      'Annual Report 2015',
      '31 December 2015',
      'Contents',
      'The year at a glance',
      'In 2015 our income reached ¥200,000, up 33.3% on the year before.',
      '1. Our capacity',
      'Income grew to ¥200,000; 75.0% came from government.',
      'Volunteers made 40+ visits to older neighbours.',
      'Youth 1 · Older people 1',
      'Table 1 Income 2014–2015',
      'Figure 1 Income 2014–2015 by source',
    ]) {
      expect(text).toContain(phrase);
    }
    // Everything the template and the tool add is English; the data has no Chinese either.
    expect(text).not.toMatch(/[\u3400-\u9fff]/);
    const alts = [...html.matchAll(/ alt="([^"]*)"/g)].map((m) => m[1]).join(' ');
    expect(alts).toContain('Government');
    expect(alts).not.toMatch(/[\u3400-\u9fff]/);
  });
});

describe('a year is written whole or not at all', () => {
  it('a print that fails (over its --timeout): nothing of the year is written, exit 4 naming the year', async () => {
    const timeout = new ReportError('BROWSER_FAILED', 'Printing did not finish within 0.05 s.', {
      hint: 'Allow more time with --timeout SECONDS.',
    });
    const h = harness({ printer: fakePrinter({ fail: timeout }) });
    const error = await rejection(h.run());
    expect(error).toMatchObject({
      code: 'BROWSER_FAILED',
      exitCode: 4,
      message: '2015: Printing did not finish within 0.05 s.',
      hint: 'Allow more time with --timeout SECONDS.',
    });
    expect(error.cause).toBe(timeout);
    expect(h.disk.batches).toEqual([]);
  });

  it('a PDF that cannot be written: exit 5 naming it, and the HTML, in the same write, is not replaced either', async () => {
    const h = harness({ disk: memoryDisk({ failOn: /report\.pdf$/ }) });
    const error = await rejection(h.run());
    expect(error).toMatchObject({ code: 'OUTPUT_FAILED', exitCode: 5 });
    expect(error.message).toContain(PDF);
    expect(h.disk.batches).toEqual([[HTML, ...CHARTS, PDF, HINT]]);
    expect(h.disk.files.size).toBe(0);
  });

  it('with two years, a failing one replaces neither: the years are committed together or not at all', async () => {
    const cwd = twoNarrativeYears();
    const h = harness({
      options: { cwd, dataDir: 'data', years: [2014, 2015] },
      printer: fakePrinter({
        fail: {
          when: (html) => html.includes('2014 年度工作总结'),
          error: new ReportError(
            'BROWSER_FAILED',
            'Chromium crashed or was killed while printing.',
          ),
        },
      }),
    });
    const error = await rejection(h.run());
    expect(error.message).toMatch(/^2014: Chromium crashed or was killed while printing\./);
    expect(error.message).toContain('No report was replaced');
    expect(error.exitCode).toBe(4);
    expect(h.disk.files.size).toBe(0);
  });

  it('invalid data: every problem named, exit 1, nothing printed or written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'report-pipeline-'));
    cpSync(join(FIXTURES, 'minimal'), join(cwd, 'data'), { recursive: true });
    const income = join(cwd, 'data/2015/income.yaml');
    writeFileSync(income, readFileSync(income, 'utf8').replace('amount: 445000', 'amount: 445千'));
    const h = harness({ options: { cwd, dataDir: 'data' } });
    const error = await rejection(h.run());
    expect(error).toBeInstanceOf(DataError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/data\/2015\/income\.yaml:\d+:\d+/);
    expect(h.printer.jobs).toEqual([]);
    expect(h.disk.batches).toEqual([]);
  });

  it('a typo in a copied template: names the template file and line, exit 3, nothing written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'report-pipeline-'));
    cpSync(DEFAULT_TEMPLATE, join(cwd, 'my-template'), { recursive: true });
    const main = join(cwd, 'my-template/report.hbs');
    const source = readFileSync(main, 'utf8');
    writeFileSync(main, source.replace('{{> key-figures}}', '{{> key-figurs}}'));
    const line = source.split('\n').findIndex((l) => l.includes('{{> key-figures}}')) + 1;
    const h = harness({
      options: { cwd, dataDir: join(FIXTURES, 'minimal'), templateDir: join(cwd, 'my-template') },
    });
    const error = await rejection(h.run());
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', exitCode: 3 });
    expect(error.message).toContain(
      `my-template/report.hbs:${line}:1  unknown partial "key-figurs"`,
    );
    expect(h.disk.batches).toEqual([]);
  });
});

describe('without a browser', () => {
  const notFound = new ReportError('BROWSER_NOT_FOUND', 'no Chromium or Chrome found');

  it('writes the HTML and charts of every year, no PDF and no hint, then fails with exit 4', async () => {
    const cwd = twoNarrativeYears();
    const h = harness({
      options: { cwd, dataDir: 'data', years: 'all' },
      deps: {
        openPrinter: () => {
          throw notFound;
        },
      },
    });
    const error = await rejection(h.run());
    expect(error).toBe(notFound);
    expect(error.exitCode).toBe(4);
    const y14 = [HTML, ...CHARTS].map((p) => p.replace('2015', '2014'));
    expect(h.disk.batches).toEqual([y14, [HTML, ...CHARTS]]);
  });

  it('the CLI’s lookup: CHROME_PATH naming nothing gives BROWSER_NOT_FOUND naming it, with how to install one', async () => {
    const io = fakeIo({ CHROME_PATH: '/nonexistent/no-such-chromium' });
    const { openPrinter } = await realDeps(io, undefined, true);
    const h = harness({ deps: { openPrinter } });
    const error = await rejection(h.run());
    expect(error).toMatchObject({ code: 'BROWSER_NOT_FOUND', exitCode: 4 });
    expect(error.message).toContain('/nonexistent/no-such-chromium');
    expect(error.hint).toMatch(/apt-get install -y chromium|@puppeteer\/browsers install/);
    expect(h.disk.batches).toEqual([[HTML, ...CHARTS]]);
  });

  it('any other failure to get a printer is not taken for a missing browser', async () => {
    const broken = new Error('puppeteer failed to load');
    const h = harness({
      deps: {
        openPrinter: () => {
          throw broken;
        },
      },
    });
    await expect(h.run()).rejects.toBe(broken);
    expect(h.disk.batches).toEqual([]);
  });
});

describe('the contents page numbers', () => {
  it('a first build prints twice: once to find the pages, once with them filled in', async () => {
    const h = harness();
    await h.run();
    const [job] = h.printer.jobs;
    expect(job?.prints).toBe(2);
    const contents = contentsOf(h.disk.text(HTML));
    expect(contents.map((e) => e.label)).toEqual(['年度要览', '一、项目服务', '1.四点半课堂']);
    // What the last print shows is where the bookmarks say the headings are.
    expect(contents.map((e) => job?.filled[e.pageId])).toEqual(['3', '4', '5']);
    expect(job?.outline.map((e) => e.page)).toEqual([3, 4, 5]);
    expect(JSON.parse(h.disk.text(HINT))).toEqual({
      年度要览: 3,
      '一、项目服务': 4,
      '1.四点半课堂': 5,
    });
  });

  it('a rebuild whose layout did not change prints once, the numbers filled from the hint', async () => {
    const disk = memoryDisk();
    await harness({ disk }).run();
    const again = harness({ disk });
    await again.run();
    const [job] = again.printer.jobs;
    expect(job?.prints).toBe(1);
    expect(Object.values(job?.filled ?? {})).toEqual(['3', '4', '5']);
  });

  it('a rebuild where only a heading the contents page does not list changed (the cover title) prints once', async () => {
    const disk = memoryDisk();
    // The last build's hint also holds the cover's title as it was before the edit.
    disk.files.set(
      HINT,
      JSON.stringify({
        '2015年度报告（初稿）': 1,
        年度要览: 3,
        '一、项目服务': 4,
        '1.四点半课堂': 5,
      }),
    );
    const h = harness({ disk });
    await h.run();
    const [job] = h.printer.jobs;
    expect(job?.prints).toBe(1);
    expect(Object.values(job?.filled ?? {})).toEqual(['3', '4', '5']);
    // The hint now holds the headings as this print found them.
    expect(JSON.parse(disk.text(HINT))).toEqual({
      年度要览: 3,
      '一、项目服务': 4,
      '1.四点半课堂': 5,
    });
  });

  it('a stale hint (headings moved since): printed again until the contents tell the truth', async () => {
    const disk = memoryDisk();
    disk.files.set(HINT, JSON.stringify({ 年度要览: 1, '一、项目服务': 1, '1.四点半课堂': 1 }));
    const h = harness({ disk });
    await h.run();
    const [job] = h.printer.jobs;
    expect(job?.prints).toBe(2);
    expect(Object.values(job?.filled ?? {})).toEqual(['3', '4', '5']);
    expect(JSON.parse(disk.text(HINT))).toEqual({
      年度要览: 3,
      '一、项目服务': 4,
      '1.四点半课堂': 5,
    });
  });

  it('when filling the numbers in moves the headings, it prints until they stay', async () => {
    // Two-digit numbers push everything a page down (a long contents page, say).
    const layout: Layout = (contents, filled) =>
      contents.map((_, i) => (Object.keys(filled).length === 0 ? 9 + i : 10 + i));
    const h = harness({ printer: fakePrinter({ layout }) });
    await h.run();
    const [job] = h.printer.jobs;
    expect(job?.prints).toBe(3);
    expect(Object.values(job?.filled ?? {})).toEqual(['10', '11', '12']);
    expect(JSON.parse(h.disk.text(HINT))).toEqual({
      年度要览: 10,
      '一、项目服务': 11,
      '1.四点半课堂': 12,
    });
  });

  it('the CLI’s hint reader: a missing or damaged hint means "print twice", not a failure', async () => {
    const { readPageHint } = await realDeps(fakeIo(), undefined, false);
    const dir = mkdtempSync(join(tmpdir(), 'report-pipeline-'));
    expect(await readPageHint(join(dir, 'missing.json'))).toBeNull();
    writeFileSync(join(dir, 'damaged.json'), '{"一、项目服务": 3, "x": "4"');
    expect(await readPageHint(join(dir, 'damaged.json'))).toBeNull();
    writeFileSync(join(dir, 'odd.json'), '{"一、项目服务": 3, "x": "4", "y": 2.5}');
    expect(await readPageHint(join(dir, 'odd.json'))).toEqual(new Map([['一、项目服务', 3]]));
  });
});

describe('what the printer reports', () => {
  it('each blocked request becomes a warning naming the address and what asked for it', async () => {
    const h = harness({
      options: { lang: 'en' },
      printer: fakePrinter({
        blocked: [
          {
            url: 'http://127.0.0.1:9/x.png',
            resourceType: 'image',
            initiator: 'parser about:blank:3:10',
            blockedBy: 'interception',
          },
          { url: 'file:///etc/passwd', resourceType: 'other', blockedBy: 'chromium' },
        ],
      }),
    });
    await h.run();
    expect(h.warnings).toEqual([
      'blocked image request to http://127.0.0.1:9/x.png (from parser about:blank:3:10): a report may only use inline data: URLs',
      'blocked other request to file:///etc/passwd: a report may only use inline data: URLs',
    ]);
    expect(h.disk.files.has(PDF)).toBe(true);
  });

  it('the warning is in the report’s language: Chinese for a Chinese organisation', async () => {
    const blocked = [
      { url: 'file:///etc/passwd', resourceType: 'other', blockedBy: 'chromium' as const },
    ];
    const h = harness({ printer: fakePrinter({ blocked }) });
    await h.run();
    expect(h.warnings).toEqual([
      '已拦截对 file:///etc/passwd 的 other 请求：报告只能使用内嵌的 data: URL',
    ]);
  });

  it('a font that did not load stops the build with exit 4 naming the family, nothing written', async () => {
    const h = harness({ printer: fakePrinter({ failedFonts: ['BrokenFace'] }) });
    const error = await rejection(h.run());
    expect(error).toMatchObject({ code: 'BROWSER_FAILED', exitCode: 4 });
    expect(error.message).toBe('2015: fonts did not load in Chromium: BrokenFace');
    expect(error.hint).toMatch(/npm ci/);
    expect(h.disk.batches).toEqual([]);
  });
});

describe('--all', () => {
  it('builds every year that has a narrative and names the others as skipped', async () => {
    const years: unknown[] = [];
    const h = harness({ options: { years: 'all' } });
    const read = h.deps.readData;
    h.deps.readData = (options) => {
      years.push(options.years);
      return read(options);
    };
    const summary = await h.run();
    expect(years).toEqual([undefined]);
    expect(summary.built.map((b) => b.year)).toEqual([2015]);
    expect(summary.skipped).toEqual([2014]);
  });

  it('builds each year from its own data, in year order, one write per year', async () => {
    const cwd = twoNarrativeYears();
    const h = harness({ options: { cwd, dataDir: 'data', years: 'all' } });
    const summary = await h.run();
    expect(summary.skipped).toEqual([]);
    expect(summary.built.map((b) => [b.year, b.pages])).toEqual([
      [2014, FAKE_PAGES],
      [2015, FAKE_PAGES],
    ]);
    expect(h.disk.batches).toHaveLength(2);
    expect(h.disk.text('out/2014/report.html')).toContain('2014 年度工作总结');
    expect(h.disk.text('out/2014/report.html')).not.toContain('2015 年度工作总结');
    expect(h.disk.text(HTML)).toContain('2015 年度工作总结');
    expect(h.printer.jobs.map((j) => j.metadata.title).sort()).toEqual([
      '苏州市示例社工服务中心2014 年度工作总结',
      '苏州市示例社工服务中心2015 年度工作总结',
    ]);
  });
});
