/**
 * Preloaded with `node --import` into the process under test: when it exits, writes its own peak
 * resident set (VmHWM, and getrusage's maxRSS) to $BENCH_PEAK_RSS_FILE. Both count this process
 * only; Chromium's processes are not included (unlike /usr/bin/time, whose figure can be a
 * reaped child's peak when that one is larger).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const vmHwmKb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    writeFileSync(target, JSON.stringify({ vmHwmKb, maxRssKb: process.resourceUsage().maxRSS }));
  });
}
