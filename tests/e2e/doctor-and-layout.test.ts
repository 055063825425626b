/** `report doctor`, and print layout a reader notices: long tables keep their header row. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { poppler, runCli, tempDir } from './cli.js';

/** `report doctor` in process (src/cli/main.ts with a fake Io): it only looks, never prints. */
async function doctor(cwd: string, env: Record<string, string | undefined> = {}) {
  let stdout = '';
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stdout += text),
    cwd,
    env,
    isTTY: false,
  };
  return { code: await main(['node', 'report', 'doctor'], io), stdout };
}

describe('report doctor', () => {
  it('lists the browser with its version, the bundled fonts, data and output folders', async () => {
    const result = await doctor(tempDir('minimal'), process.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {2}browser +\S+ \(.+\): Chromium \d+/m);
    expect(result.stdout).toMatch(/^ok {2}fonts /m);
    expect(result.stdout).toMatch(/^ok {2}data +data /m);
    expect(result.stdout).toMatch(/^ok {2}output +out is writable$/m);
  });

  it('says what to run when the browser is missing, exit 4', async () => {
    const dir = tempDir('minimal');
    const result = await doctor(dir, { CHROME_PATH: join(dir, 'no-chrome') });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^NO {2}browser .*no-chrome/m);
    expect(result.stdout).toMatch(
      /^ {4}fix: .*(apt-get install -y chromium|@puppeteer\/browsers install)/m,
    );
  });

  it('says where the data is missing, exit 1', async () => {
    const result = await doctor(tempDir());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^NO {2}data +data\/organization\.yaml not found$/m);
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
