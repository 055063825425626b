/**
 * The PDF `report preview --pdf` serves after a save has the bytes `report build` writes for the
 * same files, although preview prints the page it has just built and served (the data is read,
 * checked and rendered once per save, not again for the print) on a browser page kept from
 * print to print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printerOpener, realDeps } from '../../src/cli/build.js';
import type { BuildDeps } from '../../src/ports.js';
import { createSession, type Session } from '../../src/preview/session.js';
import { fakeIo } from '../support/fake-io.js';
import { freshBuildFiles, previewFolder, previewOptions } from '../support/fresh-build.js';

const CHROMIUM = '/usr/bin/chromium';
const SOURCE_DATE = new Date(1451606400 * 1000);

let open: Session | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** The PDF `report build 2015` writes for the folder's files, from scratch (a fresh browser). */
async function builtPdf(dir: string): Promise<Buffer> {
  const files = await freshBuildFiles(dir, { chromium: CHROMIUM, sourceDate: SOURCE_DATE });
  const pdf = files.get('out/2015/report.pdf');
  if (pdf === undefined || typeof pdf === 'string') throw new Error('no PDF built');
  return Buffer.from(pdf);
}

describe('the PDF preview serves after a save', () => {
  it('has the bytes of a build of the same files, and the save was read and rendered once', async () => {
    const dir = previewFolder('report-preview-pdf-');
    const { io } = fakeIo(dir);
    const real = await realDeps(io, CHROMIUM, true);
    let reads = 0;
    let renders = 0;
    const deps: BuildDeps = {
      ...real,
      openPrinter: await printerOpener(io, CHROMIUM, 60_000, { keepPage: true }),
      readData: (query) => {
        reads += 1;
        return real.readData(query);
      },
      compileTemplate: async (...args) => {
        const renderer = await real.compileTemplate(...args);
        return {
          render: (view) => {
            renders += 1;
            return renderer.render(view);
          },
          close: () => renderer.close(),
        };
      },
    };
    const problems: string[] = [];
    const session = createSession(
      previewOptions(dir, { pdf: true, sourceDate: SOURCE_DATE }),
      deps,
      { info: () => undefined, problem: (t) => problems.push(t), changed: () => undefined },
    );
    open = session;
    const servedPdf = () => {
      const served = session.file('/report.pdf');
      expect(served?.type).toBe('application/pdf');
      return Buffer.from(served?.body ?? '');
    };

    await session.rebuild([]);
    await session.idle();
    expect(problems).toEqual([]);
    const first = servedPdf();
    expect(first.equals(await builtPdf(dir))).toBe(true);

    const narrative = join(dir, 'data/2015/narrative.yaml');
    writeFileSync(
      narrative,
      readFileSync(narrative, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (draft 2)'),
    );
    reads = 0;
    renders = 0;
    await session.rebuild(['data/2015/narrative.yaml']);
    await session.idle();
    expect(problems).toEqual([]);
    // One save, one build: the PDF is printed from the page preview serves.
    expect({ reads, renders }).toEqual({ reads: 1, renders: 1 });
    const pdf = servedPdf();
    expect(pdf.equals(first)).toBe(false);
    expect(pdf.equals(await builtPdf(dir))).toBe(true);
  });
});
