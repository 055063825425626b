/** The template's words (locales/<locale>.json): every key the view model uses must be there. */
import { reportError } from '../../errors.js';

export type Strings = Record<string, unknown>;

/** A string from the template's locale file, with {name} placeholders filled in. */
export function text(
  strings: Strings,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  const value = strings[key];
  if (typeof value !== 'string') {
    throw reportError('localeStringMissing', { key });
  }
  return value.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** A group of strings by id (`roles`, `statuses`, `levels`). */
export function textTable(strings: Strings, key: string): Record<string, string> {
  const value = strings[key];
  if (typeof value !== 'object' || value === null) {
    throw reportError('localeStringMissing', { key });
  }
  return value as Record<string, string>;
}
