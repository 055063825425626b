/**
 * The EXIF Orientation of a JPEG (tag 0x0112 of IFD0 in its APP1 "Exif" segment): 1 upright,
 * 2–8 the mirrorings and quarter turns a phone records instead of turning the pixels. The image
 * decoder turns the pixels upright; the loader needs the tag beforehand, to size a picture
 * taken upright (5–8: width and height swapped) before decoding it.
 */

/** 1–8; 1 when the bytes are no JPEG, have no EXIF or no valid Orientation. */
export function jpegOrientation(bytes: Uint8Array): number {
  const u8 = bytes;
  if (u8.length < 4 || u8[0] !== 0xff || u8[1] !== 0xd8) return 1;
  const be16 = (i: number) => ((u8[i] ?? 0) << 8) | (u8[i + 1] ?? 0);
  let i = 2;
  while (i + 4 <= u8.length && u8[i] === 0xff) {
    const marker = u8[i + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) return 1;
    const length = be16(i + 2);
    if (length < 2) return 1;
    if (marker === 0xe1) {
      const found = orientationIn(u8.subarray(i + 4, i + 2 + length));
      if (found !== null) return found;
    }
    i += 2 + length;
  }
  return 1;
}

/** The Orientation in an APP1 payload, null when it is no EXIF or has none. */
function orientationIn(app1: Uint8Array): number | null {
  const ascii = String.fromCharCode(...app1.subarray(0, 6));
  if (ascii !== 'Exif\0\0') return null;
  const tiff = app1.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const u16 = (i: number) =>
    little
      ? (tiff[i] ?? 0) | ((tiff[i + 1] ?? 0) << 8)
      : ((tiff[i] ?? 0) << 8) | (tiff[i + 1] ?? 0);
  const u32 = (i: number) => (little ? u16(i) + u16(i + 2) * 65536 : u16(i) * 65536 + u16(i + 2));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let k = 0; k < entries; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) !== 0x0112) continue;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** Orientations 5–8 are quarter turns: the upright picture is as wide as the stored one is tall. */
export const swapsSides = (orientation: number): boolean => orientation >= 5 && orientation <= 8;
