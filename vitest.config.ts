import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Guards against a hang, not limits: a build with Chromium on a busy two-core machine can
    // take most of a minute.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two test files at a time even on two cores (vitest's default there is one): a file that
    // prints spends most of its time waiting for Chromium and other child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
