/**
 * The year's funders as the report shows them: the income table naming each source (its kind
 * and amount), and the income lines a template receives. A line marked `anonymous: true` is
 * named "匿名捐赠" / "Anonymous donor" everywhere: its source and note never reach the template.
 */
import type { Dataset, Locale, YearData } from '../../schema/files.js';
import type { ReportStats } from '../../stats/index.js';
import { formatMoney } from '../format.js';
import type { FactsView } from './facts.js';
import { text, type Strings } from './strings.js';
import type { Cell, UnnumberedTable } from './tables.js';

/** A locale string the template may lack (a copy made before it existed): the default's. */
export function optionalText(
  strings: Strings,
  key: string,
  locale: Locale,
  zh: string,
  en: string,
  vars: Record<string, string | number> = {},
): string {
  if (typeof strings[key] === 'string') return text(strings, key, vars);
  const fallback = locale === 'en' ? en : zh;
  return fallback.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** One income line as a template receives it (`data.years[].income.lines[]`, `funders.lines[]`). */
export interface IncomeLineView {
  /** Who paid; "匿名捐赠" / "Anonymous donor" for an anonymous line. */
  source: string;
  /** The funding-kind id and its label. */
  kind: string;
  kindLabel: string;
  /** Integer yuan, and as the report writes it (54.5万元). */
  amount: number;
  amountText: string;
  /** The project id it funds and the project's short name (or name); null when none. */
  project: string | null;
  projectName: string | null;
  /** Null for an anonymous line. */
  note: string | null;
  anonymous: boolean;
}

function anonymousLabel(strings: Strings, locale: Locale): string {
  return optionalText(strings, 'anonymousDonor', locale, '匿名捐赠', 'Anonymous donor');
}

/** The year's income lines, kinds in the vocabulary's order, lines in file order within a kind. */
export function incomeLines(dataset: Dataset, data: YearData, strings: Strings): IncomeLineView[] {
  const org = dataset.organization;
  const locale = org.locale;
  const kinds = org.vocabularies.funding_kinds;
  const rank = (kind: string) => {
    const i = kinds.findIndex((k) => k.id === kind);
    return i < 0 ? kinds.length : i;
  };
  const names = new Map(data.projects.projects.map((p) => [p.id, p.short_name ?? p.name]));
  return data.income.lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => rank(a.line.kind) - rank(b.line.kind) || a.i - b.i)
    .map(({ line }) => ({
      source: line.anonymous ? anonymousLabel(strings, locale) : line.source,
      kind: line.kind,
      kindLabel: kinds.find((k) => k.id === line.kind)?.label ?? line.kind,
      amount: line.amount,
      amountText: formatMoney(line.amount, locale),
      project: line.project ?? null,
      projectName: line.project === undefined ? null : (names.get(line.project) ?? line.project),
      note: line.anonymous ? null : (line.note ?? null),
      anonymous: line.anonymous === true,
    }));
}

const cell = (value: string, numeric = false): Cell => ({ text: value, numeric });

/**
 * The table "2015年收入来源": one row per income line naming the funder, its kind, the project
 * it funds (a column only when some line names one) and the amount; the total below.
 */
export function fundersTable(
  dataset: Dataset,
  data: YearData,
  stats: ReportStats,
  strings: Strings,
): UnnumberedTable | null {
  const locale = dataset.organization.locale;
  const lines = incomeLines(dataset, data, strings);
  if (lines.length === 0) return null;
  const withProject = lines.some((l) => l.projectName !== null);
  const label = (key: string, zh: string, en: string) => optionalText(strings, key, locale, zh, en);
  const head = [
    cell(label('funder', '资金来源', 'Source')),
    cell(text(strings, 'kind')),
    ...(withProject ? [cell(label('fundedProject', '资助项目', 'Project funded'))] : []),
    cell(text(strings, 'amount'), true),
  ];
  const rows = lines.map((l) => [
    cell(l.source),
    cell(l.kindLabel),
    ...(withProject ? [cell(l.projectName ?? '—')] : []),
    cell(l.amountText, true),
  ]);
  const total = stats.income.series.find((s) => s.year === data.year)?.total ?? 0;
  const foot = [
    cell(text(strings, 'total')),
    cell(''),
    ...(withProject ? [cell('')] : []),
    cell(formatMoney(total, locale), true),
  ];
  return {
    anchor: 'table-funders',
    caption: optionalText(
      strings,
      'tableFunders',
      locale,
      '{year}年收入来源',
      'Income by source, {year}',
      { year: data.year },
    ),
    head,
    rows,
    foot,
    note: null,
    wide: withProject,
  };
}

/** A project's fact box with the project's own words: its summary and whether it is featured. */
export interface ProjectFactsView extends FactsView {
  /** The project's `summary`, rendered from Markdown; null when it has none. */
  summaryHtml: string | null;
  /** `highlight: true` in projects.yaml: the box is marked as a featured project. */
  featured: boolean;
  /** The mark's words ("重点项目" / "Featured project"). */
  featuredLabel: string;
}

export function withProjectSummary(
  facts: FactsView | null,
  data: YearData,
  id: string | undefined,
  strings: Strings,
  locale: Locale,
  markdown: (source: string) => string,
): ProjectFactsView | null {
  if (facts === null) return null;
  const project = data.projects.projects.find((p) => p.id === id);
  return {
    ...facts,
    summaryHtml: project?.summary ? markdown(project.summary) : null,
    featured: project?.highlight ?? false,
    featuredLabel: optionalText(strings, 'featuredProject', locale, '重点项目', 'Featured project'),
  };
}
