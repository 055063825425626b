/** The report's tables, by id (`income`, `projects`, `awards`, `media`); the template places them. */
import type { Dataset, Locale, YearData } from '../../schema/files.js';
import type { ReportStats } from '../../stats/index.js';
import { factText, yearPersonTimes } from '../figures.js';
import { formatDate } from '../format.js';
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
    ['projects', projectsTable(dataset, data, stats, strings)],
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

/** The notes under a table, as one "注：…" paragraph; null when there is none. */
function tableNote(strings: Strings, sentences: string[]): string | null {
  return sentences.length === 0 ? null : text(strings, 'tableNote', { text: sentences.join('') });
}

/**
 * Income, its change and the staff over the years. A year without data between two years with
 * data gets a row saying so, so the years are never read as consecutive.
 */
function incomeTable(stats: ReportStats, locale: Locale, strings: Strings): UnnumberedTable {
  const first = stats.income.series[0]?.year ?? stats.year;
  const gaps: number[] = [];
  const rows: Cell[][] = [];
  let previous: number | null = null;
  for (const s of stats.income.series) {
    for (let y = (previous ?? s.year) + 1; y < s.year; y++) {
      gaps.push(y);
      rows.push([
        cell(factText.year(y, locale)),
        cell(text(strings, 'noData'), true),
        cell('', true),
        cell('', true),
        cell('', true),
      ]);
    }
    previous = s.year;
    const headcount = stats.staff.series.find((st) => st.year === s.year)?.headcount;
    rows.push([
      cell(factText.year(s.year, locale)),
      cell(factText.money(s.total, locale), true),
      cell(factText.change(s.change, locale), true),
      cell(factText.share(s.governmentSharePermille, locale), true),
      cell(headcount === undefined ? '—' : text(strings, 'unitPeople', { n: headcount }), true),
    ]);
  }
  const gapYears = gaps.map((y) => factText.year(y, locale)).join(text(strings, 'listSeparator'));
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
    rows,
    foot: null,
    note: tableNote(
      strings,
      gaps.length === 0 ? [] : [text(strings, 'gapNote', { years: gapYears })],
    ),
    wide: false,
  };
}

/**
 * The year's projects. Counts of different units (场, 次, 节) are never added up here: the table
 * shows person-times, one unit, and the facts boxes and the services chart show counts by type.
 * The funding column appears only when a project has funding; its total is explained when it
 * differs from the year's income.
 */
function projectsTable(
  dataset: Dataset,
  data: YearData,
  stats: ReportStats,
  strings: Strings,
): UnnumberedTable {
  const locale = dataset.organization.locale;
  const roles = textTable(strings, 'roles');
  const statuses = textTable(strings, 'statuses');
  const list = stats.projects.list;
  const funded = list.some((p) => p.funding.year > 0);
  const personTimes = yearPersonTimes(stats);
  const withPersonTimes = personTimes.length > 0;
  const personTimesUnit = text(strings, 'personTimesUnit');
  const notes: string[] = [];
  const approximate = list.some((p) => p.personTimes !== null && p.personTimes.approx !== null);
  if (withPersonTimes && approximate) notes.push(text(strings, 'approximateFigures'));
  if (withPersonTimes && personTimes.length < list.length)
    notes.push(text(strings, 'personTimesMissing'));
  const fundingTotal = list.reduce((sum, p) => sum + p.funding.year, 0);
  if (funded && fundingTotal !== stats.income.total)
    notes.push(fundingDifference(dataset, data, stats, fundingTotal, strings));
  const columns: { head: Cell; cells: (p: (typeof list)[number]) => Cell; foot: Cell }[] = [
    {
      head: cell(text(strings, 'project')),
      cells: (p) => cell(p.name),
      foot: cell(text(strings, 'total')),
    },
    { head: cell(text(strings, 'category')), cells: (p) => cell(p.categoryLabel), foot: cell('') },
    {
      head: cell(text(strings, 'role')),
      cells: (p) => cell(roles[p.role] ?? p.role),
      foot: cell(''),
    },
    {
      head: cell(text(strings, 'status')),
      cells: (p) => cell(statuses[p.status] ?? p.status),
      foot: cell(''),
    },
    ...(funded
      ? [
          {
            head: cell(text(strings, 'funding'), true),
            cells: (p: (typeof list)[number]) =>
              cell(p.funding.year > 0 ? factText.money(p.funding.year, locale) : '—', true),
            foot: cell(factText.money(fundingTotal, locale), true),
          },
        ]
      : []),
    ...(withPersonTimes
      ? [
          {
            head: cell(text(strings, 'personTimes'), true),
            cells: (p: (typeof list)[number]) =>
              cell(
                p.personTimes ? factText.count(p.personTimes, personTimesUnit, locale) : '—',
                true,
              ),
            foot: cell(factText.total(personTimes, personTimesUnit, locale), true),
          },
        ]
      : []),
  ];
  return {
    anchor: 'table-projects',
    caption: text(strings, 'tableProjects', { year: stats.year }),
    head: columns.map((c) => c.head),
    rows: list.map((p) => columns.map((c) => c.cells(p))),
    foot: funded || withPersonTimes ? columns.map((c) => c.foot) : null,
    note: tableNote(strings, notes),
    wide: true,
  };
}

/**
 * Why the projects' funding does not add up to the year's income: by how much, and, when the
 * income lines tied to no project make up exactly that difference, which kinds they are.
 */
function fundingDifference(
  dataset: Dataset,
  data: YearData,
  stats: ReportStats,
  fundingTotal: number,
  strings: Strings,
): string {
  const locale = dataset.organization.locale;
  const difference = stats.income.total - fundingTotal;
  const vars = {
    funding: factText.money(fundingTotal, locale),
    income: factText.money(stats.income.total, locale),
    difference: factText.money(Math.abs(difference), locale),
  };
  const untied = data.income.lines.filter((line) => line.project === undefined);
  const untiedTotal = untied.reduce((sum, line) => sum + line.amount, 0);
  const labels = new Map(
    dataset.organization.vocabularies.funding_kinds.map((k) => [k.id, k.label] as const),
  );
  const kinds = [...new Set(untied.map((line) => labels.get(line.kind) ?? line.kind))];
  const why =
    difference > 0 && untiedTotal === difference && kinds.length > 0
      ? text(strings, 'fundingDifferenceUntied', {
          kinds: kinds.join(text(strings, 'listSeparator')),
        })
      : '';
  const key = difference > 0 ? 'fundingDifferenceLess' : 'fundingDifferenceMore';
  return `${text(strings, key, vars)}${why}${text(strings, 'sentenceEnd')}`;
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
