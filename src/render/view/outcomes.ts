/**
 * A project's outcome indicators in its facts box: one row each, "实际（目标…，达成…）", the
 * achievement rate from the statistics. A template copied before these words existed still
 * builds (the defaults below).
 */
import type { Locale } from '../../schema/files.js';
import type { OutcomeStats } from '../../stats/types.js';
import { factText } from '../figures.js';
import { formatPercent } from '../format.js';
import type { Strings } from './strings.js';

const DEFAULTS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    value: '{actual}（目标{target}，达成{rate}）',
    valueNoRate: '{actual}（目标{target}）',
  },
  en: {
    value: '{actual} (target {target}, {rate} achieved)',
    valueNoRate: '{actual} (target {target})',
  },
};

function word(strings: Strings, locale: Locale, key: string): string {
  const group = strings['outcomes'];
  const value =
    typeof group === 'object' && group !== null
      ? (group as Record<string, unknown>)[key]
      : undefined;
  return typeof value === 'string' ? value : (DEFAULTS[locale][key] ?? key);
}

/**
 * One figure of an indicator as the facts box writes it, for `{{outcomes.PROJECT.ID.FIELD}}`
 * in prose: `actual` and `target` with the unit (52户), `achievement` the rate (86.7%).
 */
export function outcomeFigure(o: OutcomeStats, field: string | undefined, locale: Locale): string {
  if (field === 'achievement') return formatPercent(o.achievement, {}, locale);
  const amount = field === 'target' ? o.target : o.actual;
  return factText.count({ value: amount, approx: null }, o.unit ?? '', locale);
}

/** The facts-box rows of a project's outcomes. */
export function outcomeRows(
  outcomes: readonly OutcomeStats[] | undefined,
  locale: Locale,
  strings: Strings,
): { label: string; value: string }[] {
  return (outcomes ?? []).map((o) => {
    const vars: Record<string, string> = {
      actual: outcomeFigure(o, 'actual', locale),
      target: outcomeFigure(o, 'target', locale),
      rate: outcomeFigure(o, 'achievement', locale),
    };
    const template = word(strings, locale, o.achievement === null ? 'valueNoRate' : 'value');
    return {
      label: o.name,
      value: template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole),
    };
  });
}
