/**
 * One value per fact (issue 11, item 3): every rendering of a figure in the built HTML — prose,
 * key figures, tables, facts boxes, chart alt text and chart data tables — is the same string.
 * The reports are built through the pipeline's ports with the real data, template and renderer
 * (HTML only, no browser), then read back from the HTML the way a reader meets them:
 * the example (data/), the English example, and a data set with three equal income sources
 * and a year without data (tests/fixtures/data/equal-shares-and-a-gap-year).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/read-dataset.js';
import { factText } from '../../src/render/figures.js';
import type { Dataset, Locale } from '../../src/schema/files.js';
import type { Count } from '../../src/schema/values.js';
import { computeStats, type ReportStats } from '../../src/stats/index.js';
import { decodeEntities, FIXTURES, harness } from '../pipeline/fakes.js';

const ROOT = join(import.meta.dirname, '../..');

interface Report {
  name: string;
  html: string;
  dataset: Dataset;
  stats: ReportStats;
  locale: Locale;
  t: Record<string, string>;
}

/** Text as a reader sees it: tags dropped (a no-break span keeps its text), entities decoded. */
function plain(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ''));
}

async function build(name: string, dataDir: string, year: number): Promise<Report> {
  const h = harness({ options: { dataDir, years: [year], formats: new Set(['html']) } });
  await h.run();
  const dataset = await readDataset({ dataDir, cwd: ROOT });
  const locale = dataset.organization.locale;
  const t = JSON.parse(
    readFileSync(join(ROOT, `templates/default/locales/${locale}.json`), 'utf8'),
  ) as Record<string, string>;
  return {
    name,
    html: h.disk.text(`out/${year}/report.html`),
    dataset,
    stats: computeStats(dataset, year),
    locale,
    t,
  };
}

const fill = (pattern: string, vars: Record<string, string | number>) =>
  pattern.replace(/\{(\w+)\}/g, (whole, key: string) => String(vars[key] ?? whole));

/** The key figures as label → { value, note }. */
function keyFigures(html: string): Map<string, { value: string; note: string }> {
  const out = new Map<string, { value: string; note: string }>();
  const re =
    /<li class="kf"><span class="kf-label">(.*?)<\/span><span class="kf-value">(.*?)<\/span>(?:<span class="kf-note">(.*?)<\/span>)?/g;
  for (const m of html.matchAll(re))
    out.set(plain(m[1] ?? ''), { value: plain(m[2] ?? ''), note: plain(m[3] ?? '') });
  return out;
}

interface Table {
  head: string[];
  rows: string[][];
  foot: string[] | null;
  note: string;
}

function cellsOf(row: string): string[] {
  return [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => plain(m[1] ?? ''));
}

function table(html: string, anchor: string): Table | null {
  const figure = new RegExp(`<figure class="table[^"]*" id="${anchor}">([\\s\\S]*?)</figure>`).exec(
    html,
  )?.[1];
  if (figure === undefined) return null;
  const part = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(figure)?.[1];
  const rows = [...(part('tbody') ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    cellsOf(m[1] ?? ''),
  );
  const foot = part('tfoot');
  return {
    head: cellsOf(part('thead') ?? ''),
    rows,
    foot: foot === undefined ? null : cellsOf(foot),
    note: plain(/<p class="table-note">([\s\S]*?)<\/p>/.exec(figure)?.[1] ?? ''),
  };
}

/** The facts box of each project, by the project's name: label → value. */
function factsBoxes(html: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const m of html.matchAll(/<aside class="facts" aria-label="([^"]*)">([\s\S]*?)<\/aside>/g)) {
    const items = new Map<string, string>();
    for (const d of (m[2] ?? '').matchAll(/<th scope="row">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td>/g))
      items.set(plain(d[1] ?? ''), plain(d[2] ?? ''));
    out.set(plain(m[1] ?? ''), items);
  }
  return out;
}

