/**
 * Rewrites of a subset TrueType font (sfnt with glyf outlines) made before it is embedded, so
 * that what Chromium prints reads back as it looks:
 *
 * - {@link renameFace}: the family and weight in the name table ('NotoSansSC-Bold'), instead of
 *   the names the fonts carry from the variable font they were cut from ('NotoSansSCThin-Bold'),
 *   which Chromium writes into the PDF as the font's name.
 * - {@link haltAsGlyphs}: punctuation compression (`text-spacing-trim`) done with glyphs that
 *   are half an em wide. Chromium compresses a full-width mark with the font's `halt` feature,
 *   which in these fonts is a GPOS adjustment: the mark is drawn with its full width in the PDF
 *   and the next character half an em over it, so a text extractor (pdftotext, a viewer's copy)
 *   sees two characters overlapping and breaks the line there. Here `halt` becomes a GSUB
 *   substitution to new glyphs (each the old outline, shifted as the adjustment shifted it,
 *   with the adjusted advance), so the PDF's widths agree with the positions.
 * - {@link spaceDigitsBesideHan}: the gap between Han characters and digits ("2015年") as part
 *   of the digit glyphs' advances (a `calt` substitution by context), not as a shift between
 *   glyphs that pdftotext reads as a space ("2015 年").
 *
 * Only what these fonts use is handled (GSUB/GPOS 1.0 layouts, SinglePos lookups for `halt`);
 * anything else leaves the font as it was.
 */

export interface Sfnt {
  flavor: number;
  tables: Map<string, Buffer>;
}

export function readSfnt(data: Buffer): Sfnt {
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < data.readUInt16BE(4); i++) {
    const entry = 12 + 16 * i;
    const offset = data.readUInt32BE(entry + 8);
    const length = data.readUInt32BE(entry + 12);
    tables.set(
      data.toString('latin1', entry, entry + 4),
      Buffer.from(data.subarray(offset, offset + length)),
    );
  }
  return { flavor: data.readUInt32BE(0), tables };
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4)]);
  for (let i = 0; i + 4 <= padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** The font as bytes: tables in tag order, 4-byte aligned, checksums and head adjustment set. */
export function writeSfnt(font: Sfnt): Buffer {
  const tags = [...font.tables.keys()].sort();
  const head = font.tables.get('head');
  if (head) head.writeUInt32BE(0, 8);
  const numTables = tags.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(font.flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = font.tables.get(tag)!;
    const entry = 12 + 16 * i;
    header.write(tag, entry, 'latin1');
    header.writeUInt32BE(checksum(data), entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(data.length, entry + 12);
    const padded = (data.length + 3) & ~3;
    parts.push(data, Buffer.alloc(padded - data.length));
    offset += padded;
  });
  const out = Buffer.concat(parts);
  if (head) {
    const at = out.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
    out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, at + 8);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// cmap

/** Each code point a cmap maps to a glyph other than .notdef, with the glyph (format 12 or 4). */
export function cmapGlyphs(cmap: Buffer): Map<number, number> {
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const entry = 4 + 8 * i;
    const platform = cmap.readUInt16BE(entry);
    const encoding = cmap.readUInt16BE(entry + 2);
    const offset = cmap.readUInt32BE(entry + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = cmap.readUInt16BE(offset);
    if (format === 12) format12 ??= offset;
    else if (format === 4) format4 ??= offset;
  }
  const glyphs = new Map<number, number>();
  if (format12 !== undefined) {
    const o = format12;
    for (let g = 0; g < cmap.readUInt32BE(o + 12); g++) {
      const start = cmap.readUInt32BE(o + 16 + 12 * g);
      const end = cmap.readUInt32BE(o + 20 + 12 * g);
      const glyph = cmap.readUInt32BE(o + 24 + 12 * g);
      for (let cp = start; cp <= end; cp++)
        if (glyph + cp - start !== 0) glyphs.set(cp, glyph + cp - start);
    }
  } else if (format4 !== undefined) {
    const o = format4;
    const segments = cmap.readUInt16BE(o + 6) / 2;
    const ends = o + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let i = 0; i < segments; i++) {
      const end = cmap.readUInt16BE(ends + 2 * i);
      const start = cmap.readUInt16BE(starts + 2 * i);
      const delta = cmap.readUInt16BE(deltas + 2 * i);
      const rangeOffset = cmap.readUInt16BE(rangeOffsets + 2 * i);
      for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
        else {
          const at = rangeOffsets + 2 * i + rangeOffset + 2 * (cp - start);
          const raw = cmap.readUInt16BE(at);
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) glyphs.set(cp, glyph);
      }
    }
  }
  return glyphs;
}

