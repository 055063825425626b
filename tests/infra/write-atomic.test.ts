import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  installInterruptHandlers,
  onInterrupt,
  resetInterruptState,
  type InterruptSignal,
} from '../../src/infra/interrupt.js';
import {
  beginWrite,
  describeWrites,
  liveTempFilePaths,
  resetWriteState,
  stopWrites,
  writeFilesAtomic,
  type AtomicFs,
  type OutputFile,
  type WriteStep,
} from '../../src/infra/write-atomic.js';
import { makeTempDir } from './print-helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  resetWriteState();
  resetInterruptState();
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

  it('stopWrites removes the files of a write still staging; that write replaces nothing', async () => {
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'OLD PDF');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let opened: () => void = () => undefined;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const fs: AtomicFs = {
      ...fsp,
      open: (async (file: string, flags: string) => {
        const handle = await fsp.open(file, flags);
        opened();
        await gate;
        return handle;
      }) as AtomicFs['open'],
    };
    const writing = writeFilesAtomic([{ path: target, data: 'NEW PDF' }], { fs }).catch(
      (e: unknown) => e,
    );
    await isOpen;
    expect((await listAll(dir)).filter((f) => f.startsWith('.report-tmp-'))).toHaveLength(1);
    const stopped = stopWrites();
    expect(await listAll(dir)).toEqual(['report.pdf']);
    release();
    await stopped;
    expect(await writing).toMatchObject({ code: 'INTERRUPTED' });
    expect(await listAll(dir)).toEqual(['report.pdf']);
    expect(await readFile(target, 'utf8')).toBe('OLD PDF');
    expect(describeWrites()).toBe('no file was replaced, the previous files are kept');
    resetWriteState();
  });
});

/** Every file under a folder with its content: temp files and backups show up as extra names. */
type Snapshot = Record<string, string>;
function snapshot(root: string): Snapshot {
  const files: Snapshot = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(root, full)] = readFileSync(full, 'utf8');
  }
  return files;
}

function putFiles(root: string, files: Snapshot): void {
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), data);
  }
}

/** A year's outputs before and after a build: the new build adds a chart. */
const OLD_YEAR: Snapshot = {
  'report.html': 'old html',
  'charts/income.svg': 'old income chart',
  'charts/staff.svg': 'old staff chart',
  'report.pdf': 'old pdf',
  '.report-pages.json': 'old page hint',
};
const NEW_YEAR: Snapshot = {
  'report.html': 'new html',
  'charts/income.svg': 'new income chart',
  'charts/staff.svg': 'new staff chart',
  'charts/projects.svg': 'new projects chart',
  'report.pdf': 'new pdf',
  '.report-pages.json': 'new page hint',
};
const outputs = (root: string, files: Snapshot): OutputFile[] =>
  Object.entries(files).map(([name, data]) => ({ path: path.join(root, name), data }));

/**
 * The signal path of bin/report.js, in process: a fake signal source, stopWrites as the first
 * cleanup, and the folder read at the moment the process would exit.
 */
function interruptible(roots: string[]) {
  const emitter = new EventEmitter();
  let atExit: Snapshot[] = [];
  let stoppedLine = '';
  const exited = new Promise<number>((resolve) => {
    installInterruptHandlers({
      signals: { on: (s, l) => emitter.on(s, l), off: (s, l) => emitter.off(s, l) },
      exit: (code) => {
        atExit = roots.map(snapshot);
        resolve(code);
      },
      onStopped: () => (stoppedLine = describeWrites()),
    });
  });
  onInterrupt(stopWrites, { first: true });
  return {
    raise: (signal: InterruptSignal) => emitter.emit(signal),
    exited,
    atExit: () => atExit,
    stoppedLine: () => stoppedLine,
  };
}

/** The steps of writing NEW_YEAR over OLD_YEAR, in order. */
const YEAR_STEPS: [WriteStep['kind'], string][] = [
  ...Object.keys(NEW_YEAR).map((f): [WriteStep['kind'], string] => ['staged', f]),
  ...Object.keys(NEW_YEAR).flatMap((f): [WriteStep['kind'], string][] =>
    f in OLD_YEAR
      ? [
          ['moved-aside', f],
          ['placed', f],
        ]
      : [['placed', f]],
  ),
  ...Object.keys(OLD_YEAR).map((): [WriteStep['kind'], string] => ['backup-removed', '']),
];