/** The narrative's text: <main> without key figures, figures, tables and facts boxes. */
function prose(html: string): string {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return plain(
    main
      .replace(/<section class="key-figures"[\s\S]*?<\/section>/, '')
      .replace(/<figure[\s\S]*?<\/figure>/g, '')
      .replace(/<aside[\s\S]*?<\/aside>/g, '')
      .replace(/<h[1-6][\s\S]*?<\/h[1-6]>/g, ''),
  );
}

/** Each chart: its alt text and its data table (row label → cell texts). */
function charts(
  html: string,
): Map<string, { alt: string; columns: string[]; rows: Map<string, string[]> }> {
  const out = new Map<string, { alt: string; columns: string[]; rows: Map<string, string[]> }>();
  for (const m of html.matchAll(
    /<figure class="chart" id="figure-([^"]+)">([\s\S]*?)<\/figure>/g,
  )) {
    const body = m[2] ?? '';
    const rows = new Map<string, string[]>();
    for (const r of (/<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '').matchAll(
      /<tr>([\s\S]*?)<\/tr>/g,
    )) {
      const cells = cellsOf(r[1] ?? '');
      rows.set(cells[0] ?? '', cells.slice(1));
    }
    out.set(m[1] ?? '', {
      alt: plain(/alt="([^"]*)"/.exec(body)?.[1] ?? ''),
      columns: cellsOf(/<thead>([\s\S]*?)<\/thead>/.exec(body)?.[1] ?? ''),
      rows,
    });
  }
  return out;
}

/**
 * Every other way the prose writes the same figure: the same number and unit with any qualifier
 * (约/近/余, about/nearly/+). `54.5万元` finds 约54.5万元; `500余次` finds 约500次 and 500次.
 */
function variantsIn(text: string, canonical: string): string[] {
  const zh = /^(约|近)?([\d.,]+)(余)?(\S*)$/.exec(canonical);
  const en = /^(about |nearly )?(¥?[\d.,]+)(\+)?( .+)?$/.exec(canonical);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let re: RegExp | null = null;
  if (zh && /[^\d.,%]/.test(zh[4] ?? '')) {
    re = new RegExp(
      `(?:约|近)?(?<![\\d.,])${escape(zh[2] ?? '')}(?![\\d.,])余?${escape(zh[4] ?? '')}`,
      'g',
    );
  } else if (en && (en[4] ?? '') !== '') {
    re = new RegExp(
      `(?:about |nearly )?(?<![\\d.,])${escape(en[2] ?? '')}(?![\\d.,])\\+?${escape(en[4] ?? '')}`,
      'g',
    );
  }
  return re === null ? [] : [...text.matchAll(re)].map((m) => m[0]);
}

const reports: Report[] = [];
beforeAll(async () => {
  reports.push(
    await build('the example (data/)', join(ROOT, 'data'), 2015),
    await build('the English example', join(FIXTURES, 'english'), 2015),
    await build(
      'three equal shares and a gap year',
      join(FIXTURES, 'equal-shares-and-a-gap-year'),
      2021,
    ),
  );
}, 120_000);

const names = ['the example (data/)', 'the English example', 'three equal shares and a gap year'];
const report = (name: string): Report => {
  const r = reports.find((x) => x.name === name);
  if (!r) throw new Error(`not built: ${name}`);
  return r;
};

