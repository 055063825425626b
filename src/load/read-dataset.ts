/**
 * The one entry point every stage uses for data: read the files, validate them, and return the
 * Dataset, or throw a DataError listing every problem (file:line:col, path, message, hint).
 */
import type { Dataset } from '../schema/files.js';
import { formatProblems } from '../validate/format-problems.js';
import { DataError, type Lang, type Problem } from '../validate/problem.js';
import { validateDataset } from '../validate/validate-dataset.js';
import { readDataFiles, type DataFiles } from './read-files.js';

export interface ReadDatasetOptions {
  dataDir: string;
  /** Problems name files relative to this folder. */
  cwd: string;
  /** Only these years must exist; every earlier year is loaded too (history for the stats). */
  years?: number[];
  lang?: 'zh-CN' | 'en';
  /** Also warn about characters the report's fonts lack (reads the fonts' cmaps; cached). */
  checkFonts?: boolean;
}

export interface DatasetCheck {
  dataset: Dataset | null;
  problems: Problem[];
  /** Never blocking: characters the fonts lack (with `checkFonts`). */
  warnings: Problem[];
  lang: Lang;
  files: DataFiles;
}

/** Reads and validates without throwing on data problems (for `report validate`). */
export async function checkDataset(options: ReadDatasetOptions): Promise<DatasetCheck> {
  const files = await readDataFiles({
    dataDir: options.dataDir,
    cwd: options.cwd,
    ...(options.years ? { years: options.years } : {}),
  });
  // Without readable fonts there is nothing to compare with (the build says why).
  const covers = options.checkFonts
    ? await import('../infra/font-coverage.js')
        .then((m) => m.bundledCoverage())
        .catch(() => undefined)
    : undefined;
  const result = validateDataset(files, { lang: options.lang, covers });
  return { ...result, files };
}

export async function readDataset(options: ReadDatasetOptions): Promise<Dataset> {
  const { dataset, problems, lang } = await checkDataset(options);
  if (dataset && problems.length === 0) return dataset;
  throw new DataError(problems, formatProblems(problems, 'text', lang).trimEnd());
}
