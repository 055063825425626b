/** A finding located in `loaded` at `path` (its value, or its key): what every rule reports. */
import type { LoadedFile } from '../load/parse-yaml.js';
import type { Finding, PathSegment } from '../problems/problem.js';

export function findingAt(
  loaded: LoadedFile,
  path: PathSegment[],
  code: string,
  params: Record<string, unknown>,
  target: 'value' | 'key' = 'value',
): Finding {
  return { file: loaded.file, ...loaded.locate(path, target), path, code, params };
}
