/** The pass/fail line of `npm test` (scripts/test.mjs) from vitest 4's JSON report. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { countResults } from '../../scripts/count-results.mjs';

const count = countResults as (results: unknown) => { passed: number; failed: number };

/** A vitest JSON report of the given files, made by running vitest on them. */
function report(files: Record<string, string>): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'report-count-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  writeFileSync(join(dir, 'vitest.config.mjs'), 'export default {};\n');
  const json = join(dir, 'results.json');
  spawnSync(
    process.execPath,
    [
      join(import.meta.dirname, '../../node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      dir,
      '--reporter=json',
      `--outputFile.json=${json}`,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  return JSON.parse(readFileSync(json, 'utf8'));
}

describe('countResults', () => {
  it('counts each failed test once, however deep its describe blocks, and a file that did not load as one', () => {
    const results = report({
      'nested.test.mjs':
        "import { describe, expect, it } from 'vitest';\n" +
        "describe('a', () => { describe('b', () => {\n" +
        "  it('fails', () => expect(1).toBe(2));\n" +
        "  it('passes', () => expect(1).toBe(1));\n" +
        '}); });\n',
      'other.test.mjs':
        "import { expect, it } from 'vitest';\n" +
        "it('fails too', () => expect(1).toBe(2));\n" +
        "it('passes too', () => expect(1).toBe(1));\n",
      'broken.test.mjs': "import { it } from 'vitest';\nthrow new Error('does not load');\n",
      'ok.test.mjs':
        "import { expect, it } from 'vitest';\nit('passes', () => expect(1).toBe(1));\n",
    });
    expect(count(results)).toEqual({ passed: 3, failed: 3 });
  });

  it('is 0 failed for a clean run', () => {
    const clean = {
      numPassedTests: 1,
      numFailedTests: 0,
      numFailedTestSuites: 0,
      testResults: [{ status: 'passed', assertionResults: [{ status: 'passed' }] }],
    };
    expect(count(clean)).toEqual({ passed: 1, failed: 0 });
  });
});
