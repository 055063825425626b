/**
 * The example 2015 report typeset like a Chinese book (issue 17, items 1 and 3), measured in the
 * PDF Chromium prints: adjacent full-width marks compressed (标点挤压), opening marks flush at a
 * line start, one embedded font per family and weight named after them, and a text that
 * pdftotext reads back exactly ("54.5万元", not "54.5 万元") while the page still shows the gap
 * between Han characters and digits.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findRuns, pdfGlyphs, type PdfGlyph } from '../support/pdf-glyphs.js';
import { sharedBuild } from '../support/shared-build.js';
import { poppler } from './cli.js';

let pdfPath = '';
let glyphs: PdfGlyph[] = [];

beforeAll(async () => {
  // The shared build of the example (tests/support/shared-build.ts).
  const result = await sharedBuild('example');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  pdfPath = join(result.out, '2015/report.pdf');
  glyphs = await pdfGlyphs(pdfPath);
}, 120_000);

const isHan = (text: string) => /^[\u4e00-\u9fff]$/.test(text);

/**
 * What justification added between two characters of the line `g` is on: the median advance
 * from one Han character to the next on that line, less 1 em (in em).
 */
function justification(g: PdfGlyph): number {
  const line = glyphs.filter((o) => o.page === g.page && Math.abs(o.y - g.y) < 0.5);
  const steps = line
    .slice(1)
    .map((o, i) => [line[i]!, o] as const)
    .filter(([a, b]) => isHan(a.text) && isHan(b.text) && a.size === b.size)
    .map(([a, b]) => (b.x - a.x) / a.size - 1)
    .sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}

/** From the start of the run's first character to the start of its last, in em, justification left out. */
function span(run: PdfGlyph[]): number {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  return (last.x - first.x) / first.size - (run.length - 1) * justification(first);
}

describe('punctuation compression (text-spacing-trim) in the example PDF', () => {
  it('sets 年，“知 in 2.5 em from the start of 年 to the start of 知 (3.0 em uncompressed)', () => {
    const runs = findRuns(glyphs, '年，“知');
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(span(run)).toBeLessThanOrEqual(2.505);
  });

  it('sets 。“小 in 1.5 em: two marks share one em', () => {
    const runs = findRuns(glyphs, '。“小');
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) expect(span(run)).toBeLessThanOrEqual(1.505);
  });

  it('keeps the opening bracket of a heading such as （1） flush with the text edge', () => {
    // The heading itself, not its entry on the contents page (which is indented by level).
    const run = findRuns(glyphs, '（1）儿童遭遇性侵').at(-1);
    const [open, one] = run!;
    expect((one!.x - open!.x) / open!.size).toBeCloseTo(0.5, 2);
    // The bracket's glyph starts at the text edge: nothing on the page starts left of it.
    const left = Math.min(...glyphs.filter((g) => g.page === open!.page).map((g) => g.x));
    expect(open!.x).toBeCloseTo(left, 1);
  });

  it('trims the opening quote that starts a table cell (“十佳”青年社会组织 in Table 3)', () => {
    // The table is set in the sans; the same words in the body text, in the serif, are mid-line.
    const [run] = findRuns(glyphs, '“十佳”青年社会组织').filter((r) =>
      r[0]!.font.endsWith('NotoSansSC-Regular'),
    );
    const [quote, ten] = run!;
    expect((ten!.x - quote!.x) / quote!.size).toBeCloseTo(0.5, 2);
  });

  it('compresses with glyphs half an em wide, so no character overlaps the next', () => {
    // An overlap (a mark drawn 1 em wide, the next character half an em over it) is where
    // pdftotext and a viewer's copy break the line.
    for (const needle of ['年，“知', '。“小', '（“给爱']) {
      for (const run of findRuns(glyphs, needle)) {
        run.slice(1).forEach((g, i) => {
          const before = run[i]!;
          expect(before.x + before.width).toBeLessThanOrEqual(g.x + 0.01);
        });
      }
    }
  });
});

describe('text that copies exactly', () => {
  it('reads "54.5万元" and "2015年" back without inserted spaces, Table 3 one line a row', () => {
    const text = poppler('pdftotext', pdfPath);
    expect(text).toContain('54.5万元');
    expect(text).toContain('2015年');
    expect(text).not.toContain('54.5 万元');
    expect(text).not.toContain('2015 年');
    expect(text).toContain('江苏省社会工作优秀项目三等奖（“给爱一个拥抱”、“小站大爱”）\n');
    expect(text).toContain('苏州市妇女儿童家庭公益项目创意大赛入围项目（“小红帽”）\n');
    expect(text).toContain(
      '2015年，“知性爱己”项目得到了苏州教育频道《公益姑苏，幸福旋律》的3次大力报道',
    );
  });

  it('still shows the gap between Han characters and digits, inside the digit’s width', () => {
    const runs = findRuns(glyphs, '2015年').filter((r) =>
      r[0]!.font.endsWith('NotoSerifSC-Regular'),
    );
    expect(runs.length).toBeGreaterThan(3);
    // A digit of Noto Serif SC is 0.55-0.56 em wide: 1/8 em more, in its width, is the gap.
    for (const run of runs) {
      const five = run[3]!;
      const nian = run[4]!;
      expect(five.width / five.size).toBeGreaterThanOrEqual(0.56 + 0.12);
      expect((nian.x - five.x) / five.size).toBeGreaterThanOrEqual(0.56 + 0.12);
    }
  });
});

describe('embedded fonts', () => {
  it('are one CID TrueType subset per family and weight, named after them', () => {
    const rows = poppler('pdffonts', pdfPath).split('\n').slice(2).filter(Boolean);
    const names = rows.map(
      (row) => /^[A-Z]{6}\+(\S+)\s+CID TrueType\s+Identity-H\s+yes yes yes/.exec(row)?.[1],
    );
    expect(names.sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular', 'NotoSerifSC-Regular']);
  });
});
