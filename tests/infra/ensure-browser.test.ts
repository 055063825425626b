import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from './print-helpers.js';

const script = 'scripts/ensure-browser.mjs';

function run(env: Record<string, string | undefined>, args: string[] = []) {
  return spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: undefined, CHROME_PATH: undefined, ...env },
    encoding: 'utf8',
  });
}

describe('scripts/ensure-browser.mjs', () => {
  it('finds the installed Chromium and installs nothing', () => {
    const r = run({});
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`using ${CHROMIUM}`);
    expect(r.stdout).toMatch(/Chromium \d+/);
    expect(r.stdout).not.toMatch(/installing/);
  });

  it('honours PUPPETEER_EXECUTABLE_PATH', () => {
    const r = run({ PUPPETEER_EXECUTABLE_PATH: CHROMIUM });
    expect(r.stdout).toContain(`using ${CHROMIUM} (PUPPETEER_EXECUTABLE_PATH)`);
  });

  it('fails on an explicit path that does not exist instead of installing', () => {
    const r = run({ CHROME_PATH: '/nonexistent/chrome' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CHROME_PATH does not exist: /nonexistent/chrome');
  });
});
