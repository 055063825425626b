/** Runs the real CLI (bin/report.js over dist/) as a user would, in a child process. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/report.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A build runs with --quiet unless the test asks for progress (`progress: true`): its stderr then
 * holds only what went wrong, which is what most tests read.
 */
export function startCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; progress?: boolean } = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const quiet =
    args[0] === 'build' &&
    options.progress !== true &&
    !args.includes('--quiet') &&
    !args.includes('-q');
  const child = spawn(process.execPath, [BIN, ...args, ...(quiet ? ['--quiet'] : [])], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolveDone) =>
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; progress?: boolean } = {},
): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A fresh temp folder; with `fixture`, a copy of tests/fixtures/data/<fixture> in it as data/. */
export function tempDir(fixture?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-e2e-'));
  if (fixture)
    cpSync(join(ROOT, 'tests/fixtures/data', fixture), join(dir, 'data'), { recursive: true });
  return dir;
}

/** pdftotext / pdffonts / pdfinfo output (poppler-utils, as a user's viewer reads the PDF). */
export function poppler(
  tool: 'pdftotext' | 'pdffonts' | 'pdfinfo',
  file: string,
  extra: string[] = [],
): string {
  const args = tool === 'pdftotext' ? [...extra, file, '-'] : [...extra, file];
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

/** Chromium processes whose command line mentions `marker` (e.g. the run's profile folder). */
export function chromiumProcesses(marker = 'report-chromium-'): number[] {
  const result = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}
