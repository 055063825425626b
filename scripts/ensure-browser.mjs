#!/usr/bin/env node
/**
 * Set-up step (`npm run setup`, after `npm run build`): a browser that starts and prints a PDF,
 * and poppler-utils, which the tests use to read PDFs. It searches exactly where `report` does
 * and checks the browser the way `report doctor` does: launched as a build launches it, with a
 * one-page test print.
 *   - Debian, as root: apt-get installs what is missing (chromium with chromium-sandbox, so a
 *     non-root user's Chromium keeps its sandbox; poppler-utils), printing a few lines of its
 *     own; apt's whole output goes to a log file it names.
 *   - Debian, not root, no browser: prints the one command to run as root, and exits 1.
 *   - anywhere else, no browser: downloads Chrome's headless shell (the version puppeteer-core
 *     is made for) into ~/.cache/puppeteer, where report finds it. PUPPETEER_DOWNLOAD_BASE_URL
 *     picks a mirror (README.md names one for mainland China).
 * Exits 1 when no browser can print, with the browser's own reason and what fixes it.
 *
 * Usage: node scripts/ensure-browser.mjs [--dry-run]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const dryRun = process.argv.includes('--dry-run');
const env = process.env;
const cacheDir = env.PUPPETEER_CACHE_DIR || path.join(os.homedir(), '.cache', 'puppeteer');
const aptLog = path.join(os.tmpdir(), 'report-setup-apt.log');
const CHINA_MIRROR = 'https://cdn.npmmirror.com/binaries/chrome-for-testing';

/** The same search and check as `report` itself (built into dist/ by `npm run build`). */
const [{ findBrowser, browserInstallHint }, { checkBrowser }, { messageLang }] = await Promise.all([
  import('../dist/infra/find-browser.js'),
  import('../dist/infra/browser-check.js'),
  import('../dist/cli/doctor.js'),
]).catch(() => {
  console.error(
    'ensure-browser: dist/ is missing: run `npm run build` first (npm run setup does).',
  );
  process.exit(1);
});

const lang = await messageLang(undefined, 'data', process.cwd());
const say = (en, zh) => console.log(`ensure-browser: ${lang === 'zh-CN' ? zh : en}`);
const sayError = (en, zh) => console.error(`ensure-browser: ${lang === 'zh-CN' ? zh : en}`);

const isRoot = process.getuid?.() === 0;
const isDebian = (() => {
  try {
    return /^ID=["']?debian["']?$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
})();
const aptAsRoot = process.platform === 'linux' && isRoot && isDebian;

function find() {
  try {
    return findBrowser({ env });
  } catch (error) {
    sayError(`${error.message}. Fix or unset it.`, `${error.message}。请改正或删除这个设置。`);
    process.exit(1);
  }
}

function has(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).error === undefined;
}

/** apt-get, quiet: its output goes to the log; false when it failed (the log's end is shown). */
function apt(args) {
  if (dryRun) {
    say(`would run: apt-get ${args.join(' ')}`, `将运行：apt-get ${args.join(' ')}`);
    return true;
  }
  const fd = openSync(aptLog, 'a');
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', fd, fd],
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive', DEBCONF_NOWARNINGS: 'yes' },
  });
  closeSync(fd);
  if (result.status === 0) return true;
  const tail = readFileSync(aptLog, 'utf8').trimEnd().split('\n').slice(-5).join('\n');
  sayError(
    `apt-get ${args[0]} failed; the end of ${aptLog}:`,
    `apt-get ${args[0]} 失败；${aptLog} 的最后几行：`,
  );
  console.error(tail);
  return false;
}

