/**
 * A template someone else wrote runs in a worker thread with a time budget: compiled there once,
 * then rendering each year's view in turn. A loop that runs away is stopped (the thread
 * terminated) and reported, instead of hanging the build or CI.
 */
import { Worker } from 'node:worker_threads';
import { errorFromParts, reportError, type ErrorParts, type ReportError } from '../errors.js';
import type { TemplateRenderer } from '../ports.js';
import type { TemplateSource } from '../render/template-source.js';
import type { Locale } from '../schema/files.js';

/** What the thread posts: once compiled `{}`, then the HTML of each view, or an error. */
export interface ThreadReply {
  html?: string;
  error?: ErrorParts;
}

export async function compileInWorker(
  source: TemplateSource,
  options: { locale: Locale; lang: Locale },
  timeoutMs: number,
): Promise<TemplateRenderer> {
  const worker = new Worker(new URL('./template-thread.js', import.meta.url), {
    workerData: { source, locale: options.locale, lang: options.lang },
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });
  let stopped: ReportError | null = null;
  const stop = (error: ReportError) => {
    stopped ??= error;
    void worker.terminate();
    return stopped;
  };
  /** Waits for the thread's next reply (to `view`, if given) within the budget. */
  const reply = (view?: object) =>
    new Promise<ThreadReply>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const timer = setTimeout(() => {
        reject(
          stop(
            reportError('templateRenderTimeout', {
              file: source.main.file,
              seconds: timeoutMs / 1000,
            }),
          ),
        );
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (message: ThreadReply) => {
        settle();
        if (!message.error) return resolve(message);
        reject(errorFromParts(message.error));
      };
      const onError = (error: Error) => {
        settle();
        reject(
          stop(
            reportError(
              'templateRenderFailed',
              { file: source.main.file, detail: error.message },
              { cause: error },
            ),
          ),
        );
      };
      const onExit = () => {
        settle();
        reject(stop(reportError('templateRenderStopped', { file: source.main.file })));
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      if (view !== undefined) worker.postMessage(view);
    });

  try {
    await reply(); // compiled, or its errors
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  // One view at a time: each render's budget starts when the thread takes it.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    render(view) {
      const turn = queue.then(() => reply(view));
      queue = turn.catch(() => undefined);
      return turn.then((done) => done.html ?? '');
    },
    async close() {
      stopped ??= reportError('templateRendererClosed', { file: source.main.file });
      await worker.terminate();
    },
  };
}
