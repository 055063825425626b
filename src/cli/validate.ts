/**
 * `report validate [year]`: every data problem with file:line:col; exit 0 valid, 1 invalid.
 * Warnings (characters the report's fonts lack) are listed too and leave the exit code alone.
 */
import { ExitCode, ReportError } from '../errors.js';
import { checkDataset } from '../load/read-dataset.js';
import {
  formatProblemLines,
  formatProblems,
  warningCount,
  type ProblemFormat,
} from '../validate/format-problems.js';
import { compareProblems, type Lang } from '../validate/problem.js';
import type { Io } from './io.js';

export interface ValidateOptions {
  year?: string | undefined;
  data?: string;
  format?: string;
  lang?: string;
}

const FORMATS: readonly ProblemFormat[] = ['text', 'github', 'json'];

export async function runValidate(options: ValidateOptions, io: Io): Promise<number> {
  const format = (options.format ?? 'text') as ProblemFormat;
  if (!FORMATS.includes(format))
    throw new ReportError('USAGE', `unknown format "${options.format}"`, {
      hint: 'use --format text, github or json',
    });
  const lang = options.lang === 'en' || options.lang === 'zh-CN' ? options.lang : undefined;
  let years: number[] | undefined;
  if (options.year !== undefined) {
    if (!/^[0-9]{4}$/.test(options.year))
      throw new ReportError('USAGE', `"${options.year}" is not a year`, {
        hint: 'write the year with 4 digits, e.g. report validate 2015',
      });
    years = [Number(options.year)];
  }

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

function validSummary(years: number, projects: number, lang: Lang): string {
  if (lang === 'zh-CN') return `数据有效：${years} 个年度，${projects} 个项目`;
  return `data valid: ${years} ${years === 1 ? 'year' : 'years'}, ${projects} ${projects === 1 ? 'project' : 'projects'}`;
}
