/**
 * The statistics stage: a validated Dataset and a report year in, every figure the report states
 * out. Pure: no I/O, no clock. One pass over the years up to the report year keeps the running
 * totals (distinct projects, cumulative funding and services, awards), so the cost grows with the
 * size of the data, not with its square. Arithmetic rules live in rules.ts.
 */
import { reportError } from '../errors.js';
import { AWARD_KINDS, AWARD_LEVELS, PROJECT_ROLES } from '../schema/files.js';
import type { Dataset, Organization, Project, YearData } from '../schema/files.js';
import type { Count } from '../schema/values.js';
import {
  apportion,
  compareWithPrevious,
  compoundGrowth,
  multipleOf,
  sumCounts,
  sumYuan,
} from './rules.js';
import {
  STATS_FORMAT_VERSION,
  type AwardGroup,
  type AwardsYear,
  type IncomeKind,
  type IncomeYear,
  type ProjectEntry,
  type ProjectGroup,
  type ProjectsYear,
  type ReportStats,
  type ServiceActivity,
  type ServiceCount,
  type ServicesYear,
  type StaffYear,
} from './types.js';

import { computeFinance, type FinanceStats } from './finance.js';
import { computePeople, type PeopleStats } from './people.js';

const PERMILLE = 1000;
const GOVERNMENT_KIND = 'government';

/** The years with data, ascending. */
export function listYears(dataset: Dataset): number[] {
  return dataset.years.map((y) => y.year).sort((a, b) => a - b);
}

/**
 * The report year's figures and the series over every year with data up to it.
 * Throws a DATA_NOT_FOUND ReportError (exit 1, as for a missing year folder) when the dataset
 * has no data for `year`.
 */
export function computeStats(dataset: Dataset, year: number): ReportStats {
  const years = [...dataset.years].filter((y) => y.year <= year).sort((a, b) => a.year - b.year);
  const current = years.at(-1);
  if (!current || current.year !== year) {
    const available = listYears(dataset);
    throw reportError('noDataForYear', { year, available });
  }
  const vocab = vocabularies(dataset.organization);
  const byYear = new Map(years.map((y) => [y.year, y]));
  const previousOf = (y: number) => byYear.get(y - 1) ?? null;

  const incomeSeries = years.map((y) => summariseIncome(y, previousOf(y.year), vocab));
  const staffSeries = years.map((y) => summariseStaff(y, previousOf(y.year)));
  const walk = walkYears(years, vocab);

  const first = incomeSeries[0];
  const incomeNow = incomeSeries.at(-1);
  const staffNow = staffSeries.at(-1);
  if (!first || !incomeNow || !staffNow) throw new Error('unreachable: no year to summarise');
  const span = year - first.year;
  const isFirst = span === 0;

  return {
    version: STATS_FORMAT_VERSION,
    year,
    years: years.map((y) => y.year),
    income: {
      ...incomeNow,
      firstYear: first.year,
      span,
      cagr: isFirst ? null : compoundGrowth(first.total, incomeNow.total, span),
      multiple: isFirst ? null : multipleOf(first.total, incomeNow.total),
      series: incomeSeries,
    },
    staff: { ...staffNow, series: staffSeries },
    projects: { ...walk.projects, series: walk.projectsSeries },
    services: { ...walk.services, series: walk.servicesSeries },
    awards: { ...walk.awards, series: walk.awardsSeries },
    media: walk.media,
    ...finance(years, year),
    ...people(years, year),
  };
}

interface Vocabularies {
  categories: Map<string, string>;
  activities: Map<string, { label: string; unit: string }>;
  fundingKinds: Map<string, string>;
}

function vocabularies(organization: Organization): Vocabularies {
  const v = organization.vocabularies;
  return {
    categories: new Map(v.project_categories.map((c) => [c.id, c.label])),
    activities: new Map(v.activity_types.map((a) => [a.id, { label: a.label, unit: a.unit }])),
    fundingKinds: new Map(v.funding_kinds.map((k) => [k.id, k.label])),
  };
}

/** The vocabulary's ids in order, then ids met in the data that it does not define. */
function idsInOrder(vocabulary: Map<string, unknown>, met: Iterable<string>): string[] {
  const ids = new Set(vocabulary.keys());
  for (const id of met) ids.add(id);
  return [...ids];
}

function summariseIncome(y: YearData, previous: YearData | null, vocab: Vocabularies): IncomeYear {
  const amounts = new Map<string, number[]>();
  for (const line of y.income.lines) {
    const list = amounts.get(line.kind) ?? [];
    list.push(line.amount);
    amounts.set(line.kind, list);
  }
  const ids = idsInOrder(vocab.fundingKinds, amounts.keys());
  const perKind = ids.map((id) => sumYuan(amounts.get(id) ?? []));
  const total = sumYuan(perKind);
  const permille = apportion(perKind, PERMILLE);
  const byKind: IncomeKind[] = ids.map((id, i) => ({
    id,
    label: vocab.fundingKinds.get(id) ?? id,
    amount: perKind[i] ?? 0,
    share: total === 0 ? null : (perKind[i] ?? 0) / total,
    sharePermille: permille?.[i] ?? null,
  }));
  const government = byKind.find((k) => k.id === GOVERNMENT_KIND);
  return {
    year: y.year,
    total,
    byKind,
    governmentShare: government ? government.share : total === 0 ? null : 0,
    governmentSharePermille: government ? government.sharePermille : total === 0 ? null : 0,
    change: compareWithPrevious(total, previous ? incomeTotal(previous) : null),
  };
}

