import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { createPrinter, type Printer } from '../../src/infra/chromium-printer.js';
import { sourceDateFromEnv } from '../../src/infra/pdf-postprocess.js';
import { finalizePdf } from '../support/pdf.js';
import { CHROMIUM, htmlDoc, notoSansScFaces, poppler, sampleMeta } from './print-helpers.js';

describe('sourceDateFromEnv', () => {
  it.each([
    { value: undefined, want: null },
    { value: '', want: null },
    { value: '0', want: '1970-01-01T00:00:00.000Z' },
    { value: '1735689600', want: '2025-01-01T00:00:00.000Z' },
    { value: ' 1735689600\n', want: '2025-01-01T00:00:00.000Z' },
  ])('SOURCE_DATE_EPOCH=$value', ({ value, want }) => {
    expect(sourceDateFromEnv({ SOURCE_DATE_EPOCH: value })?.toISOString() ?? null).toBe(want);
  });

  it.each(['-1', '1.5', 'yesterday', '1e9'])('rejects %s with a usage error', (value) => {
    expect(() => sourceDateFromEnv({ SOURCE_DATE_EPOCH: value })).toThrow(ReportError);
    expect(() => sourceDateFromEnv({ SOURCE_DATE_EPOCH: value })).toThrow(/whole seconds/);
  });
});

describe('finalizePdf', () => {
  it('sets the metadata and a content-hash /ID deterministically', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const input = await doc.save();
    const a = await finalizePdf(input, sampleMeta);
    const b = await finalizePdf(input, sampleMeta);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const info = await poppler('pdfinfo', a);
    expect(info).toMatch(/^Title:\s+年度报告 2024$/m);
    expect(info).toMatch(/^CreationDate:\s+Sat Mar\s+1 08:00:00 2025 UTC$/m);
    const out = await PDFDocument.load(a);
    expect(out.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('zh-Hans');
    const other = await finalizePdf(input, { ...sampleMeta, title: 'Other' });
    const id = (pdf: Uint8Array) =>
      /\/ID\s*\[\s*<([0-9A-F]{32})>/.exec(Buffer.from(pdf).toString('latin1'))?.[1];
    expect(id(a)).toMatch(/^[0-9A-F]{32}$/);
    expect(id(other)).not.toBe(id(a));
  });
});

// Timings are printed for the record; the bounds are loose so a busy CI machine passes.
describe('cost on a large Chinese document', () => {
  let printer: Printer;
  const timings: Record<string, number> = {};
  beforeAll(() => {
    printer = createPrinter({ executablePath: CHROMIUM, timeoutMs: 120_000 });
  });
  afterAll(async () => {
    await printer.close();
    console.log('print timings (ms)', timings);
  });

  it('prints ~2 MB of embedded CJK fonts; finalising stays well under the print time', async () => {
    let text = '';
    for (let c = 0x4e00; c < 0x4e00 + 6000; c++)
      text += String.fromCharCode(c) + (c % 40 === 0 ? '。</p><p>' : '');
    const faces = notoSansScFaces(text) + notoSansScFaces(text.slice(0, 8000), 700);
    const html = htmlDoc(
      `<h1>标题</h1><p>${text}</p><h2>粗体</h2><p><b>${text.slice(0, 8000)}</b></p>`,
      `<style>${faces} body{font-family:'Noto Sans SC'}</style>`,
    );
    let t = performance.now();
    const first = await printer.print({ html, metadata: sampleMeta });
    timings['first print incl. launch + finalize'] = Math.round(performance.now() - t);
    t = performance.now();
    const second = await printer.print({ html, metadata: sampleMeta });
    timings['second print incl. finalize'] = Math.round(performance.now() - t);
    expect(Buffer.from(first.pdf).equals(Buffer.from(second.pdf))).toBe(true);
    timings['pdf bytes'] = first.pdf.length;
    timings['pages'] = first.pageCount;
    expect(first.pdf.length).toBeGreaterThan(1_500_000);

    const raw = await PDFDocument.load(first.pdf);
    const rawBytes = await raw.save({ useObjectStreams: false });
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await finalizePdf(rawBytes, sampleMeta);
      timings[`finalize run ${i + 1}`] = Math.round(performance.now() - t);
    }
    expect(timings['finalize run 3']).toBeLessThan(1000);
    expect(await poppler('pdfinfo', first.pdf)).toMatch(/^Tagged:\s+yes$/m);
    expect(await poppler('pdffonts', first.pdf)).not.toMatch(/Type 3/);
  });
});
