/** Builds a year's HTML in process with the real infrastructure and no browser. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realDeps } from '../../src/cli/build.js';
import { buildReports } from '../../src/pipeline.js';
import { memoryWrite } from '../support/memory-write.js';

const TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

/** The report.html of `year` for the data in `dir`/data, and the text given to the fonts. */
export async function buildHtml(
  dir: string,
  year = 2015,
): Promise<{ html: string; fontText: string }> {
  const written = new Map<string, Uint8Array | string>();
  let fontText = '';
  const io = { stdout() {}, stderr() {}, cwd: dir, env: {}, isTTY: false };
  const deps = await realDeps(io, undefined, false);
  await buildReports(
    {
      years: [year],
      dataDir: join(dir, 'data'),
      outDir: join(dir, 'out'),
      templateDir: TEMPLATE,
      formats: new Set(['html']),
      cwd: dir,
      sourceDate: new Date('2015-12-13T00:00:00Z'),
      generator: 'report test',
    },
    {
      ...deps,
      fontCss: (text) => {
        fontText = text;
        return deps.fontCss(text);
      },
      beginWrite: memoryWrite((file) => written.set(file.path, file.data)),
    },
  );
  return { html: written.get(join(dir, `out/${year}/report.html`)) as string, fontText };
}
