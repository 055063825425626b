/**
 * A template someone else wrote renders in a worker thread with a time budget: a loop that runs
 * away is stopped (the thread terminated) and reported, instead of hanging the build or CI.
 */
import { Worker } from 'node:worker_threads';
import { ReportError, type ErrorCode } from '../errors.js';
import type { TemplateSource } from '../render/template-source.js';
import type { Locale } from '../schema/files.js';

export function renderInWorker(
  source: TemplateSource,
  locale: Locale,
  view: object,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./template-thread.js', import.meta.url), {
      workerData: { source, locale, view },
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new ReportError(
          'TEMPLATE_INVALID',
          `${source.main.file}: rendering took longer than ${timeoutMs / 1000} s and was stopped`,
          {
            hint: 'look for a loop inside a loop over a long list; --timeout SECONDS allows more time',
          },
        ),
      );
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    worker.once(
      'message',
      (message: { html?: string; error?: { code: ErrorCode; message: string; hint?: string } }) => {
        settle();
        void worker.terminate();
        if (message.error)
          reject(
            new ReportError(
              message.error.code,
              message.error.message,
              message.error.hint ? { hint: message.error.hint } : {},
            ),
          );
        else resolve(message.html ?? '');
      },
    );
    worker.once('error', (error) => {
      settle();
      reject(
        new ReportError('TEMPLATE_INVALID', `${source.main.file}: ${error.message}`, {
          cause: error,
        }),
      );
    });
  });
}
