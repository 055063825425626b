/**
 * Resolves the figure references of narrative text (`{{income.total}}`, grammar in
 * src/schema/figures.ts) to formatted text, from the computed statistics. A figure in the prose
 * therefore always equals the figure in the tables and charts.
 */
import { ReportError } from '../errors.js';
import { figureScope, matchFigure, type FigureKind } from '../schema/figures.js';
import type { Dataset, Locale } from '../schema/files.js';
import type { Count } from '../schema/values.js';
import { roundForProse, type ReportStats } from '../stats/index.js';
import { formatCount, formatMoney, formatMultiple, formatPercent } from './format.js';
import { financeFigure } from './view/finance.js';

export interface FigureUnits {
  /** Unit of the year's total services in prose (次). */
  services: string;
  /** Unit of person-times (人次). */
  personTimes: string;
  /** List separator for districts (、). */
  listSeparator: string;
}

/** The names a year's report can use: the validator builds the same scope (figureScope). */
function scopeOf(dataset: Dataset, year: number) {
  const vocab = dataset.organization.vocabularies;
  return figureScope(
    dataset.years.map((y) => ({ year: y.year, projects: y.projects.projects, finance: y.finance })),
    year,
    vocab.project_categories.map((c) => c.id),
    vocab.activity_types.map((a) => a.id),
  );
}

function missing(name: string, why: string): ReportError {
  return new ReportError('DATA_INVALID', `the figure {{${name}}} has no value: ${why}`, {
    hint: 'see docs/figures.md for the figures a narrative can use',
  });
}

/** Returns a resolver for one report: name → formatted text. Throws DATA_INVALID for an unknown name. */
export function figureResolver(
  dataset: Dataset,
  stats: ReportStats,
  locale: Locale,
  units: FigureUnits,
): (name: string) => string {
  const scope = scopeOf(dataset, stats.year);
  const org = dataset.organization;
  const count = (c: Count, unit: string) => formatCount(c, unit, locale);
  const prose = (c: Count | null, unit: string) =>
    c === null ? '—' : count(roundForProse(c), unit);
  const incomeOf = (year: string | undefined) => {
    const y = year === undefined ? stats.year : Number(year);
    return stats.income.series.find((s) => s.year === y);
  };
  const staffOf = (year: string | undefined) => {
    const y = year === undefined ? stats.year : Number(year);
    return stats.staff.series.find((s) => s.year === y);
  };
  // matchFigure has checked that the project runs this year and lists the activity; these
  // throws are a bug in that promise (the validator would have passed a reference that fails).
  const project = (name: string, id: string | undefined) => {
    const entry = stats.projects.list.find((p) => p.id === id);
    if (!entry) throw missing(name, `the project "${id}" is not in ${stats.year}’s projects.yaml`);
    return entry;
  };

  const resolvers: Record<FigureKind, (args: (string | undefined)[], name: string) => string> = {
    year: () => String(stats.year),
    orgName: () => org.name,
    orgShortName: () => org.short_name ?? org.name,
    foundedYear: () => org.founded.slice(0, 4),
    incomeTotal: ([y]) => formatMoney(incomeOf(y)?.total ?? NaN, locale),
    incomeGrowth: ([y]) => formatPercent(incomeOf(y)?.change.ratio ?? null, {}, locale),
    incomeGovernmentShare: ([y]) => formatPercent(incomeOf(y)?.governmentShare ?? null, {}, locale),
    incomeCagr: () => formatPercent(stats.income.cagr, {}, locale),
    incomeMultiple: () => formatMultiple(stats.income.multiple, locale),
    staffHeadcount: ([y]) => String(staffOf(y)?.headcount ?? '—'),
    staffVolunteers: ([y]) => String(staffOf(y)?.volunteers ?? '—'),
    projectsCumulative: ([category]) =>
      String(
        category === undefined
          ? stats.projects.cumulative
          : (stats.projects.byCategory.find((c) => c.id === category)?.cumulative ?? 0),
      ),
    projectsActive: () => String(stats.projects.active),
    projectsNew: () => String(stats.projects.new),
    projectsCompleted: () => String(stats.projects.completed),
    servicesTotal: () => prose(stats.services.total, units.services),
    servicesCumulative: () => prose(stats.services.cumulative, units.services),
    personTimesTotal: () => prose(stats.services.personTimes, units.personTimes),
    personTimesCumulative: () => prose(stats.services.personTimesCumulative, units.personTimes),
    projectService: ([id, activity], name) => {
      const service = project(name, id).services.find((s) => s.id === activity);
      if (!service)
        throw missing(name, `the project "${id}" lists no "${activity}" in ${stats.year}`);
      return count(service.count, service.unit);
    },
    projectFunding: ([id, cumulative], name) => {
      const entry = project(name, id);
      return formatMoney(cumulative ? entry.funding.cumulative : entry.funding.year, locale);
    },
    districts: () => stats.services.districts.join(units.listSeparator),
    awardsCount: () => String(stats.awards.count),
    mediaReports: ([id]) =>
      String(
        id === undefined
          ? stats.media.reports
          : (stats.media.byProject.find((p) => p.project === id)?.reports ?? 0),
      ),
    finance: ([name = '']) => financeFigure(stats, name, locale),
  };

  return (name) => {
    const match = matchFigure(name, scope);
    if ('error' in match)
      throw missing(name, `${match.error.reason.replaceAll('_', ' ')} ${match.error.value}`);
    return resolvers[match.kind](match.args, name);
  };
}
