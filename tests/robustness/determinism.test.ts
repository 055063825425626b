/**
 * The same data gives the same report wherever it is built (catalogue row X4): the time zone
 * and the locale of the machine change nothing. (X3, a font that does not load, is tested in
 * tests/pipeline/build-reports.test.ts and tests/infra/chromium-printer.test.ts.)
 *
 * The build at home is the run's shared build of the example (tests/support/shared-build.ts,
 * in this machine's time zone and locale); the one away is made here, in UTC+14 and German.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../e2e/cli.js';
import { EPOCH, sharedBuild } from '../support/shared-build.js';

const AWAY_ENV = {
  TZ: 'Pacific/Kiritimati',
  LANG: 'de_DE.UTF-8',
  LC_ALL: 'de_DE.UTF-8',
  SOURCE_DATE_EPOCH: EPOCH,
};

/** The time zone offset and number format a process sees with `env` added to this one's. */
function environment(env: Record<string, string> = {}): string {
  return spawnSync(
    process.execPath,
    [
      '-e',
      'process.stdout.write([new Date("2015-12-31T12:00:00Z").getTimezoneOffset(), (1234.5).toLocaleString()].join(" "))',
    ],
    { env: { ...process.env, ...env }, encoding: 'utf8' },
  ).stdout;
}

describe('X4: time zone and locale of the machine', () => {
  it('the other environment really differs (UTC+14, German number format), also from this machine', () => {
    expect(environment(AWAY_ENV)).toBe('-840 1.234,5');
    // The shared build ran in this environment: away must differ from it in both respects.
    const [offset, number] = environment().split(' ');
    expect(offset).not.toBe('-840');
    expect(number).not.toBe('1.234,5');
  });

  it('gives byte-identical HTML, charts, PDF and stats at home and in Kiritimati/de_DE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-away-'));
    const data = join(ROOT, 'data');
    const [home, away] = await Promise.all([
      sharedBuild('example'),
      runCli(['build', '2015', '--data', data, '--out', join(dir, 'away'), '--quiet'], {
        cwd: dir,
        env: AWAY_ENV,
      }),
    ]);
    expect([home.code, away.code, home.stderr, away.stderr]).toEqual([0, 0, '', '']);
    const homeOut = join(home.out, '2015');
    const awayOut = join(dir, 'away/2015');
    for (const file of ['report.html', 'report.pdf']) {
      const a = readFileSync(join(homeOut, file));
      const b = readFileSync(join(awayOut, file));
      expect({ file, same: a.equals(b) }).toEqual({ file, same: true });
    }
    const charts = readdirSync(join(homeOut, 'charts'));
    expect(readdirSync(join(awayOut, 'charts')).sort()).toEqual(charts.sort());
    for (const chart of charts) {
      const a = readFileSync(join(homeOut, 'charts', chart));
      const b = readFileSync(join(awayOut, 'charts', chart));
      expect({ chart, same: a.equals(b) }).toEqual({ chart, same: true });
    }

    for (const args of [
      ['stats', '2015', '--json'],
      ['stats', '2015'],
      ['stats', '2015', '--lang', 'en'],
    ]) {
      const withData = [...args, '--data', data];
      const [a, b] = await Promise.all([
        runCli(withData, { cwd: dir, env: { SOURCE_DATE_EPOCH: EPOCH } }),
        runCli(withData, { cwd: dir, env: AWAY_ENV }),
      ]);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });
});
