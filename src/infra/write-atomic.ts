/**
 * Write a build's output files all-or-nothing. Files are staged as temp files beside their
 * targets and flushed (a year at a time, so a build with many years holds one year in memory);
 * only when every file is staged are they renamed into place, in one commit. A failed PDF step
 * therefore leaves the previous HTML and PDF untouched.
 *
 * Signals (see stopWrites): before the commit, Ctrl-C or SIGTERM removes the staged temp files
 * and nothing is replaced; once the commit has begun, it is finished (a few renames) before the
 * process exits, so the folder holds all previous or all new files, never a mix, and the
 * interrupt never removes the only copy of an output.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { ReportError, reportError, rewordError, type MessageLang } from '../errors.js';
import type { OutputFile, OutputWrite } from '../ports.js';
import { holdExit } from './interrupt.js';

export type { OutputFile, OutputWrite } from '../ports.js';

/** The file-system calls used, so tests can inject faults a root user cannot provoke (EROFS, ENOSPC). */
export interface AtomicFs {
  mkdir: typeof fsp.mkdir;
  open: typeof fsp.open;
  stat: typeof fsp.stat;
  chmod: typeof fsp.chmod;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

/**
 * One step of the write, reported after it is done (a seam for tests, which raise a signal at
 * each one): `staged` a temp file written and flushed, `moved-aside` a previous version renamed
 * to a backup, `placed` a new file renamed into place, `backup-removed` after the commit.
 * `index` counts the steps of one OutputWrite from 0.
 */
export interface WriteStep {
  index: number;
  kind: 'staged' | 'moved-aside' | 'placed' | 'backup-removed';
  path: string;
}

export interface WriteDeps {
  /** Relative paths are taken from here (default: the process's working directory). */
  cwd?: string;
  fs?: AtomicFs;
  platform?: NodeJS.Platform;
  onStep?: (step: WriteStep) => void;
}

export const TEMP_PREFIX = '.report-tmp-';

/** Temp files and backups that exist right now (for tests). */
const liveTempFiles = new Set<string>();
/** Writes not yet committed or discarded. */
const openWrites = new Set<Transaction>();
/** Set by stopWrites: no stage step and no commit starts after it. */
let stopping = false;
/** What this process has replaced, for the line printed after a signal. */
const ledger = {
  committed: [] as string[],
  committingAtStop: false,
  keptBackups: [] as string[],
};

/** Stage and commit one set of files (one year). */
export async function writeFilesAtomic(files: OutputFile[], deps: WriteDeps = {}): Promise<void> {
  const write = beginWrite(deps);
  try {
    await write.stage(files);
  } catch (error) {
    await write.discard();
    throw error;
  }
  await write.commit();
}

export function beginWrite(deps: WriteDeps = {}): OutputWrite {
  return new Transaction(deps);
}

interface Staged {
  temp: string;
  target: string;
  /** The target as the caller named it (out/2015/report.html), for messages. */
  shown: string;
  existed: boolean;
}

class Transaction implements OutputWrite {
  private readonly cwd: string;
  private readonly fs: AtomicFs;
  private readonly platform: NodeJS.Platform;
  private readonly onStep: ((step: WriteStep) => void) | undefined;
  private phase: 'staging' | 'committing' | 'done' = 'staging';
  private readonly staged: Staged[] = [];
  private readonly stagesInFlight = new Set<Promise<void>>();
  private steps = 0;

  constructor(deps: WriteDeps) {
    this.cwd = deps.cwd ?? process.cwd();
    this.fs = deps.fs ?? fsp;
    this.platform = deps.platform ?? process.platform;
    this.onStep = deps.onStep;
    openWrites.add(this);
  }

  get committing(): boolean {
    return this.phase === 'committing';
  }

  stage(files: OutputFile[]): Promise<void> {
    if (this.phase !== 'staging')
      return Promise.reject(new Error('stage() after commit or discard'));
    const op = this.stageFiles(files);
    this.stagesInFlight.add(op);
    const forget = () => void this.stagesInFlight.delete(op);
    op.then(forget, forget);
    return op;
  }

