/**
 * Ctrl-C and CI cancellation: run the registered cleanups (close the browser, delete temp
 * files) once, then exit 130 (SIGINT) or 143 (SIGTERM) — never 0, which would tell CI a
 * cancelled build succeeded. A second signal while cleaning up exits at once.
 */
import { ExitCode, ReportError } from '../errors.js';

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
}

const cleanups = new Set<Cleanup>();
let received: InterruptSignal | null = null;

/** Register a cleanup to run on interrupt; returns a function that unregisters it. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
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
  return new ReportError('INTERRUPTED', `Interrupted by ${signal}; nothing was written.`, {
    exitCode: signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm,
  });
}

/** Run every cleanup once, newest first, each failure ignored, bounded by timeoutMs. */
export async function runCleanups(timeoutMs = 5000): Promise<void> {
  const pending = [...cleanups].reverse();
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const listener = () => {
      if (received !== null) {
        options.exit(exitCodeFor(received));
        return;
      }
      received = signal;
      options.onSignal?.(signal);
      void runCleanups(options.timeoutMs).then(() => options.exit(exitCodeFor(signal)));
    };
    listeners.set(signal, listener);
    signals.on(signal, listener);
  }
  return () => {
    for (const [signal, listener] of listeners) signals.off(signal, listener);
  };
}

/** Forget all state; for tests. */
export function resetInterruptState(): void {
  cleanups.clear();
  received = null;
}
