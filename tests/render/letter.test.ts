/**
 * 理事长致辞 (narrative.yaml `letter`): printed after the contents with its signatory, role and
 * date, quoting figures like the rest of the narrative, in both languages; a letter without a
 * signatory or with an unknown figure is a located error; a narrative without one is unchanged.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHtml } from '../robustness/build-html.js';
import { linesWith, makeData, MINIMAL, removeMadeData } from '../validate/helpers.js';

afterAll(removeMadeData);

const NARRATIVE = readFileSync(`${MINIMAL}/2015/narrative.yaml`, 'utf8');
const ORGANIZATION = readFileSync(`${MINIMAL}/organization.yaml`, 'utf8');
const LETTER = `letter:
  body: |
    过去一年，我们的总收入为 {{income.total}}。感谢每一位同行者。
  name: 王小禾
  role: 理事长
  date: 2016-01-15
`;

/** The text of the body's HTML between two markers, tags dropped. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the letter from the chair', () => {
  it('prints after the contents, before the profile and key figures, signed and dated (zh-CN)', async () => {
    const { cwd } = await makeData({ '2015/narrative.yaml': NARRATIVE + LETTER });
    const { html } = await buildHtml(cwd);
    const body = html.slice(html.indexOf('<main>'));
    const letter = body.slice(body.indexOf('<section class="letter"'), body.indexOf('</section>'));
    expect(textOf(letter)).toContain('理事长致辞');
    expect(textOf(letter)).toContain('54.5万元');
    expect(textOf(letter)).toMatch(/理事长 ?王小禾/);
    expect(textOf(letter)).toContain('二〇一六年一月十五日');
    expect(body.indexOf('class="letter"')).toBeLessThan(body.indexOf('class="key-figures"'));
    // In the contents, first.
    const contents = html.slice(html.indexOf('<nav class="contents"'), html.indexOf('</nav>'));
    expect(contents.indexOf('#letter')).toBeGreaterThan(0);
    expect(contents.indexOf('#letter')).toBeLessThan(contents.indexOf('#section-programmes'));
  });

  it('prints in English with its own title when one is given', async () => {
    const { cwd } = await makeData({
      'organization.yaml': ORGANIZATION.replace('locale: zh-CN', 'locale: en'),
      '2015/narrative.yaml': `${NARRATIVE}${LETTER.replace('理事长\n', 'Chair\n')}`,
    });
    const english = await buildHtml(cwd);
    expect(textOf(english.html)).toContain('Letter from the chair');
    expect(textOf(english.html)).toContain('¥545,000');
    expect(textOf(english.html)).toMatch(/Chair ?王小禾/);
    const titled = await makeData({
      '2015/narrative.yaml': NARRATIVE + LETTER + '  title: 致各位朋友的信\n',
    });
    expect(textOf((await buildHtml(titled.cwd)).html)).toContain('致各位朋友的信');
  });

  it('leaves a report without a letter as it was', async () => {
    const { cwd } = await makeData();
    const { html } = await buildHtml(cwd);
    expect(html).not.toContain('class="letter"');
    expect(html).not.toContain('#letter');
  });

  it('reports a missing signatory role and an unknown figure at their place', async () => {
    expect(
      await linesWith({
        '2015/narrative.yaml':
          NARRATIVE + LETTER.replace('  role: 理事长\n', '').replace('income.total', 'income.totl'),
      }),
    ).toEqual([
      'data/2015/narrative.yaml:15:3 letter.role  the field role is missing',
      'data/2015/narrative.yaml:16:18 letter.body  the figure {{income.totl}} cannot be used: there is no figure named income.totl',
    ]);
  });
});
