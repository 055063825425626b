/**
 * The view model: everything the template shows, computed here so the template only lays it out.
 * Every key exists (null where there is nothing), because templates run in strict mode.
 */
import { ReportError } from '../errors.js';
import type { Dataset, Locale, Narrative, YearData } from '../schema/files.js';
import { roundForProse, type ReportStats } from '../stats/index.js';
import { chartTable, describeChart, type ChartInput, type ChartTable } from './chart-specs.js';
import { figureResolver } from './figures.js';
import { formatCount, formatDate, formatMoney, formatPercent, toChineseNumeral } from './format.js';
import { renderMarkdown } from './markdown.js';

export type Strings = Record<string, unknown>;

/** A chart the report shows, with where it goes and its printed size. */
export interface PlannedChart {
  input: ChartInput;
  /** Section id, and the subsection index within it (null: at the end of the section). */
  section: string;
  subsection: number | null;
  widthMm: number;
  heightMm: number;
}

/** A drawn chart as the HTML embeds it. */
export interface ChartImage {
  id: string;
  src: string;
}

interface ChartView {
  anchor: string;
  number: string;
  caption: string;
  src: string;
  alt: string;
  widthMm: number;
  /** The chart's figures as a table, for screen readers of the HTML. */
  data: ChartTable;
}
interface Cell {
  text: string;
  numeric: boolean;
}
interface TableView {
  anchor: string;
  number: string;
  caption: string;
  head: Cell[];
  rows: Cell[][];
  foot: Cell[] | null;
  note: string | null;
  wide: boolean;
}
interface FigureView {
  chart: ChartView | null;
  table: TableView | null;
}
interface FactsView {
  name: string;
  items: { label: string; value: string }[];
}
interface SubsectionView {
  anchor: string;
  heading: string;
  bodyHtml: string;
  facts: FactsView | null;
  subsections: SubsectionView[];
  figures: FigureView[];
}
interface SectionView {
  id: string;
  anchor: string;
  heading: string;
  bodyHtml: string;
  subsections: SubsectionView[];
  figures: FigureView[];
}
export interface TocEntry {
  level: 1 | 2;
  anchor: string;
  label: string;
  /** Id of the element that shows the page number (filled in when the PDF is printed). */
  pageId: string;
}

export interface ReportView {
  lang: string;
  t: Strings;
  css: string;
  org: { name: string; shortName: string };
  report: {
    year: number;
    title: string;
    documentTitle: string;
    subject: string;
    keywords: string;
    generator: string;
    signatureName: string;
    signatureDate: string;
  };
  keyFigures: { label: string; value: string; note: string }[];
  openingHtml: string;
  toc: TocEntry[];
  sections: SectionView[];
}

