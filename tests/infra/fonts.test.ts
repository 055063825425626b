import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALWAYS_KEPT,
  type FontSlice,
  fontFaceCss,
  fontFilesFor,
  parseUnicodeRange,
  readFontsourceSlices,
  REPORT_FONTS,
  selectSlices,
  sfntToWoff,
  webFontToSfnt,
  fontCodePoints,
  sliceCharacters,
  subsetSlice,
} from '../../src/infra/fonts.js';
import { makeTempDir } from './print-helpers.js';

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
  it('with subset: false, inlines every selected slice file whole as a woff2 data: URL', async () => {
    const selection = { families: REPORT_FONTS, text: '苏州市清流社工服务中心 2015年度工作总结' };
    const [css, files] = await Promise.all([
      fontFaceCss(selection, { subset: false }),
      fontFilesFor(selection),
    ]);
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
    expect(await fontFaceCss(selection, { subset: false })).toBe(
      await fontFaceCss(selection, { subset: false }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Subsetting

/** A text in the report's range: the seed summary (when present) and a few thousand more. */
const LONG_TEXT = (() => {
  const seed = '/work/shared/seed/2015-annual-summary.txt';
  const base = existsSync(seed)
    ? readFileSync(seed, 'utf8')
    : '苏州市清流社工服务中心2015年度工作总结。';
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8;
  let extra = '';
  for (let i = 0; i < 1500; i++) extra += String.fromCodePoint(0x4e00 + (next() % 0x2000));
  return base + extra;
})();

let cache: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  cache = await makeTempDir();
});
afterAll(() => cache.cleanup());

async function sliceHolding(ch: string, weight = 400): Promise<FontSlice> {
  const all = await readFontsourceSlices(SANS, weight);
  const found = all.find((s) => !s.path.includes('-latin-') && sliceCharacters(s, ch).includes(ch));
  if (found === undefined) throw new Error(`no slice holds ${ch}`);
  return found;
}

describe('sliceCharacters', () => {
  it("keeps the text's characters in the slice's range, sorted, plus ALWAYS_KEPT ones", () => {
    const s = slice('x', 'U+0020-007E,U+3001-3002,U+82CF,U+5DDE');
    expect(sliceCharacters(s, '州苏苏！乙')).toBe(
      [...ALWAYS_KEPT].filter((c) => c <= '~').join('') + '、。州苏',
    );
    expect(sliceCharacters(slice('y', 'U+6E05'), '苏州')).toBe('');
    expect(sliceCharacters(slice('z', 'U+6E05,U+6E00-6E10'), '清')).toBe('清'); // overlapping
  });
  it('ALWAYS_KEPT holds ASCII, digits and common punctuation', () => {
    for (const ch of ' 09AZaz~，。、：；！？“”‘’—…（）《》【】·') expect(ALWAYS_KEPT).toContain(ch);
  });
});

describe('sfntToWoff', () => {
  it('wraps every table, zlib-compressed or stored, with the sfnt header fields', async () => {
    const decompress = createRequire(import.meta.url)('wawoff2/decompress') as (
      data: Uint8Array,
    ) => Promise<Uint8Array>;
    const sfnt = Buffer.from(await decompress(readFileSync((await sliceHolding('苏')).path)));
    const woff = sfntToWoff(sfnt);
    expect(woff.toString('latin1', 0, 4)).toBe('wOFF');
    expect(woff.readUInt32BE(4)).toBe(sfnt.readUInt32BE(0));
    expect(woff.readUInt32BE(8)).toBe(woff.length);
    const n = sfnt.readUInt16BE(4);
    expect(woff.readUInt16BE(12)).toBe(n);
    expect(woff.length).toBeLessThan(sfnt.length);
    for (let i = 0; i < n; i++) {
      const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((k) =>
        woff.readUInt32BE(44 + 20 * i + k),
      ) as [number, number, number, number, number];
      expect(tag).toBe(sfnt.readUInt32BE(12 + 16 * i));
      expect(checksum).toBe(sfnt.readUInt32BE(12 + 16 * i + 4));
      expect(offset % 4).toBe(0);
      const stored = woff.subarray(offset, offset + compLength);
      const table = compLength < origLength ? inflateSync(stored) : stored;
      const at = sfnt.readUInt32BE(12 + 16 * i + 8);
      expect(table.equals(sfnt.subarray(at, at + origLength))).toBe(true);
    }
  });
});

/** Draws `text` in the font data with the canvas (Skia) and returns the pixels. */
let registered = 0;
function draw(font: Buffer | undefined, text: string): Buffer {
  const family = `Probe${registered++}`;
  if (font !== undefined) expect(GlobalFonts.register(font, family)).not.toBeNull();
  const canvas = createCanvas(120, 120);
  const ctx = canvas.getContext('2d');
  ctx.font = `96px ${family}`;
  ctx.fillText(text, 10, 100);
  return Buffer.from(ctx.getImageData(0, 0, 120, 120).data);
}

describe('subsetSlice', () => {
  it("keeps the glyphs of the characters asked for, drawn as the package's file draws them", async () => {
    const s = await sliceHolding('苏');
    const other = [...sliceCharacters(s, LONG_TEXT + '一二三四五六七八九十')].find(
      (c) => c !== '苏' && c.codePointAt(0)! > 0x2e80,
    );
    expect(other).toBeDefined();
    const whole = readFileSync(s.path);
    const kept = await subsetSlice(s.path, '苏', { cacheDir: false });
    const without = await subsetSlice(s.path, other!, { cacheDir: false });
    expect(kept.toString('latin1', 0, 4)).toBe('wOFF');
    expect(kept.length).toBeLessThan(whole.length / 4);
    // The canvas falls back on fonts registered before for a missing glyph: the one without
    // '苏' is drawn first, the whole file last.
    const missing = draw(without, '苏');
    const drawn = draw(kept, '苏');
    const reference = draw(whole, '苏');
    expect(drawn.equals(reference)).toBe(true);
    expect(missing.equals(reference)).toBe(false);
    expect(draw(without, other!).equals(draw(whole, other!))).toBe(true);
  });

  it('makes woff2 too, smaller than woff', async () => {
    const s = await sliceHolding('苏');
    const chars = sliceCharacters(s, LONG_TEXT);
    const woff = await subsetSlice(s.path, chars, { cacheDir: false });
    const woff2 = await subsetSlice(s.path, chars, { cacheDir: false, format: 'woff2' });
    expect(woff2.toString('latin1', 0, 4)).toBe('wOF2');
    expect(woff2.length).toBeLessThan(woff.length);
    expect(draw(woff2, '苏').equals(draw(woff, '苏'))).toBe(true);
  });

  it('gives the same bytes from the cache as fresh, and ignores a damaged cache entry', async () => {
    const s = await sliceHolding('州');
    const dir = path.join(cache.dir, 'one');
    const fresh = await subsetSlice(s.path, '州', { cacheDir: false });
    expect(await subsetSlice(s.path, '州', { cacheDir: dir })).toEqual(fresh); // miss, stored
    const [entry, ...more] = readdirSync(dir);
    expect(more).toEqual([]);
    expect(entry).toMatch(/^[0-9a-f]{64}\.woff$/);
    expect(readFileSync(path.join(dir, entry!))).toEqual(fresh);
    expect(await subsetSlice(s.path, '州', { cacheDir: dir })).toEqual(fresh); // hit
    writeFileSync(path.join(dir, entry!), 'garbage');
    expect(await subsetSlice(s.path, '州', { cacheDir: dir })).toEqual(fresh);
  });
});

describe('fontFaceCss with subsetting (the default)', () => {
  const FACES = [
    { family: 'Noto Serif SC', package: '@fontsource/noto-serif-sc', weights: [400] },
    { family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', weights: [400, 700] },
  ];
  /** Each @font-face rule: family, weight, font bytes, unicode-range as code points. */
  const rulesOf = (css: string) =>
    [...css.matchAll(/@font-face \{([^}]*)\}/g)].map(([, block]) => ({
      family: /font-family: '([^']*)'/.exec(block!)![1]!,
      weight: Number(/font-weight: (\d+)/.exec(block!)![1]),
      font: Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(block!)![1]!, 'base64'),
      points: parseUnicodeRange(/unicode-range: ([^;]*);/.exec(block!)![1]!).flatMap(([a, b]) =>
        Array.from({ length: b - a + 1 }, (_, i) => a + i),
      ),
    }));
  const PUNCTUATION = '，。、：；！？“”‘’（）《》【】「」—…·';

  it("puts all of a face's punctuation and common characters in one font, the rest in a few slices", async () => {
    const selection = { families: FACES, text: LONG_TEXT + PUNCTUATION + 'ā①' };
    const options = { cacheDir: path.join(cache.dir, 'css') };
    const [css, whole, files] = await Promise.all([
      fontFaceCss(selection, options),
      fontFaceCss(selection, { subset: false }),
      fontFilesFor(selection),
    ]);
    const rules = rulesOf(css);
    for (const [family, weight] of [
      ['Noto Serif SC', 400],
      ['Noto Sans SC', 400],
      ['Noto Sans SC', 700],
    ] as const) {
      const face = rules.filter((r) => r.family === family && r.weight === weight);
      const [main, ...rest] = face;
      // The first font holds every mark and the ASCII, so a run's punctuation shares one font.
      for (const ch of PUNCTUATION + ' 09AZaz%.') expect(main!.points).toContain(ch.codePointAt(0));
      expect(main!.points.length).toBeGreaterThan(1000);
      // Slices only for what it lacks (rare Han characters, ā, ①): each font maps its range.
      const sliced = files.filter((f) => f.family === family && f.weight === weight).length;
      expect(rest.length).toBeLessThan(sliced);
      const seen = new Set<number>();
      for (const rule of face) {
        expect(fontCodePoints(rule.font)).toEqual(expect.arrayContaining(rule.points));
        for (const cp of rule.points) {
          expect(seen.has(cp)).toBe(false); // no two rules of a face overlap
          seen.add(cp);
        }
      }
      for (const ch of 'ā①') expect(seen.has(ch.codePointAt(0)!)).toBe(true);
    }
    expect(css.length).toBeLessThan(whole.length / 3);
    // The cache changes nothing: a second run (all hits) and a run without it give the same bytes.
    expect(await fontFaceCss(selection, options)).toBe(css);
    expect(await fontFaceCss(selection, { cacheDir: false })).toBe(css);
  });

  it('keeps each face whole in the cache: a hit, a damaged entry and a full folder give the same CSS', async () => {
    const selection = { families: [SANS], text: '苏州清流社会工作服务中心，二〇一五年' };
    const options = { cacheDir: path.join(cache.dir, 'faces') };
    const fresh = await fontFaceCss(selection, { cacheDir: false });
    const folder = path.join(options.cacheDir, 'faces');
    // A full folder of older entries: the oldest go, the one just made stays.
    mkdirSync(folder, { recursive: true });
    const old = new Date('2020-01-01T00:00:00Z');
    for (let i = 0; i < 64; i++) {
      const at = path.join(folder, `old-${String(i).padStart(2, '0')}.css`);
      writeFileSync(at, '@font-face {}');
      utimesSync(at, old, old);
    }
    expect(await fontFaceCss(selection, options)).toBe(fresh); // miss: made and stored
    const entries = readdirSync(folder).filter((name) => !name.startsWith('old-'));
    expect(entries).toHaveLength(1);
    expect(readdirSync(folder)).toHaveLength(60);
    expect(readFileSync(path.join(folder, entries[0]!), 'utf8')).toBe(fresh);
    expect(await fontFaceCss(selection, options)).toBe(fresh); // hit
    // Cut short (as by a full disk): not used, made again.
    writeFileSync(path.join(folder, entries[0]!), fresh.slice(0, 1000));
    expect(await fontFaceCss(selection, options)).toBe(fresh);
    expect(readFileSync(path.join(folder, entries[0]!), 'utf8')).toBe(fresh);
    // Another text is another entry.
    expect(await fontFaceCss({ ...selection, text: '苏州' }, options)).not.toBe(fresh);
  });

  it("subsets a weight given its own text to that text's characters", async () => {
    const css = await fontFaceCss(
      { families: [{ ...SANS, weights: [{ weight: 700, text: '苏' }] }], text: '苏州清流' },
      { cacheDir: false },
    );
    const [rule, ...more] = rulesOf(css);
    expect(more).toEqual([]);
    expect(rule!.weight).toBe(700);
    expect(rule!.points).toContain('苏'.codePointAt(0));
    expect(rule!.points).not.toContain('州'.codePointAt(0));
  });
});

