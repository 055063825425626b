import { describe, expect, it } from 'vitest';
import { keepUnitsHtml } from '../../src/render/keep-units.js';
import { renderMarkdown } from '../../src/render/markdown.js';

describe('Latin letters beside Han characters', () => {
  it('get a gap span on the side of the Han character, in plain text (table cells, notes)', () => {
    expect(keepUnitsHtml('4A级社会组织')).toBe('4<span class="gap-after">A</span>级社会组织');
    expect(keepUnitsHtml('本地NGO项目')).toBe(
      '本地<span class="gap-before gap-after">NGO</span>项目',
    );
    expect(keepUnitsHtml('共18场A')).toBe(
      '共<span class="nb">18场</span><span class="gap-before">A</span>',
    );
  });

  it('leave Latin text away from Han characters, and escape what they wrap', () => {
    expect(keepUnitsHtml('A4 paper, 4A')).toBe('A4 paper, 4A');
    expect(keepUnitsHtml('中<b>文')).toBe('中&lt;b&gt;文');
    expect(keepUnitsHtml('中文b<')).toBe('中文<span class="gap-before">b</span>&lt;');
  });

  it('get the same span in the narrative’s Markdown, also beside a number kept with its unit', () => {
    expect(renderMarkdown('我机构被评为4A级社会组织。', String)).toContain(
      '4<span class="gap-after">A</span>级社会组织',
    );
    expect(renderMarkdown('共18场A类活动', String)).toContain(
      '<span class="nb">18场</span><span class="gap-before gap-after">A</span>类活动',
    );
    // Across an emphasis mark the neighbour is not looked up: no span, no harm.
    expect(renderMarkdown('**NGO**项目', String)).toContain('<strong>NGO</strong>项目');
  });
});
