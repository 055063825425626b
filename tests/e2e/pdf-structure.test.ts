/**
 * The checks of PDF/UA-1 (ISO 14289-1, the Matterhorn Protocol's machine-checkable conditions)
 * that matter for this report, run over the example's PDF with pdf-lib: no open-source PDF/UA
 * checker installs here (veraPDF is neither in Debian nor on npm). One build, read back as a
 * checker reads it: every mark on a page is either tagged or an artifact, tables carry their
 * caption and header cells, the facts boxes are tables with row headers, links are tagged with
 * their annotation, headings do not skip a level, and the document says its language and title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { untaggedPainting } from '../../src/infra/pdf-postprocess.js';
import { findRuns, pdfGlyphs, type PdfGlyph } from '../support/pdf-glyphs.js';
import { sharedBuild } from '../support/shared-build.js';
import { poppler } from './cli.js';

let doc: PDFDocument;
let html = '';
let pdfPath = '';

beforeAll(async () => {
  // The shared build of the example (tests/support/shared-build.ts).
  const result = await sharedBuild('example');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  pdfPath = join(result.out, '2015/report.pdf');
  doc = await PDFDocument.load(readFileSync(pdfPath), {
    updateMetadata: false,
  });
  html = readFileSync(join(result.out, '2015/report.html'), 'utf8');
}, 120_000);

interface Element {
  type: string;
  node: PDFDict;
  kids: Element[];
  /** Kids that are not structure elements: marked-content ids, object references. */
  other: PDFObject[];
}

/** The structure tree under /StructTreeRoot, as elements with their element kids. */
function structureTree(): Element[] {
  const build = (k: PDFObject | undefined): { kids: Element[]; other: PDFObject[] } => {
    const list = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
    const kids: Element[] = [];
    const other: PDFObject[] = [];
    for (const item of list) {
      const value = item instanceof PDFRef ? doc.context.lookup(item) : item;
      const type = value instanceof PDFDict ? value.lookup(PDFName.of('S')) : undefined;
      if (value instanceof PDFDict && type instanceof PDFName) {
        kids.push({ type: type.decodeText(), node: value, ...build(value.get(PDFName.of('K'))) });
      } else if (value !== undefined) other.push(value);
    }
    return { kids, other };
  };
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  return build(root.get(PDFName.of('K'))).kids;
}

function flatten(elements: Element[]): Element[] {
  return elements.flatMap((e) => [e, ...flatten(e.kids)]);
}

/** The value of a table attribute (/O /Table) of a structure element, e.g. /Scope. */
function tableAttribute(element: Element, key: string): string | undefined {
  const attrs = element.node.lookup(PDFName.of('A'));
  const list = attrs instanceof PDFArray ? attrs.asArray() : attrs ? [attrs] : [];
  for (const item of list) {
    const dict = item instanceof PDFRef ? doc.context.lookup(item) : item;
    if (!(dict instanceof PDFDict)) continue;
    const value = dict.lookup(PDFName.of(key));
    if (value !== undefined) return value.toString();
  }
  return undefined;
}

