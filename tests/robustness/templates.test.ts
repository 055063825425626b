/**
 * Hostile or broken templates (catalogue rows T5–T7, T9, T11): each fails as a template error
 * (exit 3) naming the file, and exposes nothing of the prototype. (Raw HTML let through by a
 * template, T8, meets the printer's lockdown: tests/infra/chromium-printer.test.ts and
 * tests/e2e/build-lockdown.test.ts.)
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { compileTemplate, MAX_OUTPUT_CHARS } from '../../src/render/compile-template.js';
import { templateSource } from '../support/template-source.js';
import { ROOT, runCli, tempDir } from '../e2e/cli.js';

const source = (main: unknown, partials: Record<string, unknown> = {}) =>
  templateSource(main, partials);

function templateFailure(run: () => unknown): ReportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', exitCode: 3 });
    return error as ReportError;
  }
  throw new Error('expected a template error');
}

const helpers = { money: (x: unknown) => `${String(x)}元` };

describe('runaway templates (T5, T6)', () => {
  it('T5: a partial that includes itself fails at once as a template error naming it', () => {
    const error = templateFailure(() =>
      compileTemplate(source('{{> self}}', { self: 'a{{> self}}' }), helpers)({}),
    );
    expect(error.message).toMatch(/^custom\/partials\/self\.hbs:1:2 {2}\{\{> self\}\} here/);
  });

  it('T6: a loop that writes more than the cap fails with the size message, not a crash', () => {
    const render = compileTemplate(source('{{#each items}}{{@root.big}}{{/each}}'), helpers);
    const big = 'x'.repeat(1_000_000);
    const items = Array.from({ length: Math.ceil(MAX_OUTPUT_CHARS / big.length) + 1 }, () => 0);
    const error = templateFailure(() => render({ items, big }));
    expect(error.message).toBe(
      `custom/report.hbs: the rendered HTML is over ${MAX_OUTPUT_CHARS} characters`,
    );
    expect(error.hint).toMatch(/loop/);
  });
});

describe('partials that include themselves (adversarial T1)', () => {
  it('a partial that always includes itself is refused before rendering, at the {{> self}}', () => {
    const error = templateFailure(() =>
      compileTemplate(source('{{> self}}', { self: '<p>\n  {{> self}}\n</p>' }), helpers),
    );
    expect(error.message).toBe(
      'custom/partials/self.hbs:2:3  {{> self}} here makes the partial "self" include itself without end',
    );
    expect(error.hint).toMatch(
      /^remove this \{\{> self\}\}; a partial may include itself only inside a block/,
    );
    expect(error.message).not.toMatch(/call stack/);
  });

  it('two partials that include each other are refused, naming the file and line that closes the loop', () => {
    const error = templateFailure(() =>
      compileTemplate(
        source('{{> a}}', { a: '<div>{{> b}}</div>', b: '<p>b</p>\n\n{{> a}}' }),
        helpers,
      ),
    );
    expect(error.message).toBe(
      'custom/partials/b.hbs:3:1  {{> a}} here makes partials include each other without end: a → b → a',
    );
  });

  it('says it in Chinese to a Chinese reader', () => {
    const error = templateFailure(() =>
      compileTemplate(source('{{> self}}', { self: '{{> self}}' }), helpers),
    );
    expect(error.messageIn('zh-CN')).toBe(
      'custom/partials/self.hbs:1:1  这里的 {{> self}} 让片段“self”包含它自己，渲染永远不会结束',
    );
    expect(error.hintIn('zh-CN')).toMatch(/^删去这个 \{\{> self\}\}/);
  });

  it('a recursion inside a block that ends still renders (a tree)', () => {
    const render = compileTemplate(
      source('{{> node tree}}', {
        node: '<li>{{name}}{{#if children}}<ul>{{#each children}}{{> node}}{{/each}}</ul>{{/if}}</li>',
      }),
      helpers,
    );
    const tree = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [] }] }] };
    expect(render({ tree })).toBe('<li>a<ul><li>b<ul><li>c</li></ul></li></ul></li>');
  });

  it('a recursion under a condition that never ends is named when the render runs out of stack', () => {
    const render = compileTemplate(
      source('{{> a}}', {
        a: '{{#if @root.on}}{{> b}}{{/if}}',
        b: 'x\n{{#with @root}}{{> a}}{{/with}}',
      }),
      helpers,
    );
    const error = templateFailure(() => render({ on: true }));
    expect(error.message).toBe(
      'custom/partials/b.hbs:2:16  {{> a}} here makes partials include each other without end: a → b → a (the render ran out of stack)',
    );
    expect(error.message).not.toMatch(/Maximum call stack/);
  });
});

describe('partials that include themselves, through the CLI (adversarial T1)', () => {
  it('report build --template: exit 3 naming the partial file and line, nothing written', async () => {
    // The real CLI (dist/): a custom template is checked in its worker thread.
    const dir = tempDir('minimal');
    cpSync(join(ROOT, 'templates/default'), join(dir, 'custom'), { recursive: true });
    writeFileSync(join(dir, 'custom/partials/cover.hbs'), '<header>\n{{> cover}}\n</header>\n');
    const result = await runCli(
      ['build', '2015', '--out', 'out', '--template', 'custom', '--format', 'html'],
      { cwd: dir },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'custom/partials/cover.hbs:2:1  这里的 {{> cover}} 让片段“cover”包含它自己，渲染永远不会结束',
    );
    expect(result.stderr).toContain('  提示：删去这个 {{> cover}}');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a custom template that recurses under a condition is named from its worker thread', async () => {
    const { compileInWorker } = (await import(
      new URL('../../dist/infra/template-worker.js', import.meta.url).href
    )) as typeof import('../../src/infra/template-worker.js');
    const recursive = source('{{> self}}', { self: '{{#if @root.on}}\n {{> self}}{{/if}}' });
    const renderer = await compileInWorker(recursive, { locale: 'en', lang: 'en' }, 60_000);
    await expect(renderer.render({ on: true } as never).finally(renderer.close)).rejects.toThrow(
      'custom/partials/self.hbs:2:2  {{> self}} here makes the partial "self" include itself without end (the render ran out of stack)',
    );
  });
});

describe('prototype access from a template (T7)', () => {
  it.each([
    ['{{constructor.constructor}}', {}],
    ['{{#with s}}{{constructor.constructor}}{{/with}}', { s: 'x' }],
    ['{{lookup this "__proto__"}}', {}],
    ['{{#with (lookup this "constructor")}}{{name}}{{/with}}', {}],
    ['{{s.trim}}', { s: 'x' }],
    ['{{this.__proto__.constructor.name}}', {}],
    ['{{__proto__}}', {}],
    ['{{#with __defineGetter__}}{{name}}{{/with}}', {}],
    ['{{#each this}}{{@key}}{{/each}}', {}],
  ])('%s renders nothing of the prototype', (main, view) => {
    let html = '';
    try {
      html = compileTemplate(source(`[${main}]`), helpers)(view);
    } catch (error) {
      expect(error).toMatchObject({ code: 'TEMPLATE_INVALID' });
      return;
    }
    expect(html).toBe('[]');
  });

  it('no code turns the prototype guards off or lets a missing helper be called', () => {
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (/\.[cm]?[jt]s$/.test(entry.name)) {
          const text = readFileSync(path, 'utf8');
          const settings = [
            ...text.matchAll(/allowProto(?:Properties|Methods)ByDefault\s*:\s*(\w+)/g),
          ];
          if (
            settings.some((m) => m[1] !== 'false') ||
            /allowedProto(?:Properties|Methods)|allowCallsToHelperMissing/.test(text)
          )
            offenders.push(path);
        }
      }
    };
    visit(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});

describe('a template source that is not text (T9)', () => {
  it.each([
    ['an object', { type: 'Program', body: [] }],
    ['a number', 42],
    ['parsed JSON', JSON.parse('{"main": "{{x}}"}')],
  ])('%s as report.hbs is refused before compiling', (_name, main) => {
    const error = templateFailure(() => compileTemplate(source(main), helpers));
    expect(error.message).toBe('custom/report.hbs  a template must be text');
  });

  it('a partial that is not text is refused, naming the partial', () => {
    const error = templateFailure(() => compileTemplate(source('{{> p}}', { p: [] }), helpers));
    expect(error.message).toBe('custom/partials/p.hbs  a template must be text');
  });

  it('report build: a report.hbs that is a folder, and locale strings that are a list, exit 3', async () => {
    const dir = tempDir('minimal');
    cpSync(join(ROOT, 'templates/default'), join(dir, 'folder'), { recursive: true });
    cpSync(join(ROOT, 'templates/default'), join(dir, 'list'), { recursive: true });
    const main = join(dir, 'folder/report.hbs');
    rmSync(main);
    mkdirSync(main);
    writeFileSync(join(dir, 'list/locales/zh-CN.json'), '["a", "b"]');

    const folder = await runCli(
      ['build', '2015', '--template', 'folder', '--format', 'html', '--lang', 'en'],
      {
        cwd: dir,
      },
    );
    expect(folder.code).toBe(3);
    expect(folder.stderr).toContain('cannot read folder/report.hbs: EISDIR');
    const list = await runCli(
      ['build', '2015', '--template', 'list', '--format', 'html', '--lang', 'en'],
      {
        cwd: dir,
      },
    );
    expect(list.code).toBe(3);
    expect(list.stderr).toContain('list/locales/zh-CN.json: expected a JSON object of strings');
  });
});

/** "4.7.10" → [4, 7, 10]; pre-release tags are ignored. */
function versionParts(version: string): number[] {
  return version
    .split('-')[0]!
    .split('.')
    .map((part) => Number(part));
}

