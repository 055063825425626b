/** Worker side of template-worker.ts: compile and render one view, post the HTML or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { isReportError } from '../errors.js';
import { compileTemplate } from '../render/compile-template.js';
import { templateHelpers } from '../render/template-helpers.js';
import type { TemplateSource } from '../render/template-source.js';
import type { Locale } from '../schema/files.js';

const { source, locale, view } = workerData as {
  source: TemplateSource;
  locale: Locale;
  view: object;
};
try {
  parentPort?.postMessage({
    html: compileTemplate(source, templateHelpers(locale), { lang: locale })(view),
  });
} catch (error) {
  parentPort?.postMessage({
    error: isReportError(error)
      ? { code: error.code, message: error.message, hint: error.hint }
      : {
          code: 'TEMPLATE_INVALID',
          message: error instanceof Error ? error.message : String(error),
        },
  });
}
