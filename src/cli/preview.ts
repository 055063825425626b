/**
 * `report preview <year>`: build the year into memory, serve it on 127.0.0.1, rebuild on every
 * save of the data or template folder, and reload the page. Runs until Ctrl-C; a bad input is
 * shown (in the page and here), never the end of the preview.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportError } from '../errors.js';
import { onInterrupt } from '../infra/interrupt.js';
import { say, sayBoth } from '../preview/messages.js';
import type { Locale } from '../schema/files.js';
import { messageLang, parseTimeoutSeconds, parseYear } from './flags.js';
import type { Io } from './io.js';
import { version } from './version.js';

export interface PreviewFlags {
  year: string;
  data: string;
  template?: string;
  port?: string;
  open: boolean;
  pdf?: boolean;
  chrome?: string;
  timeout?: string;
  lang?: Locale;
}

const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

export async function runPreview(flags: PreviewFlags, io: Io): Promise<number> {
  const lang = messageLang(flags.lang, io.env);
  const year = parseYear(flags.year, 'build');
  const port = parsePort(flags.port ?? '0');
  const timeout = parseTimeoutSeconds(flags.timeout ?? '60');
  const pdf = flags.pdf === true;
  const dataDir = resolve(io.cwd, flags.data);
  const templateDir = resolve(io.cwd, flags.template ?? DEFAULT_TEMPLATE);
  await requireFolder(dataDir, flags.data, 'data');
  await requireFolder(templateDir, flags.template ?? templateDir, 'template');

  const [
    { realDeps, printerOpener },
    { createSession },
    { startServer },
    { watchFolders, shownPath },
    { warmDeps },
  ] = await Promise.all([
    import('./build.js'),
    import('../preview/session.js'),
    import('../preview/serve.js'),
    import('../preview/watch.js'),
    import('../preview/warm-deps.js'),
  ]);
  const built = await realDeps(io, flags.chrome, pdf, timeout * 1000, flags.template !== undefined);
  // One browser page kept from print to print: its renderer stays warm (src/infra/chromium-printer.ts).
  const base = pdf
    ? {
        ...built,
        openPrinter: await printerOpener(io, flags.chrome, timeout * 1000, { keepPage: true }),
      }
    : built;
  // What a save did not change is not read, parsed or compiled again (src/preview/warm-deps.ts).
  const warm = warmDeps(base, templateDir);
  const deps = warm.deps;
  const sourceDate = pdf
    ? (await import('../infra/pdf-postprocess.js')).sourceDateFromEnv(io.env)
    : null;

  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  const session = createSession(
    {
      year,
      dataDir,
      templateDir,
      cwd: io.cwd,
      lang: flags.lang,
      messageLang: lang,
      pdf,
      sourceDate,
      generator: `report ${version}`,
    },
    deps,
    {
      info: (text) => io.stdout(`${text}\n`),
      problem: (text) => io.stderr(`${text}\n`),
      changed: () => server?.broadcast(),
    },
  );
  server = await startServer(session, { port, lang });
  const watcher = watchFolders({
    dirs: [dataDir, templateDir],
    onChange: (changed) => {
      warm.changed(changed);
      void session.rebuild(changed.map((f) => shownPath(f, io.cwd)));
    },
    onError: (dir, error) =>
      io.stderr(
        `${say(lang, 'watchFailed', { dir: shownPath(dir, io.cwd), error: error.message })}\n`,
      ),
  });

  let stop!: () => void;
  const stopped = new Promise<void>((resolveStopped) => (stop = resolveStopped));
  const running = server;
  onInterrupt(async () => {
    watcher.close();
    await running.close();
    await session.close();
    await warm.close();
    stop();
  });

  io.stdout(`${say(lang, 'serving', { year, url: server.url })}\n`);
  io.stdout(
    `${say(lang, 'watching', { dirs: [dataDir, templateDir].map((d) => shownPath(d, io.cwd)).join(', ') })}\n`,
  );
  await watcher.ready;
  await session.rebuild([]);
  if (flags.open) (await import('../preview/open-browser.js')).openInBrowser(server.url);
  await stopped;
  return 0;
}

function parsePort(text: string): number {
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (port >= 0 && port <= 65_535) return port;
  throw new ReportError(
    'USAGE',
    sayBoth('badPort', () => ({ value: JSON.stringify(text) })),
    {
      hint: sayBoth('badPortHint'),
    },
  );
}

async function requireFolder(dir: string, shown: string, what: 'data' | 'template'): Promise<void> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDir) return;
  throw new ReportError(
    what === 'data' ? 'DATA_NOT_FOUND' : 'TEMPLATE_INVALID',
    sayBoth('noFolder', (l) => ({ what: say(l, what), dir: shown })),
    { hint: sayBoth('noFolderHint') },
  );
}