function aptInstall(packages) {
  say(
    `installing ${packages.join(' ')} with apt-get (a minute or two; full log: ${aptLog})`,
    `正在用 apt-get 安装 ${packages.join(' ')}（约一两分钟；完整日志：${aptLog}）`,
  );
  const install = ['install', '-y', '-q', '--no-install-recommends', ...packages];
  const listed = readdirSafe('/var/lib/apt/lists').some((f) => f.endsWith('Packages'));
  if (listed && apt(install)) return true;
  // Empty or stale package lists: update them once and try again.
  return apt(['update', '-q']) && apt(install);
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Debian's Chromium keeps its sandbox for a user without user namespaces only with this. */
const debianChromium = (p) => p === '/usr/bin/chromium' || p.startsWith('/usr/lib/chromium/');
const sandboxHelper = '/usr/lib/chromium/chrome-sandbox';

let found = find();

// 1. What apt can bring, in one go (Debian, as root).
if (aptAsRoot) {
  const packages = [];
  if (!found) packages.push('chromium', 'chromium-sandbox');
  else if (debianChromium(found.path) && !existsSync(sandboxHelper))
    packages.push('chromium-sandbox');
  if (!has('pdftotext', ['-v'])) packages.push('poppler-utils');
  if (packages.length > 0 && !aptInstall(packages) && !found) process.exit(1);
  if (dryRun) process.exit(0);
  found = find();
} else if (!has('pdftotext', ['-v'])) {
  say(
    'the tests need poppler-utils (pdftotext); install it with your package manager.',
    '运行测试需要 poppler-utils（pdftotext），请用系统的软件包管理器安装。',
  );
}

// 2. No browser, no root: one command, or a download where apt is not the way.
if (!found) {
  if (process.platform === 'linux' && isDebian) {
    const command = browserInstallHint();
    sayError(
      `no Chromium, Chrome or Edge found, and installing one needs root. Run:\n\n    ${command}\n\nthen \`npm run setup\` again.`,
      `没有找到 Chromium、Chrome 或 Edge，安装需要 root 权限。请运行：\n\n    ${command}\n\n然后再次运行 \`npm run setup\`。`,
    );
    process.exit(1);
  }
  if (!(await download())) process.exit(1);
  found = find();
}

// 3. The browser found must start and print, as in a build.
const check = await checkBrowser({ env, lang });
if (!check.ok) {
  sayError(`${check.path ?? 'the browser'} cannot print:`, `${check.path ?? '浏览器'} 无法打印：`);
  console.error(`  ${(check.problem ?? '').split('\n').join('\n  ')}`);
  for (const fix of check.fixes) console.error(`  ${lang === 'zh-CN' ? '解决' : 'fix'}: ${fix}`);
  process.exit(1);
}
const seconds = ((check.ms ?? 0) / 1000).toFixed(1);
say(
  `${check.path} (${check.source}${check.version ? `, ${check.version}` : ''}) printed a ${check.pages}-page test PDF in ${seconds} s`,
  `${check.path}（${check.source}${check.version ? `，${check.version}` : ''}）试打印 ${check.pages} 页，用时 ${seconds} 秒`,
);

/** Chrome's headless shell into puppeteer's cache, quietly; false (with one next command) on failure. */
async function download() {
  const require = createRequire(import.meta.url);
  const fromPuppeteer = createRequire(require.resolve('puppeteer-core'));
  const browsers = fromPuppeteer('@puppeteer/browsers');
  const { PUPPETEER_REVISIONS } = fromPuppeteer('puppeteer-core/internal/revisions.js');
  const buildId = PUPPETEER_REVISIONS['chrome-headless-shell'];
  const baseUrl =
    env.PUPPETEER_CHROME_HEADLESS_SHELL_DOWNLOAD_BASE_URL || env.PUPPETEER_DOWNLOAD_BASE_URL || '';
  say(
    `no browser found; downloading Chrome's headless shell ${buildId} into ${cacheDir}${baseUrl ? ` from ${baseUrl}` : ''}`,
    `没有找到浏览器；正在下载 Chrome headless shell ${buildId} 到 ${cacheDir}${baseUrl ? `（来源 ${baseUrl}）` : ''}`,
  );
  if (dryRun) return false;
  try {
    await browsers.install({
      browser: browsers.Browser.CHROMEHEADLESSSHELL,
      buildId,
      cacheDir,
      ...(baseUrl ? { baseUrl } : {}),
    });
    return true;
  } catch (error) {
    // "All providers failed for …:\n  - DefaultProvider: getaddrinfo ENOTFOUND host": the cause.
    const lines = String(error?.message ?? error)
      .split('\n')
      .map((line) => line.replace(/^\s*-\s*/, '').trim())
      .filter(Boolean);
    const reason = lines.at(-1) ?? '';
    if (baseUrl) {
      sayError(
        `the download failed (${reason}). Install Google Chrome or Microsoft Edge, then run \`npm run setup\` again.`,
        `下载失败（${reason}）。请安装 Google Chrome 或 Microsoft Edge，然后再次运行 \`npm run setup\`。`,
      );
    } else {
      const next =
        process.platform === 'win32'
          ? `$env:PUPPETEER_DOWNLOAD_BASE_URL="${CHINA_MIRROR}"; npm run setup`
          : `PUPPETEER_DOWNLOAD_BASE_URL=${CHINA_MIRROR} npm run setup`;
      sayError(
        `the download failed (${reason}). Where the default server is blocked or slow (mainland China), use a mirror:\n\n    ${next}\n`,
        `下载失败（${reason}）。默认下载服务器在中国大陆通常无法访问或很慢，请改用镜像：\n\n    ${next}\n`,
      );
    }
    return false;
  }
}
