/**
 * Why a {{figure}} reference has no value, in words: the same for `report validate` (a located
 * problem) and for the renderer (a template that cites a figure the data lacks).
 */
import type { FigureError } from './figures.js';
import type { Locale } from './files.js';

type Params = Record<string, unknown>;

/** A parameter as text; a mapping (which may have no prototype to convert it) is never one. */
const s = (value: unknown): string =>
  value === undefined || (typeof value === 'object' && value !== null) ? '' : String(value);

const FIGURE_REASONS: Record<Locale, Record<string, (p: Params) => string>> = {
  'zh-CN': {
    no_year: (p) => `没有这一年的数据：${s(p.value)}`,
    unknown_project: (p) => `没有这个项目：${s(p.value)}`,
    unknown_category: (p) => `没有这个项目类别：${s(p.value)}`,
    unknown_activity: (p) => `没有这个服务类型：${s(p.value)}`,
    unknown_name: (p) => `没有这个数字：${s(p.value)}`,
    project_not_this_year: (p) =>
      `项目 ${s(p.value)} 不在 ${s(p.year)} 年的 projects.yaml 中（这个数字只取本年的项目）`,
    activity_not_listed: (p) =>
      `项目 ${s(p.project)} 在 ${s(p.year)} 年的 services 中没有 ${s(p.value)}`,
    no_finance: (p) => `${s(p.year)} 年没有 finance.yaml，没有这个财务数字`,
    no_people: (p) => `${s(p.year)} 年的 people.yaml 没有写这个数字（${s(p.value)}）`,
    unknown_outcome: (p) =>
      `项目 ${s(p.project)} 在 ${s(p.year)} 年的 outcomes 中没有编号为 ${s(p.value)} 的指标（在该指标下写 id: ${s(p.value)}）`,
    outcome_zero_target: (p) =>
      `项目 ${s(p.project)} 的指标 ${s(p.value)} 目标为 0，没有达成率（可引用 actual 或 target）`,
  },
  en: {
    no_year: (p) => `there is no data for the year ${s(p.value)}`,
    unknown_project: (p) => `there is no project ${s(p.value)}`,
    unknown_category: (p) => `there is no project category ${s(p.value)}`,
    unknown_activity: (p) => `there is no activity type ${s(p.value)}`,
    unknown_name: (p) => `there is no figure named ${s(p.value)}`,
    project_not_this_year: (p) =>
      `the project ${s(p.value)} is not in the projects.yaml of ${s(p.year)} (this figure is about the year's own projects)`,
    activity_not_listed: (p) =>
      `the project ${s(p.project)} lists no ${s(p.value)} under services in ${s(p.year)}`,
    no_finance: (p) => `${s(p.year)} has no finance.yaml, so no such figure`,
    no_people: (p) => `the people.yaml of ${s(p.year)} does not state ${s(p.value)}`,
    unknown_outcome: (p) =>
      `the project ${s(p.project)} has no outcome indicator with the id ${s(p.value)} in ${s(p.year)} (write id: ${s(p.value)} on the indicator)`,
    outcome_zero_target: (p) =>
      `the indicator ${s(p.value)} of the project ${s(p.project)} has a target of 0, so no achievement rate (quote its actual or target)`,
  },
};

/** The reason `p.reason` (with its `value`, `year`, `project`) in `lang`. */
export function figureReasonText(lang: Locale, p: Params): string {
  const words = FIGURE_REASONS[lang][s(p['reason'])];
  return words === undefined ? `${s(p['reason'])} ${s(p['value'])}` : words(p);
}

/** Why a {{figure}} reference has no value, in `lang`. */
export function figureReason(error: FigureError, lang: Locale): string {
  return figureReasonText(lang, { ...error });
}
