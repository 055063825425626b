/**
 * Writing the outputs when the file system is against us (catalogue rows O1, O2, O4): a
 * read-only or full disk, a target Windows keeps locked. Real mounts are made in a private mount
 * namespace (root only); elsewhere those tests skip and tests/infra/write-atomic.test.ts covers
 * the same errors through its fs seam. Two writes at once (O3) and a temp folder on another
 * device (O5): tests/infra/write-atomic-races.test.ts. The builds make HTML only: the PDF is
 * written by the same code as the other files (a year's files are staged, then committed), and
 * printing it would only make these tests slower.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  liveTempFilePaths,
  writeFilesAtomic,
  type AtomicFs,
} from '../../src/infra/write-atomic.js';
import { BIN, tempDir } from '../e2e/cli.js';
import { canUnshare } from './helpers.js';

const TEMP = /^\.report-tmp-/;

function previousOutputs(out: string): void {
  mkdirSync(join(out, '2015'), { recursive: true });
  writeFileSync(join(out, '2015/report.pdf'), 'previous pdf');
  writeFileSync(join(out, '2015/report.html'), 'previous html');
}

/** Runs `script` with sh in a private mount namespace; $BIN and $NODE point at the CLI. */
function inMountNamespace(script: string, cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync('unshare', ['-m', 'sh', '-c', script], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env, BIN, NODE: process.execPath },
  });
  const code = /^exit=(\d+)$/m.exec(result.stdout)?.[1];
  return { ...result, code: code === undefined ? null : Number(code) };
}

function pages(bytes: number): number {
  return Math.ceil(bytes / 4096);
}

describe.skipIf(!canUnshare('-m'))('a read-only or full output folder (real mounts)', () => {
  it('O1: read-only --out: exit 5 naming EROFS and what to do, previous outputs untouched', () => {
    const dir = tempDir('minimal');
    const out = join(dir, 'out');
    previousOutputs(out);
    const result = inMountNamespace(
      'set -e; mount --bind "$OUT" "$OUT"; mount -o remount,bind,ro "$OUT"; set +e; ' +
        '"$NODE" "$BIN" build 2015 --format html --out "$OUT" --lang en; echo "exit=$?"',
      dir,
      { OUT: out },
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('EROFS');
    expect(result.stderr).toMatch(/read-only file system; choose another --out/);
    expect(readFileSync(join(out, '2015/report.pdf'), 'utf8')).toBe('previous pdf');
    expect(readFileSync(join(out, '2015/report.html'), 'utf8')).toBe('previous html');
    expect(readdirSync(join(out, '2015'))).toEqual(['report.html', 'report.pdf']);
  });

  it('O2: disk full while the outputs are written: exit 5, temp files gone, previous outputs intact', () => {
    const dir = tempDir('minimal');
    // Room for the previous files and the new HTML, staged first, but not for any chart after it.
    const measured = join(dir, 'measured');
    expect(
      spawnSync(process.execPath, [BIN, 'build', '2015', '--format', 'html', '--out', measured], {
        cwd: dir,
      }).status,
    ).toBe(0);
    const charts = readdirSync(join(measured, '2015/charts')).map((f) =>
      pages(statSync(join(measured, '2015/charts', f)).size),
    );
    const spare = 2;
    expect(Math.min(...charts)).toBeGreaterThan(spare);
    const size = (pages(statSync(join(measured, '2015/report.html')).size) + 2 + spare) * 4096;
    const out = join(dir, 'out');
    mkdirSync(out);
    const result = inMountNamespace(
      'set -e; mount -t tmpfs -o size=$SIZE tmpfs "$OUT"; mkdir -p "$OUT/2015"; ' +
        'printf "previous pdf" > "$OUT/2015/report.pdf"; printf "previous html" > "$OUT/2015/report.html"; set +e; ' +
        '"$NODE" "$BIN" build 2015 --format html --out "$OUT" --lang en; echo "exit=$?"; ' +
        'echo "files=$(ls -A "$OUT/2015" | tr "\\n" " ")"; echo "pdf=$(cat "$OUT/2015/report.pdf")"; ' +
        'echo "html=$(cat "$OUT/2015/report.html")"',
      dir,
      { OUT: out, SIZE: String(size) },
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/Cannot write \S*charts\/\S+\.svg: ENOSPC/);
    expect(result.stderr).toContain('The disk is full');
    expect(result.stdout).toMatch(/^pdf=previous pdf$/m);
    expect(result.stdout).toMatch(/^html=previous html$/m);
    const files = /^files=(.*)$/m.exec(result.stdout)?.[1]?.trim().split(' ') ?? [];
    expect(files.filter((f) => TEMP.test(f))).toEqual([]);
  });
});

describe('a target that Windows keeps locked (O4)', () => {
  it('retries with backoff, then fails with "close it", and removes the temp files', async () => {
    const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'report-o4-'));
    try {
      const pdf = join(dir, 'report.pdf');
      writeFileSync(pdf, 'previous pdf');
      let attempts = 0;
      const fs: AtomicFs = {
        ...fsp,
        // A file held open on Windows can be neither replaced nor moved.
        rename: async (from, to) => {
          if (String(to) === pdf || String(from) === pdf) {
            attempts++;
            throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
          }
          return fsp.rename(from, to);
        },
      };
      const started = Date.now();
      const error = await writeFilesAtomic([{ path: pdf, data: 'new pdf' }], {
        fs,
        platform: 'win32',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportError);
      expect(error).toMatchObject({ code: 'OUTPUT_FAILED', exitCode: 5 });
      expect((error as ReportError).message).toContain('EPERM');
      expect((error as ReportError).hint).toMatch(/close it if it is open in a viewer/);
      expect(attempts).toBeGreaterThan(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(readFileSync(pdf, 'utf8')).toBe('previous pdf');
      expect(readdirSync(dir)).toEqual(['report.pdf']);
      expect(liveTempFilePaths()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
