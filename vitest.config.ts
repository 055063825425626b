import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest, started first so that no long file is left to run alone at the
 * end: longest first is what keeps the whole run short. Then the other files that keep a process
 * of their own (the readers of the shared builds), so that the shared workers, once on the rest,
 * run to the end without a restart. Every other file keeps vitest's own order after these.
 */
// Seconds of each file in one run of the whole suite (284 s, at a load of 4–15 on this two-core
// machine); the shared builds count in page-flow, which starts them.
const SLOW_FIRST = [
  'tests/package/pack-install.test.ts', // 112 s: npm pack, install, a PDF build, Node 22 and 24
  'tests/e2e/page-flow.test.ts', // 88 s: two PDF builds and the three shared ones
  'tests/e2e/browser-url.test.ts', // 54 s: about 14 prints through a loopback browser and locally
  'tests/infra/chromium-printer.test.ts', // 42 s
  'tests/e2e/doctor-and-layout.test.ts', // 34 s
  'tests/robustness/fuzz.test.ts', // 31 s
  'tests/infra/interrupt.test.ts', // 27 s
  'tests/robustness/write-phase.test.ts', // 25 s
  'tests/robustness/printer.test.ts', // 25 s
  'tests/preview/same-pdf-as-build.test.ts', // 23 s
  'tests/e2e/preview.test.ts', // 22 s
  'tests/e2e/build-lockdown.test.ts', // 22 s
  'tests/robustness/determinism.test.ts', // 21 s: waits for the shared build of the example
  'tests/robustness/fonts.test.ts', // 20 s
  'tests/e2e/screen-edition.test.ts', // 20 s
  'tests/e2e/init.test.ts', // 20 s
  'tests/robustness/narrative.test.ts', // 19 s
  'tests/robustness/long-text.test.ts', // 17 s
  'tests/robustness/process.test.ts', // 16 s
  'tests/infra/kept-page.test.ts', // 16 s
  'tests/infra/ensure-browser.test.ts', // 15 s
  'tests/e2e/photos.test.ts', // 14 s
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      if (i !== -1) return i;
      return f.project.name === 'shared-worker' ? SLOW_FIRST.length + 1 : SLOW_FIRST.length;
    };
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

/**
 * Test files that leave nothing behind when they end: no process or browser still running, no
 * signal handler, no change to process.env or the working directory, no module mock, no shared
 * build (tests/support/shared-build.ts). They share their workers (`isolate: false`): each worker
 * imports vitest and the modules under test once for all of them, instead of a fresh process per
 * file, which cost up to 1 s of CPU per file. (They also pass with their order shuffled.) The
 * files of the shared builds, the interrupt handlers' test and the package test keep a process
 * each.
 */
const SHARED_WORKER = [
  'tests/architecture/**/*.test.ts',
  'tests/cli/**/*.test.ts',
  'tests/e2e/browser-url.test.ts',
  'tests/e2e/build-failures.test.ts',
  'tests/e2e/build-lockdown.test.ts',
  'tests/e2e/doctor-and-layout.test.ts',
  'tests/e2e/init.test.ts',
  'tests/e2e/photos.test.ts',
  'tests/e2e/preview.test.ts',
  'tests/e2e/screen-edition.test.ts',
  'tests/pipeline/**/*.test.ts',
  'tests/preview/**/*.test.ts',
  'tests/render/**/*.test.ts',
  'tests/schema/**/*.test.ts',
  'tests/scripts/**/*.test.ts',
  'tests/stats/**/*.test.ts',
  'tests/validate/**/*.test.ts',
  'tests/infra/browser-sandbox.test.ts',
  'tests/infra/chromium-printer.test.ts',
  'tests/infra/draw-charts.test.ts',
  'tests/infra/ensure-browser.test.ts',
  'tests/infra/find-browser.test.ts',
  'tests/infra/fonts.test.ts',
  'tests/infra/kept-page.test.ts',
  'tests/infra/pdf-postprocess.test.ts',
  'tests/infra/printer-memory.test.ts',
  'tests/infra/write-atomic.test.ts',
  'tests/infra/write-atomic-races.test.ts',
  'tests/robustness/data.test.ts',
  'tests/robustness/fixed-bugs.test.ts',
  'tests/robustness/fonts.test.ts',
  'tests/robustness/fuzz.test.ts',
  'tests/robustness/long-text.test.ts',
  'tests/robustness/markup.test.ts',
  'tests/robustness/narrative.test.ts',
  'tests/robustness/output.test.ts',
  'tests/robustness/paths-args.test.ts',
  'tests/robustness/printer.test.ts',
  'tests/robustness/process.test.ts',
  'tests/robustness/templates.test.ts',
  'tests/robustness/write-phase.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'shared-worker', include: SHARED_WORKER, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'own-worker',
          include: ['tests/**/*.test.ts'],
          exclude: SHARED_WORKER,
          // The folder of the builds several files share (tests/support/shared-build.ts).
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
    // Guards against a hang, not limits: a build with Chromium on a busy two-core machine can
    // take most of a minute.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Three test files at a time even on two cores (vitest's default there is one): a file that
    // prints spends much of its time waiting for Chromium and other child processes.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    sequence: { sequencer: SlowFirst },
  },
});
