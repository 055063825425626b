/**
 * The contract between the statistics stage and its consumers (the report template and
 * `report stats --json`). docs/stats.md documents every field; keep the two in step, and bump
 * `STATS_FORMAT_VERSION` when a field is renamed, removed or changes meaning.
 *
 * Units: money is integer yuan; a ratio is a plain number (0.875 is 87.5 %), exact, never
 * rounded here; a per-mille share is an integer; `null` means "no figure" (no previous year,
 * a zero base, no stated value), never 0. No field is ever NaN or ±Infinity.
 */
import type {
  AWARD_KINDS,
  AWARD_LEVELS,
  PROJECT_ROLES,
  PROJECT_STATUSES,
} from '../schema/files.js';
import type { Count } from '../schema/values.js';
import type { FinanceStats } from './finance.js';
export type { FinanceStats } from './finance.js';
import type { PeopleStats } from './people.js';
export type { PeopleStats } from './people.js';

export const STATS_FORMAT_VERSION = 1;

/** Integer yuan. */
export type Yuan = number;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export type AwardKind = (typeof AWARD_KINDS)[number];

/** A figure compared with the same figure of the calendar year before. */
export interface Change {
  /** The previous calendar year's figure; null when that year has no data. */
  previous: number | null;
  /** This year minus the previous year; null when the previous year has no data. */
  amount: number | null;
  /** amount / previous; null when the previous year has no data or its figure is 0. */
  ratio: number | null;
}

export interface IncomeKind {
  /** Funding-kind id from the organisation's vocabulary (`government`, `foundation`, …). */
  id: string;
  /** The vocabulary's label (the id itself for a kind the vocabulary does not define). */
  label: string;
  amount: Yuan;
  /** amount / total, exact; null when the total is 0. */
  share: number | null;
  /** The share in integer per-mille, rounded by largest remainder so the kinds add up to 1000. */
  sharePermille: number | null;
}

export interface IncomeYear {
  year: number;
  total: Yuan;
  /** Every funding kind of the vocabulary in its order (0 when unused), then any other kind met. */
  byKind: IncomeKind[];
  /** The share of the kind `government`, as in `byKind`. */
  governmentShare: number | null;
  governmentSharePermille: number | null;
  change: Change;
}

export interface IncomeStats extends IncomeYear {
  /** The first year with data (the base of `cagr` and `multiple`). */
  firstYear: number;
  /** Calendar years from `firstYear` to the report year (gaps included). */
  span: number;
  /** (total / first total)^(1 / span) − 1; null in the first year or when the first total is 0. */
  cagr: number | null;
  /** total / first total; null in the first year or when the first total is 0. */
  multiple: number | null;
  /** Every year with data up to the report year, ascending (gaps are absent, not zero). */
  series: IncomeYear[];
}

export interface StaffYear {
  year: number;
  /** Stated headcount, or the number of members listed. */
  headcount: number;
  /** Members with `full_time` (the default); null when no members are listed. */
  fullTime: number | null;
  /** null when not stated. */
  volunteers: number | null;
  change: Change;
}

export interface StaffStats extends StaffYear {
  series: StaffYear[];
}

export interface ServiceCount {
  /** Activity-type id from the vocabulary. */
  id: string;
  label: string;
  /** The unit word for prose (场, 次, 节). */
  unit: string;
  count: Count;
}

export interface ProjectEntry {
  id: string;
  name: string;
  shortName: string | null;
  category: string;
  categoryLabel: string;
  role: ProjectRole;
  status: ProjectStatus;
  /** True when the project is new in the report year (status `new`, or its first appearance). */
  isNew: boolean;
  funding: {
    /** The sum of the project's funders in the report year. */
    year: Yuan;
    /** The sum of its funders over every year up to the report year. */
    cumulative: Yuan;
  };
  /** The activity types the project lists, in vocabulary order. */
  services: ServiceCount[];
  /** Sum of `services` (see docs/stats.md for the approximation rule). */
  servicesTotal: Count;
  personTimes: Count | null;
  districts: string[];
  highlight: boolean;
  /** Media reports about the project in the report year. */
  mediaReports: number;
  /** Its outcome indicators, only when projects.yaml states some. */
  outcomes?: OutcomeStats[];
}

export interface OutcomeStats {
  name: string;
  unit: string | null;
  target: number;
  actual: number;
  /** actual / target; null when the target is 0. */
  achievement: number | null;
}

export interface ProjectGroup {
  /** A category id, or a role (`operated`, `assisted`). */
  id: string;
  /** The category's vocabulary label; for roles, the role id (templates translate it). */
  label: string;
  /** Listed in the report year's file. */
  active: number;
  /** Distinct projects up to the report year, each counted under its latest appearance. */
  cumulative: number;
}

export interface ProjectsYear {
  year: number;
  active: number;
  new: number;
  completed: number;
  cumulative: number;
  /** The vocabulary's categories in order, then any other category met. */
  byCategory: ProjectGroup[];
  /** `operated` then `assisted`. */
  byRole: ProjectGroup[];
}

export interface ProjectsStats extends ProjectsYear {
  /** The report year's projects in file order. */
  list: ProjectEntry[];
  series: ProjectsYear[];
}

export interface ServiceActivity {
  id: string;
  label: string;
  unit: string;
  /** Sum over the report year's projects. */
  count: Count;
  /** Sum over every year up to the report year. */
  cumulative: Count;
}

export interface ServicesYear {
  year: number;
  /** Sum of every activity count of the year. */
  total: Count;
  /** Sum of the projects' person-times (projects without one add nothing); null when none states one. */
  personTimes: Count | null;
}

export interface ServicesStats extends ServicesYear {
  /** Every activity type of the vocabulary in order (0 when unused), then any other type met. */
  byActivity: ServiceActivity[];
  cumulative: Count;
  /** Null when no project of any year up to the report year states person-times. */
  personTimesCumulative: Count | null;
  /** Districts of the year's projects, unique, in first-seen order. */
  districts: string[];
  /** Districts of every year up to the report year, unique, in first-seen order. */
  districtsCumulative: string[];
  series: ServicesYear[];
}

export interface AwardGroup<Id extends string> {
  id: Id;
  count: number;
  cumulative: number;
}

export interface AwardsYear {
  year: number;
  count: number;
  cumulative: number;
}

export interface AwardsStats extends AwardsYear {
  /** national, provincial, city, district, sector. */
  byLevel: AwardGroup<AwardLevel>[];
  /** award, honour, rating, appointment. */
  byKind: AwardGroup<AwardKind>[];
  series: AwardsYear[];
}

export interface MediaStats {
  year: number;
  /** Reports in the report year. */
  reports: number;
  cumulative: number;
  /** Reports of the year about a project, in first-seen order. */
  byProject: { project: string; reports: number }[];
  /** Reports of the year not attributed to a project. */
  unattributed: number;
}

export interface ReportStats {
  /** The JSON format version (STATS_FORMAT_VERSION). */
  version: typeof STATS_FORMAT_VERSION;
  /** The report year. */
  year: number;
  /** Years with data up to and including the report year, ascending. */
  years: number[];
  income: IncomeStats;
  staff: StaffStats;
  projects: ProjectsStats;
  services: ServicesStats;
  awards: AwardsStats;
  media: MediaStats;
  /** The year's finance.yaml figures (src/stats/finance.ts); absent when it has none. */
  finance?: FinanceStats;
  /** The year's people.yaml figures (src/stats/people.ts); absent when it has none. */
  people?: PeopleStats;
}
