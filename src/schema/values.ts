/**
 * Value types shared by every data file: money, counts, dates, ids.
 * Each accepts what staff actually write (`"54.5万"`, `"40余"`, `2015-12`) and normalises it, so
 * later stages only ever see integer yuan, `{ value, approx }` counts and ISO date strings.
 */
import { z } from 'zod';

/** The largest amount accepted, in yuan (1000亿): anything above is a typo, not an income line. */
export const MAX_YUAN = 100_000_000_000;
/** The largest count accepted (services, person-times, headcount). */
export const MAX_COUNT = 100_000_000;

/** Custom issues carry a message key as their message; src/validate translates it (messages.ts). */
export type MessageKey =
  | 'money_format'
  | 'money_fraction'
  | 'money_negative'
  | 'money_too_large'
  | 'money_not_finite'
  | 'count_format'
  | 'date_format'
  | 'date_invalid'
  | 'id_format'
  | 'staff_headcount_or_members'
  | 'staff_headcount_mismatch'
  | 'date_range';

export function customIssue(key: MessageKey, input: unknown, params: Record<string, unknown> = {}) {
  return { code: 'custom' as const, input, params: { key, ...params }, message: key };
}

export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'id_format' });

export const textSchema = z.string().trim().min(1);

const MONEY_RE = /^([0-9][0-9,]*)(?:\.([0-9]+))?\s*(万|亿)?\s*元?$/;

/** Parses "545000", "545,000元", "54.5万", "1.2亿" into integer yuan, or returns a message key. */
export function parseMoney(text: string): { yuan: number } | { error: MessageKey } {
  const m = MONEY_RE.exec(text.trim());
  if (!m) return { error: 'money_format' };
  const whole = (m[1] ?? '').replaceAll(',', '');
  const fraction = m[2] ?? '';
  const shift = m[3] === '亿' ? 8 : m[3] === '万' ? 4 : 0;
  // Work on the decimal digits as a string so "54.5万" is exactly 545000 (no float drift).
  if (fraction.length > shift && /[1-9]/.test(fraction.slice(shift)))
    return { error: 'money_fraction' };
  const digits = (whole + fraction.padEnd(shift, '0').slice(0, shift)).replace(/^0+(?=\d)/, '');
  const yuan = Number(digits);
  if (!Number.isSafeInteger(yuan) || yuan > MAX_YUAN) return { error: 'money_too_large' };
  return { yuan };
}

export const moneySchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return (ctx.addIssue(customIssue('money_not_finite', value)), z.NEVER);
    if (value < 0) return (ctx.addIssue(customIssue('money_negative', value)), z.NEVER);
    if (value > MAX_YUAN) return (ctx.addIssue(customIssue('money_too_large', value)), z.NEVER);
    if (!Number.isInteger(value))
      return (ctx.addIssue(customIssue('money_fraction', value)), z.NEVER);
    return value;
  }
  if (/^\s*-/.test(value)) return (ctx.addIssue(customIssue('money_negative', value)), z.NEVER);
  const parsed = parseMoney(value);
  if ('error' in parsed) return (ctx.addIssue(customIssue(parsed.error, value)), z.NEVER);
  return parsed.yuan;
});

/** How a count was qualified: 40余 (over), 近40 (nearly), 约40 (about), or exact (null). */
export const approxSchema = z.enum(['over', 'nearly', 'about']);
export type Approx = z.infer<typeof approxSchema>;
export interface Count {
  value: number;
  approx: Approx | null;
}

const COUNT_RE = /^(近|约|大约)?\s*([0-9]+)\s*(余|多|\+)?$/;

export function parseCount(text: string): Count | null {
  const m = COUNT_RE.exec(text.trim());
  if (!m || (m[1] && m[3])) return null;
  const value = Number(m[2]);
  if (!Number.isSafeInteger(value) || value > MAX_COUNT) return null;
  const approx: Approx | null = m[3] ? 'over' : m[1] === '近' ? 'nearly' : m[1] ? 'about' : null;
  return { value, approx };
}

export const countSchema = z
  .union([
    z.number().int().nonnegative().max(MAX_COUNT),
    z.string(),
    z.strictObject({
      value: z.number().int().nonnegative().max(MAX_COUNT),
      approx: approxSchema.nullable().default(null),
    }),
  ])
  .transform((value, ctx): Count => {
    if (typeof value === 'number') return { value, approx: null };
    if (typeof value === 'object') return value;
    const parsed = parseCount(value);
    if (!parsed) return (ctx.addIssue(customIssue('count_format', value)), z.NEVER);
    return parsed;
  });

const DATE_RE = /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$/;

export interface IsoDate {
  year: number;
  month?: number;
  day?: number;
}

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' → its parts, or null when it is not a real date. */
export function parseIsoDate(iso: string): IsoDate | null {
  const m = DATE_RE.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) return null;
  return { year, month, day };
}

/** A calendar date as written: "2015", "2015-08" or "2015-12-31". Kept as a string (no time zone). */
export const dateSchema = z.union([z.string(), z.number().int()]).transform((raw, ctx) => {
  const value = String(raw).trim();
  if (!DATE_RE.test(value)) return (ctx.addIssue(customIssue('date_format', raw)), z.NEVER);
  if (!parseIsoDate(value)) return (ctx.addIssue(customIssue('date_invalid', raw)), z.NEVER);
  return value;
});

/** The only images narrative text may carry: inline raster data (no SVG, no address). */
export const SAFE_IMAGE_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

/** Markdown text: narrative prose, may reference computed figures as `{{income.total}}`. */
export const markdownSchema = z.string();

export const yearSchema = z.number().int().min(1900).max(2999);
