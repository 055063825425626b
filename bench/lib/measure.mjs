/**
 * Timing whole processes: spawn, wait, wall-clock milliseconds. Alternating the commands of a
 * comparison (a b a b …) spreads machine drift (other load, CPU frequency, page cache) over both.
 */
import { spawn } from 'node:child_process';

/** Runs one command to completion; resolves with its wall time, rejects (with its output) on failure. */
export function runTimed(cmd, args, { cwd, env, check } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      // Enough to explain a failure, never the whole of a chatty browser log.
      if (output.length < 20_000) output += chunk;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const problem = code !== 0 ? `exited with ${code ?? signal}` : check ? check() : null;
      if (problem) {
        reject(new Error(`${[cmd, ...args].join(' ')} ${problem}\n${output.trimEnd()}`));
      } else resolve({ ms, output });
    });
  });
}

/**
 * Runs the commands of `pair` alternately: one warm-up each (not counted), then `runs` rounds.
 * Each entry is `{ key, run: () => Promise<number> }`; returns the samples (ms) per key.
 */
export async function alternate(pair, runs, { warmUp = true, onRound } = {}) {
  const samples = Object.fromEntries(pair.map((p) => [p.key, []]));
  if (warmUp) for (const p of pair) await p.run();
  for (let round = 0; round < runs; round += 1) {
    for (const p of pair) samples[p.key].push(await p.run());
    onRound?.(round + 1, runs);
  }
  return samples;
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
