/**
 * Make Chromium's PDF a deliverable: our metadata instead of the user agent and `about:blank`,
 * and no clock in the bytes, so the same HTML and date give the same file (reproducible builds).
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { ReportError } from '../errors.js';
import type { OutlineEntry, PdfMetadata } from '../ports.js';
import { outlineOf, repairOutlineTitles } from './pdf-outline.js';

/** The finished PDF, with its page count and bookmarks read in the same parse. */
export async function finalizePdfWithInfo(
  pdf: Uint8Array,
  meta: PdfMetadata,
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
  const placeholder = PDFHexString.of(ID_PLACEHOLDER);
  doc.context.trailerInfo.ID = doc.context.obj([placeholder, placeholder]);

  const out = await doc.save({ useObjectStreams: true, addDefaultPage: false });
  return { pdf: stampDocumentId(out), pageCount: doc.getPageCount(), outline: outlineOf(doc) };
}

const ID_PLACEHOLDER = '0'.repeat(32);

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
    throw new ReportError('OUTPUT_FAILED', 'Could not set the PDF document identifier.', {
      hint: 'This is a bug in report; please file it with the PDF attached.',
    });
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
    throw new ReportError(
      'USAGE',
      `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${raw}".`,
      {
        hint: 'For example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.',
      },
    );
  }
  return new Date(Number(raw) * 1000);
}
