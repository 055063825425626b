/**
 * The printing page against addresses and crashes (catalogue rows N6–N9, R11), with the real
 * Chromium: what a custom template may put in the HTML reaches neither the network nor the disk,
 * and a renderer that dies fails the print in seconds.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrinter, type Printer } from '../../src/infra/chromium-printer.js';
import { CHROMIUM, htmlDoc, poppler, sampleMeta } from '../infra/print-helpers.js';
import { CANARY, childPids, startCanaryServer, type Canary } from './helpers.js';

let printer: Printer;
let canary: Canary;
let dir: string;

beforeAll(async () => {
  printer = createPrinter({ executablePath: CHROMIUM });
  printer.warmUp();
  canary = await startCanaryServer();
  dir = await mkdtemp(join(tmpdir(), 'report-robustness-'));
  await writeFile(join(dir, 'canary.txt'), CANARY);
  await writeFile(join(dir, 'canary.css'), `body::after{content:"${CANARY}"}`);
});
afterAll(async () => {
  await printer.close();
  await canary.close();
  await rm(dir, { recursive: true, force: true });
});

describe('what the printed page may load', () => {
  it('N6: the cloud metadata address and a loopback server are refused at once, and reported', async () => {
    const metadata = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';
    const html = htmlDoc(
      `<p>visible</p><img src="${metadata}"><img src="${canary.origin}/n6-img">` +
        `<iframe src="http://[::1]:${new URL(canary.origin).port}/n6-frame"></iframe>`,
    );
    const result = await printer.print({ html, metadata: sampleMeta });
    expect(canary.hits).toEqual([]);
    const blocked = result.blocked.map((b) => b.url);
    expect(blocked).toEqual(expect.arrayContaining([metadata, `${canary.origin}/n6-img`]));
    expect(await poppler('pdftotext', result.pdf)).not.toContain(CANARY);
  });

  it('N7: a <base href> to the disk or to a server does not make relative references load', async () => {
    for (const base of [`file://${dir}/`, `${canary.origin}/`]) {
      const html = htmlDoc(
        '<p>still here</p><img src="canary.txt"><iframe src="canary.txt"></iframe>' +
          '<link rel="stylesheet" href="canary.css">',
        `<base href="${base}">`,
      );
      const result = await printer.print({ html, metadata: sampleMeta });
      const text = await poppler('pdftotext', result.pdf);
      expect(text).toContain('still here');
      expect(text).not.toContain(CANARY);
      expect(result.blocked.map((b) => b.url)).toContain(`${base}canary.css`);
    }
    expect(canary.hits).toEqual([]);
  });

  it('N8: @import, url() and @font-face pointing out are blocked and reported', async () => {
    const head = `<style>
      @import url("${canary.origin}/n8-import.css");
      @import url("file://${dir}/canary.css");
      @font-face { font-family: Far; src: url("${canary.origin}/n8-font.woff2") format("woff2") }
      p { font-family: Far; background: url("${canary.origin}/n8-bg.png") }
    </style>`;
    const result = await printer.print({
      html: htmlDoc('<p>visible</p>', head),
      metadata: sampleMeta,
    });
    expect(canary.hits).toEqual([]);
    const blocked = result.blocked.map((b) => b.url);
    expect(blocked).toEqual(
      expect.arrayContaining([
        `${canary.origin}/n8-import.css`,
        `${canary.origin}/n8-font.woff2`,
        `file://${dir}/canary.css`,
      ]),
    );
    expect(result.failedFonts).toEqual(['Far']);
    expect(await poppler('pdftotext', result.pdf)).not.toContain(CANARY);
  });

  it('N9: an inline SVG image with a script and external references fetches nothing and runs nothing', async () => {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">` +
      `<script>document.title="SVGRAN"</script>` +
      `<image href="${canary.origin}/n9-image" width="10" height="10"/>` +
      `<image xlink:href="file://${dir}/canary.txt" width="10" height="10"/>` +
      `<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="${canary.origin}/n9-frame"/></foreignObject>` +
      `<text y="9">SVGTEXT</text></svg>`;
    const data = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    const html = htmlDoc(
      `<p id="t">visible</p><img src="${data}"><object data="${data}" type="image/svg+xml"></object>` +
        `<iframe src="${data}"></iframe>`,
    );
    const result = await printer.print({ html, metadata: sampleMeta });
    expect(canary.hits).toEqual([]);
    const text = await poppler('pdftotext', result.pdf);
    expect(text).toContain('visible');
    expect(text).not.toContain('SVGRAN');
    expect(text).not.toContain(CANARY);
  });
});

/** Renderer processes under the browser (the page's renderer among them). */
function renderers(browser: number): number[] {
  const all: number[] = [];
  const walk = (pid: number) => {
    for (const child of childPids(pid)) {
      all.push(child);
      walk(child);
    }
  };
  walk(browser);
  return all.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

describe('a renderer that dies (R11)', () => {
  it('fails the print in seconds, not after the protocol timeout, and the next print works', async () => {
    let killed = 0;
    const crashing = createPrinter({
      executablePath: CHROMIUM,
      hooks: {
        beforePdf: ({ pid }) => {
          if (killed > 0 || pid === undefined) return;
          for (const renderer of renderers(pid)) {
            process.kill(renderer, 'SIGKILL');
            killed++;
          }
        },
      },
    });
    try {
      await expect(
        crashing.print({ html: htmlDoc('<p>x</p>'), metadata: sampleMeta }),
      ).rejects.toMatchObject({
        code: 'BROWSER_FAILED',
        exitCode: 4,
        message: expect.stringMatching(/crashed or was killed/),
      });
      expect(killed).toBeGreaterThan(0);
      const next = await crashing.print({ html: htmlDoc('<p>y</p>'), metadata: sampleMeta });
      expect(next.pageCount).toBe(1);
    } finally {
      await crashing.close();
    }
  });
});
