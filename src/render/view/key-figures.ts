/**
 * The key-figures panel: the year at a glance. A figure the year does not have is left out,
 * never shown as a zero ("荣誉与奖项 0项" for an organisation without awards says something false
 * about the data it lacks); every value is the fact's one string (figures.ts `factText`).
 */
import type { Locale } from '../../schema/files.js';
import type { ReportStats } from '../../stats/index.js';
import { factText, yearPersonTimes, yearServiceCounts } from '../figures.js';
import { peopleTiles } from './people.js';
import { text, type Strings } from './strings.js';

export interface KeyFigure {
  label: string;
  value: string;
  note: string;
}

export function keyFigures(stats: ReportStats, locale: Locale, strings: Strings): KeyFigure[] {
  const income = stats.income;
  const separator = text(strings, 'noteSeparator');
  const categories = stats.projects.byCategory
    .filter((c) => c.cumulative > 0)
    .map((c) => text(strings, 'noteCategory', { label: c.label, n: c.cumulative }))
    .join(separator);
  const services = yearServiceCounts(stats);
  const personTimes = yearPersonTimes(stats);
  const tiles: (KeyFigure | null)[] = [
    income.total > 0
      ? {
          label: text(strings, 'income'),
          value: factText.money(income.total, locale),
          note:
            income.change.ratio === null
              ? ''
              : text(strings, 'noteChange', { value: factText.change(income.change, locale) }),
        }
      : null,
    income.governmentSharePermille !== null && income.governmentSharePermille > 0
      ? {
          label: text(strings, 'governmentShare'),
          value: factText.share(income.governmentSharePermille, locale),
          note: text(strings, 'noteYear', { year: stats.year }),
        }
      : null,
    stats.staff.headcount > 0
      ? {
          label: text(strings, 'staff'),
          value: text(strings, 'unitPeople', { n: stats.staff.headcount }),
          note:
            stats.staff.volunteers === null || stats.staff.volunteers === 0
              ? ''
              : text(strings, 'noteVolunteers', { n: stats.staff.volunteers }),
        }
      : null,
    stats.projects.cumulative > 0
      ? {
          label: text(strings, 'projectsCumulative'),
          value: text(strings, 'unitProjects', { n: stats.projects.cumulative }),
          note: categories,
        }
      : null,
    stats.services.total.value > 0
      ? {
          label: text(strings, 'services'),
          value: factText.total(services, text(strings, 'servicesUnit'), locale),
          note:
            personTimes.length === 0
              ? ''
              : factText.total(personTimes, text(strings, 'personTimesUnit'), locale),
        }
      : null,
    stats.awards.cumulative > 0
      ? {
          label: text(strings, 'awards'),
          value: text(strings, 'unitItems', { n: stats.awards.cumulative }),
          note: [
            stats.awards.count > 0 ? text(strings, 'noteAwards', { n: stats.awards.count }) : '',
            stats.media.reports > 0 ? text(strings, 'noteMedia', { n: stats.media.reports }) : '',
          ]
            .filter((note) => note !== '')
            .join(separator),
        }
      : null,
  ];
  return [
    ...tiles.filter((tile): tile is KeyFigure => tile !== null),
    ...peopleTiles(stats, locale, strings),
  ];
}
