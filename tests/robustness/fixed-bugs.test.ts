/** Faults the catalogue audit found, fixed; each test failed before its fix. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportError } from '../../src/errors.js';
import { chromiumArgs, createPrinter } from '../../src/infra/chromium-printer.js';
import { TEMP_PREFIX, writeFilesAtomic, type AtomicFs } from '../../src/infra/write-atomic.js';
import { compileTemplate, MAX_OUTPUT_CHARS } from '../../src/render/compile-template.js';
import type { TemplateSource } from '../../src/render/template-source.js';
import { htmlDoc, sampleMeta } from '../infra/print-helpers.js';

describe('R2: a browser that cannot start', () => {
  it('is reported with what the browser itself printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-r2-'));
    const stub = join(dir, 'broken-chrome');
    writeFileSync(
      stub,
      '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n',
      { mode: 0o755 },
    );
    const printer = createPrinter({ executablePath: stub });
    const error = await printer
      .print({ html: htmlDoc('<p>x</p>'), metadata: sampleMeta })
      .catch((e: unknown) => e);
    await printer.close();
    expect((error as Error).message).toContain('libnss3.so');
  });
});

describe('R12: no network at run time', () => {
  it('Chromium is told to resolve no host name at all', () => {
    expect(chromiumArgs({ isRoot: false, env: {} })).toContain(
      '--host-resolver-rules=MAP * ~NOTFOUND',
    );
  });
});

describe('T6: an output bomb of small pieces', () => {
  it('stops at the output cap with a template error, not at the V8 string limit', () => {
    const source: TemplateSource = {
      main: {
        file: 'custom/report.hbs',
        source:
          '{{#each a}}{{#each @root.a}}<p>{{this}} some filler text here</p>{{/each}}{{/each}}',
      },
      partials: new Map(),
      styles: [],
      strings: {},
      stringsFile: 'custom/locales/zh-CN.json',
      layout: { file: 'custom/layout.json', figures: [] },
    };
    const a = Array.from({ length: 6000 }, (_, i) => i);
    expect(() => compileTemplate(source, {})({ a })).toThrow(
      `custom/report.hbs: the rendered HTML is over ${MAX_OUTPUT_CHARS} characters`,
    );
  }, 60_000);

  it('still renders nested loops of a normal size', () => {
    const source: TemplateSource = {
      main: {
        file: 'r.hbs',
        source: '{{#each rows}}[{{#each this}}{{this}},{{/each}}]{{else}}none{{/each}}',
      },
      partials: new Map(),
      styles: [],
      strings: {},
      stringsFile: 'x',
      layout: { file: 'custom/layout.json', figures: [] },
    };
    const render = compileTemplate(source, {});
    expect(render({ rows: [[1, 2], [3]] })).toBe('[1,2,][3,]');
    expect(render({ rows: [] })).toBe('none');
  });
});

describe('O4/O6: a PDF that cannot be replaced (held open by a viewer on Windows)', () => {
  it('leaves the previous HTML, PDF and charts in place, and no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-o6-'));
    const html = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    const chart = join(dir, 'charts/new.svg');
    writeFileSync(html, 'previous html');
    writeFileSync(pdf, 'previous pdf');
    const fs: AtomicFs = {
      ...fsp,
      rename: async (from, to) => {
        if (String(from) === pdf || String(to) === pdf)
          throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
        return fsp.rename(from, to);
      },
    };
    const files = [
      { path: html, data: 'new html' },
      { path: chart, data: '<svg/>' },
      { path: pdf, data: 'new pdf' },
    ];
    await expect(writeFilesAtomic(files, { fs, platform: 'linux' })).rejects.toThrow(/report\.pdf/);
    expect(readFileSync(pdf, 'utf8')).toBe('previous pdf');
    expect(readFileSync(html, 'utf8')).toBe('previous html');
    expect(existsSync(chart)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
  });
});

/** The worker runs compiled JavaScript, so these tests load it from dist/ (npm test builds it). */
const WORKER_MODULE = new URL('../../dist/infra/template-worker.js', import.meta.url).href;

/** Compiles in a worker and renders one view there, as a build does for each year. */
async function workerModule() {
  const { compileInWorker } = (await import(
    WORKER_MODULE
  )) as typeof import('../../src/infra/template-worker.js');
  return {
    renderInWorker: async (source: TemplateSource, locale: 'zh-CN', view: object, ms: number) => {
      const renderer = await compileInWorker(source, { locale, lang: locale }, ms);
      try {
        return await renderer.render(view as never);
      } finally {
        await renderer.close();
      }
    },
  };
}

describe('T5: a custom template whose loops run away', () => {
  it('is stopped at the time budget in its worker, and reported as a template error', async () => {
    const { renderInWorker } = await workerModule();
    const source: TemplateSource = {
      main: {
        file: 'custom/report.hbs',
        source: '{{#each a}}{{#each @root.a}}{{#each @root.a}}{{/each}}{{/each}}{{/each}}',
      },
      partials: new Map(),
      styles: [],
      strings: {},
      stringsFile: 'custom/locales/zh-CN.json',
      layout: { file: 'custom/layout.json', figures: [] },
    };
    const a = Array.from({ length: 2000 }, (_, i) => i);
    await expect(renderInWorker(source, 'zh-CN', { a }, 500)).rejects.toThrow(
      'custom/report.hbs: rendering took longer than 0.5 s and was stopped',
    );
  });

  it('renders a normal custom template in the worker, and reports its errors with file and line', async () => {
    const { renderInWorker } = await workerModule();
    const source = (main: string): TemplateSource => ({
      main: { file: 'custom/report.hbs', source: main },
      partials: new Map(),
      styles: [],
      strings: {},
      stringsFile: 'x',
      layout: { file: 'custom/layout.json', figures: [] },
    });
    expect(await renderInWorker(source('<p>{{money 545000}}</p>'), 'zh-CN', {}, 10_000)).toBe(
      '<p>54.5万元</p>',
    );
    await expect(
      renderInWorker(source('\n{{report.titel}}'), 'zh-CN', { report: {} }, 10_000),
    ).rejects.toThrow('custom/report.hbs:2:3  field "titel" is not in the report data');
    // The error crosses the thread with both languages: a Chinese reader reads it in Chinese.
    const error = (await renderInWorker(
      source('\n{{report.titel}}'),
      'zh-CN',
      { report: {} },
      10_000,
    ).then(
      () => null,
      (e: unknown) => e,
    )) as ReportError;
    expect(error.messageIn('zh-CN')).toBe('custom/report.hbs:2:3  报告数据中没有“titel”这一项');
    expect(error.hintIn('zh-CN')).toContain('docs/templates.md');
  });
});
