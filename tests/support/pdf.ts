/** Reading and finishing PDFs in tests, with the functions the printer uses. */
import { PDFDocument } from 'pdf-lib';
import { outlineOf, type OutlineEntry } from '../../src/infra/pdf-outline.js';
import { finalizePdfWithInfo, type PdfLayout } from '../../src/infra/pdf-postprocess.js';
import type { PdfMetadata } from '../../src/ports.js';

/** A PDF's bookmarks in document order, with the page each one points to. */
export async function readOutlinePages(pdf: Uint8Array): Promise<OutlineEntry[]> {
  return outlineOf(await PDFDocument.load(pdf, { updateMetadata: false }));
}

/** A PDF as the printer finishes it: metadata set, dates fixed, a stable document id. */
export async function finalizePdf(
  pdf: Uint8Array,
  meta: PdfMetadata,
  layout: PdfLayout = {},
): Promise<Uint8Array> {
  return (await finalizePdfWithInfo(pdf, meta, layout)).pdf;
}
