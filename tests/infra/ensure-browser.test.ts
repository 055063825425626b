import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxlessBrowser } from '../support/browsers.js';
import { CHROMIUM } from './print-helpers.js';

const script = 'scripts/ensure-browser.mjs';

function run(env: Record<string, string | undefined>, args: string[] = []) {
  return spawnSync(process.execPath, [script, ...args], {
    env: {
      ...process.env,
      PUPPETEER_EXECUTABLE_PATH: undefined,
      CHROME_PATH: undefined,
      CHROME_BIN: undefined,
      ...env,
    },
    encoding: 'utf8',
  });
}

describe('scripts/ensure-browser.mjs', () => {
  it('finds the installed Chromium, makes it print a test page, and installs nothing', () => {
    const r = run({});
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `${CHROMIUM}[（(]system install[，,] ?Chromium \\d+.*(1-page test PDF|试打印 1 页)`,
      ),
    );
    expect(r.stdout).not.toMatch(/installing|正在用 apt-get 安装/);
  });

  it('honours PUPPETEER_EXECUTABLE_PATH', () => {
    const r = run({ PUPPETEER_EXECUTABLE_PATH: CHROMIUM });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${CHROMIUM}[（(]PUPPETEER_EXECUTABLE_PATH`));
  });

  it('a browser that exists but cannot start its sandbox fails the set-up with the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-ensure-'));
    const r = run({ CHROME_PATH: sandboxlessBrowser(dir) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No usable sandbox!');
    expect(r.stderr).toContain('apt-get install -y chromium-sandbox');
    expect(r.stderr).toContain('REPORT_NO_SANDBOX=1');
  });

  it('fails on an explicit path that does not exist instead of installing', () => {
    const r = run({ CHROME_PATH: '/nonexistent/chrome' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CHROME_PATH does not exist: /nonexistent/chrome');
  });
});
