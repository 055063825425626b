/**
 * `report build` over a work list: many organisations (`--data 'orgs/*'` or a list file) and/or
 * a CI shard (`--shard K/N`). Each report built is named, each organisation that failed is
 * reported on stderr with its problems (file:line:col), and one summary line ends the run.
 * Exit code: 0 when nothing failed, else 1 (the failures above say what).
 */
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { ExitCode, ReportError, isReportError } from '../errors.js';
import { checkBrowserUrl } from '../infra/remote-browser.js';
import type { Locale } from '../schema/files.js';
import { expandOrgs, parseShard, pickShard, scanWork, type OrgFolder } from '../work-list.js';
import { parseFormats, realDeps } from './build.js';
import { messageLang, parseTimeoutSeconds, parseYear, refuseOutInsideData } from './flags.js';
import type { Io } from './io.js';
import { browserUrl, type WorkFlags } from './work-flags.js';
import { version } from './version.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../ports.js';

const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

export async function runBuildWork(flags: WorkFlags, io: Io): Promise<number> {
  const started = performance.now();
  const lang = messageLang(flags.lang, io.env);
  const shard = flags.shard === undefined ? null : parseShard(flags.shard, lang);
  if (flags.all && flags.year !== undefined) throw usage(T.yearAndAll, lang);
  if (!flags.all && flags.year === undefined) throw usage(T.whichYear, lang);
  const year = flags.year === undefined ? null : parseYear(flags.year, 'build');
  const formats = parseFormats(flags.format);
  const url = browserUrl(flags.browserUrl, io.env);
  if (url !== null) checkBrowserUrl(url, lang);
  const jobs =
    flags.jobs === undefined
      ? url === null
        ? 2
        : Math.max(2, availableParallelism())
      : parseJobs(flags.jobs, lang);
  const timeout = parseTimeoutSeconds(flags.timeout ?? String(DEFAULT_TIMEOUT_SECONDS));
  const folders: OrgFolder[] = (await expandOrgs(flags.data, io.cwd, lang)) ?? [
    { name: null, dataDir: flags.data },
  ];
  for (const org of folders) await refuseOutInsideData({ ...flags, data: org.dataDir }, io.cwd);

  const list = await scanWork(folders, io.cwd);
  const only = <T extends { year: number }>(items: T[]) =>
    year === null ? items : items.filter((i) => i.year === year);
  const all = only(list.items);
  if (all.length === 0) throw nothingToBuild(flags.data, lang);
  const mine = pickShard(all, shard);
  const skipped = pickShard(only(list.skipped), shard);
  const many = folders.some((o) => o.name !== null);
  const say = (key: keyof typeof T, ...args: (string | number)[]) => text(key, lang, ...args);
  if (shard !== null)
    io.stdout(say('shardHead', shard.index, shard.count, mine.length, all.length));
  if (mine.length === 0) return ExitCode.ok;

  const pdf = formats.has('pdf');
  const deps = await realDeps(io, flags.chrome, pdf, timeout * 1000, flags.template !== undefined);
  if (url !== null && pdf) {
    const { createRemotePrinter } = await import('../infra/remote-browser.js');
    deps.openPrinter = () => createRemotePrinter({ url, timeoutMs: timeout * 1000, lang });
  }
  const sourceDate = pdf
    ? (await import('../infra/pdf-postprocess.js')).sourceDateFromEnv(io.env)
    : null;
  const { buildWork } = await import('../build-work.js');
  const outcome = await buildWork(
    {
      items: mine,
      pagesInFlight: jobs,
      outDir: flags.out,
      templateDir: flags.template ?? DEFAULT_TEMPLATE,
      formats,
      cwd: io.cwd,
      ...(flags.lang ? { lang: flags.lang } : {}),
      sourceDate,
      generator: `report ${version}`,
    },
    deps,
  );

  let built = 0;
  for (const { org, results } of outcome.built) {
    for (const result of results) {
      built++;
      const shown = result.files.filter((f) => /report\.(html|pdf)$/.test(f)).join(', ');
      const who = org.name === null ? '' : `${org.name} `;
      const pages = result.pages === null ? '' : say('pages', result.pages);
      io.stdout(`${who}${result.year}: ${shown}${pages}\n`);
    }
  }
  if (skipped.length > 0) {
    const names = skipped.map((s) => (many ? `${s.org.name}/${s.year}` : String(s.year)));
    io.stdout(say('skipped', names.join(lang === 'zh-CN' ? '、' : ', ')));
  }
  for (const { org, years, error } of outcome.failed) {
    const who = org.name ?? org.dataDir;
    const code = isReportError(error) ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error[${code}] ${who} (${years.join(', ')}): ${message}\n`);
    if (isReportError(error) && error.hint) io.stderr(`  hint: ${error.hint}\n`);
  }
  const failedReports = outcome.failed.reduce((n, f) => n + f.years.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(say('summary', built, skipped.length, failedReports, outcome.failed.length, seconds));
  // A single organisation keeps its own exit code (3 for a template, 4 for the browser…).
  const only1 = outcome.failed.length === 1 && !many ? outcome.failed[0]?.error : undefined;
  if (isReportError(only1)) return only1.exitCode;
  return outcome.failed.length > 0 ? ExitCode.invalidData : ExitCode.ok;
}

const T = {
  yearAndAll: { en: 'give a year or --all, not both', 'zh-CN': '请给出年份或 --all，不要同时给出' },
  whichYear: { en: 'which year?', 'zh-CN': '构建哪一年？' },
  shardHead: {
    en: 'shard {0}/{1}: {2} of {3} reports\n',
    'zh-CN': '分片 {0}/{1}：共 {3} 份报告，本分片构建 {2} 份\n',
  },
  pages: { en: ' ({0} pages)', 'zh-CN': '（{0} 页）' },
  skipped: {
    en: 'not built (no narrative.yaml): {0}\n',
    'zh-CN': '未构建（没有 narrative.yaml）：{0}\n',
  },
  summary: {
    en: 'built {0}, skipped {1}, failed {2} (in {3} organisations) in {4} s\n',
    'zh-CN': '已构建 {0} 份，跳过 {1} 份，失败 {2} 份（涉及 {3} 个机构），用时 {4} 秒\n',
  },
} satisfies Record<string, Record<Locale, string>>;

function text(key: keyof typeof T, lang: Locale, ...args: (string | number)[]): string {
  return T[key][lang].replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)]));
}

function usage(message: Record<Locale, string>, lang: Locale): ReportError {
  return new ReportError('USAGE', message[lang], {
    hint:
      lang === 'zh-CN'
        ? "例如 report build --all --shard 1/3，或 report build --all --data 'orgs/*'"
        : "e.g. report build --all --shard 1/3, or report build --all --data 'orgs/*'",
  });
}

/** Pages printed at once: a whole number from 1 to 64. */
function parseJobs(text: string, lang: Locale): number {
  const jobs = /^[0-9]{1,2}$/.test(text) ? Number(text) : NaN;
  if (jobs >= 1 && jobs <= 64) return jobs;
  throw new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? `--jobs ${JSON.stringify(text)} 无效：应为 1 到 64 的整数`
      : `--jobs ${JSON.stringify(text)} is not a whole number from 1 to 64`,
    { hint: lang === 'zh-CN' ? '例如 --jobs 4' : 'e.g. --jobs 4' },
  );
}

function nothingToBuild(data: string, lang: Locale): ReportError {
  return new ReportError(
    'DATA_NOT_FOUND',
    lang === 'zh-CN'
      ? `没有可构建的报告：${data} 中没有含 narrative.yaml 的年份文件夹`
      : `nothing to build: no year folder in ${data} has a narrative.yaml`,
    {
      hint:
        lang === 'zh-CN'
          ? '每个有 narrative.yaml 的年份生成一份报告（格式见 docs/data-format.md）'
          : 'a report is built for each year that has a narrative.yaml (see docs/data-format.md)',
    },
  );
}
