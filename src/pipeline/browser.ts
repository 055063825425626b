/**
 * The browser as a resource of one build: opened (and launching) when a PDF is asked for,
 * closed by whoever opened it. No browser found is held, not thrown: the HTML is still written,
 * and the build fails after that so CI notices (exit 4).
 */
import { isReportError, type ReportError } from '../errors.js';
import type { OpenPrinter, Printer } from '../ports.js';

export interface Browser {
  /** Null when no PDF is asked for, or no browser was found. */
  printer: Printer | null;
  /** Throws the held BROWSER_NOT_FOUND, if there was one. */
  throwIfMissing(): void;
  close(): Promise<void>;
}

export function openBrowser(pdf: boolean, openPrinter: OpenPrinter): Browser {
  let printer: Printer | null = null;
  let missing: ReportError | null = null;
  if (pdf) {
    try {
      printer = openPrinter();
      printer.warmUp(); // Chromium starts while the data is read, checked and rendered
    } catch (error) {
      if (!isReportError(error) || error.code !== 'BROWSER_NOT_FOUND') throw error;
      missing = error;
    }
  }
  return {
    printer,
    throwIfMissing() {
      if (missing) throw missing;
    },
    close: async () => printer?.close(),
  };
}
