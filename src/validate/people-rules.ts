/**
 * people.yaml against itself and staff.yaml: beneficiaries by kind add up to the stated total
 * (when every part is exact), and the number of volunteers agrees with staff.yaml's.
 */
import type { LoadedFile } from '../load/parse-yaml.js';
import type { People } from '../schema/people.js';
import type { Count } from '../schema/values.js';
import type { Finding, PathSegment } from '../problems/problem.js';
import { findingAt } from './finding-at.js';

interface Seen {
  loaded: LoadedFile;
  value: unknown;
}

const exact = (c: Count | undefined): c is Count => c !== undefined && c.approx === null;

export function peopleFindings(
  years: readonly { files: Partial<Record<string, Seen>> }[],
): Finding[] {
  const out: Finding[] = [];
  for (const { files } of years) {
    const people = files.people;
    const value = people?.value as Partial<People> | undefined;
    if (!people || !value) continue;
    const at = (path: PathSegment[], code: string, params: Record<string, unknown>) =>
      out.push(findingAt(people.loaded, path, code, params));

    const staffVolunteers = (files.staff?.value as { volunteers?: number } | undefined)?.volunteers;
    const volunteers = value.volunteers?.people;
    if (exact(volunteers) && staffVolunteers !== undefined && volunteers.value !== staffVolunteers)
      at(['volunteers', 'people'], 'volunteers_mismatch', {
        stated: volunteers.value,
        staff: staffVolunteers,
      });

    const beneficiaries = value.beneficiaries;
    const kinds = beneficiaries?.by_kind;
    if (!beneficiaries || !kinds || kinds.some((k) => k === undefined)) continue;
    for (const [field, key] of [
      ['people', 'people'],
      ['person_times', 'person_times'],
    ] as const) {
      const total = beneficiaries[field];
      const parts = kinds.map((k) => k[key]);
      if (!exact(total) || !parts.every(exact)) continue;
      const sum = parts.reduce((a, c) => a + c.value, 0);
      if (sum !== total.value)
        at(['beneficiaries', field], 'beneficiaries_sum_mismatch', {
          field,
          stated: total.value,
          sum,
        });
    }
  }
  return out;
}
