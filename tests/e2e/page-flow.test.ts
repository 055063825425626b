/**
 * Page flow without holes (issue 11): built with the real CLI and Chromium, every page of the
 * body but the last has at most 15 % of its text area empty, measured on the rendered page
 * (tests/support/page-emptiness.ts); no page ends with a heading; the signature never stands
 * alone. Four reports: the example 2015 report, the English example, and two generated ones —
 * long sections, many projects and all five charts in one section; very short sections, few
 * projects and one chart per section.
 */
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

/** The checks every report must pass; returns each page's empty fraction, in %. */
function checkFlow(pdf: string, lang: 'zh-CN' | 'en', headings: RegExp): string[] {
  const [panel, contents] =
    lang === 'en' ? ['The year at a glance', 'Contents'] : ['年度要览', '目录'];
  const first = firstBodyPage(pdf, panel, contents);
  const pages = pageEmptiness(pdf);
  const last = pages.length;
  const figures = pages.map((p) => `${p.page}: ${(p.empty * 100).toFixed(1)}%`);
  const holes = pages.filter((p) => p.page >= first && p.page < last && p.empty > MAX_EMPTY);
  expect(
    holes.map((p) => figures[p.page - 1]),
    figures.join(', '),
  ).toEqual([]);
  for (let page = first; page <= last; page += 1) {
    // The last line of the page's text, above the page number.
    const lines = pageText(pdf, page).slice(0, -1);
    expect(lines.at(-1), `page ${page} ends with a heading`).not.toMatch(headings);
  }
  // The signature's page holds text of the report besides the header, the signature and the number.
  const lastLines = pageText(pdf, last);
  expect(lastLines.length, 'the signature stands alone on the last page').toBeGreaterThan(4);
  return figures;
}

const ZH_HEADING = /^(?:[一二三四五六七八九十]+、|\d+、|（\d+）)/;

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
