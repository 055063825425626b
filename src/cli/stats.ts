/**
 * `report stats <year>`: the figures of a year as a table for a person, or with --json as the
 * stable ReportStats JSON (docs/stats.md) for a script. Invalid data fails validation (its
 * DataError reaches the shell, exit 1), and so does a year with no data folder, as in `report
 * build` and `report validate`; a year that is not a year exits 2.
 */
import { ExitCode } from '../errors.js';
import type { ReadDatasetOptions } from '../read-dataset.js';
import {
  DASH,
  MINUS,
  formatCount,
  formatMoney,
  formatMultiple,
  formatPercent,
} from '../render/format.js';
import type { Dataset, Locale } from '../schema/files.js';
import type { Count } from '../schema/values.js';
import { computeStats } from '../stats/compute-stats.js';
import { serializeStats } from '../stats/serialize-stats.js';
import type { ReportStats } from '../stats/types.js';
import { parseYear } from './flags.js';
import { financeLines } from './stats-finance.js';
import type { Io } from './io.js';

export interface StatsOptions {
  year: string;
  data?: string;
  json?: boolean;
  lang?: Locale;
}

export interface StatsDeps {
  /**
   * Reads and validates the data; throws a DataError listing every problem, a missing folder
   * for the year among them.
   */
  readDataset: (options: ReadDatasetOptions) => Promise<Dataset>;
}

async function defaultDeps(): Promise<StatsDeps> {
  const { readDataset } = await import('../read-dataset.js');
  return { readDataset };
}

export async function runStats(options: StatsOptions, io: Io, deps?: StatsDeps): Promise<number> {
  const year = parseYear(options.year, 'stats');
  const { readDataset } = deps ?? (await defaultDeps());
  // The report year and every earlier one: a later year's draft cannot block this report.
  const dataset = await readDataset({
    dataDir: options.data ?? 'data',
    cwd: io.cwd,
    years: [year],
    ...(options.lang ? { lang: options.lang } : {}),
  });
  const stats = computeStats(dataset, year);
  if (options.json) io.stdout(serializeStats(stats));
  else io.stdout(formatStatsTable(stats, dataset, options.lang ?? dataset.organization.locale));
  return ExitCode.ok;
}

const LABELS = {
  'zh-CN': {
    title: (org: string, year: number) => `${org} ${year}年统计`,
    income: '收入',
    year: '年份',
    total: '总收入',
    change: '较上年',
    governmentShare: '政府资金占比',
    cagr: (first: number, last: number) => `年均复合增长率（${first}—${last}年）`,
    multiple: (first: number, last: number) => `${last}年收入为${first}年的`,
    sources: (year: number) => `${year}年收入来源`,
    source: '来源',
    amount: '金额',
    share: '占比',
    staff: '员工',
    headcount: '人数',
    fullTime: '全职',
    volunteers: '志愿者',
    projects: '项目',
    active: '本年在做',
    new: '新增',
    completed: '结项',
    cumulative: '累计',
    group: '类别 / 角色',
    thisYear: '本年',
    roles: { operated: '自主运营', assisted: '协助运营' } as Record<string, string>,
    projectList: (year: number) => `${year}年项目`,
    project: '项目',
    funding: '本年资金',
    fundingCumulative: '累计资金',
    services: '服务',
    personTimes: '服务人次',
    activity: '服务类型',
    servicesTotal: '服务合计',
    districts: '服务区域',
    awards: '荣誉与媒体',
    level: '级别',
    levels: {
      national: '国家级',
      provincial: '省级',
      city: '市级',
      district: '区级',
      sector: '行业',
    } as Record<string, string>,
    media: '媒体报道',
    sum: '合计',
    listSeparator: '、',
    colon: '：',
    none: '无',
    people: '志愿者与服务对象',
    hours: '志愿服务时长',
    beneficiaries: '服务对象',
    beneficiaryKind: '类别',
    units: { people: '人', hours: '小时', personTimes: '人次' },
    outcomes: (year: number) => `${year}年成效指标`,
    indicator: '指标',
    target: '目标',
    actual: '实际',
    achievement: '达成率',
  },
  en: {
    title: (org: string, year: number) => `${org}: figures for ${year}`,
    income: 'Income',
    year: 'Year',
    total: 'Total',
    change: 'Change',
    governmentShare: 'Government share',
    cagr: (first: number, last: number) => `Compound annual growth ${first}–${last}`,
    multiple: (first: number, last: number) => `${last} income as a multiple of ${first}`,
    sources: (year: number) => `Income by source, ${year}`,
    source: 'Source',
    amount: 'Amount',
    share: 'Share',
    staff: 'Staff',
    headcount: 'Headcount',
    fullTime: 'Full-time',
    volunteers: 'Volunteers',
    projects: 'Projects',
    active: 'Active',
    new: 'New',
    completed: 'Completed',
    cumulative: 'Cumulative',
    group: 'Category / role',
    thisYear: 'This year',
    roles: { operated: 'Operated', assisted: 'Assisted' } as Record<string, string>,
    projectList: (year: number) => `Projects in ${year}`,
    project: 'Project',
    funding: 'Funding',
    fundingCumulative: 'Cumulative funding',
    services: 'Services',
    personTimes: 'Person-times',
    activity: 'Activity',
    servicesTotal: 'All services',
    districts: 'Districts',
    awards: 'Awards and media',
    level: 'Level',
    levels: {
      national: 'National',
      provincial: 'Provincial',
      city: 'City',
      district: 'District',
      sector: 'Sector',
    } as Record<string, string>,
    media: 'Media reports',
    sum: 'Total',
    listSeparator: ', ',
    colon: ': ',
    none: 'none',
    people: 'Volunteers and people served',
    hours: 'Volunteer hours',
    beneficiaries: 'People served',
    beneficiaryKind: 'Kind',
    units: { people: '', hours: '', personTimes: '' },
    outcomes: (year: number) => `Outcome indicators, ${year}`,
    indicator: 'Indicator',
    target: 'Target',
    actual: 'Actual',
    achievement: 'Achieved',
  },
} as const;

