/**
 * Parsed files → a Dataset, or every problem in them. Pure: the files were read by src/load.
 * Pass 1 is the loader's (YAML syntax, encoding, missing files); pass 2 runs each file's zod
 * schema and keeps every issue; pass 3 checks what one file says about another.
 */
import type { z } from 'zod';
import type { DataFiles, YearFileKey } from '../load/read-files.js';
import type { LoadedFile } from '../load/parse-yaml.js';
import {
  figureScope,
  findFigureReferences,
  matchFigure,
  type FigureError,
  type ScopeYear,
} from '../schema/figures.js';
import { findUncovered, PLACEHOLDER, type Covers } from '../render/uncovered-characters.js';
import { SAFE_IMAGE_URL } from '../schema/values.js';
import {
  awardsSchema,
  organizationSchema,
  YEAR_FILES,
  type Awards,
  type Dataset,
  type Income,
  type Locale,
  type Narrative,
  type Organization,
  type Project,
  type Projects,
  type Staff,
  type YearData,
} from '../schema/files.js';
import {
  compareProblems,
  DataError,
  type Finding,
  type PathSegment,
  type Problem,
} from '../problems/problem.js';
import type { Finance } from '../schema/finance.js';
import type { Photos } from '../schema/photos.js';
import type { Timeline } from '../schema/timeline.js';
import type { People } from '../schema/people.js';
import { financeFindings } from './finance-rules.js';
import { partnerFindings } from './partner-rules.js';
import { peopleFindings } from './people-rules.js';
import { photoFindings } from './photo-rules.js';
import { formatProblems } from './format-problems.js';
import { describe, hasMessage, zodErrorMap } from './messages.js';
import { isOptionalAt, knownKeysAt } from './schema-keys.js';
import { leftoverEmphasis } from './markdown-emphasis.js';
import { closest } from './suggest.js';
import { withValueHints } from './value-hints.js';
import { findingAt } from './finding-at.js';

/** A Markdown link or image: `[text](url)` / `![alt](url)`. */
const MARKDOWN_LINK = /(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)[^)]*\)/g;

export interface ValidateOptions {
  /** Language of the messages; default the organisation's locale, else zh-CN. */
  lang?: Locale | undefined;
  /** What the report's fonts draw: each character of the data outside it is a warning. */
  covers?: Covers | undefined;
}

export interface ValidationResult {
  dataset: Dataset | null;
  problems: Problem[];
  /** What the report would not show as written (characters the fonts lack); never blocking. */
  warnings: Problem[];
  /** The language the messages were written in. */
  lang: Locale;
}

interface Checked {
  /** The parsed value; when `complete` is false, what could be salvaged (holes are undefined). */
  value: unknown;
  complete: boolean;
}

interface ParsedYear {
  year: number;
  files: Partial<Record<YearFileKey, Checked & { loaded: LoadedFile }>>;
}

/** A file's value as the rules see it: any field or list item may be missing. */
type Loose<T> = {
  [K in keyof T]?: T[K] extends readonly (infer E)[] ? (E | undefined)[] : T[K];
};

/** The validation step of the build: the Dataset, or a DataError listing every problem. */
export function validData(files: DataFiles, lang?: Locale): Dataset {
  const { dataset, problems, lang: used } = validateDataset(files, { lang });
  if (dataset && problems.length === 0) return dataset;
  throw new DataError(problems, formatProblems(problems, 'text', used).trimEnd());
}

