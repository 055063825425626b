/**
 * The view model: everything the template shows, computed here so the template only lays it out.
 * Every key exists (null where there is nothing), because templates run in strict mode. Where a
 * chart or table goes is the template's layout's to say (src/render/layout.ts).
 */
import type { Dataset, Organization, ReportYear } from '../schema/files.js';
import type { ReportStats } from '../stats/index.js';
import { figureResolver } from './figures.js';
import { formatDate, formatMoney } from './format.js';
import { renderMarkdown } from './markdown.js';
import { runningHeaderCss } from './page-css.js';
import type { DrawnChart } from './plan-charts.js';
import type { TemplateSource } from './template-source.js';
import { dataView, type DataView } from './view/data-view.js';
import { projectFacts } from './view/facts.js';
import {
  fundersTable,
  incomeLines,
  optionalText,
  withProjectSummary,
  type IncomeLineView,
} from './view/funders.js';
import { keyFigures, type KeyFigure } from './view/key-figures.js';
import { placeFigures } from './view/placement.js';
import { buildSections, type SectionView, type TocEntry } from './view/sections.js';
import { text, type Strings } from './view/strings.js';
import { buildTables } from './view/tables.js';

export type { Strings } from './view/strings.js';
export type { TocEntry } from './view/sections.js';

export interface ReportView {
  lang: string;
  t: Strings;
  css: string;
  org: { name: string; shortName: string };
  report: {
    year: number;
    title: string;
    documentTitle: string;
    subject: string;
    /** Comma-separated, as in a <meta name="keywords">; the list is reportKeywords(). */
    keywords: string;
    generator: string;
    signatureName: string;
    signatureDate: string;
  };
  keyFigures: KeyFigure[];
  openingHtml: string;
  toc: TocEntry[];
  sections: SectionView[];
  /** The report year's income lines, naming each funder (anonymous ones as such). */
  funders: { lines: IncomeLineView[]; total: number; totalText: string };
  /** Every field of the data files (docs/templates.md). */
  data: DataView;
}

export interface ViewInput {
  dataset: Dataset;
  /** The year reported on, with its narrative. */
  year: ReportYear;
  stats: ReportStats;
  /** Its locale strings, layout and stylesheets. */
  template: Pick<TemplateSource, 'strings' | 'layout' | 'styles'>;
  charts: readonly DrawnChart[];
  /** Put first in the page's CSS: where the @font-face rules go once its characters are known. */
  fontSlot: string;
  generator: string;
}

export function buildView(input: ViewInput): ReportView {
  const { dataset, stats } = input;
  const { strings, layout, styles } = input.template;
  const org = dataset.organization;
  const locale = org.locale;
  const narrative = input.year.narrative;
  const resolve = figureResolver(dataset, stats, locale, {
    services: text(strings, 'servicesUnit'),
    personTimes: text(strings, 'personTimesUnit'),
    listSeparator: text(strings, 'listSeparator'),
    people: text(strings, 'unitPeople'),
  });
  // The heading level that owns each text: Markdown headings in it go below that.
  const markdown = (source: string, below: number) => renderMarkdown(source, resolve, below);
  const tables = buildTables(dataset, input.year, stats, strings);
  const funders = fundersTable(dataset, input.year, stats, strings);
  if (funders) tables.set('funders', funders);
  const { sections, toc } = buildSections(narrative, {
    strings,
    markdown,
    facts: (project) =>
      withProjectSummary(
        projectFacts(stats, project, locale, strings),
        input.year,
        project,
        strings,
        locale,
        (source) => markdown(source, 4),
      ),
    figuresAt: placeFigures(layout, input.charts, tables, strings),
  });
  const figures = keyFigures(stats, locale, strings);
  return {
    lang: locale,
    t: strings,
    // The running header names the organisation and the report (@page margin boxes).
    css: [
      input.fontSlot,
      styles.map((style) => style.source).join('\n'),
      runningHeaderCss(org.name, narrative.title),
    ].join('\n'),
    org: { name: org.name, shortName: org.short_name ?? org.name },
    report: {
      year: stats.year,
      title: narrative.title,
      documentTitle: text(strings, 'documentTitle', { org: org.name, title: narrative.title }),
      subject: text(strings, 'subject', { org: org.name, year: stats.year }),
      keywords: reportKeywords(org, input.year, stats).join(', '),
      generator: input.generator,
      signatureName: narrative.signature.name ?? org.signatory ?? org.name,
      signatureDate: formatDate(narrative.signature.date, locale, 'long'),
    },
    keyFigures: figures,
    openingHtml: markdown(narrative.opening, 2),
    toc,
    sections,
    funders: {
      lines: incomeLines(dataset, input.year, strings),
      total: stats.income.total,
      totalText: formatMoney(stats.income.total, locale),
    },
    data: dataView(
      dataset,
      stats.year,
      optionalText(strings, 'anonymousDonor', locale, '匿名捐赠', 'Anonymous donor'),
    ),
  };
}

/** The report's keywords (HTML meta and PDF metadata): the organisation, the title, the categories. */
export function reportKeywords(org: Organization, year: ReportYear, stats: ReportStats): string[] {
  return [org.name, year.narrative.title, ...stats.projects.byCategory.map((c) => c.label)];
}
