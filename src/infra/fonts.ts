/**
 * Font subsetting: picks, from the @fontsource packages, the unicode-range slices a text needs,
 * and (by default) cuts each of those slices down to the text's own characters, so the report
 * HTML can embed its fonts (as base64 data: URLs) in 1–2 MB instead of 10+; the chart drawer
 * registers the whole slice files in the canvas.
 *
 * Fontsource splits each CJK weight into ~100 woff2 slices, each with a unicode-range; a
 * browser fetches only the slices a page uses. We make that choice at build time instead, then
 * subset every chosen slice with harfbuzz (hb-subset in wasm, from harfbuzzjs; woff2 decoded
 * and encoded by wawoff2, also wasm) keeping its unicode-range.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  brotliDecompressSync,
  deflateSync,
  inflateSync,
  constants as zlibConstants,
} from 'node:zlib';
import { cssString } from '../render/page-css.js';
import {
  cmapCodePoints,
  cmapGlyphs,
  haltAsGlyphs,
  readSfnt,
  renameFace,
  spaceDigitsBesideHan,
  writeSfnt,
} from './sfnt.js';

export interface FontFamilySpec {
  /** The CSS family name, as in the package's CSS ('Noto Serif SC'). */
  family: string;
  /** The npm package holding the files ('@fontsource/noto-serif-sc'). */
  package: string;
  /**
   * Weights to load; each must have a `<weight>.css` in the package. A weight given with its
   * own text gets only the slices that text needs (for a face used only in headings, say); a
   * character missing from it would be drawn by the browser in another weight, synthetic bold.
   */
  weights: readonly (number | { weight: number; text: string })[];
}

export interface FontSelection {
  families: readonly FontFamilySpec[];
  /** Every character the document will show (passing the whole HTML is fine: tags are ASCII). */
  text: string;
}

export interface FontSlice {
  family: string;
  weight: number;
  style: string;
  /** Absolute path of the woff2 file. */
  path: string;
  /** The unicode-range descriptor as written in the package CSS. */
  unicodeRange: string;
  /** Parsed ranges, inclusive. */
  ranges: readonly (readonly [number, number])[];
}

const require = createRequire(import.meta.url);

/** The basic Latin slice (U+0000-00FF whole) is always kept; CJK slices hold a few ASCII too. */
function isBasicLatin(slice: FontSlice): boolean {
  return slice.ranges.some(([start, end]) => start === 0 && end >= 0xff);
}

export function parseUnicodeRange(descriptor: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of descriptor.split(',')) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m || m[1] === undefined) continue;
    if (m[1].includes('?')) {
      ranges.push([parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)]);
    } else {
      const start = parseInt(m[1], 16);
      ranges.push([start, m[2] === undefined ? start : parseInt(m[2], 16)]);
    }
  }
  return ranges;
}

function declaration(block: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(block)?.[1]?.trim();
}

const parsedCss = new Map<string, Promise<FontSlice[]>>();

/** Reads the @font-face rules of one weight's CSS in the package, in file order (memoised). */
export function readFontsourceSlices(spec: FontFamilySpec, weight: number): Promise<FontSlice[]> {
  const key = `${spec.family}\0${spec.package}\0${weight}`;
  let slices = parsedCss.get(key);
  if (slices === undefined) {
    slices = parseFontsourceCss(spec, weight);
    parsedCss.set(key, slices);
    slices.catch(() => parsedCss.delete(key));
  }
  return slices;
}

async function parseFontsourceCss(spec: FontFamilySpec, weight: number): Promise<FontSlice[]> {
  const cssPath = require.resolve(`${spec.package}/${weight}.css`);
  const css = await readFile(cssPath, 'utf8');
  const slices: FontSlice[] = [];
  for (const m of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const block = m[1] ?? '';
    const file = /url\(\s*['"]?([^'")]+\.woff2)['"]?\s*\)/.exec(block)?.[1];
    const unicodeRange = declaration(block, 'unicode-range');
    if (file === undefined || unicodeRange === undefined) continue;
    slices.push({
      family: spec.family,
      weight: Number(declaration(block, 'font-weight') ?? weight),
      style: declaration(block, 'font-style') ?? 'normal',
      path: path.resolve(path.dirname(cssPath), file),
      unicodeRange,
      ranges: parseUnicodeRange(unicodeRange),
    });
  }
  return slices;
}

