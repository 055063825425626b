#!/usr/bin/env node
/**
 * Many organisations (issue 16): reports per minute for `report build --all --data 'orgs/*'`
 * over generated organisations × 1 year, printed by a local browser at 1, 2 and 4 pages in
 * flight (--jobs), and through a DevTools endpoint (--browser-url; a Chromium started here on
 * loopback, with the flags a local print launches with); then whether every PDF of the other
 * runs (more pages in flight, the endpoint) has the same bytes as the one printed by the first.
 *
 *   node bench/orgs.mjs [--orgs 200] [--jobs 1,2,4] [--chrome PATH] [--keep]
 *   npm run bench -- --only orgs
 *
 * One run per configuration (each is already hundreds of prints). Needs dist/ (npm run build).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runTimed } from './lib/measure.mjs';
import { generateDataset, writeDataFolder } from './lib/write-dataset.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/report.js');

export async function benchOrgs({ orgs = 200, jobs = [1, 2, 4], chromium, keep = false } = {}) {
  const log = (m) => process.stderr.write(`bench orgs: ${m}\n`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'report-bench-orgs-'));
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1451606400', TZ: 'UTC' };
  delete env.REPORT_BROWSER_URL;
  try {
    log(`writing ${orgs} organisations × 1 year`);
    const names = Array.from({ length: orgs }, (_, i) => `org-${String(i).padStart(3, '0')}`);
    const pdfOf = (out, name) => path.join(tmp, out, name, '2015/report.pdf');
    for (let i = 0; i < orgs; i++) {
      const dataset = await generateDataset({
        years: 1,
        projectsPerYear: 12,
        firstYear: 2015,
        seed: i + 1,
      });
      await writeDataFolder(path.join(tmp, 'orgs', names[i]), dataset, { narratives: true });
    }
    // A report that fails (a print that timed out on a loaded machine) fails only itself: the
    // run exits 1 and the row says how many of the reports were built.
    const build = async (out, extra) => {
      const args = ['build', '--all', '--format', 'pdf', '--data', 'orgs/*', '--out', out];
      const started = performance.now();
      let failure = null;
      await runTimed(process.execPath, [BIN, ...args, ...extra], { cwd: tmp, env }).catch(
        (error) => {
          failure = error;
        },
      );
      const ms = performance.now() - started;
      const built = names.filter((name) => existsSync(pdfOf(out, name))).length;
      if (failure && built === 0) throw failure;
      if (failure)
        log(
          String(failure.message)
            .split('\n')
            .filter((l) => /error/.test(l))
            .join('\n'),
        );
      return { ms, built };
    };
    const rows = [];
    const loadBefore = os.loadavg()[0];
    // Each row is logged as it is measured: on a loaded machine the whole takes a while.
    const measured = (how, out, { ms, built }) => {
      rows.push({ how, out, ms, built });
      const perMinute = ((built * 60_000) / ms).toFixed(1);
      log(
        `${how}: ${built} of ${orgs} built in ${(ms / 1000).toFixed(1)} s, ${perMinute} reports/min, load ${os.loadavg()[0].toFixed(1)}`,
      );
    };
    for (const j of jobs) {
      log(`local browser, --jobs ${j}`);
      const run = await build(`out-local-${j}`, ['--chrome', chromium, '--jobs', String(j)]);
      measured(`local, ${j} in flight`, `out-local-${j}`, run);
    }
    const endpoint = await startLoopback(chromium, tmp);
    try {
      const j = Math.max(...jobs);
      log(`endpoint ${endpoint.url}, --jobs ${j}`);
      const run = await build('out-remote', ['--browser-url', endpoint.url, '--jobs', String(j)]);
      measured(`endpoint (loopback), ${j} in flight`, 'out-remote', run);
    } finally {
      endpoint.stop();
    }
    // Every run's PDFs against the first run's (the fewest pages in flight, locally): the same
    // bytes whatever the pages in flight, and through the endpoint.
    let same = 0;
    let differ = 0;
    for (const row of rows.slice(1)) {
      for (const name of names) {
        if (!existsSync(pdfOf(rows[0].out, name)) || !existsSync(pdfOf(row.out, name))) continue;
        if (readFileSync(pdfOf(rows[0].out, name)).equals(readFileSync(pdfOf(row.out, name))))
          same++;
        else differ++;
      }
    }
    const load = `load ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`;
    const result = {
      orgs,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${load}`,
      rows: rows.map(({ out: _out, ...r }) => ({
        ...r,
        seconds: +(r.ms / 1000).toFixed(1),
        perMinute: +((r.built * 60_000) / r.ms).toFixed(1),
      })),
      identical: { same, differ },
    };
    process.stdout.write(`\n${orgs} organisations × 1 year, PDF only (${result.machine})\n`);
    process.stdout.write(
      '| printed by | built | wall time | reports per minute |\n|---|---|---|---|\n',
    );
    for (const r of result.rows)
      process.stdout.write(`| ${r.how} | ${r.built} | ${r.seconds} s | ${r.perMinute} |\n`);
    process.stdout.write(
      `PDFs of the other runs vs ${rows[0].how}: ${same} byte-identical, ${differ} different\n`,
    );
    return result;
  } finally {
    if (keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

/** A Chromium with its DevTools endpoint on loopback, launched with a local print's flags. */
async function startLoopback(chromium, tmp) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { chromiumArgs } = await import(
    pathToFileURL(path.join(ROOT, 'dist/infra/chromium-printer.js')).href
  );
  const profile = path.join(tmp, 'loopback-profile');
  const args = puppeteer.defaultArgs({
    headless: true,
    userDataDir: profile,
    args: chromiumArgs({ isRoot: process.getuid?.() === 0, env: process.env }),
  });
  const child = spawn(
    chromium,
    [...args, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: tmp } },
  );
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${seen}`)));
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string', default: '200' },
      jobs: { type: 'string', default: '1,2,4' },
      chrome: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  await benchOrgs({
    orgs: Number(values.orgs),
    jobs: values.jobs.split(',').map(Number),
    chromium: values.chrome ?? process.env.CHROME_PATH ?? '/usr/bin/chromium',
    keep: values.keep,
  });
}
