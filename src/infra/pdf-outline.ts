/**
 * Read a printed PDF's bookmarks (Chromium makes them from headings) with the page each one
 * points to, so a table of contents can be filled in by a second print.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFDocument,
} from 'pdf-lib';
import type { OutlineEntry } from '../ports.js';

export type { OutlineEntry } from '../ports.js';

/** The bookmarks of a loaded PDF in document order; one whose target cannot be resolved is left out. */
export function outlineOf(doc: PDFDocument): OutlineEntry[] {
  const pageNumber = new Map<string, number>(
    doc.getPages().map((page, i) => [page.ref.toString(), i + 1]),
  );
  const entries: OutlineEntry[] = [];
  const seen = new Set<PDFDict>();

  const walk = (first: PDFDict | undefined, level: number): void => {
    for (let item = first; item !== undefined && !seen.has(item); item = next(item)) {
      seen.add(item);
      const title = item.lookup(PDFName.of('Title'));
      const target = destinationPage(item);
      const page = target === undefined ? undefined : pageNumber.get(target.toString());
      if ((title instanceof PDFString || title instanceof PDFHexString) && page !== undefined) {
        entries.push({ title: undoubleTitle(title.decodeText()), page, level });
      }
      walk(child(item), level + 1);
    }
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(outlines === undefined ? undefined : child(outlines), 1);
  return entries;
}

function child(dict: PDFDict): PDFDict | undefined {
  return dict.lookupMaybe(PDFName.of('First'), PDFDict);
}

function next(dict: PDFDict): PDFDict | undefined {
  return dict.lookupMaybe(PDFName.of('Next'), PDFDict);
}

/** /Dest [page /XYZ …] directly, or inside a GoTo action's /D. */
function destinationPage(item: PDFDict): PDFRef | undefined {
  const dest =
    item.lookupMaybe(PDFName.of('Dest'), PDFArray) ??
    item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
  const first = dest?.get(0);
  return first instanceof PDFRef ? first : undefined;
}

/**
 * Chromium 156 sometimes records a heading that starts a new page (break-before: page, web
 * fonts loaded) twice in its bookmark title ("一、制度一、制度"). Heading titles are never their
 * own text twice over, so such a title is cut back to one copy.
 */
export function undoubleTitle(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && half > 0 && title.slice(0, half) === title.slice(half)
    ? title.slice(0, half)
    : title;
}

/** Rewrites the bookmark titles of a loaded PDF in place (see undoubleTitle). */
export function repairOutlineTitles(doc: PDFDocument): void {
  const seen = new Set<PDFDict>();
  const walk = (first: PDFDict | undefined): void => {
    for (let item = first; item !== undefined && !seen.has(item); item = next(item)) {
      seen.add(item);
      const title = item.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const text = title.decodeText();
        const fixed = undoubleTitle(text);
        if (fixed !== text) item.set(PDFName.of('Title'), PDFHexString.fromText(fixed));
      }
      walk(child(item));
    }
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(outlines === undefined ? undefined : child(outlines));
}
