/**
 * Timing whole processes: spawn, wait, wall-clock milliseconds. Alternating the commands of a
 * comparison (a b a b …) spreads machine drift (other load, CPU frequency, page cache) over both.
 *
 * Where GNU time is installed (/usr/bin/time), each command also reports its CPU time (user +
 * system, of the process and of the children it waited for) and its peak RSS: on a shared
 * machine, wall time grows with other people's load, CPU time much less, so a change that shrank
 * the work shows in CPU time whatever the load.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const TIME_MARK = 'BENCH_TIME';

/**
 * Runs one command to completion; resolves with its wall time (`ms`), CPU time (`cpuMs`, user +
 * system; null without GNU time) and peak RSS (`maxRssKb`, GNU time's %M), rejects (with its
 * output) on failure.
 */
export function runTimed(cmd, args, { cwd, env, check } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const [file, argv] = GNU_TIME
      ? [GNU_TIME, ['-f', `\n${TIME_MARK} %U %S %M`, cmd, ...args]]
      : [cmd, args];
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timeLine = '';
    const keep = (chunk) => {
      // Enough to explain a failure, never the whole of a chatty browser log.
      if (output.length < 20_000) output += chunk;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', (chunk) => {
      // GNU time writes its line last, on stderr: keep the tail wherever the output was cut.
      timeLine = (timeLine + chunk).slice(-200);
      keep(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const times = new RegExp(`${TIME_MARK} ([\\d.]+) ([\\d.]+) (\\d+)`).exec(timeLine);
      const cpuMs = times ? (Number(times[1]) + Number(times[2])) * 1000 : null;
      const maxRssKb = times ? Number(times[3]) : null;
      const problem = code !== 0 ? `exited with ${code ?? signal}` : check ? check() : null;
      if (problem) {
        reject(new Error(`${[cmd, ...args].join(' ')} ${problem}\n${output.trimEnd()}`));
      } else resolve({ ms, cpuMs, maxRssKb, output });
    });
  });
}

/**
 * Runs the commands of `pair` alternately: one warm-up each (not counted), then `runs` rounds.
 * Each entry is `{ key, run: () => Promise<number | { ms, cpuMs }> }`; returns the wall-time
 * samples (ms) per key, and the CPU-time samples per key under `cpu` (when the runs report them).
 */
export async function alternate(pair, runs, { warmUp = true, onRound } = {}) {
  const samples = Object.fromEntries(pair.map((p) => [p.key, []]));
  const cpu = Object.fromEntries(pair.map((p) => [p.key, []]));
  if (warmUp) for (const p of pair) await p.run();
  for (let round = 0; round < runs; round += 1) {
    for (const p of pair) {
      const result = await p.run();
      samples[p.key].push(typeof result === 'number' ? result : result.ms);
      if (typeof result === 'object' && result.cpuMs != null) cpu[p.key].push(result.cpuMs);
    }
    onRound?.(round + 1, runs);
  }
  return Object.assign(samples, { cpu });
}

export function summarise(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, median, min: sorted[0], max: sorted.at(-1) };
}

/** Median of `runs` in-process calls of `fn` (after one warm-up call). */
export async function timeInProcess(fn, runs) {
  await fn();
  const values = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    values.push(performance.now() - started);
  }
  return values;
}
