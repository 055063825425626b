/**
 * Prints a report's page. Its contents page shows where each heading landed, which only a print
 * can tell: the numbers start from the last build's (`hint`), so an unchanged layout prints once;
 * otherwise the numbers found are filled in and the page, still loaded, is printed again.
 */
import { isReportError, reportError, rewordError, type MessageLang } from '../errors.js';
import type { PdfMetadata, Printer, PrintJob } from '../ports.js';
import type { TocEntry } from '../render/view-model.js';

export interface PrintedReport {
  pdf: Uint8Array;
  pageCount: number;
  /** Where each heading landed: the next build's hint. */
  pages: Map<string, number>;
}

/** A failure names the year (with --all, which year's PDF failed). */
export async function printReport(
  page: {
    year: number;
    html: string;
    toc: readonly TocEntry[];
    metadata: PdfMetadata;
    /** The language of warnings (default English). */
    lang?: MessageLang;
  },
  printer: Printer,
  hint: Map<string, number> | null,
  log: { warn(message: string): void },
): Promise<PrintedReport> {
  try {
    return await printWithContents(page, printer, hint, log);
  } catch (error) {
    if (!isReportError(error)) throw error;
    throw rewordError(error, (message, lang) =>
      lang === 'zh-CN' ? `${page.year} 年：${message}` : `${page.year}: ${message}`,
    );
  }
}

async function printWithContents(
  page: { html: string; toc: readonly TocEntry[]; metadata: PdfMetadata; lang?: MessageLang },
  printer: Printer,
  hint: Map<string, number> | null,
  { warn }: { warn(message: string): void },
): Promise<PrintedReport> {
  const numbers = (pages: Map<string, number>) =>
    Object.fromEntries(page.toc.map((e) => [e.pageId, String(pages.get(e.label) ?? '')]));
  let used = hint;
  const fill: PrintJob['fill'] = async (outline) => {
    if (outline === null) return used === null ? null : numbers(used);
    const found = new Map(outline.map((e) => [e.title, e.page] as const));
    // Only what the contents page shows decides: a heading it does not list (the cover's
    // title, edited) changes the hint but needs no second print.
    const shown = used === null ? null : numbers(used);
    used = found;
    const now = numbers(found);
    return shown !== null && sameNumbers(now, shown) ? null : now;
  };
  const result = await printer.print({ html: page.html, metadata: page.metadata, fill });
  for (const blocked of result.blocked) {
    if (page.lang === 'zh-CN') {
      const from = blocked.initiator ? `（来自 ${blocked.initiator}）` : '';
      warn(
        `已拦截对 ${blocked.url} 的 ${blocked.resourceType} 请求${from}：报告只能使用内嵌的 data: URL`,
      );
    } else {
      const from = blocked.initiator ? ` (from ${blocked.initiator})` : '';
      warn(
        `blocked ${blocked.resourceType} request to ${blocked.url}${from}: a report may only use inline data: URLs`,
      );
    }
  }
  if (result.failedFonts.length > 0) {
    throw reportError('fontsDidNotLoad', { families: result.failedFonts });
  }
  return { pdf: result.pdf, pageCount: result.pageCount, pages: used ?? new Map() };
}

/** Whether the contents page would show the same numbers. */
function sameNumbers(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The hint file's text: heading → page. */
export function pageHintText(pages: Map<string, number>): string {
  return `${JSON.stringify(Object.fromEntries(pages), null, 2)}\n`;
}
