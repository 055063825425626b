/** `report doctor`: what was found, and exactly what to run when something is missing. */
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { browserInstallHint, browserVersion, findBrowser } from '../infra/find-browser.js';
import type { Io } from './io.js';
import { version } from './version.js';

const EXIT_FOR: Record<string, number> = { browser: 4, fonts: 4, data: 1, output: 5 };

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

async function checkBrowser(chrome: string | undefined, io: Io): Promise<Check> {
  try {
    const found = findBrowser({ flag: chrome, env: io.env });
    if (!found)
      return {
        name: 'browser',
        ok: false,
        detail: 'no Chromium or Chrome found (PDF output needs one)',
        fix: browserInstallHint(),
      };
    const v = await browserVersion(found.path);
    return {
      name: 'browser',
      ok: v !== null,
      detail: `${found.path} (${found.source}): ${v ?? 'does not run'}`,
      fix: `check that \`${found.path} --version\` works`,
    };
  } catch (error) {
    return {
      name: 'browser',
      ok: false,
      detail: (error as Error).message,
      fix: browserInstallHint(),
    };
  }
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
  options: { data: string; out: string; chrome?: string },
  io: Io,
): Promise<number> {
  const checks = [
    { name: 'report', ok: true, detail: `${version} on Node.js ${process.versions.node}` },
    await checkBrowser(options.chrome, io),
    checkFonts(),
    await checkData(options.data, io.cwd),
    await checkOutput(options.out, io.cwd),
  ];
  for (const check of checks) {
    io.stdout(`${check.ok ? 'ok ' : 'NO '} ${check.name.padEnd(8)} ${check.detail}\n`);
    if (!check.ok && check.fix) io.stdout(`    fix: ${check.fix}\n`);
  }
  // The first failing check decides the exit code, from the tool's one table.
  const failed = checks.find((c) => !c.ok);
  return failed === undefined ? 0 : (EXIT_FOR[failed.name] ?? 1);
}
