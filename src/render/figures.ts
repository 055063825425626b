/**
 * The one string of each fact, and the resolver of the figure references of narrative text
 * (`{{income.total}}`, grammar in src/schema/figures.ts). Prose, key figures, tables and facts
 * boxes all format a fact through `factText` here, so a figure reads the same wherever it is
 * shown (docs/figures.md, "One value per fact"); chart labels should use it too.
 */
import { reportError, type ReportError } from '../errors.js';
import { figureScope, matchFigure, type FigureError, type FigureKind } from '../schema/figures.js';
import type { Dataset, Locale } from '../schema/files.js';
import type { Count } from '../schema/values.js';
import { totalForProse, type Change, type ReportStats } from '../stats/index.js';
import {
  formatAmountChange,
  formatChange,
  formatCount,
  formatMoney,
  formatMultiple,
  formatPercent,
  formatPermille,
  formatYear,
} from './format.js';
import { financeFigure } from './view/finance.js';
import { outcomeFigure } from './view/outcomes.js';
import { peopleFigure } from './view/people.js';
import { figureReason } from '../schema/figure-reasons.js';

export interface FigureUnits {
  /** Unit of the year's total services in prose (次). */
  services: string;
  /** Unit of person-times (人次). */
  personTimes: string;
  /** List separator for districts (、). */
  listSeparator: string;
  /** A number of people ("{n}人"; en "{n}"), for the staff change. */
  people?: string;
  /** Units of people.yaml's counts (src/render/view/people.ts peopleUnits). */
  volunteersUnit?: string;
  hours?: string;
  beneficiaries?: string;
}

/**
 * The one string of each kind of fact. Every view (prose, key figures, tables, facts boxes) and
 * every chart label or alt text that shows a fact formats it with these, never on its own.
 */
export const factText = {
  /** Integer yuan: "54.5万元", "¥545,000". */
  money: (yuan: number, locale: Locale): string => formatMoney(yuan, locale),
  /** A share from the largest-remainder per-mille of the statistics: "91.7%", "33.4%". */
  share: (permille: number | null, locale: Locale): string => formatPermille(permille, locale),
  /** The change on the previous year, direction in words: "增长147.7%", "下降7.4%", "up 147.7%". */
  change: (change: Change | null, locale: Locale): string =>
    formatChange(change?.ratio ?? null, locale),
  /** One stated count with its qualifier and unit: "40余节", "近40次", "18场". */
  count: (count: Count, unit: string, locale: Locale): string => formatCount(count, unit, locale),
  /** A total of counts (services, person-times): exact when exact, else as prose writes it (500余次). */
  total: (parts: Iterable<Count>, unit: string, locale: Locale): string =>
    formatCount(totalForProse(parts), unit, locale),
  /** A calendar year: "2015年", "2015". */
  year: (year: number, locale: Locale): string => formatYear(year, locale),
};

/** The report year's service counts, one per project and activity (the parts of services.total). */
export function yearServiceCounts(stats: ReportStats): Count[] {
  return stats.projects.list.flatMap((p) => p.services.map((s) => s.count));
}

/** The report year's stated person-times, one per project that states them. */
export function yearPersonTimes(stats: ReportStats): Count[] {
  return stats.projects.list.flatMap((p) => (p.personTimes ? [p.personTimes] : []));
}

/** Every year's counts up to the report year (the parts of the cumulative totals). */
function cumulativeParts(dataset: Dataset, year: number) {
  const projects = dataset.years.filter((y) => y.year <= year).flatMap((y) => y.projects.projects);
  return {
    services: projects.flatMap((p) => Object.values(p.services)),
    personTimes: projects.flatMap((p) => (p.person_times ? [p.person_times] : [])),
  };
}

/** The names a year's report can use: the validator builds the same scope (figureScope). */
function scopeOf(dataset: Dataset, year: number) {
  const vocab = dataset.organization.vocabularies;
  return figureScope(
    dataset.years.map((y) => ({
      year: y.year,
      projects: y.projects.projects,
      finance: y.finance,
      people: y.people,
      volunteers: y.staff.volunteers,
    })),
    year,
    vocab.project_categories.map((c) => c.id),
    vocab.activity_types.map((a) => a.id),
  );
}

