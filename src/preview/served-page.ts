/**
 * The page as preview serves it: the built report plus one script that reloads it and shows
 * build errors. The built report itself has no JavaScript and a policy that forbids scripts;
 * only this served copy's policy lets in that one script (by nonce) and its event stream.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Locale } from '../schema/files.js';
import { say } from './messages.js';

export const CLIENT_PATH = '/__preview/client.js';
export const EVENTS_PATH = '/__preview/events';
export const ASSETS_PATH = '/__preview/assets/';

/** An embedded font as the report writes it (src/infra/fonts.ts): base64 in the stylesheet. */
const FONT_DATA_URL = /url\(data:font\/(woff2?);base64,([A-Za-z0-9+/=]+)\)/y;
/**
 * An inline image (the charts): base64 in a src attribute, which text in the report never is.
 * The template engine writes its padding `=` as `&#x3D;`.
 */
const IMAGE_DATA_URL =
  /src="data:image\/(svg\+xml|png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*(?:=|&#x3D;){0,2})"/y;
const IMAGE_TYPES: Record<string, string> = {
  'svg+xml': 'svg',
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
};

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/** What the client script needs to know, put on its tag as data attributes. */
export interface ClientSettings {
  version: number;
  lang: Locale;
  /** Where the newest PDF is served, when --pdf. */
  pdf: string | null;
}

/** The report with the reload script in its head and its policy widened for that script only. */
export function servedReport(html: string, settings: ClientSettings): string {
  const nonce = randomBytes(16).toString('base64');
  const script = clientTag(nonce, settings);
  const csp = CSP_META.exec(html);
  if (csp) {
    const policy = widenPolicy(csp[1] ?? '', nonce);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
    return html.slice(0, csp.index) + meta + script + html.slice(csp.index + csp[0].length);
  }
  // A custom template without a policy: the script goes at the end of the head.
  const head = html.search(/<\/head\s*>/i);
  return head < 0 ? script + html : html.slice(0, head) + script + html.slice(head);
}

/**
 * The report's policy, plus this script, its event stream, and the fonts and images moved out of
 * the page (from this server as well as inline); nothing else is let in.
 */
export function widenPolicy(policy: string, nonce: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^(script-src|connect-src)\b/i.test(d))
    .map((d) => (/^(font-src|img-src)\b/i.test(d) ? `${d} 'self'` : d));
  return [...directives, `script-src 'nonce-${nonce}'`, `connect-src 'self'`].join('; ');
}

/**
 * The page's embedded fonts and charts (about 1.4 MB of base64 of its 1.5 MB) moved to their
 * own addresses, named by their content: a reload after an edit then reuses what the browser
 * already has and parses a page of some 100 KB. Fonts are looked for in the head's stylesheet
 * only, images in src attributes only, so text in the report that merely reads like a data URL
 * stays as written.
 */
export function moveAssetsOut(
  html: string,
  known?: KnownAssets,
): { html: string; assets: Map<string, Buffer> } {
  const assets = new Map<string, Buffer>();
  const used: KnownAssets = new Map();
  // `written` as the page has it (an image's padding escaped), decoded only when not known.
  const keep = (written: string, ext: string) => {
    let asset = known?.get(written);
    if (asset === undefined || asset.ext !== ext) {
      const bytes = Buffer.from(written.replaceAll('&#x3D;', '='), 'base64');
      const path = `${ASSETS_PATH}${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${ext}`;
      asset = { ext, path, bytes };
    }
    used.set(written, asset);
    assets.set(asset.path, asset.bytes);
    return asset.path;
  };
  // Scanned with indexOf and sticky patterns, the page cut into parts joined once: the page is
  // some 1.2 MB, and this runs on every save.
  const parts: string[] = [];
  let done = 0;
  const moveAll = (
    from: number,
    to: number,
    needle: string,
    pattern: RegExp,
    moved: (match: RegExpExecArray) => string,
  ) => {
    for (let at = html.indexOf(needle, from); at >= 0 && at < to; at = html.indexOf(needle, at)) {
      pattern.lastIndex = at;
      const match = pattern.exec(html);
      if (match === null || pattern.lastIndex > to) {
        at += needle.length;
        continue;
      }
      parts.push(html.slice(done, at), moved(match));
      done = at = pattern.lastIndex;
    }
  };
  const start = html.indexOf('<style>');
  const end = start < 0 ? -1 : html.indexOf('</style>', start);
  if (end >= 0)
    moveAll(
      start,
      end,
      'url(data:font/',
      FONT_DATA_URL,
      (m) => `url(${keep(m[2] ?? '', m[1] ?? '')})`,
    );
  moveAll(
    Math.max(done, 0),
    html.length,
    'src="data:image/',
    IMAGE_DATA_URL,
    (m) => `src="${keep(m[2] ?? '', IMAGE_TYPES[m[1] ?? ''] ?? 'bin')}"`,
  );
  parts.push(html.slice(done));
  if (known !== undefined) {
    known.clear();
    for (const [key, asset] of used) known.set(key, asset);
  }
  return { html: parts.join(''), assets };
}