/** The code points a cmap maps to a glyph other than .notdef, ascending. */
export function cmapCodePoints(cmap: Buffer): number[] {
  return [...cmapGlyphs(cmap).keys()].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Names

const WEIGHT_NAMES: Record<number, string> = {
  100: 'Thin',
  200: 'ExtraLight',
  300: 'Light',
  400: 'Regular',
  500: 'Medium',
  600: 'SemiBold',
  700: 'Bold',
  800: 'ExtraBold',
  900: 'Black',
};

/** The PostScript name a face gets: 'NotoSerifSC-Regular', 'NotoSansSC-Bold'. */
export function postScriptName(family: string, weight: number): string {
  return `${family.replace(/[^A-Za-z0-9]/g, '')}-${WEIGHT_NAMES[weight] ?? String(weight)}`;
}

interface NameRecord {
  platform: number;
  encoding: number;
  language: number;
  id: number;
  bytes: Buffer;
}

function readNames(name: Buffer): NameRecord[] {
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const r = 6 + 12 * i;
    const length = name.readUInt16BE(r + 8);
    const offset = strings + name.readUInt16BE(r + 10);
    return {
      platform: name.readUInt16BE(r),
      encoding: name.readUInt16BE(r + 2),
      language: name.readUInt16BE(r + 4),
      id: name.readUInt16BE(r + 6),
      bytes: Buffer.from(name.subarray(offset, offset + length)),
    };
  });
}

