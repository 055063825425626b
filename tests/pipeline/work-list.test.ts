/**
 * Many organisations and CI shards (issue 16): `--shard K/N` splits the (organisation, year)
 * work list so N jobs build each report exactly once; `--data 'orgs/*'` builds every
 * organisation into out/<organisation>/<year>/, and one that fails does not stop the others.
 * The pipeline runs on its fakes (no browser); the CLI tests build HTML only.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWork } from '../../src/build-work.js';
import { main } from '../../src/cli/main.js';
import { expandOrgs, parseShard, pickShard, scanWork } from '../../src/work-list.js';
import { fakeIo } from '../support/fake-io.js';
import { FIXTURES, harness } from './fakes.js';

const KINDS = ['minimal', 'english', 'equal-shares-and-a-gap-year', 'characters-the-fonts-lack'];

/** A hub's folder: `count` organisations (copies of the fixtures), each with one report year. */
function hub(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-orgs-'));
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length] as string;
    cpSync(join(FIXTURES, kind), join(dir, 'orgs', `org-${String(i).padStart(2, '0')}`), {
      recursive: true,
    });
  }
  return dir;
}

describe('--shard K/N', () => {
  it('1/3, 2/3 and 3/3 together build every report exactly once, in shares one apart', async () => {
    const dir = hub(7);
    const orgs = (await expandOrgs('orgs/*', dir, 'en')) ?? [];
    const { items } = await scanWork(orgs, dir);
    expect(items).toHaveLength(7);
    const written: string[] = [];
    const shares: number[] = [];
    for (const index of [1, 2, 3]) {
      const h = harness({ options: { cwd: dir } });
      const mine = pickShard(items, parseShard(`${index}/3`, 'en'));
      const outcome = await buildWork({ ...h.options, items: mine }, h.deps);
      expect(outcome.failed).toEqual([]);
      const pdfs = [...h.disk.files.keys()].filter((f) => f.endsWith('report.pdf'));
      shares.push(pdfs.length);
      written.push(...pdfs);
    }
    const every = items.map((i) => `out/${i.org.name}/${i.year}/report.pdf`);
    expect(written.sort()).toEqual(every.sort()); // each once: no report missing, none twice
    expect(shares).toEqual([3, 2, 2]);
  });

  it('is the same split whatever order the folders were listed in', async () => {
    const dir = hub(5);
    const orgs = (await expandOrgs('orgs/*', dir, 'en')) ?? [];
    const forward = pickShard((await scanWork(orgs, dir)).items, { index: 2, count: 2 });
    const backward = pickShard((await scanWork([...orgs].reverse(), dir)).items, {
      index: 2,
      count: 2,
    });
    expect(backward.map((i) => i.org.name)).toEqual(forward.map((i) => i.org.name));
  });

  it.each(['0/3', '4/3', '1/0', '3', 'a/b', '1/3/2', '-1/3', ''])(
    '--shard %j is a usage error (exit 2) naming --shard',
    async (value) => {
      const run = fakeIo(mkdtempSync(join(tmpdir(), 'report-shard-')));
      const args = ['build', '--all', '--format', 'html', '--shard', value];
      expect(await main(['node', 'report', ...args], run.io)).toBe(2);
      expect(run.stderr()).toContain(`error[USAGE]: --shard ${JSON.stringify(value)}`);
    },
  );

  it('says a shard with nothing to do, and succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-shard-'));
    cpSync(join(FIXTURES, 'minimal'), join(dir, 'data'), { recursive: true });
    const run = fakeIo(dir);
    const out = join(dir, 'out');
    const args = ['build', '--all', '--format', 'html', '--out', out, '--shard', '2/2'];
    expect(await main(['node', 'report', ...args], run.io)).toBe(0);
    expect(run.stdout()).toBe('分片 2/2：共 1 份报告，本分片生成 0 份\n');
    expect(existsSync(join(out, '2015'))).toBe(false);
  });
});

