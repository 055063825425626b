/** The report's tables, by id (`income`, `projects`, `awards`, `media`); the template places them. */
import type { Dataset, Locale, YearData } from '../../schema/files.js';
import type { ReportStats } from '../../stats/index.js';
import { formatCount, formatDate, formatMoney, formatPercent } from '../format.js';
import { text, textTable, type Strings } from './strings.js';

export interface Cell {
  text: string;
  numeric: boolean;
}

/** A table as the template shows it; `number` ("表1") is given once it is placed. */
export interface TableView {
  anchor: string;
  number: string;
  caption: string;
  head: Cell[];
  rows: Cell[][];
  foot: Cell[] | null;
  note: string | null;
  wide: boolean;
}
export type UnnumberedTable = Omit<TableView, 'number'>;

const cell = (value: string, numeric = false): Cell => ({ text: value, numeric });

/** The tables there is something to show in; awards and media only when there are some. */
export function buildTables(
  dataset: Dataset,
  data: YearData,
  stats: ReportStats,
  strings: Strings,
): Map<string, UnnumberedTable> {
  const locale = dataset.organization.locale;
  const tables = new Map<string, UnnumberedTable | null>([
    ['income', incomeTable(stats, locale, strings)],
    ['projects', projectsTable(stats, locale, strings)],
    ['awards', awardsTable(dataset, stats, locale, strings)],
    ['media', mediaTable(data, dataset, strings)],
  ]);
  return new Map(
    [...tables].filter((entry): entry is [string, UnnumberedTable] => entry[1] !== null),
  );
}

/** The ids buildTables can make, for messages about a template's layout. */
export const TABLE_IDS = ['income', 'projects', 'awards', 'media', 'funders'] as const;

/** Each project's short name (or name) by id, over every year. */
function projectNames(dataset: Dataset): Map<string, string> {
  return new Map(
    dataset.years.flatMap((y) =>
      y.projects.projects.map((p) => [p.id, p.short_name ?? p.name] as const),
    ),
  );
}

function incomeTable(stats: ReportStats, locale: Locale, strings: Strings): UnnumberedTable {
  const first = stats.income.series[0]?.year ?? stats.year;
  return {
    anchor: 'table-income',
    caption: text(strings, 'tableIncome', { first, last: stats.year }),
    head: [
      cell(text(strings, 'year')),
      cell(text(strings, 'income'), true),
      cell(text(strings, 'incomeGrowth'), true),
      cell(text(strings, 'governmentShare'), true),
      cell(text(strings, 'headcount'), true),
    ],
    rows: stats.income.series.map((s) => [
      cell(String(s.year)),
      cell(formatMoney(s.total, locale), true),
      cell(formatPercent(s.change.ratio, { signed: true }, locale), true),
      cell(formatPercent(s.governmentShare, {}, locale), true),
      cell(String(stats.staff.series.find((st) => st.year === s.year)?.headcount ?? '—'), true),
    ]),
    foot: null,
    note: null,
    wide: false,
  };
}

function projectsTable(stats: ReportStats, locale: Locale, strings: Strings): UnnumberedTable {
  const roles = textTable(strings, 'roles');
  const statuses = textTable(strings, 'statuses');
  const anyApprox = stats.projects.list.some((p) => p.servicesTotal.approx !== null);
  return {
    anchor: 'table-projects',
    caption: text(strings, 'tableProjects', { year: stats.year }),
    head: [
      cell(text(strings, 'project')),
      cell(text(strings, 'category')),
      cell(text(strings, 'role')),
      cell(text(strings, 'status')),
      cell(text(strings, 'funding'), true),
      cell(text(strings, 'servicesCol'), true),
    ],
    rows: stats.projects.list.map((p) => [
      cell(p.name),
      cell(p.categoryLabel),
      cell(roles[p.role] ?? p.role),
      cell(statuses[p.status] ?? p.status),
      cell(p.funding.year > 0 ? formatMoney(p.funding.year, locale) : '—', true),
      cell(
        p.servicesTotal.value > 0
          ? formatCount(p.servicesTotal, text(strings, 'servicesUnit'), locale)
          : '—',
        true,
      ),
    ]),
    foot: [
      cell(text(strings, 'total')),
      cell(''),
      cell(''),
      cell(''),
      cell(
        formatMoney(
          stats.projects.list.reduce((sum, p) => sum + p.funding.year, 0),
          locale,
        ),
        true,
      ),
      cell(formatCount(stats.services.total, text(strings, 'servicesUnit'), locale), true),
    ],
    note: anyApprox ? text(strings, 'approximateNote') : null,
    wide: true,
  };
}

function awardsTable(
  dataset: Dataset,
  stats: ReportStats,
  locale: Locale,
  strings: Strings,
): UnnumberedTable | null {
  const levels = textTable(strings, 'levels');
  const names = projectNames(dataset);
  const awards = dataset.years
    .filter((y) => y.year <= stats.year)
    .flatMap((y) => y.awards.awards)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.date < y.a.date ? -1 : x.a.date > y.a.date ? 1 : x.i - y.i))
    .map(({ a }) => a);
  if (awards.length === 0) return null;
  const first = awards[0]?.date.slice(0, 4) ?? String(stats.year);
  return {
    anchor: 'table-awards',
    caption: text(strings, 'tableAwards', { first, year: stats.year }),
    head: [
      cell(text(strings, 'date')),
      cell(text(strings, 'name')),
      cell(text(strings, 'level')),
      cell(text(strings, 'issuer')),
      cell(text(strings, 'recipient')),
    ],
    rows: awards.map((a) => {
      const about = [a.work, a.project === undefined ? undefined : names.get(a.project)].filter(
        (x) => x !== undefined,
      );
      const quoted =
        about.length > 0
          ? locale === 'en'
            ? ` (${about.join(', ')})`
            : `（${about.map((x) => `“${x}”`).join('、')}）`
          : '';
      return [
        cell(formatDate(a.date, locale, 'numeric')),
        cell(`${a.name}${quoted}`),
        cell(levels[a.level] ?? a.level),
        cell(a.issuer ?? '—'),
        cell(a.recipient === 'organization' ? text(strings, 'organization') : a.recipient),
      ];
    }),
    foot: null,
    note: null,
    wide: true,
  };
}

function mediaTable(data: YearData, dataset: Dataset, strings: Strings): UnnumberedTable | null {
  if (data.awards.media.length === 0) return null;
  const names = projectNames(dataset);
  return {
    anchor: 'table-media',
    caption: text(strings, 'tableMedia', { year: data.year }),
    head: [
      cell(text(strings, 'outlet')),
      cell(text(strings, 'programme')),
      cell(text(strings, 'project')),
      cell(text(strings, 'reports'), true),
    ],
    rows: data.awards.media.map((m) => [
      cell(m.outlet),
      cell(m.programme ?? '—'),
      cell(m.project === undefined ? '—' : (names.get(m.project) ?? m.project)),
      cell(String(m.reports), true),
    ]),
    foot: null,
    note: null,
    wide: false,
  };
}
