/** buildView on small datasets: where figures go is the template's layout's to say. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/read-dataset.js';
import { parseLayout, type TemplateLayout } from '../../src/render/layout.js';
import { planCharts } from '../../src/render/plan-charts.js';
import { buildView, reportKeywords, type ReportView } from '../../src/render/view-model.js';
import type { Dataset, ReportYear } from '../../src/schema/files.js';
import { computeStats } from '../../src/stats/index.js';

const ROOT = join(import.meta.dirname, '../..');
const strings = JSON.parse(
  readFileSync(join(ROOT, 'templates/default/locales/en.json'), 'utf8'),
) as Record<string, unknown>;
const defaultLayout = parseLayout(
  JSON.parse(readFileSync(join(ROOT, 'templates/default/layout.json'), 'utf8')),
  'layout.json',
);

let english: Dataset;
beforeAll(async () => {
  english = await readDataset({ dataDir: 'tests/fixtures/data/english', cwd: ROOT });
});

/** The 2015 view of `dataset` with `layout`, charts "drawn" as a placeholder SVG. */
function view(dataset: Dataset, layout: TemplateLayout = defaultLayout): ReportView {
  const stats = computeStats(dataset, 2015);
  const year = dataset.years.find((y) => y.year === 2015) as ReportYear;
  const charts = planCharts(stats, 'en', strings, layout).map((chart) => ({
    ...chart,
    svg: Buffer.from(`<svg id="${chart.input.id}"/>`),
  }));
  return buildView({
    dataset,
    year,
    stats,
    template: { strings, layout, styles: [{ file: 'a.css', source: 'p { margin: 0 }' }] },
    charts,
    fontSlot: '/*fonts*/',
    generator: 'report test',
  });
}

/** Each section's figures as "Figure 1 income" / "Table 1 income", by section and subsection. */
function placed(v: ReportView): Record<string, string[]> {
  const names = (figures: ReportView['sections'][number]['figures']) =>
    figures.map((f) =>
      f.chart
        ? `${f.chart.number} ${f.chart.anchor.replace('figure-', '')}`
        : `${f.table?.number} ${f.table?.anchor.replace('table-', '')}`,
    );
  const out: Record<string, string[]> = {};
  for (const section of v.sections) {
    section.subsections.forEach((sub, i) => {
      if (sub.figures.length > 0) out[`${section.id}.${i + 1}`] = names(sub.figures);
    });
    if (section.figures.length > 0) out[section.id] = names(section.figures);
  }
  return out;
}

/** The English fixture with its sections renamed, as a data set written for another template. */
function renamed(dataset: Dataset, ids: Record<string, string>): Dataset {
  const copy = structuredClone(dataset);
  for (const year of copy.years)
    for (const section of year.narrative?.sections ?? [])
      section.id = ids[section.id] ?? section.id;
  return copy;
}

