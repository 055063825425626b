/** The report's charts as data (ChartInput), by id; the template's layout says which it shows. */
import type { Locale } from '../schema/files.js';
import type { ReportStats } from '../stats/index.js';
import type { ChartInput } from './chart-specs.js';
import type { TemplateLayout } from './layout.js';
import { formatCount } from './format.js';
import { text, type Strings } from './view/strings.js';

export const CHART_IDS = ['income', 'staff', 'projects', 'services', 'funding'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** A chart the template places, with its printed size. */
export interface PlannedChart {
  input: ChartInput;
  widthMm: number;
  heightMm: number;
}

/** A chart once drawn: its SVG (text as outlines). */
export interface DrawnChart extends PlannedChart {
  svg: Uint8Array;
}

/** The charts the layout places, in its order, sized as it says. */
export function planCharts(
  stats: ReportStats,
  locale: Locale,
  strings: Strings,
  layout: TemplateLayout,
): PlannedChart[] {
  return layout.figures.flatMap((figure) =>
    'chart' in figure
      ? [
          {
            input: chartInput(figure.chart as ChartId, stats, locale, strings),
            widthMm: figure.widthMm,
            heightMm: figure.heightMm,
          },
        ]
      : [],
  );
}

/** A locale string the template may lack (templates copied before it existed): the default's. */
function optional(strings: Strings, key: string, locale: Locale, zh: string, en: string): string {
  return typeof strings[key] === 'string' ? text(strings, key) : locale === 'en' ? en : zh;
}

/**
 * Every calendar year from the first with data to the report year: a year without data keeps
 * its place on the axis (its figures null, marked on the chart), never closing the gap.
 */
function calendarYears(years: readonly number[], last: number): number[] {
  const first = Math.min(...years, last);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** One value per calendar year: the year's figure, or null where the year has no data. */
function perYear<T extends { year: number }>(
  calendar: readonly number[],
  series: readonly T[],
  value: (entry: T) => number | null,
): (number | null)[] {
  return calendar.map((year) => {
    const entry = series.find((s) => s.year === year);
    return entry === undefined ? null : value(entry);
  });
}

function chartInput(id: ChartId, stats: ReportStats, locale: Locale, strings: Strings): ChartInput {
  const years = calendarYears(stats.years, stats.year);
  const first = years[0] ?? stats.year;
  const yearLabel = (y: number) => (locale === 'en' ? String(y) : `${y}年`);
  const noDataLabel = optional(strings, 'chartNoData', locale, '无数据', 'no data');
  switch (id) {
    case 'income': {
      const usedKinds = stats.income.byKind.filter((k) =>
        stats.income.series.some((s) => (s.byKind.find((b) => b.id === k.id)?.amount ?? 0) > 0),
      );
      return {
        id,
        kind: 'stacked-bar',
        title: text(strings, 'chartIncome', { first, last: stats.year }),
        labels: years.map(yearLabel),
        datasets: usedKinds.map((kind) => ({
          label: kind.label,
          data: perYear(
            years,
            stats.income.series,
            (s) => s.byKind.find((b) => b.id === kind.id)?.amount ?? 0,
          ),
        })),
        format: { kind: 'money' },
        locale,
        noDataLabel,
        labelsHeading: text(strings, 'year'),
      };
    }
    case 'staff': {
      const staffYears = calendarYears(
        stats.staff.series.map((s) => s.year),
        stats.year,
      );
      return {
        id,
        kind: 'bar',
        title: text(strings, 'chartStaff', { first: staffYears[0] ?? first, last: stats.year }),
        labels: staffYears.map(yearLabel),
        datasets: [
          {
            label: text(strings, 'headcount'),
            data: perYear(staffYears, stats.staff.series, (s) => s.headcount),
          },
        ],
        format: { kind: 'count', unit: text(strings, 'chartStaffUnit') },
        locale,
        noDataLabel,
        labelsHeading: text(strings, 'year'),
      };
    }
    case 'projects': {
      const projectYears = calendarYears(
        stats.projects.series.map((s) => s.year),
        stats.year,
      );
      return {
        id,
        kind: 'stacked-bar',
        title: text(strings, 'chartProjects'),
        labels: projectYears.map(yearLabel),
        datasets: stats.projects.byCategory.map((category) => ({
          label: category.label,
          data: perYear(
            projectYears,
            stats.projects.series,
            (s) => s.byCategory.find((c) => c.id === category.id)?.cumulative ?? 0,
          ),
        })),
        format: {
          kind: 'count',
          unit: optional(strings, 'chartProjectsUnit', locale, '个', ''),
        },
        locale,
        noDataLabel,
        labelsHeading: text(strings, 'year'),
      };
    }
    case 'services': {
      const shown = stats.services.byActivity.filter((a) => a.count.value > 0);
      return {
        id,
        kind: 'horizontal-bar',
        title: text(strings, 'chartServices', { year: stats.year }),
        // Each bar carries its figure as the text writes it, unit and qualifier included
        // (近40次), so the category needs no unit of its own.
        labels: shown.map((a) => a.label),
        datasets: [
          {
            label: text(strings, 'count'),
            data: shown.map((a) => a.count.value),
            texts: shown.map((a) => formatCount(a.count, a.unit, locale)),
          },
        ],
        format: { kind: 'count', unit: '' },
        locale,
        noDataLabel,
        labelsHeading: text(strings, 'category'),
      };
    }
    case 'funding': {
      const kinds = stats.income.byKind.filter((k) => k.amount > 0);
      return {
        id,
        kind: 'doughnut',
        title: text(strings, 'chartFunding', { year: stats.year }),
        labels: kinds.map((k) => k.label),
        datasets: [{ label: text(strings, 'income'), data: kinds.map((k) => k.amount) }],
        format: { kind: 'money' },
        locale,
        sharesPermille: kinds.map((k) => k.sharePermille),
        noDataLabel,
        labelsHeading: text(strings, 'kind'),
      };
    }
  }
}
