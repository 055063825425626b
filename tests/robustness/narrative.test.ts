/**
 * Narrative Markdown that points somewhere (catalogue rows N3, N4, N5, N9, N10): no reference
 * becomes an image or a link, nothing is fetched, and an oversized narrative is refused before
 * anything is rendered. The builds refused by validation make HTML only: with a PDF asked for,
 * Chromium would be started (while the data is read) only to be closed again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { runCli, tempDir } from '../e2e/cli.js';
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

  it('N3/N4/N5/N9: refused by validation, each at its place, before anything is fetched or written', async () => {
    const dir = tempDir('minimal');
    const remote = `${canary.origin}/narrative-image.png`;
    setOpening(dir, [...REFERENCES.map(([, markdown]) => markdown), `![x](${remote})`]);
    const result = await runCli(['build', '2015', '--format', 'html', '--lang', 'en'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(canary.hits).toEqual([]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const reported = result.stderr
      .split('\n')
      .filter((l) => /data\/2015\/narrative\.yaml:\d+:\d+ {2}opening {2}the (link|image)/.test(l));
    expect(reported).toHaveLength(REFERENCES.length + 1);
    expect(result.stderr).toContain(`the image ${remote.slice(0, 57)}`);
  });
});

describe('a huge narrative (N10)', () => {
  it('over the 5 MB cap: refused by validation naming the file, in seconds, nothing written', async () => {
    const dir = tempDir('minimal');
    setOpening(
      dir,
      Array.from({ length: 2_100 }, () => '长'.repeat(1_000)),
    );
    const validate = await runCli(['validate', '--lang', 'en'], { cwd: dir });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(
      /^data\/2015\/narrative\.yaml:1:1 {2}the file is \d+\.\d MB, which exceeds the 5\.0 MB limit; not read$/m,
    );
    const build = await runCli(['build', '2015', '--format', 'html', '--lang', 'en'], {
      cwd: dir,
    });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('data/2015/narrative.yaml:1:1');
    expect(build.stderr).toContain('exceeds the 5.0 MB limit');
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
    const result = await runCli(['build', '2015', '--format', 'html', '--quiet'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(join(dir, 'out/2015/report.html'), 'utf8');
    expect(html.match(/<p>段落。<\/p>/g)).toHaveLength(100_000);
  });
});
