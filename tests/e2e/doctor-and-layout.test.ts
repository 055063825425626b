/** `report doctor`, and print layout a reader notices: long tables keep their header row. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { sandboxlessBrowser } from '../support/browsers.js';
import { BIN, poppler, runCli, tempDir } from './cli.js';

/** Root can run a command as uid 1000 in a user namespace that may create no further one. */
function canDropUserNamespaces(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['--user', '--map-root-user', 'true']);
  return probe.status === 0;
}

/**
 * `report doctor` in process (src/cli/main.ts with a fake Io), for the cases where it prints
 * nothing: `stdout` is what the CLI would write there, `output` both streams in order.
 */
async function doctor(
  cwd: string,
  env: Record<string, string | undefined> = {},
  lang: 'en' | 'zh-CN' = 'en',
) {
  let stdout = '';
  let output = '';
  const io: Io = {
    stdout: (text) => void ((stdout += text), (output += text)),
    stderr: (text) => void (output += text),
    cwd,
    env,
    isTTY: false,
  };
  const code = await main(['node', 'report', 'doctor', '--lang', lang], io);
  return { code, stdout, output };
}

describe('report doctor', () => {
  it('lists the browser with its version and a test print, the bundled fonts, data and output folders', async () => {
    const dir = tempDir('minimal');
    const result = await runCli(['doctor', '--lang', 'en'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {2}browser +\S+ \(.+\): Chromium \d+/m);
    expect(result.stdout).toMatch(/test print: 1 page in \d+\.\d s$/m);
    expect(result.stdout).toMatch(/^ok {2}fonts /m);
    expect(result.stdout).toMatch(/^ok {2}data +data /m);
    expect(result.stdout).toMatch(/^ok {2}output +out is writable$/m);
  });

  it('says what to run when the browser is missing, exit 4', async () => {
    const dir = tempDir('minimal');
    const result = await doctor(dir, { CHROME_PATH: join(dir, 'no-chrome') });
    expect(result.code).toBe(4);
    expect(result.output).toMatch(/^NO {2}browser .*no-chrome/m);
    expect(result.output).toMatch(
      /^ {4}fix: .*(apt-get install -y chromium chromium-sandbox|@puppeteer\/browsers install)/m,
    );
  });

  it("a browser that exists but cannot start its sandbox: exit 4, Chromium's reason and the fix", async () => {
    const dir = tempDir('minimal');
    const result = await doctor(dir, { ...process.env, CHROME_PATH: sandboxlessBrowser(dir) });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^NO {2}browser .*chromium-without-sandbox/m);
    expect(result.stdout).toMatch(/^ {4}No usable sandbox!/m);
    expect(result.stdout).toMatch(/^ {4}fix: .*apt-get install -y chromium-sandbox/m);
    expect(result.stdout).toMatch(/^ {4}fix: .*REPORT_NO_SANDBOX=1/m);
  });

  it('says it in Chinese for a Chinese organisation', async () => {
    const dir = tempDir('minimal');
    const result = await doctor(
      dir,
      { ...process.env, CHROME_PATH: sandboxlessBrowser(dir) },
      'zh-CN',
    );
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^✗ 浏览器 .*chromium-without-sandbox/m);
    expect(result.stdout).toMatch(/^ {4}解决办法：.*沙箱.*apt-get install -y chromium-sandbox/m);
  });

  it.runIf(canDropUserNamespaces())(
    'the real Chromium, run by a non-root user who may not create user namespaces: exit 4 with the fix',
    () => {
      const dir = tempDir('minimal');
      // uid 1000 inside a namespace whose parent allows only that one namespace: Chromium's
      // sandbox can neither create its own namespaces nor use a setuid helper, as on a locked-down host.
      const result = spawnSync(
        'unshare',
        [
          '--user',
          '--map-root-user',
          'sh',
          '-c',
          'echo 1 > /proc/sys/user/max_user_namespaces && exec unshare --user --map-user=1000 --map-group=1000 "$@"',
          'sh',
          process.execPath,
          BIN,
          'doctor',
          '--lang',
          'en',
          '--out',
          join(dir, 'out'),
        ],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' } },
      );
      expect(result.status).toBe(4);
      expect(result.stdout).toMatch(/^NO {2}browser +\/usr\/bin\/chromium/m);
      expect(result.stdout).toMatch(/cannot start its sandbox/);
      // Chromium's own words: "No usable sandbox!", or with chromium-sandbox installed, that
      // its setuid helper cannot be used here.
      expect(result.stdout).toMatch(/^ {4}(No usable sandbox!|The SUID sandbox helper binary)/m);
      expect(result.stdout).toMatch(/^ {4}fix: .*REPORT_NO_SANDBOX=1/m);
    },
  );

  it('says where the data is missing, exit 1', async () => {
    const result = await doctor(tempDir());
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^NO {2}data +data\/organization\.yaml not found$/m);
  });
});

describe('a table longer than a page', () => {
  it('repeats its header row on every page it spans, and splits no row', async () => {
    const dir = tempDir('minimal');
    const file = join(dir, 'data/2015/projects.yaml');
    const extra = Array.from(
      { length: 70 },
      (_, i) =>
        `  - id: extra-${i}\n    name: 社区服务项目第${i + 1}号\n    category: elderly\n    role: operated\n    status: new\n    services:\n      casework: ${i + 1}\n`,
    ).join('');
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${extra}`);
    const result = await runCli(['build', '2015'], { cwd: dir });
    expect(result.code).toBe(0);
    const pdf = join(dir, 'out/2015/report.pdf');
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdf))?.[1]);
    const withRows = [];
    for (let page = 1; page <= pages; page += 1) {
      // (text-autospace sets a thin gap between Han and digits: compare without spaces)
      const text = poppler('pdftotext', pdf, ['-f', String(page), '-l', String(page)]).replace(
        /\s+/g,
        '',
      );
      if (/社区服务项目第\d+号/.test(text)) withRows.push(text);
    }
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const text of withRows)
      expect(text.replace(/\s+/g, '')).toContain('项目类别角色状态本年资金服务');
    // Every row is whole on one page: each project name appears exactly once in the table.
    const all = withRows.join('\n');
    for (let i = 1; i <= 70; i += 1)
      expect(all.match(new RegExp(`社区服务项目第${i}号`, 'g'))).toHaveLength(1);
  });
});