function incomeTotal(y: YearData): number {
  return sumYuan(y.income.lines.map((line) => line.amount));
}

function headcountOf(y: YearData): number {
  return y.staff.headcount ?? y.staff.members?.length ?? 0;
}

function summariseStaff(y: YearData, previous: YearData | null): StaffYear {
  const headcount = headcountOf(y);
  return {
    year: y.year,
    headcount,
    fullTime: y.staff.members ? y.staff.members.filter((m) => m.full_time).length : null,
    volunteers: y.staff.volunteers ?? null,
    change: compareWithPrevious(headcount, previous ? headcountOf(previous) : null),
  };
}

function fundingOf(project: Project): number {
  return sumYuan(project.funders.map((f) => f.amount));
}

/** The running state of the walk over the years: what "cumulative" means for each figure. */
interface Running {
  /** Every project id seen so far, with its latest appearance. */
  projects: Map<string, Project>;
  /** Distinct projects by the category and by the role of their latest appearance. */
  byCategory: Map<string, number>;
  byRole: Map<string, number>;
  funding: Map<string, number>;
  activities: Map<string, Count>;
  personTimes: Count | null;
  districts: Set<string>;
  awards: number;
  awardsByLevel: Map<string, number>;
  awardsByKind: Map<string, number>;
  media: number;
}

function walkYears(years: YearData[], vocab: Vocabularies) {
  const run: Running = {
    projects: new Map(),
    byCategory: new Map(),
    byRole: new Map(),
    funding: new Map(),
    activities: new Map(),
    personTimes: null,
    districts: new Set(),
    awards: 0,
    awardsByLevel: new Map(),
    awardsByKind: new Map(),
    media: 0,
  };
  const projectsSeries: ProjectsYear[] = [];
  const servicesSeries: ServicesYear[] = [];
  const awardsSeries: AwardsYear[] = [];

  for (const y of years) {
    const listed = y.projects.projects;
    let isNew = 0;
    for (const p of listed) if (p.status === 'new' || !run.projects.has(p.id)) isNew += 1;
    for (const p of listed) {
      const before = run.projects.get(p.id);
      if (before) {
        increment(run.byCategory, before.category, -1);
        increment(run.byRole, before.role, -1);
      }
      increment(run.byCategory, p.category);
      increment(run.byRole, p.role);
      run.projects.set(p.id, p);
      run.funding.set(p.id, sumYuan([run.funding.get(p.id) ?? 0, fundingOf(p)]));
      for (const [id, count] of Object.entries(p.services)) {
        run.activities.set(id, sumCounts([run.activities.get(id) ?? zero(), count]));
      }
      for (const d of p.districts) run.districts.add(d);
    }
    const yearServices = sumCounts(listed.flatMap((p) => Object.values(p.services)));
    const stated = listed.flatMap((p) => (p.person_times ? [p.person_times] : []));
    // No project stating person-times is "not known", not 0 people.
    const yearPersonTimes = stated.length === 0 ? null : sumCounts(stated);
    if (yearPersonTimes) run.personTimes = sumCounts([run.personTimes ?? zero(), yearPersonTimes]);
    for (const award of y.awards.awards) {
      run.awards += 1;
      increment(run.awardsByLevel, award.level);
      increment(run.awardsByKind, award.kind);
    }
    run.media += y.awards.media.reduce((sum, m) => sum + m.reports, 0);

    projectsSeries.push({
      year: y.year,
      active: new Set(listed.map((p) => p.id)).size,
      new: isNew,
      completed: listed.filter((p) => p.status === 'completed').length,
      cumulative: run.projects.size,
      byCategory: groupProjects(
        idsInOrder(vocab.categories, run.byCategory.keys()),
        (id) => vocab.categories.get(id) ?? id,
        listed,
        run.byCategory,
        (p) => p.category,
      ),
      byRole: groupProjects(
        [...PROJECT_ROLES],
        (id) => id,
        listed,
        run.byRole,
        (p) => p.role,
      ),
    });
    servicesSeries.push({ year: y.year, total: yearServices, personTimes: yearPersonTimes });
    awardsSeries.push({ year: y.year, count: y.awards.awards.length, cumulative: run.awards });
  }

  const last = years.at(-1);
  const projectsNow = projectsSeries.at(-1);
  const servicesNow = servicesSeries.at(-1);
  const awardsNow = awardsSeries.at(-1);
  if (!last || !projectsNow || !servicesNow || !awardsNow) throw new Error('unreachable');
  const earlier = new Set(years.slice(0, -1).flatMap((y) => y.projects.projects.map((p) => p.id)));

  return {
    projects: {
      ...projectsNow,
      list: last.projects.projects.map((p) => describeProject(p, last, run, earlier, vocab)),
    },
    projectsSeries,
    services: {
      ...servicesNow,
      byActivity: idsInOrder(vocab.activities, run.activities.keys()).map(
        (id): ServiceActivity => ({
          ...activityLabel(id, vocab),
          count: sumCounts(last.projects.projects.flatMap((p) => p.services[id] ?? [])),
          cumulative: run.activities.get(id) ?? zero(),
        }),
      ),
      cumulative: sumCounts(run.activities.values()),
      personTimesCumulative: run.personTimes,
      districts: [...new Set(last.projects.projects.flatMap((p) => p.districts))],
      districtsCumulative: [...run.districts],
    },
    servicesSeries,
    awards: {
      ...awardsNow,
      byLevel: AWARD_LEVELS.map((id) => awardGroup(id, last, run.awardsByLevel, (a) => a.level)),
      byKind: AWARD_KINDS.map((id) => awardGroup(id, last, run.awardsByKind, (a) => a.kind)),
    },
    awardsSeries,
    media: {
      year: last.year,
      reports: last.awards.media.reduce((sum, m) => sum + m.reports, 0),
      cumulative: run.media,
      byProject: mediaByProject(last),
      unattributed: last.awards.media
        .filter((m) => m.project === undefined)
        .reduce((sum, m) => sum + m.reports, 0),
    },
  };
}

