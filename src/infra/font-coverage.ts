/**
 * Which characters the bundled fonts can draw: the code points every face of
 * {@link REPORT_FONTS} maps to a glyph, each read from its slices' cmap tables (a slice's
 * unicode-range is wider than what it holds: Noto Serif SC's U+1F1E9-1F1FF slice has no
 * regional indicators at all). A character outside this set would be drawn by Chromium from a
 * system font, or as a box; validation warns about it and the build prints a placeholder.
 *
 * Reading the ~400 slices takes about a second, so the result is kept on disk (~60 KB, keyed
 * by the font packages' versions) beside the subset fonts, and in memory for the process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { CodePointRanges, Covers } from '../render/uncovered-characters.js';
import {
  readFontsourceSlices,
  REPORT_FONTS,
  woff2Directory,
  type FontFamilySpec,
} from './fonts.js';
import { cmapCodePoints } from './sfnt.js';

const require = createRequire(import.meta.url);

/** What the bundled fonts draw: the code point ranges, and a lookup. */
export interface CharacterCoverage extends Covers {
  /** Whether every bundled face has a glyph for the code point. */
  has(codePoint: number): boolean;
}

export function coverageOf(ranges: CodePointRanges): CharacterCoverage {
  return {
    ranges,
    has(codePoint) {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [start, end] = ranges[mid]!;
        if (codePoint < start) hi = mid - 1;
        else if (codePoint > end) lo = mid + 1;
        else return true;
      }
      return false;
    },
  };
}

/**
 * The cmap table of a WOFF2 file (W3C WOFF2 §5): the tables are one brotli stream, in directory
 * order; cmap is never transformed.
 */
export function woff2Cmap(woff2: Buffer): Buffer {
  const { tables, dataStart, compressedLength } = woff2Directory(woff2);
  let offset = 0;
  for (const table of tables) {
    if (table.tag === 'cmap') {
      const data = brotliDecompressSync(woff2.subarray(dataStart, dataStart + compressedLength));
      return data.subarray(offset, offset + table.length);
    }
    offset += table.length;
  }
  throw new Error('woff2: no cmap table');
}

export { cmapCodePoints };

function toRanges(points: Iterable<number>): [number, number][] {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const cp of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && cp <= last[1] + 1) last[1] = Math.max(last[1], cp);
    else ranges.push([cp, cp]);
  }
  return ranges;
}

/** What one face draws: each slice's cmap, within the slice's unicode-range. */
async function faceCodePoints(spec: FontFamilySpec, weight: number): Promise<Set<number>> {
  const points = new Set<number>();
  for (const slice of await readFontsourceSlices(spec, weight)) {
    const inRange = (cp: number) => slice.ranges.some(([start, end]) => cp >= start && cp <= end);
    for (const cp of cmapCodePoints(woff2Cmap(await readFile(slice.path))))
      if (inRange(cp)) points.add(cp);
  }
  return points;
}

function weightsOf(spec: FontFamilySpec): number[] {
  return spec.weights.map((w) => (typeof w === 'number' ? w : w.weight));
}

/** The code points every face of every family maps, as ranges (no cache). */
export async function computeCoverage(
  families: readonly FontFamilySpec[],
): Promise<CodePointRanges> {
  let common: Set<number> | undefined;
  for (const spec of families) {
    for (const weight of weightsOf(spec)) {
      const face = await faceCodePoints(spec, weight);
      common = common === undefined ? face : new Set([...common].filter((cp) => face.has(cp)));
    }
  }
  return toRanges(common ?? []);
}

function packageId(spec: FontFamilySpec): string {
  const json = require.resolve(`${spec.package}/package.json`);
  const { version } = JSON.parse(readFileSync(json, 'utf8')) as { version?: unknown };
  return `${spec.package}@${String(version)}`;
}

function defaultCacheDir(): string {
  const css = require.resolve(`${REPORT_FONTS[0]!.package}/package.json`);
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = css.lastIndexOf(marker);
  const nodeModules = at >= 0 ? css.slice(0, at + marker.length - 1) : path.resolve('node_modules');
  return path.join(nodeModules, '.cache', 'report-fonts');
}

export interface CoverageOptions {
  families?: readonly FontFamilySpec[];
  /** Where the computed ranges are kept; default beside the subset fonts; false: no cache. */
  cacheDir?: string | false;
}

const memo = new Map<string, Promise<CharacterCoverage>>();

/** The characters every bundled face can draw (from the disk cache when it is there). */
export function bundledCoverage(options: CoverageOptions = {}): Promise<CharacterCoverage> {
  const families = options.families ?? REPORT_FONTS;
  const key = JSON.stringify([
    1,
    families.map((spec) => [spec.family, packageId(spec), weightsOf(spec)]),
  ]);
  const dir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const memoKey = `${key}\0${String(dir)}`;
  let coverage = memo.get(memoKey);
  if (coverage === undefined) {
    coverage = loadCoverage(families, key, dir);
    memo.set(memoKey, coverage);
    coverage.catch(() => memo.delete(memoKey));
  }
  return coverage;
}

async function loadCoverage(
  families: readonly FontFamilySpec[],
  key: string,
  dir: string | false,
): Promise<CharacterCoverage> {
  const file =
    dir === false
      ? undefined
      : path.join(dir, `coverage-${createHash('sha256').update(key).digest('hex')}.json`);
  if (file !== undefined && existsSync(file)) {
    try {
      const ranges = JSON.parse(await readFile(file, 'utf8')) as unknown;
      if (isRanges(ranges)) return coverageOf(ranges);
    } catch {
      // a damaged cache entry: computed again below
    }
  }
  const ranges = await computeCoverage(families);
  if (file !== undefined) {
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await mkdir(path.dirname(file), { recursive: true })
      .then(() => writeFile(tmp, JSON.stringify(ranges)))
      .then(() => rename(tmp, file))
      .catch(() => undefined);
  }
  return coverageOf(ranges);
}

function isRanges(value: unknown): value is [number, number][] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (r) =>
        Array.isArray(r) &&
        r.length === 2 &&
        Number.isInteger(r[0]) &&
        Number.isInteger(r[1]) &&
        (r[0] as number) <= (r[1] as number),
    )
  );
}
