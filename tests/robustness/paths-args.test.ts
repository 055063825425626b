/**
 * Paths and arguments (docs/robustness.md, adversarial run P1–P6): values the command line
 * accepts but cannot mean, through the CLI's main(argv) in process, HTML only (no browser).
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realDeps } from '../../src/cli/build.js';
import { main } from '../../src/cli/main.js';
import { buildReports } from '../../src/pipeline.js';
import { ROOT } from '../e2e/cli.js';
import { fakeIo } from '../support/fake-io.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temp folder with a copy of the minimal data set (2014; 2015 with a narrative) as data/. */
function scenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-paths-'));
  made.push(dir);
  cpSync(join(ROOT, 'tests/fixtures/data/minimal'), join(dir, 'data'), { recursive: true });
  return dir;
}

async function report(args: string[], cwd: string, env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(['node', 'report', ...args], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd,
    env,
    isTTY: false,
  });
  return { code, out, err };
}

/**
 * An HTML-only build with the data folder given as an absolute path, without progress lines,
 * in English unless --lang says otherwise (the minimal data set is a Chinese organisation's).
 */
const build = (dir: string, ...args: string[]) =>
  report(
    [
      'build',
      ...args,
      '--format',
      'html',
      '--data',
      join(dir, 'data'),
      '--quiet',
      ...(args.includes('--lang') ? [] : ['--lang', 'en']),
    ],
    dir,
  );

describe('P1: an empty path is a usage error, never the root of the file system', () => {
  // Without the fix these builds write /2015/: removed again if this run made it.
  const existed = existsSync('/2015');
  afterAll(() => {
    if (!existed) rmSync('/2015', { recursive: true, force: true });
  });

  it('build 2015 --out "": exit 2 naming --out, and nothing written at /2015', async () => {
    const result = await build(scenario(), '2015', '--out', '');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'error[USAGE]: --out "" names no folder\n  hint: omit --out to use out/, or give a folder, e.g. --out reports\n',
    );
    if (!existed) expect(existsSync('/2015')).toBe(false);
  });

  it.each([
    ['build', '2015', '--data', ''],
    ['build', '2015', '--template', '  '],
    ['build', '2015', '--chrome', ''],
    ['validate', '--data', ''],
    ['stats', '2015', '--data', ''],
    ['doctor', '--out', ''],
  ])('%s %s %s %j: exit 2 before anything is read', async (...args) => {
    const dir = scenario();
    const out = args[0] === 'build' ? ['--format', 'html', '--out', join(dir, 'out')] : [];
    const result = await report([...args, ...out, '--lang', 'en'], dir);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error\[USAGE\]: --\w+ "\s*" names no /);
    expect(result.out).toBe('');
  });

  it('says it in Chinese with --lang zh-CN, or for a Chinese organisation', async () => {
    const expected =
      '错误[USAGE]：--out "" 没有指明文件夹\n  提示：不写 --out 即使用 out/，或写明文件夹，例如 --out reports\n';
    const dir = scenario();
    const flag = await build(dir, '2015', '--out', '', '--lang', 'zh-CN');
    expect(flag.err).toBe(expected);
    const env = await report(['build', '2015', '--format', 'html', '--out', ''], dir, {
      LANG: 'zh_CN.UTF-8',
    });
    expect(env.err).toBe(expected);
  });
});

describe('P2: the output folder may not be the data folder or inside it', () => {
  it.each([
    ['data', 'is the data folder DATA itself'],
    ['data/2015', 'is inside the data folder DATA'],
    ['data/reports/new', 'is inside the data folder DATA'],
  ])('--out %s: exit 2 naming both folders, the data untouched', async (out, says) => {
    const dir = scenario();
    const before = readdirSync(join(dir, 'data/2015')).sort();
    const result = await build(dir, '2015', '--out', join(dir, out));
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `error[USAGE]: --out ${join(dir, out)} ${says.replace('DATA', join(dir, 'data'))}: the report files would be written among the data files\n` +
        '  hint: write the report outside the data folder, e.g. --out out (the default)\n',
    );
    expect(readdirSync(join(dir, 'data/2015')).sort()).toEqual(before);
    expect(existsSync(join(dir, 'data/reports'))).toBe(false);
  });

  it('sees through a symbolic link to the data folder, and says it in Chinese', async () => {
    const dir = scenario();
    symlinkSync(join(dir, 'data'), join(dir, 'link'));
    const result = await build(dir, '2015', '--out', join(dir, 'link'), '--lang', 'zh-CN');
    expect(result.code).toBe(2);
    expect(result.err).toContain(`就是数据文件夹 ${join(dir, 'data')}：报告文件会混进数据文件中`);
  });

  it('an output folder beside the data (or one named like it) builds', async () => {
    const dir = scenario();
    const result = await build(dir, '2015', '--out', join(dir, 'data-out'));
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'data-out/2015/report.html'))).toBe(true);
  });
});

