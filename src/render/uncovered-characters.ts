/**
 * Characters the bundled fonts cannot draw (a flag, most emoji, rare CJK such as 𠀀 U+20000).
 * Chromium would take them from a system font (DejaVu, or a Type 3 bitmap) or draw a box, and
 * the PDF would depend on the machine. Validation warns about each one with its place; the
 * build prints a visible placeholder instead, so no character can fail a build or fall back.
 *
 * The unit is the grapheme (what a reader sees as one character): 🇨🇳 (two regional indicators)
 * and 👨‍👩‍👧 (five code points joined by ZWJ) each become one placeholder.
 */

/** What is printed instead: the white square, the usual mark for a missing character in Chinese. */
export const PLACEHOLDER = '□';

/** Sorted, disjoint, inclusive code point ranges. */
export type CodePointRanges = readonly (readonly [number, number])[];

/** What the fonts draw (src/infra/font-coverage.ts reads it from their cmap tables). */
export interface Covers {
  readonly ranges: CodePointRanges;
}

/**
 * Code points that draw nothing, for which Chromium takes no other font (checked with pdffonts):
 * controls, joiners and directional marks, variation selectors, tags, the BOM. The Hangul and
 * Mongolian fillers, default-ignorable too, did pull a system font and are not listed.
 */
const INVISIBLE_CLASS =
  '\\p{Cc}\\u00ad\\u034f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufe00-\\ufe0f\\ufeff\\u{e0000}-\\u{e0fff}';
const VS16 = '\ufe0f';

export interface UncoveredCharacter {
  /** UTF-16 offset of the grapheme in the text. */
  index: number;
  /** The grapheme as written. */
  text: string;
  /** Its code points, "U+1F1E8 U+1F1F3". */
  codePoints: string;
}

export function codePointNames(text: string): string {
  return [...text]
    .map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
}

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;

interface Compiled {
  /** One code point the fonts do not draw, or a U+FE0F (which can call for an emoji font). */
  suspect: RegExp;
  /** The whole text is drawable. */
  drawable: RegExp;
}

/** Character classes compiled once per coverage: V8 scans megabytes of HTML in milliseconds. */
const compiled = new WeakMap<Covers, Compiled>();
function compile(covers: Covers): Compiled {
  let c = compiled.get(covers);
  if (c === undefined) {
    const ranges = covers.ranges
      .map(([start, end]) => (start === end ? hex(start) : `${hex(start)}-${hex(end)}`))
      .join('');
    const allowed = `${ranges}${INVISIBLE_CLASS}`;
    c = {
      suspect: new RegExp(`[^${allowed}]|${VS16}`, 'gu'),
      drawable: new RegExp(`^[${allowed}]*$`, 'u'),
    };
    compiled.set(covers, c);
  }
  return c;
}

/**
 * How a grapheme is printed: as written; else without an emoji-style selector U+FE0F (✓️ → ✓),
 * or in its NFC form (e + U+0301 → é), if the fonts draw that; else null.
 */
function printable(grapheme: string, c: Compiled): string | null {
  const plain = grapheme.replaceAll(VS16, '');
  if (c.drawable.test(plain)) return plain;
  const composed = plain.normalize('NFC');
  return composed !== plain && c.drawable.test(composed) ? composed : null;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Each grapheme holding a suspect code point, once, with how it is printed. Only the line (or
 * the text between tags) around a suspect is segmented: a line break always ends a grapheme, and
 * a combining mark right after a tag is better kept off the tag's `>`.
 */
function* suspects(
  text: string,
  covers: Covers,
): Generator<{ index: number; segment: string; shown: string | null }> {
  const c = compile(covers);
  let after = 0;
  let window: { start: number; end: number; segments: Intl.Segments } | undefined;
  // exec, not matchAll: matchAll copies the regex, and the copy of a 4,000-range class is
  // compiled again for every string.
  const suspect = c.suspect;
  suspect.lastIndex = 0;
  for (let m = suspect.exec(text); m !== null; m = suspect.exec(text)) {
    if (m.index < after) continue; // in the grapheme just handled
    if (window === undefined || m.index >= window.end) {
      const start = Math.max(text.lastIndexOf('\n', m.index), text.lastIndexOf('>', m.index)) + 1;
      const ends = [text.indexOf('\n', m.index), text.indexOf('<', m.index)].filter((i) => i >= 0);
      const end = ends.length > 0 ? Math.min(...ends) : text.length;
      window = { start, end, segments: segmenter.segment(text.slice(start, end)) };
    }
    const found = window.segments.containing(m.index - window.start);
    const index = found ? window.start + found.index : m.index;
    const segment = found ? found.segment : m[0];
    after = index + segment.length;
    yield { index, segment, shown: printable(segment, c) };
  }
}

/** The graphemes of the text that no bundled font can draw, in order. */
export function findUncovered(text: string, covers: Covers): UncoveredCharacter[] {
  const found: UncoveredCharacter[] = [];
  for (const { index, segment, shown } of suspects(text, covers))
    if (shown === null) found.push({ index, text: segment, codePoints: codePointNames(segment) });
  return found;
}

/**
 * The text as it is printed: each grapheme no bundled font can draw becomes {@link PLACEHOLDER}
 * (and is listed in `replaced`); one the fonts draw without U+FE0F or after NFC is so changed.
 */
export function replaceUncovered(
  text: string,
  covers: Covers,
): { text: string; replaced: UncoveredCharacter[] } {
  const replaced: UncoveredCharacter[] = [];
  const parts: string[] = [];
  let from = 0;
  for (const { index, segment, shown } of suspects(text, covers)) {
    if (shown === segment) continue;
    parts.push(text.slice(from, index), shown ?? PLACEHOLDER);
    from = index + segment.length;
    if (shown === null)
      replaced.push({ index, text: segment, codePoints: codePointNames(segment) });
  }
  if (from === 0) return { text, replaced };
  parts.push(text.slice(from));
  return { text: parts.join(''), replaced };
}