/** Sorted distinct code points of the last few texts (a page's text is asked for once per face). */
const textPoints = new Map<string, readonly number[]>();
function codePointsOf(text: string): readonly number[] {
  let points = textPoints.get(text);
  if (points === undefined) {
    points = scanCodePoints(text);
    if (textPoints.size >= 4) textPoints.clear();
    textPoints.set(text, points);
  }
  return points;
}

/**
 * The distinct code points of a text, ascending (a lone surrogate counts as its own code unit,
 * as `for…of` yields it): one pass over the UTF-16 units into a bit set, which for a page of
 * a million characters is several times faster than a Set of every character and a sort.
 */
function scanCodePoints(text: string): number[] {
  const bits = new Uint32Array(0x110000 >>> 5);
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    bits[c >>> 5]! |= 1 << (c & 31);
  }
  const points: number[] = [];
  for (let w = 0; w < bits.length; w++) {
    const word = bits[w]!;
    if (word === 0) continue;
    for (let b = 0; b < 32; b++) if ((word >>> b) & 1) points.push((w << 5) | b);
  }
  return points;
}

/**
 * The points (sorted ascending, no duplicates) that fall in the slice's unicode-range, in
 * ascending order; with `first`, stops at the first one found.
 */
function pointsIn(slice: FontSlice, points: readonly number[], first = false): number[] {
  const kept: number[] = [];
  for (const [start, end] of slice.ranges) {
    let lo = 0; // first point >= start, by binary search
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (points[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < points.length && points[i]! <= end; i++) {
      kept.push(points[i]!);
      if (first) return kept;
    }
  }
  return [...new Set(kept)].sort((a, b) => a - b); // ranges may overlap or be out of order
}

/** Keeps the slices that contain at least one code point of the text, plus the Latin slice. */
export function selectSlices(slices: readonly FontSlice[], text: string): FontSlice[] {
  const points = codePointsOf(text);
  return slices.filter((slice) => isBasicLatin(slice) || pointsIn(slice, points, true).length > 0);
}

/** Each selected slice with the text of its face (the selection's, or the weight's own). */
async function slicesWithText(
  selection: FontSelection,
): Promise<{ slice: FontSlice; text: string }[]> {
  const selected: { slice: FontSlice; text: string }[] = [];
  for (const spec of selection.families) {
    for (const entry of spec.weights) {
      const { weight, text } =
        typeof entry === 'number' ? { weight: entry, text: selection.text } : entry;
      for (const slice of selectSlices(await readFontsourceSlices(spec, weight), text))
        selected.push({ slice, text });
    }
  }
  return selected;
}

/**
 * The slice files the text needs, for every family and weight, in a stable order
 * (families and weights as given, slices in the package's CSS order).
 */
export async function fontFilesFor(selection: FontSelection): Promise<FontSlice[]> {
  return (await slicesWithText(selection)).map(({ slice }) => slice);
}

/**
 * Characters every subset slice keeps, if the slice has them, besides the text's own: printable
 * ASCII (so digits and Latin punctuation added later, page numbers say, still have glyphs), the
 * Latin-1 punctuation and the common typographic and CJK/full-width punctuation. They only widen
 * slices that are selected anyway (always the Latin one); they pull in no slice of their own.
 */
export const ALWAYS_KEPT: string = String.fromCodePoint(
  ...[
    [0x20, 0x7e],
    [0xa0, 0xbf],
    [0xd7, 0xd7],
    [0xf7, 0xf7],
    [0x2010, 0x2027],
    [0x2030, 0x203a],
    [0x3000, 0x3011],
    [0x3014, 0x301f],
    [0xff01, 0xff5e],
  ].flatMap(([start, end]) => Array.from({ length: end! - start! + 1 }, (_, i) => start! + i)),
);

/** Sorted code points of text + ALWAYS_KEPT, for the last few texts (one per face, usually). */
const keptPoints = new Map<string, readonly number[]>();
function pointsToKeep(text: string): readonly number[] {
  let points = keptPoints.get(text);
  if (points === undefined) {
    points = union(codePointsOf(text), (alwaysKeptPoints ??= scanCodePoints(ALWAYS_KEPT)));
    if (keptPoints.size >= 4) keptPoints.clear();
    keptPoints.set(text, points);
  }
  return points;
}

let alwaysKeptPoints: readonly number[] | undefined;

/** Two ascending lists of distinct numbers as one. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

/** The characters of `text` (plus {@link ALWAYS_KEPT}) that fall in the slice's unicode-range. */
export function sliceCharacters(slice: FontSlice, text: string): string {
  return String.fromCodePoint(...pointsIn(slice, pointsToKeep(text)));
}

export type SubsetFormat = 'woff' | 'woff2';

export interface SubsetOptions {
  /**
   * 'woff' (default): the subset TrueType zlib-compressed in a WOFF 1 wrapper, fast (~2.5 ms a
   * slice). 'woff2': through the WOFF2 encoder in wasm, ~25 % smaller but ~15 ms a slice.
   */
  format?: SubsetFormat;
  /**
   * Directory where subset fonts are kept between runs, keyed by the slice file's content, the
   * characters kept, the format and the versions of the tools that made them, so a hit gives
   * exactly the bytes a fresh subset would. Default: `node_modules/.cache/report-fonts` (the
   * node_modules holding `wawoff2`); `false`: no cache. Unwritable: silently not cached.
   * Subset entries are a few KB each and never pruned; a face's whole CSS (made by
   * {@link fontFaceCss}, in `faces/`) is kept for the last 60 used. Deleting the directory is
   * always safe.
   */
  cacheDir?: string | false;
}

export interface FontFaceCssOptions extends SubsetOptions {
  /**
   * Cut each selected slice down to the characters the text uses (default true); false embeds
   * the package's slice files whole, as they are.
   */
  subset?: boolean;
}

/** The part of harfbuzz's C API (hb-subset, built to wasm by harfbuzzjs) used here. */
interface HarfBuzzSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_del(set: number, value: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
/** Keep .notdef's outline (the "tofu" box), so a character no font has still shows up. */
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;

let harfbuzz: Promise<HarfBuzzSubset> | undefined;
function loadHarfBuzz(): Promise<HarfBuzzSubset> {
  harfbuzz ??= (async () => {
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const { instance } = await WebAssembly.instantiate(wasm);
    const hb = instance.exports as unknown as HarfBuzzSubset & { _initialize(): void };
    hb._initialize();
    return hb;
  })();
  return harfbuzz;
}

const tagValue = (tag: string): number =>
  [...tag].reduce((value, ch) => value * 256 + ch.charCodeAt(0), 0);

/**
 * Layout features the subsets leave out: with `chws` (contextual half-width spacing) Chromium
 * leaves the compression of punctuation inside a run to the font's GPOS; without it, Chromium
 * asks for `halt` on each mark to compress, which {@link haltAsGlyphs} turns into glyphs.
 */
const DROPPED_FEATURES = ['chws', 'vchw'];

/**
 * hb-subset of a TrueType font to the given characters, as `hb-subset --unicodes=…
 * --layout-features='*' --layout-features-='chws,vchw' --notdef-outline` would: glyphs reached
 * through the layout features (vertical forms, ligatures) are kept, hinting too.
 */
function hbSubset(hb: HarfBuzzSubset, sfnt: Uint8Array, characters: string): Buffer {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('harfbuzz: hb_subset_input_create_or_fail failed');
  const data = hb.malloc(sfnt.byteLength);
  new Uint8Array(hb.memory.buffer).set(sfnt, data);
  const blob = hb.hb_blob_create(data, sfnt.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features); // all of them
    for (const tag of DROPPED_FEATURES) hb.hb_set_del(features, tagValue(tag));
    hb.hb_subset_input_set_flags(
      input,
      hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NOTDEF_OUTLINE,
    );
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const ch of characters) hb.hb_set_add(unicodes, ch.codePointAt(0) ?? 0);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('harfbuzz: hb_subset_or_fail failed');
    const result = hb.hb_face_reference_blob(subset);
    const offset = hb.hb_blob_get_data(result, 0);
    const length = hb.hb_blob_get_length(result);
    // Copied out before anything else runs: the wasm memory can grow and move.
    const bytes = Buffer.from(new Uint8Array(hb.memory.buffer, offset, length));
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    if (length === 0) throw new Error('harfbuzz: empty subset');
    return bytes;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(data);
  }
}