function zero(): Count {
  return { value: 0, approx: null };
}

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function activityLabel(id: string, vocab: Vocabularies): Omit<ServiceCount, 'count'> {
  const activity = vocab.activities.get(id);
  return { id, label: activity?.label ?? id, unit: activity?.unit ?? '' };
}

function groupProjects(
  ids: string[],
  labelOf: (id: string) => string,
  listed: Project[],
  cumulative: Map<string, number>,
  keyOf: (p: Project) => string,
): ProjectGroup[] {
  const active = new Map<string, Set<string>>();
  for (const p of listed) active.set(keyOf(p), (active.get(keyOf(p)) ?? new Set()).add(p.id));
  return ids.map((id) => ({
    id,
    label: labelOf(id),
    active: active.get(id)?.size ?? 0,
    cumulative: cumulative.get(id) ?? 0,
  }));
}

function describeProject(
  p: Project,
  y: YearData,
  run: Running,
  earlier: Set<string>,
  vocab: Vocabularies,
): ProjectEntry {
  const listedIds = new Set(Object.keys(p.services));
  const services = idsInOrder(vocab.activities, listedIds)
    .filter((id) => listedIds.has(id))
    .map((id): ServiceCount => ({ ...activityLabel(id, vocab), count: p.services[id] ?? zero() }));
  return {
    id: p.id,
    name: p.name,
    shortName: p.short_name ?? null,
    category: p.category,
    categoryLabel: vocab.categories.get(p.category) ?? p.category,
    role: p.role,
    status: p.status,
    isNew: p.status === 'new' || !earlier.has(p.id),
    funding: { year: fundingOf(p), cumulative: run.funding.get(p.id) ?? 0 },
    services,
    servicesTotal: sumCounts(services.map((s) => s.count)),
    personTimes: p.person_times ?? null,
    districts: [...new Set(p.districts)],
    highlight: p.highlight,
    mediaReports: y.awards.media
      .filter((m) => m.project === p.id)
      .reduce((sum, m) => sum + m.reports, 0),
    ...(p.outcomes
      ? {
          outcomes: p.outcomes.map((o) => ({
            name: o.name,
            unit: o.unit ?? null,
            target: o.target,
            actual: o.actual,
            achievement: o.target === 0 ? null : o.actual / o.target,
          })),
        }
      : {}),
  };
}

function awardGroup<Id extends string>(
  id: Id,
  y: YearData,
  cumulative: Map<string, number>,
  keyOf: (a: YearData['awards']['awards'][number]) => string,
): AwardGroup<Id> {
  return {
    id,
    count: y.awards.awards.filter((a) => keyOf(a) === id).length,
    cumulative: cumulative.get(id) ?? 0,
  };
}

function mediaByProject(y: YearData): { project: string; reports: number }[] {
  const reports = new Map<string, number>();
  for (const m of y.awards.media) {
    if (m.project !== undefined) reports.set(m.project, (reports.get(m.project) ?? 0) + m.reports);
  }
  return [...reports].map(([project, count]) => ({ project, reports: count }));
}

/** The finance part, only for a year with a finance.yaml (the JSON of other years is unchanged). */
function finance(years: readonly YearData[], year: number): { finance?: FinanceStats } {
  const stats = computeFinance(years, year);
  return stats ? { finance: stats } : {};
}

/** Volunteers and beneficiaries, only for a year with a people.yaml. */
function people(years: readonly YearData[], year: number): { people?: PeopleStats } {
  const stats = computePeople(years, year);
  return stats ? { people: stats } : {};
}
