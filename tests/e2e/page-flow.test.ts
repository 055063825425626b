/**
 * Page flow without holes (issue 11): built with the real CLI and Chromium, every page of the
 * body but the last has at most 15 % of its text area empty, measured on the rendered page
 * (tests/support/page-emptiness.ts); no page ends with a heading; the signature never stands
 * alone. Four reports: the example 2015 report, the English example, and two generated ones —
 * long sections, many projects and all five charts in one section; very short sections, few
 * projects and one chart per section. And the second example (examples/qinghe, issue 12), with a
 * letter, a profile, photos, a timeline, finances, partners and contacts: no page from the
 * profile on is more than 35 % empty, each photo is on the page of its caption.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstBodyPage, pageEmptiness } from '../support/page-emptiness.js';
import { sharedBuild, type SharedBuildName } from '../support/shared-build.js';
import { poppler, ROOT, runCli, tempDir } from './cli.js';

const MAX_EMPTY = 0.15;
const BUILD = { timeout: 300_000 };

/** A copy of the default template whose layout.json is `figures`. */
function templateWith(dir: string, figures: object[]): string {
  const template = join(dir, 'template');
  cpSync(join(ROOT, 'templates/default'), template, { recursive: true });
  writeFileSync(join(template, 'layout.json'), JSON.stringify({ figures }));
  return template;
}

const CHARTS = ['income', 'staff', 'projects', 'services', 'funding'];
const SIZE = { widthMm: 150, heightMm: 60 };

/** Deterministic filler prose of `sentences` sentences. */
function prose(seed: number, sentences: number): string {
  const parts = ['本年度', '机构', '社工团队', '项目组', '志愿者'];
  return Array.from(
    { length: sentences },
    (_, i) =>
      `${parts[(seed + i) % parts.length]}围绕第${seed + i + 1}项重点工作开展服务，与社区、学校和家庭保持联系，记录过程并及时总结经验。`,
  ).join('');
}

function narrative(sections: { id: string; paragraphs: number[]; subs: number[][] }[]): string {
  const block = (seed: number, paragraphs: number[], indent: string) =>
    `|\n${paragraphs.map((n, i) => `${indent}${prose(seed + i, n)}\n`).join(`${indent}\n`)}`;
  const lines = ['year: 2015', 'title: 2015年度工作总结', `opening: ${block(0, [2], '  ')}`];
  lines.push('sections:');
  sections.forEach((s, i) => {
    lines.push(`  - id: ${s.id}`, `    title: 第${i + 1}部分工作`);
    if (s.paragraphs.length > 0) lines.push(`    body: ${block(i * 10, s.paragraphs, '      ')}`);
    if (s.subs.length > 0) {
      lines.push('    subsections:');
      s.subs.forEach((paragraphs, j) =>
        lines.push(
          `      - title: 第${j + 1}项工作`,
          `        body: ${block(i * 10 + j, paragraphs, '          ')}`,
        ),
      );
    }
  });
  lines.push('signature:', '  date: 2015-12-31', '');
  return lines.join('\n');
}

