/**
 * The build's ports as one long-running preview uses them: what a save did not change is not
 * done again. Data files whose bytes did not change are not parsed again; the template is read
 * and compiled again only after a file in its folder changed; charts and font faces are kept by
 * their input. Each build still validates, computes, renders and embeds everything, so its
 * output is the output of a fresh `report build` on the same files.
 */
import { isAbsolute, relative } from 'node:path';
import { readDataFiles, type ParsedFiles } from '../load/read-files.js';
import type {
  BuildDeps,
  CompileTemplate,
  DrawChart,
  FontCss,
  ReadTemplate,
  TemplateRenderer,
} from '../ports.js';
import type { TemplateSource } from '../render/template-source.js';

export interface WarmDeps {
  deps: BuildDeps;
  /** Files changed on disk (absolute): a template file makes the next build read the template. */
  changed(files: readonly string[]): void;
  /** Ends what is kept open (a custom template's worker). */
  close(): Promise<void>;
}

export function warmDeps(base: BuildDeps, templateDir: string): WarmDeps {
  const parsed: ParsedFiles = new Map();
  const template = rememberTemplate(base.readTemplate, base.compileTemplate);
  return {
    deps: {
      ...base,
      // The real reader with a memory of parsed files (its own reader, when not the real one).
      readData:
        base.readData === readDataFiles ? (query) => readDataFiles(query, parsed) : base.readData,
      readTemplate: template.read,
      compileTemplate: template.compile,
      drawChart: rememberCharts(base.drawChart),
      fontCss: rememberFonts(base.fontCss),
    },
    changed(files) {
      if (files.some((file) => isInside(file, templateDir))) template.forget();
    },
    close: () => template.forget(),
  };
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The template source read once until a template file changes, and the renderer compiled from
 * it kept (the pipeline's close() after each build is not passed on; a renderer replaced is
 * closed once no render of it is under way: the print pass may still be using it). A failed
 * read, compile or render keeps nothing: the next build starts afresh.
 */
function rememberTemplate(
  read: ReadTemplate,
  compile: CompileTemplate,
): { read: ReadTemplate; compile: CompileTemplate; forget(): Promise<void> } {
  interface Compiled {
    source: TemplateSource;
    key: string;
    renderer: Promise<TemplateRenderer>;
    busy: number;
    retired: boolean;
  }
  let source: { key: string; value: Promise<TemplateSource> } | null = null;
  let compiled: Compiled | null = null;
  const closeIfDone = async (entry: Compiled): Promise<void> => {
    if (entry.retired && entry.busy === 0) await (await entry.renderer.catch(() => null))?.close();
  };
  const retire = async (entry: Compiled | null): Promise<void> => {
    if (entry === null || entry.retired) return;
    entry.retired = true;
    if (compiled === entry) compiled = null;
    await closeIfDone(entry);
  };
  return {
    read: (dir, locale, cwd) => {
      const key = JSON.stringify([dir, locale, cwd]);
      if (source === null || source.key !== key) {
        const current = { key, value: read(dir, locale, cwd) };
        source = current;
        current.value.catch(() => {
          if (source === current) source = null;
        });
      }
      return source.value;
    },
    compile: async (templateSource, options) => {
      const key = JSON.stringify([options.locale, options.lang]);
      if (compiled === null || compiled.source !== templateSource || compiled.key !== key) {
        await retire(compiled);
        const current: Compiled = {
          source: templateSource,
          key,
          renderer: compile(templateSource, options),
          busy: 0,
          retired: false,
        };
        compiled = current;
        current.renderer.catch(() => void retire(current));
      }
      const entry = compiled;
      const renderer = await entry.renderer;
      return {
        render: async (view) => {
          entry.busy += 1;
          try {
            return await renderer.render(view);
          } catch (error) {
            // A render that failed (or ran out of time, ending its worker) is not trusted again.
            await retire(entry);
            throw error;
          } finally {
            entry.busy -= 1;
            await closeIfDone(entry);
          }
        },
        close: async () => undefined,
      };
    },
    async forget() {
      source = null;
      await retire(compiled);
    },
  };
}

/** Charts drawn this session, kept in memory: a rebuild after a text edit reads no cache file. */
function rememberCharts(draw: DrawChart): DrawChart {
  const drawn = new Map<string, Promise<Uint8Array>>();
  return (input, size) => {
    const key = JSON.stringify([input, size.widthMm, size.heightMm]);
    let chart = drawn.get(key);
    if (chart === undefined) {
      chart = draw(input, size);
      chart.catch(() => drawn.delete(key));
      drawn.set(key, chart);
      if (drawn.size > 64) drawn.delete(drawn.keys().next().value as string);
    }
    return chart;
  };
}

/**
 * The fonts of the last few pages, kept in memory by the characters they draw (the fonts depend
 * on nothing else): an edit that brings no new character embeds the same fonts at once.
 */
function rememberFonts(fontCss: FontCss): FontCss {
  const made = new Map<string, Promise<string>>();
  return (text) => {
    const key = [...new Set(text)].sort().join('');
    let css = made.get(key);
    if (css === undefined) {
      css = fontCss(text);
      css.catch(() => made.delete(key));
      made.set(key, css);
      if (made.size > 4) made.delete(made.keys().next().value as string);
    }
    return css;
  };
}
