#!/usr/bin/env node
/**
 * Set-up step: make sure a Chromium-family browser exists for PDF output.
 * Fast and silent-ish when one is found; otherwise installs one:
 *   - Debian, as root: apt-get install -y chromium (apt-get update first when the lists are empty)
 *   - anywhere else:   npx @puppeteer/browsers install chrome-headless-shell@stable --path ~/.cache/puppeteer
 * Plain Node on purpose (runs before TypeScript is built); the search order mirrors
 * src/infra/find-browser.ts (keep the two in step).
 *
 * Usage: node scripts/ensure-browser.mjs [--dry-run]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dryRun = process.argv.includes('--dry-run');
const env = process.env;
const home = os.homedir();
const cacheDir = env.PUPPETEER_CACHE_DIR || path.join(home, '.cache', 'puppeteer');

function versionOf(executable) {
  if (process.platform === 'win32') return '';
  try {
    const out = execFileSync(executable, ['--version'], {
      timeout: 5000,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim().split('\n').pop() ?? '';
  } catch {
    return '';
  }
}

function listDir(dir) {
  try {
    return readdirSync(dir).sort((a, b) => {
      const x = a.match(/\d+/g)?.map(Number) ?? [];
      const y = b.match(/\d+/g)?.map(Number) ?? [];
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = (y[i] ?? -1) - (x[i] ?? -1);
        if (d !== 0) return d;
      }
      return 0;
    });
  } catch {
    return [];
  }
}

function candidates() {
  if (process.platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return [
      ...apps.map((a) => path.join('/Applications', a)),
      ...apps.map((a) => path.join(home, 'Applications', a)),
      ...cached('chrome-headless-shell', (v) => [
        path.join(v, 'chrome-headless-shell-mac-arm64', 'chrome-headless-shell'),
        path.join(v, 'chrome-headless-shell-mac-x64', 'chrome-headless-shell'),
      ]),
    ];
  }
  if (process.platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return [
      ...exes.flatMap((exe) => roots.map((root) => path.join(root, exe))),
      ...cached('chrome-headless-shell', (v) => [
        path.join(v, 'chrome-headless-shell-win64', 'chrome-headless-shell.exe'),
      ]),
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    ...cached('chrome-headless-shell', (v) => [
      path.join(v, 'chrome-headless-shell-linux64', 'chrome-headless-shell'),
    ]),
    ...cached('chrome', (v) => [path.join(v, 'chrome-linux64', 'chrome')]),
  ];
}

function cached(product, layout) {
  const dir = path.join(cacheDir, product);
  return listDir(dir).flatMap((version) => layout(path.join(dir, version)));
}

function find() {
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (!existsSync(value)) {
      console.error(`ensure-browser: ${name}=${value} does not exist. Fix or unset it.`);
      process.exit(1);
    }
    return { path: value, source: name };
  }
  const found = candidates().find((p) => existsSync(p));
  return found ? { path: found, source: 'installed' } : null;
}

function report(found) {
  const version = versionOf(found.path);
  console.log(
    `ensure-browser: using ${found.path} (${found.source})${version ? `: ${version}` : ''}`,
  );
}

function isDebian() {
  try {
    return /^ID=["']?debian["']?$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function run(command, args) {
  console.log(`ensure-browser: ${command} ${args.join(' ')}`);
  if (dryRun) return true;
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}

/** The test suite reads PDFs the way a viewer does, with poppler-utils (pdftotext, pdffonts). */
function ensurePoppler() {
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined) return;
  if (process.platform === 'linux' && process.getuid?.() === 0 && isDebian()) {
    const lists = listDir('/var/lib/apt/lists').filter((f) => f.endsWith('Packages'));
    if (lists.length > 0 || run('apt-get', ['update'])) {
      run('apt-get', ['install', '-y', '--no-install-recommends', 'poppler-utils']);
    }
  } else {
    console.log(
      'ensure-browser: the tests need poppler-utils (pdftotext); install it with your package manager.',
    );
  }
}
ensurePoppler();

const existing = find();
if (existing) {
  report(existing);
  process.exit(0);
}

console.log('ensure-browser: no Chromium, Chrome or Edge found; installing one.');
let ok;
if (process.platform === 'linux' && process.getuid?.() === 0 && isDebian()) {
  const lists = listDir('/var/lib/apt/lists').filter((f) => f.endsWith('Packages'));
  ok =
    (lists.length > 0 || run('apt-get', ['update'])) &&
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
} else {
  ok = run('npx', [
    '--yes',
    '@puppeteer/browsers',
    'install',
    'chrome-headless-shell@stable',
    '--path',
    cacheDir,
  ]);
}
if (dryRun) process.exit(0);
const installed = ok ? find() : null;
if (!installed) {
  console.error(
    'ensure-browser: installing a browser failed. Install Chromium yourself, or set ' +
      'PUPPETEER_EXECUTABLE_PATH to an existing Chrome/Chromium.',
  );
  process.exit(1);
}
report(installed);
if (installed.path.startsWith(cacheDir)) {
  console.log(`ensure-browser: installed into ${cacheDir}; report finds it there automatically.`);
}