function writeNames(records: NameRecord[]): Buffer {
  const sorted = [...records].sort(
    (a, b) =>
      a.platform - b.platform || a.encoding - b.encoding || a.language - b.language || a.id - b.id,
  );
  const header = Buffer.alloc(6 + 12 * sorted.length);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(sorted.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  sorted.forEach((r, i) => {
    const at = 6 + 12 * i;
    header.writeUInt16BE(r.platform, at);
    header.writeUInt16BE(r.encoding, at + 2);
    header.writeUInt16BE(r.language, at + 4);
    header.writeUInt16BE(r.id, at + 6);
    header.writeUInt16BE(r.bytes.length, at + 8);
    header.writeUInt16BE(offset, at + 10);
    offset += r.bytes.length;
  });
  return Buffer.concat([header, ...sorted.map((r) => r.bytes)]);
}

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

/**
 * Names the face after its family and weight (IDs 1-4, 6, and 16-17 for weights other than
 * Regular and Bold), in Windows Unicode records; copyright, version and licence stay.
 */
export function renameFace(font: Sfnt, family: string, weight: number): void {
  const table = font.tables.get('name');
  if (!table) return;
  const weightName = WEIGHT_NAMES[weight] ?? String(weight);
  const ribbi = weight === 400 || weight === 700;
  const psName = postScriptName(family, weight);
  const old = readNames(table);
  const oldPs = old
    .find((r) => r.id === 6 && r.platform === 3)
    ?.bytes.swap16()
    .toString('utf16le');
  const oldId = old
    .find((r) => r.id === 3 && r.platform === 3)
    ?.bytes.swap16()
    .toString('utf16le');
  // readNames copied the bytes, and swap16 swapped them in place: read them again.
  const kept = readNames(table).filter(
    (r) => r.platform === 3 && r.encoding === 1 && ![1, 2, 3, 4, 6, 16, 17].includes(r.id),
  );
  const names: [number, string][] = [
    [1, ribbi ? family : `${family} ${weightName}`],
    [2, ribbi ? weightName : 'Regular'],
    [3, oldId && oldPs && oldId.includes(oldPs) ? oldId.replace(oldPs, psName) : psName],
    [4, `${family} ${weightName}`],
    [6, psName],
  ];
  if (!ribbi) names.push([16, family], [17, weightName]);
  const added = names.map(([id, text]) => ({
    platform: 3,
    encoding: 1,
    language: 0x409,
    id,
    bytes: utf16be(text),
  }));
  font.tables.set('name', writeNames([...kept, ...added]));
}

// ---------------------------------------------------------------------------------------------
// Layout tables (GSUB/GPOS 1.0): just what the rewrites below need.

interface LayoutHeader {
  scriptList: number;
  featureList: number;
  lookupList: number;
  headerSize: number;
}

function layoutHeader(table: Buffer): LayoutHeader | undefined {
  if (table.length < 10 || table.readUInt16BE(0) !== 1) return undefined;
  const minor = table.readUInt16BE(2);
  // 1.1 adds FeatureVariations: not handled (these static fonts have none).
  if (minor !== 0 && table.readUInt32BE(10) !== 0) return undefined;
  return {
    scriptList: table.readUInt16BE(4),
    featureList: table.readUInt16BE(6),
    lookupList: table.readUInt16BE(8),
    headerSize: minor === 0 ? 10 : 14,
  };
}

interface FeatureRecord {
  tag: string;
  /** Offset of the Feature table from the start of the layout table. */
  at: number;
}

function features(table: Buffer, h: LayoutHeader): FeatureRecord[] {
  const count = table.readUInt16BE(h.featureList);
  return Array.from({ length: count }, (_, i) => {
    const r = h.featureList + 2 + 6 * i;
    return {
      tag: table.toString('latin1', r, r + 4),
      at: h.featureList + table.readUInt16BE(r + 4),
    };
  });
}

function featureLookups(table: Buffer, at: number): number[] {
  const count = table.readUInt16BE(at + 2);
  return Array.from({ length: count }, (_, i) => table.readUInt16BE(at + 4 + 2 * i));
}

/** Offsets (from the table start) of each lookup. */
function lookups(table: Buffer, h: LayoutHeader): number[] {
  const count = table.readUInt16BE(h.lookupList);
  return Array.from(
    { length: count },
    (_, i) => h.lookupList + table.readUInt16BE(h.lookupList + 2 + 2 * i),
  );
}

function coverage(table: Buffer, at: number): number[] {
  const format = table.readUInt16BE(at);
  const count = table.readUInt16BE(at + 2);
  if (format === 1)
    return Array.from({ length: count }, (_, i) => table.readUInt16BE(at + 4 + 2 * i));
  const glyphs: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = at + 4 + 6 * i;
    for (let g = table.readUInt16BE(r); g <= table.readUInt16BE(r + 2); g++) glyphs.push(g);
  }
  return glyphs;
}

function coverageTable(glyphs: readonly number[]): Buffer {
  const out = Buffer.alloc(4 + 2 * glyphs.length);
  out.writeUInt16BE(1, 0);
  out.writeUInt16BE(glyphs.length, 2);
  glyphs.forEach((g, i) => out.writeUInt16BE(g, 4 + 2 * i));
  return out;
}