type Woff2Codec = (data: Uint8Array) => Promise<Uint8Array>;

/**
 * wawoff2 (Google's woff2 in wasm; CommonJS, untyped), each half loaded at its first use. Its
 * result is a view of the wasm heap that the next call overwrites, and concurrent calls all
 * run as soon as the module is ready: so calls go one at a time, each result copied out first.
 */
let woff2Queue: Promise<unknown> = Promise.resolve();
function woff2(which: 'compress' | 'decompress', data: Uint8Array): Promise<Buffer> {
  const run = woff2Queue.then(async () => {
    const codec = require(`wawoff2/${which}`) as Woff2Codec;
    return Buffer.from(await codec(data));
  });
  woff2Queue = run.catch(() => undefined);
  return run;
}

function packageVersion(file: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const json = path.join(dir, 'package.json');
    if (existsSync(json)) {
      const { name, version } = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
      if (typeof name === 'string') return `${name}@${String(version)}`;
    }
  }
  return 'unknown';
}

const fontIds = new Map<string, string>();
function fontId(fontPath: string): string {
  let id = fontIds.get(fontPath);
  if (id === undefined)
    fontIds.set(fontPath, (id = `${packageVersion(fontPath)}/${path.basename(fontPath)}`));
  return id;
}

/** What made the bytes: any change here must change every cache key. */
let toolchainId: string | undefined;
function toolchain(): string {
  toolchainId ??= [
    packageVersion(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')),
    packageVersion(require.resolve('wawoff2')),
    `zlib@${process.versions.zlib}`,
    HB_SUBSET_FLAGS_NOTDEF_OUTLINE,
    DROPPED_FEATURES.join(','),
    SFNT_REWRITES,
  ].join(' ');
  return toolchainId;
}

function defaultCacheDir(): string {
  const main = require.resolve('wawoff2');
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = main.lastIndexOf(marker);
  const nodeModules =
    at >= 0 ? main.slice(0, at + marker.length - 1) : path.resolve('node_modules');
  return path.join(nodeModules, '.cache', 'report-fonts');
}

const sha256 = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/** A WOFF2 file this big is decompressed once and kept (as TrueType) in the cache directory. */
const KEEP_DECOMPRESSED_FROM = 256 * 1024;

/**
 * The TrueType bytes of a WOFF2 file. A whole-subset file (1-1.5 MB of WOFF2, ~4 MB decoded,
 * ~0.5 s) is decoded once and kept in the cache directory, keyed like the subsets.
 */
async function decompressedFont(fontPath: string, dir: string | false): Promise<Uint8Array> {
  const font = await readFile(fontPath);
  if (dir === false || font.length < KEEP_DECOMPRESSED_FROM) return woff2('decompress', font);
  const file = path.join(
    dir,
    `${sha256(JSON.stringify(['sfnt', toolchain(), fontId(fontPath)]))}.ttf`,
  );
  const cached = await readFile(file).catch(() => undefined);
  if (cached !== undefined && cached.length > 12 && cached.readUInt32BE(0) === 0x00010000)
    return cached;
  const sfnt = await woff2('decompress', font);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(dir, { recursive: true })
    .then(() => writeFile(tmp, sfnt))
    .then(() => rename(tmp, file))
    .catch(() => undefined);
  return sfnt;
}

/** What a subset that is embedded as one face of the report gets besides its characters. */
export interface FaceRewrite {
  /** Named after this family and weight ('NotoSerifSC-Regular'). */
  family: string;
  weight: number;
}

/** The version of the rewrites of {@link rewriteFace}: part of every cache key. */
const SFNT_REWRITES = 'sfnt-1';

/** Han–digit gap drawn by the fonts, in font units (1/8 em, as CSS text-autospace). */
export const HAN_DIGIT_GAP = 125;

/**
 * The rewrites of a subset embedded as a face: its names, `halt` as glyphs, and the gap
 * between Han characters and digits in the digits' advances (src/infra/sfnt.ts).
 */
function rewriteFace(subset: Buffer, face: FaceRewrite): Buffer {
  const font = readSfnt(subset);
  renameFace(font, face.family, face.weight);
  haltAsGlyphs(font);
  const cmap = font.tables.get('cmap');
  if (cmap) spaceDigitsBesideHan(font, cmapGlyphs(cmap), HAN_DIGIT_GAP);
  return writeSfnt(font);
}

/**
 * One slice file subset to the given characters, as WOFF or WOFF2 bytes. Deterministic: the same
 * file and characters give the same bytes, from the cache or not.
 */
export async function subsetSlice(
  fontPath: string,
  characters: string,
  options: SubsetOptions = {},
  face?: FaceRewrite,
): Promise<Buffer> {
  const format = options.format ?? 'woff';
  const dir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  // A slice file is named by its package version and file name (an installed package does not
  // change), so a cache hit reads no font file at all.
  const file =
    dir === false
      ? undefined
      : path.join(
          dir,
          `${sha256(JSON.stringify([face ? 3 : 2, toolchain(), format, fontId(fontPath), characters, face ?? null]))}.${format}`,
        );
  if (file !== undefined) {
    const cached = await readFile(file).catch(() => undefined);
    if (cached !== undefined && hasMagic(cached, format)) return cached;
  }
  const sfnt = await decompressedFont(fontPath, dir);
  let subset = hbSubset(await loadHarfBuzz(), sfnt, characters);
  if (face) subset = rewriteFace(subset, face);
  const made = format === 'woff2' ? await woff2('compress', subset) : sfntToWoff(subset);
  if (file !== undefined) {
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await mkdir(path.dirname(file), { recursive: true })
      .then(() => writeFile(tmp, made))
      .then(() => rename(tmp, file))
      .catch(() => undefined);
  }
  return made;
}

/** WOFF2 known-table tags by index (W3C WOFF2 §5.1), as far as these fonts use them. */
const WOFF2_TAGS = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
  'prep',
];

