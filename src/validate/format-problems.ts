/** Problems as text for people, GitHub Actions annotations, or stable JSON for scripts. */
import type { Problem } from '../problems/problem.js';
import type { Locale } from '../schema/files.js';

export type ProblemFormat = 'text' | 'github' | 'json';

export function formatProblems(problems: Problem[], format: ProblemFormat, lang: Locale): string {
  if (format === 'json') return `${JSON.stringify(problems.map(stableProblem), null, 2)}\n`;
  if (format === 'github') return problems.map(githubAnnotation).join('');
  return formatProblemLines(problems, lang) + `${problemSummary(problems, lang)}\n`;
}

/** One line per problem (a warning says so), each followed by its hint. */
export function formatProblemLines(problems: Problem[], lang: Locale): string {
  const warning = lang === 'zh-CN' ? '警告：' : 'warning: ';
  const hint = lang === 'zh-CN' ? '提示：' : 'hint: ';
  return problems
    .map((p) => {
      const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
      const message = p.severity === 'warning' ? `${warning}${p.message}` : p.message;
      const head = [where, p.path, message].filter(Boolean).join('  ');
      return p.hint ? `${head}\n    ${hint}${p.hint}\n` : `${head}\n`;
    })
    .join('');
}

/** "2 problems in 2 files"; warnings are counted apart (", 1 warning"). */
export function problemSummary(problems: Problem[], lang: Locale): string {
  const errors = problems.filter((p) => p.severity !== 'warning');
  const warnings = problems.length - errors.length;
  const files = new Set(errors.map((p) => p.file)).size;
  const n = errors.length;
  if (lang === 'zh-CN')
    return `发现 ${n} 个问题，涉及 ${files} 个文件${warnings > 0 ? `；${warnings} 个警告` : ''}`;
  const tail = warnings > 0 ? `, ${warningCount(warnings, lang)}` : '';
  return `${n} ${n === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}${tail}`;
}

export function warningCount(n: number, lang: Locale): string {
  if (lang === 'zh-CN') return `${n} 个警告`;
  return `${n} ${n === 1 ? 'warning' : 'warnings'}`;
}

/** Fixed key order, every key present, so scripts and snapshots can rely on the shape. */
function stableProblem(p: Problem) {
  return {
    file: p.file,
    line: p.line,
    col: p.col,
    path: p.path,
    code: p.code,
    message: p.message,
    hint: p.hint ?? null,
    severity: p.severity ?? 'error',
  };
}

// Workflow-command escaping: data (the message) escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string) =>
  s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (s: string) => escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');

function githubAnnotation(p: Problem): string {
  const props = [`file=${escapeProperty(p.file)}`];
  if (p.line > 0) props.push(`line=${p.line}`, `col=${p.col}`);
  props.push(`title=${escapeProperty(p.path ? `${p.code} ${p.path}` : p.code)}`);
  const message = p.hint ? `${p.message}\n${p.hint}` : p.message;
  return `::${p.severity ?? 'error'} ${props.join(',')}::${escapeData(message)}\n`;
}
