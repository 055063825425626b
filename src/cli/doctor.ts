/** `report doctor`: what was found, and exactly what to run when something is missing. */
import { access, constants, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { checkBrowser } from '../infra/browser-check.js';
import type { Lang } from '../infra/browser-sandbox.js';
import type { Io } from './io.js';
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
      : `${result.path} (${result.source}): ${result.version ?? (lang === 'zh-CN' ? '版本未知' : 'version unknown')}`;
  if (result.ok) {
    const seconds = ((result.ms ?? 0) / 1000).toFixed(1);
    const print =
      lang === 'zh-CN'
        ? `试打印 ${result.pages} 页，用时 ${seconds} 秒`
        : `test print: ${result.pages} page${result.pages === 1 ? '' : 's'} in ${seconds} s`;
    return { name: 'browser', ok: true, detail: `${where}; ${print}` };
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

function checkFonts(): Check {
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
    ? {
        name: 'fonts',
        ok: true,
        detail: 'Noto Sans SC and Noto Serif SC bundled (no system font needed)',
      }
    : { name: 'fonts', ok: false, detail: `missing ${missing.join(', ')}`, fix: 'npm ci' };
}

async function checkData(dir: string, cwd: string): Promise<Check> {
  const path = resolve(cwd, dir);
  try {
    await stat(resolve(path, 'organization.yaml'));
    return { name: 'data', ok: true, detail: `${dir} (run \`report validate\` to check it)` };
  } catch {
    return {
      name: 'data',
      ok: false,
      detail: `${dir}/organization.yaml not found`,
      fix: 'pass --data DIR, or copy the example: cp -r data my-data',
    };
  }
}

async function checkOutput(dir: string, cwd: string): Promise<Check> {
  const path = resolve(cwd, dir);
  try {
    await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
    return { name: 'output', ok: true, detail: `${dir} is writable` };
  } catch (error) {
    return {
      name: 'output',
      ok: false,
      detail: `${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      fix: 'pass --out DIR with a writable folder',
    };
  }
}

export async function runDoctor(
  options: { data: string; out: string; chrome?: string; lang?: string },
  io: Io,
): Promise<number> {
  const lang = await messageLang(options.lang, options.data, io.cwd);
  const checks = [
    { name: 'report', ok: true, detail: `${version} on Node.js ${process.versions.node}` },
    await checkBrowserPrints(options.chrome, io, lang),
    checkFonts(),
    await checkData(options.data, io.cwd),
    await checkOutput(options.out, io.cwd),
  ];
  for (const check of checks) {
    io.stdout(`${check.ok ? 'ok ' : 'NO '} ${check.name.padEnd(8)} ${check.detail}\n`);
    const fixes = check.ok ? [] : [check.fix ?? []].flat();
    for (const fix of fixes) io.stdout(`    fix: ${fix}\n`);
  }
  // The first failing check decides the exit code, from the tool's one table.
  const failed = checks.find((c) => !c.ok);
  return failed === undefined ? 0 : (EXIT_FOR[failed.name] ?? 1);
}

/** --lang, else the organisation's locale when its file says, else English. */
export async function messageLang(
  flag: string | undefined,
  data: string,
  cwd: string,
): Promise<Lang> {
  if (flag === 'zh-CN' || flag === 'en') return flag;
  try {
    const org: unknown = parse(await readFile(resolve(cwd, data, 'organization.yaml'), 'utf8'));
    const locale = (org as { locale?: unknown } | null)?.locale;
    return locale === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'en';
  }
}
