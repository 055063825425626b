/**
 * Characters the fonts lack (docs/robustness.md, issue 9, C1-C5): a flag, a lone regional
 * indicator, a ZWJ family or a CJK Extension B character never fails the build, never pulls a
 * system font into the PDF, and never prints silently: validation warns with file:line:col and
 * the code points, the build prints □ and says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realDeps } from '../../src/cli/build.js';
import { runValidate } from '../../src/cli/validate.js';
import { bundledCoverage, computeCoverage } from '../../src/infra/font-coverage.js';
import { fontFaceCss, mapsNoCharacter, REPORT_FONTS } from '../../src/infra/fonts.js';
import { buildReports } from '../../src/pipeline.js';
import type { ChartInput } from '../../src/render/chart-specs.js';
import { ROOT, poppler, runCli, tempDir } from '../e2e/cli.js';
import { memoryWrite } from '../support/memory-write.js';
import { fakeIo } from '../support/fake-io.js';

const SCENARIO = 'characters-the-fonts-lack';
const FLAG = '🇨🇳';
const LONE = '\u{1F1F3}';
const FAMILY = '👨‍👩‍👧';
const EXT_B = '𠀀';

describe('C1: a flag or a lone regional indicator in the text', () => {
  it('embeds no font subset that maps no character (Chromium refuses it: exit 4 before)', async () => {
    const css = await fontFaceCss(
      { families: REPORT_FONTS, text: `中文 ${FLAG} ${LONE} ${FAMILY} ${EXT_B}` },
      { cacheDir: false },
    );
    const fonts = [...css.matchAll(/base64,([A-Za-z0-9+/=]+)\)/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter(mapsNoCharacter)).toEqual([]);
  });
});

describe('C2: which characters the bundled fonts draw', () => {
  it('is read from the fonts themselves, not from their unicode-range, and cached', async () => {
    const coverage = await bundledCoverage();
    for (const ch of ['中', '文', 'A', '□', '，'])
      expect({ ch, has: coverage.has(ch.codePointAt(0)!) }).toEqual({ ch, has: true });
    // U+1F1F3 is inside a slice's unicode-range, but no slice has a glyph for it.
    for (const ch of [LONE, EXT_B, '👨'])
      expect({ ch, has: coverage.has(ch.codePointAt(0)!) }).toEqual({ ch, has: false });
    expect(await computeCoverage(REPORT_FONTS)).toEqual(coverage.ranges);
  });
});

describe('C3: report validate warns about each character with its place', () => {
  const dir = tempDir(SCENARIO);

  it('names file:line:col, the character and its code points; exit 0 (en, text)', async () => {
    const run = fakeIo(dir);
    expect(await runValidate({ data: 'data', lang: 'en' }, run.io)).toBe(0);
    const out = run.stdout();
    const warned = (where: string, path: string, ch: string, points: string) =>
      expect(out).toContain(
        `${where}  ${path}  warning: "${ch}" (${points}) is in none of the report's fonts: it will print as □\n    hint: write it another way`,
      );
    warned(
      'data/organization.yaml:9:19',
      'vocabularies.project_categories.0.label',
      FLAG,
      'U+1F1E8 U+1F1F3',
    );
    warned('data/2015/narrative.yaml:4:20', 'title', FLAG, 'U+1F1E8 U+1F1F3');
    warned('data/2015/narrative.yaml:7:12', 'opening', LONE, 'U+1F1F3');
    warned(
      'data/2015/narrative.yaml:7:18',
      'opening',
      FAMILY,
      'U+1F468 U+200D U+1F469 U+200D U+1F467',
    );
    warned('data/2015/narrative.yaml:7:31', 'opening', EXT_B, 'U+20000');
    expect(out.trimEnd().split('\n').at(-1)).toBe('data valid: 2 years, 2 projects (6 warnings)');
  });

  it('in Chinese, as GitHub warnings and as JSON with a severity', async () => {
    const zh = fakeIo(dir);
    expect(await runValidate({ data: 'data' }, zh.io)).toBe(0);
    expect(zh.stdout()).toContain(
      `data/2015/narrative.yaml:7:31  opening  警告：“${EXT_B}”（U+20000）不在报告所用的字体中，将印成 □`,
    );
    const github = fakeIo(dir);
    expect(await runValidate({ data: 'data', format: 'github', lang: 'en' }, github.io)).toBe(0);
    expect(github.stdout()).toContain(
      `::warning file=data/2015/narrative.yaml,line=7,col=12,title=glyph_missing opening::"${LONE}" (U+1F1F3)`,
    );
    const json = fakeIo(dir);
    expect(await runValidate({ data: 'data', format: 'json', lang: 'en' }, json.io)).toBe(0);
    const warnings = JSON.parse(json.stdout()) as Record<string, unknown>[];
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toMatchObject({ code: 'glyph_missing', severity: 'warning' });
  });

  it('lists the warnings with the errors when the data has errors too (exit 1)', async () => {
    const broken = tempDir(SCENARIO);
    const staff = join(broken, 'data/2015/staff.yaml');
    writeFileSync(staff, 'year: 2015\nheadcount: x\n');
    const run = fakeIo(broken);
    expect(await runValidate({ data: 'data', lang: 'en' }, run.io)).toBe(1);
    expect(run.stdout()).toContain('warning: "𠀀" (U+20000)');
    expect(run.stdout().trimEnd().split('\n').at(-1)).toBe('1 problem in 1 file, 6 warnings');
  });
});

describe('C4: the build prints □ instead, in the page and in the charts', () => {
  it('draws the charts from text with □ and warns once for the year (HTML only, no browser)', async () => {
    const dir = tempDir(SCENARIO);
    const io = fakeIo(dir);
    const deps = await realDeps(io.io, undefined, false);
    const charts: ChartInput[] = [];
    const drawChart = deps.drawChart;
    const written: { path: string; data: Uint8Array | string }[] = [];
    await buildReports(
      {
        years: [2015],
        dataDir: 'data',
        outDir: 'out',
        templateDir: join(ROOT, 'templates/default'),
        formats: new Set(['html']),
        cwd: dir,
        lang: 'en',
        sourceDate: null,
        generator: 'test',
      },
      {
        ...deps,
        drawChart: (input, size) => (charts.push(input), drawChart(input, size)),
        beginWrite: memoryWrite((file) => written.push(file)),
      },
    );
    const labels = charts.flatMap((c) => [c.title, ...c.labels, ...c.datasets.map((d) => d.label)]);
    expect(labels).toContain('青少年服务□');
    expect(labels.join('')).not.toContain(FLAG);
    const html = String(written.find((f) => f.path.endsWith('report.html'))?.data);
    for (const ch of [FLAG, LONE, FAMILY, EXT_B]) expect(html).not.toContain(ch);
    expect(html).toContain('2015 年度工作总结 □');
    expect(io.stderr()).toBe(
      `warning: 2015: 4 characters in none of the bundled fonts printed as □: ${FLAG} (U+1F1E8 U+1F1F3), ${FAMILY} (U+1F468 U+200D U+1F469 U+200D U+1F467), ${LONE} (U+1F1F3), ${EXT_B} (U+20000); run \`report validate\` to see where each one is\n`,
    );
  });
});

describe('C5: a PDF with characters no bundled font has (real Chromium)', () => {
  it('builds (exit 0) with only the bundled fonts embedded, no Type 3, and □ where they were', async () => {
    const dir = tempDir(SCENARIO);
    const result = await runCli(['build', '2015', '--lang', 'en'], {
      cwd: dir,
      env: { SOURCE_DATE_EPOCH: '1451520000' },
    });
    expect(result.code).toBe(0);
    const pdf = join(dir, 'out/2015/report.pdf');
    const rows = poppler('pdffonts', pdf).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(
        /^[A-Z]{6}\+NotoS(erif|ans)SC\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/,
      );
    }
    const text = poppler('pdftotext', pdf);
    expect(text).toContain('单独的区域指示符 □，家庭 □，生僻字 □。');
    // The contents page found the heading by its printed text: it has a page number.
    expect(text).toMatch(/项目服务 □\s+\d+\n/);
    expect(readFileSync(join(dir, 'out/2015/report.html'), 'utf8')).not.toContain(FLAG);
    expect(result.stderr).toContain('characters in none of the bundled fonts printed as □');
  });
});
