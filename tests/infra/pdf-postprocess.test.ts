import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  decodePDFRawStream,
  type PDFRawStream,
  type PDFRef,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  artifactUntaggedContent,
  untaggedPainting,
  figuresWithoutAlt,
  sourceDateFromEnv,
} from '../../src/infra/pdf-postprocess.js';
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

/** A small PDF of `pages` blank pages, with bookmarks when asked. */
async function blankPdf(pages: number, withOutline = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i += 1) doc.addPage();
  if (withOutline) {
    const ctx = doc.context;
    const outlines = ctx.register(ctx.obj({ Type: 'Outlines', Count: 1 }));
    const item = ctx.register(
      ctx.obj({ Title: PDFString.of('One'), Parent: outlines, Dest: [doc.getPage(0).ref, 'Fit'] }),
    );
    const root = ctx.lookup(outlines, PDFDict);
    root.set(PDFName.of('First'), item);
    root.set(PDFName.of('Last'), item);
    doc.catalog.set(PDFName.of('Outlines'), outlines);
  }
  return doc.save();
}

/** The catalog's /PageLabels as [start page, prefix, style, first number] rows. */
function pageLabels(doc: PDFDocument): [number, string | null, string | null, number | null][] {
  const nums = doc.catalog
    .lookup(PDFName.of('PageLabels'), PDFDict)
    .lookup(PDFName.of('Nums'), PDFArray)
    .asArray();
  const rows: [number, string | null, string | null, number | null][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const label = doc.context.lookup(nums[i + 1], PDFDict);
    const prefix = label.lookup(PDFName.of('P'));
    rows.push([
      Number(String(nums[i])),
      prefix instanceof PDFString || prefix instanceof PDFHexString ? prefix.decodeText() : null,
      label.lookup(PDFName.of('S'))?.toString() ?? null,
      label.has(PDFName.of('St')) ? Number(String(label.lookup(PDFName.of('St')))) : null,
    ]);
  }
  return rows;
}

