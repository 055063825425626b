/**
 * The figures narrative text may reference as `{{income.total}}`: the grammar lives here so the
 * validator can check every reference (with its file:line:col) before anything is rendered, and
 * the renderer resolves exactly the same names (src/render/figures.ts). docs/figures.md lists them.
 */

/** A reference in narrative text: `{{ name }}`. */
export const FIGURE_REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * What each capture group of a pattern must name. `project` is a project of any year up to the
 * report year; `yearProject` one of the report year's own projects (its figures come from that
 * year's projects.yaml); `activity` an activity type, and one that the `yearProject` captured
 * before it lists under services that year; `outcome` the id of an outcome indicator of that
 * `yearProject` (projects.yaml `outcomes[].id`).
 */
type Capture =
  'year' | 'project' | 'yearProject' | 'category' | 'activity' | 'finance' | 'people' | 'outcome';

export const FIGURE_PATTERNS = {
  year: { re: /^year$/, captures: [] },
  orgName: { re: /^org\.name$/, captures: [] },
  orgShortName: { re: /^org\.short_name$/, captures: [] },
  foundedYear: { re: /^founded\.year$/, captures: [] },
  incomeTotal: { re: /^income\.total(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeGrowth: { re: /^income\.growth(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeChange: { re: /^income\.change(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeChangeAmount: { re: /^income\.change_amount(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeGovernmentShare: { re: /^income\.government_share(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeCagr: { re: /^income\.cagr$/, captures: [] },
  incomeMultiple: { re: /^income\.multiple$/, captures: [] },
  staffHeadcount: { re: /^staff\.headcount(?:\.(\d{4}))?$/, captures: ['year'] },
  staffChange: { re: /^staff\.change(?:\.(\d{4}))?$/, captures: ['year'] },
  staffVolunteers: { re: /^staff\.volunteers(?:\.(\d{4}))?$/, captures: ['year'] },
  projectsCumulative: { re: /^projects\.cumulative(?:\.([a-z0-9_-]+))?$/, captures: ['category'] },
  projectsActive: { re: /^projects\.active$/, captures: [] },
  projectsNew: { re: /^projects\.new$/, captures: [] },
  projectsCompleted: { re: /^projects\.completed$/, captures: [] },
  servicesTotal: { re: /^services\.total$/, captures: [] },
  servicesCumulative: { re: /^services\.cumulative$/, captures: [] },
  personTimesTotal: { re: /^person_times\.total$/, captures: [] },
  personTimesCumulative: { re: /^person_times\.cumulative$/, captures: [] },
  projectService: {
    re: /^services\.([a-z0-9][a-z0-9_-]*)\.([a-z0-9][a-z0-9_-]*)$/,
    captures: ['yearProject', 'activity'],
  },
  projectFunding: {
    re: /^funding\.([a-z0-9][a-z0-9_-]*)(\.cumulative)?$/,
    captures: ['yearProject'],
  },
  districts: { re: /^districts$/, captures: [] },
  awardsCount: { re: /^awards\.count$/, captures: [] },
  awardsCumulative: { re: /^awards\.cumulative$/, captures: [] },
  mediaReports: { re: /^media\.reports(?:\.([a-z0-9][a-z0-9_-]*))?$/, captures: ['project'] },
  /** The year's finance.yaml figures (src/stats/finance.ts); the year must have the file. */
  finance: {
    re: /^((?:expenditure\.(?:total|growth|programme_share|management_share|fundraising_share))|finance\.(?:surplus|programme_vs_previous_income)|net_assets\.(?:start|end))$/,
    captures: ['finance'],
  },
  /** The year's people.yaml figures (src/stats/people.ts); the year must state them. */
  people: {
    re: /^((?:volunteers\.(?:people|hours))|beneficiaries\.(?:people|person_times))$/,
    captures: ['people'],
  },
  /** A project's outcome indicator (projects.yaml `outcomes:` with an `id`): actual, target, rate. */
  outcome: {
    re: /^outcomes\.([a-z0-9][a-z0-9_-]*)\.([a-z0-9][a-z0-9_-]*)\.(actual|target|achievement)$/,
    captures: ['yearProject', 'outcome'],
  },
} as const satisfies Record<string, { re: RegExp; captures: readonly Capture[] }>;
export type FigureKind = keyof typeof FIGURE_PATTERNS;

/** What a report year's references can name. Built by figureScope, by the validator and the renderer alike. */
export interface FigureScope {
  /** The report year. */
  year: number;
  /** Years with data, up to and including the report year. */
  years: ReadonlySet<number>;
  /** Projects of every year up to the report year. */
  projects: ReadonlySet<string>;
  /** The report year's projects, each with the activity types it lists under services. */
  yearProjects: ReadonlyMap<string, ReadonlySet<string>>;
  categories: ReadonlySet<string>;
  activities: ReadonlySet<string>;
  /** Whether the report year has a finance.yaml. */
  finance: boolean;
  /** The people.yaml figures the report year states (peopleFigureNames). */
  people: ReadonlySet<string>;
  /** The report year's projects → their outcome indicators with an id → whether the target is 0. */
  outcomes: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
}

/** The years of data as both stages see them: only the ids and service keys matter here. */
export interface ScopeYear {
  year: number;
  projects: readonly {
    id: string;
    services: Readonly<Record<string, unknown>>;
    outcomes?: readonly ({ id?: string | undefined; target?: unknown } | undefined)[] | undefined;
  }[];
  /** The year's finance.yaml, if any (only its presence matters here). */
  finance?: unknown;
  /** The year's people.yaml, if any, and staff.yaml's volunteers (peopleFigureNames). */
  people?: unknown;
  volunteers?: number | undefined;
}

/**
 * The people.yaml figures a year states: as src/stats/people.ts computes them, a total left out
 * is the sum of the kinds when every kind states it; volunteers may come from staff.yaml.
 */
export function peopleFigureNames(
  people: unknown,
  staffVolunteers: number | undefined,
): Set<string> {
  const out = new Set<string>();
  if (typeof people !== 'object' || people === null) return out;
  const p = people as {
    volunteers?: { people?: unknown; hours?: unknown };
    beneficiaries?: { people?: unknown; person_times?: unknown; by_kind?: unknown };
  };
  const kinds = Array.isArray(p.beneficiaries?.by_kind)
    ? (p.beneficiaries.by_kind as ({ people?: unknown; person_times?: unknown } | undefined)[])
    : [];
  const fromKinds = (key: 'people' | 'person_times') =>
    kinds.length > 0 && kinds.every((k) => k?.[key] !== undefined);
  if (p.volunteers?.people !== undefined || staffVolunteers !== undefined)
    out.add('volunteers.people');
  if (p.volunteers?.hours !== undefined) out.add('volunteers.hours');
  if (p.beneficiaries?.people !== undefined || fromKinds('people')) out.add('beneficiaries.people');
  if (p.beneficiaries?.person_times !== undefined || fromKinds('person_times'))
    out.add('beneficiaries.person_times');
  return out;
}

export function figureScope(
  years: readonly ScopeYear[],
  year: number,
  categories: Iterable<string>,
  activities: Iterable<string>,
): FigureScope {
  const upTo = years.filter((y) => y.year <= year);
  const own = upTo.find((y) => y.year === year)?.projects ?? [];
  return {
    year,
    years: new Set(upTo.map((y) => y.year)),
    projects: new Set(upTo.flatMap((y) => y.projects.map((p) => p.id))),
    yearProjects: new Map(own.map((p) => [p.id, new Set(Object.keys(p.services))])),
    categories: new Set(categories),
    activities: new Set(activities),
    finance: upTo.find((y) => y.year === year)?.finance !== undefined,
    people: (() => {
      const own = upTo.find((y) => y.year === year);
      return peopleFigureNames(own?.people, own?.volunteers);
    })(),
    outcomes: new Map(
      own.map((p) => [
        p.id,
        new Map(
          (p.outcomes ?? []).flatMap((o) => (o?.id === undefined ? [] : [[o.id, o.target === 0]])),
        ),
      ]),
    ),
  };
}

/** Why a reference is not a figure; src/validate/messages.ts words it in each language. */
export interface FigureError {
  reason:
    | 'no_year'
    | 'unknown_project'
    | 'unknown_category'
    | 'unknown_activity'
    | 'unknown_name'
    | 'project_not_this_year'
    | 'activity_not_listed'
    | 'no_finance'
    | 'no_people'
    | 'unknown_outcome'
    | 'outcome_zero_target';
  value: string;
  /** The report year. */
  year: number;
  /** For activity_not_listed: the project that does not list the activity. */
  project?: string;
}

export interface FigureMatch {
  kind: FigureKind;
  args: (string | undefined)[];
}

/**
 * Matches a reference name against the grammar; `error` says what is unknown. A match is a
 * promise: the renderer (src/render/figures.ts) has a value for every reference matched here.
 */
export function matchFigure(
  name: string,
  scope: FigureScope,
): FigureMatch | { error: FigureError } {
  const fail = (reason: FigureError['reason'], value: string, project?: string) => ({
    error: { reason, value, year: scope.year, ...(project === undefined ? {} : { project }) },
  });
  for (const [kind, pattern] of Object.entries(FIGURE_PATTERNS) as [
    FigureKind,
    (typeof FIGURE_PATTERNS)[FigureKind],
  ][]) {
    const m = pattern.re.exec(name);
    if (!m) continue;
    const args = m.slice(1);
    const captures: readonly Capture[] = pattern.captures;
    let services: ReadonlySet<string> | undefined;
    let project: string | undefined;
    for (const [i, capture] of captures.entries()) {
      const value = args[i];
      if (value === undefined) continue;
      if (capture === 'finance') {
        if (!scope.finance) return fail('no_finance', value);
      } else if (capture === 'people') {
        if (!scope.people.has(value)) return fail('no_people', value);
      } else if (capture === 'outcome') {
        const zeroTarget = scope.outcomes.get(project ?? '')?.get(value);
        if (zeroTarget === undefined) return fail('unknown_outcome', value, project);
        if (zeroTarget && args[i + 1] === 'achievement')
          return fail('outcome_zero_target', value, project);
      } else if (capture === 'year') {
        if (!scope.years.has(Number(value))) return fail('no_year', value);
      } else if (capture === 'category') {
        if (!scope.categories.has(value)) return fail('unknown_category', value);
      } else if (capture === 'project' || capture === 'yearProject') {
        if (!scope.projects.has(value) && !scope.yearProjects.has(value))
          return fail('unknown_project', value);
        if (capture === 'yearProject') {
          services = scope.yearProjects.get(value);
          project = value;
          if (!services) return fail('project_not_this_year', value);
        }
      } else {
        if (!scope.activities.has(value)) return fail('unknown_activity', value);
        if (services && !services.has(value)) return fail('activity_not_listed', value, project);
      }
    }
    return { kind, args };
  }
  return fail('unknown_name', name);
}

/** Every reference in a text, with its offset (for file:line:col). */
export function findFigureReferences(text: string): { name: string; offset: number }[] {
  return [...text.matchAll(FIGURE_REFERENCE)].map((m) => ({ name: m[1] ?? '', offset: m.index }));
}
