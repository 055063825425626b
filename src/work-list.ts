/**
 * The work of a `build --all`: one item per (organisation, year) that has a narrative.yaml,
 * found by looking at the folders (nothing is parsed), and the stable split of that list into
 * `--shard K/N` parts for CI matrices: the list is sorted (organisation, then year) and item i
 * goes to shard (i mod N) + 1, so N jobs given the same checkout build each report exactly once
 * and their shares differ in size by at most one report.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ReportError } from './errors.js';
import { YEAR_FOLDER } from './load/read-files.js';
import type { Locale } from './schema/files.js';

/** One organisation's data folder; `name` is its output folder (null: one organisation, out/<year>/). */
export interface OrgFolder {
  name: string | null;
  /** As the user wrote it (relative to cwd, or absolute). */
  dataDir: string;
}

export interface WorkItem {
  org: OrgFolder;
  year: number;
}

export interface WorkList {
  /** Sorted by organisation name, then year. */
  items: WorkItem[];
  /** Year folders without a narrative.yaml (no report), sorted the same way. */
  skipped: WorkItem[];
}

export interface Shard {
  /** 1-based: shard K of N. */
  index: number;
  count: number;
}

/** `K/N` with K and N whole numbers, 1 ≤ K ≤ N. Anything else is a usage error naming --shard. */
export function parseShard(text: string, lang: Locale): Shard {
  const match = /^([0-9]{1,6})\/([0-9]{1,6})$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (index >= 1 && count >= 1 && index <= count) return { index, count };
  const shown = JSON.stringify(text);
  throw new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? `--shard ${shown} 无效：应写作 K/N，K、N 为正整数且 K 不大于 N`
      : `--shard ${shown} is not K/N with whole numbers 1 ≤ K ≤ N`,
    {
      hint:
        lang === 'zh-CN'
          ? '例如 --shard 1/3、--shard 2/3、--shard 3/3：三个任务合起来把每份报告各构建一次'
          : 'e.g. --shard 1/3, --shard 2/3 and --shard 3/3: the three jobs together build each report once',
    },
  );
}

/** The items of shard K of N: every N-th item of the sorted list, starting at the K-th. */
export function pickShard<T>(items: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...items];
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

/** The (organisation, year) list: year folders (YYYY) of each organisation, with or without a narrative. */
export async function scanWork(orgs: readonly OrgFolder[], cwd: string): Promise<WorkList> {
  const items: WorkItem[] = [];
  const skipped: WorkItem[] = [];
  const sorted = [...orgs].sort((a, b) => compare(a.name ?? '', b.name ?? ''));
  for (const org of sorted) {
    const root = path.resolve(cwd, org.dataDir);
    const entries = await readdir(root).catch(() => [] as string[]);
    const years = entries.filter((name) => YEAR_FOLDER.test(name)).sort();
    for (const name of years) {
      if (!(await isDir(path.join(root, name)))) continue;
      const item = { org, year: Number(name) };
      if (await isFile(path.join(root, name, 'narrative.yaml'))) items.push(item);
      else skipped.push(item);
    }
  }
  return { items, skipped };
}

/**
 * The organisations `--data` names: a folder (one organisation, as before); a pattern with `*`
 * or `?` in its last part (`orgs/*`: each matching folder is an organisation, named by its
 * folder); or a text file listing one folder per line (relative to the file; blank lines and
 * lines starting with # are ignored). Returns null for a plain folder.
 */
export async function expandOrgs(
  data: string,
  cwd: string,
  lang: Locale,
): Promise<OrgFolder[] | null> {
  let folders: string[];
  if (/[*?]/.test(path.basename(data))) {
    const parent = path.dirname(data);
    if (/[*?]/.test(parent)) throw patternError(data, lang);
    const re = globRegExp(path.basename(data));
    const names = await readdir(path.resolve(cwd, parent)).catch(() => [] as string[]);
    folders = [];
    for (const name of names.filter((n) => re.test(n) && !n.startsWith('.')).sort(compare))
      if (await isDir(path.resolve(cwd, parent, name))) folders.push(path.join(parent, name));
  } else if (await isFile(path.resolve(cwd, data))) {
    const text = await readFile(path.resolve(cwd, data), 'utf8');
    const base = path.dirname(data);
    folders = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => (path.isAbsolute(line) ? line : path.join(base, line)));
  } else {
    return null;
  }
  if (folders.length === 0) throw noOrganisations(data, lang);
  const orgs = folders.map((dataDir) => ({
    name: path.basename(path.resolve(cwd, dataDir)),
    dataDir,
  }));
  const seen = new Map<string, string>();
  for (const org of orgs) {
    const earlier = seen.get(org.name);
    if (earlier !== undefined) throw sameName(org.name, earlier, org.dataDir, lang);
    seen.set(org.name, org.dataDir);
  }
  return orgs;
}

function globRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function isDir(abs: string): Promise<boolean> {
  return Boolean((await stat(abs).catch(() => null))?.isDirectory());
}

async function isFile(abs: string): Promise<boolean> {
  return Boolean((await stat(abs).catch(() => null))?.isFile());
}

function patternError(data: string, lang: Locale): ReportError {
  return new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? `--data ${data}：通配符只能用在最后一级文件夹名中`
      : `--data ${data}: a wildcard may only be in the last folder name`,
    { hint: lang === 'zh-CN' ? "例如 --data 'orgs/*'" : "e.g. --data 'orgs/*'" },
  );
}

function noOrganisations(data: string, lang: Locale): ReportError {
  return new ReportError(
    'DATA_NOT_FOUND',
    lang === 'zh-CN'
      ? `--data ${data} 没有找到任何机构文件夹`
      : `--data ${data} names no organisation folder`,
    {
      hint:
        lang === 'zh-CN'
          ? "每个机构一个文件夹（内含 organization.yaml 和年份文件夹），例如 --data 'orgs/*'"
          : "one folder per organisation (with organization.yaml and year folders), e.g. --data 'orgs/*'",
    },
  );
}

function sameName(name: string, a: string, b: string, lang: Locale): ReportError {
  return new ReportError(
    'USAGE',
    lang === 'zh-CN'
      ? `两个机构文件夹同名“${name}”（${a} 与 ${b}）：它们的报告会写到同一个 out/${name}/ 中`
      : `two organisation folders are both named "${name}" (${a} and ${b}): their reports would be written to the same out/${name}/`,
    {
      hint: lang === 'zh-CN' ? '请将其中一个文件夹改名' : 'rename one of the folders',
    },
  );
}
