/**
 * `report stats --json`: the ReportStats object as JSON. Keys come out in the fixed order in
 * which computeStats builds them (the order docs/stats.md lists); a number that is not finite
 * is a bug and fails loudly here instead of turning silently into `null`.
 */
import type { ReportStats } from './types.js';

export function serializeStats(stats: ReportStats): string {
  const json = JSON.stringify(
    stats,
    (key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new Error(`statistics field "${key}" is ${value}`);
      }
      return value;
    },
    2,
  );
  return `${json}\n`;
}