/**
 * The assets of the last page moved out, by their base64 text: the next page's fonts and charts,
 * mostly the same, are not decoded and hashed again. Holds only what the last page used.
 */
export type KnownAssets = Map<string, { ext: string; path: string; bytes: Buffer }>;

/** The media type of a moved asset, by its extension. */
export function assetType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return ext === 'svg'
    ? 'image/svg+xml'
    : ext === 'jpg'
      ? 'image/jpeg'
      : ext === 'woff' || ext === 'woff2'
        ? `font/${ext}`
        : `image/${ext}`;
}

function clientTag(nonce: string, settings: ClientSettings): string {
  const data = [
    `data-version="${settings.version}"`,
    `data-title="${escapeAttribute(say(settings.lang, 'overlayTitle'))}"`,
    `data-close="${escapeAttribute(say(settings.lang, 'overlayClose'))}"`,
    settings.pdf === null
      ? ''
      : `data-pdf="${escapeAttribute(settings.pdf)}" data-pdf-label="${escapeAttribute(say(settings.lang, 'pdfLink'))}"`,
  ].join(' ');
  return `<script nonce="${nonce}" src="${CLIENT_PATH}" defer ${data}></script>`;
}

/** The page served before any build has succeeded: only the overlay, waiting for a fix. */
export function waitingPage(settings: ClientSettings): string {
  const html = `<!doctype html>
<html lang="${settings.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>report preview</title>
</head>
<body style="font: 16px/1.6 system-ui, sans-serif; margin: 2rem; color-scheme: light">
<p>${escapeText(say(settings.lang, 'firstBuildFailed'))}</p>
</body>
</html>
`;
  return servedReport(html, settings);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * The script: listens to the event stream; a newer version reloads the page (keeping the scroll
 * position), an error shows the overlay over the last good version, a fix removes it. It builds
 * the overlay from text nodes only: an error message is never parsed as markup.
 */
export const CLIENT_SCRIPT = `(() => {
  'use strict';
  const tag = document.currentScript;
  const version = Number(tag.dataset.version);
  const key = 'report-preview-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.scrollTo(0, Number(saved));
  }
  if (tag.dataset.pdf) {
    const link = document.createElement('a');
    link.href = tag.dataset.pdf;
    link.textContent = tag.dataset.pdfLabel;
    link.setAttribute('data-preview', 'pdf');
    Object.assign(link.style, {
      position: 'fixed', right: '12px', bottom: '12px', zIndex: '2147483646',
      font: '600 14px/1 system-ui, sans-serif', padding: '10px 14px', borderRadius: '6px',
      background: '#1f2933', color: '#fff', textDecoration: 'none',
    });
    document.body.appendChild(link);
  }
  let overlay = null;
  let shown = null;
  function hide() {
    if (overlay !== null) overlay.remove();
    overlay = null;
  }
  function show(error) {
    // The same error again (another page's event, a PDF printed): left as the user left it.
    if (error.text === shown) return;
    shown = error.text;
    hide();
    overlay = document.createElement('section');
    overlay.setAttribute('role', 'alert');
    overlay.setAttribute('data-preview', 'overlay');
    Object.assign(overlay.style, {
      position: 'fixed', left: '0', right: '0', top: '0', maxHeight: '70vh', overflow: 'auto',
      zIndex: '2147483647', background: '#fff5f5', color: '#3b0d0c', colorScheme: 'light',
      borderBottom: '4px solid #c81e1e', boxShadow: '0 4px 24px rgba(0,0,0,.25)',
      padding: '16px 20px', font: '15px/1.5 system-ui, sans-serif', textAlign: 'left',
    });
    const title = document.createElement('strong');
    title.textContent = tag.dataset.title;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = tag.dataset.close;
    close.style.float = 'right';
    close.addEventListener('click', hide);
    const text = document.createElement('pre');
    Object.assign(text.style, {
      whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '8px 0 0',
      font: '14px/1.5 ui-monospace, monospace',
    });
    text.textContent = error.text;
    overlay.append(close, title, text);
    document.body.appendChild(overlay);
  }
  const events = new EventSource('${EVENTS_PATH}');
  events.addEventListener('state', (event) => {
    const state = JSON.parse(event.data);
    if (state.version !== version) {
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
      return;
    }
    if (state.error) show(state.error);
    else {
      shown = null;
      hide();
    }
  });
})();
`;
