import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runStats, type StatsDeps } from '../../src/cli/stats.js';
import type { Dataset } from '../../src/schema/files.js';
import { DataError } from '../../src/problems/problem.js';
import { exampleDataset } from './fixtures.js';

function fakeIo(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd: '/nowhere',
    env: {},
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}

function depsFor(dataset: Dataset): StatsDeps & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    readDataset: async (options) => {
      calls.push(options);
      return dataset;
    },
  };
}

describe('report stats (in-memory example)', () => {
  it('writes the stable JSON with --json', async () => {
    const io = fakeIo();
    const deps = depsFor(exampleDataset());
    const code = await runStats({ year: '2015', data: 'data', json: true }, io, deps);
    expect(code).toBe(0);
    expect(deps.calls).toEqual([{ dataDir: 'data', cwd: '/nowhere', years: [2015] }]);
    const json = JSON.parse(io.out());
    expect(Object.keys(json)).toEqual([
      'version',
      'year',
      'years',
      'income',
      'staff',
      'projects',
      'services',
      'awards',
      'media',
    ]);
    expect(json.income.total).toBe(545_000);
    expect(json.income.series.map((s: { total: number }) => s.total)).toEqual([
      80_000, 150_000, 220_000, 545_000,
    ]);
    expect(json.projects.cumulative).toBe(23);
    expect(io.out().endsWith('}\n')).toBe(true);
  });

  it('prints a table in the organisation’s language', async () => {
    const io = fakeIo();
    await runStats({ year: '2015' }, io, depsFor(exampleDataset()));
    const text = io.out();
    expect(text).toContain('苏州市清流社工服务中心 2015年统计');
    expect(text).toMatch(/2015\s+54\.5万元\s+\+147\.7%/);
    expect(text).toMatch(/2014\s+22万元\s+\+46\.7%/);
    expect(text).toContain('年均复合增长率（2012—2015年）：89.6%');
    expect(text).toContain('6.8倍');
    expect(text).toMatch(/政府资助\s+50万元\s+91\.7%/);
    expect(text).toMatch(/儿童服务类\s+6\s+13/);
  });

  it('writes a fall with a minus sign', async () => {
    const shrinking = exampleDataset();
    const last = shrinking.years.at(-1);
    if (last) last.staff = { year: 2015, headcount: 2 };
    const io = fakeIo();
    await runStats({ year: '2015' }, io, depsFor(shrinking));
    expect(io.out()).toMatch(/2015\s+2\s+−3\s/);
  });

  it('prints English labels with --lang en', async () => {
    const io = fakeIo();
    await runStats({ year: '2015', lang: 'en' }, io, depsFor(exampleDataset()));
    expect(io.out()).toMatch(/2015\s+¥545,000\s+\+147\.7%/);
    expect(io.out()).toContain('Compound annual growth 2012–2015: 89.6%');
  });

  it('writes no NaN, Infinity or 0 % in the first year', async () => {
    const io = fakeIo();
    await runStats({ year: '2012' }, io, depsFor(exampleDataset()));
    const text = io.out();
    expect(text).not.toMatch(/NaN|Infinity| 0%|\+0\.0%/);
    expect(text).toMatch(/2012\s+8万元\s+—/);
    const json = fakeIo();
    await runStats({ year: '2012', json: true }, json, depsFor(exampleDataset()));
    expect(JSON.parse(json.out()).income).toMatchObject({
      cagr: null,
      multiple: null,
      change: { previous: null, amount: null, ratio: null },
    });
  });

  it.each(['abc', '15', '2015.5', ''])('refuses %j as a year with a usage error', async (year) => {
    const deps = depsFor(exampleDataset());
    await expect(runStats({ year }, fakeIo(), deps)).rejects.toMatchObject({
      code: 'USAGE',
      exitCode: 2,
    });
    expect(deps.calls).toEqual([]); // nothing read for a malformed year
  });

  it('refuses a year the data set lacks as missing data (exit 1), listing the years there are', async () => {
    await expect(
      runStats({ year: '2016', data: 'data' }, fakeIo(), depsFor(exampleDataset())),
    ).rejects.toMatchObject({
      code: 'DATA_NOT_FOUND',
      exitCode: 1,
      hint: expect.stringContaining('2012, 2013, 2014, 2015'),
    });
  });

  it('lets the loader’s "no folder for the year" through to the shell, as build and validate do', async () => {
    const missing = new DataError(
      [{ file: 'data/2016', line: 0, col: 0, path: '', code: 'year_folder_missing', message: '' }],
      'data/2016: there is no folder for the year 2016',
    );
    await expect(
      runStats({ year: '2016', data: 'data' }, fakeIo(), {
        readDataset: async () => {
          throw missing;
        },
      }),
    ).rejects.toBe(missing);
    expect(missing.exitCode).toBe(1);
  });

  it('lets any other data error through to the shell (exit 1)', async () => {
    const invalid = new DataError(
      [
        {
          file: 'data/2015/income.yaml',
          line: 3,
          col: 5,
          path: 'lines.0.amount',
          code: 'money_format',
          message: '',
        },
      ],
      'data/2015/income.yaml:3:5 …',
    );
    await expect(
      runStats({ year: '2015' }, fakeIo(), {
        readDataset: async () => {
          throw invalid;
        },
      }),
    ).rejects.toBe(invalid);
    expect(invalid.exitCode).toBe(1);
  });
});