describe('a signal at each step of the write phase (no timing: raised from the onStep seam)', () => {
  it('a year of six files is written in these 22 steps', async () => {
    const year = path.join(dir, '2015');
    putFiles(year, OLD_YEAR);
    const steps: WriteStep[] = [];
    await writeFilesAtomic(outputs(year, NEW_YEAR), { onStep: (s) => steps.push(s) });
    expect(
      steps.map((s) => [s.kind, s.kind === 'backup-removed' ? '' : path.relative(year, s.path)]),
    ).toEqual(YEAR_STEPS);
    expect(steps.map((s) => s.index)).toEqual(YEAR_STEPS.map((_, i) => i));
    expect(snapshot(year)).toEqual(NEW_YEAR);
  });

  it.each(YEAR_STEPS.map(([kind, file], index) => ({ index, kind, file })))(
    'after step $index ($kind $file): exactly all old or all new files, no temp file, nothing lost',
    async ({ index, kind }) => {
      const signal: InterruptSignal = index % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const year = path.join(dir, '2015');
      putFiles(year, OLD_YEAR);
      const run = interruptible([year]);
      const writing = writeFilesAtomic(outputs(year, NEW_YEAR), {
        onStep: (step) => {
          if (step.index === index) run.raise(signal);
        },
      }).then(
        () => 'written',
        (error: unknown) => error,
      );

      expect(await run.exited).toBe(signal === 'SIGINT' ? 130 : 143);
      // Before the commit the staged files are dropped; once it has begun it is finished.
      const expected = kind === 'staged' ? OLD_YEAR : NEW_YEAR;
      expect(run.atExit()).toEqual([expected]);
      expect(run.stoppedLine()).toBe(
        kind === 'staged'
          ? 'no file was replaced, the previous files are kept'
          : `the files were being replaced when it arrived, and that was finished first: all files in ${year} are new`,
      );
      // What the write itself reports, once it settles.
      const outcome = await writing;
      if (kind === 'staged') expect(outcome).toMatchObject({ code: 'INTERRUPTED' });
      else expect(outcome).toBe('written');
      expect(snapshot(year)).toEqual(expected);
      expect(liveTempFilePaths()).toEqual([]);
    },
  );

  it('a second signal during the commit still waits for the commit to finish', async () => {
    const year = path.join(dir, '2015');
    putFiles(year, OLD_YEAR);
    const run = interruptible([year]);
    const writing = writeFilesAtomic(outputs(year, NEW_YEAR), {
      onStep: (step) => {
        if (step.kind === 'moved-aside' && step.path.endsWith('report.html')) {
          run.raise('SIGTERM');
          run.raise('SIGTERM');
        }
      },
    });
    expect(await run.exited).toBe(143);
    expect(run.atExit()).toEqual([NEW_YEAR]);
    await writing;
  });

  it('a signal after the commit says the files were already written', async () => {
    const year = path.join(dir, '2015');
    putFiles(year, OLD_YEAR);
    const run = interruptible([year]);
    await writeFilesAtomic(outputs(year, NEW_YEAR));
    run.raise('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.atExit()).toEqual([NEW_YEAR]);
    expect(run.stoppedLine()).toBe(
      `it arrived after the files were written: all files in ${year} are new`,
    );
  });

  // `build --all`: every year is staged, then all are committed at once.
  it('two years staged, then committed together: a signal at any step leaves both old or both new', async () => {
    const twoYears = async (onStep?: (step: WriteStep) => void) => {
      const root = await fsp.mkdtemp(path.join(dir, 'all-'));
      const years = ['2014', '2015'].map((y) => path.join(root, y));
      for (const year of years) putFiles(year, OLD_YEAR);
      return { years, write: beginWrite(onStep ? { onStep } : {}) };
    };
    const writeAll = async ({ years, write }: Awaited<ReturnType<typeof twoYears>>) => {
      for (const year of years) await write.stage(outputs(year, NEW_YEAR));
      await write.commit();
    };
    const kinds: WriteStep['kind'][] = [];
    await writeAll(await twoYears((step) => kinds.push(step.kind)));
    expect(kinds).toHaveLength(2 * YEAR_STEPS.length);
    expect(kinds.indexOf('moved-aside')).toBe(2 * Object.keys(NEW_YEAR).length);
    resetWriteState();

    for (const [index, kind] of kinds.entries()) {
      const build = await twoYears((step) => {
        if (step.index === index) run.raise('SIGTERM');
      });
      const run = interruptible(build.years);
      const outcome = await writeAll(build).then(
        () => 'written',
        async (error: unknown) => {
          await build.write.discard();
          return error;
        },
      );
      expect(await run.exited).toBe(143);
      const expected = kind === 'staged' ? OLD_YEAR : NEW_YEAR;
      expect({ index, atExit: run.atExit() }).toEqual({ index, atExit: [expected, expected] });
      expect(outcome === 'written').toBe(kind !== 'staged');
      expect(liveTempFilePaths()).toEqual([]);
      resetInterruptState();
      resetWriteState();
    }
  });
});
