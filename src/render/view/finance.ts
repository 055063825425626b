/**
 * 财务概况: income against expenditure over the years (bars drawn in HTML, so they print in the
 * page's own fonts), the year's expenditure by category with its finer lines, the ratios, net
 * assets and the audit line; and the finance figures narrative text can cite.
 */
import type { Locale } from '../../schema/files.js';
import type { FinanceStats, ReportStats } from '../../stats/index.js';
import { DASH, formatMoney, formatPercent } from '../format.js';
import type { FigureNumbers } from './placement.js';
import { partString, type Row } from './profile.js';
import type { Strings } from './strings.js';

export interface FinanceView {
  anchor: string;
  heading: string;
  chart: {
    number: string;
    caption: string;
    legend: { income: string; expenditure: string };
    years: { year: string; income: Bar; expenditure: Bar }[];
  } | null;
  table: {
    number: string;
    caption: string;
    head: string[];
    rows: { label: string; amount: string; share: string; item: boolean }[];
    foot: { label: string; amount: string; share: string };
  };
  summary: Row[];
  ratios: Row[];
  audit: string | null;
  /** Spending rules missed (also warned about by `report validate`). */
  notes: string[];
}
interface Bar {
  amount: string;
  /** Percent of the longest bar. */
  width: number;
}

/** A finance figure of the report year, as text (the grammar promised the year has one). */
export function financeFigure(stats: ReportStats, name: string, locale: Locale): string {
  const f = stats.finance;
  if (!f) return DASH;
  const pct = (x: number | null) => formatPercent(x, {}, locale);
  const money = (x: number | null) => (x === null ? DASH : formatMoney(x, locale));
  switch (name) {
    case 'expenditure.total':
      return money(f.expenditure.total);
    case 'expenditure.growth':
      return formatPercent(f.expenditure.change.ratio, { signed: true }, locale);
    case 'expenditure.programme_share':
      return pct(f.ratios.programmeShare);
    case 'expenditure.management_share':
      return pct(f.ratios.managementShare);
    case 'expenditure.fundraising_share':
      return pct(f.ratios.fundraisingShare);
    case 'finance.surplus':
      return money(f.surplus);
    case 'finance.programme_vs_previous_income':
      return pct(f.ratios.programmeVsPreviousIncome);
    case 'net_assets.start':
      return money(f.netAssets.start);
    case 'net_assets.end':
      return money(f.netAssets.end);
    default:
      return DASH;
  }
}

export function buildFinance(
  stats: ReportStats,
  locale: Locale,
  strings: Strings,
  numbers: FigureNumbers,
): FinanceView | null {
  const f: FinanceStats | undefined = stats.finance;
  if (!f) return null;
  const word = (key: string, vars: Record<string, string> = {}) =>
    partString(strings, 'finance', key, vars);
  const money = (x: number | null) => (x === null ? DASH : formatMoney(x, locale));
  const permille = (p: number | null) => (p === null ? DASH : formatPercent(p / 1000, {}, locale));

  const longest = Math.max(1, ...f.series.flatMap((s) => [s.income, s.expenditure]));
  const bar = (amount: number): Bar => ({
    amount: money(amount),
    // The longest bar takes 70 % of the line, leaving room for its amount.
    width: Math.round((amount / longest) * 700) / 10,
  });
  const first = f.series[0]?.year ?? f.year;
  const chart =
    f.series.length > 0
      ? {
          number: numbers.figure(),
          caption: word('chartCaption', { first: String(first), last: String(f.year) }),
          legend: { income: word('income'), expenditure: word('expenditure') },
          years: f.series.map((s) => ({
            year: String(s.year),
            income: bar(s.income),
            expenditure: bar(s.expenditure),
          })),
        }
      : null;

  const rows = f.expenditure.byCategory.flatMap((c) => [
    { label: word(c.id), amount: money(c.amount), share: permille(c.sharePermille), item: false },
    ...c.items.map((i) => ({ label: i.item, amount: money(i.amount), share: '', item: true })),
  ]);
  const surplusLabel = f.surplus < 0 ? word('deficit') : word('surplus');
  const summary: Row[] = [
    { label: word('income'), value: money(f.income) },
    { label: word('expenditure'), value: money(f.expenditure.total) },
    { label: surplusLabel, value: money(Math.abs(f.surplus)) },
    ...(f.netAssets.start !== null
      ? [{ label: word('netAssetsStart'), value: money(f.netAssets.start) }]
      : []),
    ...(f.netAssets.end !== null
      ? [{ label: word('netAssetsEnd'), value: money(f.netAssets.end) }]
      : []),
  ];
  const ratios: Row[] = [
    { label: word('programmeShare'), value: formatPercent(f.ratios.programmeShare, {}, locale) },
    { label: word('managementShare'), value: formatPercent(f.ratios.managementShare, {}, locale) },
    ...(f.ratios.programmeVsPreviousIncome !== null
      ? [
          {
            label: word('programmeVsPreviousIncome'),
            value: formatPercent(f.ratios.programmeVsPreviousIncome, {}, locale),
          },
        ]
      : []),
  ];
  const audit = f.audit
    ? word('auditLine', {
        firm: f.audit.firm,
        opinion: word(`opinion_${f.audit.opinion}`),
        reportNo: f.audit.reportNo ?? '',
      }).trim()
    : null;
  const notes = f.rules.flatMap((r) => [
    ...(r.programmeMet === false
      ? [
          word('ruleProgramme', {
            min: formatPercent(r.minProgrammeVsPreviousIncome, { digits: 0 }, locale),
            source: r.source ?? '',
          }),
        ]
      : []),
    ...(r.managementMet === false
      ? [
          word('ruleManagement', {
            max: formatPercent(r.maxManagementShare, { digits: 0 }, locale),
            source: r.source ?? '',
          }),
        ]
      : []),
  ]);
  return {
    anchor: 'finance',
    heading: word('heading'),
    chart,
    table: {
      number: numbers.table(),
      caption: word('tableCaption', { year: String(f.year) }),
      head: [word('category'), word('amount'), word('share')],
      rows,
      foot: {
        label: word('total'),
        amount: money(f.expenditure.total),
        share: f.expenditure.total > 0 ? formatPercent(1, {}, locale) : DASH,
      },
    },
    summary,
    ratios,
    audit,
    notes,
  };
}
