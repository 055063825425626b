/**
 * The finance part of `report stats` as text (the year's finance.yaml, src/stats/finance.ts):
 * income, expenditure and surplus over the years, the year's expenditure by category with its
 * finer lines and shares (largest remainder, adding up to 100.0 %), the change on the previous
 * year, the surplus or deficit, net assets, the ratios funders and regulators read, the audit
 * and the spending rules the organisation states. The same figures as `report stats --json`'s
 * `finance` (docs/stats.md).
 */
import { DASH, formatMoney, formatPercent } from '../render/format.js';
import type { Locale } from '../schema/files.js';
import type { FinanceStats } from '../stats/index.js';

type Table = (head: string[], rows: string[][]) => string[];

const WORDS = {
  'zh-CN': {
    heading: '财务',
    year: '年份',
    income: '收入',
    expenditure: '支出',
    surplus: '结余',
    byCategory: (year: number) => `${year}年支出`,
    category: '支出项目',
    amount: '金额',
    share: '占比',
    total: '支出合计',
    categories: {
      programme: '业务活动成本',
      management: '管理费用',
      fundraising: '筹资费用',
      other: '其他费用',
    } as Record<string, string>,
    change: '支出较上年',
    surplusLine: '本年结余（收入减支出）',
    deficitLine: '本年赤字（支出超出收入）',
    netAssets: (start: string, end: string) => `净资产：年初 ${start}，年末 ${end}`,
    programmeShare: '业务活动成本占总支出',
    managementShare: '管理费用占总支出',
    fundraisingShare: '筹资费用占总支出',
    programmeVsPreviousIncome: '业务活动成本占上年总收入',
    audit: (firm: string, opinion: string) => `审计：${firm}，${opinion}`,
    opinions: {
      unqualified: '标准无保留意见',
      qualified: '保留意见',
      adverse: '否定意见',
      disclaimer: '无法表示意见',
    } as Record<string, string>,
    rule: (source: string) => `支出规定（${source}）`,
    minProgramme: (min: string) => `业务活动成本不低于上年总收入的 ${min}`,
    maxManagement: (max: string) => `管理费用不高于总支出的 ${max}`,
    met: '达到',
    missed: '未达到',
    unknown: '无法计算（没有上年收入）',
    custom: '机构自定规定',
    colon: '：',
    separator: '；',
  },
  en: {
    heading: 'Finances',
    year: 'Year',
    income: 'Income',
    expenditure: 'Expenditure',
    surplus: 'Surplus',
    byCategory: (year: number) => `Expenditure in ${year}`,
    category: 'Item',
    amount: 'Amount',
    share: 'Share',
    total: 'Total expenditure',
    categories: {
      programme: 'Programme costs',
      management: 'Management costs',
      fundraising: 'Fundraising costs',
      other: 'Other costs',
    } as Record<string, string>,
    change: 'Expenditure, change on the previous year',
    surplusLine: 'Surplus (income less expenditure)',
    deficitLine: 'Deficit (expenditure over income)',
    netAssets: (start: string, end: string) =>
      `Net assets: ${start} at the start, ${end} at the end`,
    programmeShare: 'Programme costs, share of expenditure',
    managementShare: 'Management costs, share of expenditure',
    fundraisingShare: 'Fundraising costs, share of expenditure',
    programmeVsPreviousIncome: "Programme costs against the previous year's income",
    audit: (firm: string, opinion: string) => `Audit: ${firm}, ${opinion}`,
    opinions: {
      unqualified: 'unqualified opinion',
      qualified: 'qualified opinion',
      adverse: 'adverse opinion',
      disclaimer: 'disclaimer of opinion',
    } as Record<string, string>,
    rule: (source: string) => `Spending rule (${source})`,
    minProgramme: (min: string) => `programme costs at least ${min} of the previous year's income`,
    maxManagement: (max: string) => `management costs at most ${max} of expenditure`,
    met: 'met',
    missed: 'missed',
    unknown: 'cannot be computed (no previous year’s income)',
    custom: "the organisation's own rule",
    colon: ': ',
    separator: '; ',
  },
} as const;

/** The lines of the finance section (a heading, tables, `  label：value` lines). */
export function financeLines(f: FinanceStats, locale: Locale, table: Table): string[] {
  const t = WORDS[locale];
  const money = (yuan: number | null) => (yuan === null ? DASH : formatMoney(yuan, locale));
  const pct = (ratio: number | null) => formatPercent(ratio, {}, locale);
  const permille = (value: number | null) =>
    value === null ? DASH : formatPercent(value / 1000, {}, locale);
  const line = (label: string, value: string) => `  ${label}${t.colon}${value}`;
  const out: string[] = [t.heading];

  out.push(
    ...table(
      [t.year, t.income, t.expenditure, t.surplus],
      f.series.map((s) => [
        String(s.year),
        money(s.income),
        money(s.expenditure),
        money(s.surplus),
      ]),
    ),
    '',
    `  ${t.byCategory(f.year)}`,
  );
  const rows: string[][] = [];
  for (const c of f.expenditure.byCategory) {
    if (c.amount === 0 && c.items.length === 0) continue;
    rows.push([t.categories[c.id] ?? c.id, money(c.amount), permille(c.sharePermille)]);
    for (const item of c.items) rows.push([`  ${item.item}`, money(item.amount), '']);
  }
  const shares = f.expenditure.byCategory.map((c) => c.sharePermille);
  const sum = shares.every((s) => s === null)
    ? null
    : shares.reduce<number>((a, s) => a + (s ?? 0), 0);
  rows.push([t.total, money(f.expenditure.total), permille(sum)]);
  out.push(...table([t.category, t.amount, t.share], rows), '');

  const change = f.expenditure.change;
  if (change.ratio !== null || change.amount !== null)
    out.push(
      line(
        t.change,
        `${formatPercent(change.ratio, { signed: true }, locale)}${
          change.amount === null ? '' : ` (${change.amount >= 0 ? '+' : ''}${money(change.amount)})`
        }`,
      ),
    );
  out.push(
    f.surplus >= 0 ? line(t.surplusLine, money(f.surplus)) : line(t.deficitLine, money(-f.surplus)),
  );
  if (f.netAssets.start !== null || f.netAssets.end !== null)
    out.push(`  ${t.netAssets(money(f.netAssets.start), money(f.netAssets.end))}`);
  out.push(
    line(t.programmeShare, pct(f.ratios.programmeShare)),
    line(t.managementShare, pct(f.ratios.managementShare)),
    line(t.fundraisingShare, pct(f.ratios.fundraisingShare)),
    line(t.programmeVsPreviousIncome, pct(f.ratios.programmeVsPreviousIncome)),
  );
  if (f.audit)
    out.push(`  ${t.audit(f.audit.firm, t.opinions[f.audit.opinion] ?? f.audit.opinion)}`);
  const verdict = (met: boolean | null) => (met === null ? t.unknown : met ? t.met : t.missed);
  for (const rule of f.rules) {
    const parts: string[] = [];
    if (rule.minProgrammeVsPreviousIncome !== null)
      parts.push(
        `${t.minProgramme(pct(rule.minProgrammeVsPreviousIncome))}${t.colon}${verdict(rule.programmeMet)}`,
      );
    if (rule.maxManagementShare !== null)
      parts.push(
        `${t.maxManagement(pct(rule.maxManagementShare))}${t.colon}${verdict(rule.managementMet)}`,
      );
    out.push(line(t.rule(rule.source ?? t.custom), parts.join(t.separator)));
  }
  return out;
}
