/**
 * `report validate [year]`: every data problem with file:line:col; exit 0 valid, 1 invalid.
 * Warnings (characters the report's fonts lack) are listed too and leave the exit code alone.
 */
import { ExitCode } from '../errors.js';
import { compareProblems } from '../problems/problem.js';
import { checkDataset } from '../read-dataset.js';
import type { Locale } from '../schema/files.js';
import {
  formatProblemLines,
  formatProblems,
  warningCount,
  type ProblemFormat,
} from '../validate/format-problems.js';
import { parseYear } from './flags.js';
import type { Io } from './io.js';

/** As commander hands them over: --format and --lang are checked against their choices there. */
export interface ValidateOptions {
  year?: string | undefined;
  data?: string;
  format?: ProblemFormat;
  lang?: Locale;
}

export async function runValidate(options: ValidateOptions, io: Io): Promise<number> {
  const format = options.format ?? 'text';
  const lang = options.lang;
  const years = options.year === undefined ? undefined : [parseYear(options.year, 'validate')];

  const result = await checkDataset({
    dataDir: options.data ?? 'data',
    cwd: io.cwd,
    ...(years ? { years } : {}),
    ...(lang ? { lang } : {}),
    checkFonts: true,
  });

  if (result.problems.length > 0 || !result.dataset) {
    const all = [...result.problems, ...result.warnings].sort(compareProblems);
    io.stdout(formatProblems(all, format, result.lang));
    return ExitCode.invalidData;
  }
  const { warnings } = result;
  if (format !== 'text') io.stdout(formatProblems(warnings, format, result.lang));
  else {
    io.stdout(formatProblemLines(warnings, result.lang));
    const yearCount = result.dataset.years.length;
    const projects = new Set(
      result.dataset.years.flatMap((y) => y.projects.projects.map((p) => p.id)),
    ).size;
    const tail =
      warnings.length === 0
        ? ''
        : result.lang === 'zh-CN'
          ? `（${warningCount(warnings.length, result.lang)}）`
          : ` (${warningCount(warnings.length, result.lang)})`;
    io.stdout(`${validSummary(yearCount, projects, result.lang)}${tail}\n`);
  }
  return ExitCode.ok;
}

function validSummary(years: number, projects: number, lang: Locale): string {
  if (lang === 'zh-CN') return `数据有效：${years} 个年度，${projects} 个项目`;
  return `data valid: ${years} ${years === 1 ? 'year' : 'years'}, ${projects} ${projects === 1 ? 'project' : 'projects'}`;
}
