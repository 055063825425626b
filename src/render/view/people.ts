/**
 * Volunteers and beneficiaries (people.yaml) as the report shows them: the figures prose quotes
 * ({{volunteers.hours}}) and the key-figure tiles, each count through factText.count with the
 * template's unit. A template copied before these words existed still builds (the defaults below).
 */
import type { Locale } from '../../schema/files.js';
import type { Count } from '../../schema/values.js';
import type { ReportStats } from '../../stats/index.js';
import { factText, type FigureUnits } from '../figures.js';
import type { KeyFigure } from './key-figures.js';
import { text, type Strings } from './strings.js';

const DASH = '—';

const DEFAULTS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    volunteersUnit: '人',
    hours: '小时',
    beneficiaries: '人',
    volunteerService: '志愿服务',
    beneficiariesLabel: '服务对象',
    noteVolunteers: '志愿者{value}',
  },
  en: {
    volunteersUnit: 'volunteers',
    hours: 'hours',
    beneficiaries: 'people',
    volunteerService: 'Volunteer hours',
    beneficiariesLabel: 'People served',
    noteVolunteers: '{value}',
  },
};

/** A word of the template's `people` strings, else the default in the report's language. */
export function peopleWord(strings: Strings, locale: Locale, key: string): string {
  const group = strings['people'];
  const value =
    typeof group === 'object' && group !== null
      ? (group as Record<string, unknown>)[key]
      : undefined;
  return typeof value === 'string' ? value : (DEFAULTS[locale][key] ?? key);
}

/** The units of people.yaml's counts, for the figure resolver. */
export function peopleUnits(
  strings: Strings,
  locale: Locale,
): Required<Pick<FigureUnits, 'volunteersUnit' | 'hours' | 'beneficiaries'>> {
  return {
    volunteersUnit: peopleWord(strings, locale, 'volunteersUnit'),
    hours: peopleWord(strings, locale, 'hours'),
    beneficiaries: peopleWord(strings, locale, 'beneficiaries'),
  };
}

/** The one string of a people.yaml figure (`volunteers.hours` → "3200余小时"). */
export function peopleFigure(
  stats: ReportStats,
  name: string,
  locale: Locale,
  units: FigureUnits,
): string {
  const p = stats.people;
  const count = (c: Count | null | undefined, unit: string | undefined) =>
    c ? factText.count(c, unit ?? '', locale) : DASH;
  switch (name) {
    case 'volunteers.people':
      return count(p?.volunteers.people, units.volunteersUnit);
    case 'volunteers.hours':
      return count(p?.volunteers.hours, units.hours);
    case 'beneficiaries.people':
      return count(p?.beneficiaries.people, units.beneficiaries);
    case 'beneficiaries.person_times':
      return count(p?.beneficiaries.personTimes, units.personTimes);
    default:
      return DASH;
  }
}

/**
 * The key-figure tiles of people.yaml: 志愿服务 (hours, the volunteers in the note) and 服务对象
 * (people, the person-times and each kind in the note). None for a year without the file.
 */
export function peopleTiles(stats: ReportStats, locale: Locale, strings: Strings): KeyFigure[] {
  const p = stats.people;
  if (!p) return [];
  const units = peopleUnits(strings, locale);
  const personTimes = text(strings, 'personTimesUnit');
  const separator = text(strings, 'noteSeparator');
  const count = (c: Count, unit: string) => factText.count(c, unit, locale);
  const tiles: KeyFigure[] = [];
  const { volunteers, beneficiaries } = p;
  if (volunteers.hours)
    tiles.push({
      label: peopleWord(strings, locale, 'volunteerService'),
      value: count(volunteers.hours, units.hours),
      note: volunteers.people
        ? peopleWord(strings, locale, 'noteVolunteers').replace(
            '{value}',
            count(volunteers.people, units.volunteersUnit),
          )
        : '',
    });
  const main = beneficiaries.people ?? beneficiaries.personTimes;
  if (main) {
    const notes = [
      ...(beneficiaries.people && beneficiaries.personTimes
        ? [count(beneficiaries.personTimes, personTimes)]
        : []),
      ...beneficiaries.byKind.flatMap((k) =>
        k.people
          ? [`${k.kind}${locale === 'en' ? ' ' : ''}${count(k.people, units.beneficiaries)}`]
          : [],
      ),
    ];
    tiles.push({
      label: peopleWord(strings, locale, 'beneficiariesLabel'),
      value: count(main, beneficiaries.people ? units.beneficiaries : personTimes),
      note: notes.join(separator),
    });
  }
  return tiles;
}
