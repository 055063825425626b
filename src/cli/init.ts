/**
 * `report init [DIR]`: a new organisation's data folder (default `data`), Chinese unless
 * `--lang en`, with one year of placeholder data that validates and builds as it is.
 *
 * It never overwrites: an existing file, or a folder with anything in it, is refused (exit 2,
 * like every refusal of what was typed). The files are written into a hidden folder beside the
 * target and renamed into place at the end, so a failure leaves nothing half-made.
 *
 * Each YAML file's first line points editors at its JSON Schema by a path relative to the file,
 * into `node_modules/ngo-annual-report/schemas/` of the folder above the data folder (or of the
 * nearest folder above it that has the package installed): the path works on every machine
 * where the project is checked out and `npm install` has run, and stays right after an upgrade
 * (docs/editor.md says why not an absolute path or a copy of the schemas).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ExitCode, ReportError } from '../errors.js';
import { starterFiles } from '../init/starter.js';
import { checkDataset } from '../read-dataset.js';
import type { Locale } from '../schema/files.js';
import { SCHEMA_DIR, schemaFileName, type SchemaName } from '../schema/json-schema.js';
import type { Io } from './io.js';

export interface InitOptions {
  dir?: string | undefined;
  lang?: Locale | undefined;
  year?: string | undefined;
}

const PACKAGE_NAME = (createRequire(import.meta.url)('../../package.json') as { name: string })
  .name;

export async function runInit(options: InitOptions, io: Io): Promise<number> {
  const lang: Locale = options.lang ?? 'zh-CN';
  const dir = options.dir ?? 'data';
  if (dir.trim() === '')
    throw new ReportError(
      'USAGE',
      { 'zh-CN': '没有指明要新建的文件夹', en: 'no folder named to create' },
      {
        hint: {
          'zh-CN': '例如 report init my-data；不写即新建 data',
          en: 'e.g. report init my-data; without it, data is made',
        },
      },
    );
  const year = options.year === undefined ? new Date().getFullYear() - 1 : initYear(options.year);
  const target = path.resolve(io.cwd, dir);
  await refuseExisting(target, dir);

  const { href, installed } = schemaLocation(target);
  const files = starterFiles({
    lang,
    year,
    dataDir: dir,
    schemaHref: (fileDir, name) => href(path.join(target, fileDir), name),
  });
  await writeFolder(target, files);

  // The folder is checked as `report validate` would: what init writes must be valid.
  const check = await checkDataset({ dataDir: target, cwd: io.cwd, lang });
  if (check.problems.length > 0)
    throw new Error(
      `report init wrote data that does not validate:\n${check.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`).join('\n')}`,
    );

  const shown = dir.split(path.sep).join('/');
  const quoted = /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown);
  const validate = `report validate --data ${quoted}`;
  const build = `report build ${year} --data ${quoted}`;
  const width = Math.max(validate.length, build.length) + 2;
  const command = (line: string, what: string) => `  ${line.padEnd(width)}${what}`;
  const out =
    lang === 'zh-CN'
      ? [
          `已新建数据文件夹 ${shown}/（${year} 年的示例数据，${files.length} 个文件）：`,
          ...files.map((f) => `  ${shown}/${f.path}`),
          '',
          '其中“某某”“示例”都是占位内容，请逐个改成贵机构的真实信息（每个文件中都有注释说明）。下一步：',
          command(validate, '检查数据'),
          command(build, `生成 out/${year}/report.html 和 report.pdf`),
          ...(installed
            ? []
            : [
                '',
                `编辑器提示：在${path.dirname(shown) === '.' ? '当前文件夹' : ` ${path.dirname(shown)}/ `}运行 npm install ${PACKAGE_NAME} 后，VS Code（安装推荐的 YAML 扩展）即可补全和检查各字段。`,
              ]),
        ]
      : [
          `Created the data folder ${shown}/ (placeholder data for ${year}, ${files.length} files):`,
          ...files.map((f) => `  ${shown}/${f.path}`),
          '',
          'Everything marked "Example" is a placeholder: replace it with your organisation’s own (each file explains its fields in comments). Next:',
          command(validate, 'check the data'),
          command(build, `out/${year}/report.html and report.pdf`),
          ...(installed
            ? []
            : [
                '',
                `Editor help: after npm install ${PACKAGE_NAME} in ${path.dirname(shown) === '.' ? 'this folder' : path.dirname(shown) + '/'}, VS Code (with the recommended YAML extension) completes and checks every field.`,
              ]),
        ];
  io.stdout(`${out.join('\n')}\n`);
  return ExitCode.ok;
}

/** A year for the starter data: four digits, as year folders are named. */
function initYear(text: string): number {
  if (/^[0-9]{4}$/.test(text) && Number(text) >= 1900 && Number(text) <= 2999) return Number(text);
  throw new ReportError(
    'USAGE',
    { 'zh-CN': `--year “${text}”不是年份`, en: `--year "${text}" is not a year` },
    {
      hint: {
        'zh-CN': '年份写四位数字，例如 --year 2024',
        en: 'write four digits, e.g. --year 2024',
      },
    },
  );
}

