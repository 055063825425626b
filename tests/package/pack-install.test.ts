/**
 * The package as a user gets it: packed from a clean copy of the checkout (no dist/, so the
 * prepack script must build it), installed globally into a temporary prefix, and run from a
 * folder outside the repository that holds nothing but data/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'report-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** The checkout's own files (committed or not, never ignored ones such as dist/ and out/). */
function cleanCopy(to: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f !== '' && f !== 'node_modules');
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file), { dereference: false });
  }
  // The dependencies `npm ci` installed (tsc for prepack); not part of what is packed.
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'));
}

describe('the npm package', () => {
  it('packs from a checkout without dist/, installs with npm install -g --prefix, and builds a PDF outside the repository', () => {
    const checkout = join(work, 'checkout');
    cleanCopy(checkout);
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], checkout)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const { filename, files } = packed[0]!;
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/report.js',
        'dist/cli/main.js',
        'templates/default/report.hbs',
        'docs/data-format.md',
        'docs/editor.md',
        'schemas/income.schema.json',
        'schemas/narrative.schema.json',
        'LICENSE',
        'README.md',
        'package.json',
      ]),
    );
    // Only what a user needs: no sources, tests, benchmarks or CI files.
    expect(paths.filter((p) => /^(src|tests|bench|scripts|\.ci|\.github)\/|\.ts$/.test(p))).toEqual(
      [],
    );

    // No install-time script for npm to warn about: dist/ is built, `prepare` is left out,
    // and the checkout's package.json is as it was.
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', join(work, filename), 'package/package.json'], {
        encoding: 'utf8',
      }),
    ) as { scripts: Record<string, string> };
    expect(manifest.scripts['prepare']).toBeUndefined();
    expect(readFileSync(join(checkout, 'package.json'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'package.json'), 'utf8'),
    );

    // From npm's cache (filled by `npm ci`) where it can, so the test needs no download.
    const prefix = join(work, 'prefix');
    npm(['install', '-g', '--prefix', prefix, '--prefer-offline', join(work, filename)], work);
    const report = join(prefix, 'bin', 'report');

    const site = join(work, 'site');
    cpSync(join(ROOT, 'data'), join(site, 'data'), { recursive: true });
    const version = spawnSync(report, ['--version'], { cwd: site, encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    // A new organisation's folder from the installed package validates at once, and its PDF
    // (the only PDF printed by an installed package: the example's is the run's shared build)
    // is printed with the installed puppeteer-core, fonts and template.
    const init = spawnSync(report, ['init', 'new-data', '--year', '2024'], {
      cwd: site,
      encoding: 'utf8',
    });
    expect(init.status, init.stderr).toBe(0);
    const validate = spawnSync(report, ['validate', '--data', 'new-data'], {
      cwd: site,
      encoding: 'utf8',
    });
    expect(validate.stdout).toContain('数据有效');
    const build = spawnSync(report, ['build', '2024', '--data', 'new-data', '--quiet'], {
      cwd: site,
      encoding: 'utf8',
    });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const pdf = join(site, 'out/2024/report.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThan(3);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('某某社会工作服务中心2024年度工作报告');

    // Other Node.js versions (.ci/run passes Node 22 and 24 here): the same installed CLI.
    for (const node of (process.env['REPORT_TEST_NODES'] ?? '').split(':').filter(Boolean)) {
      const cli = join(prefix, 'lib/node_modules/ngo-annual-report/bin/report.js');
      const v = spawnSync(node, [cli, '--version'], { cwd: site, encoding: 'utf8' });
      expect(v.stdout.trim(), node).toBe(version.stdout.trim());
      const html = spawnSync(
        node,
        [cli, 'build', '2015', '--format', 'html', '--out', 'out-html'],
        {
          cwd: site,
          encoding: 'utf8',
        },
      );
      expect(html.status, `${node}: ${html.stderr}`).toBe(0);
    }
  }, 600_000);
});