function readBase128(data: Buffer, at: { pos: number }): number {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = data[at.pos++];
    if (byte === undefined) break;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  throw new Error('woff2: bad UIntBase128');
}

/**
 * A WOFF2 file's table directory: each table's tag (known ones by name) and its length in the
 * decompressed stream, where the tables follow one another from `dataStart` (brotli-compressed).
 */
export function woff2Directory(woff2: Buffer): {
  tables: { tag: string; origLength: number; length: number }[];
  dataStart: number;
  compressedLength: number;
} {
  if (woff2.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a WOFF2 file');
  const numTables = woff2.readUInt16BE(12);
  const at = { pos: 48 };
  const tables: { tag: string; origLength: number; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = woff2[at.pos++] ?? 0;
    const index = flags & 0x3f;
    let tag = WOFF2_TAGS[index] ?? `#${index}`;
    if (index === 63) {
      tag = woff2.toString('latin1', at.pos, at.pos + 4);
      at.pos += 4;
    }
    const origLength = readBase128(woff2, at);
    const version = flags >> 6;
    // glyf and loca are transformed at version 0, every other table at versions 1-3.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    tables.push({ tag, origLength, length: transformed ? readBase128(woff2, at) : origLength });
  }
  return { tables, dataStart: at.pos, compressedLength: woff2.readUInt32BE(20) };
}

/**
 * Whether a WOFF or WOFF2 font maps no character at all: its cmap has no subtable (4 bytes).
 * hb-subset makes such a font from a slice whose unicode-range holds the text's characters but
 * whose glyphs do not (Noto Serif SC's U+1F1E9-1F1FF slice has no flags), and Chromium's font
 * sanitiser refuses it: the whole face fails to load.
 */
export function mapsNoCharacter(font: Buffer): boolean {
  const magic = font.toString('latin1', 0, 4);
  if (magic === 'wOF2') {
    const cmap = woff2Directory(font).tables.find((t) => t.tag === 'cmap');
    return cmap === undefined || cmap.origLength <= 4;
  }
  if (magic !== 'wOFF') return false;
  for (let i = 0; i < font.readUInt16BE(12); i++) {
    const entry = 44 + 20 * i;
    if (font.toString('latin1', entry, entry + 4) === 'cmap')
      return font.readUInt32BE(entry + 12) <= 4;
  }
  return true;
}

function hasMagic(data: Buffer, format: SubsetFormat): boolean {
  return (
    data.length > 44 && data.toString('latin1', 0, 4) === (format === 'woff' ? 'wOFF' : 'wOF2')
  );
}

/**
 * Wraps a TrueType/OpenType font in WOFF 1.0 (W3C, 2012): same tables, each zlib-compressed
 * when that makes it smaller, no metadata or private block.
 */
export function sfntToWoff(sfnt: Buffer): Buffer {
  const numTables = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const entry = 12 + 16 * i;
    const offset = sfnt.readUInt32BE(entry + 8);
    const length = sfnt.readUInt32BE(entry + 12);
    const data = sfnt.subarray(offset, offset + length);
    const deflated = deflateSync(data, { level: zlibConstants.Z_BEST_COMPRESSION });
    return {
      tag: sfnt.readUInt32BE(entry),
      checksum: sfnt.readUInt32BE(entry + 4),
      length,
      stored: deflated.length < length ? deflated : data,
    };
  });
  const pad4 = (n: number) => (n + 3) & ~3;
  const headerSize = 44 + 20 * numTables;
  const total = tables.reduce((sum, t) => sum + pad4(t.stored.length), headerSize);
  const woff = Buffer.alloc(total);
  woff.write('wOFF', 0, 'latin1');
  woff.writeUInt32BE(sfnt.readUInt32BE(0), 4); // flavor
  woff.writeUInt32BE(total, 8);
  woff.writeUInt16BE(numTables, 12);
  woff.writeUInt32BE(
    tables.reduce((sum, t) => sum + pad4(t.length), 12 + 16 * numTables),
    16,
  ); // totalSfntSize
  woff.writeUInt16BE(1, 20); // majorVersion
  let offset = headerSize;
  tables.forEach((t, i) => {
    const entry = 44 + 20 * i;
    woff.writeUInt32BE(t.tag, entry);
    woff.writeUInt32BE(offset, entry + 4);
    woff.writeUInt32BE(t.stored.length, entry + 8);
    woff.writeUInt32BE(t.length, entry + 12);
    woff.writeUInt32BE(t.checksum, entry + 16);
    t.stored.copy(woff, offset);
    offset += pad4(t.stored.length);
  });
  return woff;
}