/** Nothing is overwritten: only a missing path or an empty folder is filled. */
async function refuseExisting(target: string, dir: string): Promise<void> {
  const info = await stat(target).catch(() => null);
  if (info === null) return;
  if (info.isDirectory() && (await readdir(target)).length === 0) return;
  const what = info.isDirectory()
    ? { 'zh-CN': '文件夹已存在且不是空的', en: 'the folder already exists and is not empty' }
    : { 'zh-CN': '已有同名的文件', en: 'a file of that name already exists' };
  throw new ReportError(
    'USAGE',
    {
      'zh-CN': `${dir}：${what['zh-CN']}（${target}）；report init 不会覆盖已有的文件`,
      en: `${dir}: ${what.en} (${target}); report init never overwrites anything`,
    },
    {
      hint: {
        'zh-CN': `换一个名称，例如 report init my-data；要检查已有的数据，运行 report validate --data ${dir}`,
        en: `name another folder, e.g. report init my-data; to check the data already there, run report validate --data ${dir}`,
      },
    },
  );
}

/**
 * Where editors find the schemas: the nearest folder at or above the data folder's parent that
 * has the package in node_modules, else the data folder's parent (where `npm install` would put
 * it). `installed` says whether the schemas are there now.
 */
export function schemaLocation(dataDir: string): {
  href: (fileDir: string, name: SchemaName) => string;
  installed: boolean;
} {
  const inModules = (folder: string) => path.join(folder, 'node_modules', PACKAGE_NAME, SCHEMA_DIR);
  let base = inModules(path.dirname(dataDir));
  let installed = false;
  for (let folder = path.dirname(dataDir); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(inModules(folder), schemaFileName('organization')))) {
      base = inModules(folder);
      installed = true;
      break;
    }
    if (path.dirname(folder) === folder) break;
  }
  return {
    href: (fileDir, name) =>
      path
        .relative(fileDir, path.join(base, schemaFileName(name)))
        .split(path.sep)
        .join('/'),
    installed,
  };
}

async function writeFolder(target: string, files: { path: string; text: string }[]): Promise<void> {
  const parent = path.dirname(target);
  let staging: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    staging = await mkdtemp(path.join(parent, '.report-tmp-init-'));
    for (const file of files) {
      const abs = path.join(staging, ...file.path.split('/'));
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, file.text, { flag: 'wx' });
    }
    // An empty folder at the target is replaced (refuseExisting let only that through).
    await rmdir(target).catch(() => undefined);
    await rename(staging, target);
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportError(
      'OUTPUT_FAILED',
      {
        'zh-CN': `无法写入 ${target}：${reason}`,
        en: `could not write ${target}: ${reason}`,
      },
      {
        cause: error,
        hint: {
          'zh-CN': '检查上级文件夹是否存在、是否有写入权限、磁盘是否已满',
          en: 'check that the folder above exists and is writable, and that the disk is not full',
        },
      },
    );
  }
}
