/**
 * Whether `report build` is a work-list build (src/cli/build-work.ts): decided from the flags and
 * one stat, without loading the work list, the remote printer or anything else an ordinary build
 * of one organisation does not need.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildFlags } from './build.js';
import type { Io } from './io.js';

export interface WorkFlags extends BuildFlags {
  shard?: string;
  browserUrl?: string;
  jobs?: string;
}

/** The flag, else REPORT_BROWSER_URL; null when neither is set. */
export function browserUrl(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): string | null {
  const url = flag ?? env['REPORT_BROWSER_URL'];
  return url === undefined || url.trim() === '' ? null : url.trim();
}

/** True when `runBuild` should hand over to `runBuildWork`: --shard, or --data a pattern or a list file. */
export async function isWorkBuild(flags: WorkFlags, io: Io): Promise<boolean> {
  if (flags.shard !== undefined || flags.jobs !== undefined) return true;
  if (browserUrl(flags.browserUrl, io.env) !== null) return true;
  if (/[*?]/.test(path.basename(flags.data))) return true;
  return Boolean((await stat(path.resolve(io.cwd, flags.data)).catch(() => null))?.isFile());
}
