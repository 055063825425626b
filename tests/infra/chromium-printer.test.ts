import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { chromiumArgs, createPrinter, type Printer } from '../../src/infra/chromium-printer.js';
import { readOutlinePages } from '../support/pdf.js';
import {
  CHROMIUM,
  htmlDoc,
  makeTempDir,
  notoSansScFaces,
  poppler,
  sampleMeta,
} from './print-helpers.js';

/** A launch timeout no other timer uses, so holdTimers() catches only the launch's. */
const LAUNCH_TIMEOUT_MS = 31_337;
/** A print budget no other timer uses, for the same reason. */
const PRINT_TIMEOUT_MS = 47_111;
const CHINESE = '绿色未来基金会二〇二四年度报告：我们在十二个县种植了三万棵树。';
const HEADING = '概览';

let printer: Printer;
beforeAll(() => {
  printer = createPrinter({ executablePath: CHROMIUM });
  printer.warmUp();
});
afterAll(async () => {
  await printer.close();
});

function chineseDoc(extraBody = ''): string {
  // Headings are bold: without the 700 faces Chromium synthesises bold and Skia writes Type 3 glyphs.
  const faces = notoSansScFaces(CHINESE + HEADING) + notoSansScFaces(HEADING, 700);
  const head = `<style>${faces} body{font-family:'Noto Sans SC';font-size:14pt}</style>`;
  return htmlDoc(`<h1>${HEADING}</h1><p id="t">${CHINESE}</p>${extraBody}`, head);
}

describe('printing Chinese text with inline web fonts', () => {
  it('embeds real fonts (no Type 3), extracts the exact text, is tagged and carries the metadata', async () => {
    const result = await printer.print({ html: chineseDoc(), metadata: sampleMeta });

    const fonts = await poppler('pdffonts', result.pdf);
    expect(fonts).toMatch(/NotoSansSC\S*-Regular\s+CID TrueType/);
    expect(fonts).toMatch(/NotoSansSC\S*-Bold\s+CID TrueType/);
    expect(fonts).not.toMatch(/Type 3/);

    const text = await poppler('pdftotext', result.pdf);
    expect(text).toContain(CHINESE);
    expect(text).toContain(HEADING);

    const info = await poppler('pdfinfo', result.pdf);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+年度报告 2024$/m);
    expect(info).toMatch(/^Author:\s+绿色未来基金会$/m);
    expect(info).toMatch(/^Subject:\s+Annual report 2024$/m);
    expect(info).toMatch(/^Keywords:\s+年度报告 NGO 2024$/m);
    expect(info).toMatch(/^Creator:\s+report 0\.1\.0$/m);
    expect(info).toMatch(/^Producer:\s+Skia\/PDF m\d+/m);
    expect(info).toMatch(/^CreationDate:\s+Sat Mar\s+1 08:00:00 2025 UTC$/m);
    expect(info).toMatch(/^ModDate:\s+Sat Mar\s+1 08:00:00 2025 UTC$/m);
    expect(info).toMatch(/^Page size:\s+59\d\.\d+ x 841\.92 pts \(A4\)$/m);
    expect(result.pageCount).toBe(1);
    expect(result.blocked).toEqual([]);
    expect(result.failedFonts).toEqual([]);
    const doc = await PDFDocument.load(result.pdf);
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('zh-Hans');
    expect(doc.catalog.has(PDFName.of('StructTreeRoot'))).toBe(true);
    expect(doc.catalog.has(PDFName.of('Outlines'))).toBe(true);
  });

  it('reports a web font that fails to load', async () => {
    const head = `<style>@font-face{font-family:Broken;src:url(data:font/woff2;base64,AAAA) format('woff2')} p{font-family:Broken}</style>`;
    const result = await printer.print({
      html: htmlDoc('<p>text</p>', head),
      metadata: sampleMeta,
    });
    expect(result.failedFonts).toEqual(['Broken']);
  });
});

