/**
 * Imports flow one way: cli → pipeline → stages → schema / problems. The pipeline declares its
 * ports and never imports an adapter; the pure stages never touch the file system, the browser,
 * the canvas or the command line; no two folders import each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  /** A src-relative path (`render/format.ts`) or a package name. */
  target: string;
  /** `import type …`: no code is loaded. */
  typeOnly: boolean;
}

/** Every module a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...[...text.matchAll(/^\s*(import|export)(\s+type)?\b[^'";]*?\bfrom\s*'([^']+)'/gm)].map(
      (m) => ({ specifier: m[3] as string, typeOnly: m[2] !== undefined }),
    ),
    ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => ({
      specifier: m[1] as string,
      typeOnly: false,
    })),
  ];
  return found.map(({ specifier, typeOnly }) => ({
    target: specifier.startsWith('.')
      ? relative(SRC, resolve(dirname(file), specifier))
          .replace(/\.js$/, '.ts')
          .split('\\')
          .join('/')
      : specifier,
    typeOnly,
  }));
}

/** `render/view/tables.ts` → `render`; `pipeline.ts` → `pipeline.ts`; `pipeline/x.ts` → `pipeline`. */
const folderOf = (path: string) => path.split('/')[0] as string;

const graph = sourceFiles(SRC).map((file) => {
  const path = relative(SRC, file).split('\\').join('/');
  return { path, folder: folderOf(path), imports: importsOf(file) };
});

const importers = (folders: string[]) =>
  graph.filter((f) => folders.includes(f.folder) || folders.includes(f.path));

describe('import direction', () => {
  it('finds the source files and their imports', () => {
    const pipeline = graph.find((f) => f.path === 'pipeline.ts');
    expect(pipeline?.imports.map((i) => i.target)).toContain('ports.ts');
  });

  it('the pipeline imports nothing from src/infra or src/cli', () => {
    const bad = importers(['pipeline.ts', 'pipeline', 'ports.ts']).flatMap((f) =>
      f.imports
        .filter((i) => /^(infra|cli)\//.test(i.target))
        .map((i) => `${f.path} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it('adapters in src/infra take the port types from src/ports.ts, never from the pipeline', () => {
    const bad = importers(['infra']).flatMap((f) =>
      f.imports
        .filter((i) => i.target === 'pipeline.ts' || i.target.startsWith('pipeline/'))
        .map((i) => `${f.path} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it('the pure stages never load infra, cli, the file system, puppeteer, commander or the canvas', () => {
    // Types are no code: validate reads the loader's output types (DataFiles, LoadedFile).
    const forbidden =
      /^(infra\/|cli\/|load\/read-files|pipeline|ports\.ts|node:fs|fs$|fs\/|puppeteer|commander|@napi-rs\/canvas|node:child_process)/;
    const bad = importers(['render', 'stats', 'validate', 'schema', 'problems']).flatMap((f) =>
      f.imports
        .filter((i) => forbidden.test(i.target) && !i.typeOnly)
        .map((i) => `${f.path} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it('no two folders import each other (load and validate included)', () => {
    const edges = new Set<string>();
    for (const f of graph)
      for (const { target } of f.imports)
        if (target.endsWith('.ts')) {
          const to = folderOf(target);
          if (to !== f.folder) edges.add(`${f.folder} → ${to}`);
        }
    const cycles = [...edges].filter((edge) => {
      const [from, to] = edge.split(' → ');
      return edges.has(`${to} → ${from}`);
    });
    expect(cycles).toEqual([]);
  });
});
