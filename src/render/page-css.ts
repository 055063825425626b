/** CSS the report adds to the template's stylesheets. */

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
export function cssString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\n\r\f]/g, '\\A ')}"`;
}

/** The running header is in @page margin boxes (Chromium 131+), so it is absent from the cover. */
export function runningHeaderCss(left: string, right: string): string {
  return `@page { @top-left { content: ${cssString(left)}; } @top-right { content: ${cssString(right)}; } }`;
}
