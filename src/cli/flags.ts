/**
 * Checks of command-line values that the parser cannot make: a path that names nothing, an
 * output folder inside the data, a time budget Node's timers cannot hold. Each refusal is a
 * usage error (exit 2) in the reader's language.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ReportError } from '../errors.js';
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

type Text = Record<Locale, string>;

const PATH_FLAGS: Record<string, { what: Text; omit: Text; example: string }> = {
  data: {
    what: { en: 'a folder', 'zh-CN': '文件夹' },
    omit: { en: 'to use data/', 'zh-CN': '即使用 data/' },
    example: '--data data',
  },
  out: {
    what: { en: 'a folder', 'zh-CN': '文件夹' },
    omit: { en: 'to use out/', 'zh-CN': '即使用 out/' },
    example: '--out reports',
  },
  template: {
    what: { en: 'a folder', 'zh-CN': '文件夹' },
    omit: { en: 'to use the built-in template', 'zh-CN': '即使用内置模板' },
    example: '--template my-template',
  },
  chrome: {
    what: { en: 'a browser program', 'zh-CN': '浏览器程序' },
    omit: { en: 'to search for one', 'zh-CN': '即自动查找' },
    example: '--chrome /usr/bin/chromium',
  },
};

/**
 * An empty path is refused: joined with a year it would name a folder at the root of the file
 * system (`--out ""` → /2015/), and an empty --data or --template is never what was meant.
 */
export function refuseEmptyPaths(options: Record<string, unknown>, lang: Locale): void {
  for (const [flag, text] of Object.entries(PATH_FLAGS)) {
    const value = options[flag];
    if (typeof value !== 'string' || value.trim() !== '') continue;
    const shown = JSON.stringify(value);
    throw new ReportError(
      'USAGE',
      lang === 'zh-CN'
        ? `--${flag} ${shown} 没有指明${text.what[lang]}`
        : `--${flag} ${shown} names no ${text.what[lang].replace(/^an? /, '')}`,
      {
        hint:
          lang === 'zh-CN'
            ? `不写 --${flag} ${text.omit[lang]}，或写明${text.what[lang]}，例如 ${text.example}`
            : `omit --${flag} ${text.omit[lang]}, or give ${text.what[lang]}, e.g. ${text.example}`,
      },
    );
  }
}

/** A year argument: four digits, as the year folders are named. */
export function parseYear(
  text: string,
  command: 'build' | 'validate' | 'stats',
  lang: Locale,
): number {
  if (/^[0-9]{4}$/.test(text)) return Number(text);
  throw new ReportError(
    'USAGE',
    lang === 'zh-CN' ? `“${text}”不是年份` : `"${text}" is not a year`,
    {
      hint:
        lang === 'zh-CN'
          ? `年份写四位数字，例如 report ${command} 2015`
          : `write the year with 4 digits, e.g. report ${command} 2015`,
    },
  );
}

/**
 * The longest --timeout: one day. Node's timers hold at most 2^31-1 ms (about 24.8 days) and
 * fire at once beyond it; the printer adds its own margin on top of the budget.
 */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** Seconds written as plain decimal digits (60, 0.5), above 0 and at most a day. */
export function parseTimeoutSeconds(text: string, lang: Locale): number {
  const seconds = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS) return seconds;
  throw new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? `--timeout ${JSON.stringify(text)} 不是有效的秒数：须为大于 0、不超过 ${MAX_TIMEOUT_SECONDS}（一天）的十进制数`
      : `--timeout ${JSON.stringify(text)} is not a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (one day), in plain digits`,
    { hint: lang === 'zh-CN' ? '例如 --timeout 120' : 'e.g. --timeout 120' },
  );
}

/**
 * The report is not written into the data folder: there its files would sit among the data
 * (year folders gain report.html, charts/, .report-pages.json) and a clean-up of the output
 * could delete data. Paths are compared after symbolic links are followed.
 */
export async function refuseOutInsideData(
  flags: { data: string; out: string },
  cwd: string,
  lang: Locale,
): Promise<void> {
  const data = await realpath(path.resolve(cwd, flags.data)).catch(() => null);
  if (data === null) return; // no data folder: the loader says so
  const out = await realExistingPrefix(path.resolve(cwd, flags.out));
  const rel = path.relative(data, out);
  const inside =
    rel === '' || !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
  if (!inside) return;
  const same = rel === '';
  throw new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? same
        ? `--out ${flags.out} 就是数据文件夹 ${flags.data}：报告文件会混进数据文件中`
        : `--out ${flags.out} 位于数据文件夹 ${flags.data} 之内：报告文件会混进数据文件中`
      : same
        ? `--out ${flags.out} is the data folder ${flags.data} itself: the report files would be written among the data files`
        : `--out ${flags.out} is inside the data folder ${flags.data}: the report files would be written among the data files`,
    {
      hint:
        lang === 'zh-CN'
          ? `请输出到数据文件夹之外，例如 --out out（默认值）`
          : `write the report outside the data folder, e.g. --out out (the default)`,
    },
  );
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
