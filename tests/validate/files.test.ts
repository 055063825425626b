/** Files and folders: missing, too large, not UTF-8, BOM + CRLF; readDataset and its years option. */
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataset, readDataset } from '../../src/read-dataset.js';
import { readDataFile } from '../../src/load/read-files.js';
import { DataError } from '../../src/problems/problem.js';
import { isReportError } from '../../src/errors.js';
import { MINIMAL, linesWith, makeData, problemsWith, removeMadeData } from './helpers.js';

afterAll(removeMadeData);

describe('files', () => {
  it('names a missing required file and still checks the other years (D20)', async () => {
    expect(
      await linesWith({
        '2015/income.yaml': null,
        '2014/staff.yaml': 'year: 2014\nheadcount: -2\n',
      }),
    ).toEqual([
      'data/2014/staff.yaml:2:12 headcount  -2 is too small: it must be at least 0',
      'data/2015/income.yaml:0:0   required file income.yaml is missing',
    ]);
  });

  it('names a missing organization.yaml', async () => {
    const [problem] = await problemsWith({ 'organization.yaml': null }, 'zh-CN');
    expect(problem).toMatchObject({
      file: 'data/organization.yaml',
      message: '缺少必需的文件 organization.yaml',
      hint: '新建这个文件，格式见 docs/data-format.md',
    });
  });

  it('refuses a 6 MB file before parsing it (D15)', async () => {
    const big = `year: 2015\n${'#'.repeat(6 * 1024 * 1024)}\n`;
    expect(await linesWith({ '2015/projects.yaml': big })).toEqual([
      'data/2015/projects.yaml:1:1   the file is 6.0 MB, which exceeds the 5.0 MB limit; not read',
    ]);
  });

  it('refuses a 50 MB file by its size alone, without reading it (D15)', async () => {
    const { cwd, dataDir } = await makeData();
    const file = path.join(cwd, dataDir, '2015', 'narrative.yaml');
    const handle = await open(file, 'w');
    await handle.truncate(50 * 1024 * 1024); // sparse: no 50 MB of memory or disk needed
    await handle.close();
    const rssBefore = process.memoryUsage().rss;
    const loaded = await readDataFile(file, 'data/2015/narrative.yaml');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(20 * 1024 * 1024);
    expect(loaded?.findings).toEqual([
      {
        file: 'data/2015/narrative.yaml',
        line: 1,
        col: 1,
        path: [],
        code: 'file_too_large',
        params: { size: 50 * 1024 * 1024, limit: 5 * 1024 * 1024 },
      },
    ]);
  });

  it('refuses invalid UTF-8 (a GBK file) at the first bad byte, with what to do (D18)', async () => {
    const gbk = Buffer.concat([
      Buffer.from('year: 2015\nmembers:\n  - role: '),
      Buffer.from([0xc9, 0xe7, 0xb9, 0xa4]), // 社工 in GBK
      Buffer.from('\n'),
    ]);
    const [problem] = await problemsWith({ '2015/staff.yaml': gbk }, 'zh-CN');
    expect(problem).toMatchObject({
      file: 'data/2015/staff.yaml',
      line: 3,
      col: 11,
      code: 'file_not_utf8',
      message: '文件不是 UTF-8 编码（此处字节 0xC9 无法识别）',
      hint: '请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8），不要用 GBK/ANSI',
    });
  });

  it('points at a truncated multi-byte character, not after it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('year: 2015\nheadcount: 2 # 社'),
      Buffer.from([0xe5, 0xb7]),
    ]);
    const [problem] = await problemsWith({ '2015/staff.yaml': bytes });
    expect(problem).toMatchObject({ line: 2, col: 17, code: 'file_not_utf8' });
  });

  it('refuses a NUL byte (D18)', async () => {
    expect(await linesWith({ '2015/staff.yaml': 'year: 2015\nheadcount: 2\u0000\n' })).toEqual([
      'data/2015/staff.yaml:2:13   the file contains the control character U+0000; it is not plain text',
    ]);
  });

  it('accepts a BOM and Windows line endings (D18)', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/staff.yaml':
        '\ufeffyear: 2015\r\nheadcount: 2\r\nmembers:\r\n  - role: 总干事\r\n  - role: 社工\r\n',
    });
    const result = await checkDataset({ cwd, dataDir });
    expect(result.problems).toEqual([]);
    expect(result.dataset?.years[1]?.staff.members?.map((m) => m.role)).toEqual(['总干事', '社工']);
  });

  it('reports the right line in a CRLF file', async () => {
    expect(
      await linesWith({
        '2015/staff.yaml': '\ufeffyear: 2015\r\nheadcount: 2\r\nvolunteers: -1\r\n',
      }),
    ).toEqual(['data/2015/staff.yaml:3:13 volunteers  -1 is too small: it must be at least 0']);
  });
});

