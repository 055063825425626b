/** `report validate` through runValidate with a fake Io: output formats and exit codes. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runValidate } from '../../src/cli/validate.js';
import { MINIMAL, makeData, removeMadeData } from './helpers.js';
import { fakeIo } from '../support/fake-io.js';

afterAll(removeMadeData);

const broken = {
  '2015/income.yaml':
    'year: 2015\nlines:\n  - source: 区民政局\n    kind: government\n    amount: "54.5万x"\n',
  '2015/staff.yaml': 'year: 2015\nheadcount: 2\nvolunteer: 5\n',
};

describe('report validate', () => {
  it('exits 0 with a one-line summary when the data is valid', async () => {
    const { cwd } = await makeData();
    const run = fakeIo(cwd);
    expect(await runValidate({ data: 'data', format: 'text' }, run.io)).toBe(0);
    expect(run.stdout()).toBe('数据有效：2 个年度，2 个项目\n');
    const en = fakeIo(cwd);
    expect(await runValidate({ data: 'data', lang: 'en' }, en.io)).toBe(0);
    expect(en.stdout()).toBe('data valid: 2 years, 2 projects\n');
  });

  it('exits 1 and prints each problem with its hint and a summary', async () => {
    const { cwd } = await makeData(broken);
    const run = fakeIo(cwd);
    expect(await runValidate({ data: 'data', format: 'text', lang: 'en' }, run.io)).toBe(1);
    expect(run.stdout()).toBe(
      [
        'data/2015/income.yaml:5:13  lines.0.amount  "54.5万x" is not an amount: write 545000 or "54.5万"',
        '    hint: amounts are in yuan; 万 and 亿 are allowed, no currency signs or words',
        'data/2015/staff.yaml:3:1  volunteer  unknown field "volunteer"',
        '    hint: did you mean "volunteers"?',
        '2 problems in 2 files',
        '',
      ].join('\n'),
    );
  });

  it('prints the summary in Chinese by default', async () => {
    const { cwd } = await makeData(broken);
    const run = fakeIo(cwd);
    await runValidate({ data: 'data' }, run.io);
    expect(run.stdout()).toContain('"54.5万x" 不是金额：请写成 545000 或 "54.5万"');
    expect(run.stdout().trimEnd().split('\n').at(-1)).toBe('发现 2 个问题，涉及 2 个文件');
  });

  it('prints GitHub annotations with escaped data', async () => {
    const { cwd } = await makeData(broken);
    const run = fakeIo(cwd);
    expect(await runValidate({ data: 'data', format: 'github', lang: 'en' }, run.io)).toBe(1);
    expect(run.stdout()).toBe(
      '::error file=data/2015/income.yaml,line=5,col=13,title=money_format lines.0.amount::"54.5万x" is not an amount: write 545000 or "54.5万"%0Aamounts are in yuan; 万 and 亿 are allowed, no currency signs or words\n' +
        '::error file=data/2015/staff.yaml,line=3,col=1,title=unknown_key volunteer::unknown field "volunteer"%0Adid you mean "volunteers"?\n',
    );
  });

  it('escapes %, CR and LF in annotations', async () => {
    const { cwd } = await makeData({
      '2015/income.yaml': 'year: 2015\nlines:\n  - {source: a, kind: government, amount: "50%"}\n',
    });
    const run = fakeIo(cwd);
    await runValidate({ data: 'data', format: 'github', lang: 'en' }, run.io);
    expect(run.stdout()).toContain('::"50%25" is not an amount');
  });

  it('prints a stable JSON array', async () => {
    const { cwd } = await makeData(broken);
    const run = fakeIo(cwd);
    expect(await runValidate({ data: 'data', format: 'json', lang: 'en' }, run.io)).toBe(1);
    const problems = JSON.parse(run.stdout()) as Record<string, unknown>[];
    expect(problems[1]).toEqual({
      file: 'data/2015/staff.yaml',
      line: 3,
      col: 1,
      path: 'volunteer',
      code: 'unknown_key',
      message: 'unknown field "volunteer"',
      hint: 'did you mean "volunteers"?',
      severity: 'error',
    });
    expect(Object.keys(problems[0]!)).toEqual([
      'file',
      'line',
      'col',
      'path',
      'code',
      'message',
      'hint',
      'severity',
    ]);
    const valid = fakeIo((await makeData()).cwd);
    expect(await runValidate({ data: 'data', format: 'json' }, valid.io)).toBe(0);
    expect(valid.stdout()).toBe('[]\n');
  });

  it('validates one year (and the years before it)', async () => {
    const { cwd } = await makeData({ '2015/staff.yaml': 'year: 2015\nheadcount: x\n' });
    const run = fakeIo(cwd);
    expect(await runValidate({ year: '2014', data: 'data', lang: 'en' }, run.io)).toBe(0);
    expect(run.stdout()).toBe('data valid: 1 year, 1 project\n');
    expect(await runValidate({ year: '2015', data: 'data', lang: 'en' }, fakeIo(cwd).io)).toBe(1);
  });

  it('exits 2 for a bad year argument and 1 with a hint for a missing data folder (via main)', async () => {
    const { cwd } = await makeData();
    const bad = fakeIo(cwd);
    const args = ['node', 'report', 'validate', '15', '--data', 'data', '--lang', 'en'];
    expect(await main(args, bad.io)).toBe(2);
    expect(bad.stderr()).toBe(
      'error[USAGE]: "15" is not a year\n  hint: write the year with 4 digits, e.g. report validate 2015\n',
    );
    const none = fakeIo(cwd);
    expect(await main(['node', 'report', 'validate', '--data', 'missing'], none.io)).toBe(1);
    expect(none.stderr()).toBe(
      'error[DATA_NOT_FOUND]: data folder not found: missing\n  hint: run from the folder that contains missing/, or pass --data <folder>\n',
    );
  });
});

describe('a new user', () => {
  it('breaks an amount, reads where and what to write, fixes it, and passes', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'report-new-user-'));
    try {
      await cp(MINIMAL, path.join(cwd, 'data'), { recursive: true });
      const income = path.join(cwd, 'data', '2015', 'income.yaml');
      const original = await readFile(income, 'utf8');
      await writeFile(income, original.replace('amount: 445000', 'amount: 44.5万元整'));

      const first = fakeIo(cwd);
      expect(await main(['node', 'report', 'validate'], first.io)).toBe(1);
      const [location, hint] = first.stdout().split('\n');
      expect(location).toBe(
        'data/2015/income.yaml:6:13  lines.0.amount  "44.5万元整" 不是金额：请写成 545000 或 "54.5万"',
      );
      expect(hint).toBe('    提示：金额以元为单位；可用“万”“亿”，不要写货币符号或其他文字');

      await writeFile(income, original.replace('amount: 445000', 'amount: "44.5万"'));
      const second = fakeIo(cwd);
      expect(await main(['node', 'report', 'validate'], second.io)).toBe(0);
      expect(second.stdout()).toBe('数据有效：2 个年度，2 个项目\n');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
