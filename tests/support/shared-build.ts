/**
 * One build of a report shared by every test file that only reads it (the example's PDF is read
 * by example-report, typography, pdf-structure and page-flow; the second example's by
 * second-example and page-flow): the first file to ask builds it
 * with the real CLI, the others wait for that build instead of printing the same PDF again.
 * Worker processes share it through a folder that tests/support/global-setup.ts makes for the
 * run (removed at its end); the folder's `<name>.lock` is taken with an atomic mkdir.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ROOT, runCli, type CliResult } from '../e2e/cli.js';

export const EPOCH = '1451520000'; // 2015-12-31T00:00:00Z
/** The second example reports on 2024. */
export const QINGHE_EPOCH = '1735689600'; // 2025-01-01T00:00:00Z

export interface SharedBuild extends CliResult {
  /** The output folder: <out>/<year>/report.pdf and report.html (2015; 2024 for qinghe). */
  out: string;
}

const BUILDS = {
  /** The example organisation (data/), 2015, as `report build 2015` writes it. */
  example: ['build', '2015', '--data', join(ROOT, 'data'), '--quiet'],
  /** The English example (tests/fixtures/data/english). */
  english: ['build', '2015', '--data', join(ROOT, 'tests/fixtures/data/english'), '--quiet'],
  /** The second example (examples/qinghe, every optional part), 2024. */
  qinghe: ['build', '2024', '--data', join(ROOT, 'examples/qinghe/data'), '--quiet'],
} as const;

export type SharedBuildName = keyof typeof BUILDS;

function sharedDir(): string {
  // Outside vitest's global setup (a single file run by hand with another config): its own folder.
  const dir = inject('sharedBuilds');
  if (typeof dir === 'string' && dir !== '') return dir;
  return mkdtempSync(join(tmpdir(), 'report-shared-'));
}

const pause = () => new Promise((r) => setTimeout(r, 100));

/** The shared build `name`; built by whichever test file asks first. */
export async function sharedBuild(name: SharedBuildName): Promise<SharedBuild> {
  const dir = sharedDir();
  const result = join(dir, `${name}.json`);
  const out = join(dir, name);
  try {
    mkdirSync(join(dir, `${name}.lock`));
  } catch {
    // Another file builds it: wait for its result (the test's own timeout bounds the wait).
    while (!existsSync(result)) await pause();
    return { ...(JSON.parse(readFileSync(result, 'utf8')) as CliResult), out };
  }
  const built = await runCli([...BUILDS[name], '--out', out], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: name === 'qinghe' ? QINGHE_EPOCH : EPOCH },
  });
  writeFileSync(`${result}.tmp`, JSON.stringify(built));
  renameSync(`${result}.tmp`, result);
  return { ...built, out };
}