describe('the faces fontFaceCss embeds (read with harfbuzz)', () => {
  let hb: typeof import('harfbuzzjs');
  beforeAll(async () => {
    hb = await import('harfbuzzjs');
  });
  async function faceOf(family: string, weight: number, text: string) {
    const spec = family === 'Noto Sans SC' ? SANS : SERIF;
    const css = await fontFaceCss(
      { families: [{ ...spec, weights: [weight] }], text },
      { cacheDir: false },
    );
    const data = Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(css)![1]!, 'base64');
    const face = new hb.Face(new hb.Blob(await webFontToSfnt(data)));
    return { face, font: new hb.Font(face) };
  }
  function shape(font: InstanceType<typeof hb.Font>, text: string, features: string[] = []) {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(
      font,
      buffer,
      features.map((f) => hb.Feature.fromString(f)!),
    );
    return buffer.getGlyphInfos().map((info, i) => ({
      glyph: info.codepoint,
      advance: buffer.getGlyphPositions()[i]!.xAdvance,
      offset: buffer.getGlyphPositions()[i]!.xOffset,
    }));
  }

  it.each([
    ['Noto Serif SC', 400, 'NotoSerifSC-Regular', 'Noto Serif SC', 'Regular'],
    ['Noto Sans SC', 700, 'NotoSansSC-Bold', 'Noto Sans SC', 'Bold'],
    ['Noto Sans SC', 300, 'NotoSansSC-Light', 'Noto Sans SC Light', 'Regular'],
  ])('names %s %d after its family and weight (%s)', async (family, weight, ps, name1, name2) => {
    const { face } = await faceOf(family, weight, '苏州');
    expect(face.getName(6, 'en')).toBe(ps);
    expect(face.getName(1, 'en')).toBe(name1);
    expect(face.getName(2, 'en')).toBe(name2);
  });

  it.each([['Noto Serif SC'], ['Noto Sans SC']])(
    '%s: halt is a substitution to half-width glyphs, and GPOS still names it (Chromium looks there)',
    async (family) => {
      const { face, font } = await faceOf(family, 400, '年知（“');
      expect(face.getTableFeatureTags('GSUB')).toContain('halt');
      expect(face.getTableFeatureTags('GPOS')).toContain('halt');
      expect(face.getTableFeatureTags('GPOS')).not.toContain('chws');
      for (const mark of '（“，。') {
        const [full] = shape(font, mark);
        const [half] = shape(font, mark, ['halt']);
        expect(full!.advance).toBe(1000);
        // Half as wide, and a glyph of its own, so the PDF's width says so too; no offset.
        expect(half!.advance).toBe(500);
        expect(half!.glyph).not.toBe(full!.glyph);
        expect(half!.offset).toBe(0);
      }
    },
  );

  it('gives a digit beside a Han character 1/8 em more width on that side', async () => {
    const { font } = await faceOf('Noto Serif SC', 400, '年5');
    const [plain] = shape(font, '5');
    const advance = (text: string, at: number) => shape(font, text)[at]!.advance;
    expect(advance('55', 0)).toBe(plain!.advance);
    expect(advance('5年', 0)).toBe(plain!.advance + 125);
    expect(advance('年5', 1)).toBe(plain!.advance + 125);
    expect(advance('年5年', 1)).toBe(plain!.advance + 250);
    expect(advance('年55年', 1)).toBe(plain!.advance + 125);
    expect(advance('年55年', 2)).toBe(plain!.advance + 125);
  });
});
