/**
 * Where each character of a PDF printed by Chromium (Skia) is drawn: the page, the glyph's
 * origin (x, and y from the top, in points), its font size, its width as the PDF's font says
 * (/W) and the text its ToUnicode map gives, in content-stream order. Enough of a text
 * extractor for Skia's output (BT, Tf, Tm, Td, Tj with hex glyph ids, cm, q/Q), so tests can
 * measure spacing the way `mutool draw -F stext` would, without mutool.
 */
import { readFileSync } from 'node:fs';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFDocument,
  type PDFObject,
} from 'pdf-lib';

export interface PdfGlyph {
  page: number;
  text: string;
  x: number;
  y: number;
  size: number;
  /** The advance the PDF's font gives the glyph, in points. */
  width: number;
  font: string;
}

function streamText(doc: PDFDocument, obj: PDFObject | undefined): string {
  const stream = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (!(stream instanceof PDFRawStream)) return '';
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(
      /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(?:<([0-9a-f]+)>|\[([^\]]*)\])/gi,
    )) {
      const first = parseInt(m[1]!, 16);
      const last = parseInt(m[2]!, 16);
      if (m[3] !== undefined) {
        const base = parseInt(m[3], 16);
        for (let g = first; g <= last; g++) map.set(g, String.fromCodePoint(base + g - first));
      } else {
        [...m[4]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((item, i) =>
          map.set(first + i, utf16(item[1]!)),
        );
      }
    }
  }
  return map;
}

interface FontInfo {
  name: string;
  unicode: Map<number, string>;
  widths: Map<number, number>;
  defaultWidth: number;
}

function fontInfo(doc: PDFDocument, font: PDFDict): FontInfo {
  const num = (o: PDFObject | undefined) =>
    o instanceof PDFNumber ? o.asNumber() : Number(String(o));
  const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
  const widths = new Map<number, number>();
  const w = descendant.lookup(PDFName.of('W'));
  if (w instanceof PDFArray) {
    const items = w.asArray().map((o) => (o instanceof PDFRef ? doc.context.lookup(o) : o));
    for (let i = 0; i < items.length;) {
      const first = num(items[i]);
      const next = items[i + 1];
      if (next instanceof PDFArray) {
        next.asArray().forEach((width, k) => widths.set(first + k, num(width)));
        i += 2;
      } else {
        for (let g = first; g <= num(next); g++) widths.set(g, num(items[i + 2]));
        i += 3;
      }
    }
  }
  const dw = descendant.lookup(PDFName.of('DW'));
  return {
    name: String(font.lookup(PDFName.of('BaseFont'))).slice(1),
    unicode: toUnicodeMap(streamText(doc, font.get(PDFName.of('ToUnicode')))),
    widths,
    defaultWidth: dw === undefined ? 1000 : num(dw),
  };
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

export async function pdfGlyphs(file: string): Promise<PdfGlyph[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const glyphs: PdfGlyph[] = [];
  doc.getPages().forEach((page, pageIndex) => {
    const height = page.getHeight();
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const infos = new Map<string, FontInfo>();
    const info = (name: string) => {
      let found = infos.get(name);
      if (found === undefined && fonts)
        infos.set(name, (found = fontInfo(doc, fonts.lookup(PDFName.of(name), PDFDict))));
      return found;
    };
    const contents = page.node.Contents();
    const parts = contents instanceof PDFArray ? contents.asArray() : [contents];
    const content = parts.map((p) => streamText(doc, p)).join('\n');
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let font: FontInfo | undefined;
    let size = 0;
    let lx = 0;
    let ly = 0;
    let operands: string[] = [];
    for (const [token] of content.matchAll(
      /\/[^\s/[\]<>()]+|<[0-9A-Fa-f]*>|\[[^\]]*\]|\([^)]*\)|-?[\d.]+|[A-Za-z'"*]+/g,
    )) {
      if (!/^[A-Za-z'"*]/.test(token)) {
        operands.push(token);
        continue;
      }
      const args = operands;
      operands = [];
      const nums = args.map(Number);
      switch (token) {
        case 'q':
          stack.push(ctm);
          break;
        case 'Q':
          ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
          break;
        case 'cm':
          ctm = multiply(nums.slice(-6) as Matrix, ctm);
          break;
        case 'BT':
          tm = [1, 0, 0, 1, 0, 0];
          lx = ly = 0;
          break;
        case 'Tf':
          font = info(args[0]!.slice(1));
          size = nums[1]!;
          break;
        case 'Tm':
          tm = nums.slice(-6) as Matrix;
          lx = ly = 0;
          break;
        case 'Td':
          lx += nums[0]!;
          ly += nums[1]!;
          break;
        case 'Tj': {
          const hex = args[0]!.slice(1, -1);
          if (font === undefined) break;
          const scale = Math.hypot(ctm[0], ctm[1]) * Math.hypot(tm[0], tm[1]);
          let advance = 0;
          for (let i = 0; i + 4 <= hex.length; i += 4) {
            const gid = parseInt(hex.slice(i, i + 4), 16);
            const ux = (lx + advance) * tm[0] + ly * tm[2] + tm[4];
            const uy = (lx + advance) * tm[1] + ly * tm[3] + tm[5];
            const w = ((font.widths.get(gid) ?? font.defaultWidth) / 1000) * size;
            glyphs.push({
              page: pageIndex + 1,
              text: font.unicode.get(gid) ?? '\uFFFD',
              x: ux * ctm[0] + uy * ctm[2] + ctm[4],
              y: height - (ux * ctm[1] + uy * ctm[3] + ctm[5]),
              size: size * scale,
              width: w * scale,
              font: font.name,
            });
            advance += w;
          }
          break;
        }
        case 'TJ':
          throw new Error('pdfGlyphs: TJ is not read (Skia writes Tj)');
      }
    }
  });
  return glyphs;
}

/** The glyphs whose texts, joined, read `needle`, at every place it occurs. */
export function findRuns(glyphs: readonly PdfGlyph[], needle: string): PdfGlyph[][] {
  const owner: number[] = [];
  let text = '';
  glyphs.forEach((g, i) => {
    for (let k = 0; k < g.text.length; k++) owner.push(i);
    text += g.text;
  });
  const runs: PdfGlyph[][] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const first = owner[at]!;
    const last = owner[at + needle.length - 1]!;
    runs.push(glyphs.slice(first, last + 1));
  }
  return runs;
}
