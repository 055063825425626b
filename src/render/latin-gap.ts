/**
 * A small gap between Latin letters and the Han characters beside them ("4A级", "NGO项目"), the
 * spacing Chinese typesetting puts there (shared/reference/chinese-typography.md), drawn so that
 * text extraction does not read it as a space.
 *
 * Digits get their gap from the fonts (fonts.ts widens them beside Han). Letters are wrapped in a
 * span with a margin on the side of the Han character (styles/typography.css): 0.08 em, under
 * the 0.1 em gap at which pdftotext (poppler) starts a new word and writes a space, where
 * Chromium's `text-autospace` draws 1/8 em and pdftotext reads "4A 级".
 */
import type MarkdownIt from 'markdown-it';

const LATIN_RUN = /[A-Za-z]+/g;
const HAN = /\p{Script=Han}/u;

/** The classes of a Latin run by its neighbours: gap before (after Han), gap after (before Han). */
function gapClasses(before: string | undefined, after: string | undefined): string[] {
  const classes: string[] = [];
  if (before !== undefined && HAN.test(before)) classes.push('gap-before');
  if (after !== undefined && HAN.test(after)) classes.push('gap-after');
  return classes;
}

/**
 * Splits `text.slice(from, to)` into plain parts and Latin runs beside Han characters (looking
 * at the whole `text` for the neighbours), calling `plain` and `latin` in order.
 */
export function splitLatinRuns(
  text: string,
  from: number,
  to: number,
  plain: (part: string) => void,
  latin: (run: string, classes: string[]) => void,
  neighbours: { before?: string; after?: string } = {},
): void {
  let last = from;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(LATIN_RUN)) {
    const start = from + m.index;
    const end = start + m[0].length;
    const before = start > 0 ? text[start - 1] : neighbours.before;
    const after = end < text.length ? text[end] : neighbours.after;
    const classes = gapClasses(before, after);
    if (classes.length === 0) continue;
    if (start > last) plain(text.slice(last, start));
    latin(m[0], classes);
    last = end;
  }
  if (last < to) plain(text.slice(last, to));
}

/** The HTML of a Latin run with its gap span. */
export function latinSpan(run: string, classes: string[], escape: (s: string) => string): string {
  return `<span class="${classes.join(' ')}">${escape(run)}</span>`;
}

type StateCore = Parameters<Parameters<MarkdownIt['core']['ruler']['push']>[1]>[0];
type Token = StateCore['tokens'][number];

/**
 * The Markdown side: a core rule (after keep_units) that wraps Latin runs beside Han characters
 * in text tokens, looking across the no-break spans keep_units made for the neighbours.
 */
export function latinGapPlugin(md: MarkdownIt): void {
  md.core.ruler.push('latin_gap', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const source = block.children;
      /** The nearest text token's character on a side, skipping the inline HTML spans. */
      const neighbour = (index: number, step: -1 | 1): string | undefined => {
        for (let i = index + step; i >= 0 && i < source.length; i += step) {
          const token = source[i];
          if (token === undefined || token.type === 'html_inline') continue;
          if (token.type !== 'text') return undefined;
          return step < 0 ? token.content.at(-1) : token.content[0];
        }
        return undefined;
      };
      const children: Token[] = [];
      source.forEach((token, index) => {
        if (token.type !== 'text' || !/[A-Za-z]/.test(token.content)) {
          children.push(token);
          return;
        }
        const push = (type: 'text' | 'html_inline', content: string) => {
          const t = new state.Token(type, '', 0);
          t.content = content;
          children.push(t);
        };
        splitLatinRuns(
          token.content,
          0,
          token.content.length,
          (part) => push('text', part),
          (run, classes) => {
            push('html_inline', `<span class="${classes.join(' ')}">`);
            push('text', run);
            push('html_inline', '</span>');
          },
          { before: neighbour(index, -1), after: neighbour(index, 1) },
        );
      });
      block.children = children;
    }
  });
}