  private async stageFiles(files: OutputFile[]): Promise<void> {
    const mine: Staged[] = [];
    let current = '';
    try {
      for (const file of files) {
        current = file.path;
        this.checkNotStopped();
        const target = path.resolve(this.cwd, file.path);
        const mode = await existingMode(this.fs, target);
        await this.fs.mkdir(path.dirname(target), { recursive: true });
        this.checkNotStopped();
        const temp = tempPath(target);
        const entry = { temp, target, shown: file.path, existed: mode !== undefined };
        mine.push(entry);
        this.staged.push(entry);
        liveTempFiles.add(temp);
        await writeAndFlush(this.fs, temp, file.data);
        if (mode !== undefined) await this.fs.chmod(temp, mode);
        this.checkNotStopped();
        this.step('staged', file.path);
      }
    } catch (error) {
      await Promise.all(mine.map((entry) => this.removeTemp(entry)));
      // After a signal its temp files were removed under it: that is the stop, not a failure.
      throw stopping ? interrupted() : outputError(current, error);
    }
  }

  /** After a signal, or once discarded, staging stops at its next step. */
  private checkNotStopped(): void {
    if (stopping) throw interrupted();
    if (this.phase !== 'staging') throw new Error('the write was discarded');
  }

  private async removeTemp(entry: Staged): Promise<void> {
    const index = this.staged.indexOf(entry);
    if (index >= 0) this.staged.splice(index, 1);
    await this.fs.rm(entry.temp, { force: true }).catch(() => undefined);
    liveTempFiles.delete(entry.temp);
  }

  /** Remove every staged temp at once; synchronous, for a signal handler. Never a target. */
  removeStagedSync(): void {
    if (this.phase !== 'staging') return;
    for (const { temp } of this.staged) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Best effort: the process is on its way out.
      }
      liveTempFiles.delete(temp);
    }
  }

  /** Settles when no stage step is in flight (so no temp file appears after this). */
  async stagesSettled(): Promise<void> {
    await Promise.allSettled([...this.stagesInFlight]);
  }

  commit(): Promise<void> {
    if (this.phase !== 'staging') return Promise.reject(new Error('commit() twice'));
    if (stopping) return this.discard().then(() => Promise.reject(interrupted()));
    if (this.stagesInFlight.size > 0)
      return Promise.reject(new Error('commit() while files are still being staged'));
    // From here on the commit runs to its end (or its rollback) even if a signal arrives: the
    // interrupt handler waits for it before the process exits (holdExit), and stopWrites leaves
    // its files alone. No await between the check above and this point.
    this.phase = 'committing';
    const done = this.renameAll().finally(() => {
      this.phase = 'done';
      openWrites.delete(this);
    });
    holdExit(done);
    return done;
  }

  async discard(): Promise<void> {
    if (this.phase !== 'staging') return;
    this.phase = 'done';
    await this.stagesSettled();
    await Promise.all([...this.staged].map((entry) => this.removeTemp(entry)));
    openWrites.delete(this);
  }

  private step(kind: WriteStep['kind'], shown: string): void {
    this.onStep?.({ index: this.steps++, kind, path: shown });
  }

  private async renameAll(): Promise<void> {
    const { fs, platform } = this;
    /** Targets already replaced, with where their previous version was moved (null: new file). */
    const replaced: { target: string; backup: string | null }[] = [];
    let current = '';
    try {
      // The previous version of each target is moved aside first, so that if any rename fails
      // (a PDF held open on Windows) every file already replaced can be put back.
      for (const { temp, target, shown, existed } of this.staged) {
        current = target;
        const backup = existed ? tempPath(target) : null;
        if (backup !== null) {
          await renameWithRetry(fs, target, backup, platform);
          liveTempFiles.add(backup);
          this.step('moved-aside', shown);
        }
        replaced.push({ target, backup });
        await renameWithRetry(fs, temp, target, platform);
        liveTempFiles.delete(temp);
        this.step('placed', shown);
      }
    } catch (error) {
      // Every previous version is put back before any temp file is removed.
      const kept: string[] = [];
      for (const { target, backup } of replaced.reverse()) {
        if (backup === null) {
          await fs.rm(target, { force: true }).catch(() => undefined);
          continue;
        }
        // If the previous version cannot be put back it is the only copy: keep it, and say where.
        await fs.rename(backup, target).then(
          () => liveTempFiles.delete(backup),
          () => kept.push(backup),
        );
      }
      await Promise.all(
        this.staged.map(async ({ temp }) => {
          if (!liveTempFiles.has(temp)) return;
          await fs.rm(temp, { force: true }).catch(() => undefined);
          liveTempFiles.delete(temp);
        }),
      );
      ledger.keptBackups.push(...kept);
      const failure = outputError(current, error);
      if (kept.length === 0) throw failure;
      const why = reportError('backupKept', { kept });
      throw rewordError(failure, (message, lang) =>
        lang === 'zh-CN'
          ? `${message}；${why.messageIn(lang)}`
          : `${message}; ${why.messageIn(lang)}`,
      );
    }
    ledger.committed.push(...outputFolders(this.staged.map((s) => s.shown)));
    for (const { backup } of replaced) {
      if (backup === null) continue;
      await fs.rm(backup, { force: true }).catch(() => undefined);
      liveTempFiles.delete(backup);
      this.step('backup-removed', path.basename(backup));
    }
  }
}

