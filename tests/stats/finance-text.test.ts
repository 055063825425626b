/**
 * The finance figures in the text of `report stats` (as in its --json): the second example's
 * expenditure total, surplus, category shares adding up to 100.0 % and ratios, checked by hand,
 * in Chinese and English; a deficit and a missed spending rule; data without finance.yaml
 * prints no finance section.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../support/fake-io.js';
import { makeData, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** `report stats` as text, each line trimmed with its columns one space apart. */
async function statsText(cwd: string, args: string[]): Promise<string[]> {
  const run = fakeIo(cwd);
  expect(await main(['node', 'report', 'stats', ...args], run.io)).toBe(0);
  return run
    .stdout()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .split(/\s{2,}/)
        .join(' '),
    );
}

/** The lines from `heading` to the next blank line after `after`. */
function section(lines: string[], heading: string, after: string): string[] {
  const start = lines.indexOf(heading);
  const end = lines.indexOf('', lines.indexOf(after, start));
  return lines.slice(start, end);
}

// By hand from examples/qinghe/data/2024: income 786 000 (45万 + 20万 + 8万 + 56 000);
// expenditure 694 000: programme 586 000, management 83 000, fundraising 15 000, other 10 000.
// Per mille 844.38, 119.60, 21.61, 14.41: floors 998, the two largest remainders (.61, .60) get
// one each: 844, 120, 22, 14. Surplus 786 000 − 694 000 = 92 000; 2023: 636 000 − 540 000.
// Change 694 000 / 540 000 − 1 = +28.5 % (+154 000). Programme against 2023's income:
// 586 000 / 636 000 = 92.1 %.
describe('report stats (text): finances', () => {
  it('the second example, zh-CN', async () => {
    const lines = await statsText(ROOT, ['2024', '--data', 'examples/qinghe/data']);
    expect(section(lines, '财务', '支出合计 69.4万元 100.0%')).toEqual([
      '财务',
      '年份 收入 支出 结余',
      '2023 63.6万元 54万元 9.6万元',
      '2024 78.6万元 69.4万元 9.2万元',
      '',
      '2024年支出',
      '支出项目 金额 占比',
      '业务活动成本 58.6万元 84.4%',
      '项目人员费用 35.2万元',
      '活动与物资 19.6万元',
      '志愿者保险与培训 3.8万元',
      '管理费用 8.3万元 12.0%',
      '行政人员费用 6.2万元',
      '办公场地 2.1万元',
      '筹资费用 1.5万元 2.2%',
      '其他费用 1万元 1.4%',
      '支出合计 69.4万元 100.0%',
    ]);
    const after = lines.slice(lines.indexOf('支出合计 69.4万元 100.0%') + 2);
    expect(after.slice(0, 10)).toEqual([
      '支出较上年：+28.5% (+15.4万元)',
      '本年结余（收入减支出）：9.2万元',
      '净资产：年初 17.1万元，年末 26.3万元',
      '业务活动成本占总支出：84.4%',
      '管理费用占总支出：12.0%',
      '筹资费用占总支出：2.2%',
      '业务活动成本占上年总收入：92.1%',
      '审计：青禾会计师事务所（虚构），标准无保留意见',
      '支出规定（《关于慈善组织开展慈善活动年度支出和管理费用的规定》（2016）第八条）：业务活动成本不低于上年总收入的 70.0%：达到；管理费用不高于总支出的 13.0%：达到',
      '',
    ]);
    // The category shares add up to 100.0 %.
    const shares = ['业务活动成本', '管理费用', '筹资费用', '其他费用'].map((label) =>
      Number(/ ([\d.]+)%$/.exec(lines.find((l) => l.startsWith(`${label} `)) ?? '')?.[1]),
    );
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it('the second example, en', async () => {
    const lines = await statsText(ROOT, ['2024', '--data', 'examples/qinghe/data', '--lang', 'en']);
    const start = lines.indexOf('Finances');
    expect(lines.slice(start, start + 4)).toEqual([
      'Finances',
      'Year Income Expenditure Surplus',
      '2023 ¥636,000 ¥540,000 ¥96,000',
      '2024 ¥786,000 ¥694,000 ¥92,000',
    ]);
    for (const line of [
      'Programme costs ¥586,000 84.4%',
      'Management costs ¥83,000 12.0%',
      'Fundraising costs ¥15,000 2.2%',
      'Other costs ¥10,000 1.4%',
      'Total expenditure ¥694,000 100.0%',
      'Expenditure, change on the previous year: +28.5% (+¥154,000)',
      'Surplus (income less expenditure): ¥92,000',
      'Net assets: ¥171,000 at the start, ¥263,000 at the end',
      'Programme costs, share of expenditure: 84.4%',
      'Management costs, share of expenditure: 12.0%',
      "Programme costs against the previous year's income: 92.1%",
      'Audit: 青禾会计师事务所（虚构）, unqualified opinion',
    ])
      expect(lines).toContain(line);
  });

  it('a deficit and a missed spending rule, in both languages', async () => {
    // Income 2015: 545 000; expenditure 500 000 + 100 000 = 600 000: a deficit of 55 000.
    // Management 100 000 / 600 000 = 16.7 % > 10 % (missed); programme 500 000 against 2014's
    // income 300 000 = 166.7 % ≥ 70 % (met); the board's own 40 % cap is met.
    const { cwd } = await makeData({
      '2015/finance.yaml':
        'year: 2015\nexpenditure:\n  lines:\n    - { category: programme, amount: 500000 }\n    - { category: management, amount: 100000 }\n' +
        'spending_rules:\n  - rule: public_foundation\n  - rule: custom\n    max_management_share: "40%"\n    source: 理事会决议\n',
    });
    const zh = await statsText(cwd, ['2015']);
    expect(zh).toContain('本年赤字（支出超出收入）：5.5万元');
    expect(zh).toContain('2015 54.5万元 60万元 −5.5万元');
    expect(zh).toContain('管理费用占总支出：16.7%');
    expect(zh).toContain(
      '支出规定（《关于慈善组织开展慈善活动年度支出和管理费用的规定》（2016）第七条）：业务活动成本不低于上年总收入的 70.0%：达到；管理费用不高于总支出的 10.0%：未达到',
    );
    expect(zh).toContain('支出规定（理事会决议）：管理费用不高于总支出的 40.0%：达到');
    const en = await statsText(cwd, ['2015', '--lang', 'en']);
    expect(en).toContain('Deficit (expenditure over income): ¥55,000');
    expect(en).toContain(
      'Spending rule (理事会决议): management costs at most 40.0% of expenditure: met',
    );
    expect(en.find((l) => l.startsWith('Spending rule (《'))).toMatch(
      /management costs at most 10\.0% of expenditure: missed$/,
    );
  });

  it('prints no finance section for data without finance.yaml', async () => {
    const lines = await statsText(ROOT, ['2015']);
    expect(lines).not.toContain('财务');
    expect(lines.some((l) => l.includes('支出'))).toBe(false);
  });
});
