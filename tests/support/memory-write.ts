import type { BuildDeps } from '../../src/pipeline.js';

type Staged = Parameters<ReturnType<BuildDeps['beginWrite']>['stage']>[0][number];

/** The pipeline's write port in memory: every staged file is handed to `onFile`. */
export function memoryWrite(onFile: (file: Staged) => void): BuildDeps['beginWrite'] {
  return () => ({
    stage: async (files) => {
      for (const file of files) onFile(file);
    },
    commit: async () => {},
    discard: async () => {},
  });
}
