/** CSS the report adds to the template's stylesheets, and the one CSS string escaper. */

/**
 * Whether a character is written as it is in a CSS string: everything but controls, quotes,
 * the backslash, `<`, `>`, `&` and the Unicode line separators. Chinese text stays readable.
 */
function plainInCssString(code: number): boolean {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
    return false;
  }
  return !`"'\\<>&`.includes(String.fromCodePoint(code));
}

/**
 * A CSS string literal for any text: the value can end neither the string nor the `<style>`
 * element around it (`</style>`), because every character that could is a six-digit hex
 * escape (`<` → `\00003C`). A space after an escape would be read as part of it, so one more
 * is written there.
 */
export function cssString(value: string): string {
  let out = '';
  let escaped = false;
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (plainInCssString(code)) {
      out += escaped && char === ' ' ? '  ' : char;
      escaped = false;
    } else {
      out += `\\${code.toString(16).toUpperCase().padStart(6, '0')}`;
      escaped = true;
    }
  }
  return `'${out}'`;
}

/**
 * The most characters a running header shows: a longer name or title is cut, with an ellipsis,
 * so that it wraps to a few lines inside the top margin instead of running off the page.
 */
export const HEADER_MAX_CHARS = 100;

function headerText(text: string): string {
  const chars = [...text];
  return chars.length <= HEADER_MAX_CHARS
    ? text
    : `${chars.slice(0, HEADER_MAX_CHARS - 1).join('')}…`;
}

/** The running header is in @page margin boxes (Chromium 131+), so it is absent from the cover. */
export function runningHeaderCss(left: string, right: string): string {
  return `@page { @top-left { content: ${cssString(headerText(left))}; } @top-right { content: ${cssString(headerText(right))}; } }`;
}
