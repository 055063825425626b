/**
 * What a user sees when a build cannot finish: the right exit code, a message that says what to
 * do, and nothing lost: the previous report.pdf and report.html stay as they were.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli, tempDir } from './cli.js';

function previousOutputs(dir: string): void {
  mkdirSync(join(dir, 'out/2015'), { recursive: true });
  writeFileSync(join(dir, 'out/2015/report.pdf'), 'previous pdf');
  writeFileSync(join(dir, 'out/2015/report.html'), 'previous html');
}

function expectPreviousOutputsIntact(dir: string): void {
  expect(readFileSync(join(dir, 'out/2015/report.pdf'), 'utf8')).toBe('previous pdf');
  expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toBe('previous html');
  expect(readdirSync(join(dir, 'out/2015')).filter((f) => f.startsWith('.report-tmp-'))).toEqual(
    [],
  );
}

/** The Chromium started by a CLI process (its direct child), once it is running. */
async function waitForChromium(
  parent: number,
  timeoutMs = 20_000,
): Promise<{ pid: number; profile: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const children = spawnSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    for (const child of children) {
      try {
        const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
        const profile = cmdline.find((arg) => arg.startsWith('--user-data-dir='));
        if (profile)
          return { pid: Number(child), profile: profile.slice('--user-data-dir='.length) };
      } catch {
        // the process ended between listing and reading
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Chromium did not start');
}

function processesWith(marker: string): string[] {
  return spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
}

describe('report build when something goes wrong', () => {
  it('without a browser: says how to install one, writes the HTML, keeps the previous PDF, exits 4', async () => {
    const dir = tempDir('minimal');
    previousOutputs(dir);
    const result = await runCli(['build', '2015'], {
      cwd: dir,
      env: { CHROME_PATH: join(dir, 'no-such-chromium') },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('no-such-chromium');
    expect(result.stderr).toMatch(
      /hint: .*(apt-get install -y chromium|@puppeteer\/browsers install)/,
    );
    expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(dir, 'out/2015/report.pdf'), 'utf8')).toBe('previous pdf');
  });

  it('when the PDF cannot be written: exit 5 naming the path, and the HTML is not replaced either', async () => {
    const dir = tempDir('minimal');
    mkdirSync(join(dir, 'out/2015/report.pdf'), { recursive: true });
    writeFileSync(join(dir, 'out/2015/report.html'), 'previous html');
    const result = await runCli(['build', '2015'], { cwd: dir });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('report.pdf');
    expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).toBe('previous html');
  });

  it('with a typo in a copied template: names the template file and line, exit 3, nothing written', async () => {
    const dir = tempDir('minimal');
    cpSync(join(ROOT, 'templates/default'), join(dir, 'my-template'), { recursive: true });
    const main = join(dir, 'my-template/report.hbs');
    const source = readFileSync(main, 'utf8');
    writeFileSync(main, source.replace('{{> key-figures}}', '{{> key-figurs}}'));
    const line = source.split('\n').findIndex((l) => l.includes('{{> key-figures}}')) + 1;
    const result = await runCli(
      ['build', '2015', '--template', 'my-template', '--format', 'html'],
      { cwd: dir },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `my-template/report.hbs:${line}:1  unknown partial "key-figurs"`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('with invalid data: every problem with file:line:col, exit 1, nothing written', async () => {
    const dir = tempDir('minimal');
    const income = join(dir, 'data/2015/income.yaml');
    writeFileSync(income, readFileSync(income, 'utf8').replace('amount: 445000', 'amount: 445千'));
    const result = await runCli(['build', '2015'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\/2015\/income\.yaml:\d+:\d+/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a print over its --timeout: exit 4 naming the year and how to allow more time, previous outputs kept', async () => {
    const dir = tempDir('minimal');
    previousOutputs(dir);
    const result = await runCli(['build', '2015', '--timeout', '0.05'], { cwd: dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      'error[BROWSER_FAILED]: 2015: Printing did not finish within 0.05 s.',
    );
    expect(result.stderr).toContain('--timeout SECONDS');
    expectPreviousOutputsIntact(dir);
  });

  it('rejects a bad year or format as a usage error (exit 2)', async () => {
    const dir = tempDir('minimal');
    expect((await runCli(['build', '15'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['build', '2015', '--format', 'docx'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['build'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['build', '2015', '--timeout', 'soon'], { cwd: dir })).code).toBe(2);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s during a build stops Chromium, keeps the previous outputs and exits %i',
    async (signal, code) => {
      const dir = tempDir('minimal');
      previousOutputs(dir);
      const { child, done } = startCli(['build', '2015'], { cwd: dir });
      const chromium = await waitForChromium(child.pid as number);
      child.kill(signal);
      const result = await done;
      expect(result.code).toBe(code);
      await new Promise((r) => setTimeout(r, 300));
      expect(processesWith(chromium.profile)).toEqual([]);
      expect(existsSync(chromium.profile)).toBe(false);
      expectPreviousOutputsIntact(dir);
    },
  );
});