/** Many projects: the example's plus `n` more, each with services. */
function moreProjects(file: string, n: number): void {
  const extra = Array.from(
    { length: n },
    (_, i) =>
      `  - id: extra-${i}\n    name: 社区服务项目第${i + 1}号\n    category: children\n    role: operated\n    status: new\n    services:\n      casework: ${i + 1}\n`,
  ).join('');
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${extra}`);
}

async function build(dir: string, args: string[] = []): Promise<string> {
  const result = await runCli(['build', '2015', ...args], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return join(dir, 'out/2015/report.pdf');
}

/** The shared build `name` (tests/support/shared-build.ts): also read by example-report. */
async function shared(name: SharedBuildName): Promise<string> {
  const result = await sharedBuild(name);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return join(result.out, '2015/report.pdf');
}

function pageText(pdf: string, page: number): string[] {
  return poppler('pdftotext', pdf, ['-layout', '-f', String(page), '-l', String(page)])
    .split('\n')
    .map((line) => line.replace(/\s+/g, ''))
    .filter(Boolean);
}

interface FlowOptions {
  /** The largest empty share of a page before the last (default MAX_EMPTY). */
  maxEmpty?: number;
  /** The first page checked (default: the first page of the body, with the key figures). */
  from?: number;
  /** A line of the signature (its date), when parts follow it and it is not on the last page. */
  signature?: string;
}

/** The checks every report must pass; returns each page's empty fraction, in %. */
function checkFlow(
  pdf: string,
  lang: 'zh-CN' | 'en',
  headings: RegExp,
  options: FlowOptions = {},
): string[] {
  const [panel, contents] =
    lang === 'en' ? ['The year at a glance', 'Contents'] : ['年度要览', '目录'];
  const first = options.from ?? firstBodyPage(pdf, panel, contents);
  const pages = pageEmptiness(pdf);
  const last = pages.length;
  const figures = pages.map((p) => `${p.page}: ${(p.empty * 100).toFixed(1)}%`);
  const max = options.maxEmpty ?? MAX_EMPTY;
  const holes = pages.filter((p) => p.page >= first && p.page < last && p.empty > max);
  expect(
    holes.map((p) => figures[p.page - 1]),
    figures.join(', '),
  ).toEqual([]);
  for (let page = first; page <= last; page += 1) {
    // The last line of the page's text, above the page number.
    const lines = pageText(pdf, page).slice(0, -1);
    expect(lines.at(-1), `page ${page} ends with a heading`).not.toMatch(headings);
  }
  if (options.signature === undefined) {
    // The signature's page holds text of the report besides the header, the signature and the number.
    const lastLines = pageText(pdf, last);
    expect(lastLines.length, 'the signature stands alone on the last page').toBeGreaterThan(4);
  } else {
    // Above the signature's date on its page: the running header, two lines of text at least, and
    // the organisation's name.
    const { signature } = options;
    const page = pageWith(pdf, signature, first);
    const lines = pageText(pdf, page);
    expect(
      lines.findIndex((line) => line.includes(signature)),
      `the signature stands alone on page ${page}`,
    ).toBeGreaterThan(3);
  }
  return figures;
}

/** The first page from `from` on whose text (spaces removed) holds `text`. */
function pageWith(pdf: string, text: string, from = 1): number {
  const pages = poppler('pdftotext', pdf, ['-layout']).split('\f');
  const index = pages.findIndex(
    (page, i) => i + 1 >= from && page.replace(/\s+/g, '').includes(text),
  );
  expect(index, text).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** A photo is whole: the page of each caption shows as many photos (JPEGs) as captions. */
function photosWithCaptions(pdf: string, captions: string[]): void {
  const list = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout;
  const photosOn = new Map<number, number>();
  for (const row of list.split('\n').slice(2)) {
    const [page, , , , , , , , encoding] = row.trim().split(/\s+/);
    if (encoding === 'jpeg') photosOn.set(Number(page), (photosOn.get(Number(page)) ?? 0) + 1);
  }
  const captionsOn = new Map<number, string[]>();
  for (const caption of captions) {
    const page = pageWith(pdf, caption, 3);
    captionsOn.set(page, [...(captionsOn.get(page) ?? []), caption]);
  }
  for (const [page, here] of captionsOn)
    expect(photosOn.get(page) ?? 0, `photos on page ${page}, with ${here.join(', ')}`).toBe(
      here.length,
    );
}

// Numbered headings (一、 1. （1）): a sub-heading "1.收入" ends with no digit after its point.
const ZH_HEADING = /^(?:[一二三四五六七八九十]+、|\d+、|\d+\.(?!\d)|（\d+）)/;
/** The second example's unnumbered parts too. */
const QINGHE_HEADING = new RegExp(
  `${ZH_HEADING.source}|^(?:理事长致辞|机构简介|年度要览|影像记录|大事记|财务概况|鸣谢|联系方式)$`,
);

describe('page flow without holes', () => {
  it('the example 2015 report: at most 10 pages, no hole', BUILD, async () => {
    const pdf = await shared('example');
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdf))?.[1]);
    expect(pages).toBeLessThanOrEqual(10);
    checkFlow(pdf, 'zh-CN', ZH_HEADING);
  });

  it('the English example', BUILD, async () => {
    const pdf = await shared('english');
    checkFlow(pdf, 'en', /^\d+\.(?:\d+)*(?:\.\d+)*[A-Z]/);
  });

  it(
    'the second example: photos, timeline, finances, partners and contacts without holes',
    BUILD,
    async () => {
      const result = await sharedBuild('qinghe');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const pdf = join(result.out, '2024/report.pdf');
      // The letter from the chair is a page of its own (templates/default/styles/letter.css); from
      // the profile on, no page but the last is more than 35 % empty. The example's sections are a
      // line or two beside 100 mm photos, too little text to fill every page to issue 11's 15 %.
      const profile = pageWith(pdf, '机构简介', 3);
      const figures = checkFlow(pdf, 'zh-CN', QINGHE_HEADING, {
        from: profile,
        maxEmpty: 0.35,
        signature: '二〇二四年十二月三十一日',
      });
      expect(figures.length).toBeLessThanOrEqual(12);
      photosWithCaptions(pdf, [
        '青禾作业屋的阅读角',
        '社区微花园开园日',
        '绿手指志愿队的河岸清洁日',
      ]);
    },
  );

  it('long sections, many projects, five charts in one section', BUILD, async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
    moreProjects(join(dir, 'data/2015/projects.yaml'), 40);
    writeFileSync(
      join(dir, 'data/2015/narrative.yaml'),
      narrative([
        { id: 'capacity', paragraphs: [9, 7, 12], subs: [[8, 10, 6], [5]] },
        { id: 'programmes', paragraphs: [10, 14], subs: [[9, 9], [12, 4, 8], [6]] },
        {
          id: 'impact',
          paragraphs: [6],
          subs: [
            [11, 8],
            [7, 13, 9, 5],
          ],
        },
        { id: 'shortcomings', paragraphs: [15, 12, 9], subs: [] },
      ]),
    );
    const template = templateWith(dir, [
      ...CHARTS.map((chart) => ({ chart, section: 'impact', subsection: 1, ...SIZE })),
      { table: 'income', section: 'capacity', subsection: 1 },
      { table: 'projects', section: 'programmes' },
      { table: 'awards', section: 'impact' },
    ]);
    checkFlow(await build(dir, ['--template', template]), 'zh-CN', ZH_HEADING);
  });

  it('very short sections, few projects, one chart per section', BUILD, async () => {
    const dir = tempDir('minimal');
    const ids = ['capacity', 'staff', 'programmes', 'impact', 'shortcomings', 'plans'];
    writeFileSync(
      join(dir, 'data/2015/narrative.yaml'),
      narrative(ids.map((id, i) => ({ id, paragraphs: [1], subs: i % 2 === 0 ? [[1], [2]] : [] }))),
    );
    const template = templateWith(dir, [
      ...CHARTS.map((chart, i) => ({ chart, section: ids[i], ...SIZE })),
      { table: 'income', section: 'capacity' },
      { table: 'projects', section: 'programmes' },
    ]);
    checkFlow(await build(dir, ['--template', template]), 'zh-CN', ZH_HEADING);
  });
});
