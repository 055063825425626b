/** The helpers a template may call, besides Handlebars' if / unless / each / with. */
import type { Locale } from '../schema/files.js';
import type { Count } from '../schema/values.js';
import { formatCount, formatDate, formatMoney, formatPercent } from './format.js';
import { keepUnitsHtml } from './keep-units.js';

const isCount = (value: unknown): value is Count =>
  typeof value === 'object' && value !== null && typeof (value as Count).value === 'number';

export function templateHelpers(locale: Locale): Record<string, (...args: unknown[]) => unknown> {
  return {
    /** {{money 545000}} → 54.5万元 */
    money: (yuan) => formatMoney(Number(yuan), locale),
    /** {{percent 0.875}} → 87.5% */
    percent: (ratio) => formatPercent(typeof ratio === 'number' ? ratio : null, {}, locale),
    /** {{count services.total "次"}} → 500余次 */
    count: (count, unit) =>
      isCount(count) ? formatCount(count, typeof unit === 'string' ? unit : '', locale) : '—',
    /** {{date "2015-12-31"}} → 二〇一五年十二月三十一日 */
    date: (iso) => formatDate(String(iso), locale, 'long'),
    /** {{{keepUnits "共18场"}}} → 共<span class="nb">18场</span> (escaped; use three braces) */
    keepUnits: (text) => keepUnitsHtml(typeof text === 'string' ? text : String(text ?? '')),
  };
}
