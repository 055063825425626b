/**
 * Locate a Chromium-family browser to print with. Explicit choices (flag, env) must exist;
 * only the well-known install locations are probed silently.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportError } from '../errors.js';

export interface FoundBrowser {
  path: string;
  source: string;
}

export interface FindBrowserOptions {
  flag?: string | undefined;
  env: Record<string, string | undefined>;
  exists?: (p: string) => boolean;
  /** Lists a directory's entries; used to look inside puppeteer's cache. */
  listDir?: (p: string) => string[];
  platform?: NodeJS.Platform;
  home?: string;
}

/** CHROME_BIN is set on GitHub's runners (to Google Chrome) and by many CI images. */
const ENV_VARS = ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH', 'CHROME_BIN'] as const;

export function findBrowser(opts: FindBrowserOptions): FoundBrowser | null {
  const exists = opts.exists ?? existsSync;
  const platform = opts.platform ?? process.platform;
  const home = opts.home ?? os.homedir();

  if (opts.flag !== undefined && opts.flag !== '') {
    return explicit(opts.flag, '--chrome flag', exists, platform);
  }
  for (const name of ENV_VARS) {
    const value = opts.env[name];
    if (value !== undefined && value !== '') return explicit(value, name, exists, platform);
  }
  for (const candidate of systemCandidates(platform, opts.env, home)) {
    if (exists(candidate)) return { path: candidate, source: 'system install' };
  }
  const listDir = opts.listDir ?? safeReadDir;
  for (const candidate of puppeteerCacheCandidates(platform, opts.env, home, listDir)) {
    if (exists(candidate)) return { path: candidate, source: 'puppeteer cache' };
  }
  return null;
}

function explicit(
  p: string,
  source: string,
  exists: (p: string) => boolean,
  platform: NodeJS.Platform,
): FoundBrowser {
  if (!exists(p)) {
    throw reportError('browserPathMissing', {
      source,
      path: p,
      install: browserInstallHint(platform),
    });
  }
  return { path: p, source };
}

function systemCandidates(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    return [
      ...apps.map((a) => path.posix.join('/Applications', a)),
      ...apps.map((a) => path.posix.join(home, 'Applications', a)),
    ];
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']]
      .concat(['C:\\Program Files', 'C:\\Program Files (x86)'])
      .filter((r): r is string => r !== undefined && r !== '');
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
      'Chromium\\Application\\chrome.exe',
    ];
    return unique(exes.flatMap((exe) => roots.map((root) => path.win32.join(root, exe))));
  }
  // Stable Chrome and Edge first: their packages bring what their sandbox needs (a setuid
  // helper, an AppArmor profile on Ubuntu), where a distribution's or a CI image's Chromium may
  // not start its sandbox for a non-root user (GitHub's ubuntu-24.04 image has both).
  return [
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
}

const macTestingApp = [
  'Google Chrome for Testing.app',
  'Contents',
  'MacOS',
  'Google Chrome for Testing',
];

/** Browsers installed by `npx @puppeteer/browsers install … --path <cache>`, newest first. */
function puppeteerCacheCandidates(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
  listDir: (p: string) => string[],
): string[] {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const cache = env['PUPPETEER_CACHE_DIR'] || join(home, '.cache', 'puppeteer');
  const layouts: Record<string, [string, string[]][]> = {
    linux: [
      ['chrome-headless-shell', ['chrome-headless-shell-linux64', 'chrome-headless-shell']],
      ['chrome', ['chrome-linux64', 'chrome']],
    ],
    darwin: [
      ['chrome-headless-shell', ['chrome-headless-shell-mac-arm64', 'chrome-headless-shell']],
      ['chrome-headless-shell', ['chrome-headless-shell-mac-x64', 'chrome-headless-shell']],
      ['chrome', ['chrome-mac-arm64', ...macTestingApp]],
      ['chrome', ['chrome-mac-x64', ...macTestingApp]],
    ],
    win32: [
      ['chrome-headless-shell', ['chrome-headless-shell-win64', 'chrome-headless-shell.exe']],
      ['chrome', ['chrome-win64', 'chrome.exe']],
    ],
  };
  const out: string[] = [];
  for (const [product, rest] of layouts[platform] ?? layouts['linux'] ?? []) {
    const dir = join(cache, product);
    const versions = listDir(dir).sort(compareVersionsDescending);
    for (const version of versions) out.push(join(dir, version, ...rest));
  }
  return out;
}

/** `linux-131.0.6778.85` style folder names; the numerically highest version first. */
export function compareVersionsDescending(a: string, b: string): number {
  const nums = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (y[i] ?? -1) - (x[i] ?? -1);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeReadDir(p: string): string[] {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * The one command that installs a usable browser on this kind of machine. Debian's `chromium`
 * package is a real browser (with `chromium-sandbox`, its sandbox works for every user); it
 * needs root, so a non-root user is given `sudo …` where sudo exists, else `su -c '…'`.
 * Ubuntu's chromium is a snap shim that does not work in containers, so Ubuntu and everyone
 * else get Chrome's headless shell from the npm registry's tooling (see README.md for a mirror).
 */
export function browserInstallHint(
  platform: NodeJS.Platform = process.platform,
  osRelease: string | null = readOsRelease(platform),
  user: { isRoot: boolean; hasSudo: boolean } = currentUser(platform),
): string {
  if (platform === 'linux' && osRelease !== null && /^ID=["']?debian["']?$/m.test(osRelease)) {
    const apt = 'apt-get install -y chromium chromium-sandbox';
    if (user.isRoot) return apt;
    return user.hasSudo ? `sudo ${apt}` : `su -c '${apt}'`;
  }
  return 'npx @puppeteer/browsers install chrome-headless-shell@stable --path ~/.cache/puppeteer';
}

function currentUser(platform: NodeJS.Platform): { isRoot: boolean; hasSudo: boolean } {
  const isRoot = process.getuid?.() === 0;
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  const hasSudo = platform !== 'win32' && dirs.some((dir) => existsSync(path.join(dir, 'sudo')));
  return { isRoot, hasSudo };
}

/** The distribution's identity (Linux only), read where the sandbox hints need it. */
export function readOsRelease(platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return null;
  }
}

/**
 * `chromium --version`, or null when it cannot be told. On Windows `chrome.exe --version`
 * opens a browser window instead of printing, so it is not run there.
 */
export function browserVersion(
  executable: string,
  opts: { timeoutMs?: number; platform?: NodeJS.Platform } = {},
): Promise<string | null> {
  if ((opts.platform ?? process.platform) === 'win32') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(
      executable,
      ['--version'],
      { timeout: opts.timeoutMs ?? 5000, killSignal: 'SIGKILL', windowsHide: true },
      (error, stdout) => {
        const line = String(stdout).trim().split('\n').pop()?.trim() ?? '';
        resolve(error || line === '' ? null : line);
      },
    );
  });
}
