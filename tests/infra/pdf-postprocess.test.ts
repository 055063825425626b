import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { sourceDateFromEnv } from '../../src/infra/pdf-postprocess.js';
import { finalizePdf } from '../support/pdf.js';
import { poppler, sampleMeta } from './print-helpers.js';

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
