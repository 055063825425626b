#!/usr/bin/env node
// Runs the whole test suite and ends with a plain "N passed, N failed" line taken from vitest's
// JSON report, so a run that executed no test is visible as "0 passed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countResults } from './count-results.mjs';

const dir = mkdtempSync(join(tmpdir(), 'report-test-'));
const json = join(dir, 'results.json');
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${json}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
try {
  ({ passed, failed } = countResults(JSON.parse(readFileSync(json, 'utf8'))));
} catch {
  failed += 1; // no report: the run itself failed
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = run.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
