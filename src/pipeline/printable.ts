/**
 * A character no bundled font has would come from a system font (or fail the font's load): it
 * is printed as a visible placeholder instead, in the charts and in the page, and each one
 * replaced is remembered so the build can say which.
 */
import type { Locale } from '../schema/files.js';
import {
  PLACEHOLDER,
  replaceUncovered,
  type Covers,
  type UncoveredCharacter,
} from '../render/uncovered-characters.js';
import { describe } from '../validate/messages.js';

/** A base64 data: URL as the report writes them (charts, inline images): ASCII only. */
const DATA_URL = /(data:[a-z]+\/[\w.+-]+;base64,[a-z0-9+/=%]+)/i;

export interface Printable {
  text(text: string): string;
  /** Every string in a plain value (a chart's input). */
  value<T>(value: T): T;
  /** The page's text, leaving its data: URLs as they are. */
  page(html: string): string;
  replaced(): UncoveredCharacter[];
}

export function printable(covers: Covers): Printable {
  const replaced = new Map<string, UncoveredCharacter>();
  const text = (input: string): string => {
    const result = replaceUncovered(input, covers);
    for (const r of result.replaced) if (!replaced.has(r.text)) replaced.set(r.text, r);
    return result.text;
  };
  const value = <T>(input: T): T => {
    if (typeof input === 'string') return text(input) as T;
    if (Array.isArray(input)) return input.map((item: unknown) => value(item)) as T;
    if (
      typeof input === 'object' &&
      input !== null &&
      Object.getPrototypeOf(input) === Object.prototype
    )
      return Object.fromEntries(Object.entries(input).map(([k, item]) => [k, value(item)])) as T;
    return input;
  };
  return {
    text,
    value,
    page: (html) =>
      html
        .split(DATA_URL)
        .map((part, i) => (i % 2 === 0 ? text(part) : part))
        .join(''),
    replaced: () => [...replaced.values()],
  };
}

/** The build's warning for a year that printed characters as the placeholder. */
export function replacedWarning(
  year: number,
  replaced: UncoveredCharacter[],
  lang: Locale,
): string {
  const list = replaced
    .map((r) => `${r.text} (${r.codePoints})`)
    .join(lang === 'zh-CN' ? '、' : ', ');
  const { message, hint } = describe(
    'glyph_replaced',
    { year, count: replaced.length, list, placeholder: PLACEHOLDER },
    lang,
  );
  return hint ? `${message}${lang === 'zh-CN' ? '；' : '; '}${hint}` : message;
}
