/**
 * The built-in template is compiled at build time (scripts/precompile-template.mjs); a build
 * uses that code only for exactly the sources it was made from, and renders what compiling
 * them would.
 */
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  compileTemplate,
  precompileTemplate,
  type PrecompiledTemplate,
} from '../../src/render/compile-template.js';
import type { TemplateSource } from '../../src/render/template-source.js';
import { templateSource } from '../support/template-source.js';

const source = (main: string, partials: Record<string, string> = {}): TemplateSource =>
  templateSource(main, partials, 'default');

const helpers = { money: (x: unknown) => `${String(x)}万元` };

/** What the build script writes into dist/, read back as the module would be. */
function built(template: TemplateSource): PrecompiledTemplate {
  const { key, main, partials, refs } = precompileTemplate(template, helpers);
  const spec = (code: string) => new Function(`return ${code}`)() as PrecompiledTemplate['main'];
  return {
    key,
    main: spec(main),
    partials: Object.fromEntries(Object.entries(partials).map(([n, code]) => [n, spec(code)])),
    refs: JSON.parse(JSON.stringify(refs)) as PrecompiledTemplate['refs'],
  };
}

const report = source('<h1>{{title}}</h1>{{#each items}}{{> item}}{{/each}}', {
  item: '<li>{{name}}: {{money amount}}</li>\n',
});
const view = {
  title: '年报 <2015>',
  items: [
    { name: '助学', amount: 12 },
    { name: '"社区"', amount: 3.5 },
  ],
};

describe('precompiled template', () => {
  it('renders what compiling the same sources renders', () => {
    const html = compileTemplate(report, helpers, { precompiled: built(report) })(view);
    expect(html).toBe(compileTemplate(report, helpers)(view));
    expect(html).toContain('<h1>年报 &lt;2015&gt;</h1>');
    expect(html).toContain('<li>&quot;社区&quot;: 3.5万元</li>');
  });

  it('is not used for a template edited since it was precompiled', () => {
    const edited = source(report.main.source.replace('<h1>', '<h1 class="t">'), {
      item: '<li>{{name}} — {{money amount}}</li>\n',
    });
    const html = compileTemplate(edited, helpers, { precompiled: built(report) })(view);
    expect(html).toContain('<h1 class="t">');
    expect(html).toContain('<li>助学 — 12万元</li>');
  });

  it('names the partials of a recursion that ran out of stack, without compiling them', () => {
    const looping = source('{{> a}}', {
      a: '{{#if @root.on}}{{> b}}{{/if}}',
      b: 'x\n{{#with @root}}{{> a}}{{/with}}',
    });
    const render = compileTemplate(looping, helpers, { precompiled: built(looping) });
    expect(() => render({ on: true })).toThrow(
      'default/partials/b.hbs:2:16  {{> a}} here makes partials include each other without end: a → b → a (the render ran out of stack)',
    );
  });

  it('still names the partial and line of a missing field', () => {
    const broken = source('{{#each items}}{{> item}}{{/each}}', { item: '\n<li>{{nmae}}</li>' });
    const render = compileTemplate(broken, helpers, { precompiled: built(broken) });
    let error: unknown;
    try {
      render(view);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).messageIn('en')).toContain('default/partials/item.hbs:2');
    expect((error as ReportError).messageIn('en')).toContain('nmae');
  });

  it('refuses at build time what compiling would refuse', () => {
    const unknownHelper = source('{{shout title}}');
    expect(() => precompileTemplate(unknownHelper, helpers)).toThrow(ReportError);
    expect(() => compileTemplate(unknownHelper, helpers)).toThrow(ReportError);
  });
});
