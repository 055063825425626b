/**
 * What `report build 2015` makes of a folder (data/ and template/ in `dir`), from scratch and
 * in memory: the real stages with no warm state, the files kept in a map instead of written.
 * The preview tests compare what a warm preview serves with it.
 */
import { realDeps } from '../../src/cli/build.js';
import { buildReports } from '../../src/pipeline.js';
import type { BuildDeps, OutputFile } from '../../src/ports.js';
import { fakeIo } from './fake-io.js';

export const GENERATOR = 'report test';

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
