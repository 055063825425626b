/**
 * The second bundled example (examples/qinghe, fictional), which uses every optional part:
 * built with the real CLI and Chromium; every new part is in the PDF, its pages are looked at
 * as pictures (pdftoppm, each new part on a page of its own that is not blank), its photos are
 * embedded at ≤ 300 dpi, and the file stays under 3 MB. The build is the one page-flow reads too
 * (tests/support/shared-build.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedBuild, type SharedBuild } from '../support/shared-build.js';
import { poppler, runCli } from './cli.js';

let built: SharedBuild;
let pdf: string;

beforeAll(async () => {
  built = await sharedBuild('qinghe');
  pdf = join(built.out, '2024/report.pdf');
}, 300_000);

/** The text of each page (pdftotext's form feeds separate pages). */
const pages = () => poppler('pdftotext', pdf, ['-layout']).split('\f');

describe('examples/qinghe (every optional part)', () => {
  it('validates and builds', async () => {
    const validated = await runCli(['validate', '--data', 'examples/qinghe/data']);
    expect(validated.stdout).toBe('数据有效：2 个年度，3 个项目\n');
    expect(validated.code).toBe(0);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  });

  it('shows each new part on its page, in the contents, with the figures from the data', () => {
    const text = pages();
    const pageOf = (heading: string) =>
      text.findIndex((page, i) => i > 1 && page.split('\n').some((l) => l.trim() === heading));
    for (const heading of [
      '理事长致辞',
      '机构简介',
      '财务概况',
      '鸣谢',
      '联系方式',
      '影像记录',
      '大事记',
    ])
      expect(pageOf(heading), heading).toBeGreaterThan(1);
    // pdftotext puts spaces where the typesetting left space (78.6 万元): compared without them.
    const all = text.join('\n');
    for (const fact of [
      '52330100MJ00000011',
      '二〇一九年四月十八日',
      '69.4万元',
      '84.4%',
      '标准无保留意见',
      '匿名捐赠者',
      '青禾作业屋的阅读角',
      '全年支出69.4万元',
      // The letter, people.yaml and the outcome indicators.
      '理事长林青禾（虚构）',
      '3200余小时',
      '约5200人次·儿童310人',
      '结对长者52户（目标60户，达成86.7%）',
      '二〇二四年二月二十日',
    ])
      expect(all.replace(/\s+/g, '')).toContain(fact);
    // The anonymous donor's name is never printed.
    expect(all).not.toContain('一位街坊');
  });

  it('draws every new part: its pages are not blank pictures', () => {
    const text = pages();
    for (const heading of ['机构简介', '财务概况', '鸣谢', '联系方式']) {
      const page =
        text.findIndex((p, i) => i > 1 && p.split('\n').some((l) => l.trim() === heading)) + 1;
      const ppm = spawnSync(
        'pdftoppm',
        ['-r', '20', '-gray', '-f', String(page), '-l', String(page), pdf],
        {
          maxBuffer: 64 * 1024 * 1024,
        },
      ).stdout as Buffer;
      // A PGM: header, then one byte a pixel; a page with content has many non-white pixels.
      const pixels = ppm.subarray(ppm.length - 166 * 234);
      const inked = pixels.filter((v) => v < 200).length;
      expect(inked, heading).toBeGreaterThan(300);
    }
  });

  it('embeds the photos at ≤ 300 dpi and the logo/QR code, and stays under 3 MB', () => {
    const list = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout;
    const rows = list
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/));
    expect(rows.filter((r) => r[8] === 'jpeg')).toHaveLength(3);
    for (const r of rows) expect(Number(r[12])).toBeLessThanOrEqual(300);
    expect(statSync(pdf).size).toBeLessThan(3 * 1024 * 1024);
    expect(readFileSync(pdf).includes(Buffer.from('Exif\0\0', 'ascii'))).toBe(false);
  });
});