describe('the example report as a PDF/UA checker reads it', () => {
  it('leaves nothing on a page outside the structure: text, rules, bars and dots are tagged or artifacts', () => {
    expect(untaggedPainting(doc)).toEqual({});
  });

  it('draws the contents leaders on the contents page only, not off-page on every page', () => {
    // A dotted border is drawn as 1 × 1 squares; Chromium used to repeat the contents page's
    // (5640 of them) outside the page area of every other page.
    const dots = doc.getPages().map((page) => {
      const stream = page.node.lookup(PDFName.of('Contents'));
      if (!(stream instanceof PDFRawStream)) return -1;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      return text.split('\n').filter((line) => /^\S+ \S+ 1 1 re$/.test(line)).length;
    });
    expect(dots[1]).toBeGreaterThan(0);
    expect(dots.filter((count, i) => i !== 1 && count > 0)).toEqual([]);
  });

  it('puts each table’s caption inside the /Table, as its first element', () => {
    const tables = flatten(structureTree()).filter((e) => e.type === 'Table');
    const captioned = tables.filter((t) => t.kids.some((k) => k.type === 'Caption'));
    const htmlTables = html.match(/<figure class="table[^"]*"/g) ?? [];
    expect(htmlTables.length).toBeGreaterThanOrEqual(3);
    expect(captioned).toHaveLength(htmlTables.length);
    for (const table of captioned) expect(table.kids[0]?.type).toBe('Caption');
    // No caption is left beside a table as a sibling in the table's wrapper.
    const wrappers = flatten(structureTree()).filter((e) => e.kids.some((k) => k.type === 'Table'));
    for (const wrapper of wrappers)
      expect(wrapper.kids.map((k) => k.type)).not.toContain('Caption');
  });

  it('gives every header cell a scope and every data cell its headers', () => {
    const cells = flatten(structureTree()).filter((e) => e.type === 'TH' || e.type === 'TD');
    expect(cells.length).toBeGreaterThan(50);
    const bad = cells.filter((cell) =>
      cell.type === 'TH'
        ? tableAttribute(cell, 'Scope') === undefined
        : tableAttribute(cell, 'Headers') === undefined,
    );
    expect(bad.map((cell) => cell.type)).toEqual([]);
  });

  it('structures each project’s facts box as a table of label (row header) and value pairs', () => {
    const asides = flatten(structureTree()).filter((e) => e.type === 'Aside');
    const boxes = html.match(/<aside class="facts"/g) ?? [];
    expect(boxes.length).toBeGreaterThan(0);
    expect(asides).toHaveLength(boxes.length);
    for (const aside of asides) {
      const table = aside.kids.find((k) => k.type === 'Table');
      const rows = table?.kids.filter((k) => k.type === 'TR') ?? [];
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        expect(row.kids.map((k) => k.type)).toEqual(['TH', 'TD']);
        expect(tableAttribute(row.kids[0] as Element, 'Scope')).toBe('/Row');
      }
    }
  });

  it('tags every link with its annotation, and every page orders its annotations by structure', () => {
    const links = flatten(structureTree()).filter((e) => e.type === 'Link');
    expect(links.length).toBeGreaterThan(6);
    for (const link of links) {
      const objr = link.other.filter(
        (o) => o instanceof PDFDict && o.lookup(PDFName.of('Type')) === PDFName.of('OBJR'),
      );
      expect(objr).toHaveLength(1);
    }
    for (const page of doc.getPages()) {
      expect(page.node.lookup(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
    }
  });

  it('has one H1 and headings that never skip a level', () => {
    const levels = flatten(structureTree())
      .map((e) => /^H([1-6])$/.exec(e.type)?.[1])
      .filter((level): level is string => level !== undefined)
      .map(Number);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    const skips = levels.filter((level, i) => i > 0 && level > (levels[i - 1] ?? 0) + 1);
    expect(skips).toEqual([]);
  });

  it('is marked as tagged, says its language and shows its title in the window', () => {
    const mark = doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
    expect(mark.lookup(PDFName.of('Marked'))?.toString()).toBe('true');
    const lang = doc.catalog.lookup(PDFName.of('Lang'));
    expect(lang instanceof PDFString ? lang.decodeText() : lang?.toString()).toBe('zh-CN');
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(prefs.lookup(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
    expect(doc.getTitle()).toBe('苏州市清流社工服务中心2015年度工作总结');
  });
});

describe('Latin letters beside Han characters in the example report', () => {
  it('set 4A级 with a visible gap between A and 级 that pdftotext does not read as a space', async () => {
    const glyphs: PdfGlyph[] = await pdfGlyphs(pdfPath);
    const runs = findRuns(glyphs, '4A级');
    expect(runs).toHaveLength(2); // Table 3 and the prose of part four
    for (const run of runs) {
      const [, a, ji] = run as [PdfGlyph, PdfGlyph, PdfGlyph];
      const gap = (ji.x - (a.x + a.width)) / a.size;
      // 0.08 em: seen on the page, under poppler's 0.1 em word break.
      expect(gap).toBeGreaterThan(0.06);
      expect(gap).toBeLessThan(0.1);
    }
    const text = poppler('pdftotext', pdfPath);
    expect(text.match(/4A级社会组织/g)).toHaveLength(2);
    expect(text).not.toMatch(/4A\s+级/);
  });
});
