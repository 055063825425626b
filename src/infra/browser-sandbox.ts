/**
 * Why a browser did not start, in its own words, and what fixes it. Over puppeteer's pipe the
 * browser's stderr is lost, and `chromium --version` succeeds even when the browser cannot
 * start its sandbox, so the browser is run once more the way the printer runs it, on a blank
 * page, and what it printed is read.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOsRelease } from './find-browser.js';

export type Lang = 'zh-CN' | 'en';

/** The first lines a browser prints when it fails on its own; '' when it starts fine. */
export function browserOwnError(
  executable: string,
  args: string[],
  opts: { timeoutMs?: number; platform?: NodeJS.Platform } = {},
): Promise<string> {
  // chrome.exe prints nothing to a console on Windows.
  if ((opts.platform ?? process.platform) === 'win32') return Promise.resolve('');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'report-chromium-check-'));
  return new Promise((resolve) => {
    execFile(
      executable,
      ['--headless', ...args, `--user-data-dir=${profile}`, '--dump-dom', 'about:blank'],
      {
        timeout: opts.timeoutMs ?? 15_000,
        killSignal: 'SIGKILL',
        windowsHide: true,
        env: { ...process.env, TMPDIR: profile },
      },
      (error, _stdout, stderr) => {
        rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
        resolve(error ? importantLines(String(stderr)) : '');
      },
    );
  });
}

/** Chromium's log prefix (`[pid:tid:time:FATAL:file.cc(130)]`) dropped; D-Bus noise left out. */
export function importantLines(stderr: string, max = 4): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^\[[\d:/.]+:[A-Z]+:[^\]]*\]\s*/, '').trim())
    .filter((line) => line !== '' && !/dbus|Fontconfig/i.test(line));
  const important = lines.filter(
    (line) => SANDBOX.test(line) || /FATAL|error while loading/i.test(line),
  );
  return (important.length > 0 ? important : lines).slice(0, max).join('\n');
}

const SANDBOX =
  /No usable sandbox|SUID sandbox helper|setuid sandbox|Failed to move to new namespace|apparmor-userns-restrictions|Running as root without --no-sandbox/i;

/** True when the text is Chromium saying its sandbox could not be started. */
export function isSandboxFailure(text: string): boolean {
  return SANDBOX.test(text);
}

export interface SandboxContext {
  platform?: NodeJS.Platform;
  /** /etc/os-release; null where there is none. */
  osRelease?: string | null;
  /** Ubuntu 23.10+: 1 when AppArmor only lets browsers with a profile create user namespaces. */
  apparmorRestrictsUserns?: boolean;
  exists?: (p: string) => boolean;
  /** The executable after symlinks (Debian's /usr/bin/chromium is a script for /usr/lib/chromium/chromium). */
  realPath?: string;
}

const TEXT = {
  debian: {
    en: (cmd: string) =>
      `install Debian's sandbox helper for Chromium, as root: ${cmd} (then run the same command again)`,
    'zh-CN': (cmd: string) =>
      `以 root 身份安装 Debian 为 Chromium 提供的沙箱组件：${cmd}（然后重新运行刚才的命令）`,
  },
  apparmor: {
    en: 'this system (Ubuntu 23.10 or later) lets only browsers with an AppArmor profile use user namespaces: use Google Chrome or Microsoft Edge, whose packages bring one (report finds them, or set CHROME_PATH), or add a profile for this browser as described in https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md',
    'zh-CN':
      '本系统（Ubuntu 23.10 及以后）只允许带 AppArmor 配置的浏览器使用用户命名空间：请改用 Google Chrome 或 Microsoft Edge（它们的安装包自带配置，report 会自动找到，也可设置 CHROME_PATH），或按 https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md 为这个浏览器添加配置',
  },
  userns: {
    en: 'let this user create user namespaces (a container needs to allow them; on Linux: sysctl kernel.unprivileged_userns_clone=1 where that setting exists)',
    'zh-CN':
      '允许当前用户创建用户命名空间（容器需放开这一限制；Linux 上如有 kernel.unprivileged_userns_clone 设置，将其设为 1）',
  },
  noSandbox: {
    en: 'knowing that Chromium then runs without its sandbox (report still turns off JavaScript and the network while printing), set REPORT_NO_SANDBOX=1',
    'zh-CN':
      '在了解 Chromium 将不带沙箱运行的前提下（report 打印时仍会关闭 JavaScript 和网络），设置环境变量 REPORT_NO_SANDBOX=1',
  },
} as const;

/**
 * What fixes a sandbox failure of this browser on this machine, most fitting first (each one is
 * enough). `said` is what the browser printed: Debian's Chromium names its sandbox package.
 */
export function sandboxFixes(
  executable: string,
  lang: Lang,
  ctx: SandboxContext = {},
  said = '',
): string[] {
  const platform = ctx.platform ?? process.platform;
  const osRelease = ctx.osRelease !== undefined ? ctx.osRelease : readOsRelease(platform);
  const exists = ctx.exists ?? existsSync;
  const real = ctx.realPath ?? safeRealPath(executable);
  const fixes: string[] = [];
  const debianChromium =
    osRelease !== null &&
    /^ID=["']?debian["']?$/m.test(osRelease) &&
    (/^\/usr\/(bin|lib\/chromium)\/chromium$/.test(executable) ||
      real.startsWith('/usr/lib/chromium/'));
  const helperMissing = !exists('/usr/lib/chromium/chrome-sandbox');
  if ((debianChromium && helperMissing) || /chromium-sandbox package/.test(said)) {
    fixes.push(TEXT.debian[lang]('apt-get install -y chromium-sandbox'));
  }
  const apparmor = ctx.apparmorRestrictsUserns ?? readApparmorRestriction(platform);
  if (apparmor) fixes.push(TEXT.apparmor[lang]);
  else if (!debianChromium || exists('/usr/lib/chromium/chrome-sandbox'))
    fixes.push(TEXT.userns[lang]);
  fixes.push(TEXT.noSandbox[lang]);
  return fixes;
}

function safeRealPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function readApparmorRestriction(platform: NodeJS.Platform): boolean {
  if (platform !== 'linux') return false;
  try {
    return (
      readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() === '1'
    );
  } catch {
    return false;
  }
}
