import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ReportError, reportError } from '../errors.js';
import { parseLayout } from '../render/layout.js';
import type { TemplateFile, TemplateSource } from '../render/template-source.js';

/** Template files larger than this are refused: a template is a page of markup, not data. */
const MAX_TEMPLATE_BYTES = 1_000_000;

/**
 * Reads a template folder: report.hbs, partials/*.hbs, styles/*.css, locales/<locale>.json and
 * layout.json. A relative `dir` is taken from `cwd`, and files are named relative to it.
 */
export async function readTemplate(
  folder: string,
  locale: string,
  cwd: string,
): Promise<TemplateSource> {
  const dir = resolve(cwd, folder);
  const shown = (path: string) => relative(cwd, path) || path;
  const read = async (path: string): Promise<TemplateFile> => {
    try {
      const info = await stat(path);
      if (info.size > MAX_TEMPLATE_BYTES) {
        throw reportError('templateFileTooLarge', { file: shown(path), bytes: info.size });
      }
      return { file: shown(path), source: await readFile(path, 'utf8') };
    } catch (error) {
      if (error instanceof ReportError) throw error;
      throw reportError(
        'templateFileUnreadable',
        { file: shown(path), reason: (error as NodeJS.ErrnoException).code ?? String(error) },
        { cause: error },
      );
    }
  };
  const list = async (sub: string, ext: string): Promise<string[]> => {
    try {
      return (await readdir(join(dir, sub))).filter((name) => name.endsWith(ext)).sort();
    } catch {
      return [];
    }
  };

  const main = await read(join(dir, 'report.hbs'));
  const partials = new Map<string, TemplateFile>();
  for (const name of await list('partials', '.hbs')) {
    partials.set(name.slice(0, -'.hbs'.length), await read(join(dir, 'partials', name)));
  }
  const styles = await Promise.all(
    (await list('styles', '.css')).map((name) => read(join(dir, 'styles', name))),
  );
  const stringsFile = await read(join(dir, 'locales', `${locale}.json`));
  const strings = parseJson(stringsFile, 'the locale strings file');
  if (typeof strings !== 'object' || strings === null || Array.isArray(strings)) {
    throw reportError('templateStringsNotObject', { file: stringsFile.file });
  }
  const layoutFile = await read(join(dir, 'layout.json'));
  const layout = parseLayout(parseJson(layoutFile, 'layout.json'), layoutFile.file);
  return {
    main,
    partials,
    styles,
    strings: strings as Record<string, unknown>,
    stringsFile: stringsFile.file,
    layout,
  };
}

function parseJson(file: TemplateFile, what: string): unknown {
  try {
    return JSON.parse(file.source);
  } catch (error) {
    throw reportError('templateJsonInvalid', {
      file: file.file,
      detail: (error as Error).message,
      what,
    });
  }
}