/**
 * The package's file that holds a whole weight's CJK and Latin characters in one font (Google
 * Fonts' 'chinese-simplified' subset, ~8 000 characters with the layout features), if it has
 * one: read from its `chinese-simplified-<weight>.css`.
 */
const WHOLE_SUBSET = 'chinese-simplified';
const wholeFiles = new Map<string, Promise<string | undefined>>();
export function wholeFaceFile(spec: FontFamilySpec, weight: number): Promise<string | undefined> {
  const key = `${spec.package}\0${weight}`;
  let file = wholeFiles.get(key);
  if (file === undefined) {
    file = (async () => {
      let cssPath: string;
      try {
        cssPath = require.resolve(`${spec.package}/${WHOLE_SUBSET}-${weight}.css`);
      } catch {
        return undefined;
      }
      const css = await readFile(cssPath, 'utf8');
      const url = /url\(\s*['"]?([^'")]+\.woff2)['"]?\s*\)/.exec(css)?.[1];
      return url === undefined ? undefined : path.resolve(path.dirname(cssPath), url);
    })();
    wholeFiles.set(key, file);
  }
  return file;
}

/** One table of a WOFF or WOFF2 font, uncompressed; undefined if it has none. */
function webFontTable(font: Buffer, tag: string): Buffer | undefined {
  const magic = font.toString('latin1', 0, 4);
  if (magic === 'wOF2') {
    const { tables, dataStart, compressedLength } = woff2Directory(font);
    let offset = 0;
    for (const table of tables) {
      if (table.tag === tag) {
        const data = brotliDecompressSync(font.subarray(dataStart, dataStart + compressedLength));
        return data.subarray(offset, offset + table.length);
      }
      offset += table.length;
    }
    return undefined;
  }
  if (magic !== 'wOFF') return undefined;
  for (let i = 0; i < font.readUInt16BE(12); i++) {
    const entry = 44 + 20 * i;
    if (font.toString('latin1', entry, entry + 4) !== tag) continue;
    const offset = font.readUInt32BE(entry + 4);
    const compLength = font.readUInt32BE(entry + 8);
    const stored = font.subarray(offset, offset + compLength);
    return compLength < font.readUInt32BE(entry + 12) ? inflateSync(stored) : stored;
  }
  return undefined;
}

