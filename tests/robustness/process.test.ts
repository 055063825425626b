/**
 * The build as a process among others (catalogue rows R7, R10, R12): killed outright it leaves
 * no Chromium behind; with almost no shared memory, or without any network, it still builds the
 * whole report.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, poppler, startCli, tempDir } from '../e2e/cli.js';
import { canUnshare, processesWith, sleep, waitForChromium } from './helpers.js';

describe('R10: SIGKILL of the report process', () => {
  it('leaves no Chromium running (the browser is tied to the pipe, not a socket)', async () => {
    const dir = tempDir('minimal');
    const { child, done } = startCli(['build', '2015'], { cwd: dir });
    // Killed the moment its Chromium is seen (read from /proc, so running then): any check in
    // between lets a small build on a busy machine finish first.
    const chromium = await waitForChromium(child.pid as number);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    // Chromium exits when it reads the end of its pipe; the test's own timeout bounds the wait.
    while (processesWith(chromium.profile).length > 0) await sleep(100);
    // A killed process cannot clean up: its profile folder is left behind, so remove it here.
    rmSync(chromium.profile, { recursive: true, force: true });
  });
});

// One build stands for both rows: they are conditions the same container often has, and a
// build of the minimal report is what each needs to show.
describe.skipIf(!canUnshare('-n') || !canUnshare('-m'))(
  'R12 and R7: no network at all (a fresh network namespace) and a tiny /dev/shm',
  () => {
    it('builds the HTML and the PDF with nothing but local files and a 64 KB /dev/shm', () => {
      const dir = tempDir('minimal');
      const result = spawnSync(
        'unshare',
        [
          '-n',
          '-m',
          'sh',
          '-c',
          'mount -t tmpfs -o size=64k tmpfs /dev/shm && exec "$NODE" "$BIN" build 2015 --quiet',
        ],
        {
          cwd: dir,
          encoding: 'utf8',
          timeout: 90_000,
          env: { ...process.env, NODE: process.execPath, BIN },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toMatch(/<\/html>\s*$/);
      expect(poppler('pdfinfo', join(dir, 'out/2015/report.pdf'))).toMatch(/^Pages:\s+[1-9]/m);
    });
  },
);
