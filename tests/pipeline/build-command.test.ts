/**
 * `report build` in process (src/cli/main.ts with a fake Io): flags refused before anything is
 * read, the summary a user reads after an HTML build (which needs no browser), and the
 * organisation's language for messages.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FIXTURES } from './fakes.js';
import { fakeIo } from '../support/fake-io.js';

describe('report build flags', () => {
  it.each([
    [['build', '15'], '"15" is not a year'],
    [['build', '2015', '--format', 'docx'], 'unknown format "docx"'],
    [['build'], 'which year?'],
    [['build', '2015', '--all'], 'give a year or --all, not both'],
    [['build', '2015', '--timeout', 'soon'], '--timeout "soon" is not a number of seconds'],
  ])('%j is a usage error (exit 2): %s', async (args, message) => {
    // An empty folder: a usage error is reported before any data is looked for.
    const run = fakeIo(mkdtempSync(join(tmpdir(), 'report-build-')));
    expect(await main(['node', 'report', ...args], run.io)).toBe(2);
    expect(run.stderr()).toContain(`error[USAGE]: ${message}`);
    expect(run.stdout()).toBe('');
  });
});

describe('report build --all --format html', () => {
  it('names each report written, the years without a narrative, and the count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-build-'));
    cpSync(join(FIXTURES, 'minimal'), join(dir, 'data'), { recursive: true });
    const run = fakeIo(dir);
    // (--out is given in full: output paths are taken from the process's folder, not io.cwd.)
    const out = join(dir, 'out');
    const args = ['build', '--all', '--format', 'html', '--out', out, '--lang', 'en', '--quiet'];
    expect(await main(['node', 'report', ...args], run.io)).toBe(0);
    expect(run.stderr()).toBe('');
    expect(run.stdout().split('\n')).toEqual([
      `2015: ${out}/2015/report.html`,
      'not built (no narrative.yaml): 2014',
      expect.stringMatching(/^built 1 report in \d+\.\d s$/),
      '',
    ]);
    expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('an organisation whose locale is en', () => {
  it('validates with English messages, without --lang', async () => {
    const run = fakeIo(FIXTURES);
    expect(await main(['node', 'report', 'validate', '--data', 'english'], run.io)).toBe(0);
    expect(run.stdout()).toBe('data valid: 2 years, 2 projects\n');
  });
});
