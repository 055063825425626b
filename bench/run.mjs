#!/usr/bin/env node
/**
 * `npm run bench`: how fast and how large `report` is, measured against floors in one run.
 *
 *   (a) report build 2015 (HTML + PDF), whole process   vs (b) chromium --print-to-pdf of its HTML
 *   (c) report build 2015 --format html                 vs (d) node -e 0
 *   (e) report build --all, 20 generated years          vs 20 separate `report build <year>`
 *   computeStats over 50 years × 500 projects (in process, dist/)
 *   validation of a ~2 MB projects.yaml (in-process readDataset, and `report validate` as a process)
 *   peak RSS of the Node process of (a) (Chromium's processes excluded)
 *   report preview: save → reloaded page, and the warm re-print of the PDF (bench/lib/preview.mjs)
 *
 * Commands of a comparison alternate (a b a b …) after one warm-up each, so drift hits both.
 * Targets are reported PASS/FAIL, but the exit code is 0: this is a benchmark, not a test. It
 * exits non-zero only when it cannot measure (no dist/, no data, a command failed, invalid data).
 *
 * Options: --quick (fewer runs), --only ab,cd,e,stats,validate,rss,preview,scaling, --chrome PATH,
 *          --data DIR (default data), --year YYYY (default 2015), --json FILE, --keep (temp files)
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './lib/machine.mjs';
import { alternate, runTimed, summarise, timeInProcess } from './lib/measure.mjs';
import { measurePreview } from './lib/preview.mjs';
import { writeScaledExample } from './lib/scale-dataset.mjs';
import {
  generateDataset,
  writeDataFolder,
  writeLargeProjectsFolder,
} from './lib/write-dataset.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/report.js');
const SOURCE_DATE_EPOCH = '1451606400';
const TARGETS = {
  ab: 1.2,
  cd: 5,
  e: 0.2,
  rssMb: 300,
  allRssMb: 300,
  reloadMs: 300,
  reprintMs: 1000,
};
const E_YEARS = 20;
const E_PROJECTS_PER_YEAR = 20;

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    chrome: { type: 'string' },
    data: { type: 'string', default: 'data' },
    year: { type: 'string', default: '2015' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = flags.quick
  ? { ab: 3, cd: 5, e: 1, stats: 5, validate: 3, rss: 1, preview: 5, scaling: 1 }
  : { ab: 7, cd: 15, e: 3, stats: 15, validate: 7, rss: 3, preview: 15, scaling: 3 };
const parts = new Set((flags.only ?? 'ab,cd,e,stats,validate,rss,preview').split(','));
const chromium = flags.chrome ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
const year = flags.year;

const progress = (message) => process.stderr.write(`bench: ${message}\n`);
const env = { ...process.env, SOURCE_DATE_EPOCH };
const node = process.execPath;

function preflight() {
  const problems = [];
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js')))
    problems.push('dist/ is missing: run `npm ci` (its prepare script builds) or `npm run build`');
  else if (newestMtime(path.join(ROOT, 'src')) > newestMtime(path.join(ROOT, 'dist')))
    progress(
      'warning: src/ changed after dist/ was built; the figures are for dist/ (npm run build)',
    );
  const narrative = path.resolve(ROOT, flags.data, year, 'narrative.yaml');
  if (
    (parts.has('ab') || parts.has('cd') || parts.has('rss') || parts.has('preview')) &&
    !existsSync(narrative)
  )
    problems.push(`${path.relative(ROOT, narrative)} is missing: (a)–(d) build the example year`);
  if ((parts.has('ab') || parts.has('e') || parts.has('preview')) && !existsSync(chromium))
    problems.push(`no Chromium at ${chromium}: pass --chrome PATH`);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`bench: ${p}\n`);
    process.exit(2);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(
      newest,
      statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs,
    );
  }
  return newest;
}

/** `report …` as a whole process, from the repository root (so `--data data` is the example). */
const report = (args, check) => async () =>
  runTimed(node, [BIN, ...args], { cwd: ROOT, env, check });