/** A string from the template's locale file, with {name} placeholders filled in. */
export function text(
  strings: Strings,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  const value = strings[key];
  if (typeof value !== 'string') {
    throw new ReportError('TEMPLATE_INVALID', `the template's locale strings lack "${key}"`, {
      hint: 'copy the missing key from templates/default/locales/',
    });
  }
  return value.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

function table<T extends Record<string, string>>(strings: Strings, key: string): T {
  const value = strings[key];
  if (typeof value !== 'object' || value === null) {
    throw new ReportError('TEMPLATE_INVALID', `the template's locale strings lack "${key}"`);
  }
  return value as T;
}

function reportYear(dataset: Dataset, year: number): YearData & { narrative: Narrative } {
  const data = dataset.years.find((y) => y.year === year);
  if (!data?.narrative) {
    throw new ReportError('DATA_INVALID', `there is no narrative for ${year}`, {
      hint: `write data/${year}/narrative.yaml (title, opening, sections, signature); see docs/data-format.md`,
    });
  }
  return data as YearData & { narrative: Narrative };
}

/** The charts of the default report, with their placement. */
export function planCharts(
  dataset: Dataset,
  stats: ReportStats,
  locale: Locale,
  strings: Strings,
): PlannedChart[] {
  const years = stats.income.series.map((s) => s.year);
  const first = years[0] ?? stats.year;
  const yearLabel = (y: number) => (locale === 'en' ? String(y) : `${y}年`);
  const usedKinds = stats.income.byKind.filter((k) =>
    stats.income.series.some((s) => (s.byKind.find((b) => b.id === k.id)?.amount ?? 0) > 0),
  );
  const charts: PlannedChart[] = [
    {
      section: 'capacity',
      subsection: 0,
      widthMm: 150,
      heightMm: 64,
      input: {
        id: 'income',
        kind: 'stacked-bar',
        title: text(strings, 'chartIncome', { first, last: stats.year }),
        labels: years.map(yearLabel),
        datasets: usedKinds.map((kind) => ({
          label: kind.label,
          data: stats.income.series.map((s) => s.byKind.find((b) => b.id === kind.id)?.amount ?? 0),
        })),
        format: { kind: 'money' },
        locale,
      },
    },
    {
      section: 'capacity',
      subsection: 1,
      widthMm: 110,
      heightMm: 46,
      input: {
        id: 'staff',
        kind: 'bar',
        title: text(strings, 'chartStaff', {
          first: stats.staff.series[0]?.year ?? first,
          last: stats.year,
        }),
        labels: stats.staff.series.map((s) => yearLabel(s.year)),
        datasets: [
          { label: text(strings, 'headcount'), data: stats.staff.series.map((s) => s.headcount) },
        ],
        format: { kind: 'count', unit: text(strings, 'chartStaffUnit') },
        locale,
      },
    },
    {
      section: 'programmes',
      subsection: null,
      widthMm: 150,
      heightMm: 70,
      input: {
        id: 'projects',
        kind: 'stacked-bar',
        title: text(strings, 'chartProjects'),
        labels: stats.projects.series.map((s) => yearLabel(s.year)),
        datasets: stats.projects.byCategory.map((category) => ({
          label: category.label,
          data: stats.projects.series.map(
            (s) => s.byCategory.find((c) => c.id === category.id)?.cumulative ?? 0,
          ),
        })),
        format: { kind: 'count', unit: '' },
        locale,
      },
    },
    {
      section: 'impact',
      subsection: 0,
      widthMm: 150,
      heightMm: 78,
      input: {
        id: 'services',
        kind: 'horizontal-bar',
        title: text(strings, 'chartServices', { year: stats.year }),
        labels: stats.services.byActivity
          .filter((a) => a.count.value > 0)
          .map((a) => text(strings, 'chartServicesLabel', { label: a.label, unit: a.unit })),
        datasets: [
          {
            label: text(strings, 'count'),
            data: stats.services.byActivity
              .filter((a) => a.count.value > 0)
              .map((a) => a.count.value),
          },
        ],
        format: { kind: 'count', unit: '' },
        locale,
      },
    },
    {
      section: 'shortcomings',
      subsection: 0,
      widthMm: 120,
      heightMm: 62,
      input: {
        id: 'funding',
        kind: 'doughnut',
        title: text(strings, 'chartFunding', { year: stats.year }),
        labels: stats.income.byKind.filter((k) => k.amount > 0).map((k) => k.label),
        datasets: [
          {
            label: text(strings, 'income'),
            data: stats.income.byKind.filter((k) => k.amount > 0).map((k) => k.amount),
          },
        ],
        format: { kind: 'money' },
        locale,
      },
    },
  ];
  return charts;
}

const cell = (value: string, numeric = false): Cell => ({ text: value, numeric });

/** Each project's short name (or name) by id, over every year. */
function projectNames(dataset: Dataset): Map<string, string> {
  return new Map(
    dataset.years.flatMap((y) =>
      y.projects.projects.map((p) => [p.id, p.short_name ?? p.name] as const),
    ),
  );
}

function incomeTable(
  stats: ReportStats,
  locale: Locale,
  strings: Strings,
): Omit<TableView, 'number'> {
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

function projectsTable(
  stats: ReportStats,
  locale: Locale,
  strings: Strings,
): Omit<TableView, 'number'> {
  const roles = table<Record<string, string>>(strings, 'roles');
  const statuses = table<Record<string, string>>(strings, 'statuses');
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
): Omit<TableView, 'number'> | null {
  const levels = table<Record<string, string>>(strings, 'levels');
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

function mediaTable(
  data: YearData,
  dataset: Dataset,
  strings: Strings,
): Omit<TableView, 'number'> | null {
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

function projectFacts(
  stats: ReportStats,
  id: string | undefined,
  locale: Locale,
  strings: Strings,
): FactsView | null {
  if (id === undefined) return null;
  const p = stats.projects.list.find((entry) => entry.id === id);
  if (!p) return null;
  const statuses = table<Record<string, string>>(strings, 'statuses');
  const items = [
    { label: text(strings, 'status'), value: statuses[p.status] ?? p.status },
    ...(p.funding.year > 0
      ? [{ label: text(strings, 'fundingYear'), value: formatMoney(p.funding.year, locale) }]
      : []),
    ...(p.funding.cumulative > p.funding.year
      ? [
          {
            label: text(strings, 'fundingCumulative'),
            value: formatMoney(p.funding.cumulative, locale),
          },
        ]
      : []),
    ...p.services.map((s) => ({ label: s.label, value: formatCount(s.count, s.unit, locale) })),
    ...(p.personTimes
      ? [
          {
            label: text(strings, 'personTimes'),
            value: formatCount(p.personTimes, text(strings, 'personTimesUnit'), locale),
          },
        ]
      : []),
    ...(p.districts.length > 0
      ? [
          {
            label: text(strings, 'districts'),
            value: p.districts.join(text(strings, 'listSeparator')),
          },
        ]
      : []),
  ];
  return { name: p.name, items };
}

export interface ViewInput {
  dataset: Dataset;
  stats: ReportStats;
  strings: Strings;
  charts: PlannedChart[];
  images: Map<string, ChartImage>;
  css: string;
  generator: string;
}

export function buildView(input: ViewInput): ReportView {
  const { dataset, stats, strings } = input;
  const org = dataset.organization;
  const locale = org.locale;
  const data = reportYear(dataset, stats.year);
  const narrative = data.narrative;
  const resolve = figureResolver(dataset, stats, locale, {
    services: text(strings, 'servicesUnit'),
    personTimes: text(strings, 'personTimesUnit'),
    listSeparator: text(strings, 'listSeparator'),
  });
  // The heading level that owns each text: Markdown headings in it go below that.
  const md = (source: string, below: number) => renderMarkdown(source, resolve, below);
  const numeral = (n: number) =>
    text(strings, 'numerals') === 'chinese' ? toChineseNumeral(n) : String(n);

  // Figures (charts and tables) by placement, numbered in reading order below.
  type Placed = {
    section: string;
    subsection: number | null;
    chart?: PlannedChart;
    table?: Omit<TableView, 'number'>;
  };
  const placed: Placed[] = input.charts.map((chart) => ({
    section: chart.section,
    subsection: chart.subsection,
    chart,
  }));
  placed.push({ section: 'capacity', subsection: 0, table: incomeTable(stats, locale, strings) });
  placed.push({
    section: 'programmes',
    subsection: null,
    table: projectsTable(stats, locale, strings),
  });
  const awards = awardsTable(dataset, stats, locale, strings);
  if (awards) placed.push({ section: 'impact', subsection: null, table: awards });
  const media = mediaTable(data, dataset, strings);
  if (media) placed.push({ section: 'impact', subsection: null, table: media });

  let figureNo = 0;
  let tableNo = 0;
  const figuresAt = (
    section: string,
    subsection: number | null,
    subsectionCount: number,
  ): FigureView[] =>
    placed
      .filter(
        (p) =>
          p.section === section &&
          (p.subsection === subsection ||
            (subsection === null && p.subsection !== null && p.subsection >= subsectionCount)),
      )
      .map((p): FigureView => {
        if (p.chart) {
          const image = input.images.get(p.chart.input.id);
          if (!image) throw new Error(`chart ${p.chart.input.id} was not drawn`);
          return {
            chart: {
              anchor: `figure-${p.chart.input.id}`,
              number: text(strings, 'figureNumber', { n: ++figureNo }),
              caption: p.chart.input.title,
              src: image.src,
              alt: describeChart(p.chart.input),
              data: chartTable(p.chart.input),
              widthMm: p.chart.widthMm,
            },
            table: null,
          };
        }
        return {
          chart: null,
          table: {
            ...(p.table as Omit<TableView, 'number'>),
            number: text(strings, 'tableNumber', { n: ++tableNo }),
          },
        };
      });

  const toc: TocEntry[] = [];
  const sections: SectionView[] = narrative.sections.map((section, i) => {
    const anchor = `section-${section.id}`;
    const heading = `${text(strings, 'sectionNumber', { n: numeral(i + 1) })}${section.title}`;
    toc.push({ level: 1, anchor, label: heading, pageId: `page-of-${anchor}` });
    const subsections = section.subsections.map((sub, j): SubsectionView => {
      const subAnchor = `${anchor}-${j + 1}`;
      const subHeading = `${text(strings, 'subsectionNumber', { n: j + 1 })}${sub.title}`;
      toc.push({ level: 2, anchor: subAnchor, label: subHeading, pageId: `page-of-${subAnchor}` });
      return {
        anchor: subAnchor,
        heading: subHeading,
        bodyHtml: md(sub.body, 3),
        facts: projectFacts(stats, sub.project, locale, strings),
        subsections: sub.subsections.map((subsub, k) => ({
          anchor: `${subAnchor}-${k + 1}`,
          heading: `${text(strings, 'subsubsectionNumber', { n: k + 1 })}${subsub.title}`,
          bodyHtml: md(subsub.body, 4),
          facts: projectFacts(stats, subsub.project, locale, strings),
          subsections: [],
          figures: [],
        })),
        figures: figuresAt(section.id, j, section.subsections.length),
      };
    });
    return {
      id: section.id,
      anchor,
      heading,
      bodyHtml: md(section.body, 2),
      subsections,
      figures: figuresAt(section.id, null, section.subsections.length),
    };
  });

  const income = stats.income;
  const change = income.change.ratio;
  const categories = stats.projects.byCategory
    .filter((c) => c.cumulative > 0)
    .map((c) => text(strings, 'noteCategory', { label: c.label, n: c.cumulative }))
    .join(text(strings, 'noteSeparator'));
  const keyFigures = [
    {
      label: text(strings, 'income'),
      value: formatMoney(income.total, locale),
      note:
        change === null
          ? ''
          : text(strings, 'noteChange', { value: formatPercent(change, { signed: true }, locale) }),
    },
    {
      label: text(strings, 'governmentShare'),
      value: formatPercent(income.governmentShare, {}, locale),
      note: text(strings, 'noteYear', { year: stats.year }),
    },
    {
      label: text(strings, 'staff'),
      value: text(strings, 'unitPeople', { n: stats.staff.headcount }),
      note:
        stats.staff.volunteers === null
          ? ''
          : text(strings, 'noteVolunteers', { n: stats.staff.volunteers }),
    },
    {
      label: text(strings, 'projectsCumulative'),
      value: text(strings, 'unitProjects', { n: stats.projects.cumulative }),
      note: categories,
    },
    {
      label: text(strings, 'services'),
      value: formatCount(
        roundForProse(stats.services.total),
        text(strings, 'servicesUnit'),
        locale,
      ),
      note:
        stats.services.personTimes === null
          ? ''
          : formatCount(
              roundForProse(stats.services.personTimes),
              text(strings, 'personTimesUnit'),
              locale,
            ),
    },
    {
      label: text(strings, 'awards'),
      value: text(strings, 'unitItems', { n: stats.awards.cumulative }),
      note: [
        text(strings, 'noteAwards', { n: stats.awards.count }),
        text(strings, 'noteMedia', { n: stats.media.reports }),
      ].join(text(strings, 'noteSeparator')),
    },
  ];

  const documentTitle = text(strings, 'documentTitle', { org: org.name, title: narrative.title });
  return {
    lang: locale,
    t: strings,
    css: input.css,
    org: { name: org.name, shortName: org.short_name ?? org.name },
    report: {
      year: stats.year,
      title: narrative.title,
      documentTitle,
      subject: text(strings, 'subject', { org: org.name, year: stats.year }),
      keywords: [org.name, narrative.title, ...stats.projects.byCategory.map((c) => c.label)].join(
        ', ',
      ),
      generator: input.generator,
      signatureName: narrative.signature.name ?? org.signatory ?? org.name,
      signatureDate: formatDate(narrative.signature.date, locale, 'long'),
    },
    keyFigures,
    openingHtml: md(narrative.opening, 2),
    toc,
    sections,
  };
}