function atLeast(version: string, floor: string): boolean {
  const a = versionParts(version);
  const b = versionParts(floor);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

describe('dependency floors (T11)', () => {
  // Releases with the fixes the catalogue names (handlebars CVE-2026-33937/33940, yaml CVE-2026-33532).
  const FLOORS = { handlebars: '4.7.10', yaml: '2.8.3' } as const;

  it.each(Object.entries(FLOORS))(
    '%s is at least %s: installed, locked and required',
    (name, floor) => {
      const installed = JSON.parse(
        readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version: string };
      const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { version?: string }>;
      };
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      const range = pkg.dependencies[name] ?? '';
      expect({ name, version: installed.version, ok: atLeast(installed.version, floor) }).toEqual({
        name,
        version: installed.version,
        ok: true,
      });
      const locked = lock.packages[`node_modules/${name}`]?.version ?? '0.0.0';
      expect(atLeast(locked, floor)).toBe(true);
      // The lowest version the range admits (^x.y.z or ~x.y.z or x.y.z) is above the floor too.
      expect(atLeast(range.replace(/^[\^~>=]+/, ''), floor)).toBe(true);
    },
  );

  it('the version comparison orders numerically', () => {
    expect(atLeast('4.7.10', '4.7.9')).toBe(true);
    expect(atLeast('4.7.9', '4.7.10')).toBe(false);
    expect(atLeast('2.10.0', '2.8.3')).toBe(true);
    expect(atLeast('2.8.2', '2.8.3')).toBe(false);
  });
});
