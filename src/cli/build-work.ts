/**
 * `report build` over a work list: many organisations (`--data 'orgs/*'` or a list file) and/or
 * a CI shard (`--shard K/N`). Each report built is named, each organisation that failed is
 * reported on stderr with its problems (file:line:col), and one summary line ends the run.
 * Exit code: 0 when nothing failed, else 1 (the failures above say what).
 */
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { ExitCode, isReportError, reportError } from '../errors.js';
import { checkBrowserUrl } from '../infra/remote-browser.js';
import { expandOrgs, parseShard, pickShard, scanWork, type OrgFolder } from '../work-list.js';
import { parseFormats, realDeps } from './build.js';
import { messageLang, parseTimeoutSeconds, parseYear, refuseOutInsideData } from './flags.js';
import { cliMessages } from './messages.js';
import type { Io } from './io.js';
import { browserUrl, type WorkFlags } from './work-flags.js';
import { version } from './version.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../ports.js';

const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/default', import.meta.url));

export async function runBuildWork(flags: WorkFlags, io: Io): Promise<number> {
  const started = performance.now();
  const lang = messageLang(flags.lang, io.env);
  const shard = flags.shard === undefined ? null : parseShard(flags.shard, lang);
  if (flags.all && flags.year !== undefined) throw reportError('yearAndAll', {});
  if (!flags.all && flags.year === undefined) throw reportError('whichYear', {});
  const year = flags.year === undefined ? null : parseYear(flags.year, 'build');
  const formats = parseFormats(flags.format);
  const url = browserUrl(flags.browserUrl, io.env);
  if (url !== null) checkBrowserUrl(url);
  const jobs =
    flags.jobs === undefined
      ? url === null
        ? 2
        : Math.max(2, availableParallelism())
      : parseJobs(flags.jobs);
  const timeout = parseTimeoutSeconds(flags.timeout ?? String(DEFAULT_TIMEOUT_SECONDS));
  const folders: OrgFolder[] = (await expandOrgs(flags.data, io.cwd, lang)) ?? [
    { name: null, dataDir: flags.data },
  ];
  for (const org of folders) await refuseOutInsideData({ ...flags, data: org.dataDir }, io.cwd);

  const list = await scanWork(folders, io.cwd);
  const only = <T extends { year: number }>(items: T[]) =>
    year === null ? items : items.filter((i) => i.year === year);
  const all = only(list.items);
  if (all.length === 0) throw reportError('noWorkToBuild', { data: flags.data });
  const mine = pickShard(all, shard);
  const skipped = pickShard(only(list.skipped), shard);
  const many = folders.some((o) => o.name !== null);
  const t = cliMessages(lang);
  if (shard !== null)
    io.stdout(`${t.workShard(shard.index, shard.count, mine.length, all.length)}\n`);
  if (mine.length === 0) return ExitCode.ok;

  const pdf = formats.has('pdf');
  const deps = await realDeps(io, flags.chrome, pdf, timeout * 1000, flags.template !== undefined);
  if (url !== null && pdf) {
    const { createRemotePrinter } = await import('../infra/remote-browser.js');
    deps.openPrinter = () => createRemotePrinter({ url, timeoutMs: timeout * 1000 });
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
      io.stdout(`${t.workBuilt(org.name, result.year, shown, result.pages)}\n`);
    }
  }
  if (skipped.length > 0) {
    const names = skipped.map((s) => (many ? `${s.org.name}/${s.year}` : String(s.year)));
    io.stdout(`${t.notBuilt(names.join(lang === 'zh-CN' ? '、' : ', '))}\n`);
  }
  for (const { org, years, error } of outcome.failed) {
    // In the reader's language, as every line above; a message written in one language (data
    // problems are worded in the reader's language too) is printed with that language's words.
    const shownLang = isReportError(error) ? error.printLang(lang) : lang;
    const said = cliMessages(shownLang);
    const who = org.name ?? org.dataDir;
    const code = isReportError(error) ? error.code : 'INTERNAL';
    const message = isReportError(error)
      ? error.messageIn(shownLang)
      : `${said.internalError} ${error instanceof Error ? error.message : String(error)}`;
    const yearList = years.join(shownLang === 'zh-CN' ? '、' : ', ');
    io.stderr(`${said.workFailed(code, who, yearList)}${message}\n`);
    const hint = isReportError(error) ? error.hintIn(shownLang) : undefined;
    if (hint) io.stderr(`  ${said.hintPrefix}${hint}\n`);
  }
  const failedReports = outcome.failed.reduce((n, f) => n + f.years.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const orgs = outcome.failed.length;
  io.stdout(`${t.workSummary(built, skipped.length, failedReports, orgs, seconds)}\n`);
  // A single organisation keeps its own exit code (3 for a template, 4 for the browser…).
  const only1 = outcome.failed.length === 1 && !many ? outcome.failed[0]?.error : undefined;
  if (isReportError(only1)) return only1.exitCode;
  return outcome.failed.length > 0 ? ExitCode.invalidData : ExitCode.ok;
}

/** Pages printed at once: a whole number from 1 to 64. */
function parseJobs(text: string): number {
  const jobs = /^[0-9]{1,2}$/.test(text) ? Number(text) : NaN;
  if (jobs >= 1 && jobs <= 64) return jobs;
  throw reportError('badJobs', { text: JSON.stringify(text) });
}
