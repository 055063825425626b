/**
 * Ctrl-C and CI cancellation: run the registered cleanups (close the browser, delete temp
 * files) once, then exit 130 (SIGINT) or 143 (SIGTERM) — never 0, which would tell CI a
 * cancelled build succeeded. A second signal while cleaning up exits at once, except that
 * work holding the exit (holdExit: the renames of an output commit) is always let finish first.
 */
import { ExitCode, ReportError, reportError, type MessageLang } from '../errors.js';

export type Cleanup = () => void | Promise<void>;
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

export interface SignalSource {
  on(signal: InterruptSignal, listener: () => void): unknown;
  off(signal: InterruptSignal, listener: () => void): unknown;
}

export interface InterruptOptions {
  /** Ends the process; bin/ passes `(code) => process.exit(code)`. */
  exit: (code: number) => void;
  signals?: SignalSource;
  /** Give up waiting on cleanups after this long and exit anyway. */
  timeoutMs?: number;
  /** Told which signal arrived, e.g. to print "Interrupted" on stderr. */
  onSignal?: (signal: InterruptSignal) => void;
  /** Called once, after the cleanups and held work, just before exit (to say what was written). */
  onStopped?: (signal: InterruptSignal) => void;
}

const cleanups = new Set<Cleanup>();
/** Cleanups that run before the others, starting synchronously when the signal arrives. */
const firstCleanups = new Set<Cleanup>();
const held = new Set<Promise<unknown>>();
let received: InterruptSignal | null = null;

/**
 * Keep the process from exiting on a signal until `work` settles, past the cleanup timeout and
 * a second signal: for steps that must not be cut in the middle (an output commit's renames).
 */
export function holdExit(work: Promise<unknown>): void {
  held.add(work);
  const release = () => void held.delete(work);
  work.then(release, release);
}

/** Settles once no held work is left (work held meanwhile is waited for too). */
async function heldWorkDone(): Promise<void> {
  while (held.size > 0) await Promise.allSettled([...held]);
}

/**
 * Register a cleanup to run on interrupt; returns a function that unregisters it. Cleanups run
 * newest first; `first` ones run before all others, starting within the signal listener itself
 * (stopping the output writes must not wait for the browser to close).
 */
export function onInterrupt(cleanup: Cleanup, options: { first?: boolean } = {}): () => void {
  const set = options.first ? firstCleanups : cleanups;
  set.add(cleanup);
  return () => {
    set.delete(cleanup);
  };
}

/** The signal that interrupted this run, if any (lets main map a late error to INTERRUPTED). */
export function interruptedBy(): InterruptSignal | null {
  return received;
}

export function exitCodeFor(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm;
}

export function interruptError(signal: InterruptSignal): ReportError {
  return reportError(
    'interrupted',
    { signal },
    { exitCode: signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm },
  );
}

/** Run every cleanup once (first ones, then newest first), each failure ignored, bounded by timeoutMs. */
export async function runCleanups(timeoutMs = 5000): Promise<void> {
  const pending = [...firstCleanups, ...[...cleanups].reverse()];
  firstCleanups.clear();
  cleanups.clear();
  const all = (async () => {
    for (const cleanup of pending) {
      try {
        await cleanup();
      } catch {
        // One failing cleanup must not keep the others from running.
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([all, timeout]);
  clearTimeout(timer);
}

/** Listen for SIGINT/SIGTERM; returns a function that stops listening. */
export function installInterruptHandlers(options: InterruptOptions): () => void {
  const signals: SignalSource = options.signals ?? process;
  const listeners = new Map<InterruptSignal, () => void>();
  let stopped = false;
  const finish = async (signal: InterruptSignal) => {
    await heldWorkDone();
    if (!stopped) {
      stopped = true;
      options.onStopped?.(signal);
    }
    options.exit(exitCodeFor(signal));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const listener = () => {
      if (received !== null) {
        void finish(received);
        return;
      }
      received = signal;
      options.onSignal?.(signal);
      void runCleanups(options.timeoutMs).then(() => finish(signal));
    };
    listeners.set(signal, listener);
    signals.on(signal, listener);
  }
  return () => {
    for (const [signal, listener] of listeners) signals.off(signal, listener);
  };
}

let readerLanguage: MessageLang = 'en';

/** The reader's language for the lines printed on a signal; main sets it as the command starts. */
export function setInterruptLang(lang: MessageLang): void {
  readerLanguage = lang;
}

export function interruptLang(): MessageLang {
  return readerLanguage;
}

/**
 * The lines bin/ prints on a signal, in the reader's language: `stopping` as it arrives,
 * `stopped` (with what was written, describeWrites) once the cleanups are done.
 */
export function signalLine(
  signal: InterruptSignal,
  state: 'stopping' | 'stopped',
  detail = '',
  lang: MessageLang = readerLanguage,
): string {
  if (lang === 'zh-CN')
    return state === 'stopping'
      ? `${signal}：正在停止……`
      : `${signal}：已停止${detail === '' ? '' : `；${detail}`}`;
  return state === 'stopping'
    ? `${signal}: stopping`
    : `${signal}: stopped${detail === '' ? '' : `; ${detail}`}`;
}

/** Forget all state; for tests. */
export function resetInterruptState(): void {
  cleanups.clear();
  firstCleanups.clear();
  held.clear();
  received = null;
  readerLanguage = 'en';
}
