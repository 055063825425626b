/** The check a year's report adds to the data's: the year has a narrative to print. */
import { reportError } from '../errors.js';
import type { Dataset, Locale, ReportYear } from '../schema/files.js';

export function reportYear(
  dataset: Dataset,
  year: number,
  where: { dataDir: string; lang: Locale },
): ReportYear {
  const data = dataset.years.find((y) => y.year === year);
  if (data?.narrative) return data as ReportYear;
  const file = `${where.dataDir}/${year}/narrative.yaml`;
  throw reportError('noNarrative', { year, file });
}
