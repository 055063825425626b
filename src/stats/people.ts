/**
 * The year's volunteers and beneficiaries from people.yaml: the counts as stated (a total left
 * out is the sum of the kinds, when each kind states it), each kind's share of the people served
 * (largest remainder, as for income), and the change on the previous year. Absent when the year
 * has no people.yaml, so the statistics of data without one are unchanged.
 */
import type { YearData } from '../schema/files.js';
import type { Count } from '../schema/values.js';
import { apportion, compareWithPrevious, sumCounts } from './rules.js';
import type { Change } from './types.js';

export interface BeneficiaryKind {
  kind: string;
  people: Count | null;
  personTimes: Count | null;
  /** Per-mille of the kinds' people by largest remainder (they add up to 1000); null without. */
  sharePermille: number | null;
}

export interface PeopleStats {
  year: number;
  volunteers: {
    /** people.yaml's `volunteers.people`, else staff.yaml's `volunteers`; null when neither. */
    people: Count | null;
    hours: Count | null;
    /** On the previous year's hours (values as written; approximate counts compare by value). */
    hoursChange: Change;
  };
  beneficiaries: {
    people: Count | null;
    personTimes: Count | null;
    peopleChange: Change;
    byKind: BeneficiaryKind[];
  };
}

/** The stated total, else the sum of every kind's, else null. */
function totalOf(stated: Count | undefined, parts: (Count | undefined)[]): Count | null {
  if (stated) return stated;
  if (parts.length === 0 || parts.some((p) => p === undefined)) return null;
  return sumCounts(parts as Count[]);
}

function counts(y: YearData | undefined) {
  const people = y?.people;
  if (!y || !people) return undefined;
  const kinds = people.beneficiaries?.by_kind ?? [];
  const volunteers =
    people.volunteers?.people ??
    (y.staff.volunteers === undefined ? null : { value: y.staff.volunteers, approx: null });
  return {
    volunteers,
    hours: people.volunteers?.hours ?? null,
    people: totalOf(
      people.beneficiaries?.people,
      kinds.map((k) => k.people),
    ),
    personTimes: totalOf(
      people.beneficiaries?.person_times,
      kinds.map((k) => k.person_times),
    ),
    kinds,
  };
}

export function computePeople(years: readonly YearData[], year: number): PeopleStats | undefined {
  const now = counts(years.find((y) => y.year === year));
  if (!now) return undefined;
  const before = counts(years.find((y) => y.year === year - 1));
  const change = (current: Count, previous: Count | null | undefined) =>
    compareWithPrevious(current.value, previous?.value ?? null);
  const kindPeople = now.kinds.map((k) => k.people?.value ?? 0);
  const permille = now.kinds.every((k) => k.people) ? apportion(kindPeople, 1000) : null;
  return {
    year,
    volunteers: {
      people: now.volunteers,
      hours: now.hours,
      hoursChange: now.hours
        ? change(now.hours, before?.hours)
        : { previous: null, amount: null, ratio: null },
    },
    beneficiaries: {
      people: now.people,
      personTimes: now.personTimes,
      peopleChange: now.people
        ? change(now.people, before?.people)
        : { previous: null, amount: null, ratio: null },
      byKind: now.kinds.map((k, i) => ({
        kind: k.kind,
        people: k.people ?? null,
        personTimes: k.person_times ?? null,
        sharePermille: permille ? (permille[i] ?? 0) : null,
      })),
    },
  };
}
