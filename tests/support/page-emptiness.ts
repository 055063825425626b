/**
 * How much of each printed page's text area is left empty, measured on the page as a reader sees
 * it: each page is rendered in grey (pdftoppm, poppler-utils) and the rows of the text area (the
 * page inside the @page margins of templates/default/styles) that hold no ink below the last
 * printed line are counted. A page that ends early because a chart or a forced break moved to
 * the next page shows as a large empty fraction.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The default template's @page margins, in mm (top, right, bottom, left). */
export const TEXT_AREA_MARGINS_MM = { top: 24, right: 21, bottom: 22, left: 21 } as const;

/** A pixel darker than this (0 black … 255 white) is ink; the palest panel wash is lighter. */
const INK = 225;
const DPI = 30;

export interface PageEmptiness {
  /** From 1, as the viewer counts. */
  page: number;
  /** Empty rows at the foot of the text area, as a fraction of its height (0 … 1). */
  empty: number;
}

/** Each page's empty fraction, in page order. */
export function pageEmptiness(pdf: string): PageEmptiness[] {
  const dir = mkdtempSync(join(tmpdir(), 'report-pages-'));
  try {
    const run = spawnSync('pdftoppm', ['-r', String(DPI), '-gray', pdf, join(dir, 'p')], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.pgm'))
      .sort()
      .map((name, i) => ({ page: i + 1, empty: emptyFraction(readFileSync(join(dir, name))) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The empty fraction of one page, from its binary PGM (P5) image. */
function emptyFraction(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, w, h] = header;
  const width = Number(w);
  const height = Number(h);
  const pixels = pgm.subarray(whole.length);
  const px = (mm: number) => Math.round((mm / 25.4) * DPI);
  const m = TEXT_AREA_MARGINS_MM;
  const top = px(m.top);
  const bottom = height - px(m.bottom);
  const left = px(m.left);
  const right = width - px(m.right);
  let last = top - 1;
  for (let y = top; y < bottom; y += 1) {
    const row = pixels.subarray(y * width + left, y * width + right);
    if (row.some((value) => value < INK)) last = y;
  }
  return (bottom - 1 - last) / (bottom - top);
}

/**
 * The first page of a report's body, after the cover and the contents: the first page that shows
 * the key figures' title (`panel`) and not the contents' title (the contents list the panel too).
 */
export function firstBodyPage(pdf: string, panel: string, contents: string): number {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  for (let page = 1; ; page += 1) {
    const run = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], {
      encoding: 'utf8',
    });
    if (run.status !== 0 || run.stdout === '') throw new Error(`no page shows ${panel}`);
    const text = squeeze(run.stdout);
    if (text.includes(squeeze(panel)) && !text.includes(squeeze(contents))) return page;
  }
}
