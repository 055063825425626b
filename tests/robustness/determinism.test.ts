/**
 * The same data gives the same report wherever it is built (catalogue row X4): the time zone
 * and the locale of the machine change nothing. (X3, a font that does not load, is tested in
 * tests/pipeline/build-reports.test.ts and tests/infra/chromium-printer.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../e2e/cli.js';

const EPOCH = '1451520000'; // 2015-12-31T00:00:00Z
const HOME_ENV = { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', SOURCE_DATE_EPOCH: EPOCH };
const AWAY_ENV = {
  TZ: 'Pacific/Kiritimati',
  LANG: 'de_DE.UTF-8',
  LC_ALL: 'de_DE.UTF-8',
  SOURCE_DATE_EPOCH: EPOCH,
};

describe('X4: time zone and locale of the machine', () => {
  it('the other environment really differs (UTC+14, German number format)', () => {
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        'process.stdout.write([new Date("2015-12-31T12:00:00Z").getTimezoneOffset(), (1234.5).toLocaleString()].join(" "))',
      ],
      { env: { ...process.env, ...AWAY_ENV }, encoding: 'utf8' },
    );
    expect(probe.stdout).toBe('-840 1.234,5');
  });

  it('gives byte-identical HTML, charts, PDF and stats in UTC/C and in Kiritimati/de_DE', async () => {
    const dir = tempDir('minimal');
    const build = (out: string, env: Record<string, string>) =>
      runCli(['build', '2015', '--out', out, '--quiet'], { cwd: dir, env });
    const [home, away] = await Promise.all([build('home', HOME_ENV), build('away', AWAY_ENV)]);
    expect([home.code, away.code, home.stderr, away.stderr]).toEqual([0, 0, '', '']);
    for (const file of ['report.html', 'report.pdf']) {
      const a = readFileSync(join(dir, 'home/2015', file));
      const b = readFileSync(join(dir, 'away/2015', file));
      expect({ file, same: a.equals(b) }).toEqual({ file, same: true });
    }
    for (const chart of readdirSync(join(dir, 'home/2015/charts'))) {
      const a = readFileSync(join(dir, 'home/2015/charts', chart));
      const b = readFileSync(join(dir, 'away/2015/charts', chart));
      expect({ chart, same: a.equals(b) }).toEqual({ chart, same: true });
    }

    for (const args of [
      ['stats', '2015', '--json'],
      ['stats', '2015'],
      ['stats', '2015', '--lang', 'en'],
    ]) {
      const [a, b] = await Promise.all([
        runCli(args, { cwd: dir, env: HOME_ENV }),
        runCli(args, { cwd: dir, env: AWAY_ENV }),
      ]);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });
});
