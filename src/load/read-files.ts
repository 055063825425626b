/**
 * The only module that reads data files: finds the year folders, reads each file (size checked
 * before reading) and hands the bytes to parseYamlFile. Problems with files — missing, too large,
 * not UTF-8 — become findings like any other, so one run reports all of them.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { reportError } from '../errors.js';
import { ORGANIZATION_FILE, YEAR_FILES } from '../schema/files.js';
import type { Finding } from '../problems/problem.js';
import type { DataImages } from '../schema/images.js';
import { defaultParseCache, parseCached } from './parse-cache.js';
import { MAX_FILE_BYTES, unreadableFile, type LoadedFile } from './loaded-file.js';
import { readDataImages } from './read-images.js';

export type YearFileKey = keyof typeof YEAR_FILES;

export interface YearFiles {
  year: number;
  /** The folder, relative to the working directory. */
  dir: string;
  files: Partial<Record<YearFileKey, LoadedFile>>;
}

export interface DataFiles {
  /** The data folder as given, relative to the working directory. */
  dataDir: string;
  organization: LoadedFile | null;
  years: YearFiles[];
  /** Missing files and folders (problems that belong to no parsed file). */
  findings: Finding[];
  /** The images the files name, read and re-encoded (src/load/read-images.ts). */
  images?: DataImages;
}

export interface ReadDataFilesOptions {
  dataDir: string;
  cwd: string;
  /** Only these years (and every earlier one) are read; they must exist. Default: all. */
  years?: readonly number[];
}

/**
 * Files parsed by earlier reads (a long-running process such as `report preview`), by path: a
 * file whose bytes are the same as then is not parsed again. Keyed by content, not by mtime,
 * so a save within the clock's granularity is never missed.
 */
export type ParsedFiles = Map<string, { bytes: Buffer; loaded: LoadedFile }>;

export const YEAR_FOLDER = /^[0-9]{4}$/;

export async function readDataFiles(
  options: ReadDataFilesOptions,
  parsed?: ParsedFiles,
): Promise<DataFiles> {
  const root = path.resolve(options.cwd, options.dataDir);
  const rel = (abs: string) => path.relative(options.cwd, abs).split(path.sep).join('/') || '.';
  const dataDir = rel(root);

  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw reportError('dataFolderNotFound', { dir: dataDir });

  const findings: Finding[] = [];
  const missing = (abs: string, code: string, params: Record<string, unknown> = {}) =>
    findings.push({ file: rel(abs), line: 0, col: 0, path: [], code, params });

  const folderYears: number[] = [];
  const misnamed: { name: string; year: number }[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const lookalike = YEAR_FOLDER.test(entry.name) ? null : misnamedYear(entry.name);
    if (!YEAR_FOLDER.test(entry.name) && lookalike === null) continue;
    const isDir =
      entry.isDirectory() ||
      (entry.isSymbolicLink() &&
        Boolean((await stat(path.join(root, entry.name)).catch(() => null))?.isDirectory()));
    if (!isDir) continue;
    if (lookalike === null) folderYears.push(Number(entry.name));
    else misnamed.push({ name: entry.name, year: lookalike });
  }
  folderYears.sort((a, b) => a - b);

  let years = folderYears;
  const last = options.years && options.years.length > 0 ? Math.max(...options.years) : null;
  if (options.years && last !== null) {
    years = folderYears.filter((y) => y <= last);
    for (const year of options.years)
      if (!folderYears.includes(year))
        missing(path.join(root, String(year)), 'year_folder_missing', {
          year,
          years: folderYears,
        });
  } else if (folderYears.length === 0) {
    missing(root, 'no_year_folders');
  }
  // A folder that was meant as a year but is not read would drop that year without a word.
  for (const { name, year } of misnamed.sort((a, b) => (a.name < b.name ? -1 : 1)))
    if (last === null || year <= last)
      missing(path.join(root, name), 'year_folder_misnamed', { name, year });

  const organizationPath = path.join(root, ORGANIZATION_FILE);
  const organization = await readDataFile(organizationPath, rel(organizationPath), parsed);
  if (!organization) missing(organizationPath, 'file_missing', { name: ORGANIZATION_FILE });

  const yearFiles: YearFiles[] = [];
  for (const year of years) {
    const dir = path.join(root, String(year));
    const files: YearFiles['files'] = {};
    const absent: { abs: string; name: string }[] = [];
    for (const [key, spec] of Object.entries(YEAR_FILES) as [
      YearFileKey,
      (typeof YEAR_FILES)[YearFileKey],
    ][]) {
      const abs = path.join(dir, spec.file);
      const loaded = await readDataFile(abs, rel(abs), parsed);
      if (loaded) files[key] = loaded;
      else if (spec.required) absent.push({ abs, name: spec.file });
    }
    // A folder with no data file at all is a year without data, said once (not once per file).
    if (Object.keys(files).length === 0) missing(dir, 'year_folder_empty', { year });
    else for (const { abs, name } of absent) missing(abs, 'file_missing', { name, year });
    yearFiles.push({ year, dir: rel(dir), files });
  }

  const read = await readDataImages(root, { organization, years: yearFiles });
  findings.push(...read.findings);
  return { dataDir, organization, years: yearFiles, findings, images: read.images };
}

/**
 * The year a folder name was meant to be when it is not exactly four digits: `2015 ` (a space),
 * `02015`, `２０１５` (full-width digits), `2015年`. Other names (`drafts`, `2015-old`) are not
 * years and are left alone.
 */
export function misnamedYear(name: string): number | null {
  const match = /^0*([1-9][0-9]{3})(?:年度?)?$/.exec(name.normalize('NFKC').trim());
  return match ? Number(match[1]) : null;
}

/** Reads and parses one file (unless `parsed` has it with the same bytes); null when it does not exist. */
export async function readDataFile(
  abs: string,
  file: string,
  parsed?: ParsedFiles,
): Promise<LoadedFile | null> {
  let handle;
  try {
    handle = await open(abs, 'r');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null;
    return unreadable(file, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      return unreadableFile(file, [finding(file, 'file_unreadable', { reason: 'a folder' })]);
    // Checked before reading: a huge file is refused without loading it into memory.
    if (info.size > MAX_FILE_BYTES)
      return unreadableFile(file, [
        finding(file, 'file_too_large', { size: info.size, limit: MAX_FILE_BYTES }),
      ]);
    const bytes = await handle.readFile();
    const known = parsed?.get(abs);
    if (known !== undefined && known.loaded.file === file && known.bytes.equals(bytes))
      return known.loaded;
    const loaded = await parseCached(abs, file, bytes, await defaultParseCache());
    parsed?.set(abs, { bytes, loaded });
    return loaded;
  } catch (error) {
    return unreadable(file, error);
  } finally {
    await handle.close();
  }
}

function unreadable(file: string, error: unknown): LoadedFile {
  const reason = isCode(error, 'EACCES')
    ? 'permission denied'
    : error instanceof Error
      ? error.message
      : String(error);
  return unreadableFile(file, [finding(file, 'file_unreadable', { reason })]);
}

function finding(file: string, code: string, params: Record<string, unknown>): Finding {
  return { file, line: 1, col: 1, path: [], code, params };
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
