/**
 * 鸣谢: the partners the year's projects and income lines name, grouped by kind, anonymous ones
 * without name.
 */
import type { Organization, ReportYear } from '../../schema/files.js';
import { PARTNER_KINDS } from '../../schema/partners.js';
import { partString } from './profile.js';
import type { Strings } from './strings.js';

export interface AcknowledgementsView {
  anchor: string;
  heading: string;
  intro: string;
  groups: { label: string; partners: { name: string; note: string }[] }[];
}

export function buildAcknowledgements(
  org: Organization,
  year: ReportYear,
  strings: Strings,
): AcknowledgementsView | null {
  const named = new Set([
    ...year.projects.projects.flatMap((p) => p.partners ?? []),
    ...year.income.lines.flatMap((l) => (l.partner === undefined ? [] : [l.partner])),
  ]);
  const partners = (org.partners ?? []).filter((p) => named.has(p.id));
  if (partners.length === 0) return null;
  const word = (key: string, vars: Record<string, string> = {}) =>
    partString(strings, 'partners', key, vars);
  const groups = PARTNER_KINDS.map((kind) => ({
    label: word(kind),
    partners: partners
      .filter((p) => p.kind === kind)
      .map((p) => ({ name: p.anonymous ? word('anonymous') : p.name, note: p.note ?? '' })),
  })).filter((g) => g.partners.length > 0);
  return {
    anchor: 'acknowledgements',
    heading: word('heading'),
    intro: word('intro', { year: String(year.year) }),
    groups,
  };
}
