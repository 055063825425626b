/**
 * Finances (finance.yaml): the second example's figures checked by hand through
 * `report stats --json`, and the bad inputs — lines that do not add up to the stated total, a
 * finance figure in a year without finance.yaml — each a located error, exit 1, nothing written;
 * a missed spending rule is a warning that names the rule and its source.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkDataset } from '../../src/read-dataset.js';
import { fakeIo } from '../support/fake-io.js';
import { makeData, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);
const ROOT = path.resolve(import.meta.dirname, '../..');

const finance = (lines: string, extra = '') => `year: 2015\nexpenditure:\n${lines}${extra}`;

describe('report stats --json of the second example (examples/qinghe)', () => {
  it('shows the finance figures: totals, shares adding up to 100.0 %, ratios', async () => {
    const run = fakeIo(ROOT);
    const code = await main(
      ['node', 'report', 'stats', '2024', '--data', 'examples/qinghe/data', '--json'],
      run.io,
    );
    expect(code).toBe(0);
    const f = JSON.parse(run.stdout()).finance;
    // By hand from examples/qinghe/data/2024: income 45万 + 20万 + 8万 + 56 000 = 786 000;
    // programme 352 000 + 196 000 + 38 000 = 586 000; management 62 000 + 21 000 = 83 000;
    // fundraising 15 000; other 10 000; expenditure 694 000 (the stated 69.4万).
    expect(f.income).toBe(786_000);
    expect(f.expenditure.total).toBe(694_000);
    expect(f.surplus).toBe(92_000);
    expect(
      f.expenditure.byCategory.map((c: { id: string; amount: number }) => [c.id, c.amount]),
    ).toEqual([
      ['programme', 586_000],
      ['management', 83_000],
      ['fundraising', 15_000],
      ['other', 10_000],
    ]);
    // Per mille: 844.38, 119.60, 21.61, 14.41; the floors 844 + 119 + 21 + 14 = 998 leave two
    // units for the largest remainders (.60 management, .61 fundraising): 844, 120, 22, 14.
    const permille = f.expenditure.byCategory.map(
      (c: { sharePermille: number }) => c.sharePermille,
    );
    expect(permille).toEqual([844, 120, 22, 14]);
    expect(permille.reduce((a: number, b: number) => a + b, 0)).toBe(1000);
    expect(f.ratios.programmeShare).toBeCloseTo(586 / 694, 12);
    expect(f.ratios.managementShare).toBeCloseTo(83 / 694, 12);
    // Programme costs against 2023's income (42万 + 18万 + 36 000 = 636 000).
    expect(f.ratios.programmeVsPreviousIncome).toBeCloseTo(586_000 / 636_000, 12);
    expect(f.netAssets).toEqual({ start: 171_000, end: 263_000, change: 92_000 });
    expect(f.expenditure.change).toEqual({
      previous: 540_000,
      amount: 154_000,
      ratio: 154_000 / 540_000,
    });
    expect(f.rules).toEqual([
      expect.objectContaining({ rule: 'public_charity', programmeMet: true, managementMet: true }),
    ]);
    expect(f.series.map((s: { year: number }) => s.year)).toEqual([2023, 2024]);
  });

  it('leaves the JSON of data without finance.yaml as it was (no finance key)', async () => {
    const run = fakeIo(ROOT);
    await main(['node', 'report', 'stats', '2015', '--json'], run.io);
    expect(Object.keys(JSON.parse(run.stdout()))).not.toContain('finance');
  });
});

describe('finance.yaml checks', () => {
  it('reports expenditure lines that do not add up to the stated total at the total', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/finance.yaml': finance(
        '  total: "50万"\n  lines:\n    - { category: programme, amount: 400000 }\n    - { category: management, amount: 90000 }\n',
      ),
    });
    const result = await checkDataset({ cwd, dataDir, lang: 'en' });
    expect(
      result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path}  ${p.message}`),
    ).toEqual([
      'data/2015/finance.yaml:3:10 expenditure.total  total says 500,000 yuan but the lines add up to 490,000 yuan (difference +10,000 yuan)',
    ]);
    const run = fakeIo(cwd);
    expect(await main(['node', 'report', 'build', '2015', '--format', 'html'], run.io)).toBe(1);
    expect(run.stderr()).toContain('data/2015/finance.yaml:3:10');
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('reports an unknown category with the known ones, and a project that is not the year’s', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/finance.yaml': finance(
        '  lines:\n    - { category: programe, amount: 1 }\n    - { category: other, amount: 1, project: after-scool }\n',
      ),
    });
    const lines = (await checkDataset({ cwd, dataDir, lang: 'en' })).problems.map(
      (p) => `${p.line}:${p.col} ${p.path} | ${p.hint}`,
    );
    expect(lines).toEqual([
      '4:19 expenditure.lines.0.category | did you mean "programme"?',
      '5:46 expenditure.lines.1.project | did you mean "after-school"?',
    ]);
  });

  it('a finance figure in a year without finance.yaml is a located error', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/narrative.yaml':
        'year: 2015\ntitle: t\nopening: 支出 {{expenditure.total}}\nsections:\n  - { id: a, title: b }\nsignature: { date: 2015-12-31 }\n',
    });
    const problems = (await checkDataset({ cwd, dataDir, lang: 'en' })).problems;
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '3:13 the figure {{expenditure.total}} cannot be used: 2015 has no finance.yaml, so no such figure',
    ]);
  });

  it('warns, without failing, when a stated spending rule is missed, naming rule and source', async () => {
    const { cwd, dataDir } = await makeData({
      '2015/finance.yaml': finance(
        '  lines:\n    - { category: programme, amount: 100000 }\n    - { category: management, amount: 50000 }\n',
        'spending_rules:\n  - rule: public_foundation\n  - rule: custom\n    max_management_share: "40%"\n    source: 理事会决议\n',
      ),
    });
    const result = await checkDataset({ cwd, dataDir, lang: 'zh-CN' });
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => `${w.line}:${w.col} ${w.message}`)).toEqual([
      // 2014's income is 300 000: 100 000 is 33.3 % of it; management 50 000 of 150 000.
      '7:11 管理费用占总支出的 33.3%，高于 10.0% 的上限（《关于慈善组织开展慈善活动年度支出和管理费用的规定》（2016）第七条）',
      '7:11 业务活动成本为 2014 年总收入的 33.3%，低于 70.0% 的要求（《关于慈善组织开展慈善活动年度支出和管理费用的规定》（2016）第七条）',
    ]);
  });
});
