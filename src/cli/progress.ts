/**
 * The build's progress on stderr (stdout keeps the results): on a terminal one line, redrawn as
 * the stages go and cleared at the end; in CI (the CI variable set, or stderr not a terminal)
 * plain lines, one as each stage starts and ends, with the time since the build began. With
 * --all, each year's stages show on the live line only; a line says when each year is done.
 */
import type { MessageLang } from '../errors.js';
import type { ProgressEvent, ReportProgress } from '../ports.js';
import type { Io } from './io.js';
import { cliMessages, isWide } from './messages.js';

export interface TerminalProgress {
  report: ReportProgress;
  /** Stops redrawing and clears the live line. */
  close(): void;
}

/** CI=true, CI=1, … (GitHub Actions, GitLab, …), but not CI=false or CI=0. */
export function inCi(env: Record<string, string | undefined>): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function terminalProgress(
  io: Io,
  lang: MessageLang,
  options: { all: boolean; now: () => number; redrawMs?: number },
): TerminalProgress {
  const t = cliMessages(lang);
  const began = options.now();
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const sinceStart = () => t.elapsed(seconds(options.now() - began));
  /** Every stage under way, oldest first, with when it started. */
  const running = new Map<string, { label: string; at: number }>();
  const started = new Map<number, number>();
  const live = Boolean(io.stderrIsTTY) && !inCi(io.env);

  const label = (event: Extract<ProgressEvent, { stage: string }>) => {
    const what = `${t.stages[event.stage] ?? event.stage}${event.pass === undefined ? '' : t.contentsPass(event.pass)}`;
    return event.year === undefined ? what : `${t.yearLabel(event.year)} ${what}`;
  };

  let drawn = false;
  const draw = () => {
    if (!live) return;
    const newest = [...running.values()].at(-1);
    if (newest === undefined) return clear();
    const text = `${sinceStart()} ${t.stageStarted(newest.label)}`;
    io.stderr(`\r\x1b[K${fit(text, (io.columns ?? 80) - 1)}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) io.stderr('\r\x1b[K');
    drawn = false;
  };
  /** A line that stays (above the live line, which is drawn again after it). */
  const line = (text: string) => {
    clear();
    io.stderr(`${sinceStart()} ${text}\n`);
  };
  const timer = live ? setInterval(draw, options.redrawMs ?? 200) : null;
  timer?.unref();

  const report: ReportProgress = (event) => {
    if (event.kind === 'year') {
      const at = started.get(event.year) ?? began;
      if (options.all || !live)
        line(t.yearDone(event.year, event.pages, seconds(options.now() - at)));
      draw();
      return;
    }
    const key = `${event.year ?? ''}:${event.stage}:${event.pass ?? ''}`;
    const quietYear = options.all && event.year !== undefined;
    if (event.year !== undefined && !started.has(event.year))
      started.set(event.year, options.now());
    if (event.kind === 'start') {
      running.set(key, { label: label(event), at: options.now() });
      if (!live && !quietYear) line(t.stageStarted(label(event)));
    } else {
      const at = running.get(key)?.at ?? began;
      running.delete(key);
      if (!live && !quietYear) line(t.stageDone(label(event), seconds(options.now() - at)));
    }
    draw();
  };

  return {
    report,
    close: () => {
      if (timer) clearInterval(timer);
      running.clear();
      clear();
    },
  };
}

/** The text cut to `width` terminal columns (a Chinese character takes two). */
function fit(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = isWide(ch) ? 2 : 1;
    if (used + w > width) return `${out}…`;
    used += w;
    out += ch;
  }
  return out;
}
