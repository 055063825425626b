/**
 * `report preview` timed as a user feels it: one preview process (--pdf, --no-open) on a copy
 * of the data, its page open in a real Chromium tab (puppeteer-core).
 *
 *   save → reload: from writing narrative.yaml (a new title) to the reloaded page's `load`
 *                  event (watch, debounce, rebuild, event, reload, parse and lay out the page);
 *   warm re-print: from the event saying the new HTML is served to the event saying the new
 *                  PDF is (the pipeline's PDF pass in the already running browser).
 *
 * Each edit waits for its PDF before the next, so a print never competes with a reload.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export async function measurePreview({ bin, dataDir, tmp, year, runs, chromium, env, progress }) {
  const data = path.join(tmp, 'data-preview');
  cpSync(dataDir, data, { recursive: true });
  const narrative = path.join(data, year, 'narrative.yaml');
  const original = readFileSync(narrative, 'utf8');
  const child = spawn(
    process.execPath,
    [bin, 'preview', year, '--no-open', '--pdf', '--data', data, '--chrome', chromium],
    { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const { default: puppeteer } = await import('puppeteer-core');
  let browser;
  let events;
  try {
    const port = await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', (code) => reject(new Error(`report preview exited ${code}:\n${output}`)));
    });
    events = stateEvents(port);
    await events.next((s) => s.version >= 1 && s.pdfVersion >= 1);
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu'],
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
    const reload = [];
    const reprint = [];
    // One warm-up edit, not counted.
    for (let i = 0; i <= runs; i += 1) {
      const last = events.last();
      const title = original.replace(/^title: (.*)$/m, `title: $1（第${i + 1}稿）`);
      const reloaded = page.waitForNavigation({ waitUntil: 'load' });
      const html = events.next((s) => s.version > last.version);
      const started = performance.now();
      writeFileSync(narrative, title);
      await reloaded;
      const reloadMs = performance.now() - started;
      await html;
      const htmlAt = performance.now();
      await events.next((s) => s.pdfVersion > last.pdfVersion);
      const reprintMs = performance.now() - htmlAt;
      if (i > 0) {
        reload.push(reloadMs);
        reprint.push(reprintMs);
        progress(
          `  edit ${i}/${runs}: reload ${reloadMs.toFixed(0)} ms, re-print ${reprintMs.toFixed(0)} ms`,
        );
      }
    }
    return { reload, reprint };
  } finally {
    events?.close();
    await browser?.close();
    writeFileSync(narrative, original);
    child.kill('SIGINT');
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve() : child.on('exit', resolve),
    );
  }
}

/** The preview's event stream: each `state` event, and a wait for the first that matches. */
function stateEvents(port) {
  const states = [];
  const waiters = [];
  let buffer = '';
  const req = http.get({ host: '127.0.0.1', port, path: '/__preview/events' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!/^event: state$/m.test(block) || data === undefined) continue;
        const state = JSON.parse(data);
        states.push(state);
        for (const waiter of [...waiters])
          if (waiter.predicate(state)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(state);
          }
      }
    });
  });
  req.on('error', () => undefined);
  return {
    last: () => states.at(-1),
    next: (predicate) =>
      new Promise((resolve) => {
        const last = states.at(-1);
        if (last !== undefined && predicate(last)) resolve(last);
        else waiters.push({ predicate, resolve });
      }),
    close: () => req.destroy(),
  };
}
