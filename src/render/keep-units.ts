/**
 * A number stays on the line of its unit (54.5万元, 18场, 2014年, 10000人次, 约500次): Chinese
 * line breaking allows a break between a digit and the Han character after it, so such a run is
 * wrapped in `<span class="nb">` (`white-space: nowrap` in styles/figures.css). A span, not a
 * U+2060 WORD JOINER or a no-break space: the text copied from the page or extracted from the
 * PDF stays exactly "54.5万元".
 */
import type MarkdownIt from 'markdown-it';
import { latinSpan, splitLatinRuns } from './latin-gap.js';

/**
 * A qualifier (约, 近), a number (with ¥, grouping, decimals, 余 or +) and its unit: a percent
 * sign, 万/亿 + one Han character (万元), 人次, or one Han character (年, 场, 节, 位 …).
 */
export const NUMBER_WITH_UNIT =
  /(?:约|近)?¥?\d[\d,.]*(?:余|\+)?(?:%|[万亿]\p{Script=Han}|人次|\p{Script=Han})/gu;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/** Escapes text for HTML as Handlebars does. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => ESCAPES[c] ?? c);
}

/** Plain text to HTML, each number kept with its unit: "共18场" → `共<span class="nb">18场</span>`. */
export function keepUnitsHtml(text: string): string {
  let out = '';
  let last = 0;
  // Latin letters beside Han characters get their gap span (latin-gap.ts).
  const between = (from: number, to: number) =>
    splitLatinRuns(
      text,
      from,
      to,
      (part) => (out += escapeHtml(part)),
      (run, classes) => (out += latinSpan(run, classes, escapeHtml)),
    );
  for (const m of text.matchAll(NUMBER_WITH_UNIT)) {
    between(last, m.index);
    out += `<span class="nb">${escapeHtml(m[0])}</span>`;
    last = m.index + m[0].length;
  }
  between(last, text.length);
  return out;
}

type StateCore = Parameters<Parameters<MarkdownIt['core']['ruler']['push']>[1]>[0];
type Token = StateCore['tokens'][number];

/**
 * The same for Markdown: a core rule that splits each text token around the numbers with units
 * and puts the no-break span around them (as inline HTML tokens made here, never from the data:
 * the text itself is still escaped by the renderer).
 */
export function keepUnitsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('keep_units', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const children: Token[] = [];
      for (const token of block.children) {
        const found = token.type === 'text' ? [...token.content.matchAll(NUMBER_WITH_UNIT)] : [];
        if (found.length === 0) {
          children.push(token);
          continue;
        }
        let last = 0;
        const text = (content: string) => {
          const t = new state.Token('text', '', 0);
          t.content = content;
          children.push(t);
        };
        const html = (content: string) => {
          const t = new state.Token('html_inline', '', 0);
          t.content = content;
          children.push(t);
        };
        for (const m of found) {
          if (m.index > last) text(token.content.slice(last, m.index));
          html('<span class="nb">');
          text(m[0]);
          html('</span>');
          last = m.index + m[0].length;
        }
        if (last < token.content.length) text(token.content.slice(last));
      }
      block.children = children;
    }
  });
}
