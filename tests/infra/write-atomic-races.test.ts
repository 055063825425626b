/**
 * The output writer against two catalogue rows, without a browser (they were real CLI builds
 * in tests/robustness/output.test.ts): two builds writing the same files at once (O3), and a
 * TMPDIR on another device than the output (O5).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEMP_PREFIX, writeFilesAtomic } from '../../src/infra/write-atomic.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'report-races-'));
  made.push(dir);
  return dir;
}

/** A report-sized page that names its build on every line, so a mix of two shows. */
function page(name: string): string {
  return `<!doctype html>\n${`<p>${name}</p>\n`.repeat(40_000)}</html>\n`;
}

describe('two builds of the same year into the same folder at once (O3)', () => {
  it('both succeed and each file is one whole build, never a mix', async () => {
    const out = join(tempFolder(), '2015');
    const names = ['苏州市示例社工服务中心', '另一家测试机构'];
    const build = (name: string) =>
      writeFilesAtomic([
        { path: join(out, 'report.html'), data: page(name) },
        { path: join(out, 'report.pdf'), data: Buffer.from(`%PDF ${name.repeat(50_000)}`) },
        { path: join(out, 'charts/income.svg'), data: `<svg>${name}</svg>` },
      ]);
    await Promise.all(names.map(build));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(names.filter((n) => html === page(n))).toHaveLength(1);
    const pdf = readFileSync(join(out, 'report.pdf'), 'utf8');
    expect(names.filter((n) => pdf === `%PDF ${n.repeat(50_000)}`)).toHaveLength(1);
    expect(readdirSync(out).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
  });
});

describe('TMPDIR on another device than --out (O5)', () => {
  const shm = '/dev/shm';
  const otherDevice = existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev;

  it.skipIf(!otherDevice)(
    'writes without EXDEV: temp files are made beside the target',
    async () => {
      const out = tempFolder();
      const elsewhere = tempFolder(shm);
      const saved = process.env['TMPDIR'];
      process.env['TMPDIR'] = elsewhere;
      try {
        await writeFilesAtomic([
          { path: join(out, '2015/report.html'), data: page('x') },
          { path: join(out, '2015/report.pdf'), data: '%PDF' },
        ]);
      } finally {
        if (saved === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = saved;
      }
      expect(readdirSync(join(out, '2015')).sort()).toEqual(['report.html', 'report.pdf']);
      expect(readdirSync(elsewhere)).toEqual([]);
    },
  );
});
