/**
 * `--browser-url` (issue 16): printing through a running browser, here a Chromium on loopback
 * standing in for a pool. Three organisations, one invalid: two are built, their PDFs the same
 * bytes as a local print's, the third is reported by file:line:col, exit 1. Three pages in
 * flight print the bytes of a print alone. A connection cut mid-print (a loopback proxy) or a
 * page closed under its print is retried once; cut again, that report alone fails and nothing of
 * it is written. An endpoint that is gone fails each report after one retry, and writes nothing.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FIXTURES } from '../pipeline/fakes.js';
import { fakeIo } from '../support/fake-io.js';
import { startCuttingProxy } from '../support/cutting-proxy.js';
import {
  CHROMIUM,
  startLoopbackChromium,
  type LoopbackChromium,
} from '../support/loopback-chromium.js';

const ENV = { SOURCE_DATE_EPOCH: '1450000000', TZ: 'UTC' };

function hub(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-remote-'));
  cpSync(join(FIXTURES, 'minimal'), join(dir, 'orgs/alpha'), { recursive: true });
  cpSync(join(FIXTURES, 'english'), join(dir, 'orgs/bravo'), { recursive: true });
  cpSync(join(FIXTURES, 'equal-shares-and-a-gap-year'), join(dir, 'orgs/charlie'), {
    recursive: true,
  });
  appendFileSync(join(dir, 'orgs/bravo/organization.yaml'), 'founded_by: nobody\n');
  return dir;
}

/** Organisations with the same data under other names: the same report, printed at once. */
function copies(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-remote-'));
  for (const name of names) {
    cpSync(join(FIXTURES, 'minimal'), join(dir, 'orgs', name), { recursive: true });
  }
  return dir;
}

