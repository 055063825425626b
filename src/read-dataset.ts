/**
 * Data for the commands that need it without a report (`validate`, `stats`): the files read
 * (src/load), then validated (src/validate), the two steps the build pipeline also takes.
 */
import { readDataFiles, type DataFiles } from './load/read-files.js';
import type { Problem } from './problems/problem.js';
import type { Dataset, Locale } from './schema/files.js';
import { validateDataset, validData } from './validate/validate-dataset.js';

export interface ReadDatasetOptions {
  dataDir: string;
  /** Problems name files relative to this folder. */
  cwd: string;
  /** Only these years must exist; every earlier year is loaded too (history for the stats). */
  years?: number[];
  lang?: Locale;
}

export interface DatasetCheck {
  dataset: Dataset | null;
  problems: Problem[];
  lang: Locale;
  files: DataFiles;
}

/** Reads and validates without throwing on data problems (for `report validate`). */
export async function checkDataset(options: ReadDatasetOptions): Promise<DatasetCheck> {
  const files = await readDataFiles(options);
  return { ...validateDataset(files, { lang: options.lang }), files };
}

/** Reads and validates; throws a DataError listing every problem. */
export async function readDataset(options: ReadDatasetOptions): Promise<Dataset> {
  return validData(await readDataFiles(options), options.lang);
}
