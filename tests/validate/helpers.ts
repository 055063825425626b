/**
 * Test data sets: a copy of tests/fixtures/data/minimal in a temp folder with some files
 * replaced, so each test shows only the lines it breaks.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDataset } from '../../src/read-dataset.js';
import type { Locale } from '../../src/schema/files.js';

export const MINIMAL = fileURLToPath(new URL('../fixtures/data/minimal', import.meta.url));

const made: string[] = [];

/** A temp folder `<cwd>/data` holding the minimal data set with `files` replaced (null: removed). */
export async function makeData(
  files: Record<string, string | Uint8Array | null> = {},
): Promise<{ cwd: string; dataDir: string }> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'report-validate-'));
  made.push(cwd);
  const data = path.join(cwd, 'data');
  await cp(MINIMAL, data, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(data, name);
    if (content === null) await rm(target, { force: true });
    else await writeFile(target, content);
  }
  return { cwd, dataDir: 'data' };
}

export async function removeMadeData(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Validates the minimal data set with `files` replaced; returns the problems. */
export async function problemsWith(
  files: Record<string, string | Uint8Array | null>,
  lang: Locale = 'en',
) {
  const { cwd, dataDir } = await makeData(files);
  const result = await checkDataset({ cwd, dataDir, lang });
  return result.problems;
}

/** The problems in a compact form that reads like the CLI output: `file:line:col path  message`. */
export async function linesWith(
  files: Record<string, string | Uint8Array | null>,
  lang: Locale = 'en',
): Promise<string[]> {
  return (await problemsWith(files, lang)).map(
    (p) => `${p.file}:${p.line}:${p.col} ${p.path}  ${p.message}`,
  );
}