describe.each(names)('%s: one value per fact', (name) => {
  it('states the year’s income, its change, the government share and the staff alike in the key figures, Table 1 and the prose', () => {
    const { html, stats, locale, t } = report(name);
    const kf = keyFigures(html);
    const income = table(html, 'table-income');
    const row = income?.rows.find((r) => r[0] === factText.year(stats.year, locale));
    const money = factText.money(stats.income.total, locale);
    const share = factText.share(stats.income.governmentSharePermille, locale);
    expect(row?.[1]).toBe(money);
    expect(kf.get(t['income'] ?? '')?.value).toBe(money);
    expect(row?.[3]).toBe(share);
    expect(kf.get(t['governmentShare'] ?? '')?.value).toBe(share);
    expect(row?.[4]).toBe(fill(t['unitPeople'] ?? '', { n: stats.staff.headcount }));
    expect(kf.get(t['staff'] ?? '')?.value).toBe(row?.[4]);
    if (stats.income.change.ratio !== null) {
      expect(row?.[2]).toBe(factText.change(stats.income.change, locale));
      expect(kf.get(t['income'] ?? '')?.note).toContain(row?.[2]);
    }
    const text = prose(html);
    for (const s of stats.income.series) {
      const canonical = factText.money(s.total, locale);
      expect(variantsIn(text, canonical).filter((v) => v !== canonical)).toEqual([]);
    }
  });

  it('writes every year of Table 1 as the rest of the report does, and a change in words, never "+147.7%"', () => {
    const { html, stats, locale } = report(name);
    const income = table(html, 'table-income');
    const years = income?.rows.map((r) => r[0]) ?? [];
    for (const s of stats.income.series) expect(years).toContain(factText.year(s.year, locale));
    const cells = [...(income?.rows.flat() ?? []), ...keyFigures(html).values()].map((c) =>
      typeof c === 'string' ? c : `${c.value} ${c.note}`,
    );
    expect(cells.filter((c) => /[+−-]\d+(\.\d+)?%/.test(c))).toEqual([]);
    expect(prose(html)).not.toMatch(/[+−]\d+(\.\d+)?%/);
    if (locale === 'zh-CN') {
      // GB/T 15834: "1." (or "（一）") after a number, never "1、".
      expect(html).not.toMatch(/<h[2-4][^>]*>\d+、/);
      expect(years.filter((y) => !/^\d{4}年$/.test(y ?? ''))).toEqual([]);
    }
  });

  it('gives the services and person-times of the year one string in the key figures, Table 2 and the prose', () => {
    const { html, stats, locale, t } = report(name);
    const kf = keyFigures(html).get(t['services'] ?? '');
    const services = factText.total(
      stats.projects.list.flatMap((p) => p.services.map((s) => s.count)),
      t['servicesUnit'] ?? '',
      locale,
    );
    const stated = stats.projects.list.flatMap((p) => (p.personTimes ? [p.personTimes] : []));
    const personTimes = factText.total(stated, t['personTimesUnit'] ?? '', locale);
    expect(kf?.value).toBe(services);
    const text = prose(html);
    expect(variantsIn(text, services).filter((v) => v !== services)).toEqual([]);
    if (stated.length > 0) {
      expect(kf?.note).toBe(personTimes);
      expect(table(html, 'table-projects')?.foot?.at(-1)).toBe(personTimes);
      expect(variantsIn(text, personTimes).filter((v) => v !== personTimes)).toEqual([]);
    }
  });

  it('shows each project’s funding, person-times and service counts alike in Table 2, its facts box and the prose, qualifiers included', () => {
    const { html, stats, locale, t } = report(name);
    const projects = table(html, 'table-projects');
    const boxes = factsBoxes(html);
    const text = prose(html);
    const fundingColumn = projects?.head.indexOf(t['funding'] ?? '') ?? -1;
    const personColumn = projects?.head.indexOf(t['personTimes'] ?? '') ?? -1;
    let compared = 0;
    for (const p of stats.projects.list) {
      const row = projects?.rows.find((r) => r[0] === p.name);
      const box = boxes.get(p.name);
      const funding = factText.money(p.funding.year, locale);
      const cumulative = factText.money(p.funding.cumulative, locale);
      if (p.funding.year > 0) {
        expect(row?.[fundingColumn]).toBe(funding);
        if (box) expect(box.get(t['fundingYear'] ?? '')).toBe(funding);
      }
      if (p.personTimes) {
        const pt = factText.count(p.personTimes, t['personTimesUnit'] ?? '', locale);
        expect(row?.[personColumn]).toBe(pt);
        if (box) expect(box.get(t['personTimes'] ?? '')).toBe(pt);
      }
      if (!box) continue;
      for (const s of p.services) {
        const count = factText.count(s.count, s.unit, locale);
        expect(box.get(s.label)).toBe(count);
        compared++;
      }
      for (const canonical of [funding, cumulative]) {
        expect(variantsIn(text, canonical).filter((v) => v !== canonical)).toEqual([]);
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('never adds counts of different units into one total, and explains a funding total that is not the income', () => {
    const { html, stats, locale, t } = report(name);
    const projects = table(html, 'table-projects');
    const unit = t['servicesUnit'] ?? '';
    const countIn = new RegExp(`\\d余?${unit}$`);
    const personTimes = t['personTimesUnit'] ?? '';
    const units = new Set(stats.projects.list.flatMap((p) => p.services.map((s) => s.unit)));
    if (units.size > 1) {
      const mixed = [...(projects?.rows.flat() ?? []), ...(projects?.foot ?? [])].filter(
        (c) => countIn.test(c) && !c.endsWith(personTimes),
      );
      expect(mixed).toEqual([]);
    }
    const fundingColumn = projects?.head.indexOf(t['funding'] ?? '') ?? -1;
    const fundingTotal = stats.projects.list.reduce((sum, p) => sum + p.funding.year, 0);
    if (fundingColumn >= 0 && projects?.foot && fundingTotal !== stats.income.total) {
      expect(projects.foot[fundingColumn]).toBe(factText.money(fundingTotal, locale));
      expect(projects.note).toContain(factText.money(stats.income.total, locale));
      expect(projects.note).toContain(
        factText.money(Math.abs(stats.income.total - fundingTotal), locale),
      );
    }
  });

  it('shows nothing empty as a fact: no zero key figure, no year without data read as consecutive', () => {
    const { html, stats, locale, t } = report(name);
    const zero = [...keyFigures(html)].filter(
      ([, f]) => /^(约|近)?0(?!\.)\D*$/.test(f.value) || /(?<![\d.])0(项|次|个)/.test(f.note),
    );
    expect(zero).toEqual([]);
    const years = stats.income.series.map((s) => s.year);
    const income = table(html, 'table-income');
    for (let y = (years[0] ?? 0) + 1; y < (years.at(-1) ?? 0); y++) {
      if (years.includes(y)) continue;
      const row = income?.rows.find((r) => r[0] === factText.year(y, locale));
      expect(row?.[1], `a row for ${y}`).toBe(t['noData']);
      expect(income?.note).toContain(factText.year(y, locale));
    }
    for (const anchor of ['table-income', 'table-projects', 'table-awards', 'table-media']) {
      const tb = table(html, anchor);
      if (tb) expect(tb.head.filter((h) => h.trim() === '')).toEqual([]);
    }
  });
});

/**
 * The charts' alt text and data tables come from src/render/chart-specs.ts: the equal shares must
 * read 33.4 / 33.3 / 33.3 % there too, and 图4 must keep the 近 of 近40节.
 */
describe.each(names)('%s: the charts state the same strings', (name) => {
  it('chart alt text and data tables: shares from the per-mille, counts with their qualifiers', () => {
    const { html, stats, locale } = report(name);
    const all = charts(html);
    const funding = all.get('funding');
    if (funding) {
      const shares = stats.income.byKind
        .filter((k) => k.amount > 0)
        .map((k) => [k.label, factText.share(k.sharePermille, locale)] as const);
      for (const [label, share] of shares) {
        expect(funding.rows.get(label)?.at(-1)).toBe(share);
        expect(funding.alt).toContain(share);
      }
    }
    const services = all.get('services');
    if (services) {
      for (const a of stats.services.byActivity.filter((x) => x.count.value > 0)) {
        const parts: Count[] = stats.projects.list.flatMap((p) =>
          p.services.filter((s) => s.id === a.id).map((s) => s.count),
        );
        const whole = factText.total(parts, a.unit, locale);
        const row = [...services.rows].find(([label]) => label.startsWith(a.label));
        const cell = row?.[1][0] ?? '';
        const withUnit = cell.endsWith(a.unit)
          ? cell
          : `${cell}${locale === 'en' ? ' ' : ''}${a.unit}`;
        expect(withUnit).toBe(whole);
      }
    }
    expect(html).not.toMatch(/<th scope="col"><\/th>/);
  });
});
