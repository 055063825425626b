/** The run's folder for tests/support/shared-build.ts, removed when the run ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedBuilds: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'report-shared-'));
  project.provide('sharedBuilds', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
