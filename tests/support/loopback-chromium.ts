/**
 * A Chromium started on this machine with its DevTools endpoint on loopback, standing in for a
 * remote browser pool (`--browser-url`). It gets the arguments a local print launches with
 * (puppeteer's defaults plus src/infra/chromium-printer.ts `chromiumArgs`), so its PDFs can be
 * compared byte for byte with local ones. The endpoint is read from its stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from '../../src/infra/chromium-printer.js';

export const CHROMIUM = '/usr/bin/chromium';

export interface LoopbackChromium {
  /** ws://127.0.0.1:<port>/devtools/browser/<id> */
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startLoopbackChromium(): Promise<LoopbackChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'report-loopback-'));
  const args = puppeteer.defaultArgs({
    headless: true,
    userDataDir: profile,
    args: chromiumArgs({ isRoot: process.getuid?.() === 0, env: process.env }),
  });
  const child = spawn(
    CHROMIUM,
    [...args, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TMPDIR: profile },
      // A process group of its own, so that stop() kills its helper processes with it.
      detached: true,
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${seen}`)));
  });
  child.stderr?.resume();
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // The browser with its zygotes, renderers and utility processes: killed alone, it could
        // leave them writing to the profile, whose removal (retried 20 times) once took 21 s.
        process.kill(-(child.pid as number), 'SIGKILL');
        await exited;
      }
      // A helper may still be exiting for a moment; a temp folder left behind then is no test
      // failure.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        // left for the system's temp cleaning
      }
    },
  };
}