/** The human-readable form: one section per figure group, series as aligned tables. */
export function formatStatsTable(stats: ReportStats, dataset: Dataset, locale: Locale): string {
  const t = LABELS[locale];
  const money = (yuan: number | null) => (yuan === null ? DASH : formatMoney(yuan, locale));
  const signed = (ratio: number | null) => formatPercent(ratio, { signed: true }, locale);
  const permille = (value: number | null) =>
    value === null ? DASH : formatPercent(value / 1000, {}, locale);
  const int = (n: number | null) => (n === null ? DASH : String(n));
  const signedInt = (n: number | null) =>
    n === null ? DASH : n > 0 ? `+${n}` : n < 0 ? `${MINUS}${-n}` : '0';
  // The vocabulary's units are Chinese words; in English the number stands alone.
  const count = (c: Count | null, unit = '') =>
    c === null ? DASH : formatCount(c, locale === 'en' ? '' : unit, locale);
  const { income, staff, projects, services, awards, media } = stats;
  const out: string[] = [];

  out.push(t.title(dataset.organization.name, stats.year), '');

  out.push(t.income);
  out.push(
    ...table(
      [t.year, t.total, t.change, '', t.governmentShare],
      income.series.map((s) => [
        String(s.year),
        money(s.total),
        signed(s.change.ratio),
        s.change.amount === null
          ? ''
          : `(${s.change.amount >= 0 ? '+' : ''}${money(s.change.amount)})`,
        permille(s.governmentSharePermille),
      ]),
    ),
  );
  // In the first year there is nothing to compare with: no line rather than a dash.
  if (income.span > 0) {
    out.push(
      `  ${t.cagr(income.firstYear, stats.year)}${t.colon}${formatPercent(income.cagr, {}, locale)}`,
      `  ${t.multiple(income.firstYear, stats.year)}${t.colon}${formatMultiple(income.multiple, locale)}`,
    );
  }
  out.push('', `  ${t.sources(stats.year)}`);
  out.push(
    ...table(
      [t.source, t.amount, t.share],
      income.byKind
        .filter((k) => k.amount > 0)
        .map((k) => [k.label, money(k.amount), permille(k.sharePermille)]),
    ),
    '',
  );
  // finance.yaml: expenditure, surplus, net assets, ratios (src/cli/stats-finance.ts).
  if (stats.finance) out.push(...financeLines(stats.finance, locale, table), '');

  out.push(t.staff);
  out.push(
    ...table(
      [t.year, t.headcount, t.change, t.fullTime, t.volunteers],
      staff.series.map((s) => [
        String(s.year),
        String(s.headcount),
        signedInt(s.change.amount),
        int(s.fullTime),
        int(s.volunteers),
      ]),
    ),
    '',
  );

  out.push(t.projects);
  out.push(
    ...table(
      [t.year, t.active, t.new, t.completed, t.cumulative],
      projects.series.map((s) => [
        String(s.year),
        String(s.active),
        String(s.new),
        String(s.completed),
        String(s.cumulative),
      ]),
    ),
    '',
  );
  out.push(
    ...table(
      [t.group, t.thisYear, t.cumulative],
      [
        ...projects.byCategory.map((g) => [g.label, String(g.active), String(g.cumulative)]),
        ...projects.byRole.map((g) => [
          t.roles[g.id] ?? g.id,
          String(g.active),
          String(g.cumulative),
        ]),
      ],
    ),
    '',
    `  ${t.projectList(stats.year)}`,
  );
  out.push(
    ...table(
      [t.project, t.funding, t.fundingCumulative, t.services, t.personTimes],
      projects.list.map((p) => [
        p.shortName ?? p.name,
        money(p.funding.year),
        money(p.funding.cumulative),
        p.services.length === 0 ? DASH : count(p.servicesTotal),
        count(p.personTimes),
      ]),
    ),
    '',
  );
  const outcomes = projects.list.flatMap((p) =>
    (p.outcomes ?? []).map((o) => {
      const n = (x: number) => formatCount({ value: x, approx: null }, o.unit ?? '', locale);
      return [
        p.shortName ?? p.name,
        o.name,
        n(o.target),
        n(o.actual),
        formatPercent(o.achievement, {}, locale),
      ];
    }),
  );
  if (outcomes.length > 0)
    out.push(
      `  ${t.outcomes(stats.year)}`,
      ...table([t.project, t.indicator, t.target, t.actual, t.achievement], outcomes),
      '',
    );

  out.push(t.services);
  out.push(
    ...table(
      [t.activity, t.thisYear, t.cumulative],
      [
        ...services.byActivity
          .filter((a) => a.count.value > 0 || a.cumulative.value > 0)
          .map((a) => [a.label, count(a.count, a.unit), count(a.cumulative, a.unit)]),
        [t.servicesTotal, count(services.total), count(services.cumulative)],
        [t.personTimes, count(services.personTimes), count(services.personTimesCumulative)],
      ],
    ),
    `  ${t.districts}${t.colon}${services.districts.join(t.listSeparator) || t.none}`,
    '',
  );

  out.push(t.awards);
  out.push(
    ...table(
      [t.level, t.thisYear, t.cumulative],
      [
        ...awards.byLevel.map((l) => [
          t.levels[l.id] ?? l.id,
          String(l.count),
          String(l.cumulative),
        ]),
        [t.sum, String(awards.count), String(awards.cumulative)],
        [t.media, String(media.reports), String(media.cumulative)],
      ],
    ),
  );
  if (stats.people) {
    const { volunteers, beneficiaries } = stats.people;
    const u = t.units;
    out.push('', t.people);
    out.push(
      ...table(
        ['', t.thisYear, t.change],
        [
          [t.volunteers, count(volunteers.people, u.people), ''],
          [t.hours, count(volunteers.hours, u.hours), signed(volunteers.hoursChange.ratio)],
          [
            t.beneficiaries,
            count(beneficiaries.people, u.people),
            signed(beneficiaries.peopleChange.ratio),
          ],
          [t.personTimes, count(beneficiaries.personTimes, u.personTimes), ''],
        ],
      ),
    );
    if (beneficiaries.byKind.length > 0)
      out.push(
        '',
        ...table(
          [t.beneficiaryKind, t.beneficiaries, t.share, t.personTimes],
          beneficiaries.byKind.map((k) => [
            k.kind,
            count(k.people, u.people),
            permille(k.sharePermille),
            count(k.personTimes, u.personTimes),
          ]),
        ),
      );
  }
  return `${out.join('\n')}\n`;
}

/** Columns in a terminal: CJK characters take two cells. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Left-aligned first column, right-aligned figures, two spaces between, indented by two. */
function table(head: string[], rows: string[][]): string[] {
  const all = [head, ...rows];
  const widths = head.map((_, col) => Math.max(...all.map((row) => displayWidth(row[col] ?? ''))));
  return all.map((row) => {
    const cells = row.map((cell, col) => {
      const pad = ' '.repeat((widths[col] ?? 0) - displayWidth(cell));
      return col === 0 ? cell + pad : pad + cell;
    });
    return `  ${cells.join('  ')}`.trimEnd();
  });
}
