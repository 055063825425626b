/**
 * Where the @font-face rules go once the page's characters are known: a marker in the page's
 * CSS, new for every page, so no text in the data can be taken for it (a title reading like the
 * marker would otherwise receive the fonts, and the stylesheet lose them).
 */
import { randomBytes } from 'node:crypto';
import type { FontCss } from '../ports.js';

/** A base64 data: URL as the report writes them (charts, inline images). */
const DATA_URL = /data:[a-z]+\/[\w.+-]+;base64,[a-z0-9+/=%]+/gi;

export interface FontSlot {
  marker: string;
  /** The page with the fonts for the characters it shows in place of the marker. */
  fill(html: string, fontCss: FontCss): Promise<string>;
}

export function fontSlot(): FontSlot {
  const marker = `/*report:font-faces:${randomBytes(12).toString('hex')}*/`;
  return {
    marker,
    async fill(html, fontCss) {
      // Inline images are left out of the text, and only they: prose that says "data:" keeps
      // its characters. (Page-number digits are always kept by the font subsetter.)
      const fonts = await fontCss(html.replace(marker, '').replace(DATA_URL, ''));
      return html.replace(marker, () => fonts);
    },
  };
}
