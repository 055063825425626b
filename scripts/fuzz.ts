/**
 * `npm run fuzz -- --cases 100000 [--seed N] [--minutes M]`: the data-path fuzzer of tests/support/fuzz.ts
 * for as long as asked. Prints the cases run, exceptions, impossible locations, seed and time;
 * each failing case's files are kept in a folder under the system's temp folder to reproduce.
 * Exit 0 when nothing failed, 1 otherwise.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz } from '../tests/support/fuzz.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    minutes: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isSafeInteger(cases) || cases < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: npm run fuzz -- --cases N [--seed N]');
  process.exit(2);
}

// Ctrl-C (or --minutes) ends the run after the case in progress, and the totals are printed.
let stopping = false;
process.once('SIGINT', () => {
  stopping = true;
  process.on('SIGINT', () => process.exit(130));
});
const deadline =
  values.minutes === undefined ? Infinity : performance.now() + Number(values.minutes) * 60_000;

const started = performance.now();
const keep = mkdtempSync(path.join(tmpdir(), 'report-fuzz-failures-'));
let kept = 0;
console.log(`fuzzing ${cases} cases, seed ${seed}`);
const totals = await fuzz({
  cases,
  seed,
  stop: () => stopping || performance.now() > deadline,
  onProgress: (done, failures) => {
    if (!values.quiet && done % 1000 === 0) {
      const s = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`  ${done} cases, ${failures} failures, ${s} s`);
    }
  },
  onFailure: (c, failures, files) => {
    for (const f of failures)
      console.log(`FAIL ${f.kind}: ${f.detail.split('\n').slice(0, 4).join('\n    ')}`);
    if (kept >= 200) return;
    const dir = path.join(keep, String(++kept));
    for (const [name, bytes] of files) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    writeFileSync(path.join(dir, 'case.json'), JSON.stringify({ c, failures }, null, 2));
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(
  [
    `cases:                ${totals.cases}${totals.cases < cases ? ` of ${cases} (stopped)` : ''}, ${totals.valid} of them valid after mutation`,
    `exceptions:           ${totals.exceptions}`,
    `impossible locations: ${totals.locations}`,
    `bad messages:         ${totals.messages}`,
    `bad output:           ${totals.outputs}`,
    `seed:                 ${seed}`,
    `time:                 ${seconds.toFixed(1)} s (${((seconds * 1000) / Math.max(1, totals.cases)).toFixed(1)} ms a case)`,
    ...(kept > 0 ? [`failing cases kept in ${keep}`] : []),
  ].join('\n'),
);
process.exit(totals.exceptions + totals.locations + totals.messages + totals.outputs === 0 ? 0 : 1);
