/** Worker side of template-worker.ts: compile the template once, then render each view posted. */
import { parentPort, workerData } from 'node:worker_threads';
import { errorParts, isReportError, reportError } from '../errors.js';
import { compileTemplate, type RenderFn } from '../render/compile-template.js';
import { templateHelpers } from '../render/template-helpers.js';
import type { TemplateSource } from '../render/template-source.js';
import type { Locale } from '../schema/files.js';
import type { ThreadReply } from './template-worker.js';

const { source, locale, lang } = workerData as {
  source: TemplateSource;
  locale: Locale;
  lang: Locale;
};

function failure(error: unknown): ThreadReply {
  return {
    error: errorParts(
      isReportError(error)
        ? error
        : reportError('templateRenderFailed', {
            file: source.main.file,
            detail: error instanceof Error ? error.message : String(error),
          }),
    ),
  };
}

let render: RenderFn | null = null;
try {
  render = compileTemplate(source, templateHelpers(locale), { lang });
  parentPort?.postMessage({} satisfies ThreadReply);
} catch (error) {
  parentPort?.postMessage(failure(error));
}
parentPort?.on('message', (view: object) => {
  if (render === null) return;
  try {
    parentPort?.postMessage({ html: render(view) } satisfies ThreadReply);
  } catch (error) {
    parentPort?.postMessage(failure(error));
  }
});
