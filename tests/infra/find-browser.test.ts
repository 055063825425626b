import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  browserInstallHint,
  browserVersion,
  compareVersionsDescending,
  findBrowser,
} from '../../src/infra/find-browser.js';
import { CHROMIUM, makeTempDir } from './print-helpers.js';

const on =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);
const noDirs = () => [];

describe('findBrowser', () => {
  const cases: {
    name: string;
    flag?: string;
    env?: Record<string, string>;
    present: string[];
    platform?: NodeJS.Platform;
    dirs?: Record<string, string[]>;
    want: { path: string; source: string } | null;
  }[] = [
    {
      name: 'the --chrome flag wins over env and system installs',
      flag: '/opt/my/chrome',
      env: { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' },
      present: ['/opt/my/chrome', '/env/chrome', '/usr/bin/chromium'],
      want: { path: '/opt/my/chrome', source: '--chrome flag' },
    },
    {
      name: 'PUPPETEER_EXECUTABLE_PATH before CHROME_PATH',
      env: { PUPPETEER_EXECUTABLE_PATH: '/a/chrome', CHROME_PATH: '/b/chrome' },
      present: ['/a/chrome', '/b/chrome'],
      want: { path: '/a/chrome', source: 'PUPPETEER_EXECUTABLE_PATH' },
    },
    {
      name: 'CHROME_PATH when it is the only variable',
      env: { CHROME_PATH: '/b/chrome' },
      present: ['/b/chrome', '/usr/bin/chromium'],
      want: { path: '/b/chrome', source: 'CHROME_PATH' },
    },
    {
      name: 'an empty env var is ignored',
      env: { PUPPETEER_EXECUTABLE_PATH: '' },
      present: ['/usr/bin/chromium'],
      want: { path: '/usr/bin/chromium', source: 'system install' },
    },
    {
      name: 'CHROME_BIN (set on GitHub runners) when the others are unset',
      env: { CHROME_BIN: '/usr/bin/google-chrome' },
      present: ['/usr/bin/google-chrome', '/usr/bin/chromium'],
      want: { path: '/usr/bin/google-chrome', source: 'CHROME_BIN' },
    },
    {
      name: 'CHROME_PATH before CHROME_BIN',
      env: { CHROME_PATH: '/b/chrome', CHROME_BIN: '/c/chrome' },
      present: ['/b/chrome', '/c/chrome'],
      want: { path: '/b/chrome', source: 'CHROME_PATH' },
    },
    {
      name: "stable Google Chrome before a distribution's Chromium (GitHub's ubuntu-24.04 image)",
      present: ['/usr/bin/google-chrome', '/usr/bin/chromium', '/usr/bin/microsoft-edge'],
      want: { path: '/usr/bin/google-chrome', source: 'system install' },
    },
    {
      name: 'Edge before Chromium on Linux',
      present: ['/usr/bin/microsoft-edge-stable', '/usr/bin/chromium'],
      want: { path: '/usr/bin/microsoft-edge-stable', source: 'system install' },
    },
    {
      name: 'Debian chromium when it is the only browser',
      present: ['/usr/bin/chromium'],
      want: { path: '/usr/bin/chromium', source: 'system install' },
    },
    {
      name: 'Ubuntu chromium-browser',
      present: ['/usr/bin/chromium-browser'],
      want: { path: '/usr/bin/chromium-browser', source: 'system install' },
    },
    {
      name: 'snap chromium',
      present: ['/snap/bin/chromium'],
      want: { path: '/snap/bin/chromium', source: 'system install' },
    },
    {
      name: 'Edge on Linux',
      present: ['/usr/bin/microsoft-edge'],
      want: { path: '/usr/bin/microsoft-edge', source: 'system install' },
    },
    {
      name: "puppeteer's cache, newest version first",
      present: [
        '/home/u/.cache/puppeteer/chrome/linux-99.0.1.2/chrome-linux64/chrome',
        '/home/u/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome',
      ],
      dirs: { '/home/u/.cache/puppeteer/chrome': ['linux-99.0.1.2', 'linux-131.0.6778.85'] },
      want: {
        path: '/home/u/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome',
        source: 'puppeteer cache',
      },
    },
    {
      name: 'chrome-headless-shell in the cache',
      present: [
        '/home/u/.cache/puppeteer/chrome-headless-shell/linux-131.0.1.1/chrome-headless-shell-linux64/chrome-headless-shell',
      ],
      dirs: { '/home/u/.cache/puppeteer/chrome-headless-shell': ['linux-131.0.1.1'] },
      want: {
        path: '/home/u/.cache/puppeteer/chrome-headless-shell/linux-131.0.1.1/chrome-headless-shell-linux64/chrome-headless-shell',
        source: 'puppeteer cache',
      },
    },
    {
      name: 'PUPPETEER_CACHE_DIR moves the cache',
      env: { PUPPETEER_CACHE_DIR: '/cache' },
      present: ['/cache/chrome/linux-1.2.3/chrome-linux64/chrome'],
      dirs: { '/cache/chrome': ['linux-1.2.3'] },
      want: { path: '/cache/chrome/linux-1.2.3/chrome-linux64/chrome', source: 'puppeteer cache' },
    },
    {
      name: 'macOS Google Chrome app bundle',
      platform: 'darwin',
      present: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
      want: {
        path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        source: 'system install',
      },
    },
    {
      name: 'macOS per-user Chromium',
      platform: 'darwin',
      present: ['/home/u/Applications/Chromium.app/Contents/MacOS/Chromium'],
      want: {
        path: '/home/u/Applications/Chromium.app/Contents/MacOS/Chromium',
        source: 'system install',
      },
    },
    {
      name: 'Windows Chrome in Program Files',
      platform: 'win32',
      env: { PROGRAMFILES: 'C:\\Program Files' },
      present: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
      want: {
        path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        source: 'system install',
      },
    },
    {
      name: 'Windows Edge (preinstalled) before a Chromium',
      platform: 'win32',
      env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' },
      present: [
        'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        'C:\\Users\\u\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      ],
      want: {
        path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        source: 'system install',
      },
    },
    {
      name: 'Windows Edge when Chrome is absent',
      platform: 'win32',
      env: { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' },
      present: ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
      want: {
        path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        source: 'system install',
      },
    },
    { name: 'nothing installed', present: [], want: null },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const found = findBrowser({
        ...(c.flag === undefined ? {} : { flag: c.flag }),
        env: c.env ?? {},
        exists: on(...c.present),
        listDir: (p) => c.dirs?.[p] ?? noDirs(),
        platform: c.platform ?? 'linux',
        home: '/home/u',
      });
      expect(found).toEqual(c.want);
    });
  }

  it.each([
    { flag: '/nope/chrome', env: {}, source: '--chrome flag' },
    {
      flag: undefined,
      env: { PUPPETEER_EXECUTABLE_PATH: '/nope/chrome' },
      source: 'PUPPETEER_EXECUTABLE_PATH',
    },
    { flag: undefined, env: { CHROME_PATH: '/nope/chrome' }, source: 'CHROME_PATH' },
    { flag: undefined, env: { CHROME_BIN: '/nope/chrome' }, source: 'CHROME_BIN' },
  ])(
    'a missing explicit path from $source is an error, not a fallback',
    ({ flag, env, source }) => {
      const attempt = () =>
        findBrowser({
          ...(flag === undefined ? {} : { flag }),
          env,
          exists: on('/usr/bin/chromium'),
          listDir: noDirs,
          platform: 'linux',
          home: '/home/u',
        });
      expect(attempt).toThrow(ReportError);
      try {
        attempt();
      } catch (error) {
        const e = error as ReportError;
        expect(e.code).toBe('BROWSER_NOT_FOUND');
        expect(e.exitCode).toBe(4);
        expect(e.message).toContain('/nope/chrome');
        expect(e.message).toContain(source);
        expect(e.hint).toMatch(/install/);
      }
    },
  );

  it('finds the real Chromium on this machine', () => {
    expect(findBrowser({ env: {} })?.path).toBe(CHROMIUM);
  });
});

