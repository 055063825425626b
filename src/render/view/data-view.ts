/**
 * Every field of the data files, for a custom template (`data` in the view model): the
 * organisation and each year's files as validated (amounts in integer yuan, counts as
 * `{ value, approx }`, dates as ISO text), with the files' own key names. Templates run in
 * strict mode, so a field the file leaves out is present as null: the keys come from the
 * schemas, and a field added to a schema appears here without further code.
 *
 * The narrative is not repeated here (the view model gives it rendered), and an income line
 * marked `anonymous: true` arrives with its source replaced and its note removed.
 */
import type { z } from 'zod';
import { organizationSchema, YEAR_FILES, type Dataset, type YearData } from '../../schema/files.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schema under wrappers (optional, default, pipe/transform), if any. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value with every key its schema knows (null where absent), recursively. */
export function fillFromSchema(schema: z.ZodType, value: unknown): Json {
  if (value === undefined || value === null) return null;
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object' && def.shape && isRecord(value)) {
    const out: Record<string, Json> = {};
    for (const [key, field] of Object.entries(def.shape))
      out[key] = fillFromSchema(field, value[key]);
    // Keys a transform added after the object schema (none today) pass through as they are.
    for (const [key, field] of Object.entries(value)) if (!(key in out)) out[key] = plain(field);
    return out;
  }
  if (def.type === 'array' && def.element && Array.isArray(value))
    return value.map((item) => fillFromSchema(def.element as z.ZodType, item));
  if (def.type === 'record' && def.valueType && isRecord(value)) {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = fillFromSchema(def.valueType, item);
    return out;
  }
  return plain(value);
}

/** A copy made of JSON values only (a normalised count stays `{ value, approx }`). */
function plain(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (isRecord(value)) {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plain(item);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  return null;
}

export interface DataView {
  /** organization.yaml, defaults filled in (e.g. the funding kinds). */
  organization: Json;
  /** Every year with data up to the report year, ascending: its files by name (no narrative). */
  years: Json[];
  /** The report year's files, as in `years`. */
  current: Json;
}

/** A funder's name without a trailing note in brackets: "某某（购买服务）" → "某某". */
function bareName(name: string): string {
  return name.replace(/\s*[（(][^（()）]*[)）]\s*$/, '').trim();
}

/** The files of one year: `{ year, income, staff, projects, awards, … }`. */
function yearView(data: YearData, anonymous: ReadonlySet<string>, anonymousSource: string): Json {
  const out: Record<string, Json> = { year: data.year };
  for (const [name, spec] of Object.entries(YEAR_FILES)) {
    if (name === 'narrative') continue;
    out[name] = fillFromSchema(spec.schema, (data as unknown as Record<string, unknown>)[name]);
  }
  const income = out.income;
  if (isRecord(income) && Array.isArray(income.lines)) {
    income.lines = income.lines.map((line) =>
      isRecord(line)
        ? line.anonymous === true
          ? { ...line, source: anonymousSource, note: null }
          : { ...line, anonymous: false }
        : line,
    );
  }
  // A project's funder named like an anonymous income line is not named either.
  const projects = out.projects;
  if (isRecord(projects) && Array.isArray(projects.projects)) {
    for (const project of projects.projects) {
      if (!isRecord(project) || !Array.isArray(project.funders)) continue;
      project.funders = project.funders.map((funder) =>
        isRecord(funder) && typeof funder.name === 'string' && anonymous.has(bareName(funder.name))
          ? { ...funder, name: anonymousSource }
          : funder,
      );
    }
  }
  return out;
}

/** The names of every anonymous income line (bare, as bareName gives them). */
export function anonymousNames(dataset: Dataset): Set<string> {
  return new Set(
    dataset.years.flatMap((y) =>
      y.income.lines.filter((l) => l.anonymous === true).map((l) => bareName(l.source)),
    ),
  );
}

export function dataView(dataset: Dataset, reportYear: number, anonymousSource: string): DataView {
  const anonymous = anonymousNames(dataset);
  const years = dataset.years
    .filter((y) => y.year <= reportYear)
    .map((y) => ({ year: y.year, view: yearView(y, anonymous, anonymousSource) }));
  return {
    organization: fillFromSchema(organizationSchema, dataset.organization),
    years: years.map((y) => y.view),
    current: years.find((y) => y.year === reportYear)?.view ?? null,
  };
}
