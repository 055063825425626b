#!/usr/bin/env node
/**
 * Where a build's CPU time goes: runs `report build <year> --format html` (or any report
 * arguments after --) under `node --cpu-prof` and prints the top self-time functions and the
 * self time per package or dist/ folder.
 *
 *   node bench/profile.mjs                      # build 2015 --format html
 *   node bench/profile.mjs -- validate --data DIR
 *   node bench/profile.mjs --top 30 --keep      # keep the .cpuprofile (open it in DevTools)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    interval: { type: 'string', default: '200' },
  },
});
const dir = mkdtempSync(path.join(os.tmpdir(), 'report-profile-'));
const reportArgs =
  positionals.length > 0
    ? positionals
    : ['build', '2015', '--format', 'html', '--out', path.join(dir, 'out')];

const run = spawnSync(
  process.execPath,
  [
    `--cpu-prof`,
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-interval=${flags.interval}`,
    'bin/report.js',
    ...reportArgs,
  ],
  {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SOURCE_DATE_EPOCH: '1451606400' },
  },
);
if (run.status !== 0) process.exitCode = 1;
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

// Self time per node: each sample's time delta belongs to the node it hit.
const selfUs = new Map();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url) => {
  if (!url) return '(native/VM)';
  const rel = url.replace(/^file:\/\//, '').replace(ROOT, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)?.[1];
  if (pkg) return pkg;
  if (rel.startsWith('node:')) return 'node internals';
  const m = /^(dist|bin|bench)\/([^/]+)/.exec(rel);
  return m ? `${m[1]}/${m[2]}` : rel;
};
const byFunction = new Map();
const byPlace = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url ? url.replace(/^file:\/\//, '').replace(ROOT, '') : '';
  const key = `${functionName || '(anonymous)'}  ${short ? `${short}:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const place = where(url);
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}
const show = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us]) =>
        `${(us / 1000).toFixed(1).padStart(8)} ms ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`,
    )
    .join('\n');
const wall = (profile.endTime - profile.startTime) / 1000;
console.log(
  `\nprofile of report ${reportArgs.join(' ')}: ${wall.toFixed(0)} ms profiled, ${(total / 1000).toFixed(0)} ms sampled`,
);
console.log(`\ntop self time by function:\n${show(byFunction, Number(flags.top))}`);
console.log(`\nself time by package / folder:\n${show(byPlace, 15)}`);
if (flags.keep) console.log(`\nprofile kept: ${path.join(dir, file)}`);
else rmSync(dir, { recursive: true, force: true });