export function validateDataset(docs: DataFiles, options: ValidateOptions = {}): ValidationResult {
  const lang = options.lang ?? localeOf(docs.organization) ?? 'zh-CN';
  const findings: Finding[] = [...docs.findings];

  // Pass 1: what the loader found.
  const all = [docs.organization, ...docs.years.flatMap((y) => Object.values(y.files))];
  for (const loaded of all) if (loaded) findings.push(...loaded.findings);

  // Pass 2: each file against its schema.
  const organization = docs.organization
    ? checkSchema(docs.organization, organizationSchema, lang, findings)
    : undefined;
  const years: ParsedYear[] = docs.years.map(({ year, files }) => {
    const parsed: ParsedYear['files'] = {};
    for (const [key, loaded] of Object.entries(files) as [YearFileKey, LoadedFile][]) {
      const checked = checkSchema(loaded, YEAR_FILES[key].schema, lang, findings);
      if (checked) parsed[key] = { loaded, ...checked };
    }
    return { year, files: parsed };
  });

  // Pass 3: rules across files.
  findings.push(...crossFileRules(organization?.value as Loose<Organization> | undefined, years));
  const finance = financeFindings(years);
  findings.push(...finance.problems);
  findings.push(
    ...partnerFindings(
      docs.organization && organization
        ? { loaded: docs.organization, ...organization }
        : undefined,
      years,
    ),
  );
  findings.push(...peopleFindings(years));
  findings.push(...photoFindings(years));
  const described = withValueHints(findings, docs, lang);

  const toProblem = (f: Finding): Problem => {
    const { message, hint } = describe(f.code, f.params, lang);
    return {
      file: f.file,
      line: f.line,
      col: f.col,
      path: f.path.join('.'),
      code: f.code,
      message,
      ...(hint ? { hint } : {}),
    };
  };
  const problems = described.map(toProblem).sort(compareProblems);
  const warnings = [
    ...(options.covers ? uncoveredCharacters(all, options.covers) : []),
    ...leftoverEmphasis(
      years.flatMap(({ files }) => proseOf(files.narrative?.loaded, files.projects?.loaded)),
    ),
    ...finance.warnings,
  ]
    .map((f): Problem => ({ ...toProblem(f), severity: 'warning' }))
    .sort(compareProblems);

  if (problems.length > 0 || !organization?.complete)
    return { dataset: null, problems, warnings, lang };
  const dataset: Dataset = {
    organization: organization.value as Organization,
    years: years.map(({ year, files }): YearData => {
      const value = <K extends YearFileKey>(key: K) => files[key]?.value;
      return {
        year,
        income: value('income') as Income,
        staff: value('staff') as Staff,
        projects: value('projects') as Projects,
        awards: (value('awards') as Awards | undefined) ?? awardsSchema.parse({ year }),
        narrative: (value('narrative') as Narrative | undefined) ?? null,
        ...(files.finance ? { finance: value('finance') as Finance } : {}),
        ...(files.photos ? { photos: value('photos') as Photos } : {}),
        ...(files.timeline ? { timeline: value('timeline') as Timeline } : {}),
        ...(files.people ? { people: value('people') as People } : {}),
      };
    }),
    ...(docs.images ? { images: docs.images } : {}),
  };
  return { dataset, problems, warnings, lang };
}

/**
 * Every character of every text value that the report's fonts lack (a flag, an emoji, 𠀀), at
 * its own line:col. Keys are left out: one that is not plain ASCII is an unknown key anyway.
 */