describe('readDataset', () => {
  it('returns the normalised data set of the minimal fixture', async () => {
    const cwd = path.dirname(path.dirname(MINIMAL));
    const dataset = await readDataset({ dataDir: 'data/minimal', cwd });
    expect(dataset.organization.vocabularies.funding_kinds.length).toBe(6);
    expect(dataset.years.map((y) => y.year)).toEqual([2014, 2015]);
    const y2015 = dataset.years[1]!;
    expect(y2015.income.total).toBe(545000);
    expect(y2015.income.lines.map((l) => l.amount)).toEqual([445000, 100000]);
    expect(y2015.projects.projects[0]?.services.casework).toEqual({ value: 40, approx: 'nearly' });
    expect(dataset.years[0]?.awards).toEqual({ year: 2014, awards: [], media: [] });
    expect(dataset.years[0]?.narrative).toBeNull();
  });

  it('throws a DataError whose message is the problem list', async () => {
    const { cwd, dataDir } = await makeData({ '2015/staff.yaml': 'year: 2015\nheadcount: x\n' });
    const error = await readDataset({ cwd, dataDir, lang: 'en' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(isReportError(error) && error.code).toBe('DATA_INVALID');
    expect(isReportError(error) && error.exitCode).toBe(1);
    expect((error as DataError).problems).toHaveLength(1);
    expect((error as DataError).message).toBe(
      'data/2015/staff.yaml:2:12  headcount  expected a number, found "x"\n' +
        '    hint: write numbers without quotes, e.g. 2015\n' +
        '1 problem in 1 file',
    );
  });

  it('throws DATA_NOT_FOUND with a hint when the folder does not exist', async () => {
    const error = await readDataset({ cwd: MINIMAL, dataDir: 'nowhere' }).catch((e: unknown) => e);
    expect(isReportError(error) && [error.code, error.message, error.hint]).toEqual([
      'DATA_NOT_FOUND',
      'data folder not found: nowhere',
      'run from the folder that contains nowhere/, or pass --data <folder>',
    ]);
  });

  it('with years, loads every earlier year but not later ones; only the given years must exist', async () => {
    const { cwd, dataDir } = await makeData();
    await mkdir(path.join(cwd, dataDir, '2016'));
    await writeFile(path.join(cwd, dataDir, '2016', 'income.yaml'), 'broken: [');
    const dataset = await readDataset({ cwd, dataDir, years: [2015] });
    expect(dataset.years.map((y) => y.year)).toEqual([2014, 2015]);
    const only2014 = await readDataset({ cwd, dataDir, years: [2014] });
    expect(only2014.years.map((y) => y.year)).toEqual([2014]);
    const missing = await checkDataset({ cwd, dataDir, years: [2013], lang: 'en' });
    expect(missing.problems.map((p) => `${p.file} ${p.message}`)).toEqual([
      'data/2013 there is no folder for the year 2013',
    ]);
  });

  it('writes messages in the organisation’s locale unless asked otherwise', async () => {
    const org = `locale: en\n${(await import('node:fs')).readFileSync(path.join(MINIMAL, 'organization.yaml'), 'utf8').replace('locale: zh-CN\n', '')}`;
    const files = { 'organization.yaml': org, '2015/staff.yaml': 'year: 2015\nheadcount: x\n' };
    const { cwd, dataDir } = await makeData(files);
    expect((await checkDataset({ cwd, dataDir })).problems[0]?.message).toBe(
      'expected a number, found "x"',
    );
    expect((await checkDataset({ cwd, dataDir, lang: 'zh-CN' })).problems[0]?.message).toBe(
      '应为数字，实际是 "x"',
    );
    const zh = await makeData({ '2015/staff.yaml': 'year: 2015\nheadcount: x\n' });
    expect((await checkDataset(zh)).lang).toBe('zh-CN');
  });
});
