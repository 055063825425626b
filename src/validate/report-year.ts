/** The check a year's report adds to the data's: the year has a narrative to print. */
import { ReportError } from '../errors.js';
import type { Dataset, Locale, ReportYear } from '../schema/files.js';

export function reportYear(
  dataset: Dataset,
  year: number,
  where: { dataDir: string; lang: Locale },
): ReportYear {
  const data = dataset.years.find((y) => y.year === year);
  if (data?.narrative) return data as ReportYear;
  const file = `${where.dataDir}/${year}/narrative.yaml`;
  throw new ReportError(
    'DATA_INVALID',
    where.lang === 'zh-CN'
      ? `${year} 年没有报告正文（${file}）`
      : `there is no narrative for ${year}`,
    {
      hint:
        where.lang === 'zh-CN'
          ? `请编写 ${file}（标题、综述、各部分、落款），格式见 docs/data-format.md`
          : `write ${file} (title, opening, sections, signature); see docs/data-format.md`,
    },
  );
}
