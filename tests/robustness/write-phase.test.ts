/**
 * The write phase under signals and failures (docs/robustness.md, "Interrupts and the write
 * phase"): a year's files are replaced all together or not at all, and `build --all` replaces
 * every year's files together or none. The in-process tests that raise a signal after every
 * step are in tests/infra/write-atomic.test.ts; these run the real CLI, and the real pipeline.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realDeps } from '../../src/cli/build.js';
import { ReportError } from '../../src/errors.js';
import type { PrintJob, PrintResult } from '../../src/infra/chromium-printer.js';
import { buildReports } from '../../src/pipeline.js';
import { ROOT, runCli, tempDir } from '../e2e/cli.js';
import { fakeIo } from '../support/fake-io.js';

/** The minimal data with a narrative for 2014 too, so `--all` builds two years. */
function twoYears(): string {
  const dir = tempDir('minimal');
  const narrative = readFileSync(join(dir, 'data/2015/narrative.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'data/2014/narrative.yaml'),
    narrative
      .replace(/^year: 2015/m, 'year: 2014')
      .replace('2015 年度', '2014 年度')
      .replace('2015-12-31', '2014-12-31'),
  );
  return dir;
}

const built = new Map<string, Promise<string>>();

/**
 * A fresh folder holding `make()`'s data and the out/ that `report <args>` wrote from it: the
 * build runs once per file and kind, each test gets its own copy (the tests only need a previous
 * build's files, which they then mark as old).
 */
async function afterBuild(kind: string, make: () => string, args: string[]): Promise<string> {
  let source = built.get(kind);
  if (source === undefined) {
    source = (async () => {
      const dir = make();
      const result = await runCli(args, { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      return dir;
    })();
    built.set(kind, source);
  }
  const dir = tempDir();
  cpSync(await source, dir, { recursive: true });
  return dir;
}

const minimalBuilt = () =>
  afterBuild('minimal', () => tempDir('minimal'), ['build', '2015', '--format', 'html']);
const twoYearsBuilt = () =>
  afterBuild('two years', twoYears, ['build', '--all', '--format', 'html']);

/** Every file under out/ with its content (temp files and backups show up as extra names). */
function outputs(dir: string): Record<string, string> {
  const root = join(dir, 'out');
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[relative(root, join(entry.parentPath, entry.name))] = readFileSync(
        join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

/** Overwrites every output file with "old <name>": the previous build, told apart by content. */
function markOld(dir: string): Record<string, string> {
  const old = Object.fromEntries(Object.keys(outputs(dir)).map((name) => [name, `old ${name}`]));
  for (const [name, data] of Object.entries(old)) writeFileSync(join(dir, 'out', name), data);
  return old;
}

function isAllNew(files: Record<string, string>, fresh: Record<string, string>): boolean {
  return (
    JSON.stringify(Object.keys(files).sort()) === JSON.stringify(Object.keys(fresh).sort()) &&
    Object.values(files).every((data) => !data.startsWith('old '))
  );
}

const HOOK = 'REPORT_TEST_SIGNAL_AT_WRITE_STEP';

describe('a real signal at a known step of the write (CLI, HTML only, test hook)', () => {
  // An HTML build of the minimal year writes 4 files: report.html and the 3 charts its data
  // has. Steps 0–3 stage them; step 4 moves the previous report.html aside, the first step of
  // the commit. The
  // minimal organisation is Chinese: the lines are in Chinese, unless --lang en.
  it.each([
    { step: 2, signal: 'SIGINT', code: 130, expect: 'old', lang: 'zh-CN' },
    { step: 2, signal: 'SIGINT', code: 130, expect: 'old', lang: 'en' },
    { step: 4, signal: 'SIGTERM', code: 143, expect: 'new', lang: 'en' },
    { step: 11, signal: 'SIGTERM', code: 143, expect: 'new', lang: 'zh-CN' },
  ] as const)(
    '$signal after step $step ($lang): exit $code, every file $expect, no temp file, stderr says which',
    async ({ step, signal, code, expect: which, lang }) => {
      const dir = await minimalBuilt();
      const fresh = outputs(dir);
      expect(Object.keys(fresh)).toHaveLength(4);
      const old = markOld(dir);

      const result = await runCli(
        ['build', '2015', '--format', 'html', ...(lang === 'en' ? ['--lang', 'en'] : [])],
        { cwd: dir, env: { [HOOK]: `${step}:${signal}` } },
      );
      expect(result.code).toBe(code);
      const after = outputs(dir);
      expect(after).toEqual(which === 'old' ? old : after);
      if (which === 'new') expect(isAllNew(after, fresh)).toBe(true);
      const lines = {
        'zh-CN': {
          stopping: `${signal}：正在停止……`,
          old: `${signal}：已停止；没有替换任何文件，原来的文件都保持不变`,
          new: `${signal}：已停止；信号到达时正在替换文件，已先把替换做完：out/2015 中的文件都是新生成的`,
        },
        en: {
          stopping: `${signal}: stopping`,
          old: `${signal}: stopped; no file was replaced, the previous files are kept`,
          new: `${signal}: stopped; the files were being replaced when it arrived, and that was finished first: all files in out/2015 are new`,
        },
      }[lang];
      expect(result.stderr).toContain(`\n${lines.stopping}\n`);
      expect(result.stderr).toContain(`${lines[which]}\n`);
      if (lang === 'zh-CN') expect(result.stderr).not.toMatch(/stopping|stopped|replaced/);
    },
  );

  it('build --all: a signal during the commit leaves both years new (8 files staged first)', async () => {
    const dir = await twoYearsBuilt();
    const fresh = outputs(dir);
    expect(Object.keys(fresh)).toHaveLength(8);
    markOld(dir);
    const result = await runCli(['build', '--all', '--format', 'html'], {
      cwd: dir,
      env: { [HOOK]: '9:SIGTERM' },
    });
    expect(result.code).toBe(143);
    expect(isAllNew(outputs(dir), fresh)).toBe(true);
    expect(result.stderr).toContain('out/2014、out/2015 中的文件都是新生成的');
  });

  it('build --all: a signal while the years are staged leaves both years old', async () => {
    const dir = await twoYearsBuilt();
    const old = markOld(dir);
    const result = await runCli(['build', '--all', '--format', 'html'], {
      cwd: dir,
      env: { [HOOK]: '5:SIGINT' },
    });
    expect(result.code).toBe(130);
    expect(outputs(dir)).toEqual(old);
    expect(result.stderr).toContain('没有替换任何文件，原来的文件都保持不变');
  });
});

describe('build --all when one year fails to print', () => {
  it('replaces no year: exit 4 naming the failed year and saying nothing was replaced', async () => {
    const dir = await twoYearsBuilt();
    const old = markOld(dir);
    const { io } = fakeIo(dir);
    const printed: string[] = [];
    const deps = {
      ...(await realDeps(io, undefined, false)),
      // 2015 prints; 2014 fails the way a print over its --timeout does.
      openPrinter: () => ({
        warmUp: () => undefined,
        close: async () => undefined,
        print: async (job: PrintJob): Promise<PrintResult> => {
          printed.push(job.metadata.title);
          if (job.metadata.title.includes('2014'))
            throw new ReportError('BROWSER_FAILED', 'Printing did not finish within 0.05 s.');
          return {
            pdf: new TextEncoder().encode('%PDF new'),
            blocked: [],
            pageCount: 1,
            failedFonts: [],
          };
        },
      }),
    };
    const error = await buildReports(
      {
        years: 'all',
        dataDir: join(dir, 'data'),
        outDir: join(dir, 'out'),
        templateDir: join(ROOT, 'templates/default'),
        formats: new Set(['html', 'pdf'] as const),
        cwd: dir,
        sourceDate: new Date(0),
        generator: 'report test',
      },
      deps,
    ).catch((e: unknown) => e);
    expect(printed.some((title) => title.includes('2015'))).toBe(true);
    expect(error).toMatchObject({ code: 'BROWSER_FAILED', exitCode: 4 });
    expect((error as ReportError).message).toBe(
      '2014: Printing did not finish within 0.05 s. No report was replaced: the files of all 2 years are replaced together, or none.',
    );
    expect(outputs(dir)).toEqual(old);
  });
});