/** A WOFF font as TrueType (sfnt) bytes, e.g. for harfbuzz; WOFF2 via wawoff2. */
export async function webFontToSfnt(font: Buffer): Promise<Buffer> {
  if (font.toString('latin1', 0, 4) === 'wOF2') return woff2('decompress', font);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < font.readUInt16BE(12); i++) {
    const entry = 44 + 20 * i;
    const tag = font.toString('latin1', entry, entry + 4);
    tables.set(tag, Buffer.from(webFontTable(font, tag)!));
  }
  return writeSfnt({ flavor: font.readUInt32BE(4), tables });
}

/** The code points a WOFF or WOFF2 font maps to a glyph, ascending. */
export function fontCodePoints(font: Buffer): number[] {
  const cmap = webFontTable(font, 'cmap');
  return cmap === undefined || cmap.length <= 4 ? [] : cmapCodePoints(cmap);
}

/** A unicode-range descriptor for exactly these code points (ascending). */
export function unicodeRangeOf(points: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < points.length;) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    const hex = (cp: number) => cp.toString(16);
    parts.push(i === j ? `U+${hex(points[i]!)}` : `U+${hex(points[i]!)}-${hex(points[j]!)}`);
    i = j + 1;
  }
  return parts.join(',');
}

function fontFaceRule(
  face: { family: string; weight: number; style: string },
  font: Buffer,
  format: SubsetFormat,
  unicodeRange: string,
): string {
  return [
    '@font-face {',
    `  font-family: ${cssString(face.family)};`,
    `  font-style: ${face.style};`,
    `  font-weight: ${face.weight};`,
    '  font-display: block;',
    `  src: url(data:font/${format};base64,${font.toString('base64')}) format('${format}');`,
    `  unicode-range: ${unicodeRange};`,
    '}',
  ].join('\n');
}

