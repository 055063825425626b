/**
 * The facts box of a subsection about a project: status, funding, services, districts, each
 * value the fact's one string (qualifiers included: 40余节, 近40次).
 */
import type { Locale } from '../../schema/files.js';
import type { ReportStats } from '../../stats/index.js';
import { factText } from '../figures.js';
import { outcomeRows } from './outcomes.js';
import { text, textTable, type Strings } from './strings.js';

export interface FactsView {
  name: string;
  items: { label: string; value: string }[];
}

export function projectFacts(
  stats: ReportStats,
  id: string | undefined,
  locale: Locale,
  strings: Strings,
): FactsView | null {
  if (id === undefined) return null;
  const p = stats.projects.list.find((entry) => entry.id === id);
  if (!p) return null;
  const statuses = textTable(strings, 'statuses');
  const items = [
    { label: text(strings, 'status'), value: statuses[p.status] ?? p.status },
    ...(p.funding.year > 0
      ? [{ label: text(strings, 'fundingYear'), value: factText.money(p.funding.year, locale) }]
      : []),
    ...(p.funding.cumulative > p.funding.year
      ? [
          {
            label: text(strings, 'fundingCumulative'),
            value: factText.money(p.funding.cumulative, locale),
          },
        ]
      : []),
    ...p.services.map((s) => ({ label: s.label, value: factText.count(s.count, s.unit, locale) })),
    ...(p.personTimes
      ? [
          {
            label: text(strings, 'personTimes'),
            value: factText.count(p.personTimes, text(strings, 'personTimesUnit'), locale),
          },
        ]
      : []),
    ...(p.districts.length > 0
      ? [
          {
            label: text(strings, 'districts'),
            value: p.districts.join(text(strings, 'listSeparator')),
          },
        ]
      : []),
    ...outcomeRows(p.outcomes, locale, strings),
  ];
  return { name: p.name, items };
}
