/** The report's charts as data (ChartInput), by id; the template's layout says which it shows. */
import type { Locale } from '../schema/files.js';
import type { ReportStats } from '../stats/index.js';
import type { ChartInput } from './chart-specs.js';
import type { TemplateLayout } from './layout.js';
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

function chartInput(id: ChartId, stats: ReportStats, locale: Locale, strings: Strings): ChartInput {
  const years = stats.income.series.map((s) => s.year);
  const first = years[0] ?? stats.year;
  const yearLabel = (y: number) => (locale === 'en' ? String(y) : `${y}年`);
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
          data: stats.income.series.map((s) => s.byKind.find((b) => b.id === kind.id)?.amount ?? 0),
        })),
        format: { kind: 'money' },
        locale,
      };
    }
    case 'staff':
      return {
        id,
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
      };
    case 'projects':
      return {
        id,
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
      };
    case 'services': {
      const shown = stats.services.byActivity.filter((a) => a.count.value > 0);
      return {
        id,
        kind: 'horizontal-bar',
        title: text(strings, 'chartServices', { year: stats.year }),
        labels: shown.map((a) =>
          text(strings, 'chartServicesLabel', { label: a.label, unit: a.unit }),
        ),
        datasets: [{ label: text(strings, 'count'), data: shown.map((a) => a.count.value) }],
        format: { kind: 'count', unit: '' },
        locale,
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
      };
    }
  }
}
