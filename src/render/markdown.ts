/**
 * Narrative text is Markdown with raw HTML disabled: whatever a data file says is escaped, links
 * are not followed, and the only images are inline raster `data:` images. Figure references
 * (`{{income.total}}`) are replaced with their formatted values before the Markdown is read.
 */
import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { FIGURE_REFERENCE } from '../schema/figures.js';
import { SAFE_IMAGE_URL } from '../schema/values.js';
import { keepUnitsPlugin } from './keep-units.js';
import { latinGapPlugin } from './latin-gap.js';

// CJK-friendly emphasis: `本年度**“小红帽”**项目获奖。` is bold, as a Chinese writer means it
// (CommonMark alone needs a space outside `**` when a full-width mark is inside it).
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false }).use(
  cjkFriendly,
);
// Only inline raster images pass; every other URL (http, file, relative paths, javascript:,
// svg) is refused, and markdown-it then prints the source text instead of a link.
md.validateLink = (url: string) => SAFE_IMAGE_URL.test(url.trim());
// A number stays on the line of its unit (54.5万元, 18场): keep-units.ts.
md.use(keepUnitsPlugin);
// Latin letters beside Han characters get a gap text extraction does not read: latin-gap.ts.
md.use(latinGapPlugin);

/** Escapes Markdown syntax in a substituted value, so "1*2" stays text. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!|<>~]/g, (c) => `\\${c}`);
}

export function substituteFigures(text: string, resolve: (name: string) => string): string {
  return text.replace(FIGURE_REFERENCE, (_whole, name: string) => escapeMarkdown(resolve(name)));
}

/**
 * Renders a Markdown block (paragraphs, lists, emphasis) to HTML. A Markdown heading in it is
 * put below the heading that owns the text (`below`: 2 for a section's body, whose heading is
 * an <h2>): `#` becomes <h3> there, never an <h1> beside the report's title in the PDF's
 * bookmarks. Levels past <h6> stay <h6>.
 */
export function renderMarkdown(text: string, resolve: (name: string) => string, below = 2): string {
  const env = {};
  const tokens = md.parse(substituteFigures(text, resolve), env);
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + below)}`;
    }
  }
  return md.renderer.render(tokens, md.options, env);
}

/**
 * The emphasis marks (`**`, `__`) Markdown leaves as text in a block, each with the text that
 * follows it there: they would print as written. Figure references are left out (their values
 * are escaped when substituted).
 */
export function leftoverEmphasisMarks(text: string): { mark: string; context: string }[] {
  const found: { mark: string; context: string }[] = [];
  const visit = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.children) visit(token.children);
      if (token.type !== 'text') continue;
      for (const m of token.content.matchAll(/\*\*+|__+/g))
        found.push({
          mark: m[0],
          context: token.content.slice(m.index, m.index + m[0].length + 8),
        });
    }
  };
  visit(md.parse(text.replace(FIGURE_REFERENCE, '0'), {}));
  return found;
}
