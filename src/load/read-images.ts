/**
 * Reads the images the data names (a logo, a QR code, photos) — the only place image files are
 * read; the renderer never follows a path. Each one must resolve, after symlinks, to a regular
 * file inside the data folder, be a PNG, JPEG or WebP by its bytes, and stay under the size and
 * pixel limits (checked from the header, before decoding). It is then re-encoded at ≈ 300 dpi
 * for the size it is printed at, which drops EXIF (GPS included) and any other metadata, and
 * cached by its bytes like the charts. Problems are findings at the line that names the file.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Finding } from '../problems/problem.js';
import { imageId, imageReferences } from '../schema/image-references.js';
import {
  IMAGE_KINDS,
  imageKey,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  PRINT_DPI,
  printedSize,
  sniffImage,
  type EmbeddedImage,
  type ImageKind,
} from '../schema/images.js';
import { jpegOrientation, swapsSides } from '../schema/exif-orientation.js';
import type { LoadedFile } from './parse-yaml.js';

const require = createRequire(import.meta.url);
/** Bump when the encoding changes, so cached images are made again. */
const ENCODING_VERSION = 1;

export interface ImageSources {
  organization: LoadedFile | null;
  years: readonly { year: number; files: Readonly<Record<string, LoadedFile | undefined>> }[];
}

/** The images named in the files, by imageId; each image that cannot be used is a finding. */
export async function readDataImages(
  root: string,
  sources: ImageSources,
  cacheDir: string | null = defaultImageCacheDir(),
): Promise<{ images: Map<string, EmbeddedImage>; findings: Finding[] }> {
  const images = new Map<string, EmbeddedImage>();
  const findings: Finding[] = [];
  const refs = imageReferences(
    sources.organization?.data,
    sources.years.map(({ year, files }) => ({
      year,
      files: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, f?.data])),
    })),
  );
  if (refs.length === 0) return { images, findings };
  const realRoot = await realpath(root);
  const failed = new Map<string, { code: string; params: Record<string, unknown> }>();
  for (const ref of refs) {
    const loaded =
      ref.file.year === null
        ? sources.organization
        : sources.years.find((y) => y.year === ref.file.year)?.files[ref.file.key];
    if (!loaded) continue;
    const key = imageKey(ref.value);
    const id = imageId(ref.kind, key);
    if (images.has(id)) continue;
    const problem =
      failed.get(id) ??
      (await readOne(realRoot, key, ref.kind, cacheDir).then((result) => {
        if ('image' in result) {
          images.set(id, result.image);
          return undefined;
        }
        failed.set(id, result);
        return result;
      }));
    if (problem)
      findings.push({
        file: loaded.file,
        ...loaded.locate(ref.path),
        path: ref.path,
        code: problem.code,
        params: { ...problem.params, value: `"${ref.value}"` },
      });
  }
  return { images, findings };
}

type ReadResult = { image: EmbeddedImage } | { code: string; params: Record<string, unknown> };

async function readOne(
  realRoot: string,
  key: string,
  kind: ImageKind,
  cacheDir: string | null,
): Promise<ReadResult> {
  let real: string;
  try {
    real = await realpath(path.join(realRoot, key));
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { code: 'image_missing', params: {} }
      : { code: 'image_unreadable', params: { reason: String(code ?? error) } };
  }
  if (!(real === realRoot || real.startsWith(realRoot + path.sep)))
    return { code: 'image_outside_data', params: {} };
  let bytes: Buffer;
  const handle = await open(real, 'r').catch((error: unknown) => error as Error);
  if (handle instanceof Error)
    return { code: 'image_unreadable', params: { reason: handle.message } };
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { code: 'image_not_file', params: {} };
    if (info.size > MAX_IMAGE_BYTES)
      return { code: 'image_too_large', params: { size: info.size, limit: MAX_IMAGE_BYTES } };
    bytes = await handle.readFile();
  } catch (error) {
    return { code: 'image_unreadable', params: { reason: (error as Error).message } };
  } finally {
    await handle.close();
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed) return { code: 'image_not_image', params: { name: path.basename(key) } };
  const { width, height } = sniffed;
  if (
    width < 1 ||
    height < 1 ||
    width > MAX_IMAGE_SIDE ||
    height > MAX_IMAGE_SIDE ||
    width * height > MAX_IMAGE_PIXELS
  )
    return {
      code: 'image_too_many_pixels',
      params: { width, height, limit: MAX_IMAGE_PIXELS, side: MAX_IMAGE_SIDE },
    };
  // A phone photo taken upright is stored on its side with an EXIF Orientation: the decoder turns
  // it upright, so it is sized (and cached) as the upright picture it is.
  const turned = sniffed.type === 'jpeg' && swapsSides(jpegOrientation(bytes));
  const size = turned ? printedSize(kind, height, width) : printedSize(kind, width, height);
  try {
    const encoded = await cached(cacheDir, [kind, size.widthPx, size.heightPx], bytes, () =>
      reencode(bytes, kind, size.widthPx, size.heightPx),
    );
    const mime = IMAGE_KINDS[kind].encode === 'png' ? 'image/png' : 'image/jpeg';
    return {
      image: {
        src: `data:${mime};base64,${Buffer.from(encoded).toString('base64')}`,
        widthPx: size.widthPx,
        heightPx: size.heightPx,
        widthMm: size.widthMm,
        heightMm: size.heightMm,
      },
    };
  } catch (error) {
    return { code: 'image_undecodable', params: { reason: (error as Error).message } };
  }
}

/** Decodes and draws the image at its embedded size: only pixels survive, no metadata. */
async function reencode(
  bytes: Uint8Array,
  kind: ImageKind,
  widthPx: number,
  heightPx: number,
): Promise<Uint8Array> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  // The decoder applies the EXIF Orientation: the pixels drawn are upright (and then re-encoded
  // without any EXIF, so nothing can turn them again).
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(widthPx, heightPx);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  if (IMAGE_KINDS[kind].encode === 'jpeg') {
    // JPEG has no transparency: a transparent PNG or WebP is laid on white, as on paper.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, widthPx, heightPx);
    ctx.drawImage(image, 0, 0, widthPx, heightPx);
    return canvas.encode('jpeg', { quality: 85, resolution: PRINT_DPI });
  }
  ctx.drawImage(image, 0, 0, widthPx, heightPx);
  return canvas.encode('png', { resolution: PRINT_DPI });
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The cache never changes bytes: a hit returns what encoding would. No cache folder, no cache. */
async function cached(
  cacheDir: string | null,
  what: unknown[],
  bytes: Uint8Array,
  make: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  if (cacheDir === null) return make();
  const version = (() => {
    try {
      return (require('@napi-rs/canvas/package.json') as { version: string }).version;
    } catch {
      return '';
    }
  })();
  const key = sha256(JSON.stringify([ENCODING_VERSION, version, what, sha256(bytes)]));
  const file = path.join(cacheDir, `${key}.img`);
  const hit = await readFile(file).catch(() => undefined);
  if (hit !== undefined && hit.length > 0) return hit;
  const made = await make();
  const tmp = `${file}.${process.pid}.tmp`;
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(tmp, made))
    .then(() => rename(tmp, file))
    .catch(() => undefined);
  return made;
}

export function defaultImageCacheDir(): string | null {
  try {
    const main = require.resolve('@napi-rs/canvas');
    const marker = `${path.sep}node_modules${path.sep}`;
    const at = main.lastIndexOf(marker);
    if (at < 0) return null;
    return path.join(main.slice(0, at + marker.length - 1), '.cache', 'report-images');
  } catch {
    return null;
  }
}
