import { mkdir, readdir, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  cleanupTempFiles,
  liveTempFilePaths,
  writeFilesAtomic,
  type AtomicFs,
} from '../../src/infra/write-atomic.js';
import { makeTempDir } from './print-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  await cleanup();
});

async function listAll(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map(String).sort();
}

async function failing(err: unknown): Promise<ReportError> {
  expect(err).toBeInstanceOf(ReportError);
  return err as ReportError;
}

describe('writeFilesAtomic', () => {
  it('writes every file, creating missing parent directories', async () => {
    const html = path.join(dir, 'out', 'nested', 'report.html');
    const pdf = path.join(dir, 'out', 'nested', 'report.pdf');
    await writeFilesAtomic([
      { path: html, data: '<p>报告</p>' },
      { path: pdf, data: new Uint8Array([37, 80, 68, 70]) },
    ]);
    expect(await readFile(html, 'utf8')).toBe('<p>报告</p>');
    expect(await readFile(pdf, 'latin1')).toBe('%PDF');
    expect(await listAll(path.join(dir, 'out', 'nested'))).toEqual(['report.html', 'report.pdf']);
    expect(liveTempFilePaths()).toEqual([]);
  });

  it('replaces existing files and keeps their permissions', async () => {
    const target = path.join(dir, 'report.html');
    await writeFile(target, 'old');
    await chmod(target, 0o640);
    await writeFilesAtomic([{ path: target, data: 'new' }]);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('when one target is a directory, touches neither file and leaves no temp files', async () => {
    const html = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    await writeFile(html, 'OLD HTML');
    await mkdir(pdf);
    const err = await failing(
      await writeFilesAtomic([
        { path: html, data: 'NEW HTML' },
        { path: pdf, data: 'NEW PDF' },
      ]).catch((e: unknown) => e),
    );
    expect(err.code).toBe('OUTPUT_FAILED');
    expect(err.exitCode).toBe(5);
    expect(err.message).toContain(pdf);
    expect(err.message).toContain('EISDIR');
    expect(err.hint).toMatch(/is a directory/);
    expect(await readFile(html, 'utf8')).toBe('OLD HTML');
    expect(await listAll(dir)).toEqual(['report.html', 'report.pdf']);
  });

  it('a parent that is a file gives ENOTDIR with a hint', async () => {
    await writeFile(path.join(dir, 'file'), 'x');
    const err = await failing(
      await writeFilesAtomic([{ path: path.join(dir, 'file', 'report.pdf'), data: 'x' }]).catch(
        (e: unknown) => e,
      ),
    );
    expect(err.message).toMatch(/ENOTDIR/);
    expect(err.hint).toMatch(/is a file, not a directory/);
  });

  // Root ignores chmod, so read-only and full disks are injected through the fs seam.
  it.each([
    { code: 'ENOSPC', hint: /disk is full/ },
    { code: 'EROFS', hint: /read-only/ },
    { code: 'EACCES', hint: /may not write/ },
  ])(
    '$code while writing the second file leaves the first untouched and removes temps',
    async ({ code, hint }) => {
      const html = path.join(dir, 'report.html');
      const pdf = path.join(dir, 'report.pdf');
      await writeFile(html, 'OLD HTML');
      await writeFile(pdf, 'OLD PDF');
      const fs: AtomicFs = {
        ...fsp,
        open: (async (file: string, flags: string) => {
          const handle = await fsp.open(file, flags);
          if (!String(file).includes('report.pdf')) return handle;
          return Object.assign(Object.create(handle) as fsp.FileHandle, {
            writeFile: async () => {
              throw Object.assign(new Error(`${code}: simulated`), { code });
            },
            sync: () => handle.sync(),
            close: () => handle.close(),
          });
        }) as AtomicFs['open'],
      };
      const err = await failing(
        await writeFilesAtomic(
          [
            { path: html, data: 'NEW HTML' },
            { path: pdf, data: 'NEW PDF' },
          ],
          { fs },
        ).catch((e: unknown) => e),
      );
      expect(err.message).toContain(code);
      expect(err.message).toContain(pdf);
      expect(err.hint).toMatch(hint);
      expect(await readFile(html, 'utf8')).toBe('OLD HTML');
      expect(await readFile(pdf, 'utf8')).toBe('OLD PDF');
      expect(await listAll(dir)).toEqual(['report.html', 'report.pdf']);
      expect(liveTempFilePaths()).toEqual([]);
    },
  );

  it('retries a rename Windows refuses while a viewer holds the file', async () => {
    const target = path.join(dir, 'report.pdf');
    let refusals = 2;
    const fs: AtomicFs = {
      ...fsp,
      rename: async (from, to) => {
        if (refusals-- > 0)
          throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
        return fsp.rename(from, to);
      },
    };
    await writeFilesAtomic([{ path: target, data: 'x' }], { fs, platform: 'win32' });
    expect(await readFile(target, 'utf8')).toBe('x');
  });

  it('cleanupTempFiles removes files staged by a write still in progress', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fs: AtomicFs = {
      ...fsp,
      rename: async (from, to) => {
        await gate;
        return fsp.rename(from, to);
      },
    };
    const target = path.join(dir, 'report.pdf');
    const writing = writeFilesAtomic([{ path: target, data: 'x' }], { fs }).catch(
      (e: unknown) => e,
    );
    while (liveTempFilePaths().length === 0 || (await listAll(dir)).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await listAll(dir))[0]).toMatch(/^\.report-tmp-report\.pdf-/);
    cleanupTempFiles();
    expect(await listAll(dir)).toEqual([]);
    release();
    expect(await writing).toBeInstanceOf(ReportError);
    expect(await listAll(dir)).toEqual([]);
  });
});
