import type { TemplateSource } from '../../src/render/template-source.js';

/**
 * A template from sources in memory, its files named as in `folder` (`custom/report.hbs`,
 * `custom/partials/<name>.hbs`). Sources are `unknown` so a test can pass what no file holds.
 */
export function templateSource(
  main: unknown,
  partials: Record<string, unknown> = {},
  folder = 'custom',
): TemplateSource {
  return {
    main: { file: `${folder}/report.hbs`, source: main as string },
    partials: new Map(
      Object.entries(partials).map(([name, src]) => [
        name,
        { file: `${folder}/partials/${name}.hbs`, source: src as string },
      ]),
    ),
    styles: [],
    strings: {},
    stringsFile: `${folder}/locales/zh-CN.json`,
    layout: { file: `${folder}/layout.json`, figures: [] },
  };
}
