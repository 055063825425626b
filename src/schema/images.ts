/**
 * Images the data may show (a logo, a QR code, photos): how a data file names one, what kinds
 * of file are accepted, the limits, and the size each kind is printed at. Pure: the loader
 * (src/load/read-images.ts) reads and re-encodes the files; validation and the view only see
 * the result, an EmbeddedImage.
 */
import { z } from 'zod';

/** A file larger than this is refused before it is read. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** Decoded pixels above this are refused from the header, before decoding (decompression bombs). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Neither side may be longer than this. */
export const MAX_IMAGE_SIDE = 20_000;
/** Images are re-encoded at this resolution for the size they are printed at. */
export const PRINT_DPI = 300;

export type ImageType = 'png' | 'jpeg' | 'webp';

/** What each kind of image is printed at, at most (the default template's CSS uses these). */
export const IMAGE_KINDS = {
  logo: { maxWidthMm: 50, maxHeightMm: 25, encode: 'png' },
  qr_code: { maxWidthMm: 30, maxHeightMm: 30, encode: 'png' },
  photo: { maxWidthMm: 150, maxHeightMm: 100, encode: 'jpeg' },
} as const satisfies Record<string, { maxWidthMm: number; maxHeightMm: number; encode: string }>;
export type ImageKind = keyof typeof IMAGE_KINDS;

/** An image as the report embeds it: re-encoded, metadata removed, with its printed size. */
export interface EmbeddedImage {
  /** `data:image/png;base64,…` or `data:image/jpeg;base64,…`. */
  src: string;
  /** Pixels of the embedded image. */
  widthPx: number;
  heightPx: number;
  /** The size it is printed at (≈ PRINT_DPI for a large source, never larger than its kind's box). */
  widthMm: number;
  heightMm: number;
}

/** Images of a data folder by the path written in the data (`images/logo.png`). */
export type DataImages = ReadonlyMap<string, EmbeddedImage>;

function pathIssue(
  key: 'image_path_absolute' | 'image_path_parent' | 'image_path_format',
  input: string,
) {
  return { code: 'custom' as const, input, params: { key }, message: key };
}

/**
 * A path to an image inside the data folder, relative to it, written with `/`. Absolute paths
 * and `..` are refused here; the loader then checks where it really leads (symlinks included).
 */
export const imagePathSchema = z.string().superRefine((value, ctx) => {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.includes('\\') || [...trimmed].some((c) => c < ' '))
    ctx.addIssue(pathIssue('image_path_format', value));
  else if (/^(\/|[a-zA-Z]:|~)/.test(trimmed)) ctx.addIssue(pathIssue('image_path_absolute', value));
  else if (trimmed.split('/').includes('..')) ctx.addIssue(pathIssue('image_path_parent', value));
});

/** Whether a path passes imagePathSchema (the loader reads only those). */
export function isImagePath(value: unknown): value is string {
  return typeof value === 'string' && imagePathSchema.safeParse(value).success;
}

/** The normalised key of an image path: `./images//a.png` → `images/a.png`. */
export function imageKey(value: string): string {
  return value
    .trim()
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** A place in a data file that names an image. */
export interface ImageReference {
  /** `organization` or a year's file key (`photos`). */
  file: { year: number | null; key: string };
  path: (string | number)[];
  value: string;
  kind: ImageKind;
}

/** What the bytes say: the type (by its signature, never the name) and the pixel size. */
export function sniffImage(
  bytes: Uint8Array,
): { type: ImageType; width: number; height: number } | null {
  const u8 = bytes;
  const be16 = (i: number) => ((u8[i] ?? 0) << 8) | (u8[i + 1] ?? 0);
  const be32 = (i: number) => be16(i) * 65536 + be16(i + 2);
  const le16 = (i: number) => (u8[i] ?? 0) | ((u8[i + 1] ?? 0) << 8);
  const le24 = (i: number) => le16(i) | ((u8[i + 2] ?? 0) << 16);
  const ascii = (i: number, n: number) => String.fromCharCode(...u8.subarray(i, i + n));
  if (u8.length >= 24 && ascii(1, 3) === 'PNG' && u8[0] === 0x89 && ascii(12, 4) === 'IHDR')
    return { type: 'png', width: be32(16), height: be32(20) };
  if (u8.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8 ')
      return { type: 'webp', width: le16(26) & 0x3fff, height: le16(28) & 0x3fff };
    if (chunk === 'VP8L' && u8[20] === 0x2f) {
      const bits =
        (u8[21] ?? 0) | ((u8[22] ?? 0) << 8) | ((u8[23] ?? 0) << 16) | ((u8[24] ?? 0) << 24);
      return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { type: 'webp', width: le24(24) + 1, height: le24(27) + 1 };
    return null;
  }
  if (u8.length >= 4 && u8[0] === 0xff && u8[1] === 0xd8 && u8[2] === 0xff) {
    let i = 2;
    while (i + 9 < u8.length) {
      if (u8[i] !== 0xff) return null;
      const marker = u8[i + 1] ?? 0;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return { type: 'jpeg', height: be16(i + 5), width: be16(i + 7) };
      if (marker === 0xd9 || marker === 0xda) return null;
      i += 2 + be16(i + 2);
    }
    return null;
  }
  return null;
}

/**
 * The size an image of `width`×`height` pixels is printed at (its kind's box, aspect kept) and
 * the pixels it is embedded with: PRINT_DPI at that size, or the source's own when smaller.
 */
export function printedSize(
  kind: ImageKind,
  width: number,
  height: number,
): { widthMm: number; heightMm: number; widthPx: number; heightPx: number } {
  const box = IMAGE_KINDS[kind];
  const scale = Math.min(box.maxWidthMm / width, box.maxHeightMm / height);
  const widthMm = round1(width * scale);
  const heightMm = round1(height * scale);
  const pxPerMm = PRINT_DPI / 25.4;
  const widthPx = Math.max(1, Math.min(width, Math.floor(widthMm * pxPerMm)));
  const heightPx = Math.max(1, Math.min(height, Math.round((widthPx * height) / width)));
  return { widthMm, heightMm, widthPx, heightPx };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** An image field in a data file: the file and the words that stand for it. */
export const imageSchema = z.strictObject({
  file: imagePathSchema,
  /** What the image shows, for screen readers and the PDF's /Alt. */
  alt: z.string().trim().min(1).optional(),
});
export type ImageField = z.output<typeof imageSchema>;