describe('pages, running headers and bookmarks', () => {
  const style = `<style>
    @page { size: A4; margin: 20mm;
      @top-center { content: "RUNNINGHEAD" }
      @bottom-center { content: counter(page) " / " counter(pages) } }
    @page :first { @top-center { content: none } }
    h1 { break-before: page } h1.first { break-before: auto }
  </style>`;
  const body =
    '<h1 class="first">Alpha</h1><p>one</p><h1>Beta</h1><p>two</p><h2>Beta sub</h2><h1>第三章 财务</h1><p>three</p>';

  it('CSS @page margin boxes give running headers (not on page 1) and page x / y', async () => {
    const result = await printer.print({ html: htmlDoc(body, style), metadata: sampleMeta });
    expect(result.pageCount).toBe(3);
    const page = (n: number) =>
      poppler('pdftotext', result.pdf, ['-f', String(n), '-l', String(n)]);
    const [p1, p2, p3] = await Promise.all([page(1), page(2), page(3)]);
    expect(p1).not.toContain('RUNNINGHEAD');
    expect(p2).toContain('RUNNINGHEAD');
    expect(p3).toContain('RUNNINGHEAD');
    // pdftotext drops the narrow spaces around the slash.
    expect(p1).toMatch(/1\s*\/\s*3/);
    expect(p2).toMatch(/2\s*\/\s*3/);
    expect(p3).toMatch(/3\s*\/\s*3/);
  });

  it('readOutlinePages gives each heading bookmark its 1-based page and level', async () => {
    const result = await printer.print({ html: htmlDoc(body, style), metadata: sampleMeta });
    expect(await readOutlinePages(result.pdf)).toEqual([
      { title: 'Alpha', page: 1, level: 1 },
      { title: 'Beta', page: 2, level: 1 },
      { title: 'Beta sub', page: 2, level: 2 },
      { title: '第三章 财务', page: 3, level: 1 },
    ]);
  });

  it('readOutlinePages is empty for a PDF without headings', async () => {
    const result = await printer.print({
      html: htmlDoc('<p>no headings</p>'),
      metadata: sampleMeta,
    });
    expect(await readOutlinePages(result.pdf)).toEqual([]);
  });
});

describe('locked-down rendering', () => {
  let server: http.Server;
  let hits: string[];
  let port: number;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    hits = [];
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('CANARY_HTTP body::after{content:"CANARY_HTTP"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    ({ dir, cleanup } = await makeTempDir());
    await writeFile(path.join(dir, 'canary.txt'), 'CANARY_FILE');
    await writeFile(path.join(dir, 'canary.css'), 'body::after{content:"CANARY_FILE_CSS"}');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await cleanup();
  });

  it('loads nothing from the network or the disk, and reports what it refused', async () => {
    const base = `http://127.0.0.1:${port}`;
    const head = `
      <link rel="stylesheet" href="${base}/style.css">
      <link rel="stylesheet" href="file://${dir}/canary.css">
      <style>body { background: url(file://${dir}/canary.txt) } p { background: url(${base}/css-bg) }
        @font-face { font-family: Remote; src: url(${base}/font.woff2) } h1 { font-family: Remote }</style>`;
    const body = `<h1>Safe</h1><p>visible text</p>
      <iframe src="file:///etc/hostname"></iframe>
      <iframe src="file://${dir}/canary.txt"></iframe>
      <iframe src="${base}/frame"></iframe>
      <object data="file://${dir}/canary.txt"></object>
      <img src="${base}/canary">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`;
    const result = await printer.print({ html: htmlDoc(body, head), metadata: sampleMeta });

    expect(hits).toEqual([]);
    const text = await poppler('pdftotext', result.pdf);
    expect(text).toContain('visible text');
    expect(text).not.toMatch(/CANARY/);
    const hostname = readFileSync('/etc/hostname', 'utf8').trim();
    if (hostname.length > 3) expect(text).not.toContain(hostname);

    const byUrl = new Map(result.blocked.map((b) => [b.url, b]));
    expect(byUrl.get(`${base}/canary`)).toMatchObject({
      resourceType: 'image',
      blockedBy: 'interception',
      frameUrl: 'about:blank',
    });
    expect(byUrl.get(`${base}/canary`)?.initiator).toMatch(/^parser about:blank:/);
    expect(byUrl.get(`${base}/style.css`)).toMatchObject({
      resourceType: 'stylesheet',
      blockedBy: 'interception',
    });
    expect(byUrl.get(`${base}/css-bg`)).toMatchObject({
      resourceType: 'image',
      blockedBy: 'interception',
    });
    expect(byUrl.get(`${base}/frame`)).toMatchObject({
      resourceType: 'document',
      blockedBy: 'interception',
    });
    expect(byUrl.get(`${base}/font.woff2`)).toMatchObject({
      resourceType: 'font',
      blockedBy: 'interception',
    });
    expect(byUrl.get('file:///etc/hostname')).toMatchObject({ blockedBy: 'chromium' });
    expect(byUrl.get(`file://${dir}/canary.css`)).toMatchObject({ blockedBy: 'chromium' });
    expect(byUrl.get(`file://${dir}/canary.txt`)).toMatchObject({ blockedBy: 'chromium' });
    expect(result.failedFonts).toEqual(['Remote']);
  });

  it('a meta refresh to a local file neither leaks it nor replaces the document', async () => {
    const head = '<meta http-equiv="refresh" content="0;url=file:///etc/passwd">';
    const result = await printer.print({
      html: htmlDoc('<p>still here</p>', head),
      metadata: sampleMeta,
    });
    const text = await poppler('pdftotext', result.pdf);
    expect(text).toContain('still here');
    expect(text).not.toMatch(/root:/);
  });

  it('a meta refresh to the network is refused without printing an error page', async () => {
    const head = `<meta http-equiv="refresh" content="0;url=http://127.0.0.1:${port}/refresh">`;
    const result = await printer.print({
      html: htmlDoc('<p>still here</p>', head),
      metadata: sampleMeta,
    });
    expect(hits).toEqual([]);
    expect(await poppler('pdftotext', result.pdf)).toContain('still here');
    expect(result.blocked.map((b) => b.url)).toContain(`http://127.0.0.1:${port}/refresh`);
  });

  it('a meta refresh that reloads the page fails the print instead of printing a blank page', async () => {
    const html = htmlDoc('<p>gone</p>', '<meta http-equiv="refresh" content="0">');
    await expect(printer.print({ html, metadata: sampleMeta })).rejects.toMatchObject({
      code: 'BROWSER_FAILED',
      message: expect.stringMatching(/navigated away/),
    });
  });

  it('does not run scripts', async () => {
    const html = htmlDoc(
      '<p id="x">static</p><script>document.getElementById("x").textContent = "SCRIPTRAN"</script>',
    );
    const result = await printer.print({ html, metadata: sampleMeta });
    const text = await poppler('pdftotext', result.pdf);
    expect(text).toContain('static');
    expect(text).not.toContain('SCRIPTRAN');
  });
});

