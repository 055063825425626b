/** A number stays on the line of its unit: the no-break spans of src/render/keep-units.ts. */
import { describe, expect, it } from 'vitest';
import { keepUnitsHtml } from '../../src/render/keep-units.js';
import { renderMarkdown } from '../../src/render/markdown.js';

const nb = (text: string) => `<span class="nb">${text}</span>`;

describe('keepUnitsHtml', () => {
  it.each([
    ['共18场', `共${nb('18场')}`],
    ['收入54.5万元', `收入${nb('54.5万元')}`],
    ['服务10000人次', `服务${nb('10000人次')}`],
    ['2014年', nb('2014年')],
    ['直接服务500余次', `直接服务${nb('500余次')}`],
    ['约5000人次，近40节', `${nb('约5000人次')}，${nb('近40节')}`],
    ['增长147.7%', `增长${nb('147.7%')}`],
    ['2014、2015年', `2014、${nb('2015年')}`],
    ['校园070——计划', '校园070——计划'],
    ['4A级', '4<span class="gap-after">A</span>级'],
    ['<b>18场</b>', `&lt;b&gt;${nb('18场')}&lt;/b&gt;`],
  ])('%s → %s', (text, html) => {
    expect(keepUnitsHtml(text)).toBe(html);
  });
});

describe('in narrative Markdown', () => {
  it('wraps a figure and a typed number with their units, and the text still reads the same', () => {
    const html = renderMarkdown('2014年开展社区宣传{{a}}，**共{{b}}**。', (name) =>
      name === 'a' ? '18场' : '54.5万元',
    );
    expect(html).toBe(
      `<p>${nb('2014年')}开展社区宣传${nb('18场')}，<strong>共${nb('54.5万元')}</strong>。</p>\n`,
    );
    expect(html.replace(/<[^>]+>/g, '')).toBe('2014年开展社区宣传18场，共54.5万元。\n');
  });

  it('still escapes what the data says', () => {
    expect(renderMarkdown('<i>18场</i>', () => '')).toBe(
      `<p>&lt;i&gt;${nb('18场')}&lt;/i&gt;</p>\n`,
    );
  });
});