/** Bytes of a table made of parts, each part's offset known once the earlier ones are laid out. */
class Builder {
  parts: Buffer[] = [];
  length = 0;
  add(data: Buffer): number {
    const at = this.length;
    this.parts.push(data);
    this.length += data.length;
    if (this.length % 2) {
      this.parts.push(Buffer.alloc(1));
      this.length++;
    }
    return at;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class OffsetOverflow extends Error {}

function u16(values: readonly number[]): Buffer {
  const out = Buffer.alloc(2 * values.length);
  values.forEach((v, i) => {
    if (v < 0 || v > 0xffff) throw new OffsetOverflow();
    out.writeUInt16BE(v, 2 * i);
  });
  return out;
}

/**
 * The GSUB with one more feature, made of the first `inFeature` of the new lookups (given as
 * whole lookup tables, each with its subtables after it; the others are reached from those),
 * registered in every script and language system. The old lookups,
 * features and their subtables stay where they were, copied whole after the new lists; the
 * new lists and the new lookups are written around them. Undefined if an offset overflows.
 */
function addGsubFeature(
  gsub: Buffer,
  tag: string,
  newLookups: Buffer[],
  inFeature = newLookups.length,
): Buffer | undefined {
  const h = layoutHeader(gsub);
  if (!h) return undefined;
  const oldFeatures = features(gsub, h);
  if (oldFeatures.some((f) => f.tag === tag)) return undefined;
  const oldLookups = lookups(gsub, h);
  const featureIndex = oldFeatures.length;
  try {
    // Script list, rebuilt with the new feature index in every LangSys.
    const scripts: { tag: string; defaultLangSys?: number[]; langSys: [string, number[]][] }[] = [];
    const readLangSys = (at: number): number[] => {
      const count = gsub.readUInt16BE(at + 4);
      const required = gsub.readUInt16BE(at + 2);
      return [
        required,
        ...Array.from({ length: count }, (_, i) => gsub.readUInt16BE(at + 6 + 2 * i)),
      ];
    };
    for (let i = 0; i < gsub.readUInt16BE(h.scriptList); i++) {
      const r = h.scriptList + 2 + 6 * i;
      const script = h.scriptList + gsub.readUInt16BE(r + 4);
      const def = gsub.readUInt16BE(script);
      const langSys: [string, number[]][] = [];
      for (let j = 0; j < gsub.readUInt16BE(script + 2); j++) {
        const lr = script + 4 + 6 * j;
        langSys.push([
          gsub.toString('latin1', lr, lr + 4),
          readLangSys(script + gsub.readUInt16BE(lr + 4)),
        ]);
      }
      scripts.push({
        tag: gsub.toString('latin1', r, r + 4),
        defaultLangSys: def === 0 ? undefined : readLangSys(script + def),
        langSys,
      });
    }
    const langSysTable = ([required, ...indices]: number[]) =>
      u16([0, required!, indices.length + 1, ...indices, featureIndex]);
    const scriptTables = scripts.map((s) => {
      const b = new Builder();
      const head = 4 + 6 * s.langSys.length;
      b.add(Buffer.alloc(head));
      const def = s.defaultLangSys ? b.add(langSysTable(s.defaultLangSys)) : 0;
      const offsets = s.langSys.map(([, l]) => b.add(langSysTable(l)));
      const out = b.bytes();
      out.writeUInt16BE(def, 0);
      out.writeUInt16BE(s.langSys.length, 2);
      s.langSys.forEach(([t], j) => {
        out.write(t, 4 + 6 * j, 'latin1');
        out.writeUInt16BE(offsets[j]!, 8 + 6 * j);
      });
      return out;
    });
    const scriptList = new Builder();
    scriptList.add(Buffer.alloc(2 + 6 * scripts.length));
    const scriptOffsets = scriptTables.map((t) => scriptList.add(t));
    const scriptListBytes = scriptList.bytes();
    scriptListBytes.writeUInt16BE(scripts.length, 0);
    scripts.forEach((s, i) => {
      scriptListBytes.write(s.tag, 2 + 6 * i, 'latin1');
      scriptListBytes.writeUInt16BE(scriptOffsets[i]!, 6 + 6 * i);
    });

    // Layout: header | script list | feature list | lookup list | old table | new feature | new lookups
    const headerSize = 10;
    const featureListSize = 2 + 6 * (oldFeatures.length + 1);
    const lookupListSize = 2 + 2 * (oldLookups.length + newLookups.length);
    const scriptListAt = headerSize;
    const featureListAt = scriptListAt + ((scriptListBytes.length + 1) & ~1);
    const lookupListAt = featureListAt + featureListSize;
    const oldAt = lookupListAt + lookupListSize;
    const newFeatureAt = oldAt + ((gsub.length + 1) & ~1);
    const newFeature = u16([
      0,
      inFeature,
      ...newLookups.slice(0, inFeature).map((_, i) => oldLookups.length + i),
    ]);
    let at = newFeatureAt + newFeature.length;
    const newLookupAts = newLookups.map((l) => {
      const here = at;
      at += (l.length + 1) & ~1;
      return here;
    });
    const featureList = Buffer.alloc(featureListSize);
    featureList.writeUInt16BE(oldFeatures.length + 1, 0);
    [...oldFeatures, { tag, at: newFeatureAt - oldAt }].forEach((f, i) => {
      featureList.write(f.tag, 2 + 6 * i, 'latin1');
      featureList.writeUInt16BE(0, 6 + 6 * i);
      featureList.set(u16([oldAt + f.at - featureListAt]), 6 + 6 * i);
    });
    const lookupList = u16([
      oldLookups.length + newLookups.length,
      ...oldLookups.map((l) => oldAt + l - lookupListAt),
      ...newLookupAts.map((l) => l - lookupListAt),
    ]);
    const header = u16([1, 0, scriptListAt, featureListAt, lookupListAt]);
    const pad = (b: Buffer) => (b.length % 2 ? Buffer.concat([b, Buffer.alloc(1)]) : b);
    return Buffer.concat([
      header,
      pad(scriptListBytes),
      featureList,
      lookupList,
      pad(gsub),
      newFeature,
      ...newLookups.map(pad),
    ]);
  } catch (error) {
    if (error instanceof OffsetOverflow) return undefined;
    throw error;
  }
}

/** A GSUB lookup of type 1 (single substitution, format 2). */
function singleSubstLookup(map: ReadonlyMap<number, number>): Buffer {
  const from = [...map.keys()].sort((a, b) => a - b);
  const subtable = u16([2, 6 + 2 * from.length, from.length, ...from.map((g) => map.get(g)!)]);
  const cov = coverageTable(from);
  return Buffer.concat([u16([1, 0, 1, 8]), subtable, cov]);
}

/**
 * A GSUB lookup of type 6 (chained contexts, format 3): `input` glyphs between the
 * `backtrack` and `lookahead` sets (each one glyph, or none when empty) get lookup `apply`.
 */
function chainLookup(
  backtrack: readonly number[],
  input: readonly number[],
  lookahead: readonly number[],
  apply: number,
): Buffer {
  const sets = [backtrack, input, lookahead].map((s) => (s.length ? [s] : []));
  const [b, i, l] = sets as [number[][], number[][], number[][]];
  const headSize = 2 + 2 + 2 * b.length + 2 + 2 * i.length + 2 + 2 * l.length + 2 + 4;
  const covs = [...b, ...i, ...l].map((s) => coverageTable(s));
  const offsets: number[] = [];
  let at = headSize;
  for (const c of covs) {
    offsets.push(at);
    at += c.length;
  }
  let k = 0;
  const take = (n: number) => offsets.slice(k, (k += n));
  const sub = u16([
    3,
    b.length,
    ...take(b.length),
    i.length,
    ...take(i.length),
    l.length,
    ...take(l.length),
    1,
    0,
    apply,
  ]);
  return Buffer.concat([u16([6, 0, 1, 8]), sub, ...covs]);
}

// ---------------------------------------------------------------------------------------------
// Glyphs

interface Glyphs {
  numGlyphs: number;
  /** glyf data of each glyph. */
  data: Buffer[];
  advances: number[];
  lsbs: number[];
  /** Vertical metrics, when the font has them. */
  vAdvances?: number[];
  tsbs?: number[];
}

function readGlyphs(font: Sfnt): Glyphs | undefined {
  const [head, maxp, hhea, hmtx, loca, glyf] = ['head', 'maxp', 'hhea', 'hmtx', 'loca', 'glyf'].map(
    (t) => font.tables.get(t),
  );
  if (!head || !maxp || !hhea || !hmtx || !loca || !glyf) return undefined;
  const numGlyphs = maxp.readUInt16BE(4);
  const long = head.readInt16BE(50) === 1;
  const offset = (i: number) => (long ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i));
  const data = Array.from({ length: numGlyphs }, (_, i) => glyf.subarray(offset(i), offset(i + 1)));
  const metrics = (table: Buffer, longCount: number) => {
    const advances: number[] = [];
    const sides: number[] = [];
    for (let i = 0; i < numGlyphs; i++) {
      if (i < longCount) {
        advances.push(table.readUInt16BE(4 * i));
        sides.push(table.readInt16BE(4 * i + 2));
      } else {
        advances.push(advances[longCount - 1] ?? 0);
        sides.push(table.readInt16BE(4 * longCount + 2 * (i - longCount)));
      }
    }
    return { advances, sides };
  };
  const h = metrics(hmtx, hhea.readUInt16BE(34));
  const vhea = font.tables.get('vhea');
  const vmtx = font.tables.get('vmtx');
  const v = vhea && vmtx ? metrics(vmtx, vhea.readUInt16BE(34)) : undefined;
  return {
    numGlyphs,
    data,
    advances: h.advances,
    lsbs: h.sides,
    vAdvances: v?.advances,
    tsbs: v?.sides,
  };
}

/** Writes glyf, loca, hmtx (and vmtx), and the counts in maxp, hhea, vhea, head; post → v3. */
function writeGlyphs(font: Sfnt, g: Glyphs): void {
  const padded = g.data.map((d) =>
    d.length % 4 ? Buffer.concat([d, Buffer.alloc(4 - (d.length % 4))]) : d,
  );
  const glyf = Buffer.concat(padded);
  const long = glyf.length > 0x1fffe;
  const loca = Buffer.alloc((g.numGlyphs + 1) * (long ? 4 : 2));
  let at = 0;
  for (let i = 0; i <= g.numGlyphs; i++) {
    if (long) loca.writeUInt32BE(at, 4 * i);
    else loca.writeUInt16BE(at / 2, 2 * i);
    at += padded[i]?.length ?? 0;
  }
  const head = font.tables.get('head')!;
  head.writeInt16BE(long ? 1 : 0, 50);
  const maxp = font.tables.get('maxp')!;
  maxp.writeUInt16BE(g.numGlyphs, 4);
  if (maxp.readUInt32BE(0) === 0x00010000) {
    maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(10), maxp.readUInt16BE(6)), 10);
    maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(12), maxp.readUInt16BE(8)), 12);
    maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(28), 1), 28);
    maxp.writeUInt16BE(maxp.readUInt16BE(30) + 1, 30);
  }
  const metrics = (advances: number[], sides: number[]) => {
    const out = Buffer.alloc(4 * advances.length);
    advances.forEach((a, i) => {
      out.writeUInt16BE(a, 4 * i);
      out.writeInt16BE(sides[i]!, 4 * i + 2);
    });
    return out;
  };
  font.tables.set('glyf', glyf);
  font.tables.set('loca', loca);
  font.tables.set('hmtx', metrics(g.advances, g.lsbs));
  const hhea = font.tables.get('hhea')!;
  hhea.writeUInt16BE(g.numGlyphs, 34);
  hhea.writeInt16BE(Math.min(hhea.readInt16BE(12), ...g.lsbs), 12);
  if (g.vAdvances && g.tsbs) {
    font.tables.set('vmtx', metrics(g.vAdvances, g.tsbs));
    font.tables.get('vhea')!.writeUInt16BE(g.numGlyphs, 34);
  }
  // Glyph names (post 2.0) would need one per new glyph: none are needed.
  const post = font.tables.get('post');
  if (post && post.readUInt32BE(0) !== 0x00030000) {
    const v3 = Buffer.from(post.subarray(0, 32));
    v3.writeUInt32BE(0x00030000, 0);
    font.tables.set('post', v3);
  }
}