describe('launch flags', () => {
  it.each([
    { isRoot: true, env: {}, sandboxOff: true },
    { isRoot: false, env: {}, sandboxOff: false },
    { isRoot: false, env: { REPORT_NO_SANDBOX: '1' }, sandboxOff: true },
    { isRoot: false, env: { REPORT_NO_SANDBOX: '0' }, sandboxOff: false },
  ])(
    '--no-sandbox only as root or with REPORT_NO_SANDBOX=1 (root: $isRoot, env: $env)',
    ({ isRoot, env, sandboxOff }) => {
      const args = chromiumArgs({ isRoot, env });
      expect(args.includes('--no-sandbox')).toBe(sandboxOff);
      expect(args).toEqual(
        expect.arrayContaining([
          '--disable-background-networking',
          '--disable-dev-shm-usage',
          '--font-render-hinting=none',
        ]),
      );
    },
  );
});

describe('browser lifecycle and failures', () => {
  it('never launches a browser (or loads puppeteer) when nothing is printed', async () => {
    let launched = false;
    const idle = createPrinter({
      executablePath: CHROMIUM,
      hooks: { onLaunched: () => (launched = true) },
    });
    await idle.close();
    expect(launched).toBe(false);
    const source = await readFile('src/infra/chromium-printer.ts', 'utf8');
    expect(source).not.toMatch(/^import (?!type)[^;]*'puppeteer-core'/m);
    expect(source).toMatch(/await import\('puppeteer-core'\)/);
  });

  it('reuses one browser for several prints, also once its launch timeout has passed, and removes its profile on close', async () => {
    const launches: { pid: number | undefined; userDataDir: string }[] = [];
    const launchTimer = holdTimers(LAUNCH_TIMEOUT_MS);
    const p = createPrinter({
      executablePath: CHROMIUM,
      launchTimeoutMs: LAUNCH_TIMEOUT_MS,
      hooks: { onLaunched: (info) => launches.push(info) },
    });
    try {
      await p.print({ html: htmlDoc('<p>1</p>'), metadata: sampleMeta });
      // The launch timeout runs out: a timer still armed would now kill the running browser.
      launchTimer.elapse();
      const second = await p.print({ html: htmlDoc('<p>2</p>'), metadata: sampleMeta });
      expect(second.pageCount).toBe(1);
    } finally {
      launchTimer.restore();
      await p.close();
    }
    expect(launches).toHaveLength(1);
    const [{ pid, userDataDir }] = launches as [(typeof launches)[0]];
    expect(existsSync(userDataDir)).toBe(false);
    expect(isAlive(pid)).toBe(false);
  });

  it('a browser killed mid-print gives BROWSER_FAILED and leaves no process; the next print launches a fresh one', async () => {
    let kill = true;
    const launches: { pid: number | undefined; userDataDir: string }[] = [];
    const p = createPrinter({
      executablePath: CHROMIUM,
      hooks: {
        onLaunched: (info) => launches.push(info),
        beforePdf: ({ pid }) => {
          if (kill && pid !== undefined) process.kill(pid, 'SIGKILL');
          kill = false;
        },
      },
    });
    try {
      const error = await p
        .print({ html: htmlDoc('<p>a</p>'), metadata: sampleMeta })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportError);
      expect(error).toMatchObject({ code: 'BROWSER_FAILED', exitCode: 4 });
      expect((error as ReportError).message).toMatch(/crashed or was killed/);
      const killed = launches[0];
      expect(isAlive(killed?.pid)).toBe(false);
      expect(existsSync(killed?.userDataDir ?? '')).toBe(false);
      const ok = await p.print({ html: htmlDoc('<p>b</p>'), metadata: sampleMeta });
      expect(ok.pageCount).toBe(1);
      expect(launches).toHaveLength(2);
    } finally {
      await p.close();
    }
  });

  it('a print that exceeds its budget fails with BROWSER_FAILED and closes the browser', async () => {
    let launched: { pid: number | undefined; userDataDir: string } | undefined;
    // The budget runs out while the page is being printed, however fast this machine is.
    const budget = holdTimers(PRINT_TIMEOUT_MS);
    const p = createPrinter({
      executablePath: CHROMIUM,
      timeoutMs: PRINT_TIMEOUT_MS,
      hooks: { onLaunched: (i) => (launched = i), beforePdf: () => budget.elapse() },
    });
    try {
      await expect(
        p.print({ html: htmlDoc('<p>slow</p>'), metadata: sampleMeta }),
      ).rejects.toMatchObject({
        code: 'BROWSER_FAILED',
        message: expect.stringMatching(/did not finish within 47 s/),
      });
      expect(isAlive(launched?.pid)).toBe(false);
    } finally {
      budget.restore();
      await p.close();
    }
  });

  it('a browser that exits at once gives BROWSER_FAILED naming the path', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const stub = path.join(dir, 'broken-chrome');
      await writeFile(stub, '#!/bin/sh\necho "stub: cannot open display" >&2\nexit 1\n', {
        mode: 0o755,
      });
      const p = createPrinter({ executablePath: stub });
      p.warmUp();
      const error = await p
        .print({ html: htmlDoc('<p>x</p>'), metadata: sampleMeta })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BROWSER_FAILED' });
      expect((error as ReportError).message).toContain(stub);
      await p.close();
    } finally {
      await cleanup();
    }
  });

  it('a browser that hangs at start-up is killed after the launch timeout', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const stub = path.join(dir, 'hanging-chrome');
      await writeFile(stub, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
      const p = createPrinter({ executablePath: stub, launchTimeoutMs: 1500 });
      const error = await p
        .print({ html: htmlDoc('<p>x</p>'), metadata: sampleMeta })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BROWSER_FAILED' });
      await p.close();
      expect(pgrep(stub)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

/**
 * Holds the timers set for `ms` instead of starting them, so a test can make that time pass at
 * once (`elapse` fires those not cleared) without waiting for it.
 */
function holdTimers(ms: number): { elapse(): void; restore(): void } {
  const held = new Set<{ fire: () => void }>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const set = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    fn: (...args: unknown[]) => void,
    delay?: number,
    ...args: unknown[]
  ) => {
    if (delay !== ms) return realSet(fn, delay, ...args);
    const timer = { fire: () => fn(...args) };
    held.add(timer);
    return timer;
  }) as unknown as typeof setTimeout);
  const clear = vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
    if (!held.delete(timer as never)) realClear(timer);
  });
  return {
    elapse: () => {
      for (const timer of [...held]) {
        held.delete(timer);
        timer.fire();
      }
    },
    restore: () => {
      set.mockRestore();
      clear.mockRestore();
    },
  };
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pgrep(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}
