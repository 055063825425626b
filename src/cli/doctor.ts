/** `report doctor`: what was found, and exactly what to run when something is missing. */
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { checkBrowser } from '../infra/browser-check.js';
import type { Lang } from '../infra/browser-sandbox.js';
import { readerLang } from './flags.js';
import type { Io } from './io.js';
import { cliMessages } from './messages.js';
import { version } from './version.js';

const EXIT_FOR: Record<string, number> = { browser: 4, fonts: 4, data: 1, output: 5 };

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string | string[];
}

/** The browser is found, launched and made to print a one-page PDF, as a build would. */
async function checkBrowserPrints(chrome: string | undefined, io: Io, lang: Lang): Promise<Check> {
  const result = await checkBrowser({ flag: chrome, env: io.env, lang });
  const where =
    result.path === undefined
      ? ''
      : `${result.path} (${result.source}): ${result.version ?? cliMessages(lang).doctorVersionUnknown}`;
  if (result.ok) {
    const seconds = ((result.ms ?? 0) / 1000).toFixed(1);
    const print = cliMessages(lang).doctorTestPrint(result.pages ?? 0, seconds);
    return {
      name: 'browser',
      ok: true,
      detail: `${where}${lang === 'zh-CN' ? '；' : '; '}${print}`,
    };
  }
  const problem = indent(result.problem ?? '');
  return {
    name: 'browser',
    ok: false,
    detail: where === '' ? problem : `${where}\n    ${problem}`,
    fix: result.fixes,
  };
}

function indent(text: string): string {
  return text.split('\n').join('\n    ');
}

function checkFonts(lang: Lang): Check {
  const t = cliMessages(lang);
  const require = createRequire(import.meta.url);
  const missing = ['@fontsource/noto-sans-sc', '@fontsource/noto-serif-sc'].filter((pkg) => {
    try {
      require.resolve(`${pkg}/400.css`);
      return false;
    } catch {
      return true;
    }
  });
  return missing.length === 0
    ? { name: 'fonts', ok: true, detail: t.doctorFontsOk }
    : { name: 'fonts', ok: false, detail: t.doctorFontsMissing(missing.join(', ')), fix: 'npm ci' };
}

async function checkData(dir: string, cwd: string, lang: Lang): Promise<Check> {
  const t = cliMessages(lang);
  const path = resolve(cwd, dir);
  try {
    await stat(resolve(path, 'organization.yaml'));
    return { name: 'data', ok: true, detail: t.doctorDataOk(dir) };
  } catch {
    return {
      name: 'data',
      ok: false,
      detail: t.doctorDataMissing(dir),
      fix: t.doctorDataFix(dir),
    };
  }
}

async function checkOutput(dir: string, cwd: string, lang: Lang): Promise<Check> {
  const t = cliMessages(lang);
  const path = resolve(cwd, dir);
  try {
    await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
    return { name: 'output', ok: true, detail: t.doctorOutputOk(dir) };
  } catch (error) {
    return {
      name: 'output',
      ok: false,
      detail: `${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      fix: t.doctorOutputFix,
    };
  }
}

export async function runDoctor(
  options: { data: string; out: string; chrome?: string; lang?: string },
  io: Io,
): Promise<number> {
  const lang = readerLang(options.lang, options.data, io.cwd, io.env);
  const t = cliMessages(lang);
  const checks = [
    { name: 'report', ok: true, detail: t.doctorVersion(version, process.versions.node) },
    await checkBrowserPrints(options.chrome, io, lang),
    checkFonts(lang),
    await checkData(options.data, io.cwd, lang),
    await checkOutput(options.out, io.cwd, lang),
  ];
  const names = Object.values(t.doctorNames);
  const width = Math.max(...names.map((n) => n.length * (lang === 'zh-CN' ? 2 : 1))) + 1;
  for (const check of checks) {
    const name = t.doctorNames[check.name] ?? check.name;
    const pad = ' '.repeat(Math.max(1, width - name.length * (lang === 'zh-CN' ? 2 : 1)));
    io.stdout(`${check.ok ? t.doctorOk : t.doctorNo} ${name}${pad}${check.detail}\n`);
    const fixes = check.ok ? [] : [check.fix ?? []].flat();
    for (const fix of fixes) io.stdout(`    ${t.doctorFix}${fix}\n`);
  }
  // The first failing check decides the exit code, from the tool's one table.
  const failed = checks.find((c) => !c.ok);
  return failed === undefined ? 0 : (EXIT_FOR[failed.name] ?? 1);
}

/** --lang, else the organisation's locale, else the system's (for scripts/ensure-browser.mjs). */
export async function messageLang(
  flag: string | undefined,
  data: string,
  cwd: string,
): Promise<Lang> {
  return Promise.resolve(readerLang(flag, data, cwd, process.env));
}