describe("--data 'orgs/*'", () => {
  it('builds the others when one organisation is invalid, names its problem by file:line:col, exits 1', async () => {
    const dir = hub(3);
    appendFileSync(join(dir, 'orgs/org-01/organization.yaml'), 'founded_by: nobody\n');
    const run = fakeIo(dir);
    const out = join(dir, 'out');
    const args = ['build', '--all', '--format', 'html', '--data', 'orgs/*', '--out', out];
    expect(await main(['node', 'report', ...args], run.io)).toBe(1);
    expect(existsSync(join(out, 'org-00/2015/report.html'))).toBe(true);
    expect(existsSync(join(out, 'org-02/2021/report.html'))).toBe(true);
    expect(existsSync(join(out, 'org-01'))).toBe(false);
    expect(run.stderr()).toMatch(/^error\[DATA_INVALID\] org-01 \(2015\): /);
    expect(run.stderr()).toMatch(/orgs\/org-01\/organization\.yaml:\d+:\d+/);
    const lines = run.stdout().split('\n');
    expect(lines).toContain(`org-00 2015: ${out}/org-00/2015/report.html`);
    expect(lines).toContain(`org-02 2021: ${out}/org-02/2021/report.html`);
    expect(run.stdout()).toContain(
      'not built (no narrative.yaml): org-00/2014, org-01/2014, org-02/2019',
    );
    expect(run.stdout()).toMatch(
      /built 2, skipped 3, failed 1 \(in 1 organisation\) in \d+\.\d s\n$/,
    );
  });

  it('says every line in the reader’s language: Chinese on a Chinese system, English with --lang en', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-orgs-'));
    for (const name of ['jia', 'yi']) {
      cpSync(join(FIXTURES, 'minimal'), join(dir, 'orgs', name), { recursive: true });
    }
    appendFileSync(join(dir, 'orgs/yi/organization.yaml'), 'founded_by: nobody\n');
    const build = async (extra: string[]) => {
      const run = fakeIo(dir);
      run.io.env = { LANG: 'zh_CN.UTF-8' };
      const args = ['build', '--all', '--format', 'html', '--data', 'orgs/*', '--out', 'out'];
      const code = await main(['node', 'report', ...args, ...extra], run.io);
      return { code, stdout: run.stdout(), stderr: run.stderr() };
    };
    const zh = await build([]);
    expect(zh.code).toBe(1);
    expect(zh.stdout.split('\n')).toContain('jia 2015 年：out/jia/2015/report.html');
    expect(zh.stdout).toContain('未生成（没有 narrative.yaml）：jia/2014、yi/2014');
    expect(zh.stdout).toMatch(
      /已生成 1 份，跳过 2 份，失败 1 份（涉及 1 个机构），用时 [\d.]+ 秒\n$/,
    );
    expect(zh.stderr).toMatch(/^错误\[DATA_INVALID\] yi（2015）：/);
    expect(zh.stderr).toMatch(/orgs\/yi\/organization\.yaml:\d+:\d+/);
    expect(zh.stderr).toContain('\n  提示：');
    expect(zh.stderr).not.toMatch(/\b(error|hint)\b/);

    const en = await build(['--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(/built 1, skipped 2, failed 1 \(in 1 organisation\) in [\d.]+ s\n$/);
    expect(en.stderr).toMatch(/^error\[DATA_INVALID\] yi \(2015\): /);
    expect(`${en.stdout}${en.stderr}`).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads the organisations from a list file, relative to it', async () => {
    const dir = hub(2);
    writeFileSync(join(dir, 'orgs.txt'), '# members\norgs/org-01\n\norgs/org-00\n');
    const run = fakeIo(dir);
    const out = join(dir, 'out');
    const args = ['build', '--all', '--format', 'html', '--data', 'orgs.txt', '--out', out];
    expect(await main(['node', 'report', ...args], run.io)).toBe(0);
    expect(existsSync(join(out, 'org-00/2015/report.html'))).toBe(true);
    expect(existsSync(join(out, 'org-01/2015/report.html'))).toBe(true);
  });
});
