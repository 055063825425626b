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
  /** Also warn about characters the report's fonts lack (reads the fonts' cmaps; cached). */
  checkFonts?: boolean;
}

export interface DatasetCheck {
  dataset: Dataset | null;
  problems: Problem[];
  /** Never blocking: characters the fonts lack (with `checkFonts`). */
  warnings: Problem[];
  lang: Locale;
  files: DataFiles;
}

/** Reads and validates without throwing on data problems (for `report validate`). */
export async function checkDataset(options: ReadDatasetOptions): Promise<DatasetCheck> {
  const files = await readDataFiles(options);
  // Without readable fonts there is nothing to compare with (the build says why).
  const covers = options.checkFonts
    ? await import('./infra/font-coverage.js')
        .then((m) => m.bundledCoverage())
        .catch(() => undefined)
    : undefined;
  return { ...validateDataset(files, { lang: options.lang, covers }), files };
}

/** Reads and validates; throws a DataError listing every problem. */
export async function readDataset(options: ReadDatasetOptions): Promise<Dataset> {
  return validData(await readDataFiles(options), options.lang);
}
