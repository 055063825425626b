/**
 * Make Chromium's PDF a deliverable: our metadata instead of the user agent and `about:blank`,
 * and no clock in the bytes, so the same HTML and date give the same file (reproducible builds).
 * Also what a viewer, a screen reader and a checker look for beyond what Chromium writes: page
 * labels, the bookmarks panel open, an XMP metadata stream, no /Figure without /Alt.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { reportError } from '../errors.js';
import type { OutlineEntry, PdfMetadata } from '../ports.js';
import { outlineOf, repairOutlineTitles } from './pdf-outline.js';

/** What only the printed page knows (see chromium-printer). */
export interface PdfLayout {
  /**
   * The label of a first page that carries no printed number (the cover), e.g. `封面`; the
   * pages after it are labelled 2, 3, … as the running footer numbers them (counter(page)
   * counts the cover). Absent: no cover, pages labelled as numbered, 1, 2, …
   */
  coverLabel?: string;
  /** The text of the first HTML link to each in-document target, by the target's id. */
  linkTexts?: Record<string, string>;
}

/** The finished PDF, with its page count and bookmarks read in the same parse. */
export async function finalizePdfWithInfo(
  pdf: Uint8Array,
  meta: PdfMetadata,
  layout: PdfLayout = {},
): Promise<{ pdf: Uint8Array; pageCount: number; outline: OutlineEntry[] }> {
  // updateMetadata: false keeps Chromium's Producer (it names the Skia build: useful drift evidence).
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setLanguage(meta.lang);
  doc.setCreationDate(meta.creationDate);
  repairOutlineTitles(doc);
  doc.setModificationDate(meta.creationDate);
  setPageLabels(doc, layout.coverLabel);
  if (doc.catalog.has(PDFName.of('Outlines'))) {
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  setXmpMetadata(doc, meta);
  retagGroupingFigures(doc);
  describeLinks(doc, layout.linkTexts ?? {});
  markUntaggedContentAsArtifacts(doc);
  renumberStructIds(doc);
  const placeholder = PDFHexString.of(ID_PLACEHOLDER);
  doc.context.trailerInfo.ID = doc.context.obj([placeholder, placeholder]);

  const out = await doc.save({ useObjectStreams: true, addDefaultPage: false });
  return { pdf: stampDocumentId(out), pageCount: doc.getPageCount(), outline: outlineOf(doc) };
}

const ID_PLACEHOLDER = '0'.repeat(32);

const STRUCT_ID = /^node(\d+)$/;

/**
 * Chromium names structure elements that are referred to (a table's header cells, for their
 * data cells' /Headers) after the renderer's DOM node ids (`node00000338`), a counter of the
 * renderer process: the same page printed in a renderer that has printed before (a preview's
 * kept page) gets other numbers. Renumbered here from 1 in the same order (the IDTree's keys
 * stay sorted), so the bytes depend on the page alone.
 */
function renumberStructIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (root === undefined) return;
  const sites: { holder: PDFDict | PDFArray; key: PDFName | number; id: number }[] = [];
  const note = (
    holder: PDFDict | PDFArray,
    key: PDFName | number,
    value: PDFObject | undefined,
  ) => {
    const text =
      value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
    const match = STRUCT_ID.exec(text);
    if (match) sites.push({ holder, key, id: Number(match[1]) });
  };
  const noteAll = (array: PDFArray | undefined, step = 1) => {
    for (let i = 0; array !== undefined && i < array.size(); i += step)
      note(array, i, array.get(i));
  };
  const seen = new Set<PDFObject>();
  const element = (node: PDFObject | undefined): void => {
    if (node === undefined || seen.has(node)) return;
    if (node instanceof PDFArray) {
      seen.add(node);
      for (let i = 0; i < node.size(); i += 1) element(node.lookup(i));
      return;
    }
    if (!(node instanceof PDFDict)) return;
    seen.add(node);
    note(node, PDFName.of('ID'), node.get(PDFName.of('ID')));
    const attributes = node.lookup(PDFName.of('A'));
    const list = attributes instanceof PDFArray ? attributes.asArray() : [attributes];
    for (const item of list) {
      const dict = item instanceof PDFRef ? doc.context.lookup(item) : item;
      if (dict instanceof PDFDict) noteAll(dict.lookupMaybe(PDFName.of('Headers'), PDFArray));
    }
    element(node.lookup(PDFName.of('K')));
  };
  const nameTree = (node: PDFDict | undefined): void => {
    if (node === undefined || seen.has(node)) return;
    seen.add(node);
    noteAll(node.lookupMaybe(PDFName.of('Names'), PDFArray), 2);
    noteAll(node.lookupMaybe(PDFName.of('Limits'), PDFArray));
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids !== undefined && i < kids.size(); i += 1)
      nameTree(kids.lookupMaybe(i, PDFDict));
  };
  element(root.lookup(PDFName.of('K')));
  nameTree(root.lookupMaybe(PDFName.of('IDTree'), PDFDict));
  const order = [...new Set(sites.map((s) => s.id))].sort((a, b) => a - b);
  const renamed = new Map(order.map((id, i) => [id, `node${String(i + 1).padStart(8, '0')}`]));
  for (const { holder, key, id } of sites) {
    const value = PDFString.of(renamed.get(id) ?? '');
    if (holder instanceof PDFDict && key instanceof PDFName) holder.set(key, value);
    else if (holder instanceof PDFArray && typeof key === 'number') holder.set(key, value);
  }
}

