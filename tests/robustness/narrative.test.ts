/**
 * Narrative Markdown that points somewhere (catalogue rows N3, N4, N5, N9, N10): no reference
 * becomes an image or a link, nothing is fetched, and an oversized narrative is refused before
 * anything is rendered.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { poppler, runCli, tempDir } from '../e2e/cli.js';
import { setOpening, startCanaryServer, type Canary } from './helpers.js';

const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>' +
    '<image href="http://127.0.0.1:9/svg-external"/></svg>',
).toString('base64');

/** Each payload and the URL it must not turn into. */
const REFERENCES: [row: string, markdown: string, url: string][] = [
  ['N3', '![x](/etc/passwd)', '/etc/passwd'],
  ['N3', '![x](//host/share/x.png)', '//host/share/x.png'],
  ['N3', '![x](../../secret.png)', '../../secret.png'],
  ['N3', '![x](secret.png)', 'secret.png'],
  ['N4', '[x](javascript:alert(1))', 'javascript:alert(1)'],
  ['N4', '[x](JaVaScRiPt:alert(1))', 'JaVaScRiPt:alert(1)'],
  ['N4', '[x](vbscript:msgbox(1))', 'vbscript:msgbox(1)'],
  ['N5', '![x](https://cdn.example/logo.png)', 'https://cdn.example/logo.png'],
  ['N9', `![x](data:image/svg+xml;base64,${SVG})`, `data:image/svg+xml;base64,${SVG}`],
  ['N9', '![x](DATA:IMAGE/SVG+XML;base64,PHN2Zz4=)', 'DATA:IMAGE/SVG+XML;base64,PHN2Zz4='],
];

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

describe('Markdown references in the narrative', () => {
  it.each(REFERENCES)('%s: %s stays text, never an <img> or <a>', (_row, markdown, url) => {
    const html = renderMarkdown(markdown, (name) => name);
    expect(html).not.toMatch(/<(img|a)\b/i);
    expect(html).toContain(url.replaceAll('<', '&lt;'));
  });

  it('N9: an inline raster image is the only image Markdown may produce', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(renderMarkdown(`![chart](${png})`, (name) => name)).toBe(
      `<p><img src="${png}" alt="chart"></p>\n`,
    );
  });
});

describe('report build with such references in narrative.yaml', () => {
  let canary: Canary;
  beforeAll(async () => {
    canary = await startCanaryServer();
  });
  afterAll(() => canary.close());

  it('N3/N4/N5/N9: prints them as text, fetches nothing, warns of nothing, finishes in seconds', async () => {
    const dir = tempDir('minimal');
    const remote = `${canary.origin}/narrative-image.png`;
    setOpening(dir, [...REFERENCES.map(([, markdown]) => markdown), `![x](${remote})`]);
    const started = Date.now();
    const result = await runCli(['build', '2015'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(canary.hits).toEqual([]);

    const html = readFileSync(join(dir, 'out/2015/report.html'), 'utf8');
    const sources = [...html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/gi)].map((m) => m[1] ?? '');
    // The charts are the only images: inline data, none of them a narrative reference.
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((src) => !src.startsWith('data:image/')).map(short)).toEqual([]);
    expect(sources.filter((src) => src.includes(SVG) || /PHN2Zz4=$/.test(src))).toEqual([]);
    expect(html).not.toMatch(/href="(?!#)/i);
    expect(html).toContain('![x](../../secret.png)');
    const text = poppler('pdftotext', join(dir, 'out/2015/report.pdf'));
    expect(text).toContain('![x](/etc/passwd)');
    expect(text).not.toContain('root:');
  });
});

describe('a huge narrative (N10)', () => {
  it('over the 5 MB cap: refused by validation naming the file, in seconds, nothing written', async () => {
    const dir = tempDir('minimal');
    setOpening(
      dir,
      Array.from({ length: 2_100 }, () => '长'.repeat(1_000)),
    );
    const started = Date.now();
    const validate = await runCli(['validate', '--lang', 'en'], { cwd: dir });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(
      /^data\/2015\/narrative\.yaml:1:1 {2}the file is \d+\.\d MB, which exceeds the 5\.0 MB limit; not read$/m,
    );
    const build = await runCli(['build', '2015', '--lang', 'en'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('data/2015/narrative.yaml:1:1');
    expect(build.stderr).toContain('exceeds the 5.0 MB limit');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('100 000 short paragraphs under the cap: the HTML is built in seconds', async () => {
    const dir = tempDir('minimal');
    const narrative = join(dir, 'data/2015/narrative.yaml');
    writeFileSync(
      narrative,
      readFileSync(narrative, 'utf8').replace(
        /^opening: \|\n/m,
        `opening: |\n${'  段落。\n\n'.repeat(100_000)}`,
      ),
    );
    const started = Date.now();
    const result = await runCli(['build', '2015', '--format', 'html'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    const html = readFileSync(join(dir, 'out/2015/report.html'), 'utf8');
    expect(html.match(/<p>段落。<\/p>/g)).toHaveLength(100_000);
  });
});