function uncoveredCharacters(files: (LoadedFile | null | undefined)[], covers: Covers): Finding[] {
  const out: Finding[] = [];
  const visit = (loaded: LoadedFile, value: unknown, path: PathSegment[]) => {
    if (typeof value === 'string') {
      for (const found of findUncovered(value, covers)) {
        // locateText counts occurrences as indexOf does (a lone 🇳 is also inside 🇨🇳).
        let nth = 0;
        for (let i = value.indexOf(found.text); i >= 0 && i < found.index; nth++)
          i = value.indexOf(found.text, i + 1);
        out.push({
          file: loaded.file,
          ...loaded.locateText(path, found.text, nth),
          path,
          code: 'glyph_missing',
          params: { char: found.text, codePoints: found.codePoints, placeholder: PLACEHOLDER },
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(loaded, item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(loaded, item, [...path, key]);
    }
  };
  for (const loaded of files)
    if (loaded && loaded.data !== undefined) visit(loaded, loaded.data, []);
  return out;
}

function localeOf(organization: LoadedFile | null): Locale | undefined {
  const data = organization?.data as Record<string, unknown> | undefined;
  const locale = data?.locale;
  return locale === 'zh-CN' || locale === 'en' ? locale : undefined;
}

// ── pass 2 ───────────────────────────────────────────────────────────────────────────────────

function checkSchema(
  loaded: LoadedFile,
  schema: z.ZodType,
  lang: Locale,
  findings: Finding[],
): Checked | undefined {
  if (loaded.data === undefined) return undefined;
  // jitless: zod's compiled fast path (code generated per object schema at its first use) costs
  // more than it saves on data files of this size: validation of the example 27 → 20 ms, of 20
  // generated years 93 → 85 ms, of a 2 MB projects.yaml about the same (docs/performance.md).
  const result = schema.safeParse(loaded.data, {
    error: zodErrorMap(lang),
    reportInput: true,
    jitless: true,
  });
  if (result.success) return { value: result.data, complete: loaded.findings.length === 0 };
  const alreadyReported = (path: readonly PathSegment[]) =>
    loaded.reported.some((r) => r.length <= path.length && r.every((seg, i) => seg === path[i]));
  for (const issue of result.error.issues)
    for (const finding of issueFindings(issue, [], loaded, schema))
      if (!alreadyReported(finding.path)) findings.push(finding);
  return { value: salvage(schema, loaded.data), complete: false };
}

/**
 * The parts of a file that pass their own schema, so the cross-file rules still run on a file
 * with a mistake elsewhere (one run reports everything). Lists keep their positions.
 */
function salvage(schema: z.ZodType, raw: unknown): unknown {
  const def = defOf(schema);
  if (def.type === 'object' && def.shape && isRecord(raw)) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(def.shape)) {
      const result = field.safeParse(raw[key]);
      out[key] = result.success ? result.data : salvage(field, raw[key]);
    }
    return out;
  }
  if (def.innerType) return salvage(def.innerType, raw);
  if (def.type === 'array' && def.element && Array.isArray(raw)) {
    const element = def.element;
    return raw.map((item) => {
      const result = element.safeParse(item);
      return result.success ? result.data : undefined;
    });
  }
  return undefined;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Issue = z.core.$ZodIssue;

function issueFindings(
  issue: Issue,
  prefix: PathSegment[],
  loaded: LoadedFile,
  schema: z.ZodType,
): Finding[] {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const input = (issue as { input?: unknown }).input;
  // `received` names a value that has no text to quote (a mapping, a list) in the message.
  const at = (p: PathSegment[], target: 'value' | 'key' = 'value', code: string, params = {}) => ({
    file: loaded.file,
    ...loaded.locate(p, target),
    path: p,
    code,
    params: { received: kindOf(input), ...params },
  });
  const value = displayValue(loaded, path, input);

  if (issue.message && hasMessage(issue.message) && issue.code !== 'invalid_type')
    // Our own keys (money_format, id_format…) from src/schema.
    return [
      at(path, 'value', issue.message, {
        ...(issue as { params?: object }).params,
        value,
        ...(typeof input === 'string' ? { raw: input } : {}),
      }),
    ];

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((key) =>
        at([...path, key], 'key', 'unknown_key', { key, known, suggestion: closest(key, known) }),
      );
    }
    case 'invalid_type': {
      if (!loaded.has(path)) return [at(path, 'value', 'missing_field', { field: path.at(-1) })];
      if (issue.expected === 'int') return [at(path, 'value', 'not_integer', { value })];
      if (typeof input === 'number' && !Number.isFinite(input))
        return [at(path, 'value', 'not_finite', { value })];
      return [
        at(path, 'value', 'invalid_type', {
          expected: issue.expected,
          received: kindOf(input),
          value,
          optional: isOptionalAt(schema, path),
        }),
      ];
    }
    case 'invalid_union': {
      // The branch that got past the type check says what is really wrong ("-5: too small").
      const meaningful = issue.errors.filter((branch) =>
        branch.some((sub) => sub.code !== 'invalid_type' || sub.path.length > 0),
      );
      if (meaningful.length > 0)
        return meaningful[0]!.flatMap((sub) => issueFindings(sub, path, loaded, schema));
      const expected = [
        ...new Set(
          issue.errors.flatMap((b) =>
            b.map((sub) => (sub.code === 'invalid_type' ? sub.expected : '')),
          ),
        ),
      ].filter(Boolean);
      if (!loaded.has(path)) return [at(path, 'value', 'missing_field', { field: path.at(-1) })];
      if (typeof input === 'number' && !Number.isFinite(input))
        return [at(path, 'value', 'not_finite', { value })];
      if (typeof input === 'number' && expected.includes('int'))
        return [at(path, 'value', 'not_integer', { value })];
      return [
        at(path, 'value', 'invalid_type', {
          expected: expected.join('|'),
          received: kindOf(input),
          value,
        }),
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      return [
        at(path, 'value', 'invalid_value', {
          value,
          options,
          // Only text can be a typo of an option; a mapping or a list is not (and has no text).
          suggestion: typeof input === 'string' ? closest(input, options) : undefined,
          ...(typeof input === 'string' ? { raw: input } : {}),
        }),
      ];
    }
    case 'invalid_key': {
      const key = String(path.at(-1));
      const sub = issue.issues[0];
      const code = sub && hasMessage(sub.message) ? sub.message : 'schema';
      return [
        at(path, 'key', code, {
          value: `"${key}"`,
          raw: key,
          detail: sub?.message ?? issue.message,
        }),
      ];
    }
    case 'too_small':
      if (issue.origin === 'array') return [at(path, 'value', 'empty_list')];
      if (issue.origin === 'string') return [at(path, 'value', 'empty_text')];
      return [at(path, 'value', 'too_small', { value, minimum: issue.minimum })];
    case 'too_big':
      return [at(path, 'value', 'too_big', { value, maximum: issue.maximum })];
    default:
      return [at(path, 'value', 'schema', { detail: issue.message })];
  }
}

function displayValue(loaded: LoadedFile, path: PathSegment[], input: unknown): string {
  const source = loaded.sourceText(path);
  if (source !== undefined && source !== '')
    return /^["']/.test(source) || typeof input !== 'string' ? source : `"${source}"`;
  if (typeof input === 'string') return `"${input}"`;
  if (input === undefined || typeof input === 'object') return '';
  return String(input);
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

// ── pass 3 ───────────────────────────────────────────────────────────────────────────────────

function crossFileRules(org: Loose<Organization> | undefined, years: ParsedYear[]): Finding[] {
  const out: Finding[] = [];
  const at = (
    loaded: LoadedFile,
    path: PathSegment[],
    code: string,
    params: Record<string, unknown>,
    target: 'value' | 'key' = 'value',
  ) => out.push(findingAt(loaded, path, code, params, target));

  // Membership by Set: a year can hold thousands of projects, each referenced several times.
  const sets = new WeakMap<string[], Set<string>>();
  const has = (list: string[], id: string) => {
    let set = sets.get(list);
    if (set === undefined) sets.set(list, (set = new Set(list)));
    return set.has(id);
  };
  // A vocabulary with a broken entry is not used: every id would look unknown.
  const ids = (list: ({ id: string } | undefined)[] | undefined) =>
    list && list.every((e) => e !== undefined) ? list.map((e) => e.id) : undefined;
  const vocab = org?.vocabularies as Loose<Organization['vocabularies']> | undefined;
  const categories = ids(vocab?.project_categories);
  const activities = ids(vocab?.activity_types);
  const fundingKinds = ids(vocab?.funding_kinds);
  const unknown = (
    known: string[] | undefined,
    loaded: LoadedFile,
    path: PathSegment[],
    id: string,
    code: string,
    target: 'value' | 'key' = 'value',
  ) => {
    if (!known || has(known, id)) return;
    at(loaded, path, code, { id, known, suggestion: closest(id, known) }, target);
  };
  const projectRef = (
    known: string[] | undefined,
    loaded: LoadedFile,
    path: PathSegment[],
    id: string | undefined,
    year: number,
    earlier: boolean,
  ) => {
    if (!known || id === undefined || has(known, id)) return;
    const params = {
      id,
      year,
      earlier,
      known: [...new Set(known)],
      suggestion: closest(id, known),
    };
    at(loaded, path, 'unknown_project', params);
  };

  // Running totals over every year read: the statistics add these up (a year's income, a
  // project's funding over the years, services and person-times), and past 2^53 a sum of
  // integers is no longer exact. Said once, at the item that takes the total past the limit.
  const totals = { income: 0, funding: 0, services: 0, personTimes: 0 };
  const overflowed = new Set<keyof typeof totals>();
  const addUp = (
    which: keyof typeof totals,
    amount: number,
    loaded: LoadedFile,
    path: PathSegment[],
  ) => {
    if (overflowed.has(which)) return;
    totals[which] += amount;
    if (Number.isSafeInteger(totals[which])) return;
    overflowed.add(which);
    const what = which === 'income' || which === 'funding' ? 'money' : 'count';
    at(loaded, path, 'sum_too_large', { what, limit: Number.MAX_SAFE_INTEGER });
  };

  const projectsUpTo: string[] = [];
  /**
   * Every year so far with the projects that could be read, for the figure references; while
   * `historyComplete`, every project of every year.
   */
  const history: ScopeYear[] = [];
  let historyComplete = true;
  for (const { year, files } of years) {
    for (const file of Object.values(files)) {
      const found = (file.value as { year?: number } | undefined)?.year;
      if (found !== undefined && found !== year)
        at(file.loaded, ['year'], 'year_mismatch', { found, folder: year });
    }

    // Project ids of this year; undefined when some project could not be read.
    let thisYear: string[] | undefined;
    const projects = files.projects;
    const projectList = (projects?.value as Loose<Projects> | undefined)?.projects;
    if (projects && projectList) {
      const loaded = projects.loaded;
      // Where each id is first: located only for a duplicate (locating can parse the file again).
      const firstAt = new Map<string, number>();
      projectList.forEach((project, i) => {
        if (!project) return;
        const base: PathSegment[] = ['projects', i];
        const firstIndex = firstAt.get(project.id);
        if (firstIndex !== undefined) {
          const pos = loaded.locate(['projects', firstIndex, 'id']);
          const first = `${loaded.file}:${pos.line}:${pos.col}`;
          at(loaded, [...base, 'id'], 'duplicate_project', { id: project.id, first });
        } else firstAt.set(project.id, i);
        unknown(categories, loaded, [...base, 'category'], project.category, 'unknown_category');
        for (const [activity, count] of Object.entries(project.services))
          addUp('services', count.value, loaded, [...base, 'services', activity]);
        if (project.person_times)
          addUp('personTimes', project.person_times.value, loaded, [...base, 'person_times']);
        project.funders.forEach((funder, j) =>
          addUp('funding', funder.amount, loaded, [...base, 'funders', j, 'amount']),
        );
        for (const activity of Object.keys(project.services))
          unknown(
            activities,
            loaded,
            [...base, 'services', activity],
            activity,
            'unknown_activity',
            'key',
          );
        project.funders.forEach((funder, j) =>
          unknown(
            fundingKinds,
            loaded,
            [...base, 'funders', j, 'kind'],
            funder.kind,
            'unknown_funding_kind',
          ),
        );
        if (project.start && project.end && endsBeforeStart(project.start, project.end))
          at(loaded, [...base, 'end'], 'date_range', { start: project.start, end: project.end });
        // An outcome indicator's id names it in prose ({{outcomes.PROJECT.ID.actual}}): one each.
        const outcomeAt = new Map<string, string>();
        (project.outcomes ?? []).forEach((outcome, j) => {
          if (outcome?.id === undefined) return;
          const path = [...base, 'outcomes', j, 'id'];
          const first = outcomeAt.get(outcome.id);
          if (first) at(loaded, path, 'duplicate_outcome', { id: outcome.id, first });
          else {
            const pos = loaded.locate(path);
            outcomeAt.set(outcome.id, `${loaded.file}:${pos.line}:${pos.col}`);
          }
        });
      });
      if (projectList.every((p) => p !== undefined)) thisYear = projectList.map((p) => p.id);
    }
    if (thisYear && projectList) projectsUpTo.push(...thisYear);
    else historyComplete = false;
    history.push({
      year,
      projects: (projectList ?? []).filter((p): p is Project => p !== undefined),
      finance: files.finance?.value,
      people: files.people?.value,
      volunteers: (files.staff?.value as Loose<Staff> | undefined)?.volunteers,
    });
    const known = historyComplete ? [...new Set(projectsUpTo)] : undefined;

    const income = files.income;
    if (income) {
      const value = income.value as Loose<Income> | undefined;
      const lines = value?.lines ?? [];
      let sum = 0;
      lines.forEach((line, i) => {
        if (!line) return;
        sum += line.amount;
        addUp('income', line.amount, income.loaded, ['lines', i, 'amount']);
        unknown(
          fundingKinds,
          income.loaded,
          ['lines', i, 'kind'],
          line.kind,
          'unknown_funding_kind',
        );
        projectRef(thisYear, income.loaded, ['lines', i, 'project'], line.project, year, false);
      });
      const complete = value?.lines !== undefined && lines.every((l) => l !== undefined);
      if (
        complete &&
        value?.total !== undefined &&
        value.total !== sum &&
        Number.isSafeInteger(sum)
      )
        at(income.loaded, ['total'], 'total_mismatch', {
          stated: value.total,
          sum,
          diff: value.total - sum,
        });
    }

    const awards = files.awards;
    if (awards) {
      const value = awards.value as Loose<Awards> | undefined;
      value?.awards?.forEach((a, i) =>
        projectRef(known, awards.loaded, ['awards', i, 'project'], a?.project, year, true),
      );
      value?.media?.forEach((m, i) =>
        projectRef(known, awards.loaded, ['media', i, 'project'], m?.project, year, true),
      );
    }

    const narrative = files.narrative;
    const narrativeValue = narrative?.value as Loose<Narrative> | undefined;
    if (narrative && narrativeValue)
      narrativeValue.sections?.forEach((section, i) =>
        section?.subsections.forEach((sub, j) => {
          const base = ['sections', i, 'subsections', j];
          projectRef(known, narrative.loaded, [...base, 'project'], sub.project, year, true);
          sub.subsections.forEach((inner, k) => {
            const path = [...base, 'subsections', k];
            projectRef(known, narrative.loaded, [...path, 'project'], inner.project, year, true);
          });
        }),
      );
    // Prose that may reference figures, as written: a section with a mistake elsewhere in it
    // still has its text checked, so one run lists every problem.
    const texts = proseOf(narrative?.loaded, projects?.loaded);

    if (isZeroYear(files)) {
      const file = Object.values(files)[0]?.loaded.file ?? '';
      out.push({
        file: file.slice(0, file.lastIndexOf('/')),
        line: 0,
        col: 0,
        path: [],
        code: 'year_all_zero',
        params: { year },
      });
    }

    // Links and images: the report follows none, so anything but an inline raster image would
    // print as Markdown source. Said here, where it can be fixed, not found in the PDF.
    for (const [loaded, path, text] of texts) {
      const seen = new Map<string, number>();
      for (const m of text.matchAll(MARKDOWN_LINK)) {
        const url = (m[2] ?? '').trim();
        if (m[1] === '!' && SAFE_IMAGE_URL.test(url)) continue;
        const nth = seen.get(m[0]) ?? 0;
        seen.set(m[0], nth + 1);
        out.push({
          file: loaded.file,
          ...loaded.locateText(path, m[0], nth),
          path,
          code: m[1] === '!' ? 'narrative_image' : 'narrative_link',
          params: { url: url.length > 60 ? `${url.slice(0, 57)}...` : url },
        });
      }
    }

    // Figure references: checked here so a typo never waits for the renderer, against the
    // scope the renderer builds from the same years (figureScope, src/schema/figures.ts). With
    // a mistake elsewhere they are checked all the same; only what that mistake could explain
    // (a project in a list that could not be read) waits for it to be fixed.
    {
      const scope = figureScope(history, year, categories ?? [], activities ?? []);
      const sure: Record<FigureError['reason'], boolean> = {
        no_year: true,
        unknown_name: true,
        unknown_category: categories !== undefined,
        unknown_activity: activities !== undefined,
        unknown_project: historyComplete,
        project_not_this_year: historyComplete,
        activity_not_listed: historyComplete && activities !== undefined,
        // Sure only when the year has no finance.yaml at all (not one that could not be read).
        no_finance: files.finance === undefined,
        // Sure only when the file (if any) could be read whole.
        no_people: files.people === undefined || files.people.complete,
        unknown_outcome: historyComplete,
        outcome_zero_target: historyComplete,
      };
      for (const [loaded, path, text] of texts) {
        const seen = new Map<string, number>();
        for (const ref of findFigureReferences(text)) {
          const raw = text.slice(ref.offset, text.indexOf('}}', ref.offset) + 2);
          const nth = seen.get(raw) ?? 0;
          seen.set(raw, nth + 1);
          const match = matchFigure(ref.name, scope);
          if (!('error' in match) || !sure[match.error.reason]) continue;
          out.push({
            file: loaded.file,
            ...loaded.locateText(path, raw, nth),
            path,
            code: 'unknown_figure',
            params: { name: ref.name, ...match.error },
          });
        }
      }
    }
  }
  return out;
}

type Prose = [LoadedFile, PathSegment[], string][];

/** The Markdown texts of a year as written: the narrative's and the projects' summaries. */
function proseOf(narrative: LoadedFile | undefined, projects: LoadedFile | undefined): Prose {
  const out: Prose = [];
  const field = (loaded: LoadedFile, value: unknown, path: PathSegment[]) => {
    if (typeof value === 'string') out.push([loaded, path, value]);
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const get = (value: unknown, key: string): unknown =>
    isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  if (narrative) {
    const data = narrative.data;
    field(narrative, get(data, 'opening'), ['opening']);
    field(narrative, get(get(data, 'letter'), 'body'), ['letter', 'body']);
    list(get(data, 'sections')).forEach((section, i) => {
      field(narrative, get(section, 'body'), ['sections', i, 'body']);
      list(get(section, 'subsections')).forEach((sub, j) => {
        const base = ['sections', i, 'subsections', j];
        field(narrative, get(sub, 'body'), [...base, 'body']);
        list(get(sub, 'subsections')).forEach((inner, k) =>
          field(narrative, get(inner, 'body'), [...base, 'subsections', k, 'body']),
        );
      });
    });
  }
  if (projects)
    list(get(projects.data, 'projects')).forEach((p, i) =>
      field(projects, get(p, 'summary'), ['projects', i, 'summary']),
    );
  return out;
}

/**
 * A year written as zeros (no income, no staff, no project with any figure): staff who mean
 * "no data this year" write this, and the statistics then read it as a fall to 0 (−100%).
 */
function isZeroYear(files: ParsedYear['files']): boolean {
  const income = files.income?.value as Loose<Income> | undefined;
  const staff = files.staff?.value as Loose<Staff> | undefined;
  const projects = files.projects?.value as Loose<Projects> | undefined;
  if (!files.income?.complete || !files.staff?.complete || !files.projects?.complete) return false;
  if (!income?.lines || income.lines.some((l) => !l || l.amount !== 0)) return false;
  const headcount = staff?.headcount ?? staff?.members?.length;
  if (headcount !== 0 || (staff?.volunteers ?? 0) !== 0) return false;
  return (projects?.projects ?? []).every(
    (p) =>
      p !== undefined &&
      Object.values(p.services).every((c) => c.value === 0) &&
      (p.person_times?.value ?? 0) === 0 &&
      p.funders.every((f) => f.amount === 0),
  );
}

/** Compares at the precision both dates have: "2015" ends no earlier than "2015-08". */
function endsBeforeStart(start: string, end: string): boolean {
  const n = Math.min(start.length, end.length);
  return end.slice(0, n) < start.slice(0, n);
}
