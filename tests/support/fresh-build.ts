/**
 * The preview tests' folder (the English fixture's data/ and a copy of the built-in template/),
 * the options of a preview session on it, and what `report build 2015` makes of it from scratch
 * and in memory (the real stages with no warm state, the files kept in a map instead of
 * written), which they compare what a warm preview serves with.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realDeps } from '../../src/cli/build.js';
import { buildReports } from '../../src/pipeline.js';
import type { BuildDeps, OutputFile } from '../../src/ports.js';
import type { SessionOptions } from '../../src/preview/session.js';
import { fakeIo } from './fake-io.js';

export const GENERATOR = 'report test';
const ROOT = join(import.meta.dirname, '../..');

/** A new folder holding data/ (tests/fixtures/data/english) and template/ (templates/default). */
export function previewFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'tests/fixtures/data/english'), join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'templates/default'), join(dir, 'template'), { recursive: true });
  return dir;
}

/** A preview of 2015 on such a folder: messages in English, no PDF, no fixed date by default. */
export function previewOptions(dir: string, more: Partial<SessionOptions> = {}): SessionOptions {
  return {
    year: 2015,
    dataDir: join(dir, 'data'),
    templateDir: join(dir, 'template'),
    cwd: dir,
    messageLang: 'en',
    pdf: false,
    sourceDate: null,
    generator: GENERATOR,
    ...more,
  };
}

export async function freshBuildFiles(
  dir: string,
  { chromium, sourceDate = null }: { chromium?: string; sourceDate?: Date | null } = {},
): Promise<Map<string, OutputFile['data']>> {
  const files = new Map<string, OutputFile['data']>();
  const pdf = chromium !== undefined;
  const deps: BuildDeps = {
    ...(await realDeps(fakeIo(dir).io, chromium, pdf)),
    beginWrite: () => ({
      stage: async (staged) => staged.forEach((f) => files.set(f.path, f.data)),
      commit: async () => undefined,
      discard: async () => undefined,
    }),
  };
  // No page numbers from an earlier build: the contents page is found from scratch.
  if (pdf) deps.readPageHint = async () => null;
  await buildReports(
    {
      years: [2015],
      dataDir: 'data',
      outDir: 'out',
      templateDir: 'template',
      formats: new Set(pdf ? ['html', 'pdf'] : ['html']),
      cwd: dir,
      sourceDate,
      generator: GENERATOR,
    },
    deps,
  );
  return files;
}
