/**
 * The figures narrative text may reference as `{{income.total}}`: the grammar lives here so the
 * validator can check every reference (with its file:line:col) before anything is rendered, and
 * the renderer resolves exactly the same names (src/render/figures.ts). docs/figures.md lists them.
 */

/** A reference in narrative text: `{{ name }}`. */
export const FIGURE_REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** What each capture group of a pattern must name. */
type Capture = 'year' | 'project' | 'category' | 'activity';

export const FIGURE_PATTERNS = {
  year: { re: /^year$/, captures: [] },
  orgName: { re: /^org\.name$/, captures: [] },
  orgShortName: { re: /^org\.short_name$/, captures: [] },
  foundedYear: { re: /^founded\.year$/, captures: [] },
  incomeTotal: { re: /^income\.total(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeGrowth: { re: /^income\.growth(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeGovernmentShare: { re: /^income\.government_share(?:\.(\d{4}))?$/, captures: ['year'] },
  incomeCagr: { re: /^income\.cagr$/, captures: [] },
  incomeMultiple: { re: /^income\.multiple$/, captures: [] },
  staffHeadcount: { re: /^staff\.headcount(?:\.(\d{4}))?$/, captures: ['year'] },
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
    captures: ['project', 'activity'],
  },
  projectFunding: { re: /^funding\.([a-z0-9][a-z0-9_-]*)(\.cumulative)?$/, captures: ['project'] },
  districts: { re: /^districts$/, captures: [] },
  awardsCount: { re: /^awards\.count$/, captures: [] },
  mediaReports: { re: /^media\.reports(?:\.([a-z0-9][a-z0-9_-]*))?$/, captures: ['project'] },
} as const satisfies Record<string, { re: RegExp; captures: readonly Capture[] }>;
export type FigureKind = keyof typeof FIGURE_PATTERNS;

export interface FigureScope {
  /** Years with data, up to and including the report year. */
  years: ReadonlySet<number>;
  projects: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  activities: ReadonlySet<string>;
}

/** Why a reference is not a figure; src/validate/messages.ts words it in each language. */
export interface FigureError {
  reason: 'no_year' | 'unknown_project' | 'unknown_category' | 'unknown_activity' | 'unknown_name';
  value: string;
}

const UNKNOWN: Record<Capture, FigureError['reason']> = {
  year: 'no_year',
  project: 'unknown_project',
  category: 'unknown_category',
  activity: 'unknown_activity',
};

export interface FigureMatch {
  kind: FigureKind;
  args: (string | undefined)[];
}

/** Matches a reference name against the grammar; `error` says what is unknown. */
export function matchFigure(
  name: string,
  scope: FigureScope,
): FigureMatch | { error: FigureError } {
  for (const [kind, pattern] of Object.entries(FIGURE_PATTERNS) as [
    FigureKind,
    (typeof FIGURE_PATTERNS)[FigureKind],
  ][]) {
    const m = pattern.re.exec(name);
    if (!m) continue;
    const args = m.slice(1);
    const captures: readonly Capture[] = pattern.captures;
    for (const [i, capture] of captures.entries()) {
      const value = args[i];
      if (value === undefined) continue;
      const known =
        capture === 'year'
          ? scope.years.has(Number(value))
          : capture === 'project'
            ? scope.projects.has(value)
            : capture === 'category'
              ? scope.categories.has(value)
              : scope.activities.has(value);
      if (!known) return { error: { reason: UNKNOWN[capture], value } };
    }
    return { kind, args };
  }
  return { error: { reason: 'unknown_name', value: name } };
}

/** Every reference in a text, with its offset (for file:line:col). */
export function findFigureReferences(text: string): { name: string; offset: number }[] {
  return [...text.matchAll(FIGURE_REFERENCE)].map((m) => ({ name: m[1] ?? '', offset: m.index }));
}