describe('buildView', () => {
  it('places figures where the default layout says, numbered in reading order', () => {
    expect(placed(view(english))).toEqual({
      'capacity.1': ['Figure 1 income', 'Table 1 income'],
      programmes: ['Figure 2 projects', 'Table 2 projects'],
    });
  });

  it('knows no section id: a layout for other sections places the figures there', () => {
    const data = renamed(english, { capacity: 'money', programmes: 'work' });
    expect(placed(view(data))).toEqual({});
    const layout = parseLayout(
      {
        figures: [
          { table: 'income', section: 'money' },
          { chart: 'income', section: 'money', subsection: 2, widthMm: 100, heightMm: 50 },
          { table: 'projects', section: 'work', subsection: 1 },
        ],
      },
      'custom/layout.json',
    );
    const v = view(data, layout);
    expect(placed(v)).toEqual({
      'money.2': ['Figure 1 income'],
      money: ['Table 1 income'],
      'work.1': ['Table 2 projects'],
    });
    expect(v.sections[0]?.subsections[1]?.figures[0]?.chart).toMatchObject({
      caption: 'Income 2014–2015 by source',
      src: `data:image/svg+xml;base64,${Buffer.from('<svg id="income"/>').toString('base64')}`,
      widthMm: 100,
    });
  });

  it('puts a figure placed in a subsection the section lacks at the end of the section', () => {
    const layout = parseLayout(
      { figures: [{ chart: 'staff', section: 'plans', subsection: 3, widthMm: 90, heightMm: 40 }] },
      'layout.json',
    );
    expect(placed(view(english, layout))).toEqual({ plans: ['Figure 1 staff'] });
  });

  it('leaves out tables with nothing to show (no awards, no media coverage)', () => {
    const layout = parseLayout(
      {
        figures: [
          { table: 'awards', section: 'capacity' },
          { table: 'media', section: 'capacity' },
          { table: 'projects', section: 'capacity' },
        ],
      },
      'layout.json',
    );
    expect(placed(view(english, layout))).toEqual({ capacity: ['Table 1 projects'] });
  });

  it('gives a subsection about a project its facts, and the year its key figures (none for awards it has not had)', () => {
    const v = view(english);
    const club = v.sections[1]?.subsections[0];
    expect(club?.facts).toEqual({
      name: 'Good Neighbours',
      items: [
        { label: 'Status', value: 'new' },
        { label: 'Funding this year', value: '¥50,000' },
        { label: 'Home visits', value: '40+ visits' },
        { label: 'Districts', value: 'North Bank, Old Town' },
      ],
      summaryHtml: null,
      featured: true,
      featuredLabel: 'Featured project',
    });
    expect(v.keyFigures.map((k) => k.label)).toEqual([
      'Income',
      'Government share',
      'Staff',
      'Projects to date',
      'Direct services',
    ]);
    // The contents open with the key figures; section numbers nest (1, 1.1), never 1 then 1 again.
    expect(v.toc.map((e) => e.label)).toEqual([
      'The year at a glance',
      '1. Our capacity',
      '1.1 Income',
      '1.2 Staff',
      '2. Our programmes',
      '2.1 Good Neighbours',
      '3. Next year',
    ]);
  });

  it('starts the CSS with the font slot and ends it with the running header', () => {
    const v = view(english);
    expect(v.css.split('\n')[0]).toBe('/*fonts*/');
    expect(v.css).toContain('p { margin: 0 }');
    expect(v.css).toMatch(/@top-right \{ content: 'Annual Report 2015'; \}/);
  });

  it('keeps a keyword that contains a comma whole in the PDF list', () => {
    const data = structuredClone(english);
    const year = data.years.find((y) => y.year === 2015) as ReportYear;
    year.narrative.title = 'Report, 2015';
    const stats = computeStats(data, 2015);
    expect(reportKeywords(data.organization, year, stats)).toEqual([
      'Riverside Community Trust',
      'Report, 2015',
      'Youth',
      'Older people',
    ]);
    expect(view(data).report.keywords).toBe(
      'Riverside Community Trust, Report, 2015, Youth, Older people',
    );
  });
});

describe('parseLayout', () => {
  it.each([
    [{ figures: [{ chart: 'pie', section: 'a', widthMm: 1, heightMm: 1 }] }, /figures\.0/],
    [{ figures: [{ chart: 'income', section: 'a' }] }, /figures\.0/],
    [
      {
        figures: [
          { table: 'income', section: 'a' },
          { table: 'income', section: 'b' },
        ],
      },
      /the table income is placed twice/,
    ],
    [{ charts: [] }, /custom\/layout\.json/],
  ])('refuses %j as a template error naming the file', (value, message) => {
    expect(() => parseLayout(value, 'custom/layout.json')).toThrow(message);
    try {
      parseLayout(value, 'custom/layout.json');
    } catch (error) {
      expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', exitCode: 3 });
    }
  });
});