function missing(name: string, why: FigureError): ReportError {
  return reportError('figureNoValue', {
    name,
    why: { en: figureReason(why, 'en'), 'zh-CN': figureReason(why, 'zh-CN') },
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
  const count = (c: Count, unit: string) => factText.count(c, unit, locale);
  const total = (parts: Count[], unit: string) =>
    parts.length === 0 ? '—' : factText.total(parts, unit, locale);
  const allYears = cumulativeParts(dataset, stats.year);
  const people = (n: number) => (units.people ?? '{n}').replace('{n}', String(n));
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
    if (!entry)
      throw missing(name, { reason: 'project_not_this_year', value: String(id), year: stats.year });
    return entry;
  };

  const resolvers: Record<FigureKind, (args: (string | undefined)[], name: string) => string> = {
    year: () => String(stats.year),
    orgName: () => org.name,
    orgShortName: () => org.short_name ?? org.name,
    foundedYear: () => org.founded.slice(0, 4),
    incomeTotal: ([y]) => factText.money(incomeOf(y)?.total ?? NaN, locale),
    incomeGrowth: ([y]) => formatPercent(incomeOf(y)?.change.ratio ?? null, {}, locale),
    incomeChange: ([y]) => factText.change(incomeOf(y)?.change ?? null, locale),
    incomeChangeAmount: ([y]) =>
      formatAmountChange(
        incomeOf(y)?.change.amount ?? null,
        (v) => factText.money(v, locale),
        locale,
      ),
    incomeGovernmentShare: ([y]) =>
      factText.share(incomeOf(y)?.governmentSharePermille ?? null, locale),
    incomeCagr: () => formatPercent(stats.income.cagr, {}, locale),
    incomeMultiple: () => formatMultiple(stats.income.multiple, locale),
    staffHeadcount: ([y]) => String(staffOf(y)?.headcount ?? '—'),
    staffChange: ([y]) => formatAmountChange(staffOf(y)?.change.amount ?? null, people, locale),
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
    servicesTotal: () => total(yearServiceCounts(stats), units.services),
    servicesCumulative: () => total(allYears.services, units.services),
    personTimesTotal: () => total(yearPersonTimes(stats), units.personTimes),
    personTimesCumulative: () => total(allYears.personTimes, units.personTimes),
    projectService: ([id, activity], name) => {
      const service = project(name, id).services.find((s) => s.id === activity);
      if (!service)
        throw missing(name, {
          reason: 'activity_not_listed',
          value: String(activity),
          project: String(id),
          year: stats.year,
        });
      return count(service.count, service.unit);
    },
    projectFunding: ([id, cumulative], name) => {
      const entry = project(name, id);
      return factText.money(cumulative ? entry.funding.cumulative : entry.funding.year, locale);
    },
    districts: () => stats.services.districts.join(units.listSeparator),
    awardsCount: () => String(stats.awards.count),
    awardsCumulative: () => String(stats.awards.cumulative),
    mediaReports: ([id]) =>
      String(
        id === undefined
          ? stats.media.reports
          : (stats.media.byProject.find((p) => p.project === id)?.reports ?? 0),
      ),
    finance: ([name = '']) => financeFigure(stats, name, locale),
    people: ([name = '']) => peopleFigure(stats, name, locale, units),
    outcome: ([id, outcomeId, field], name) => {
      // The statistics keep projects.yaml's order of the indicators: the one with this id.
      const stated = dataset.years
        .find((y) => y.year === stats.year)
        ?.projects.projects.find((p) => p.id === id)?.outcomes;
      const index = stated?.findIndex((o) => o.id === outcomeId) ?? -1;
      const o = project(name, id).outcomes?.[index];
      if (!o)
        throw missing(name, {
          reason: 'unknown_outcome',
          value: String(outcomeId),
          project: String(id),
          year: stats.year,
        });
      return outcomeFigure(o, field, locale);
    },
  };

  return (name) => {
    const match = matchFigure(name, scope);
    if ('error' in match) throw missing(name, match.error);
    return resolvers[match.kind](match.args, name);
  };
}
