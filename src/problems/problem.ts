/**
 * A problem found in the data: where it is (file:line:col and the field path), a stable code,
 * and a message that says what is wrong and what to write instead, in the reader's language.
 * Below both the loader (which finds problems in files) and the validator (which finds the
 * rest and puts them into words), so neither imports the other for them.
 */
import { ReportError, reportError } from '../errors.js';

export interface Problem {
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (e.g. a missing file). */
  line: number;
  col: number;
  /** The field, e.g. `lines.2.amount` (list positions count from 0); '' for the whole file. */
  path: string;
  code: string;
  message: string;
  hint?: string;
  /** A warning does not stop validation or the build (default: an error). */
  severity?: 'warning';
}

export type PathSegment = string | number;

/** A problem before it is put into words: the loader and the rules produce these. */
export interface Finding {
  file: string;
  line: number;
  col: number;
  path: readonly PathSegment[];
  code: string;
  params: Record<string, unknown>;
}

export class DataError extends ReportError {
  readonly problems: Problem[];

  constructor(problems: Problem[], message: string) {
    const { hint } = reportError('dataProblems', {}).text;
    super('DATA_INVALID', message, hint === undefined ? {} : { hint });
    this.name = 'DataError';
    this.problems = problems;
  }
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.col - b.col ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
