/**
 * What preview serves after each save is what a fresh `report build --format html` makes of the
 * same files, although a warm preview parses only the files that changed, reads the template
 * again only after a template file changed, and serves fonts and charts apart from the page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realDeps } from '../../src/cli/build.js';

import { createSession, type Session } from '../../src/preview/session.js';
import { warmDeps, type WarmDeps } from '../../src/preview/warm-deps.js';
import { fakeIo } from '../support/fake-io.js';
import { freshBuildFiles, previewFolder, previewOptions } from '../support/fresh-build.js';

let open: { session: Session; warm: WarmDeps } | null = null;
afterEach(async () => {
  await open?.session.close();
  await open?.warm.close();
  open = null;
});

/** The page as `report build --format html` writes it, built from scratch (no warm state). */
async function freshBuild(dir: string): Promise<string> {
  return String((await freshBuildFiles(dir)).get('out/2015/report.html'));
}

/**
 * The served page with what preview changed undone: each moved font and image put back inline
 * from its address (an image's base64 padding as the template engine escapes it), and the
 * policy and reload script, which preview rewrites, cut out of both pages compared.
 */
function unserved(session: Session, page: string): string {
  const bytes = (path: string) => {
    const served = session.file(path);
    if (served === null) throw new Error(`${path} is not served`);
    return Buffer.from(served.body).toString('base64');
  };
  return withoutPolicy(
    page
      .replace(
        /url\((\/__preview\/assets\/[0-9a-f]+\.(woff2?))\)/g,
        (_m, path: string, ext: string) => `url(data:font/${ext};base64,${bytes(path)})`,
      )
      .replace(
        /src="(\/__preview\/assets\/[0-9a-f]+\.svg)"/g,
        (_m, path: string) =>
          `src="data:image/svg+xml;base64,${bytes(path).replaceAll('=', '&#x3D;')}"`,
      ),
  );
}

function withoutPolicy(html: string): string {
  return html.replace(
    /<meta http-equiv="Content-Security-Policy"[^>]*>(<script nonce="[^"]*" src="\/__preview\/client\.js"[^>]*><\/script>)?/,
    '<!-- policy -->',
  );
}

const state = (session: Session) =>
  JSON.parse(session.state()) as { error: unknown; version: number };

describe('the page preview serves after a save', () => {
  it('equals a fresh build of the same files, after data, template and data edits again', async () => {
    const dir = previewFolder('report-preview-same-');
    const warm = warmDeps(await realDeps(fakeIo(dir).io, undefined, false), join(dir, 'template'));
    const session = createSession(previewOptions(dir), warm.deps, {
      info: () => undefined,
      problem: () => undefined,
      changed: () => undefined,
    });
    open = { session, warm };
    const served = () => String(session.file('/')?.body);
    const save = async (file: string, edit: (text: string) => string) => {
      const path = join(dir, file);
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
      warm.changed([path]);
      await session.rebuild([file]);
    };

    await session.rebuild([]);
    const first = served();
    // Fonts and charts are served on their own: the page itself holds no inline font or image.
    expect(first).not.toMatch(/data:(font|image)\//);
    expect(first).toMatch(/src="\/__preview\/assets\/[0-9a-f]+\.svg"/);
    expect(unserved(session, first)).toBe(withoutPolicy(await freshBuild(dir)));

    await save('data/2015/narrative.yaml', (t) =>
      t.replace(/^title: (.*)$/m, 'title: $1 (draft 2)'),
    );
    expect(served()).toContain('(draft 2)');
    expect(unserved(session, served())).toBe(withoutPolicy(await freshBuild(dir)));

    await save('template/styles/report.css', (t) => `${t}\nh2 { letter-spacing: 0.01em; }\n`);
    expect(served()).toContain('letter-spacing: 0.01em');
    expect(unserved(session, served())).toBe(withoutPolicy(await freshBuild(dir)));

    // A figure the charts draw: the income file parsed again, the chart redrawn.
    await save('data/2015/income.yaml', (t) =>
      t.replace('total: 200000', 'total: 210000').replace('amount: 50000', 'amount: 60000'),
    );
    expect(state(session).error).toBeNull();
    expect(unserved(session, served())).toBe(withoutPolicy(await freshBuild(dir)));
  });
});
