/**
 * Data text that looks like markup (adversarial run, "Data text as markup"): whatever a data
 * file says reaches the report as text in every context it lands in (HTML text and attributes,
 * the running header's CSS, the charts' SVG, the PDF's metadata, Markdown), and never becomes
 * an element, a rule or a heading. Built without Chromium; the printed check is in
 * tests/e2e/build-lockdown.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawChartSvg } from '../../src/infra/draw-charts.js';
import { finalizePdf } from '../support/pdf.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { cssString, HEADER_MAX_CHARS, runningHeaderCss } from '../../src/render/page-css.js';
import { tempDir } from '../e2e/cli.js';
import { poppler, sampleMeta } from '../infra/print-helpers.js';
import { MARKUP_PAYLOADS } from '../support/markup-payloads.js';
import { buildHtml } from './build-html.js';

const PAYLOADS = MARKUP_PAYLOADS;
/** Every payload in one text, with the marker the font rules were once put at. */
const HOSTILE = `${PAYLOADS.join(' ')} /*report:font-faces*/ 'x' \\ end`;

/** The text a CSS string literal stands for (CSS Syntax §4.3.5 and §4.3.7). */
function decodeCssString(literal: string): string {
  expect(literal[0]).toBe(literal.at(-1));
  return literal
    .slice(1, -1)
    .replace(
      /\\([0-9a-fA-F]{1,6})[ \t\n]?|\\([^\n0-9a-fA-F])/g,
      (_m, hex?: string, char?: string) =>
        hex === undefined ? (char as string) : String.fromCodePoint(parseInt(hex, 16)),
    );
}

/** The text an escaped HTML attribute value or text stands for (Handlebars' escapes). */
function decodeHtml(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return text.replace(/&(?:#x([0-9a-f]+)|([a-z]+));/gi, (m, hex?: string, name?: string) =>
    hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : (named[name as string] ?? m),
  );
}

/** Every tag of a document, in order: an injected element shows up as one more. */
function tags(html: string): string[] {
  // The gap span report puts around Latin letters beside Han characters (latin-gap.ts) depends
  // on the text's letters, not on any markup in it.
  const ours = html.replace(
    /<span class="gap-(?:before|after)(?: gap-after)?">([^<]*)<\/span>/g,
    '$1',
  );
  return [...ours.matchAll(/<\/?([a-zA-Z][^\s/>]*)/g)].map((m) => m[0].toLowerCase());
}

/** Puts `value` in every plain-text field of the minimal data set that reaches the page. */
function fillData(dir: string, value: string, opening = '', body = ''): void {
  const q = JSON.stringify(value);
  const edit = (file: string, pairs: [RegExp, string][]) => {
    const path = join(dir, 'data', file);
    let text = readFileSync(path, 'utf8');
    for (const [from, to] of pairs) {
      expect(text).toMatch(from);
      text = text.replace(from, to);
    }
    writeFileSync(path, text);
  };
  edit('organization.yaml', [
    [/^name: .*$/m, `name: ${q}`],
    [/^short_name: .*$/m, `short_name: ${q}`],
    [/label: 青少年服务/, `label: ${q}`],
    [/label: 个案/, `label: ${q}`],
  ]);
  edit('2015/narrative.yaml', [
    [/^title: .*$/m, `title: ${q}`],
    [/title: 项目服务/, `title: ${q}`],
    [/title: 四点半课堂/, `title: ${q}`],
    [/^opening: \|\n/m, `opening: |\n  ${opening}\n\n`],
    [/body: (.*)$/m, `body: ${JSON.stringify(body)}`],
    [/date: 2015-12-31/, `date: 2015-12-31\n  name: ${q}`],
  ]);
  edit('2015/projects.yaml', [[/name: 四点半课堂/, `name: ${q}`]]);
  edit('2015/awards.yaml', [
    [/name: 优秀社会工作服务项目/, `name: ${q}`],
    [/outlet: 苏州日报/, `outlet: ${q}`],
  ]);
}

describe('data text in a built report (HTML, no browser)', () => {
  let hostile: string;
  let plain: string;
  let fontText: string;
  beforeAll(async () => {
    const [a, b] = [tempDir('minimal'), tempDir('minimal')];
    fillData(a, HOSTILE, '罕见字在此：见data:鬣羚麝鼹。');
    fillData(b, 'plain text', '普通的一段话。');
    const [built, baseline] = await Promise.all([buildHtml(a), buildHtml(b)]);
    ({ html: hostile, fontText } = built);
    plain = baseline.html;
  });

  it('no element is injected anywhere: the tags are those of the same report with plain text', () => {
    expect(tags(hostile)).toEqual(tags(plain));
    expect(hostile).not.toMatch(/<(h1 id=pwn|iframe|svg|meta http-equiv=refresh)/i);
    expect(hostile.match(/<\/?style\b/g)).toEqual(['<style', '</style']);
  });

  it('HTML text: the cover, headings, tables and signature show the text itself', () => {
    const escaped = Handlebars.escapeExpression(HOSTILE);
    expect(hostile).toContain(`<p class="cover-org">${escaped}</p>`);
    expect(hostile).toContain(`<h1 class="cover-title">${escaped}</h1>`);
    expect(hostile).toContain(`<p class="signature-name">${escaped}</p>`);
    expect(hostile).toContain(`<h2>一、${escaped}</h2>`);
    expect(hostile).toContain(`<td>${escaped}</td>`);
  });

  it('HTML attributes: the metadata and labels hold the whole text', () => {
    const author = /<meta name="author" content="([^"]*)">/.exec(hostile)?.[1] ?? '';
    expect(decodeHtml(author)).toBe(HOSTILE);
    const facts = /<aside class="facts" aria-label="([^"]*)">/.exec(hostile)?.[1] ?? '';
    expect(decodeHtml(facts)).toBe(HOSTILE);
    const title = /<title>([^<]*)<\/title>/.exec(hostile)?.[1] ?? '';
    expect(decodeHtml(title)).toBe(`${HOSTILE}${HOSTILE}`);
  });

  it('CSS: the running header shows the text, and the stylesheet keeps its fonts', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(hostile)?.[1] ?? '';
    expect(style).not.toContain('<');
    const header =
      /@page \{ @top-left \{ content: ('[^']*'); \} @top-right \{ content: ('[^']*'); \} \}/.exec(
        style,
      );
    // The header shows the first HEADER_MAX_CHARS characters (the payloads come first).
    const shown = `${HOSTILE.slice(0, HEADER_MAX_CHARS - 1)}…`;
    expect(decodeCssString(header?.[1] ?? "''")).toBe(shown);
    expect(decodeCssString(header?.[2] ?? "''")).toBe(shown);
    // The old fixed marker in a title once received the @font-face rules, in the <title>.
    expect(style).toMatch(/@font-face \{\n {2}font-family: 'Noto Serif SC';/);
    expect(hostile.slice(0, hostile.indexOf('<style>'))).not.toContain('@font-face');
  });

  it('prose that says "data:" keeps its characters in the embedded fonts', () => {
    expect(fontText).toContain('鬣羚麝鼹');
  });
});

