/**
 * The example organisation's published figures (2015 annual summary of 苏州市清流社工服务中心),
 * computed from the real data/ folder through the real loader and the real command.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { readDataset } from '../../src/read-dataset.js';
import { computeStats } from '../../src/stats/compute-stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function fakeIo(cwd = root): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd,
    env: {},
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}

async function run(args: string[], cwd = root) {
  const io = fakeIo(cwd);
  const code = await main(['node', 'report', 'stats', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const dataset = await readDataset({ dataDir: 'data', cwd: root });
const stats = computeStats(dataset, 2015);
const percent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? null : Math.round(ratio * 1000) / 10;

describe('the example data (data/, 2012–2015)', () => {
  it.each([
    [2012, 80_000, null],
    [2013, 150_000, 87.5],
    [2014, 220_000, 46.7],
    [2015, 545_000, 147.7],
  ])('income %d: %d yuan, %s %% on the year before', (year, total, growth) => {
    const entry = stats.income.series.find((s) => s.year === year);
    expect(entry?.total).toBe(total);
    expect(percent(entry?.change.ratio)).toBe(growth);
  });

  it('grew 89.6 % a year since 2012, to 6.8 times', () => {
    expect(percent(stats.income.cagr)).toBe(89.6);
    expect(stats.income.multiple).toBe(6.8125);
  });

  it('has more than 90 % government money, as the summary says', () => {
    expect(stats.income.governmentShare).toBeGreaterThan(0.9);
    expect(stats.income.byKind.reduce((sum, k) => sum + (k.sharePermille ?? 0), 0)).toBe(1000);
  });

  it('grew from 1 to 3 to 5 to 6 staff', () => {
    expect(stats.staff.series.map((s) => s.headcount)).toEqual([1, 3, 5, 6]);
  });

  it('ran 23 projects by the end of 2015: 10 support, 13 children', () => {
    expect(stats.projects.cumulative).toBe(23);
    expect(
      Object.fromEntries(stats.projects.byCategory.map((c) => [c.label, c.cumulative])),
    ).toEqual({ 支持类: 10, 儿童服务类: 13 });
  });

  it('reached about 5000 person-times in 2015 and got 3 media reports', () => {
    expect(stats.services.personTimes).toEqual({ value: 5000, approx: 'about' });
    expect(stats.media.reports).toBe(3);
  });
});

describe('report stats on data/', () => {
  it('prints the 2015 figures as JSON', async () => {
    const { code, out } = await run(['2015', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.year).toBe(2015);
    expect(json.income.total).toBe(545_000);
    expect(
      json.income.series.map((s: { change: { ratio: number | null } }) => percent(s.change.ratio)),
    ).toEqual([null, 87.5, 46.7, 147.7]);
    expect(percent(json.income.cagr)).toBe(89.6);
    expect(json.staff.headcount).toBe(6);
    expect(json.projects.cumulative).toBe(23);
  });

  it('prints the first year without NaN, Infinity or an invented 0 %', async () => {
    const { code, out } = await run(['2012']);
    expect(code).toBe(0);
    expect(out).toContain('2012年统计');
    expect(out).not.toMatch(/NaN|Infinity| 0%|[+−]0\.0%/);
    expect(out).toMatch(/2012\s+8万元\s+—/);
  });

  it.each([
    ['2016', 1, /data\/2016 {2}没有 2016 年的数据文件夹[^]*有数据的年份：2012、2013、2014、2015/],
    ['2011', 1, /data\/2011 {2}没有 2011 年的数据文件夹[^]*有数据的年份：2012、2013、2014、2015/],
    // The example organisation is Chinese: so is the usage error.
    ['twenty', 2, /^错误\[USAGE\]：“twenty”不是年份\n/],
  ])('the year %s: exit %i', async (year, exit, message) => {
    const { code, err } = await run([year]);
    expect(code).toBe(exit);
    expect(err).toMatch(message);
  });

  describe('with invalid data', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-stats-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 1 and lists the problem with its place', async () => {
      cpSync(path.join(root, 'data'), path.join(dir, 'data'), { recursive: true });
      const income = path.join(dir, 'data/2014/income.yaml');
      writeFileSync(income, readFileSync(income, 'utf8').replace(/amount: [^\n]+/, 'amount: 十万'));
      const { code, err, out } = await run(['2015', '--json'], dir);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/data\/2014\/income\.yaml:\d+:\d+/);
    });
  });
});
