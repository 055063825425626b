/**
 * Where the data names images, found in the files as parsed (before validation), so the loader
 * can read them in the same pass as the YAML: the profile's logo and QR code in
 * organization.yaml, and each year's photos. A value that is not a path is left to the schema.
 */
import { isImagePath, type ImageKind, type ImageReference } from './images.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The images named by organization.yaml (`organization`) and the year files (by file key). */
export function imageReferences(
  organization: unknown,
  years: readonly { year: number; files: Readonly<Record<string, unknown>> }[],
): ImageReference[] {
  const out: ImageReference[] = [];
  const add = (
    year: number | null,
    key: string,
    path: (string | number)[],
    holder: unknown,
    kind: ImageKind,
  ) => {
    if (isRecord(holder) && isImagePath(holder.file))
      out.push({ file: { year, key }, path: [...path, 'file'], value: holder.file, kind });
  };
  const profile = isRecord(organization) ? organization.profile : undefined;
  if (isRecord(profile)) {
    add(null, 'organization', ['profile', 'logo'], profile.logo, 'logo');
    add(null, 'organization', ['profile', 'qr_code'], profile.qr_code, 'qr_code');
  }
  for (const { year, files } of years) {
    const photos = files.photos;
    const list = isRecord(photos) ? photos.photos : undefined;
    if (Array.isArray(list))
      list.forEach((photo, i) => add(year, 'photos', ['photos', i], photo, 'photo'));
  }
  return out;
}

/** How the loader's map names an image: its kind and its normalised path. */
export function imageId(kind: ImageKind, key: string): string {
  return `${kind}:${key}`;
}
