/**
 * Font subsetting by slice: picks, from the @fontsource packages, the unicode-range slices a
 * text needs, so the report HTML can embed its fonts (as base64 data: URLs) and still be a few
 * MB instead of tens, and the chart drawer can register the same files in the canvas.
 *
 * Fontsource splits each CJK weight into ~100 woff2 slices, each with a unicode-range; a
 * browser fetches only the slices a page uses. We make that choice at build time instead.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface FontFamilySpec {
  /** The CSS family name, as in the package's CSS ('Noto Serif SC'). */
  family: string;
  /** The npm package holding the files ('@fontsource/noto-serif-sc'). */
  package: string;
  /**
   * Weights to load; each must have a `<weight>.css` in the package. A weight given with its
   * own text gets only the slices that text needs (for a face used only in headings, say); a
   * character missing from it would be drawn by the browser in another weight, synthetic bold.
   */
  weights: readonly (number | { weight: number; text: string })[];
}

export interface FontSelection {
  families: readonly FontFamilySpec[];
  /** Every character the document will show (passing the whole HTML is fine: tags are ASCII). */
  text: string;
}

export interface FontSlice {
  family: string;
  weight: number;
  style: string;
  /** Absolute path of the woff2 file. */
  path: string;
  /** The unicode-range descriptor as written in the package CSS. */
  unicodeRange: string;
  /** Parsed ranges, inclusive. */
  ranges: readonly (readonly [number, number])[];
}

const require = createRequire(import.meta.url);

/** The basic Latin slice (U+0000-00FF whole) is always kept; CJK slices hold a few ASCII too. */
function isBasicLatin(slice: FontSlice): boolean {
  return slice.ranges.some(([start, end]) => start === 0 && end >= 0xff);
}

export function parseUnicodeRange(descriptor: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of descriptor.split(',')) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m || m[1] === undefined) continue;
    if (m[1].includes('?')) {
      ranges.push([parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)]);
    } else {
      const start = parseInt(m[1], 16);
      ranges.push([start, m[2] === undefined ? start : parseInt(m[2], 16)]);
    }
  }
  return ranges;
}

function declaration(block: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(block)?.[1]?.trim();
}

const parsedCss = new Map<string, Promise<FontSlice[]>>();

/** Reads the @font-face rules of one weight's CSS in the package, in file order (memoised). */
export function readFontsourceSlices(spec: FontFamilySpec, weight: number): Promise<FontSlice[]> {
  const key = `${spec.family}\0${spec.package}\0${weight}`;
  let slices = parsedCss.get(key);
  if (slices === undefined) {
    slices = parseFontsourceCss(spec, weight);
    parsedCss.set(key, slices);
    slices.catch(() => parsedCss.delete(key));
  }
  return slices;
}

async function parseFontsourceCss(spec: FontFamilySpec, weight: number): Promise<FontSlice[]> {
  const cssPath = require.resolve(`${spec.package}/${weight}.css`);
  const css = await readFile(cssPath, 'utf8');
  const slices: FontSlice[] = [];
  for (const m of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const block = m[1] ?? '';
    const file = /url\(\s*['"]?([^'")]+\.woff2)['"]?\s*\)/.exec(block)?.[1];
    const unicodeRange = declaration(block, 'unicode-range');
    if (file === undefined || unicodeRange === undefined) continue;
    slices.push({
      family: spec.family,
      weight: Number(declaration(block, 'font-weight') ?? weight),
      style: declaration(block, 'font-style') ?? 'normal',
      path: path.resolve(path.dirname(cssPath), file),
      unicodeRange,
      ranges: parseUnicodeRange(unicodeRange),
    });
  }
  return slices;
}

function codePointsOf(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0) ?? 0);
  return [...set].sort((a, b) => a - b);
}

function covers(slice: FontSlice, codePoint: number): boolean {
  return slice.ranges.some(([start, end]) => codePoint >= start && codePoint <= end);
}

/** Keeps the slices that contain at least one code point of the text, plus the Latin slice. */
export function selectSlices(slices: readonly FontSlice[], text: string): FontSlice[] {
  const points = codePointsOf(text);
  return slices.filter(
    (slice) => isBasicLatin(slice) || points.some((point) => covers(slice, point)),
  );
}

/**
 * The slice files the text needs, for every family and weight, in a stable order
 * (families and weights as given, slices in the package's CSS order).
 */
export async function fontFilesFor(selection: FontSelection): Promise<FontSlice[]> {
  const selected: FontSlice[] = [];
  for (const spec of selection.families) {
    for (const entry of spec.weights) {
      const { weight, text } =
        typeof entry === 'number' ? { weight: entry, text: selection.text } : entry;
      selected.push(...selectSlices(await readFontsourceSlices(spec, weight), text));
    }
  }
  return selected;
}

function cssString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * @font-face rules for the slices the text needs, each woff2 inlined as a base64 data: URL
 * with its original unicode-range, so the HTML renders in Chinese on a machine without CJK
 * fonts and without network. `font-display: block` because the fonts are already in the file:
 * there is nothing to swap from. Identical input gives identical output.
 */
export async function fontFaceCss(selection: FontSelection): Promise<string> {
  const slices = await fontFilesFor(selection);
  const rules = await Promise.all(
    slices.map(async (slice) => {
      const data = (await readFile(slice.path)).toString('base64');
      return [
        '@font-face {',
        `  font-family: ${cssString(slice.family)};`,
        `  font-style: ${slice.style};`,
        `  font-weight: ${slice.weight};`,
        '  font-display: block;',
        `  src: url(data:font/woff2;base64,${data}) format('woff2');`,
        `  unicode-range: ${slice.unicodeRange};`,
        '}',
      ].join('\n');
    }),
  );
  return rules.join('\n');
}

/** The fonts the report uses: a serif (宋体-style) for body text and a sans for headings and charts. */
export const REPORT_FONTS: readonly FontFamilySpec[] = [
  { family: 'Noto Serif SC', package: '@fontsource/noto-serif-sc', weights: [400, 700] },
  { family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', weights: [400, 700] },
];
