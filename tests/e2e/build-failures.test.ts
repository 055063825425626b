/**
 * A build interrupted with the real CLI and Chromium: the right exit code, no browser left
 * behind, and nothing lost: the previous report.pdf and report.html stay as they were. How the
 * other failures are reported (no browser, a print or a write that fails, bad data or template,
 * usage) is tested through the pipeline's ports in tests/pipeline/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, tempDir } from './cli.js';

function previousOutputs(dir: string): void {
  mkdirSync(join(dir, 'out/2015'), { recursive: true });
  writeFileSync(join(dir, 'out/2015/report.pdf'), 'previous pdf');
  writeFileSync(join(dir, 'out/2015/report.html'), 'previous html');
}

function expectPreviousOutputsIntact(dir: string): void {
  expect(readFileSync(join(dir, 'out/2015/report.pdf'), 'utf8')).toBe('previous pdf');
  expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toBe('previous html');
  expect(readdirSync(join(dir, 'out/2015')).filter((f) => f.startsWith('.report-tmp-'))).toEqual(
    [],
  );
}

const pause = () => new Promise((r) => setTimeout(r, 50));

/** The Chromium started by a CLI process (its direct child), or null while there is none. */
function chromiumOf(parent: number): { pid: number; profile: string } | null {
  const children = spawnSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  for (const child of children) {
    try {
      const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      const profile = cmdline.find((arg) => arg.startsWith('--user-data-dir='));
      if (profile) return { pid: Number(child), profile: profile.slice('--user-data-dir='.length) };
    } catch {
      // the process ended between listing and reading
    }
  }
  return null;
}

/** Polls until the CLI has started Chromium; the test's own timeout bounds the wait. */
async function waitForChromium(parent: number): Promise<{ pid: number; profile: string }> {
  for (;;) {
    const found = chromiumOf(parent);
    if (found) return found;
    await pause();
  }
}

function processesWith(marker: string): string[] {
  return spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
}

describe('report build when something goes wrong', () => {
  // SIGTERM (exit 143) mid-print: tests/infra/interrupt.test.ts, with the real Chromium.
  it.each([['SIGINT', 130]] as const)(
    '%s during a build stops Chromium, keeps the previous outputs and exits %i',
    async (signal, code) => {
      const dir = tempDir('minimal');
      previousOutputs(dir);
      const { child, done } = startCli(['build', '2015'], { cwd: dir });
      const chromium = await waitForChromium(child.pid as number);
      child.kill(signal);
      const result = await done;
      expect(result.code).toBe(code);
      // Its processes were killed before the exit; the last ones may take a moment to vanish.
      while (processesWith(chromium.profile).length > 0) await pause();
      expect(existsSync(chromium.profile)).toBe(false);
      expectPreviousOutputsIntact(dir);
    },
  );
});
