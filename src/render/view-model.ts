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
import { buildFinance, type FinanceView } from './view/finance.js';
import { buildLetter, type LetterView } from './view/letter.js';
import { peopleUnits } from './view/people.js';
import { buildAcknowledgements, type AcknowledgementsView } from './view/partners.js';
import { photosBySection, type PhotoView } from './view/photos.js';
import { figureNumbers, placeFigures } from './view/placement.js';
import { partString, profileParts, type ContactsView, type ProfileView } from './view/profile.js';
import { buildSections, type SectionView, type TocEntry } from './view/sections.js';
import { text, type Strings } from './view/strings.js';
import { buildTables } from './view/tables.js';

export type { Strings } from './view/strings.js';
export type { TocEntry } from './view/sections.js';

export interface ReportView {
  lang: string;
  t: Strings;
  css: string;
  /**
   * `logo` is the organisation's logo (a data: URI, its alt text and the size in mm its pixels
   * were made for), undefined when it has none.
   */
  org: {
    name: string;
    shortName: string;
    logo: { src: string; alt: string; widthMm: number; heightMm: number } | undefined;
  };
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
  /** The report year's income lines, naming each funder (anonymous ones as such). */
  funders: { lines: IncomeLineView[]; total: number; totalText: string };
  /** Every field of the data files (docs/templates.md). */
  data: DataView;
  /** Each section with the photos photos.yaml places in it (an empty list when none). */
  sections: (SectionView & { photos: PhotoView[] })[];
  /** 影像记录: the year's photos that name no section, null when none. */
  photos: { anchor: string; heading: string; list: PhotoView[] } | null;
  /** 机构简介 and 联系方式 (organization.yaml's profile), null when the data has none. */
  profile: ProfileView | null;
  contacts: ContactsView | null;
  /** 财务概况 (the year's finance.yaml), null when it has none. */
  finance: FinanceView | null;
  /** 鸣谢: the partners the year's projects name, null when none. */
  acknowledgements: AcknowledgementsView | null;
  /** 大事记 (the year's timeline.yaml, in date order), null when it has none. */
  timeline: { anchor: string; heading: string; events: { date: string; event: string }[] } | null;
  /** 理事长致辞 (narrative.yaml's letter), null when it has none. */
  letter: LetterView | null;
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
    ...peopleUnits(strings, locale),
  });
  // The heading level that owns each text: Markdown headings in it go below that.
  const markdown = (source: string, below: number) => renderMarkdown(source, resolve, below);
  const tables = buildTables(dataset, input.year, stats, strings);
  const funders = fundersTable(dataset, input.year, stats, strings);
  if (funders) tables.set('funders', funders);
  const numbers = figureNumbers(strings);
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
    figuresAt: placeFigures(layout, input.charts, tables, numbers),
  });
  const figures = keyFigures(stats, locale, strings);
  const more = profileParts(org, dataset.images, strings);
  const finance = buildFinance(stats, locale, strings, numbers);
  const acknowledgements = buildAcknowledgements(org, input.year, strings);
  const events = [...(input.year.timeline?.events ?? [])].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
  const timeline =
    events.length > 0
      ? {
          anchor: 'timeline',
          heading: partString(strings, 'timeline', 'heading'),
          events: events.map((e) => ({ date: formatDate(e.date, locale, 'long'), event: e.event })),
        }
      : null;
  const letter = buildLetter(narrative, locale, strings, (source) => markdown(source, 2));
  const photos = photosBySection(input.year, dataset.images, strings);
  const gallery = photos.get('')
    ? {
        anchor: 'photos',
        heading: partString(strings, 'photos', 'heading'),
        list: photos.get('') ?? [],
      }
    : null;
  // The profile opens the report, the contacts close it: in the contents where they print.
  const entry = (anchor: string, label: string): TocEntry => ({
    level: 1,
    anchor,
    label,
    pageId: `page-of-${anchor}`,
  });
  const contents = [
    ...(letter ? [entry(letter.anchor, letter.heading)] : []),
    ...(more.profile ? [entry(more.profile.anchor, more.profile.heading)] : []),
    ...toc,
    ...(gallery ? [entry(gallery.anchor, gallery.heading)] : []),
    ...(timeline ? [entry(timeline.anchor, timeline.heading)] : []),
    ...(finance ? [entry(finance.anchor, finance.heading)] : []),
    ...(acknowledgements ? [entry(acknowledgements.anchor, acknowledgements.heading)] : []),
    ...(more.contacts ? [entry(more.contacts.anchor, more.contacts.heading)] : []),
  ];
  return {
    lang: locale,
    t: strings,
    // The running header names the organisation and the report (@page margin boxes).
    css: [
      input.fontSlot,
      styles.map((style) => style.source).join('\n'),
      runningHeaderCss(org.name, narrative.title),
    ].join('\n'),
    org: { name: org.name, shortName: org.short_name ?? org.name, logo: more.logo },
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
    toc: contents,
    sections: sections.map((section) => ({ ...section, photos: photos.get(section.id) ?? [] })),
    photos: gallery,
    profile: more.profile,
    contacts: more.contacts,
    finance,
    acknowledgements,
    timeline,
    letter,
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