async function build(dir: string, out: string, extra: string[]) {
  const run = fakeIo(dir);
  run.io.env = { ...ENV };
  const args = ['build', '--all', '--format', 'pdf', '--data', 'orgs/*', '--out', out, ...extra];
  const code = await main(['node', 'report', ...args], run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('report build --browser-url', () => {
  let chromium: LoopbackChromium;
  // The hub printed by a local browser one report at a time: the reference for every test.
  let hubDir: string;
  let local: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    chromium = await startLoopbackChromium();
    hubDir = hub();
    local = await build(hubDir, join(hubDir, 'local'), ['--chrome', CHROMIUM, '--jobs', '1']);
  });
  /** A report of the hub as the local browser printed it alone. */
  const printedAlone = (report: string) =>
    readFileSync(join(hubDir, 'local', report, 'report.pdf'));
  afterAll(async () => {
    await chromium.stop();
  });

  it('builds two organisations through the endpoint, byte-identical to local prints, and reports the invalid one (exit 1)', async () => {
    const dir = hubDir;
    const remote = await build(dir, join(dir, 'remote'), [
      '--browser-url',
      chromium.url,
      '--jobs',
      '1',
    ]);
    expect(remote.stderr).toMatch(/^error\[DATA_INVALID\] bravo \(2015\): /);
    expect(remote.stderr).toMatch(/orgs\/bravo\/organization\.yaml:\d+:\d+/);
    expect(remote.code).toBe(1);
    expect(remote.stdout).toMatch(/built 2, skipped 3, failed 1/);

    // (Pages in flight do not change the bytes: see 'three pages in flight' below.)
    expect(local.code).toBe(1);
    for (const report of ['alpha/2015', 'charlie/2021']) {
      const printed = readFileSync(join(dir, 'remote', report, 'report.pdf'));
      expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
      expect(printed.equals(printedAlone(report))).toBe(true);
    }
    expect(existsSync(join(dir, 'remote/bravo'))).toBe(false);
  });

  describe('three pages in flight', () => {
    // Three organisations with the data of the hub's alpha: the same report, printed three at
    // once. The reference is alpha's report printed alone (the folder's name is not in the PDF).
    const names = ['one', 'two', 'three'];
    let dir: string;
    let alone: Buffer;
    beforeAll(() => {
      dir = copies(names);
      alone = printedAlone('alpha/2015');
    });

    it.each([
      ['by a local browser', ['--chrome', CHROMIUM]],
      ['through the endpoint', ['--browser-url', 'ENDPOINT']],
    ])('prints the bytes of a print alone %s', async (_, how) => {
      const out = join(dir, how[0] === '--chrome' ? 'local-3' : 'remote-3');
      const extra = how.map((a) => (a === 'ENDPOINT' ? chromium.url : a));
      const result = await build(dir, out, [...extra, '--jobs', '3']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const differ = names.filter(
        (name) => !readFileSync(join(out, name, '2015/report.pdf')).equals(alone),
      );
      expect(differ).toEqual([]);
    });
  });

  it('prints a report again on a new connection when the connection drops mid-print', async () => {
    const proxy = await startCuttingProxy(chromium.url, 1);
    try {
      const dir = copies(['alpha']);
      const result = await build(dir, join(dir, 'out'), [
        '--browser-url',
        proxy.url,
        '--jobs',
        '1',
      ]);
      expect(proxy.cut()).toBe(1);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      // The whole report, as a print that was never cut makes it.
      expect(
        readFileSync(join(dir, 'out/alpha/2015/report.pdf')).equals(printedAlone('alpha/2015')),
      ).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('fails only the report whose connection drops twice, and writes nothing of it (exit 1)', async () => {
    // One page at a time: alpha is printed first, and both its tries are cut.
    const proxy = await startCuttingProxy(chromium.url, 2);
    try {
      const dir = copies(['alpha', 'charlie']);
      const out = join(dir, 'out');
      const result = await build(dir, out, ['--browser-url', proxy.url, '--jobs', '1']);
      expect(proxy.cut()).toBe(2);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^error\[BROWSER_FAILED\] alpha \(2015\): 2015: printing through ws:\/\/127\.0\.0\.1:\d+\/\S+ failed \(tried twice\)/,
      );
      expect(result.stderr).not.toMatch(/charlie/);
      expect(result.stdout).toMatch(/built 1, skipped \d+, failed 1/);
      expect(readFileSync(join(out, 'charlie/2015/report.pdf')).subarray(0, 5).toString()).toBe(
        '%PDF-',
      );
      expect(readdirSync(out)).toEqual(['charlie']);
    } finally {
      await proxy.close();
    }
  });

  it('prints a report again when its page is closed under it (a crashed page), once', async () => {
    // A second client of the same browser closes the first page the printer opens.
    const saboteur = await puppeteer.connect({ browserWSEndpoint: chromium.url });
    let closed = 0;
    saboteur.on('targetcreated', (target: Target) => {
      if (target.type() !== 'page' || closed > 0) return;
      closed++;
      void target.page().then((page) => page?.close());
    });
    try {
      const dir = hub();
      const run = fakeIo(dir);
      run.io.env = { ...ENV };
      const out = join(dir, 'out');
      const args = ['build', '--all', '--format', 'pdf', '--data', 'orgs/alpha', '--out', out];
      const code = await main(['node', 'report', ...args, '--browser-url', chromium.url], run.io);
      expect(run.stderr()).toBe('');
      expect(code).toBe(0);
      expect(closed).toBe(1);
      expect(readFileSync(join(out, '2015/report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await saboteur.disconnect();
    }
  });
});

describe('an endpoint that is gone', () => {
  let gone: LoopbackChromium;
  beforeAll(async () => {
    gone = await startLoopbackChromium();
    await gone.stop();
  });

  it('fails each report with BROWSER_FAILED after one retry, and writes no file', async () => {
    const dir = hub();
    const result = await build(dir, join(dir, 'out'), ['--browser-url', gone.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error\[BROWSER_FAILED\] alpha \(2015\): 2015: printing through ws:\/\/127\.0\.0\.1:\d+\/\S+ failed \(tried twice\)/,
    );
    expect(result.stderr).toMatch(/error\[BROWSER_FAILED\] charlie \(2021\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    // The same in Chinese, on a Chinese system.
    const run = fakeIo(dir);
    run.io.env = { ...ENV, LANG: 'zh_CN.UTF-8' };
    const args = ['build', '--all', '--format', 'pdf', '--data', 'orgs/*', '--out', 'out'];
    expect(await main(['node', 'report', ...args, '--browser-url', gone.url], run.io)).toBe(1);
    expect(run.stderr()).toMatch(
      /^错误\[BROWSER_FAILED\] alpha（2015）：.*通过 ws:\/\/127\.0\.0\.1:\d+\/\S+ 打印失败（已重试一次）：.*；未写入 PDF\n {2}提示：检查该地址的浏览器/,
    );
    expect(run.stdout()).toMatch(/已生成 0 份，跳过 3 份，失败 3 份（涉及 3 个机构）/);
  });

  // Through the gone endpoint, so that no report is printed: a build that ignored the variable
  // would print with a local browser and succeed.
  it('also takes the endpoint from REPORT_BROWSER_URL', async () => {
    const dir = hub();
    const run = fakeIo(dir);
    run.io.env = { ...ENV, REPORT_BROWSER_URL: gone.url };
    const out = join(dir, 'out');
    const args = ['build', '--all', '--format', 'pdf', '--data', 'orgs/alpha', '--out', out];
    const code = await main(['node', 'report', ...args], run.io);
    // (alpha is a Chinese organisation)
    expect(run.stderr()).toContain(`通过 ${gone.url} 打印失败（已重试一次）`);
    expect(code).toBe(4);
    expect(existsSync(out)).toBe(false);
  });

  it.each(['localhost:9222', 'file:///tmp/x'])(
    '--browser-url %j is a usage error (exit 2)',
    async (url) => {
      const result = await build(hub(), 'out', ['--browser-url', url]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`error[USAGE]: --browser-url ${JSON.stringify(url)}`);
    },
  );
});
