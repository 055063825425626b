/** Problems as text for people, GitHub Actions annotations, or stable JSON for scripts. */
import type { Problem } from '../problems/problem.js';
import type { Locale } from '../schema/files.js';

export type ProblemFormat = 'text' | 'github' | 'json';

export function formatProblems(problems: Problem[], format: ProblemFormat, lang: Locale): string {
  if (format === 'json') return `${JSON.stringify(problems.map(stableProblem), null, 2)}\n`;
  if (format === 'github') return problems.map(githubAnnotation).join('');
  const lines = problems.map((p) => {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
    const head = [where, p.path, p.message].filter(Boolean).join('  ');
    return p.hint ? `${head}\n    hint: ${p.hint}\n` : `${head}\n`;
  });
  return lines.join('') + `${problemSummary(problems, lang)}\n`;
}

export function problemSummary(problems: Problem[], lang: Locale): string {
  const files = new Set(problems.map((p) => p.file)).size;
  const n = problems.length;
  if (lang === 'zh-CN') return `发现 ${n} 个问题，涉及 ${files} 个文件`;
  return `${n} ${n === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}`;
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
  return `::error ${props.join(',')}::${escapeData(message)}\n`;
}
