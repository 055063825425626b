/**
 * The preview's build loop and server in process, with the real HTML path (no browser): a
 * template error is shown with its file:line:col and the last good page stays served; the fix
 * serves a new version; messages come in the reader's language; the server answers only
 * requests addressed to it, and only with the build's files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realDeps } from '../../src/cli/build.js';
import { startServer, type PreviewServer } from '../../src/preview/serve.js';
import { createSession, type Session } from '../../src/preview/session.js';
import type { Locale } from '../../src/schema/files.js';
import { fakeIo } from '../support/fake-io.js';
import { previewFolder, previewOptions } from '../support/fresh-build.js';
import { rawGet } from '../support/preview-client.js';

interface Running {
  dir: string;
  session: Session;
  server: PreviewServer;
  info: string[];
  problems: string[];
}

let running: Running | null = null;
afterEach(async () => {
  await running?.server.close();
  await running?.session.close();
  running = null;
});

async function start(lang: Locale): Promise<Running> {
  const dir = previewFolder('report-preview-');
  const { io } = fakeIo(dir);
  const info: string[] = [];
  const problems: string[] = [];
  const session = createSession(
    previewOptions(dir, { messageLang: lang }),
    // The template compiled in process (its worker thread runs from dist/ only).
    await realDeps(io, undefined, false),
    { info: (t) => info.push(t), problem: (t) => problems.push(t), changed: () => undefined },
  );
  const server = await startServer(session, { port: 0, lang });
  running = { dir, session, server, info, problems };
  return running;
}

const state = (session: Session) =>
  JSON.parse(session.state()) as { version: number; error: { text: string } | null };

describe('a preview session', () => {
  it('a template error: shown with file:line:col, the last good page still served; the fix serves a new version', async () => {
    const { dir, session, server, problems, info } = await start('en');
    await session.rebuild([]);
    expect(state(session)).toMatchObject({ version: 1, error: null });
    const good = (await rawGet(server.port, '/')).body;
    expect(good).toContain('Annual Report 2015');

    const partial = join(dir, 'template/partials/key-figures.hbs');
    const original = readFileSync(partial, 'utf8');
    // A helper the template engine does not know, found before rendering, with its place.
    writeFileSync(partial, original.replace('{{label}}', '{{shout label}}'));
    await session.rebuild(['template/partials/key-figures.hbs']);
    const broken = state(session);
    expect(broken.version).toBe(1);
    expect(broken.error?.text).toMatch(/key-figures\.hbs:\d+:\d+/);
    expect(problems.join('\n')).toMatch(/key-figures\.hbs:\d+:\d+/);
    expect((await rawGet(server.port, '/')).body).toBe(good);

    writeFileSync(partial, original);
    await session.rebuild(['template/partials/key-figures.hbs']);
    expect(state(session)).toMatchObject({ version: 2, error: null });
    expect(info.at(-1)).toMatch(/^fixed: rebuilt in \d+ ms/);
  });

  it('speaks Chinese to a Chinese reader', async () => {
    const { session, server } = await start('zh-CN');
    await session.rebuild([]);
    expect(running?.info.at(-1)).toMatch(/^已生成，用时 \d+ 毫秒$/);
    const refused = await rawGet(server.port, '/', { Host: 'example.com' });
    expect(refused.body).toContain('拒绝访问');
    expect((await rawGet(server.port, '/report.pdf')).body).toContain('--pdf');
  });

  it('answers only requests addressed to it, with only the files the build made', async () => {
    const { session, server } = await start('en');
    await session.rebuild([]);
    const p = server.port;
    expect((await rawGet(p, '/', { Host: `127.0.0.1:${p}` })).status).toBe(200);
    expect((await rawGet(p, '/report.html', { Host: `localhost:${p}` })).status).toBe(200);
    for (const host of [`127.0.0.1:${p + 1}`, 'localhost', `rebind.example:${p}`, '']) {
      expect((await rawGet(p, '/', { Host: host })).status, host).toBe(403);
    }
    const chart = (await rawGet(p, '/charts/income.svg')).status;
    expect(chart).toBe(200);
    for (const path of [
      '/../data/2015/income.yaml',
      '/data/2015/income.yaml',
      '/report.hbs',
      '/charts/../../data/organization.yaml',
    ]) {
      expect((await rawGet(p, path)).status, path).toBe(404);
    }
  });
});