describe('browserInstallHint', () => {
  const debian = 'PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n';
  const download =
    'npx @puppeteer/browsers install chrome-headless-shell@stable --path ~/.cache/puppeteer';
  it.each([
    {
      name: 'Debian as root: apt, with the sandbox helper',
      platform: 'linux',
      osRelease: debian,
      user: { isRoot: true, hasSudo: false },
      want: 'apt-get install -y chromium chromium-sandbox',
    },
    {
      name: 'Debian, a user with sudo',
      platform: 'linux',
      osRelease: debian,
      user: { isRoot: false, hasSudo: true },
      want: 'sudo apt-get install -y chromium chromium-sandbox',
    },
    {
      name: 'Debian, a user on a machine without sudo',
      platform: 'linux',
      osRelease: debian,
      user: { isRoot: false, hasSudo: false },
      want: "su -c 'apt-get install -y chromium chromium-sandbox'",
    },
    {
      name: 'Ubuntu',
      platform: 'linux',
      osRelease: 'ID=ubuntu\nID_LIKE=debian\n',
      user: { isRoot: false, hasSudo: true },
      want: download,
    },
    { name: 'macOS', platform: 'darwin', osRelease: null, user: undefined, want: download },
    { name: 'Windows', platform: 'win32', osRelease: null, user: undefined, want: download },
  ] as const)('$name', ({ platform, osRelease, user, want }) => {
    expect(browserInstallHint(platform, osRelease, user)).toBe(want);
  });
});

describe('browserVersion', () => {
  it('reads the real Chromium version', async () => {
    expect(await browserVersion(CHROMIUM)).toMatch(/^Chromium \d+\.\d+/);
  });
  it('is null for something that is not a browser', async () => {
    expect(await browserVersion('/nonexistent/chrome')).toBeNull();
    expect(await browserVersion('/bin/false')).toBeNull();
  });
  it('gives up after the timeout when the binary hangs', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const stub = path.join(dir, 'hanging-chrome');
      await writeFile(stub, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
      expect(await browserVersion(stub, { timeoutMs: 300 })).toBeNull();
    } finally {
      await cleanup();
    }
  });
});

describe('compareVersionsDescending', () => {
  it('orders numerically, not as text', () => {
    expect(
      ['linux-99.0.1', 'linux-131.0.2', 'linux-131.0.10'].sort(compareVersionsDescending),
    ).toEqual(['linux-131.0.10', 'linux-131.0.2', 'linux-99.0.1']);
  });
});
