/**
 * A warning for Markdown emphasis that would print as written: a `**` without its pair, or one
 * that Markdown cannot read as bold where it stands, shows up in the PDF as two asterisks.
 */
import type { LoadedFile } from '../load/parse-yaml.js';
import type { Finding, PathSegment } from '../problems/problem.js';
import { leftoverEmphasisMarks } from '../render/markdown.js';

/** One warning per leftover mark, at its place in the file. */
export function leftoverEmphasis(prose: [LoadedFile, PathSegment[], string][]): Finding[] {
  const out: Finding[] = [];
  for (const [loaded, path, text] of prose) {
    const marks = leftoverEmphasisMarks(text);
    const seen = new Map<string, number>();
    for (const { mark, context } of marks) {
      // At the mark with the text after it where that is unambiguous, else its next occurrence.
      const needle = text.split(context).length === 2 ? context : mark;
      const nth = seen.get(needle) ?? 0;
      seen.set(needle, nth + 1);
      out.push({
        file: loaded.file,
        ...loaded.locateText(path, needle, nth),
        path,
        code: 'markdown_emphasis',
        params: { mark },
      });
    }
  }
  return out;
}