/**
 * The folders a set of files went to, without those inside another (out/2015, not …/charts),
 * sorted: two years staged in either order are named the same way.
 */
function outputFolders(files: string[]): string[] {
  const dirs = [...new Set(files.map((f) => path.normalize(path.dirname(f))))].sort();
  return dirs.filter((d) => !dirs.some((other) => d.startsWith(`${other}${path.sep}`)));
}

function interrupted(): ReportError {
  return reportError('stoppedBeforeReplace', {});
}

/**
 * The interrupt cleanup (bin/ registers it with onInterrupt): no stage step and no commit starts
 * after it; the temp files of writes still staging are removed (they hold new content whose
 * target is untouched). A commit already under way is left to finish: it holds the exit.
 */
export async function stopWrites(): Promise<void> {
  stopping = true;
  const staging = [...openWrites].filter((w) => !w.committing);
  ledger.committingAtStop = openWrites.size > staging.length;
  for (const write of staging) write.removeStagedSync();
  // A temp file being opened right now would appear after the removal: wait for the step in
  // flight to end (a hung file system gets one second), then remove again.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(staging.map((w) => w.stagesSettled())),
    new Promise((resolve) => (timer = setTimeout(resolve, 1000))),
  ]);
  clearTimeout(timer);
  for (const write of staging) write.removeStagedSync();
}

/**
 * What the writes of this process left on disk, for the line printed after a signal, in the
 * reader's language.
 */
export function describeWrites(lang: MessageLang = 'en'): string {
  const zh = lang === 'zh-CN';
  const backups = ledger.keptBackups.join(zh ? '、' : ', ');
  const kept =
    ledger.keptBackups.length === 0
      ? ''
      : zh
        ? `；有一个旧版本未能放回原处，保存在 ${backups}`
        : `; a previous version could not be put back and is kept as ${backups}`;
  if (ledger.committed.length === 0)
    return zh
      ? `没有替换任何文件，原来的文件都保持不变${kept}`
      : `no file was replaced, the previous files are kept${kept}`;
  const folders = ledger.committed.join(zh ? '、' : ', ');
  const all = zh ? `${folders} 中的文件都是新生成的` : `all files in ${folders} are new`;
  if (zh)
    return ledger.committingAtStop
      ? `信号到达时正在替换文件，已先把替换做完：${all}${kept}`
      : `信号在文件写完之后才到达：${all}${kept}`;
  return ledger.committingAtStop
    ? `the files were being replaced when it arrived, and that was finished first: ${all}${kept}`
    : `it arrived after the files were written: ${all}${kept}`;
}

/** Forget every write and the stop; for tests. */
export function resetWriteState(): void {
  stopping = false;
  openWrites.clear();
  liveTempFiles.clear();
  ledger.committed = [];
  ledger.committingAtStop = false;
  ledger.keptBackups = [];
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

function outputError(target: string, error: unknown): ReportError {
  if (error instanceof ReportError) return error;
  const code = errorCode(error) ?? 'unknown error';
  const detail = error instanceof Error ? error.message : String(error);
  return reportError('outputFailed', { target, code, detail }, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Temp files and backups that exist now (for tests). */
export function liveTempFilePaths(): string[] {
  return [...liveTempFiles];
}
