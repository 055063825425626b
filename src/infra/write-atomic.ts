/**
 * Write a set of output files all-or-nothing (as far as a file system allows): every file is
 * staged as a temp file beside its target and flushed, and only when all are staged are they
 * renamed into place. A failed PDF step therefore leaves the previous HTML and PDF untouched.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { ReportError } from '../errors.js';

export interface OutputFile {
  path: string;
  data: Uint8Array | string;
}

/** The file-system calls used, so tests can inject faults a root user cannot provoke (EROFS, ENOSPC). */
export interface AtomicFs {
  mkdir: typeof fsp.mkdir;
  open: typeof fsp.open;
  stat: typeof fsp.stat;
  chmod: typeof fsp.chmod;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

const liveTempFiles = new Set<string>();

export const TEMP_PREFIX = '.report-tmp-';

export async function writeFilesAtomic(
  files: OutputFile[],
  deps: { fs?: AtomicFs; platform?: NodeJS.Platform } = {},
): Promise<void> {
  const fs = deps.fs ?? fsp;
  const staged: { temp: string; target: string; existed: boolean }[] = [];
  /** Targets already replaced, with where their previous version was moved (null: new file). */
  const replaced: { target: string; backup: string | null }[] = [];
  const platform = deps.platform ?? process.platform;
  let current = '';
  try {
    for (const file of files) {
      current = file.path;
      const target = path.resolve(file.path);
      const mode = await existingMode(fs, target);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = tempPath(target);
      liveTempFiles.add(temp);
      staged.push({ temp, target, existed: mode !== undefined });
      await writeAndFlush(fs, temp, file.data);
      if (mode !== undefined) await fs.chmod(temp, mode);
    }
    // The previous version of each target is moved aside first, so that if any rename fails
    // (a PDF held open on Windows) every file already replaced can be put back.
    for (const { temp, target, existed } of staged) {
      current = target;
      const backup = existed ? tempPath(target) : null;
      if (backup !== null) {
        await renameWithRetry(fs, target, backup, platform);
        liveTempFiles.add(backup);
      }
      replaced.push({ target, backup });
      await renameWithRetry(fs, temp, target, platform);
      liveTempFiles.delete(temp);
    }
  } catch (error) {
    const kept: string[] = [];
    for (const { target, backup } of replaced.reverse()) {
      if (backup === null) {
        await fs.rm(target, { force: true }).catch(() => undefined);
        continue;
      }
      // If the previous version cannot be put back it is the only copy: keep it, and say where.
      await fs.rename(backup, target).catch(() => kept.push(backup));
      liveTempFiles.delete(backup);
    }
    await Promise.all(
      staged.map(async ({ temp }) => {
        if (!liveTempFiles.has(temp)) return;
        await fs.rm(temp, { force: true }).catch(() => undefined);
        liveTempFiles.delete(temp);
      }),
    );
    const failure = outputError(current, error);
    if (kept.length === 0) throw failure;
    throw new ReportError(
      'OUTPUT_FAILED',
      `${failure.message}; the previous version could not be put back and is kept as ${kept.join(', ')}`,
      failure.hint === undefined ? {} : { hint: failure.hint },
    );
  }
  await Promise.all(
    replaced.map(async ({ backup }) => {
      if (backup === null) return;
      await fs.rm(backup, { force: true }).catch(() => undefined);
      liveTempFiles.delete(backup);
    }),
  );
}

function tempPath(target: string): string {
  const name = `${TEMP_PREFIX}${path.basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  return path.join(path.dirname(target), name);
}

/** Stat the target: a directory in the way must fail before anything is renamed. */
async function existingMode(fs: AtomicFs, target: string): Promise<number | undefined> {
  try {
    const st = await fs.stat(target);
    if (st.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, '${target}'`), {
        code: 'EISDIR',
      });
    }
    return st.mode & 0o7777;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAndFlush(fs: AtomicFs, temp: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Windows refuses to replace a file a viewer or virus scanner holds open, often only briefly. */
async function renameWithRetry(
  fs: AtomicFs,
  from: string,
  to: string,
  platform: NodeJS.Platform,
): Promise<void> {
  const delays = platform === 'win32' ? [50, 100, 200, 400, 800] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const delay = delays[attempt];
      const code = errorCode(error);
      if (delay === undefined || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

const hints: Record<string, (p: string) => string> = {
  EACCES: (p) =>
    `You may not write to ${path.dirname(p)}; choose another --out or fix its permissions.`,
  EPERM: (p) =>
    `The system refused to replace ${p}; close it if it is open in a viewer, or choose another --out.`,
  EROFS: (p) => `${path.dirname(p)} is on a read-only file system; choose another --out.`,
  ENOSPC: () => 'The disk is full; free some space and build again.',
  EDQUOT: () => 'Your disk quota is used up; free some space and build again.',
  EISDIR: (p) => `${p} is a directory; give a file name instead.`,
  ENOTDIR: (p) => `A part of ${path.dirname(p)} is a file, not a directory; choose another --out.`,
  ENAMETOOLONG: () => 'The output path is too long; choose a shorter one.',
  EMFILE: () => 'Too many open files; close other programs or raise the limit (ulimit -n).',
};

function outputError(target: string, error: unknown): ReportError {
  if (error instanceof ReportError) return error;
  const code = errorCode(error) ?? 'unknown error';
  const detail = error instanceof Error ? error.message : String(error);
  return new ReportError('OUTPUT_FAILED', `Cannot write ${target}: ${code} (${detail}).`, {
    hint: (hints[code] ?? (() => 'Check the output path and build again.'))(target),
    cause: error,
  });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Temp files staged but not yet renamed (for an interrupt handler or a test). */
export function liveTempFilePaths(): string[] {
  return [...liveTempFiles];
}

/** Remove every staged temp file. Synchronous so it can run inside a signal handler. */
export function cleanupTempFiles(): void {
  for (const temp of liveTempFiles) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Best effort: the process is on its way out.
    }
    liveTempFiles.delete(temp);
  }
}
