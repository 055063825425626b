/** Photos of the year (photos.yaml) as the template prints them: by section, with captions. */
import type { ReportYear } from '../../schema/files.js';
import type { DataImages } from '../../schema/images.js';
import { partString, imageView } from './profile.js';
import type { Strings } from './strings.js';

export interface PhotoView {
  src: string;
  alt: string;
  widthMm: number;
  heightMm: number;
  caption: string;
  credit: string | null;
}

/** The year's photos by the narrative section they name ('' for the rest, printed at the end). */
export function photosBySection(
  year: ReportYear & { photos?: { photos: import('../../schema/photos.js').Photo[] } },
  images: DataImages | undefined,
  strings: Strings,
): Map<string, PhotoView[]> {
  const out = new Map<string, PhotoView[]>();
  const sections = new Set(year.narrative.sections.map((s) => s.id));
  for (const photo of year.photos?.photos ?? []) {
    const image = imageView(images, 'photo', photo.file, photo.alt ?? photo.caption);
    if (!image) continue;
    const key = photo.section !== undefined && sections.has(photo.section) ? photo.section : '';
    const list = out.get(key) ?? [];
    list.push({
      ...image,
      caption: photo.caption,
      credit: photo.credit ? partString(strings, 'photos', 'credit', { name: photo.credit }) : null,
    });
    out.set(key, list);
  }
  return out;
}
