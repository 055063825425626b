/**
 * Nothing in a data file or a template can make the build read a local file or reach an
 * address: narrative text is escaped, and the printing page may only load inline data.
 * A loopback server stands in for any address; a canary file for any local secret.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKUP_PAYLOADS } from '../support/markup-payloads.js';
import { readOutlinePages } from '../support/pdf.js';
import { poppler, ROOT, runCli, tempDir, type CliResult } from './cli.js';

let server: Server;
let hits: string[] = [];
let origin = '';
const CANARY = 'CANARY-7f3a91-SECRET';

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end(CANARY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Raw HTML in narrative text (Markdown links and images are refused earlier, by validation). */
function payloads(canaryFile: string): string[] {
  return [
    '<script>document.title="pwned"</script>',
    `<iframe src="file://${canaryFile}"></iframe>`,
    `<img src="${origin}/narrative-img">`,
    `<meta http-equiv="refresh" content="0;url=file://${canaryFile}">`,
    `<link rel="stylesheet" href="${origin}/narrative-css">`,
  ];
}

/**
 * One build of the minimal data made hostile both ways (read by the first and the last test):
 * raw HTML with remote and local references in the narrative's opening, and text that looks like
 * markup in the organisation's name, the title and a body.
 */
const TITLE = MARKUP_PAYLOADS.join(' ');
/** In the organisation's name: not the canary, which must never reach the PDF. */
const NAME = 'NAME-2b81';
let hostile = '';
let hostileBuild: CliResult;
let hostileHits: string[] = [];

beforeAll(async () => {
  hits = [];
  const dir = tempDir('minimal');
  const canaryFile = join(dir, 'canary.txt');
  writeFileSync(canaryFile, CANARY);
  const edit = (file: string, from: RegExp, to: string) => {
    const path = join(dir, 'data', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  };
  const lines = payloads(canaryFile)
    .map((p) => `  ${p}\n\n`)
    .join('');
  edit('2015/narrative.yaml', /^opening: \|\n/m, `opening: |\n${lines}`);
  edit('organization.yaml', /^name: .*$/m, `name: ${JSON.stringify(`<h1>${NAME}</h1>`)}`);
  edit('2015/narrative.yaml', /^title: .*$/m, `title: ${JSON.stringify(TITLE)}`);
  edit('2015/narrative.yaml', /body: .*$/m, `body: ${JSON.stringify('# 正文标题\n\n正文')}`);
  hostileBuild = await runCli(['build', '2015', '--quiet'], { cwd: dir });
  hostileHits = hits;
  hostile = dir;
});

describe('locked-down rendering', () => {
  it('narrative text carrying HTML, remote and local references never reaches the file or the network', () => {
    expect(hostileBuild.stderr).toBe('');
    expect(hostileBuild.code).toBe(0);
    expect(hostileHits).toEqual([]);

    const html = readFileSync(join(hostile, 'out/2015/report.html'), 'utf8');
    expect(html).not.toMatch(/<(script|iframe|link|object|embed)\b/i);
    // No refresh element (the title's text may say "http-equiv=refresh", escaped, inside a value).
    expect(html).not.toMatch(/<meta\b[^>]*\shttp-equiv\s*=\s*["']?refresh/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:|file:|javascript:|\/\/)/i);
    const text = poppler('pdftotext', join(hostile, 'out/2015/report.pdf'));
    expect(text).not.toContain(CANARY);
    expect(text).toContain('<script>document.title="pwned"</script>');
  });

  it('a custom template that points outside is blocked, each request reported, the PDF still printed', async () => {
    hits = [];
    const dir = tempDir('minimal');
    const canaryFile = join(dir, 'canary.txt');
    writeFileSync(canaryFile, CANARY);
    cpSync(join(ROOT, 'templates/default'), join(dir, 'tpl'), { recursive: true });
    const main = join(dir, 'tpl/report.hbs');
    writeFileSync(
      main,
      readFileSync(main, 'utf8')
        .replace(`<meta http-equiv="Content-Security-Policy"`, '<meta name="x"')
        .replace(
          '<body>',
          `<body><img src="${origin}/template-img"><iframe src="file://${canaryFile}"></iframe>`,
        ),
    );
    writeFileSync(
      join(dir, 'tpl/styles/zz-remote.css'),
      `.cover { background-image: url("${origin}/template-css"); }\nbody { background: url("file://${canaryFile}"); }\n`,
    );

    const result = await runCli(['build', '2015', '--template', 'tpl'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(hits).toEqual([]);
    expect(result.stderr).toContain(`${origin}/template-img`);
    expect(result.stderr).toContain(`${origin}/template-css`);
    expect(poppler('pdftotext', join(dir, 'out/2015/report.pdf'))).not.toContain(CANARY);
  });

  it('data text that looks like markup prints as itself: page 1 shows the title, no "INJECTED" heading, one top-level bookmark', async () => {
    expect(hostileBuild.code).toBe(0);
    const pdf = join(hostile, 'out/2015/report.pdf');
    const page1 = poppler('pdftotext', pdf, ['-f', '1', '-l', '1']);
    // Lines break after a hyphen, which pdftotext then drops: compare without either.
    const squeeze = (text: string) => text.replace(/[\s-]+/g, '');
    expect(squeeze(page1)).toContain(squeeze(`<h1>${NAME}</h1>`));
    expect(squeeze(page1)).toContain(squeeze(TITLE));
    expect(page1.split('\n').map((line) => line.trim())).not.toContain('INJECTED');
    // The running header on a later page shows the text too.
    expect(squeeze(poppler('pdftotext', pdf, ['-f', '3', '-l', '3']))).toContain(
      squeeze(`<h1>${NAME}</h1>`),
    );
    const outline = await readOutlinePages(readFileSync(pdf));
    // Chromium leaves out the spaces where the title's lines break.
    const topLevel = outline.filter((entry) => entry.level === 1).map((e) => squeeze(e.title));
    expect(topLevel).toEqual([squeeze(TITLE)]);
    expect(outline.find((entry) => entry.title === '正文标题')?.level).toBe(4);
    expect(poppler('pdfinfo', pdf)).toContain(`Title:           <h1>${NAME}</h1>${TITLE}\n`);
  });
});
