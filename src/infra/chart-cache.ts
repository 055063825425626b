/**
 * Charts are drawn again only when something they depend on changed: the chart's input, its
 * size, or the code and packages that draw it. A rebuild after a text edit then skips loading
 * Chart.js and the canvas at all. The cache never changes output bytes: a hit returns exactly
 * what drawing would.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DrawChart } from '../ports.js';

const require = createRequire(import.meta.url);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Everything besides the input that decides a chart's bytes. */
async function drawingId(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const code = await Promise.all(
    [
      // From here or from dist/bundle/ (scripts/bundle.mjs): the same compiled files.
      path.join(here, '../infra/draw-charts.js'),
      path.join(here, '../render/chart-specs.js'),
      path.join(here, '../render/format.js'),
    ].map((file) => readFile(file).catch(() => Buffer.from(file))),
  );
  const packages = ['chart.js', '@napi-rs/canvas', '@fontsource/noto-sans-sc'].map((name) => {
    try {
      return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
    } catch {
      return name;
    }
  });
  return sha256(JSON.stringify([1, packages, ...code.map((c) => sha256(c))]));
}

export function defaultChartCacheDir(): string {
  const main = require.resolve('chart.js');
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = main.lastIndexOf(marker);
  const nodeModules =
    at >= 0 ? main.slice(0, at + marker.length - 1) : path.resolve('node_modules');
  return path.join(nodeModules, '.cache', 'report-charts');
}

export function cachedDrawer(draw: DrawChart, cacheDir: string): DrawChart {
  let id: Promise<string> | undefined;
  return async (input, size) => {
    id ??= drawingId();
    const key = sha256(JSON.stringify([await id, input, size.widthMm, size.heightMm]));
    const file = path.join(cacheDir, `${key}.svg`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached !== undefined && cached.length > 0) return cached;
    const drawn = await draw(input, size);
    const tmp = `${file}.${process.pid}.tmp`;
    await mkdir(cacheDir, { recursive: true })
      .then(() => writeFile(tmp, drawn))
      .then(() => rename(tmp, file))
      .catch(() => undefined); // no cache is fine: the next build draws again
    return drawn;
  };
}
