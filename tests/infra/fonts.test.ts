import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type FontSlice,
  fontFaceCss,
  fontFilesFor,
  parseUnicodeRange,
  readFontsourceSlices,
  REPORT_FONTS,
  selectSlices,
} from '../../src/infra/fonts.js';

const SANS = { family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', weights: [400] };
const SERIF = { family: 'Noto Serif SC', package: '@fontsource/noto-serif-sc', weights: [700] };

function slice(name: string, unicodeRange: string): FontSlice {
  return {
    family: 'X',
    weight: 400,
    style: 'normal',
    path: `/fonts/${name}.woff2`,
    unicodeRange,
    ranges: parseUnicodeRange(unicodeRange),
  };
}

describe('parseUnicodeRange', () => {
  it.each([
    [
      'U+0000-00FF,U+0131',
      [
        [0, 0xff],
        [0x131, 0x131],
      ],
    ],
    [
      'U+1f1e9-1f1f5, U+1f21a',
      [
        [0x1f1e9, 0x1f1f5],
        [0x1f21a, 0x1f21a],
      ],
    ],
    ['U+4??', [[0x400, 0x4ff]]],
  ])('%s', (descriptor, expected) => {
    expect(parseUnicodeRange(descriptor)).toEqual(expected);
  });
});

describe('selectSlices', () => {
  const slices = [
    slice('latin', 'U+0000-00FF,U+2000-206F'),
    slice('a', 'U+82CF,U+5DDE'), // 苏 州
    slice('b', 'U+6E05-6E06'), // 清
    slice('c', 'U+6D41'), // 流
    slice('d', 'U+4E00-4E10'),
  ];
  it.each([
    ['苏州清流', ['latin', 'a', 'b', 'c']],
    ['苏', ['latin', 'a']],
    ['', ['latin']],
    ['abc', ['latin']],
    ['一丁', ['latin', 'd']],
    ['😀', ['latin']],
  ])('%j → %j', (text, expected) => {
    expect(selectSlices(slices, text).map((s) => s.path.slice(7, -6))).toEqual(expected);
  });
});

describe('fontFilesFor (real @fontsource packages)', () => {
  it('picks, per face, the Latin slice and only the slices holding 苏州清流', async () => {
    const all = await readFontsourceSlices(SANS, 400);
    expect(all.length).toBeGreaterThan(90);
    const picked = await fontFilesFor({ families: [SANS], text: '苏州清流' });
    const holding = (ch: string) =>
      all.filter((s) =>
        s.ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b),
      );
    const expected = new Set([
      ...all.filter((s) => s.path.endsWith('-latin-400-normal.woff2')),
      ...[...'苏州清流'].flatMap(holding),
    ]);
    expect(new Set(picked.map((s) => s.path))).toEqual(new Set([...expected].map((s) => s.path)));
    expect(picked.length).toBeLessThanOrEqual(5);
    for (const s of picked) expect(s).toMatchObject({ family: 'Noto Sans SC', weight: 400 });
  });

  it('keeps families and weights apart and honours per-weight text', async () => {
    const picked = await fontFilesFor({
      families: [
        { ...SANS, weights: [400, { weight: 700, text: '一' }] },
        { ...SERIF, weights: [400] },
      ],
      text: '苏州清流社工服务中心',
    });
    const faces = [...new Set(picked.map((s) => `${s.family} ${s.weight}`))];
    expect(faces).toEqual(['Noto Sans SC 400', 'Noto Sans SC 700', 'Noto Serif SC 400']);
    const bold = picked.filter((s) => s.weight === 700);
    const regular = picked.filter((s) => s.family === 'Noto Sans SC' && s.weight === 400);
    expect(bold.length).toBeLessThan(regular.length);
    expect(picked.every((s) => s.path.endsWith('.woff2'))).toBe(true);
  });
});

describe('fontFaceCss', () => {
  it('inlines every selected slice as a woff2 data: URL and nothing else', async () => {
    const selection = { families: REPORT_FONTS, text: '苏州市清流社工服务中心 2015年度工作总结' };
    const [css, files] = await Promise.all([fontFaceCss(selection), fontFilesFor(selection)]);
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBe(files.length);
    expect(urls.every((u) => u.startsWith('data:font/woff2;base64,'))).toBe(true);
    expect(css.match(/@font-face/g)?.length).toBe(files.length);
    expect(css).not.toMatch(/font-display:\s*swap/);
    expect(css.match(/font-display: block;/g)?.length).toBe(files.length);
    // The bytes are the package's, with the package's unicode-range.
    const first = files[0]!;
    expect(urls[0]).toBe(`data:font/woff2;base64,${readFileSync(first.path).toString('base64')}`);
    expect(css).toContain(`unicode-range: ${first.unicodeRange};`);
    expect(css).toContain("font-family: 'Noto Serif SC';");
    expect(css).toContain('font-weight: 700;');
  });

  it('is deterministic', async () => {
    const selection = { families: [SANS], text: '收入' };
    expect(await fontFaceCss(selection)).toBe(await fontFaceCss(selection));
  });
});
