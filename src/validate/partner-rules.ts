/** Partner ids: each defined once in organization.yaml, each reference names one (did you mean). */
import type { LoadedFile } from '../load/parse-yaml.js';
import type { Partner } from '../schema/partners.js';
import type { Finding, PathSegment } from '../problems/problem.js';
import { closest } from './suggest.js';
import { findingAt } from './finding-at.js';

interface Seen {
  loaded: LoadedFile;
  value: unknown;
}

export function partnerFindings(
  organization: Seen | undefined,
  years: readonly { files: Partial<Record<string, Seen>> }[],
): Finding[] {
  const out: Finding[] = [];
  const at = (
    loaded: LoadedFile,
    path: PathSegment[],
    code: string,
    params: Record<string, unknown>,
  ) => out.push(findingAt(loaded, path, code, params));
  const list = (organization?.value as { partners?: (Partner | undefined)[] } | undefined)
    ?.partners;
  // Where each id is first: located only for a duplicate (locating can parse the file again).
  const first = new Map<string, number>();
  list?.forEach((partner, i) => {
    if (!partner || !organization) return;
    const firstIndex = first.get(partner.id);
    if (firstIndex !== undefined) {
      const pos = organization.loaded.locate(['partners', firstIndex, 'id']);
      at(organization.loaded, ['partners', i, 'id'], 'duplicate_partner', {
        id: partner.id,
        first: `${organization.loaded.file}:${pos.line}:${pos.col}`,
      });
    } else first.set(partner.id, i);
  });
  // A list with a broken entry is not used: every id would look unknown.
  const known =
    list && list.every((p) => p !== undefined) ? [...first.keys()] : list ? undefined : [];
  if (!known) return out;
  const unknown = (loaded: LoadedFile, path: PathSegment[], id: string) =>
    at(loaded, path, 'unknown_partner', { id, known, suggestion: closest(id, known) });
  for (const { files } of years) {
    const income = files.income;
    const lines = (income?.value as { lines?: ({ partner?: string } | undefined)[] } | undefined)
      ?.lines;
    lines?.forEach((line, i) => {
      if (income && line?.partner !== undefined && !known.includes(line.partner))
        unknown(income.loaded, ['lines', i, 'partner'], line.partner);
    });
    const projects = files.projects;
    const value = projects?.value as
      { projects?: ({ partners?: string[] } | undefined)[] } | undefined;
    value?.projects?.forEach((project, i) =>
      project?.partners?.forEach((id, j) => {
        if (known.includes(id) || !projects) return;
        at(projects.loaded, ['projects', i, 'partners', j], 'unknown_partner', {
          id,
          known,
          suggestion: closest(id, known),
        });
      }),
    );
  }
  return out;
}
