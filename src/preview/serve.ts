/**
 * The preview's web server, safe by construction: it listens on 127.0.0.1 only, answers only
 * requests addressed to 127.0.0.1:<port> or localhost:<port> (a page on another site that
 * rebinds its name to 127.0.0.1 sends its own name as Host and is refused), and serves only
 * the files of the last build, from memory: no part of a URL ever reaches the file system.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReportError } from '../errors.js';
import type { Locale } from '../schema/files.js';
import { say, sayBoth } from './messages.js';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH } from './served-page.js';

/** A file as served: its bytes and media type. */
export interface ServedFile {
  body: Uint8Array | string;
  type: string;
  /** Default 200. */
  status?: number;
  /** Named by its content: the browser may keep it (the page itself is never kept). */
  immutable?: boolean;
}

/** What the server shows, asked at each request (the session swaps it after each build). */
export interface Site {
  /** The file at this exact path, or null. */
  file(path: string): ServedFile | null;
  /** The state event the page listens to (JSON): the version shown and the error, if any. */
  state(): string;
}

export interface PreviewServer {
  port: number;
  url: string;
  /** Tells every open page the new state (reload, show or hide the error). */
  broadcast(): void;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export async function startServer(
  site: Site,
  options: { port: number; lang: Locale },
): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let port = options.port;
  const sendState = (res: ServerResponse) => res.write(`event: state\ndata: ${site.state()}\n\n`);

  const server = createServer((req, res) => {
    if (!addressedToUs(req, port)) {
      return refuse(res, 403, say(options.lang, 'forbiddenHost', { port }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method Not Allowed');
    }
    // Only the path is looked at, compared whole with the names of the build's files.
    const path = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
    if (path === EVENTS_PATH) {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      });
      res.write('retry: 500\n\n');
      sendState(res);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const file =
      path === CLIENT_PATH
        ? { body: CLIENT_SCRIPT, type: 'text/javascript; charset=utf-8' }
        : site.file(path);
    if (file === null) return refuse(res, 404, say(options.lang, 'notFound'));
    res.writeHead(file.status ?? 200, {
      ...SECURITY_HEADERS,
      ...(file.immutable ? { 'Cache-Control': 'max-age=31536000, immutable' } : {}),
      'Content-Type': file.type,
      'Content-Length': Buffer.byteLength(file.body),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ReportError(
              'USAGE',
              sayBoth('portInUse', () => ({ port: options.port })),
              {
                hint: sayBoth('portInUseHint'),
              },
            )
          : error,
      ),
    );
    server.listen({ host: '127.0.0.1', port: options.port }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    broadcast() {
      for (const res of streams) sendState(res);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Host must name this server by its loopback address or as localhost, with its port. */
function addressedToUs(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