/** /PageLabels: the viewer's page number is the printed one (a cover gets its name). */
function setPageLabels(doc: PDFDocument, coverLabel: string | undefined): void {
  const ctx = doc.context;
  const nums: PDFObject[] = [];
  if (coverLabel !== undefined && doc.getPageCount() > 0) {
    nums.push(PDFNumber.of(0), ctx.obj({ P: PDFHexString.fromText(coverLabel) }));
    if (doc.getPageCount() > 1) nums.push(PDFNumber.of(1), ctx.obj({ S: 'D', St: 2 }));
  } else {
    nums.push(PDFNumber.of(0), ctx.obj({ S: 'D' }));
  }
  doc.catalog.set(PDFName.of('PageLabels'), ctx.obj({ Nums: ctx.obj(nums) }));
}

/** `D:20251231000000Z` is what the info dict holds; XMP wants ISO 8601. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function xmlText(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/FFFF).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  );
}

/**
 * The XMP packet (ISO 16684-1) checkers read before the info dict, saying the same: title,
 * author, subject, keywords, language, the pinned dates, producer and creator tool. Written
 * uncompressed and with no clock or random id in it, so the bytes stay reproducible.
 */
export function xmpPacket(meta: PdfMetadata, producer: string): string {
  const date = isoSeconds(meta.creationDate);
  const alt = (text: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${xmlText(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xmlText(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(meta.subject)}</dc:description>`,
    `<dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${xmlText(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag><rdf:li>${xmlText(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xmlText(meta.creator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xmlText(producer)}</pdf:Producer>`,
    `<pdf:Keywords>${xmlText(meta.keywords.join(' '))}</pdf:Keywords>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

function setXmpMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  const producer = doc.getProducer() ?? '';
  const bytes = new TextEncoder().encode(xmpPacket(meta, producer));
  const stream = doc.context.stream(bytes, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/**
 * Chromium tags an HTML <figure> as /Figure without /Alt, also when it only groups a chart
 * (itself a /Figure with the image's alt) or a table with their caption. A /Figure without
 * /Alt is an error for a checker and silence for a screen reader; a grouping one is a /Div.
 */
function retagGroupingFigures(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const seen = new Set<PDFDict>();
  const kids = (node: PDFDict): PDFDict[] => {
    const k = node.lookup(PDFName.of('K'));
    if (k instanceof PDFDict) return [k];
    if (!(k instanceof PDFArray)) return [];
    const out: PDFDict[] = [];
    for (let i = 0; i < k.size(); i += 1) {
      const kid = k.lookup(i);
      if (kid instanceof PDFDict) out.push(kid);
    }
    return out;
  };
  const isElement = (node: PDFDict) => node.lookup(PDFName.of('S')) instanceof PDFName;
  const walk = (node: PDFDict): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const children = kids(node).filter(isElement);
    const type = node.lookup(PDFName.of('S'));
    if (
      type === PDFName.of('Figure') &&
      !node.has(PDFName.of('Alt')) &&
      children.some((kid) => kid.lookup(PDFName.of('S')) !== PDFName.of('Caption'))
    ) {
      node.set(PDFName.of('S'), PDFName.of('Div'));
    }
    children.forEach(walk);
  };
  if (root !== undefined) kids(root).forEach(walk);
}

/**
 * Every link annotation gets /Contents, the text a screen reader announces for it: a web link
 * its address; a link to a place in the document the text of the HTML link that points there
 * (Chromium names each internal destination after the target's id). A link with neither is left
 * as it is.
 */
function describeLinks(doc: PDFDocument, linkTexts: Record<string, string>): void {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i += 1) {
      const annot = annots?.lookup(i);
      if (!(annot instanceof PDFDict)) continue;
      if (annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      if (annot.has(PDFName.of('Contents'))) continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookup(PDFName.of('URI'));
      const dest = annot.lookup(PDFName.of('Dest')) ?? action?.lookup(PDFName.of('D'));
      const name =
        dest instanceof PDFName
          ? dest.decodeText()
          : dest instanceof PDFString || dest instanceof PDFHexString
            ? dest.decodeText()
            : undefined;
      const text =
        uri instanceof PDFString || uri instanceof PDFHexString
          ? uri.decodeText()
          : name === undefined
            ? undefined
            : linkTexts[name];
      if (text !== undefined && text !== '') {
        annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
      }
    }
  }
}

/**
 * Chromium draws the running header and the page number (CSS margin boxes) as text outside any
 * marked content, and some vector art too (the cover's accent bar, the contents leaders, list
 * bullets drawn as circles): neither tagged nor an artifact, so a checker flags it and a screen
 * reader may read "3 / 11" in the middle of a sentence. In a tagged PDF each such text object
 * becomes a pagination artifact and each such path, image or shading a layout artifact. Skia
 * writes one operator a line and text as hex strings; a stream with a literal string, where a
 * line could be part of a string, is left as it is.
 */
function markUntaggedContentAsArtifacts(doc: PDFDocument): void {
  if (!doc.catalog.has(PDFName.of('StructTreeRoot'))) return;
  for (const page of doc.getPages()) {
    for (const ref of contentRefs(page.node)) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(streamBytes(stream)).toString('latin1');
      const marked = artifactUntaggedContent(text);
      if (marked === text) continue;
      doc.context.assign(ref, flateStream(doc, Buffer.from(marked, 'latin1')));
    }
  }
}

/**
 * A stream's decoded bytes. Chromium's content streams are Flate only: Node's zlib inflates them
 * (native code, several times faster than pdf-lib's decoder in JavaScript); any other filter, or
 * data zlib refuses, is left to pdf-lib.
 */
function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
    try {
      return inflateSync(stream.contents);
    } catch {
      // pdf-lib's decoder is lenient with a damaged stream: let it try.
    }
  }
  return decodePDFRawStream(stream).decode();
}

/**
 * What pdf-lib's `context.flateStream` makes, compressed by Node's zlib instead of pako (in
 * JavaScript): ≈ 110 ms less per print of the example, whose every page's content stream is
 * rewritten. Deterministic like pako, but other bytes, which depend on Node's zlib as the
 * WOFF fonts in the HTML already do.
 */
function flateStream(doc: PDFDocument, bytes: Uint8Array): PDFRawStream {
  return doc.context.stream(deflateSync(bytes), { Filter: 'FlateDecode' });
}

function contentRefs(page: PDFDict): PDFRef[] {
  const contents = page.get(PDFName.of('Contents'));
  return contents instanceof PDFRef
    ? [contents]
    : contents instanceof PDFArray
      ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef)
      : [];
}

/** Path construction operators (ISO 32000-1, 8.5.2) and those that end a path (8.5.3, 8.5.4). */
const PATH_START = new Set(['m', 're']);
const PATH_END = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
/** Operators that paint on their own: an XObject, a shading. */
const PAINT_ALONE = new Set(['Do', 'sh']);

/** The operator of one Skia content line: its last token (`<01F4> Tj`, `/Span <<…>>BDC`). */
function operatorOf(line: string): string {
  const trimmed = line.trim();
  const marked = /(BDC|BMC)$/.exec(trimmed);
  if (marked) return marked[1] ?? '';
  return trimmed.slice(trimmed.lastIndexOf(' ') + 1);
}

/**
 * Wraps each BT…ET outside marked content in `/Artifact <</Type /Pagination>> BDC … EMC`, and
 * each path (from its first construction operator to the operator that paints or ends it), XObject
 * or shading outside marked content in `/Artifact <</Type /Layout>> BDC … EMC`.
 */
export function artifactUntaggedContent(content: string): string {
  if (content.includes('(')) return content;
  const lines = content.split('\n');
  const out: string[] = [];
  let depth = 0;
  let open: 'text' | 'path' | null = null;
  for (const line of lines) {
    const op = operatorOf(line);
    if (op === 'BDC' || op === 'BMC') depth += 1;
    else if (op === 'EMC') depth = Math.max(0, depth - 1);
    const outside = depth === 0 && open === null;
    if (outside && op === 'BT') {
      out.push('/Artifact <</Type /Pagination>> BDC');
      open = 'text';
    } else if (outside && PATH_START.has(op)) {
      out.push('/Artifact <</Type /Layout>> BDC');
      open = 'path';
    } else if (outside && PAINT_ALONE.has(op)) {
      out.push('/Artifact <</Type /Layout>> BDC', line, 'EMC');
      continue;
    }
    out.push(line);
    if ((open === 'text' && op === 'ET') || (open === 'path' && PATH_END.has(op))) {
      out.push('EMC');
      open = null;
    }
  }
  return open === null ? out.join('\n') : content;
}

/**
 * What a checker counts as untagged content: painting operators (text, paths, XObjects,
 * shadings) outside any marked-content sequence, by operator (for tests and checks).
 */
export function untaggedPainting(doc: PDFDocument): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const page of doc.getPages()) {
    for (const ref of contentRefs(page.node)) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(streamBytes(stream)).toString('latin1');
      let depth = 0;
      for (const line of text.split('\n')) {
        const op = operatorOf(line);
        if (op === 'BDC' || op === 'BMC') depth += 1;
        else if (op === 'EMC') depth = Math.max(0, depth - 1);
        else if (
          depth === 0 &&
          (op === 'BT' || (PATH_END.has(op) && op !== 'n') || PAINT_ALONE.has(op))
        ) {
          counts[op] = (counts[op] ?? 0) + 1;
        }
      }
    }
  }
  return counts;
}