/** A new glyph: glyph `base`'s outline moved right by `dx`, as a one-component composite. */
function shiftedGlyph(g: Glyphs, base: number, dx: number, advance: number): void {
  const data = g.data[base]!;
  let glyph = Buffer.alloc(0);
  if (data.length >= 10) {
    glyph = Buffer.alloc(18);
    glyph.writeInt16BE(-1, 0);
    glyph.writeInt16BE(data.readInt16BE(2) + dx, 2);
    glyph.writeInt16BE(data.readInt16BE(4), 4);
    glyph.writeInt16BE(data.readInt16BE(6) + dx, 6);
    glyph.writeInt16BE(data.readInt16BE(8), 8);
    glyph.writeUInt16BE(0x0003, 10); // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
    glyph.writeUInt16BE(base, 12);
    glyph.writeInt16BE(dx, 14);
    glyph.writeInt16BE(0, 16);
  }
  g.data.push(glyph);
  g.advances.push(advance);
  g.lsbs.push(g.lsbs[base]! + dx);
  g.vAdvances?.push(g.vAdvances[base]!);
  g.tsbs?.push(g.tsbs[base]!);
  g.numGlyphs++;
}

// ---------------------------------------------------------------------------------------------
// halt

const VALUE_FIELDS = 8;

/** The x placement and x advance adjustment of each glyph a SinglePos subtable covers. */
function singlePos(table: Buffer, at: number, into: Map<number, [number, number]>): boolean {
  const format = table.readUInt16BE(at);
  const glyphs = coverage(table, at + table.readUInt16BE(at + 2));
  const valueFormat = table.readUInt16BE(at + 4);
  let size = 0;
  for (let bit = 0; bit < VALUE_FIELDS; bit++) if (valueFormat & (1 << bit)) size += 2;
  const read = (record: number): [number, number] => {
    let x = 0;
    let adv = 0;
    let field = record;
    for (let bit = 0; bit < VALUE_FIELDS; bit++) {
      if (!(valueFormat & (1 << bit))) continue;
      if (bit === 0) x = table.readInt16BE(field);
      if (bit === 2) adv = table.readInt16BE(field);
      field += 2;
    }
    return [x, adv];
  };
  if (format === 1) {
    const value = read(at + 6);
    for (const g of glyphs) if (!into.has(g)) into.set(g, value);
    return true;
  }
  if (format === 2) {
    glyphs.forEach((g, i) => {
      if (!into.has(g)) into.set(g, read(at + 8 + size * i));
    });
    return true;
  }
  return false;
}