/**
 * The @font-face rules of one face (family and weight) for a text, subset: the package's whole
 * file ({@link wholeFaceFile}) cut down to the text's characters and {@link ALWAYS_KEPT}, so that
 * every mark of a run is in ONE font, where `text-spacing-trim` can compress it; then, for the
 * text's characters that file lacks (rarer Han characters, ①, ā …), the slices holding them,
 * each cut down to those. Every rule's unicode-range is exactly what its font maps, so no two
 * overlap. A package without a whole file gets its slices, as {@link fontFaceCss} with
 * `subset: false` chooses them.
 */
async function faceRules(
  spec: FontFamilySpec,
  weight: number,
  text: string,
  options: FontFaceCssOptions,
): Promise<string[]> {
  const dir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  if (dir === false) return makeFaceRules(spec, weight, text, options);
  // The face's rules depend only on the package's files (its version), the family and weight,
  // the text's distinct characters and how subsets are made: a hit reads one file instead of
  // parsing the package's CSS and reading, measuring and base64-encoding every subset.
  const format = options.format ?? 'woff';
  // The package's version and weight file, as the subsets name their slice files (memoised).
  const css = fontId(require.resolve(`${spec.package}/${weight}.css`));
  const key = sha256(
    `${JSON.stringify([FACE_RULES, toolchain(), format, css, spec.family, weight])}` +
      codePointsOf(text).join(','),
  );
  const file = path.join(dir, FACE_DIR, `${key}.css`);
  const cached = await readFile(file, 'utf8').catch(() => undefined);
  if (cached !== undefined && (cached === EMPTY_FACE || cached.endsWith('}'))) {
    // Used now: the pruning below keeps the faces used last.
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return cached === EMPTY_FACE ? [] : [cached];
  }
  const rules = await makeFaceRules(spec, weight, text, options);
  await keepFace(
    path.join(dir, FACE_DIR),
    file,
    rules.length === 0 ? EMPTY_FACE : rules.join('\n'),
  );
  return rules;
}

/** The version of the face-rules cache entries: part of their key. */
const FACE_RULES = 'face-rules-1';
/** The face entries' folder inside the cache directory. */
const FACE_DIR = 'faces';
/** The content of an entry for a face with no rule (a weight none of whose characters is used). */
const EMPTY_FACE = '/* no rule */';
/**
 * Face entries kept (the ones used last): each is the face's whole CSS (0.1–1 MB), so, unlike
 * the subsets, they are pruned; 60 is twenty reports of three faces.
 */
const FACES_KEPT = 60;