describe('the CSS string escaper (running header, @font-face family names)', () => {
  it.each([...PAYLOADS, 'a\nb\r\fc', 'it\'s \\ "quoted"', '\u2028 <> &', '二〇一五 年度'])(
    '%j stays one string with the same text',
    (text) => {
      const literal = cssString(text);
      expect(literal.slice(1, -1)).not.toMatch(/[<>"'\n\r\f&\u2028]/);
      expect(decodeCssString(literal)).toBe(text);
    },
  );

  it('a space after an escape is kept, not read as the end of the escape', () => {
    expect(cssString('< a')).toBe("'\\00003C  a'");
    expect(decodeCssString(cssString('< a'))).toBe('< a');
  });

  it('Chinese text and plain punctuation are written as they are', () => {
    expect(runningHeaderCss('苏州市清流社工服务中心', '2015年度工作总结')).toBe(
      "@page { @top-left { content: '苏州市清流社工服务中心'; } @top-right { content: '2015年度工作总结'; } }",
    );
  });
});

describe('data text in other contexts', () => {
  it('SVG: a chart whose title, labels and legend carry markup draws outlines, no element', async () => {
    const { svg } = await drawChartSvg(
      {
        id: 'services',
        kind: 'stacked-bar',
        title: HOSTILE,
        labels: PAYLOADS,
        datasets: [{ label: HOSTILE, data: PAYLOADS.map((_, i) => i + 1) }],
        format: { kind: 'count', unit: '' },
        locale: 'zh-CN',
      },
      { widthMm: 150, heightMm: 70 },
    );
    const names = new Set([...svg.matchAll(/<([a-zA-Z][^\s/>]*)/g)].map((m) => m[1]));
    expect(
      [...names].every((n) => /^(svg|g|path|rect|clipPath|defs|line|use)$/.test(n as string)),
    ).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(svg).not.toMatch(/INJECTED|onload|iframe|http-equiv|\]\]>/);
  });

  it('PDF metadata: title, author, subject and keywords read back as the text', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = await finalizePdf(await doc.save(), {
      ...sampleMeta,
      title: HOSTILE,
      author: PAYLOADS[0] as string,
      subject: PAYLOADS[3] as string,
      keywords: PAYLOADS,
    });
    const back = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(back.getTitle()).toBe(HOSTILE);
    expect(back.getAuthor()).toBe(PAYLOADS[0]);
    expect(back.getSubject()).toBe(PAYLOADS[3]);
    expect(back.getKeywords()).toBe(PAYLOADS.join(' '));
    const info = await poppler('pdfinfo', pdf);
    expect(info).toContain(`Title:           ${HOSTILE}\n`);
    expect(info).toContain(`Author:          ${PAYLOADS[0]}\n`);
  });

  it.each(PAYLOADS)('Markdown: %s in narrative prose is text, no element', (payload) => {
    const html = renderMarkdown(payload, (name) => name);
    expect(tags(html).filter((t) => !/^<\/?(p|em)$/.test(t))).toEqual([]);
    expect(decodeHtml(html.replace(/<\/?(p|em)>/g, '')).trim()).toBe(
      payload.replace(/^\*(.*)\*$/, '$1'),
    );
  });
});

describe('Markdown headings in narrative prose', () => {
  it('rank below the heading that owns the text, never beside the report title', () => {
    const md = '# 背景\n\n正文\n\n## 细节\n\n###### 最深';
    expect(renderMarkdown(md, (n) => n, 2)).toBe(
      '<h3>背景</h3>\n<p>正文</p>\n<h4>细节</h4>\n<h6>最深</h6>\n',
    );
    expect(renderMarkdown('背景\n===', (n) => n, 4)).toBe('<h5>背景</h5>\n');
  });

  it('in a built report: "#" in a subsection body is an <h4> under its <h3>, in the opening an <h3>', async () => {
    const dir = tempDir('minimal');
    fillData(dir, 'plain text', '# 开篇标题', '# 正文标题\n\n正文');
    const { html } = await buildHtml(dir);
    expect(html.match(/<h1\b[^>]*>/g)).toEqual(['<h1 class="cover-title">']);
    expect(html.includes('<section class="opening" aria-label="概述">\n<h3>开篇标题</h3>')).toBe(
      true,
    );
    expect(html.includes('<h3>1.plain text</h3>\n    <h4>正文标题</h4>')).toBe(true);
  });
});