/**
 * Moves `halt` from GPOS to GSUB: for each glyph the GPOS `halt` lookups adjust, a new glyph
 * with the adjusted placement and advance, and a GSUB `halt` substituting it. The GPOS `halt`
 * feature stays, with no lookups (Chromium looks for the tag there to decide the font can
 * compress punctuation). Returns false, the font untouched, when the font has no such `halt`.
 */
export function haltAsGlyphs(font: Sfnt): boolean {
  const gpos = font.tables.get('GPOS');
  const gsub = font.tables.get('GSUB');
  const glyphs = readGlyphs(font);
  if (!gpos || !gsub || !glyphs) return false;
  const h = layoutHeader(gpos);
  if (!h) return false;
  const haltFeatures = features(gpos, h).filter((f) => f.tag === 'halt');
  if (haltFeatures.length === 0) return false;
  const all = lookups(gpos, h);
  const adjust = new Map<number, [number, number]>();
  for (const index of new Set(haltFeatures.flatMap((f) => featureLookups(gpos, f.at)))) {
    const lookup = all[index];
    if (lookup === undefined) return false;
    let type = gpos.readUInt16BE(lookup);
    const perLookup = new Map<number, [number, number]>();
    for (let s = 0; s < gpos.readUInt16BE(lookup + 4); s++) {
      let sub = lookup + gpos.readUInt16BE(lookup + 6 + 2 * s);
      if (type === 9) {
        type = gpos.readUInt16BE(sub + 2);
        sub += gpos.readUInt32BE(sub + 4);
      }
      if (type !== 1 || !singlePos(gpos, sub, perLookup)) return false;
    }
    for (const [g, [x, adv]] of perLookup) {
      const [x0, adv0] = adjust.get(g) ?? [0, 0];
      adjust.set(g, [x0 + x, adv0 + adv]);
    }
  }
  const map = new Map<number, number>();
  for (const [g, [x, adv]] of [...adjust].sort((a, b) => a[0] - b[0])) {
    if ((x === 0 && adv === 0) || g >= glyphs.numGlyphs) continue;
    map.set(g, glyphs.numGlyphs);
    shiftedGlyph(glyphs, g, x, glyphs.advances[g]! + adv);
  }
  if (map.size === 0) return false;
  const newGsub = addGsubFeature(gsub, 'halt', [singleSubstLookup(map)]);
  if (!newGsub) return false;
  writeGlyphs(font, glyphs);
  font.tables.set('GSUB', newGsub);
  const newGpos = Buffer.from(gpos);
  for (const f of haltFeatures) newGpos.writeUInt16BE(0, f.at + 2);
  font.tables.set('GPOS', newGpos);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Han–digit spacing

/** Whether a code point is a Han ideograph (what CSS text-autospace calls an ideograph). */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    cp === 0x3007
  );
}

