/**
 * Long unbroken text (adversarial run, "Long unbroken text"): a 10 000-character URL in
 * narrative prose, a project name as long in a table cell, and a name and title longer than any
 * line wrap on the page instead of running off its right edge; the running header is cut short.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEADER_MAX_CHARS } from '../../src/render/page-css.js';
import { poppler, runCli, tempDir } from '../e2e/cli.js';
import { buildHtml } from './build-html.js';

/** Capital letters that never repeat in a way pdftotext could fake (xorshift from a seed). */
function unbroken(seed: number, length: number): string {
  let x = seed;
  let out = '';
  while (out.length < length) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode(65 + ((x >>> 0) % 26));
  }
  return out;
}

const LONG = {
  /** In the opening paragraph. */
  url: `https://example.org/${unbroken(1, 10_000)}`,
  /** In the projects table and the project's facts box. */
  project: unbroken(2, 10_000),
  /** A subsection heading and its contents entry. */
  heading: unbroken(3, 400),
  /** The cover and the running header. */
  org: unbroken(4, 300),
  title: unbroken(5, 300),
};

function longData(): string {
  const dir = tempDir('minimal');
  const q = JSON.stringify;
  const edit = (file: string, pairs: [RegExp, string][]) => {
    const path = join(dir, 'data', file);
    let text = readFileSync(path, 'utf8');
    for (const [from, to] of pairs) text = text.replace(from, to);
    writeFileSync(path, text);
  };
  edit('organization.yaml', [[/^name: .*$/m, `name: ${q(LONG.org)}`]]);
  edit('2015/narrative.yaml', [
    [/^title: .*$/m, `title: ${q(LONG.title)}`],
    [/title: 四点半课堂/, `title: ${q(LONG.heading)}`],
    [/^opening: \|\n/m, `opening: |\n  详见 ${LONG.url} 。\n\n`],
  ]);
  edit('2015/projects.yaml', [[/name: 四点半课堂/, `name: ${q(LONG.project)}`]]);
  return dir;
}

/** Only the Latin capitals of a text: the long strings, without what pdftotext puts between. */
const capitals = (text: string) => text.replace(/[^A-Z]/g, '');

/** How many times `part` occurs in `text`. */
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('long unbroken text', () => {
  it('HTML: each long string is in the page whole; the running header is cut to a few lines', async () => {
    const { html } = await buildHtml(longData());
    for (const text of [LONG.url, LONG.project, LONG.heading, LONG.org, LONG.title]) {
      expect(html.includes(text)).toBe(true);
    }
    const header = /@top-left \{ content: '([^']*)'; \}/.exec(html)?.[1] ?? '';
    expect(header).toBe(`${LONG.org.slice(0, HEADER_MAX_CHARS - 1)}…`);
  });

  describe('in the PDF', () => {
    let dir: string;
    let pdf: string;
    beforeAll(async () => {
      dir = longData();
      const result = await runCli(['build', '2015', '--quiet'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      pdf = join(dir, 'out/2015/report.pdf');
    });

    it('wraps within the margins and prints every character: prose, table cell, headings, cover', () => {
      // A4 is 595.28 pt wide with 21 mm (59.53 pt) side margins.
      const words = [
        ...poppler('pdftotext', pdf, ['-bbox']).matchAll(
          /xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g,
        ),
      ];
      expect(words.length).toBeGreaterThan(100);
      expect(Math.min(...words.map((w) => Number(w[1])))).toBeGreaterThan(59);
      expect(Math.max(...words.map((w) => Number(w[2])))).toBeLessThan(536.5);
      // The body of every page (the running header and page number cropped off: they would
      // come between the lines of a string that crosses a page).
      const body = capitals(
        poppler('pdftotext', pdf, ['-raw', '-x', '0', '-y', '68', '-W', '596', '-H', '712']),
      );
      expect(occurrences(body, capitals(LONG.url))).toBe(1);
      expect(occurrences(body, LONG.project)).toBe(2);
      expect(occurrences(body, LONG.heading)).toBe(2);
      // The cover: the title continues on a second cover page, from its top edge.
      const cover = capitals(poppler('pdftotext', pdf, ['-raw', '-f', '1', '-l', '2']));
      expect(cover).toBe(`${LONG.org}${LONG.title}`);
    });
  });
});
