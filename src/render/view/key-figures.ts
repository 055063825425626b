/** The key-figures panel: the year at a glance. */
import type { Locale } from '../../schema/files.js';
import { roundForProse, type ReportStats } from '../../stats/index.js';
import { formatCount, formatMoney, formatPercent } from '../format.js';
import { text, type Strings } from './strings.js';

export interface KeyFigure {
  label: string;
  value: string;
  note: string;
}

export function keyFigures(stats: ReportStats, locale: Locale, strings: Strings): KeyFigure[] {
  const income = stats.income;
  const change = income.change.ratio;
  const categories = stats.projects.byCategory
    .filter((c) => c.cumulative > 0)
    .map((c) => text(strings, 'noteCategory', { label: c.label, n: c.cumulative }))
    .join(text(strings, 'noteSeparator'));
  return [
    {
      label: text(strings, 'income'),
      value: formatMoney(income.total, locale),
      note:
        change === null
          ? ''
          : text(strings, 'noteChange', { value: formatPercent(change, { signed: true }, locale) }),
    },
    {
      label: text(strings, 'governmentShare'),
      value: formatPercent(income.governmentShare, {}, locale),
      note: text(strings, 'noteYear', { year: stats.year }),
    },
    {
      label: text(strings, 'staff'),
      value: text(strings, 'unitPeople', { n: stats.staff.headcount }),
      note:
        stats.staff.volunteers === null
          ? ''
          : text(strings, 'noteVolunteers', { n: stats.staff.volunteers }),
    },
    {
      label: text(strings, 'projectsCumulative'),
      value: text(strings, 'unitProjects', { n: stats.projects.cumulative }),
      note: categories,
    },
    {
      label: text(strings, 'services'),
      value: formatCount(
        roundForProse(stats.services.total),
        text(strings, 'servicesUnit'),
        locale,
      ),
      note:
        stats.services.personTimes === null
          ? ''
          : formatCount(
              roundForProse(stats.services.personTimes),
              text(strings, 'personTimesUnit'),
              locale,
            ),
    },
    {
      label: text(strings, 'awards'),
      value: text(strings, 'unitItems', { n: stats.awards.cumulative }),
      note: [
        text(strings, 'noteAwards', { n: stats.awards.count }),
        text(strings, 'noteMedia', { n: stats.media.reports }),
      ].join(text(strings, 'noteSeparator')),
    },
  ];
}