/**
 * Adds, for the digits 0-9, glyphs with `gap` font units more advance on the side that
 * touches a Han character, and a `calt` that picks them: a digit after a Han character is
 * moved right by the gap, one before a Han character is followed by it, one between two gets
 * both. `cmap` maps the font's code points to glyphs. Returns false, the font untouched, when
 * the font lacks the digits or any Han character, or the GSUB cannot take it.
 */
export function spaceDigitsBesideHan(
  font: Sfnt,
  cmap: ReadonlyMap<number, number>,
  gap: number,
): boolean {
  const gsub = font.tables.get('GSUB');
  const glyphs = readGlyphs(font);
  if (!gsub || !glyphs) return false;
  const han = [...new Set([...cmap].filter(([cp]) => isHan(cp)).map(([, g]) => g))].sort(
    (a, b) => a - b,
  );
  const digits = [...'0123456789'].map((d) => cmap.get(d.codePointAt(0)!));
  if (han.length === 0 || digits.some((d) => d === undefined || d === 0)) return false;
  const sorted = [...new Set(digits as number[])].sort((a, b) => a - b);
  const variants = [
    [0, gap], // before Han: room on the right
    [gap, gap], // after Han: room on the left
    [gap, 2 * gap], // between two
  ] as const;
  const maps = variants.map(([dx, extra]) => {
    const map = new Map<number, number>();
    for (const d of sorted) {
      map.set(d, glyphs.numGlyphs);
      shiftedGlyph(glyphs, d, dx, glyphs.advances[d]! + extra);
    }
    return map;
  });
  const h = layoutHeader(gsub);
  if (!h) return false;
  const first = lookups(gsub, h).length; // the new lookups' indices: 3 substitutions, 3 chains
  const newGsub = addGsubFeature(
    gsub,
    'calt',
    [
      chainLookup(han, sorted, han, first + 5),
      chainLookup([], sorted, han, first + 3),
      chainLookup(han, sorted, [], first + 4),
      ...[maps[0]!, maps[1]!, maps[2]!].map(singleSubstLookup),
    ],
    3,
  );
  if (!newGsub) return false;
  writeGlyphs(font, glyphs);
  font.tables.set('GSUB', newGsub);
  return true;
}
