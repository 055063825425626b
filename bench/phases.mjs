#!/usr/bin/env node
/**
 * The phases of one build, timed in process without touching src/: the real pipeline
 * (dist/pipeline.js) with the real infrastructure (dist/cli/build.js realDeps), each dependency
 * wrapped in a timer. What the wrappers do not cover (stats, view model, Handlebars) is the
 * pipeline's own time, shown as the gaps.
 *
 *   node bench/phases.mjs [year | all] [--pdf] [--data DIR] [--summary]
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const started = performance.now();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pdf: { type: 'boolean', default: false },
    data: { type: 'string', default: 'data' },
    summary: { type: 'boolean', default: false },
  },
});
const year = positionals[0] === 'all' ? 'all' : Number(positionals[0] ?? 2015);
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);

const events = [];
const at = () => performance.now() - started;
const calls = {};
const timed = (name, fn) =>
  async function (...args) {
    (calls[name] ??= []).push(args);
    const start = at();
    try {
      return await fn.apply(this, args);
    } finally {
      events.push({ name, start, end: at() });
    }
  };

const t = at();
const [{ buildReports }, { realDeps }] = await Promise.all([
  dist('pipeline.js'),
  dist('cli/build.js'),
]);
events.push({ name: 'import pipeline + cli/build', start: t, end: at() });

const io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: ROOT,
  env: { ...process.env, SOURCE_DATE_EPOCH: '1451606400' },
  isTTY: false,
};
const real = await realDeps(io, undefined, flags.pdf);
const deps = {
  ...real,
  readData: timed('readData (read, parse)', real.readData),
  readTemplate: timed('readTemplate', real.readTemplate),
  drawChart: timed('drawChart (each)', real.drawChart),
  fontCss: timed('fontCss (select + subset fonts)', real.fontCss),
  beginWrite: (options) => {
    const write = real.beginWrite(options);
    return {
      stage: timed('write: stage (each year)', write.stage.bind(write)),
      commit: timed('write: commit (all years)', write.commit.bind(write)),
      discard: write.discard.bind(write),
    };
  },
  openPrinter: () => {
    const printer = real.openPrinter();
    return {
      close: timed('printer.close', printer.close.bind(printer)),
      warmUp: () => {
        events.push({ name: 'printer.warmUp (launch starts)', start: at(), end: at() });
        printer.warmUp();
      },
      print: timed('printer.print (setContent + pdf + finalise)', printer.print.bind(printer)),
    };
  },
};
const out = path.join(os.tmpdir(), `report-phases-${process.pid}`);
const buildStart = at();
await buildReports(
  {
    years: year === 'all' ? 'all' : [year],
    dataDir: flags.data,
    outDir: out,
    templateDir: path.join(ROOT, 'templates/default'),
    formats: new Set(flags.pdf ? ['html', 'pdf'] : ['html']),
    cwd: ROOT,
    sourceDate: new Date(1451606400 * 1000),
    generator: 'report bench',
  },
  deps,
);
const buildEnd = at();

const totals = new Map();
for (const e of events) {
  const t = totals.get(e.name) ?? { calls: 0, ms: 0 };
  totals.set(e.name, { calls: t.calls + 1, ms: t.ms + (e.end - e.start) });
}
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
// Parallel calls (the charts) shown as one span.
const merged = [];
for (const e of events) {
  const same = merged.find((m) => m.name === e.name && Math.abs(m.start - e.start) < 2);
  if (same) {
    same.end = Math.max(same.end, e.end);
    same.count += 1;
  } else merged.push({ ...e, count: 1 });
}
events.length = 0;
for (const m of merged)
  events.push({ ...m, name: m.count > 1 ? `${m.name} ×${m.count}, in parallel` : m.name });
console.log(
  `phases of build ${year} (${flags.pdf ? 'HTML + PDF' : 'HTML'}), ms since this script started:`,
);
console.log(`${'start'.padStart(9)} ${'took'.padStart(9)}  phase`);
const sorted = events.sort((a, b) => a.start - b.start);
let cursor = buildStart;
for (const e of flags.summary ? [] : sorted) {
  if (e.start >= buildStart && e.start - cursor > 5)
    console.log(
      `${fmt(cursor)} ${fmt(e.start - cursor)}  (pipeline's own work: stats, view model, render …)`,
    );
  console.log(`${fmt(e.start)} ${fmt(e.end - e.start)}  ${e.name}`);
  if (e.start >= buildStart) cursor = Math.max(cursor, e.end);
}
if (buildEnd - cursor > 5)
  console.log(`${fmt(cursor)} ${fmt(buildEnd - cursor)}  (pipeline's own work)`);
console.log(
  `${fmt(buildEnd)}            build done (buildReports took ${(buildEnd - buildStart).toFixed(0)} ms)`,
);
console.log('\ntotals per phase (parallel calls add up, so they can exceed the wall time):');
for (const [name, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms))
  console.log(`${fmt(t.ms)}  ${String(t.calls).padStart(4)} × ${name}`);

// Again, now that chart.js and the canvas are loaded and the fonts registered: drawing alone.
const draws = calls['drawChart (each)'] ?? [];
const drawStart = performance.now();
for (const args of draws) await real.drawChart(...args);
console.log(
  `\nagain with the chart runtime loaded: ${draws.length} charts drawn in ${(performance.now() - drawStart).toFixed(0)} ms (serially)`,
);
// Fonts without the subset cache (node_modules/.cache/report-fonts): a fresh clone's first build.
const fontArgs = calls['fontCss (select + subset fonts)']?.[0];
if (fontArgs) {
  const { fontFaceCss } = await dist('infra/fonts.js');
  const families = [
    { family: 'Noto Serif SC', package: '@fontsource/noto-serif-sc', weights: [400] },
    { family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', weights: [400, 700] },
  ];
  for (const cacheDir of [false, undefined]) {
    const s = performance.now();
    await fontFaceCss({ families, text: fontArgs[0] }, cacheDir === false ? { cacheDir } : {});
    console.log(
      `fontFaceCss ${cacheDir === false ? 'without the subset cache' : 'with the subset cache   '}: ${(performance.now() - s).toFixed(0)} ms`,
    );
  }
}
await import('node:fs/promises').then(({ rm }) => rm(out, { recursive: true, force: true }));
process.exit(0);
