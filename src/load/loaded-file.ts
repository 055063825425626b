/**
 * What loading gives for one data file (its data, its findings, the way back from a field to its
 * line:col) and the file that could not be read: apart from the YAML parser
 * (src/load/parse-yaml.ts), so that a run whose data files all come from the parse cache
 * (src/load/parse-cache.ts) does not load the parser at all.
 */
import type { Finding, PathSegment } from '../problems/problem.js';

/** Data files larger than this are refused before they are read (a 15 MB file takes ~1 GB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface Position {
  line: number;
  col: number;
}

export interface LoadedFile {
  /** Path relative to the working directory, `/`-separated. */
  file: string;
  /** The file's content as plain data; undefined when it could not be read or parsed. */
  data: unknown;
  /** Problems found while reading and parsing (pass 1). */
  findings: Finding[];
  /** Paths already reported by pass 1, so the schema pass does not report them again. */
  reported: PathSegment[][];
  /**
   * Where a field is: the node at `path`, or its nearest existing parent (a missing key points
   * at the mapping that lacks it). `target: 'key'` points at the key itself (unknown keys).
   */
  locate(path: readonly PathSegment[], target?: 'value' | 'key'): Position;
  /** The value at `path` as written in the file (quotes included), if it is a scalar. */
  sourceText(path: readonly PathSegment[]): string | undefined;
  /** Whether `path` names a node that exists in the file (after following aliases). */
  has(path: readonly PathSegment[]): boolean;
  /** Where the `nth` occurrence of `needle` is inside the value at `path` (else the value). */
  locateText(path: readonly PathSegment[], needle: string, nth?: number): Position;
  /** Line:col of a character offset inside the decoded text. */
  positionOf(offset: number): Position;
}

export const NO_POSITION: Position = { line: 1, col: 1 };

/** A file that could not be read at all: every location is the start of the file. */
export function unreadableFile(file: string, findings: Finding[]): LoadedFile {
  return {
    file,
    data: undefined,
    findings,
    reported: [],
    locate: () => NO_POSITION,
    sourceText: () => undefined,
    has: () => false,
    locateText: () => NO_POSITION,
    positionOf: () => NO_POSITION,
  };
}