describe('finalizePdf: what viewers and checkers read', () => {
  it('labels an unnumbered cover by name and the pages after it 2, 3, … as printed', async () => {
    const out = await PDFDocument.load(
      await finalizePdf(await blankPdf(3), sampleMeta, { coverLabel: '封面' }),
    );
    expect(pageLabels(out)).toEqual([
      [0, '封面', null, null],
      [1, null, '/D', 2],
    ]);
  });

  it('labels pages 1, 2, … when there is no cover', async () => {
    const out = await PDFDocument.load(await finalizePdf(await blankPdf(2), sampleMeta));
    expect(pageLabels(out)).toEqual([[0, null, '/D', null]]);
  });

  it('opens the bookmarks panel when there are bookmarks, and only then', async () => {
    const mode = async (pdf: Uint8Array) =>
      (await PDFDocument.load(await finalizePdf(pdf, sampleMeta))).catalog
        .lookup(PDFName.of('PageMode'))
        ?.toString();
    expect(await mode(await blankPdf(1, true))).toBe('/UseOutlines');
    expect(await mode(await blankPdf(1))).toBeUndefined();
  });

  it('writes an XMP packet that agrees with the info dict, escaped, the same bytes every time', async () => {
    const meta = { ...sampleMeta, title: 'R&D <2024> "report"', keywords: ['a<b', 'c&d'] };
    const input = await blankPdf(1);
    const a = await finalizePdf(input, meta);
    expect(Buffer.from(a).equals(Buffer.from(await finalizePdf(input, meta)))).toBe(true);
    const xmp = await poppler('pdfinfo', a, ['-meta']);
    expect(xmp).toContain(
      '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">R&amp;D &lt;2024&gt; &quot;report&quot;</rdf:li></rdf:Alt></dc:title>',
    );
    expect(xmp).toContain('<rdf:li>绿色未来基金会</rdf:li>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Annual report 2024</rdf:li>');
    expect(xmp).toContain('<rdf:li>a&lt;b</rdf:li><rdf:li>c&amp;d</rdf:li>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>zh-Hans</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<xmp:CreateDate>2025-03-01T08:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2025-03-01T08:00:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('<xmp:CreatorTool>report 0.1.0</xmp:CreatorTool>');
    expect(xmp).toMatch(/<pdf:Producer>pdf-lib[^<]*<\/pdf:Producer>/);
    // Every element opened is closed, in order: a well-formed packet.
    const stack: string[] = [];
    for (const [, close, name, self] of xmp.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
      if (self === '/') continue;
      if (close === '/') expect(stack.pop()).toBe(name);
      else stack.push(name ?? '');
    }
    expect(stack).toEqual([]);
  });

  it('leaves no /Figure without /Alt: a figure that only groups a chart or a table is a /Div', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const ctx = doc.context;
    const el = (type: string, kids: PDFRef[], extra: Record<string, unknown> = {}) =>
      ctx.register(ctx.obj({ Type: 'StructElem', S: type, Pg: page.ref, K: kids, ...extra }));
    const chart = el('Figure', [
      el('Figure', [], { Alt: PDFString.of('Income 2015: 50') }),
      el('Caption', []),
    ]);
    const table = el('Figure', [el('Caption', []), el('Table', [el('TR', [])])]);
    const image = el('Figure', [], { Alt: PDFString.of('Logo') });
    const document = el('Document', [chart, table, image]);
    doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.obj({ Type: 'StructTreeRoot', K: document }));
    expect(figuresWithoutAlt(doc)).toBe(2);

    const out = await PDFDocument.load(await finalizePdf(await doc.save(), sampleMeta));
    expect(figuresWithoutAlt(out)).toBe(0);
    const types = (ref: PDFRef) =>
      out.context.lookup(ref, PDFDict).lookup(PDFName.of('S'))?.toString();
    expect([chart, table, image].map(types)).toEqual(['/Div', '/Div', '/Figure']);
  });

  it('describes every link for a screen reader: the link text, or a web address', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    doc.addPage();
    const ctx = doc.context;
    const link = (extra: Record<string, unknown>) =>
      ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], ...extra }));
    const toc = link({ Dest: 'section-plans' });
    const web = link({ A: { S: 'URI', URI: PDFString.of('https://example.org/a?b&c') } });
    const stray = link({ Dest: 'nowhere' });
    page.node.set(PDFName.of('Annots'), ctx.obj([toc, web, stray]));
    const out = await PDFDocument.load(
      await finalizePdf(await doc.save(), sampleMeta, {
        linkTexts: { 'section-plans': '六、改进措施 10' },
      }),
    );
    const contents = (ref: PDFRef) => {
      const text = out.context.lookup(ref, PDFDict).lookup(PDFName.of('Contents'));
      return text instanceof PDFString || text instanceof PDFHexString ? text.decodeText() : null;
    };
    expect([toc, web, stray].map(contents)).toEqual([
      '六、改进措施 10',
      'https://example.org/a?b&c',
      null,
    ]);
  });

  it('marks the running header and page number (text outside any tag) as pagination artifacts', async () => {
    const header = ['BT', '/F1 9 Tf', '<0013> Tj', 'ET'];
    const body = ['/P <</MCID 0 >>BDC', 'BT', '/F1 9 Tf', '<0014> Tj', 'ET', 'EMC'];
    const content = [...header, 'q', ...body, 'Q', ...header].join('\n');
    expect(artifactUntaggedContent(content).split('\n')).toEqual([
      '/Artifact <</Type /Pagination>> BDC',
      ...header,
      'EMC',
      'q',
      ...body,
      'Q',
      '/Artifact <</Type /Pagination>> BDC',
      ...header,
      'EMC',
    ]);
    // A literal string could hide a line "BT": such a stream is left alone.
    expect(artifactUntaggedContent('BT\n(a\nBT) Tj\nET')).toBe('BT\n(a\nBT) Tj\nET');

    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const ctx = doc.context;
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.flateStream(content)));
    doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.obj({ Type: 'StructTreeRoot' }));
    const out = await PDFDocument.load(await finalizePdf(await doc.save(), sampleMeta));
    const stream = out.getPage(0).node.lookup(PDFName.of('Contents')) as PDFRawStream;
    const written = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    expect(written.match(/\/Artifact/g)).toHaveLength(2);
  });

  it('marks vector art outside any tag (the cover bar, leader dots, bullets) as layout artifacts', async () => {
    // As Chromium writes them: a tagged table rule, then an EMC and a bar, a clip and an image
    // drawn outside any tag.
    const tagged = ['/Table <</MCID 0 >>BDC', '0 5777 307 1 re', 'f', 'EMC'];
    const bar = ['98 302 83 3 re', 'f'];
    const circle = ['207 3907 m', '206 3906 205 3905 205 3904 c', 'h', 'S'];
    const content = [...tagged, 'q', ...bar, ...circle, '/X1 Do', 'Q'].join('\n');
    const marked = artifactUntaggedContent(content);
    expect(marked.split('\n')).toEqual([
      ...tagged,
      'q',
      '/Artifact <</Type /Layout>> BDC',
      ...bar,
      'EMC',
      '/Artifact <</Type /Layout>> BDC',
      ...circle,
      'EMC',
      '/Artifact <</Type /Layout>> BDC',
      '/X1 Do',
      'EMC',
      'Q',
    ]);

    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const ctx = doc.context;
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.flateStream(content)));
    expect(untaggedPainting(doc)).toEqual({ f: 1, S: 1, Do: 1 });
    doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.obj({ Type: 'StructTreeRoot' }));
    const out = await PDFDocument.load(await finalizePdf(await doc.save(), sampleMeta));
    expect(untaggedPainting(out)).toEqual({});
  });
});
