/**
 * Locale-aware formatting of money, ratios, counts and dates for the report text.
 *
 * Pure and total: every function returns a string for every typed input (0, negatives,
 * null, NaN, ±Infinity) and never throws. Missing or non-finite figures print as "—".
 * Negative numbers use a true minus sign (U+2212), never a hyphen.
 * Dates are parsed from their ISO text; no Date object, so no time zone can shift a day.
 */
import type { Locale } from '../schema/files.js';
import { parseIsoDate, type Count } from '../schema/values.js';

/** What a missing, undefined or non-finite figure prints as. */
export const DASH = '—';
/** U+2212 MINUS SIGN. */
export const MINUS = '−';

const TEN_THOUSAND = 10_000;
const HUNDRED_MILLION = 100_000_000;

/** Rounds half away from zero (Math.round alone rounds −2.5 to −2). */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** Intl.NumberFormat is costly to create; one per option set is kept. */
const numberFormats = new Map<string, Intl.NumberFormat>();

function formatNumber(
  locale: Locale,
  value: number,
  options: { grouping: boolean; maxDigits?: number; minDigits?: number },
): string {
  const key = `${locale}|${options.grouping}|${options.minDigits ?? 0}|${options.maxDigits ?? 0}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      useGrouping: options.grouping,
      minimumFractionDigits: options.minDigits ?? 0,
      maximumFractionDigits: options.maxDigits ?? 0,
      signDisplay: 'never',
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

function sign(negative: boolean): string {
  return negative ? MINUS : '';
}

/**
 * Money given in integer yuan.
 *
 * zh-CN: under 1万 in plain yuan with grouping ("8,500元"); from 1万 in 万元 and from 1亿 in
 * 亿元, with at most one decimal and no trailing ".0" ("8万元", "54.5万元", "1.2亿元").
 * Rounding is half away from zero, applied first to the whole yuan and then to the tenth of
 * the unit shown (1234567 → "123.5万元", 99_960_000 → "1亿元").
 *
 * en: the exact amount with the yuan sign and grouping ("¥545,000"). The sign ¥ is shared
 * with the Japanese yen; a report in English should say once that amounts are in Chinese yuan.
 */
export function formatMoney(yuan: number, locale: Locale): string {
  if (!Number.isFinite(yuan)) return DASH;
  const whole = roundHalfAway(yuan);
  const abs = Math.abs(whole);
  const minus = sign(whole < 0);
  if (locale === 'en') return `${minus}¥${formatNumber(locale, abs, { grouping: true })}`;

  if (abs < TEN_THOUSAND) return `${minus}${formatNumber(locale, abs, { grouping: true })}元`;
  // Integer arithmetic on tenths of the unit: abs / 1000 is exact at every .5 boundary.
  const tenthsOfWan = Math.round(abs / 1_000);
  if (tenthsOfWan < 10 * TEN_THOUSAND) {
    return `${minus}${formatNumber(locale, tenthsOfWan / 10, { grouping: false, maxDigits: 1 })}万元`;
  }
  const tenthsOfYi = Math.round(abs / (HUNDRED_MILLION / 10));
  return `${minus}${formatNumber(locale, tenthsOfYi / 10, { grouping: false, maxDigits: 1 })}亿元`;
}

export interface PercentOptions {
  /** Prefix a "+" to positive values (negatives always carry "−"). */
  signed?: boolean;
  /** Decimals after the point; default 1 ("87.5%", "12.0%"). */
  digits?: number;
}

/** The magnitude and sign of `ratio × 100`, rounded half away from zero; zero has no sign. */
function percentParts(ratio: number, digits: number): { text: string; sign: -1 | 0 | 1 } {
  const text = formatNumber('en', Math.abs(ratio * 100), {
    grouping: false,
    minDigits: digits,
    maxDigits: digits,
  });
  const isZero = !/[1-9]/.test(text);
  return { text, sign: isZero ? 0 : ratio < 0 ? -1 : 1 };
}

function clampDigits(digits: number | undefined): number {
  if (digits === undefined || !Number.isFinite(digits)) return 1;
  return Math.min(6, Math.max(0, Math.trunc(digits)));
}

/** A ratio as a percentage: 0.875 → "87.5%", signed → "+87.5%", −0.12 → "−12.0%", null → "—". */
export function formatPercent(
  ratio: number | null | undefined,
  options: PercentOptions = {},
  _locale: Locale = 'zh-CN',
): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  const { text, sign: s } = percentParts(ratio, clampDigits(options.digits));
  const prefix = s < 0 ? MINUS : s > 0 && options.signed ? '+' : '';
  return `${prefix}${text}%`;
}

/** A multiple with at most one decimal: zh-CN "6.8倍", en "6.8×"; 2 → "2倍". */
export function formatMultiple(x: number | null | undefined, locale: Locale): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const text = `${sign(x < 0 && Math.round(Math.abs(x) * 10) !== 0)}${formatNumber(locale, Math.abs(x), { grouping: locale === 'en', maxDigits: 1 })}`;
  return locale === 'en' ? `${text}×` : `${text}倍`;
}

/**
 * A count in the seed's style. zh-CN keeps plain digits (no grouping: "5000人次", "10000人次"):
 * {18} 场 → "18场", over → "40余节", nearly → "近40次", about → "约5000人次".
 * en takes an English unit from the caller: "18 sessions", "40+ sessions", "nearly 40 visits",
 * "about 5,000 person-times". An empty unit prints the number alone.
 */
export function formatCount(count: Count, unit: string, locale: Locale): string {
  const { value, approx } = count;
  if (!Number.isFinite(value)) return DASH;
  const n = `${sign(value < 0)}${formatNumber(locale, Math.abs(value), { grouping: locale === 'en', maxDigits: 2 })}`;
  if (locale === 'en') {
    const tail = unit === '' ? '' : ` ${unit}`;
    switch (approx) {
      case 'over':
        return `${n}+${tail}`;
      case 'nearly':
        return `nearly ${n}${tail}`;
      case 'about':
        return `about ${n}${tail}`;
      default:
        return `${n}${tail}`;
    }
  }
  switch (approx) {
    case 'over':
      return `${n}余${unit}`;
    case 'nearly':
      return `近${n}${unit}`;
    case 'about':
      return `约${n}${unit}`;
    default:
      return `${n}${unit}`;
  }
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * Chinese numerals for section numbers, months and days: 1 → 一, 10 → 十, 12 → 十二,
 * 20 → 二十, 31 → 三十一, 99 → 九十九, 0 → 零. Outside 0–99 or non-integer: Arabic digits.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return Number.isFinite(n) ? String(n) : DASH;
  if (n === 0) return '零';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return `${tensText}${ones === 0 ? '' : DIGITS[ones]}`;
}

/**
 * "2015-12-31" → "二〇一五年十二月三十一日" (the year digit by digit, as on a signature line);
 * "2015-12" → "二〇一五年十二月"; "2015" → "二〇一五年". Text that is not a valid ISO date is
 * returned unchanged (the schema rejects such dates before rendering).
 */
export function formatChineseDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  const year = [...String(date.year)].map((d) => DIGITS[Number(d)] ?? d).join('');
  const month = date.month === undefined ? '' : `${toChineseNumeral(date.month)}月`;
  const day = date.day === undefined ? '' : `${toChineseNumeral(date.day)}日`;
  return `${year}年${month}${day}`;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * 'long': zh-CN "二〇一五年十二月三十一日", en "31 December 2015".
 * 'numeric': zh-CN "2015年12月31日", en "2015-12-31".
 * Year-month and year-only dates shorten accordingly ("December 2015", "2015年12月").
 * Text that is not a valid ISO date is returned unchanged.
 */
export function formatDate(
  iso: string,
  locale: Locale,
  style: 'long' | 'numeric' = 'long',
): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  const { year, month, day } = date;
  if (locale === 'en') {
    if (style === 'numeric') return iso;
    const monthName = month === undefined ? undefined : EN_MONTHS[month - 1];
    return [day, monthName, year].filter((part) => part !== undefined).join(' ');
  }
  if (style === 'long') return formatChineseDate(iso);
  return `${year}年${month === undefined ? '' : `${month}月`}${day === undefined ? '' : `${day}日`}`;
}

/**
 * A share in integer per-mille (the largest-remainder shares of the statistics, which add up to
 * exactly 1000) as a percentage with one decimal: 917 → "91.7%", 334 → "33.4%", null → "—".
 * Every share the report shows goes through here, so three equal sources read 33.4 / 33.3 /
 * 33.3 % everywhere and add up to 100.0 %.
 */
export function formatPermille(
  permille: number | null | undefined,
  _locale: Locale = 'zh-CN',
): string {
  if (permille === null || permille === undefined || !Number.isFinite(permille)) return DASH;
  const whole = Math.trunc(permille);
  const abs = Math.abs(whole);
  return `${sign(whole < 0)}${Math.floor(abs / 10)}.${abs % 10}%`;
}

/** The words of a change: its direction (rise, fall, none) for prose and tables. */
const CHANGE_WORDS = {
  'zh-CN': { percentUp: '增长', percentDown: '下降', up: '增加', down: '减少', none: '持平' },
  en: { percentUp: 'up ', percentDown: 'down ', up: 'up ', down: 'down ', none: 'unchanged' },
} as const;

/**
 * A growth ratio as prose says it, the direction in words and the value without its sign:
 * zh-CN 1.477 → "增长147.7%", −0.074 → "下降7.4%", 0 → "持平"; en "up 147.7%", "down 7.4%",
 * "unchanged". Null (no previous year, or a zero base) → "—". A ratio that rounds to 0.0 % is
 * "持平"/"unchanged", never "增长0.0%".
 */
export function formatChange(ratio: number | null | undefined, locale: Locale): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  const words = CHANGE_WORDS[locale];
  const { text, sign: s } = percentParts(ratio, 1);
  if (s === 0) return words.none;
  return `${s > 0 ? words.percentUp : words.percentDown}${text}%`;
}

/**
 * An absolute change as prose says it, `formatValue` writing the magnitude with its unit:
 * zh-CN +1 person → "增加1人", −32500 yuan → "减少3.3万元", 0 → "持平"; en "up 1", "down ¥32,500",
 * "unchanged". Null → "—".
 */
export function formatAmountChange(
  amount: number | null | undefined,
  formatValue: (magnitude: number) => string,
  locale: Locale,
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return DASH;
  const words = CHANGE_WORDS[locale];
  if (amount === 0) return words.none;
  return `${amount > 0 ? words.up : words.down}${formatValue(Math.abs(amount))}`;
}

/** A calendar year as the report writes it everywhere: zh-CN "2015年", en "2015". */
export function formatYear(year: number, locale: Locale): string {
  if (!Number.isFinite(year)) return DASH;
  return locale === 'en' ? String(year) : `${year}年`;
}
