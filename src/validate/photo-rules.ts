/**
 * photos.yaml against the rest of its year: a photo's `section` names one of the narrative's
 * sections, its `project` one of the year's projects (did you mean, as for other ids).
 */
import type { LoadedFile } from '../load/parse-yaml.js';
import type { Finding, PathSegment } from '../problems/problem.js';
import { closest } from './suggest.js';
import { findingAt } from './finding-at.js';

interface Seen {
  loaded: LoadedFile;
  value: unknown;
}

/** The ids of a list whose every item could be read; undefined otherwise (nothing to check against). */
function idsOf(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const ids = list.map((item: unknown) =>
    typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined,
  );
  return ids.every((id): id is string => typeof id === 'string') ? ids : undefined;
}

export function photoFindings(
  years: readonly { year: number; files: Partial<Record<string, Seen>> }[],
): Finding[] {
  const out: Finding[] = [];
  for (const { year, files } of years) {
    const photos = files.photos;
    const list = (photos?.value as { photos?: unknown } | undefined)?.photos;
    if (!photos || !Array.isArray(list)) continue;
    const at = (path: PathSegment[], code: string, params: Record<string, unknown>) =>
      out.push(findingAt(photos.loaded, path, code, params));
    const sections = idsOf(
      (files.narrative?.value as { sections?: unknown } | undefined)?.sections,
    );
    const projects = idsOf((files.projects?.value as { projects?: unknown } | undefined)?.projects);
    list.forEach((photo: unknown, i) => {
      if (typeof photo !== 'object' || photo === null) return;
      const { section, project } = photo as { section?: unknown; project?: unknown };
      if (typeof section === 'string' && sections && !sections.includes(section))
        at(['photos', i, 'section'], 'unknown_photo_section', {
          id: section,
          year,
          known: sections,
          suggestion: closest(section, sections),
        });
      if (typeof project === 'string' && projects && !projects.includes(project))
        at(['photos', i, 'project'], 'unknown_project', {
          id: project,
          year,
          earlier: false,
          known: projects,
          suggestion: closest(project, projects),
        });
    });
  }
  return out;
}
