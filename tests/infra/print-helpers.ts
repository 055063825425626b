/** Shared test helpers for the printing infrastructure: temp dirs, poppler, CJK web fonts. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PdfMetadata } from '../../src/ports.js';

export const CHROMIUM = '/usr/bin/chromium';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-infra-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Run a poppler tool on PDF bytes and return its stdout. */
export async function poppler(
  tool: 'pdftotext' | 'pdffonts' | 'pdfinfo',
  pdf: Uint8Array,
  args: string[] = [],
): Promise<string> {
  const { dir, cleanup } = await makeTempDir();
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const tail = tool === 'pdftotext' ? [file, '-'] : [file];
    return execFileSync(tool, [...args, ...tail], { encoding: 'utf8' });
  } finally {
    await cleanup();
  }
}

export const sampleMeta: PdfMetadata = {
  title: '年度报告 2024',
  author: '绿色未来基金会',
  subject: 'Annual report 2024',
  keywords: ['年度报告', 'NGO', '2024'],
  creator: 'report 0.1.0',
  lang: 'zh-Hans',
  creationDate: new Date('2025-03-01T08:00:00Z'),
};

const FONT_DIR = path.resolve('node_modules/@fontsource/noto-sans-sc');

/**
 * @font-face rules for Noto Sans SC limited to the unicode-range slices that hold the given
 * text, each inlined as a data: URL (the printer loads nothing else).
 */
export function notoSansScFaces(text: string, weight = 400): string {
  const css = readFileSync(path.join(FONT_DIR, `${weight}.css`), 'utf8');
  const codePoints = [...new Set([...text].map((c) => c.codePointAt(0) ?? 0))];
  const rules: string[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file === undefined || range === undefined) continue;
    const spans = range.split(',').map((part) => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo ?? '0', 16), parseInt(hi ?? lo ?? '0', 16)] as const;
    });
    if (!codePoints.some((cp) => spans.some(([lo, hi]) => cp >= lo && cp <= hi))) continue;
    const data = readFileSync(path.join(FONT_DIR, 'files', file)).toString('base64');
    rules.push(
      `@font-face{font-family:'Noto Sans SC';font-weight:${weight};font-style:normal;` +
        `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
    );
  }
  return rules.join('\n');
}

export function htmlDoc(body: string, head = ''): string {
  return `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;
}