/** Writes one face entry (atomically: a reader sees the whole file or none), then prunes. */
async function keepFace(folder: string, file: string, css: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(tmp, css);
    await rename(tmp, file);
    const entries = (await readdir(folder)).filter((name) => name.endsWith('.css'));
    if (entries.length <= FACES_KEPT) return;
    const dated = await Promise.all(
      entries.map(async (name) => {
        const at = path.join(folder, name);
        return { at, mtime: (await stat(at).catch(() => undefined))?.mtimeMs ?? 0 };
      }),
    );
    dated.sort((a, b) => b.mtime - a.mtime || a.at.localeCompare(b.at));
    await Promise.all(dated.slice(FACES_KEPT).map(({ at }) => rm(at, { force: true })));
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined); // unwritable: not cached
  }
}

async function makeFaceRules(
  spec: FontFamilySpec,
  weight: number,
  text: string,
  options: FontFaceCssOptions,
): Promise<string[]> {
  const format = options.format ?? 'woff';
  const face = { family: spec.family, weight };
  const slices = await readFontsourceSlices(spec, weight);
  const whole = await wholeFaceFile(spec, weight);
  const rules: string[] = [];
  let covered = new Set<number>();
  let wanted = codePointsOf(text);
  let kept = pointsToKeep(text);
  let chosen = selectSlices(slices, text);
  if (whole !== undefined) {
    const font = await subsetSlice(whole, String.fromCodePoint(...kept), options, face);
    const points = fontCodePoints(font);
    covered = new Set(points);
    rules.push(fontFaceRule({ ...face, style: 'normal' }, font, format, unicodeRangeOf(points)));
    wanted = wanted.filter((cp) => !covered.has(cp));
    kept = kept.filter((cp) => !covered.has(cp));
    chosen = slices.filter((slice) => pointsIn(slice, wanted, true).length > 0);
  }
  const fallbacks = await Promise.all(
    chosen.map(async (slice) => {
      const characters = pointsIn(slice, kept);
      const font = await subsetSlice(
        slice.path,
        String.fromCodePoint(...characters),
        options,
        face,
      );
      const inSlice = new Set(characters);
      return { slice, font, mapped: fontCodePoints(font).filter((cp) => inSlice.has(cp)) };
    }),
  );
  // Slices' ranges can overlap: a character goes to the first slice (in the package's order)
  // that has it. A slice left with none has nothing to embed.
  for (const { slice, font, mapped } of fallbacks) {
    const mine = mapped.filter((cp) => !covered.has(cp));
    if (mine.length === 0) continue;
    for (const cp of mine) covered.add(cp);
    rules.push(fontFaceRule(slice, font, format, unicodeRangeOf(mine)));
  }
  return rules;
}

/**
 * @font-face rules for the faces of the selection, each inlined as a base64 data: URL, so the
 * HTML renders in Chinese on a machine without CJK fonts and without network. By default each
 * face is one subset font holding the text's characters (and {@link ALWAYS_KEPT}), plus a few
 * slices for characters that font lacks ({@link faceRules}); its names say its family and
 * weight, its punctuation compresses with glyphs and digits beside Han characters keep a gap in
 * their own width (src/infra/sfnt.ts). `{ subset: false }` embeds the package's unicode-range
 * slice files whole, as they are. `font-display: block` because the fonts are already in the
 * file: there is nothing to swap from. Identical input gives identical output, cache or none.
 */
export async function fontFaceCss(
  selection: FontSelection,
  options: FontFaceCssOptions = {},
): Promise<string> {
  if (options.subset ?? true) {
    const faces = selection.families.flatMap((spec) =>
      spec.weights.map((entry) =>
        typeof entry === 'number'
          ? { spec, weight: entry, text: selection.text }
          : { spec, ...entry },
      ),
    );
    const rules = await Promise.all(
      faces.map(({ spec, weight, text }) => faceRules(spec, weight, text, options)),
    );
    return rules.flat().join('\n');
  }
  const slices = await slicesWithText(selection);
  const rules = await Promise.all(
    slices.map(async ({ slice }) =>
      fontFaceRule(slice, await readFile(slice.path), 'woff2', slice.unicodeRange),
    ),
  );
  return rules.join('\n');
}

/** The fonts the report uses: a serif (宋体-style) for body text and a sans for headings and charts. */
export const REPORT_FONTS: readonly FontFamilySpec[] = [
  { family: 'Noto Serif SC', package: '@fontsource/noto-serif-sc', weights: [400, 700] },
  { family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', weights: [400, 700] },
];