const fileCheck = (file) => () =>
  existsSync(file) && statSync(file).size > 0 ? null : `did not write ${file}`;

const results = { rows: [], ratios: [], targets: [], notes: [] };
const row = (label, samples, unit = 'ms') =>
  results.rows.push({ label, unit, ...summarise(samples) });
/** The CPU time (user + system) of the same runs, when GNU time could measure it. */
const cpuRow = (label, samples) => {
  if (samples.length > 0) row(`    CPU user+sys of ${label}`, samples);
};
/** The load average as a part starts and ends: every figure is read against it. */
const loadNote = (part, atStart) =>
  results.notes.push(
    `load average during ${part}: ${atStart} at start, ${loadNow()} at end (${os.availableParallelism?.() ?? os.cpus().length} cores)`,
  );
const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function benchPdf(tmp) {
  const out = path.join(tmp, 'out');
  const html = path.join(out, year, 'report.html');
  const floorPdf = path.join(tmp, 'floor.pdf');
  const dataArgs = [
    '--data',
    flags.data,
    '--out',
    out,
    ...(flags.chrome ? ['--chrome', chromium] : []),
  ];
  const a = report(['build', year, ...dataArgs], fileCheck(path.join(out, year, 'report.pdf')));
  const b = async () => {
    rmSync(floorPdf, { force: true });
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--print-to-pdf=${floorPdf}`,
      '--no-pdf-header-footer',
      pathToFileURL(html).href,
    ];
    return runTimed(chromium, args, { env, check: fileCheck(floorPdf) });
  };
  progress(`(a)/(b): build ${year} vs chromium --print-to-pdf, ${RUNS.ab} runs each + warm-up`);
  const load = loadNow();
  const s = await alternate(
    [
      { key: 'a', run: a },
      { key: 'b', run: b },
    ],
    RUNS.ab,
    { onRound: (i, n) => progress(`  round ${i}/${n}`) },
  );
  row(`(a) report build ${year} (HTML + PDF)`, s.a);
  row('(b) chromium --print-to-pdf of that HTML', s.b);
  cpuRow('(a)', s.cpu.a);
  cpuRow('(b)', s.cpu.b);
  loadNote('(a)/(b)', load);
  ratio('a/b', s.a, s.b, TARGETS.ab, `≤ ${TARGETS.ab}`);
  results.notes.push(
    `PDF: report ${(statSync(path.join(out, year, 'report.pdf')).size / 1024).toFixed(0)} KiB, ` +
      `floor ${(statSync(floorPdf).size / 1024).toFixed(0)} KiB; HTML ${(statSync(html).size / 1024).toFixed(0)} KiB`,
  );
}

async function benchHtml(tmp) {
  const out = path.join(tmp, 'out-html');
  const c = report(
    ['build', year, '--format', 'html', '--data', flags.data, '--out', out],
    fileCheck(path.join(out, year, 'report.html')),
  );
  const d = async () => runTimed(node, ['-e', '0'], { env });
  progress(`(c)/(d): build ${year} --format html vs node -e 0, ${RUNS.cd} runs each + warm-up`);
  const load = loadNow();
  const s = await alternate(
    [
      { key: 'c', run: c },
      { key: 'd', run: d },
    ],
    RUNS.cd,
  );
  row(`(c) report build ${year} --format html`, s.c);
  row('(d) node -e 0', s.d);
  cpuRow('(c)', s.cpu.c);
  cpuRow('(d)', s.cpu.d);
  loadNote('(c)/(d)', load);
  ratio('c/d', s.c, s.d, TARGETS.cd, `≤ ${TARGETS.cd}`);
}

async function benchAll(tmp) {
  const data = path.join(tmp, 'data-20y');
  const firstYear = 2015 - E_YEARS + 1;
  const dataset = await generateDataset({
    years: E_YEARS,
    projectsPerYear: E_PROJECTS_PER_YEAR,
    firstYear,
  });
  await writeDataFolder(data, dataset, { narratives: true });
  // Invalid generated data would make (e) measure error paths: stop here, loudly.
  try {
    await runTimed(node, [BIN, 'validate', '--data', data], { cwd: ROOT, env });
  } catch (error) {
    process.stderr.write(
      `bench: the generated ${E_YEARS}-year data set is invalid:\n${error.message}\n`,
    );
    process.exit(1);
  }
  const years = dataset.years.map((y) => y.year);
  const outAll = path.join(tmp, 'out-all');
  const outEach = path.join(tmp, 'out-each');
  const lastPdf = (out) => fileCheck(path.join(out, String(years.at(-1)), 'report.pdf'));
  const peaks = [];
  const peakFile = path.join(tmp, 'peak-all.json');
  const all = async () => {
    const result = await runTimed(
      node,
      withPeakRss(['build', '--all', '--data', data, '--out', outAll]),
      { cwd: ROOT, env: { ...env, BENCH_PEAK_RSS_FILE: peakFile }, check: lastPdf(outAll) },
    );
    peaks.push(JSON.parse(readFileSync(peakFile, 'utf8')).vmHwmKb / 1024);
    return result;
  };
  const each = async () => {
    const total = { ms: 0, cpuMs: 0 };
    for (const y of years) {
      const { ms, cpuMs } = await report(['build', String(y), '--data', data, '--out', outEach])();
      total.ms += ms;
      total.cpuMs = cpuMs === null || total.cpuMs === null ? null : total.cpuMs + cpuMs;
    }
    return total;
  };
  progress(
    `(e): build --all (${E_YEARS} years × ${E_PROJECTS_PER_YEAR} projects) vs ${E_YEARS} separate builds, ` +
      `${RUNS.e} runs each${flags.quick ? '' : ' + warm-up'}`,
  );
  const load = loadNow();
  const s = await alternate(
    [
      { key: 'all', run: all },
      { key: 'each', run: each },
    ],
    RUNS.e,
    { warmUp: !flags.quick, onRound: (i, n) => progress(`  round ${i}/${n}`) },
  );
  row(`(e) report build --all (${E_YEARS} years)`, s.all);
  row(`    ${E_YEARS} × report build <year>`, s.each);
  cpuRow('(e)', s.cpu.all);
  cpuRow(`${E_YEARS} separate builds`, s.cpu.each);
  ratio(`e/(${E_YEARS} separate)`, s.all, s.each, TARGETS.e, `≤ ${TARGETS.e * 100} %`, true);
  const peak = Math.max(...peaks);
  target(
    `peak RSS of --all ≤ ${TARGETS.allRssMb} MB`,
    `${peak.toFixed(0)} MB (max of ${peaks.length}, ${E_YEARS} years)`,
    peak <= TARGETS.allRssMb,
  );
  loadNote('(e)', load);
  results.notes.push(
    `(e) data: ${E_YEARS} years ${firstYear}–${years.at(-1)}, ${E_PROJECTS_PER_YEAR} projects a year, ` +
      `each year with a narrative; peak RSS (VmHWM) of build --all: ${peak.toFixed(0)} MB`,
  );
}

async function benchStats() {
  const { computeStats } = await import(pathToFileURL(path.join(ROOT, 'dist/stats/index.js')).href);
  progress('statistics: generating 50 years × 500 projects');
  const dataset = await generateDataset({ years: 50, projectsPerYear: 500 });
  const last = dataset.years.at(-1).year;
  const samples = await timeInProcess(() => computeStats(dataset, last), RUNS.stats);
  row(`computeStats(50 years × 500 projects, ${last}), in process`, samples);
}

async function benchValidate(tmp) {
  const data = path.join(tmp, 'data-2mb');
  const { projectsPerYear, sizes } = await writeLargeProjectsFolder(data, 2 * 1024 * 1024);
  const { readDataset } = await import(pathToFileURL(path.join(ROOT, 'dist/read-dataset.js')).href);
  progress(
    `validation: projects.yaml of ${(sizes['2015/projects.yaml'] / 2 ** 20).toFixed(2)} MiB`,
  );
  const inProcess = await timeInProcess(
    () => readDataset({ dataDir: data, cwd: tmp }),
    RUNS.validate,
  );
  row('readDataset, 2 MB projects.yaml, in process', inProcess);
  const cli = report(['validate', '--data', data]);
  const s = await alternate([{ key: 'cli', run: cli }], RUNS.validate);
  row('report validate, 2 MB projects.yaml, process', s.cli);
  results.notes.push(
    `validation data: ${projectsPerYear} projects; projects.yaml ${(sizes['2015/projects.yaml'] / 2 ** 20).toFixed(2)} MiB, ` +
      `income.yaml ${(sizes['2015/income.yaml'] / 2 ** 20).toFixed(2)} MiB (one line per funder)`,
  );
}

/** `node` arguments that run `report <args>` and record its peak RSS (VmHWM) in BENCH_PEAK_RSS_FILE. */
function withPeakRss(args) {
  return ['--import', path.join(ROOT, 'bench/lib/record-peak-rss.mjs'), BIN, ...args];
}

async function benchRss(tmp) {
  const out = path.join(tmp, 'out-rss');
  const peakFile = path.join(tmp, 'peak.json');
  const args = withPeakRss(['build', year, '--data', flags.data, '--out', out]);
  progress(`peak RSS: ${RUNS.rss} run(s) of (a) with the Node process's VmHWM recorded at exit`);
  const peaks = [];
  for (let i = 0; i < RUNS.rss; i += 1) {
    await runTimed(node, args, { cwd: ROOT, env: { ...env, BENCH_PEAK_RSS_FILE: peakFile } });
    peaks.push(JSON.parse(readFileSync(peakFile, 'utf8')).vmHwmKb / 1024);
  }
  const peak = summarise(peaks);
  results.rows.push({ label: `peak RSS of the Node process of (a)`, unit: 'MB', ...peak });
  target(
    `peak RSS ≤ ${TARGETS.rssMb} MB`,
    `${peak.max.toFixed(0)} MB (max of ${peak.n})`,
    peak.max <= TARGETS.rssMb,
  );
  // For comparison: GNU time's %M is the largest of the process and its reaped children.
  if (existsSync('/usr/bin/time')) {
    const { output } = await runTimed(
      '/usr/bin/time',
      ['-f', 'BENCH_MAXRSS %M', node, BIN, 'build', year, '--data', flags.data, '--out', out],
      { cwd: ROOT, env },
    );
    const kb = Number(/BENCH_MAXRSS (\d+)/.exec(output)?.[1]);
    results.notes.push(
      `/usr/bin/time -f %M on (a) says ${(kb / 1024).toFixed(0)} MB: that counts the largest reaped ` +
        "child too (Chromium's browser process), so the Node figure above comes from /proc/self/status VmHWM",
    );
  }
}

/**
 * Scaling curves (opt-in: --only scaling): `report validate` and `report build --format html`
 * on the example at 1×, 10× and 100× its projects and narrative, and `build --all` (HTML + PDF)
 * over 5, 20 and 80 generated years. Each point: the median wall time, CPU time and peak RSS of
 * its runs (after one warm-up that fills the chart and font caches), and its growth against the
 * first point divided by the growth of the input (1.0 = linear, above 1 = worse than linear).
 */
async function benchScaling(tmp) {
  const runs = RUNS.scaling;
  const curves = [];
  const point = async (label, size, command, peakOf) => {
    const samples = [];
    // Run 0 is a warm-up that fills the chart and font caches; --quick measures first builds.
    for (let i = flags.quick ? 1 : 0; i <= runs; i += 1) {
      const result = await command();
      const peakKb = peakOf ? peakOf() : result.maxRssKb;
      if (i > 0) samples.push({ ...result, peakKb });
    }
    const median = (key) => summarise(samples.map((x) => x[key])).median;
    const p = {
      label,
      size,
      ms: median('ms'),
      cpuMs: median('cpuMs'),
      peakMb: median('peakKb') / 1024,
    };
    // Each point as it is measured: a long run stopped halfway still shows what it measured.
    progress(
      `  ${label}: wall ${(p.ms / 1000).toFixed(2)} s, CPU ${(p.cpuMs / 1000).toFixed(2)} s, ` +
        `peak RSS ${p.peakMb.toFixed(0)} MB (load ${loadNow()})`,
    );
    return p;
  };
  const load = loadNow();
  for (const k of [1, 10, 100]) {
    const data = path.join(tmp, `scaled-${k}`);
    writeScaledExample(path.resolve(ROOT, flags.data), data, k);
    progress(`scaling: the example at ${k}×, ${runs} run(s) each + warm-up`);
    const out = path.join(tmp, `scaled-out-${k}`);
    curves.push(
      {
        curve: 'report validate',
        ...(await point(`${k}×`, k, report(['validate', '--data', data]))),
      },
      {
        curve: 'report build --format html',
        ...(await point(
          `${k}×`,
          k,
          report(['build', year, '--format', 'html', '--data', data, '--out', out, '--quiet']),
        )),
      },
    );
  }
  for (const years of [5, 20, 80]) {
    const data = path.join(tmp, `years-${years}`);
    const dataset = await generateDataset({
      years,
      projectsPerYear: E_PROJECTS_PER_YEAR,
      firstYear: 2015 - years + 1,
    });
    await writeDataFolder(data, dataset, { narratives: true });
    progress(`scaling: build --all over ${years} years, ${runs} run(s) + warm-up`);
    const peakFile = path.join(tmp, `peak-${years}.json`);
    const out = path.join(tmp, `years-out-${years}`);
    const run = () =>
      runTimed(
        node,
        // Two years print at once; on a loaded machine one print can exceed the default 60 s.
        withPeakRss([
          'build',
          '--all',
          '--data',
          data,
          '--out',
          out,
          '--quiet',
          '--timeout',
          '900',
        ]),
        { cwd: ROOT, env: { ...env, BENCH_PEAK_RSS_FILE: peakFile } },
      );
    const vmHwm = () => JSON.parse(readFileSync(peakFile, 'utf8')).vmHwmKb;
    curves.push({
      curve: 'report build --all (HTML + PDF)',
      ...(await point(`${years} years`, years, run, vmHwm)),
    });
  }
  loadNote('scaling', load);
  results.scaling = curves;
}

function printScaling(lines) {
  if (!results.scaling) return;
  lines.push(
    '',
    'scaling (medians; growth = (time or RSS ratio to the first point) / (size ratio): 1.0 is linear):',
    `  ${'what'.padEnd(34)} ${'size'.padEnd(9)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'peak RSS'.padStart(9)}  CPU growth`,
  );
  const first = new Map();
  for (const p of results.scaling) {
    if (!first.has(p.curve)) first.set(p.curve, p);
    const f = first.get(p.curve);
    const growth = p === f ? '' : (p.cpuMs / f.cpuMs / (p.size / f.size)).toFixed(2);
    lines.push(
      `  ${p.curve.padEnd(34)} ${p.label.padEnd(9)} ${`${(p.ms / 1000).toFixed(2)} s`.padStart(9)} ` +
        `${`${(p.cpuMs / 1000).toFixed(2)} s`.padStart(9)} ${`${p.peakMb.toFixed(0)} MB`.padStart(9)}  ${growth}`,
    );
  }
}

async function benchPreview(tmp) {
  progress(
    `preview: ${RUNS.preview} narrative edits (+1 warm-up), each reloaded in Chromium and re-printed`,
  );
  const { reload, reprint } = await measurePreview({
    bin: BIN,
    dataDir: path.resolve(ROOT, flags.data),
    tmp,
    year,
    runs: RUNS.preview,
    chromium,
    env,
    progress,
  });
  row('report preview: save narrative.yaml → page reloaded', reload);
  row('report preview: warm re-print of the PDF', reprint);
  const reloadMedian = summarise(reload).median;
  const reprintMedian = summarise(reprint).median;
  target(
    `save → reload ≤ ${TARGETS.reloadMs} ms`,
    `${reloadMedian.toFixed(0)} ms`,
    reloadMedian <= TARGETS.reloadMs,
  );
  target(
    `warm re-print ≤ ${TARGETS.reprintMs / 1000} s`,
    `${reprintMedian.toFixed(0)} ms`,
    reprintMedian <= TARGETS.reprintMs,
  );
}

function ratio(label, xs, ys, limit, shown, asPercent = false) {
  const value = summarise(xs).median / summarise(ys).median;
  const text = asPercent ? `${(value * 100).toFixed(1)} %` : value.toFixed(2);
  results.ratios.push({ label, value, text });
  target(`${label} ${shown}`, text, value <= limit);
}

function target(label, value, pass) {
  results.targets.push({ label, value, pass });
}

function printReport(machine, seconds) {
  const lines = [];
  const fmt = (v, unit) =>
    unit === 'ms'
      ? v >= 1000
        ? `${(v / 1000).toFixed(2)} s`
        : `${v.toFixed(1)} ms`
      : `${v.toFixed(0)} ${unit}`;
  const width = Math.max(...results.rows.map((r) => r.label.length));
  lines.push(
    '',
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, ${machine.os}`,
  );
  lines.push(
    `         Node ${machine.node}, ${machine.chromium}; load average at start ${machine.load}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  lines.push(
    '',
    `${'what'.padEnd(width)}  ${'median'.padStart(10)}  ${'min'.padStart(10)}  ${'max'.padStart(10)}  ${'n'.padStart(3)}`,
  );
  for (const r of results.rows) {
    lines.push(
      `${r.label.padEnd(width)}  ${fmt(r.median, r.unit).padStart(10)}  ${fmt(r.min, r.unit).padStart(10)}  ${fmt(r.max, r.unit).padStart(10)}  ${String(r.n).padStart(3)}`,
    );
  }
  if (results.ratios.length > 0) {
    lines.push('', 'ratios of medians:');
    for (const r of results.ratios) lines.push(`  ${r.label.padEnd(24)} ${r.text}`);
  }
  printScaling(lines);
  if (results.targets.length > 0) lines.push('', 'targets:');
  for (const t of results.targets)
    lines.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.label.padEnd(28)} ${t.value}`);
  if (results.notes.length > 0) {
    lines.push('', 'notes:');
    for (const n of results.notes) lines.push(`  - ${n}`);
  }
  lines.push(
    '',
    `(SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH}; ${flags.quick ? 'quick' : 'full'} run in ${seconds.toFixed(0)} s)`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

preflight();
const machine = describeMachine(chromium);
const started = performance.now();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'report-bench-'));
try {
  if (parts.has('ab')) await benchPdf(tmp);
  if (parts.has('cd')) await benchHtml(tmp);
  if (parts.has('e')) await benchAll(tmp);
  if (parts.has('stats')) await benchStats();
  if (parts.has('validate')) await benchValidate(tmp);
  if (parts.has('rss')) await benchRss(tmp);
  if (parts.has('preview')) await benchPreview(tmp);
  // Opt-in (many minutes): --only scaling.
  if (parts.has('scaling')) await benchScaling(tmp);
  // Opt-in (minutes): --only orgs. Many organisations, pages in flight, a browser endpoint.
  if (parts.has('orgs'))
    await (await import('./orgs.mjs')).benchOrgs({ orgs: flags.quick ? 20 : 200, chromium });
  printReport(machine, (performance.now() - started) / 1000);
  if (flags.json) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      flags.json,
      `${JSON.stringify({ machine, runs: RUNS, ...results }, null, 2)}\n`,
    );
  }
} catch (error) {
  // Could not measure (a command failed): that is an error, unlike a missed target.
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  if (flags.keep) progress(`kept ${tmp}`);
  else await rm(tmp, { recursive: true, force: true });
}
