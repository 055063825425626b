/** Talking to a running `report preview`: its printed address, its event stream, raw requests. */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

/** Resolves with the first match of `pattern` in the child's stdout (as it is printed). */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`preview exited (${code}) before printing ${pattern}:\n${text}`)),
    );
  });
}

export interface PreviewState {
  version: number;
  pdfVersion: number;
  error: { text: string } | null;
}

/** The preview's event stream, as the page's script reads it. */
export function openEvents(port: number): {
  next(predicate: (state: PreviewState) => boolean): Promise<PreviewState>;
  close(): void;
} {
  const states: PreviewState[] = [];
  const waiters: { predicate: (s: PreviewState) => boolean; resolve: (s: PreviewState) => void }[] =
    [];
  let buffer = '';
  const req = http.get({ host: '127.0.0.1', port, path: '/__preview/events' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!/^event: state$/m.test(block) || data === undefined) continue;
        const state = JSON.parse(data) as PreviewState;
        states.push(state);
        for (const waiter of [...waiters]) {
          if (waiter.predicate(state)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(state);
          }
        }
      }
    });
  });
  req.on('error', () => undefined);
  return {
    next: (predicate) =>
      new Promise((resolve) => {
        const seen = states.findLast(predicate);
        if (seen && seen === states.at(-1)) resolve(seen);
        else waiters.push({ predicate, resolve });
      }),
    close: () => req.destroy(),
  };
}

/** A request as any client could send it: the path as written, any Host header. */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, headers, method: 'GET', setHost: !('Host' in headers) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The process ids of `pid`'s descendants (Linux /proc), e.g. Chromium under the preview. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parents)
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
  };
  visit(pid);
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead but listed until reaped.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
