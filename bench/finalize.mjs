#!/usr/bin/env node
/**
 * What finalising a PDF costs next to printing it: a ~2 MB PDF of 6 000 CJK characters with
 * their Noto Sans SC slices embedded is printed by the real printer (dist/, Chromium), then
 * finalised (metadata, fixed dates, /ID) three times in process. Timings are printed, never
 * judged: this is a measurement, not a test (it was one in tests/infra/pdf-postprocess.test.ts).
 *
 *   node bench/finalize.mjs [--chrome PATH]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: { chrome: { type: 'string', default: '/usr/bin/chromium' } },
});
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);
const { createPrinter } = await dist('infra/chromium-printer.js');
const { finalizePdf } = await dist('infra/pdf-postprocess.js');
const { PDFDocument } = await import('pdf-lib');

/** @font-face rules for the Noto Sans SC slices that hold `text`, inlined as data: URLs. */
function faces(text, weight) {
  const dir = path.join(ROOT, 'node_modules/@fontsource/noto-sans-sc');
  const css = readFileSync(path.join(dir, `${weight}.css`), 'utf8');
  const points = new Set([...text].map((c) => c.codePointAt(0)));
  const rules = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const spans = range.split(',').map((part) => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
    });
    if (![...points].some((cp) => spans.some(([lo, hi]) => cp >= lo && cp <= hi))) continue;
    const data = readFileSync(path.join(dir, 'files', file)).toString('base64');
    rules.push(
      `@font-face{font-family:'Noto Sans SC';font-weight:${weight};` +
        `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
    );
  }
  return rules.join('\n');
}

let text = '';
for (let c = 0x4e00; c < 0x4e00 + 6000; c++)
  text += String.fromCharCode(c) + (c % 40 === 0 ? '。</p><p>' : '');
const html =
  `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>t</title>` +
  `<style>${faces(text, 400)}${faces(text.slice(0, 8000), 700)} body{font-family:'Noto Sans SC'}</style></head>` +
  `<body><h1>标题</h1><p>${text}</p><h2>粗体</h2><p><b>${text.slice(0, 8000)}</b></p></body></html>`;
const metadata = {
  title: '年度报告 2024',
  author: '绿色未来基金会',
  subject: 'Annual report 2024',
  keywords: ['年度报告'],
  creator: 'bench',
  lang: 'zh-Hans',
  creationDate: new Date('2025-03-01T08:00:00Z'),
};

const timings = {};
const printer = createPrinter({ executablePath: flags.chrome, timeoutMs: 300_000 });
try {
  let t = performance.now();
  const first = await printer.print({ html, metadata });
  timings['first print incl. launch + finalize'] = Math.round(performance.now() - t);
  t = performance.now();
  await printer.print({ html, metadata });
  timings['second print incl. finalize'] = Math.round(performance.now() - t);
  timings['pdf bytes'] = first.pdf.length;
  timings['pages'] = first.pageCount;
  const raw = await (await PDFDocument.load(first.pdf)).save({ useObjectStreams: false });
  for (let i = 1; i <= 3; i++) {
    t = performance.now();
    await finalizePdf(raw, metadata);
    timings[`finalize run ${i}`] = Math.round(performance.now() - t);
  }
} finally {
  await printer.close();
}
console.log('finalize vs print (ms, bytes):');
for (const [name, value] of Object.entries(timings)) console.log(`  ${name.padEnd(38)} ${value}`);
