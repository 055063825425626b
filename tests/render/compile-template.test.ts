import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { compileTemplate } from '../../src/render/compile-template.js';
import { templateSource } from '../support/template-source.js';

const source = (main: string, partials: Record<string, string> = {}) =>
  templateSource(main, partials);

function failure(run: () => unknown): ReportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    return error as ReportError;
  }
  throw new Error('expected a template error');
}

const helpers = { money: (x: unknown) => `${String(x)}元` };

describe('template errors name the template file and line (exit 3)', () => {
  it.each([
    [
      'unknown partial',
      '<p>\n  {{> footr}}\n</p>',
      {},
      'custom/report.hbs:2:3  unknown partial "footr"',
    ],
    [
      'partial inside a partial',
      '{{> a}}',
      { a: 'x\n{{> nope}}' },
      'custom/partials/a.hbs:2:1  unknown partial "nope"',
    ],
    [
      'unknown helper',
      '\n\n{{formatMony 1}}',
      {},
      'custom/report.hbs:3:1  unknown helper "formatMony"',
    ],
    [
      'dynamic partial',
      '{{> (lookup . "tpl")}}',
      {},
      'custom/report.hbs:1:1  a partial chosen at render time',
    ],
    ['unclosed block', '<ul>\n{{#each items}}\n<li>', {}, 'custom/report.hbs:3  syntax error'],
  ])('%s', (_name, main, partials, expected) => {
    const error = failure(() => compileTemplate(source(main, partials), helpers));
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(expected);
  });

  it('a field the view model lacks fails in strict mode with its file and line', () => {
    const render = compileTemplate(
      source('{{> total}}', { total: '<p>\n{{totals.incom}}</p>' }),
      helpers,
    );
    const error = failure(() => render({ totals: { income: 1 } }));
    expect(error.message).toBe(
      'custom/partials/total.hbs:2:3  field "incom" is not in the report data',
    );
  });

  it('each problem keeps its file:line:col in Chinese, and the hint names what there is', () => {
    const error = failure(() =>
      compileTemplate(source('{{> footr}}\n{{formatMony 1}}', { footer: '' }), helpers),
    );
    expect(error.messageIn('zh-CN')).toBe(
      'custom/report.hbs:1:1  没有名为“footr”的片段\n' +
        'custom/report.hbs:2:1  没有名为“formatMony”的辅助函数（helper）',
    );
    expect(error.hintIn('zh-CN')).toBe('这个模板的 partials/ 中有：footer（请检查拼写）');
    expect(error.messageIn('en')).toBe(
      'custom/report.hbs:1:1  unknown partial "footr"\ncustom/report.hbs:2:1  unknown helper "formatMony"',
    );
  });

  it('a missing field in Chinese: where, and what the data lacks', () => {
    const render = compileTemplate(source('<p>\n{{totals.incom}}</p>'), helpers);
    const error = failure(() => render({ totals: { income: 1 } }));
    expect(error.messageIn('zh-CN')).toBe('custom/report.hbs:2:3  报告数据中没有“incom”这一项');
  });

  it('renders a correct template, escaping data', () => {
    const render = compileTemplate(source('<p>{{money amount}} {{name}}</p>'), helpers);
    expect(render({ amount: 5, name: '<script>x</script>' })).toBe(
      '<p>5元 &lt;script&gt;x&lt;/script&gt;</p>',
    );
  });

  it('does not expose prototype properties', () => {
    const render = compileTemplate(source('[{{#with s}}{{constructor}}{{/with}}]'), helpers);
    expect(() => render({ s: 'x' })).toThrow(ReportError);
  });
});
