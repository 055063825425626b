/**
 * Shared pieces of the robustness tests (docs/robustness.md): a loopback server that counts
 * every request, the Chromium a CLI process started, and checks for what this machine allows
 * (root, Linux namespaces, strace) so a test that needs them skips instead of failing elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const CANARY = 'CANARY-5c21e8-SECRET';

/** An HTTP server on 127.0.0.1 that answers every request with the canary and records its path. */
export interface Canary {
  origin: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startCanaryServer(): Promise<Canary> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end(`${CANARY} body::after{content:"${CANARY}"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Chromium a CLI process started (its direct child with a --user-data-dir), once running. */
export async function waitForChromium(
  parent: number,
  timeoutMs = 20_000,
): Promise<{ pid: number; profile: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const child of childPids(parent)) {
      try {
        const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
        const profile = cmdline.find((arg) => arg.startsWith('--user-data-dir='));
        if (profile) return { pid: child, profile: profile.slice('--user-data-dir='.length) };
      } catch {
        // the process ended between listing and reading
      }
    }
    await sleep(50);
  }
  throw new Error('Chromium did not start');
}

export function childPids(parent: number): number[] {
  return spawnSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
}

/** Processes whose command line contains `marker` (not this test process). */
export function processesWith(marker: string): number[] {
  return spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Root with the right to make mount and network namespaces (a CI container may lack either). */
export function canUnshare(flag: '-m' | '-n'): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('unshare', [flag, 'true']).status === 0;
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Replaces the opening of the narrative in a data folder made by tempDir('minimal'). */
export function setOpening(dir: string, lines: string[]): void {
  const narrative = join(dir, 'data/2015/narrative.yaml');
  const block = lines.map((line) => `  ${line}\n\n`).join('');
  writeFileSync(
    narrative,
    readFileSync(narrative, 'utf8').replace(/^opening: \|\n/m, `opening: |\n${block}`),
  );
}
