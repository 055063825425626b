/**
 * Checks of command-line values that the parser cannot make: a path that names nothing, an
 * output folder inside the data, a time budget Node's timers cannot hold. Each refusal is a
 * usage error (exit 2) in the reader's language.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { reportError } from '../errors.js';
import type { Locale } from '../schema/files.js';

/**
 * The language of messages given before any data is read: --lang, else the environment's
 * (LC_ALL, LC_MESSAGES, LANG, as for any command-line tool), else English.
 */
export function messageLang(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): Locale {
  if (flag === 'zh-CN' || flag === 'en') return flag;
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

/**
 * The reader's language: --lang, else the organisation's locale (its organization.yaml in the
 * data folder; a file without `locale:` is Chinese, the schema's default), else the system's.
 * Read without parsing the YAML, so a broken file still gets messages in the right language.
 */
export function readerLang(
  flag: string | undefined,
  dataDir: string,
  cwd: string,
  env: Record<string, string | undefined>,
): Locale {
  if (flag === 'zh-CN' || flag === 'en') return flag;
  const org = organizationLocale(path.resolve(cwd, dataDir, 'organization.yaml'));
  return org ?? messageLang(undefined, env);
}

function organizationLocale(file: string): Locale | null {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      text = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const match = /^locale[ \t]*:[ \t]*["']?([A-Za-z-]+)["']?[ \t]*(#.*)?$/m.exec(text);
  if (match === null) return 'zh-CN';
  return match[1] === 'en' ? 'en' : 'zh-CN';
}

/** --lang and --data as written on the command line (before commander reads it). */
export function langAndDataOf(argv: readonly string[]): { lang?: string; data?: string } {
  const found: { lang?: string; data?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    for (const name of ['lang', 'data'] as const) {
      if (arg === `--${name}` && argv[i + 1] !== undefined) found[name] = argv[i + 1] as string;
      else if (arg.startsWith(`--${name}=`)) found[name] = arg.slice(name.length + 3);
    }
  }
  return found;
}

const PATH_FLAGS: Record<string, { what: 'folder' | 'program'; omit: string; example: string }> = {
  data: { what: 'folder', omit: 'data/', example: '--data data' },
  out: { what: 'folder', omit: 'out/', example: '--out reports' },
  template: { what: 'folder', omit: 'template', example: '--template my-template' },
  chrome: { what: 'program', omit: 'search', example: '--chrome /usr/bin/chromium' },
};

/**
 * An empty path is refused: joined with a year it would name a folder at the root of the file
 * system (`--out ""` → /2015/), and an empty --data or --template is never what was meant.
 */
export function refuseEmptyPaths(options: Record<string, unknown>): void {
  for (const [flag, text] of Object.entries(PATH_FLAGS)) {
    const value = options[flag];
    if (typeof value !== 'string' || value.trim() !== '') continue;
    throw reportError('emptyPath', { flag, shown: JSON.stringify(value), ...text });
  }
}

/** A year argument: four digits, as the year folders are named. */
export function parseYear(text: string, command: 'build' | 'validate' | 'stats'): number {
  if (/^[0-9]{4}$/.test(text)) return Number(text);
  throw reportError('notAYear', { text, command });
}

/**
 * The longest --timeout: one day. Node's timers hold at most 2^31-1 ms (about 24.8 days) and
 * fire at once beyond it; the printer adds its own margin on top of the budget.
 */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** Seconds written as plain decimal digits (60, 0.5), above 0 and at most a day. */
export function parseTimeoutSeconds(text: string): number {
  const seconds = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS) return seconds;
  throw reportError('badTimeout', { text: JSON.stringify(text), max: MAX_TIMEOUT_SECONDS });
}

/**
 * The report is not written into the data folder: there its files would sit among the data
 * (year folders gain report.html, charts/, .report-pages.json) and a clean-up of the output
 * could delete data. Paths are compared after symbolic links are followed.
 */
export async function refuseOutInsideData(
  flags: { data: string; out: string },
  cwd: string,
): Promise<void> {
  const data = await realpath(path.resolve(cwd, flags.data)).catch(() => null);
  if (data === null) return; // no data folder: the loader says so
  const out = await realExistingPrefix(path.resolve(cwd, flags.out));
  const rel = path.relative(data, out);
  const inside =
    rel === '' || !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
  if (!inside) return;
  throw reportError('outInsideData', { out: flags.out, data: flags.data, same: rel === '' });
}

/** The real path of the longest existing part of `abs`, with the rest appended as written. */
async function realExistingPrefix(abs: string): Promise<string> {
  const rest: string[] = [];
  let current = abs;
  for (;;) {
    const real = await realpath(current).catch(() => null);
    if (real !== null) return path.join(real, ...rest.reverse());
    const parent = path.dirname(current);
    if (parent === current) return abs;
    rest.push(path.basename(current));
    current = parent;
  }
}