/** The document's /Figure elements that have no /Alt (for tests and checks). */
export function figuresWithoutAlt(doc: PDFDocument): number {
  let count = 0;
  const seen = new Set<PDFDict>();
  const walk = (node: PDFObject | undefined): void => {
    if (node instanceof PDFArray) {
      for (let i = 0; i < node.size(); i += 1) walk(node.lookup(i));
      return;
    }
    if (!(node instanceof PDFDict) || seen.has(node)) return;
    seen.add(node);
    if (node.lookup(PDFName.of('S')) === PDFName.of('Figure')) {
      const alt = node.lookup(PDFName.of('Alt'));
      if (!(alt instanceof PDFString || alt instanceof PDFHexString) || alt.decodeText() === '') {
        count += 1;
      }
    }
    walk(node.lookup(PDFName.of('K')));
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)?.lookup(PDFName.of('K')));
  return count;
}

/**
 * The file identifier must be stable for identical content, so it is a hash of the saved
 * bytes (with the placeholder in place), written over the placeholder at the same length.
 */
function stampDocumentId(bytes: Uint8Array): Uint8Array {
  const marker = Buffer.from(`<${ID_PLACEHOLDER}>`, 'latin1');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const second = buf.lastIndexOf(marker);
  const first = second > 0 ? buf.lastIndexOf(marker, second - 1) : -1;
  if (first < 0 || second - first > marker.length + 4) {
    throw reportError('pdfIdFailed', {});
  }
  const id = Buffer.from(createHash('sha256').update(buf).digest('hex').slice(0, 32).toUpperCase());
  id.copy(buf, first + 1);
  id.copy(buf, second + 1);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): whole seconds
 * since 1970 UTC. Unset or empty → null; anything else that is not an integer is an error
 * rather than a silently non-reproducible build.
 */
export function sourceDateFromEnv(env: Record<string, string | undefined>): Date | null {
  const raw = env['SOURCE_DATE_EPOCH']?.trim();
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,12}$/.test(raw)) {
    throw reportError('badSourceDateEpoch', { raw });
  }
  return new Date(Number(raw) * 1000);
}
