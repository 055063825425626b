#!/usr/bin/env node
/**
 * Set-up step: make sure a Chromium-family browser exists for PDF output.
 * Fast and silent-ish when one is found; otherwise installs one:
 *   - Debian, as root: apt-get install -y chromium (apt-get update first when the lists are empty)
 *   - anywhere else:   npx @puppeteer/browsers install chrome-headless-shell@stable --path ~/.cache/puppeteer
 * It runs after `npm ci`, which builds dist/, and searches exactly where `report` does.
 *
 * Usage: node scripts/ensure-browser.mjs [--dry-run]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dryRun = process.argv.includes('--dry-run');
const env = process.env;
const home = os.homedir();
const cacheDir = env.PUPPETEER_CACHE_DIR || path.join(home, '.cache', 'puppeteer');

/** The same search as `report` itself (src/infra/find-browser.ts, built by `npm ci`). */
const { findBrowser, browserVersion } = await import('../dist/infra/find-browser.js').catch(() => {
  console.error('ensure-browser: run `npm ci` first (it builds dist/).');
  process.exit(1);
});

function find() {
  try {
    return findBrowser({ env });
  } catch (error) {
    console.error(`ensure-browser: ${error.message}. Fix or unset it.`);
    process.exit(1);
  }
}

async function report(found) {
  const version = await browserVersion(found.path);
  console.log(
    `ensure-browser: using ${found.path} (${found.source})${version ? `: ${version}` : ''}`,
  );
}

function listDir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
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
  await report(existing);
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
await report(installed);
if (installed.path.startsWith(cacheDir)) {
  console.log(`ensure-browser: installed into ${cacheDir}; report finds it there automatically.`);
}