describe('P3, P4: year folders that are not read, and --all with nothing to build', () => {
  it.each(['2015 ', '02015', '２０１５', '2015年'])(
    'a folder named %j is reported as a problem with its name and what to rename it to',
    async (name) => {
      const dir = scenario();
      renameSync(join(dir, 'data/2015'), join(dir, 'data', name));
      const result = await report(['validate', '--lang', 'en'], dir);
      expect(result.code).toBe(1);
      expect(result.out).toContain(
        `data/${name}  the folder ${JSON.stringify(name)} looks like the year 2015 but is not named with exactly four digits, so it is not read\n` +
          '    hint: rename it to 2015 (four digits, nothing else); if it is a copy, move it out of the data folder\n',
      );
      const zh = await report(['validate'], dir);
      expect(zh.out).toContain(`文件夹名 ${JSON.stringify(name)} 看似 2015 年，但不是四位数字`);
    },
  );

  it('build --all with the only report year misnamed exits 1 naming the folder, not 0', async () => {
    const dir = scenario();
    renameSync(join(dir, 'data/2015'), join(dir, 'data/2015 '));
    const result = await build(dir, '--all', '--out', join(dir, 'out'), '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.err).toContain('data/2015   the folder "2015 " looks like the year 2015');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('leaves folders that are not meant as years alone (drafts, 2015-old)', async () => {
    const dir = scenario();
    cpSync(join(dir, 'data/2015'), join(dir, 'data/2015-old'), { recursive: true });
    cpSync(join(dir, 'data/2015'), join(dir, 'data/drafts'), { recursive: true });
    expect((await report(['validate', '--lang', 'en'], dir)).out).toBe(
      'data valid: 2 years, 2 projects\n',
    );
  });

  it('a misnamed later year does not block the report of an earlier one', async () => {
    const dir = scenario();
    cpSync(join(dir, 'data/2015'), join(dir, 'data/2016 '), { recursive: true });
    expect((await report(['validate', '2015'], dir)).code).toBe(0);
    expect((await report(['validate'], dir)).code).toBe(1);
  });

  it('build --all where no year has a narrative: exit 1 saying which years it found', async () => {
    const dir = scenario();
    rmSync(join(dir, 'data/2015/narrative.yaml'));
    const result = await build(dir, '--all', '--out', join(dir, 'out'), '--lang', 'en');
    expect(result.code).toBe(1);
    const data = join(dir, 'data');
    expect(result.err).toBe(
      `error[DATA_NOT_FOUND]: nothing to build: no year in ${data} (2014, 2015) has a narrative.yaml\n` +
        `  hint: a report is built for each year that has a narrative.yaml; add one, e.g. ${data}/2015/narrative.yaml (see docs/data-format.md)\n`,
    );
    const zh = await build(dir, '--all', '--out', join(dir, 'out'), '--lang', 'zh-CN');
    expect(zh.err).toContain(
      `没有可构建的报告：${data} 中的年份（2014、2015）都没有 narrative.yaml`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('P5: --timeout is plain decimal seconds that Node’s timers can hold', () => {
  it.each(['0x10', '1e3', '2147484', '86401', '0', '-1', '', ' 5', 'Infinity', '1_000'])(
    '--timeout %j: exit 2 giving the range',
    async (value) => {
      const dir = scenario();
      const result = await build(dir, '2015', '--out', join(dir, 'out'), '--timeout', value);
      expect(result.code).toBe(2);
      expect(result.err).toBe(
        `error[USAGE]: --timeout ${JSON.stringify(value)} is not a number of seconds above 0 and at most 86400 (one day), in plain digits\n` +
          '  hint: e.g. --timeout 120\n',
      );
      expect(existsSync(join(dir, 'out'))).toBe(false);
    },
  );

  it.each(['86400', '0.5', '120'])('--timeout %s is accepted', async (value) => {
    const dir = scenario();
    const result = await build(dir, '2015', '--out', join(dir, 'out'), '--timeout', value);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });

  it('says the range in Chinese', async () => {
    const dir = scenario();
    const out = join(dir, 'out');
    const result = await build(dir, '2015', '--out', out, '--timeout', '0x10', '--lang', 'zh-CN');
    expect(result.err).toContain(
      '--timeout "0x10" 不是有效的秒数：须为大于 0、不超过 86400（一天）的十进制数',
    );
  });
});

describe('P6: a year with no data folder is missing data (exit 1) for every command', () => {
  it.each([
    ['validate', '2016'],
    ['stats', '2016'],
    ['build', '2016', '--format', 'html'],
  ])('%s %s: exit 1, the same problem with the years there are', async (...args) => {
    const dir = scenario();
    const out = args[0] === 'build' ? ['--out', join(dir, 'out')] : [];
    const result = await report([...args, ...out, '--lang', 'en'], dir);
    expect(result.code).toBe(1);
    expect(result.out + result.err).toContain(
      'data/2016  there is no folder for the year 2016\n' +
        '    hint: create it with income.yaml, staff.yaml and projects.yaml, or check the year you typed (years with data: 2014, 2015)\n',
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a year that is not a year is still a usage error (exit 2) for every command', async () => {
    const dir = scenario();
    expect((await report(['validate', '16'], dir)).code).toBe(2);
    expect((await report(['stats', '16'], dir)).code).toBe(2);
    expect((await build(dir, '16', '--out', join(dir, 'out'))).code).toBe(2);
  });
});

describe('relative folders are taken from the working directory the build is given', () => {
  it('reads data/ and tpl/ and writes out/ in that directory, not the process’s', async () => {
    const dir = scenario();
    cpSync(join(ROOT, 'templates/default'), join(dir, 'tpl'), { recursive: true });
    writeFileSync(join(dir, 'tpl/partials/signature.hbs'), '<footer>signed in tpl/</footer>\n');
    const { io } = fakeIo(dir);
    expect(process.cwd()).not.toBe(dir);
    const { built } = await buildReports(
      {
        years: [2015],
        dataDir: 'data',
        outDir: 'out',
        templateDir: 'tpl',
        formats: new Set(['html']),
        cwd: dir,
        sourceDate: null,
        generator: 'report test',
      },
      await realDeps(io, undefined, false),
    );
    expect(built[0]?.files[0]).toBe('out/2015/report.html');
    expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toContain('signed in tpl/');
    expect(readdirSync(join(dir, 'out/2015/charts')).sort()).toEqual([
      'income.svg',
      'projects.svg',
      'services.svg',
    ]);
  });
});
