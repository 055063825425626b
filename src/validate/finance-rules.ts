/**
 * finance.yaml against the rest: the stated expenditure total equals its lines, `project:`
 * names a project of the year, and — a warning, never a failure — each spending rule the
 * organisation states is met (programme costs against the previous year's income, management
 * costs against expenditure), naming the rule and where it comes from.
 */
import type { LoadedFile } from '../load/parse-yaml.js';
import { SPENDING_RULES, type Finance } from '../schema/finance.js';
import type { Income, Projects } from '../schema/files.js';
import type { Finding, PathSegment } from '../problems/problem.js';
import { closest } from './suggest.js';
import { findingAt } from './finding-at.js';

interface YearFilesSeen {
  year: number;
  files: Partial<Record<string, { loaded: LoadedFile; value: unknown; complete: boolean }>>;
}

type Loose<T> = { [K in keyof T]?: T[K] };

export function financeFindings(years: readonly YearFilesSeen[]): {
  problems: Finding[];
  warnings: Finding[];
} {
  const problems: Finding[] = [];
  const warnings: Finding[] = [];
  const incomeTotals = new Map<number, number>();
  for (const { year, files } of years) {
    const income = files.income?.value as Loose<Income> | undefined;
    const lines = income?.lines;
    if (files.income?.complete && lines && lines.every((l) => l !== undefined))
      incomeTotals.set(
        year,
        lines.reduce((sum, l) => sum + l.amount, 0),
      );
  }
  for (const { year, files } of years) {
    const file = files.finance;
    if (!file) continue;
    const loaded = file.loaded;
    const at = (
      out: Finding[],
      path: PathSegment[],
      code: string,
      params: Record<string, unknown>,
    ) => out.push(findingAt(loaded, path, code, params));
    const finance = file.value as Loose<Finance> | undefined;
    const lines = finance?.expenditure?.lines as
      (Finance['expenditure']['lines'][number] | undefined)[] | undefined;
    if (!finance || !lines) continue;

    const projects = (files.projects?.value as Loose<Projects> | undefined)?.projects;
    const known =
      projects && projects.every((p) => p !== undefined) ? projects.map((p) => p.id) : undefined;
    lines.forEach((line, i) => {
      if (!line?.project || !known || known.includes(line.project)) return;
      at(problems, ['expenditure', 'lines', i, 'project'], 'unknown_project', {
        id: line.project,
        year,
        earlier: false,
        known,
        suggestion: closest(line.project, known),
      });
    });

    const complete = lines.every((l) => l !== undefined);
    if (!complete) continue;
    const sum = lines.reduce((total, l) => total + (l?.amount ?? 0), 0);
    const stated = finance.expenditure?.total;
    if (stated !== undefined && stated !== sum && Number.isSafeInteger(sum))
      at(problems, ['expenditure', 'total'], 'total_mismatch', { stated, sum, diff: stated - sum });

    // The rules: thresholds from the data, else the legal defaults (SPENDING_RULES).
    if (!file.complete) continue;
    const programme = lines.reduce((t, l) => t + (l?.category === 'programme' ? l.amount : 0), 0);
    const management = lines.reduce((t, l) => t + (l?.category === 'management' ? l.amount : 0), 0);
    const previousIncome = incomeTotals.get(year - 1);
    (finance.spending_rules ?? []).forEach((rule, i) => {
      const preset = rule.rule === 'custom' ? undefined : SPENDING_RULES[rule.rule];
      const source = rule.source ?? preset?.source ?? rule.rule;
      const min = rule.min_programme_vs_previous_income ?? preset?.minProgrammeVsPreviousIncome;
      const max = rule.max_management_share ?? preset?.maxManagementShare;
      const path: PathSegment[] = ['spending_rules', i, 'rule'];
      if (min !== undefined && previousIncome !== undefined && previousIncome > 0) {
        const ratio = programme / previousIncome;
        if (ratio < min)
          at(warnings, path, 'spending_rule_programme', {
            rule: rule.rule,
            source,
            ratio,
            threshold: min,
            previousYear: year - 1,
          });
      }
      if (max !== undefined && sum > 0) {
        const ratio = management / sum;
        if (ratio > max)
          at(warnings, path, 'spending_rule_management', {
            rule: rule.rule,
            source,
            ratio,
            threshold: max,
          });
      }
    });
  }
  return { problems, warnings };
}
