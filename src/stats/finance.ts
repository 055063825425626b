/**
 * The year's finances from finance.yaml: total expenditure and its categories (shares by
 * largest remainder, as for income), surplus or deficit, net assets, the ratios funders and
 * regulators read, and income against expenditure over the years. Absent when the year has no
 * finance.yaml, so the statistics of data without one are unchanged.
 */
import {
  EXPENDITURE_CATEGORIES,
  SPENDING_RULES,
  type ExpenditureCategory,
  type Finance,
} from '../schema/finance.js';
import type { YearData } from '../schema/files.js';
import { apportion, compareWithPrevious, sumYuan } from './rules.js';
import type { Change, Yuan } from './types.js';

export interface ExpenditureCategoryStats {
  id: ExpenditureCategory;
  amount: Yuan;
  /** amount / total, exact; null when the total is 0. */
  share: number | null;
  /** Per-mille by largest remainder: the categories add up to 1000. */
  sharePermille: number | null;
  /** The finer lines written under the category (`item`), in order, same items added up. */
  items: { item: string; amount: Yuan }[];
}

export interface SpendingRuleCheck {
  rule: 'public_foundation' | 'public_charity' | 'custom';
  source: string | null;
  minProgrammeVsPreviousIncome: number | null;
  maxManagementShare: number | null;
  /** null when the ratio cannot be computed (no previous year's income). */
  programmeMet: boolean | null;
  managementMet: boolean | null;
}

export interface FinanceStats {
  year: number;
  income: Yuan;
  expenditure: {
    total: Yuan;
    byCategory: ExpenditureCategoryStats[];
    change: Change;
  };
  /** Income minus expenditure: negative is a deficit. */
  surplus: Yuan;
  netAssets: { start: Yuan | null; end: Yuan | null; change: Yuan | null };
  audit: { firm: string; opinion: string; reportNo: string | null; date: string | null } | null;
  ratios: {
    /** 业务活动成本 / total expenditure. */
    programmeShare: number | null;
    /** 管理费用 / total expenditure. */
    managementShare: number | null;
    fundraisingShare: number | null;
    /** 业务活动成本 / the previous calendar year's total income; null without that year. */
    programmeVsPreviousIncome: number | null;
  };
  rules: SpendingRuleCheck[];
  /** Every year up to the report year that has a finance.yaml: income and expenditure. */
  series: { year: number; income: Yuan; expenditure: Yuan; surplus: Yuan }[];
}

const expenditureOf = (finance: Finance) => sumYuan(finance.expenditure.lines.map((l) => l.amount));
const incomeOf = (y: YearData) => sumYuan(y.income.lines.map((l) => l.amount));
const ratio = (part: number, whole: number | null) =>
  whole === null || whole === 0 ? null : part / whole;

export function computeFinance(years: readonly YearData[], year: number): FinanceStats | undefined {
  const current = years.find((y) => y.year === year);
  const finance = current?.finance;
  if (!current || !finance) return undefined;
  const total = expenditureOf(finance);
  const amounts = EXPENDITURE_CATEGORIES.map((id) =>
    sumYuan(finance.expenditure.lines.filter((l) => l.category === id).map((l) => l.amount)),
  );
  const permille = apportion(amounts, 1000);
  const byCategory = EXPENDITURE_CATEGORIES.map((id, i): ExpenditureCategoryStats => {
    const items = new Map<string, number>();
    for (const line of finance.expenditure.lines)
      if (line.category === id && line.item !== undefined)
        items.set(line.item, (items.get(line.item) ?? 0) + line.amount);
    return {
      id,
      amount: amounts[i] ?? 0,
      share: ratio(amounts[i] ?? 0, total),
      sharePermille: permille ? (permille[i] ?? 0) : null,
      items: [...items].map(([item, amount]) => ({ item, amount })),
    };
  });
  const previous = years.find((y) => y.year === year - 1);
  const previousIncome = previous ? incomeOf(previous) : null;
  const income = incomeOf(current);
  const programme = amounts[0] ?? 0;
  const ratios = {
    programmeShare: ratio(programme, total),
    managementShare: ratio(amounts[1] ?? 0, total),
    fundraisingShare: ratio(amounts[2] ?? 0, total),
    programmeVsPreviousIncome: ratio(programme, previousIncome),
  };
  const start = finance.net_assets?.start ?? null;
  const end = finance.net_assets?.end ?? null;
  const previousExpenditure = previous?.finance ? expenditureOf(previous.finance) : null;
  return {
    year,
    income,
    expenditure: { total, byCategory, change: compareWithPrevious(total, previousExpenditure) },
    surplus: income - total,
    netAssets: { start, end, change: start !== null && end !== null ? end - start : null },
    audit: finance.audit
      ? {
          firm: finance.audit.firm,
          opinion: finance.audit.opinion,
          reportNo: finance.audit.report_no ?? null,
          date: finance.audit.date ?? null,
        }
      : null,
    ratios,
    rules: finance.spending_rules.map((r): SpendingRuleCheck => {
      const preset = r.rule === 'custom' ? undefined : SPENDING_RULES[r.rule];
      const min =
        r.min_programme_vs_previous_income ?? preset?.minProgrammeVsPreviousIncome ?? null;
      const max = r.max_management_share ?? preset?.maxManagementShare ?? null;
      return {
        rule: r.rule,
        source: r.source ?? preset?.source ?? null,
        minProgrammeVsPreviousIncome: min,
        maxManagementShare: max,
        programmeMet:
          min === null || ratios.programmeVsPreviousIncome === null
            ? null
            : ratios.programmeVsPreviousIncome >= min,
        managementMet:
          max === null || ratios.managementShare === null ? null : ratios.managementShare <= max,
      };
    }),
    series: years
      .filter((y) => y.year <= year && y.finance)
      .map((y) => {
        const spent = expenditureOf(y.finance as Finance);
        const got = incomeOf(y);
        return { year: y.year, income: got, expenditure: spent, surplus: got - spent };
      }),
  };
}
