import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  holdExit,
  installInterruptHandlers,
  interruptError,
  interruptedBy,
  interruptLang,
  onInterrupt,
  resetInterruptState,
  runCleanups,
  setInterruptLang,
  signalLine,
  type InterruptSignal,
  type SignalSource,
} from '../../src/infra/interrupt.js';
import { main } from '../../src/cli/main.js';
import { describeWrites, resetWriteState } from '../../src/infra/write-atomic.js';
import { FIXTURES } from '../pipeline/fakes.js';
import { fakeIo } from '../support/fake-io.js';
import { CHROMIUM, makeTempDir } from './print-helpers.js';

afterEach(() => {
  resetInterruptState();
  resetWriteState();
});

function fakeProcess(): SignalSource & { emit(signal: InterruptSignal): void; count(): number } {
  const emitter = new EventEmitter();
  return {
    on: (s, l) => emitter.on(s, l),
    off: (s, l) => emitter.off(s, l),
    emit: (s) => emitter.emit(s),
    count: () => emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM'),
  };
}

function exitRecorder() {
  const codes: number[] = [];
  let resolve: (code: number) => void = () => undefined;
  const first = new Promise<number>((r) => (resolve = r));
  return {
    codes,
    first,
    exit: (code: number) => {
      codes.push(code);
      resolve(code);
    },
  };
}

describe('interrupt handling', () => {
  it.each([
    { signal: 'SIGINT', code: 130 },
    { signal: 'SIGTERM', code: 143 },
  ] as const)(
    '$signal runs every cleanup once, newest first, then exits $code',
    async ({ signal, code }) => {
      const order: string[] = [];
      onInterrupt(() => void order.push('temp files'));
      onInterrupt(async () => {
        await new Promise((r) => setTimeout(r, 20));
        order.push('browser');
      });
      const signals = fakeProcess();
      const exit = exitRecorder();
      installInterruptHandlers({ exit: exit.exit, signals });
      signals.emit(signal);
      expect(await exit.first).toBe(code);
      expect(order).toEqual(['browser', 'temp files']);
      expect(interruptedBy()).toBe(signal);
      await runCleanups();
      expect(order).toHaveLength(2);
    },
  );

  it('a failing cleanup does not stop the others', async () => {
    const ran: string[] = [];
    onInterrupt(() => void ran.push('first'));
    onInterrupt(() => {
      throw new Error('boom');
    });
    await runCleanups();
    expect(ran).toEqual(['first']);
  });

  it('a hanging cleanup is abandoned after the timeout and the exit still happens', async () => {
    onInterrupt(() => new Promise(() => undefined));
    const signals = fakeProcess();
    const exit = exitRecorder();
    installInterruptHandlers({ exit: exit.exit, signals, timeoutMs: 50 });
    signals.emit('SIGTERM');
    expect(await exit.first).toBe(143);
  });

  it('a second signal during cleanup exits at once', async () => {
    onInterrupt(() => new Promise(() => undefined));
    const signals = fakeProcess();
    const exit = exitRecorder();
    installInterruptHandlers({ exit: exit.exit, signals, timeoutMs: 10_000 });
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    expect(await exit.first).toBe(130);
  });

  it('an unregistered cleanup does not run, and uninstall removes the listeners', async () => {
    const ran: string[] = [];
    const off = onInterrupt(() => void ran.push('x'));
    off();
    const signals = fakeProcess();
    const uninstall = installInterruptHandlers({ exit: () => undefined, signals });
    expect(signals.count()).toBe(2);
    uninstall();
    expect(signals.count()).toBe(0);
    await runCleanups();
    expect(ran).toEqual([]);
  });

  it('a `first` cleanup starts inside the signal listener, before the newer cleanups', async () => {
    const order: string[] = [];
    onInterrupt(() => void order.push('newest (browser)'));
    onInterrupt(() => void order.push('first (stop writes)'), { first: true });
    const signals = fakeProcess();
    const exit = exitRecorder();
    installInterruptHandlers({ exit: exit.exit, signals });
    signals.emit('SIGTERM');
    expect(order).toEqual(['first (stop writes)']);
    expect(await exit.first).toBe(143);
    expect(order).toEqual(['first (stop writes)', 'newest (browser)']);
  });

  it('held work (a commit) is waited for before the exit, even after a second signal', async () => {
    let finish: () => void = () => undefined;
    holdExit(new Promise<void>((resolve) => (finish = resolve)));
    const signals = fakeProcess();
    const exit = exitRecorder();
    const stopped: string[] = [];
    installInterruptHandlers({
      exit: exit.exit,
      signals,
      onStopped: (signal) => stopped.push(signal),
    });
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    // Without the hold both exits would have happened by now (no cleanups to wait for).
    await new Promise((resolve) => setImmediate(resolve));
    expect(exit.codes).toEqual([]);
    finish();
    expect(await exit.first).toBe(130);
    expect(stopped).toEqual(['SIGINT']);
  });

  it('interruptError carries the exit code of the signal', () => {
    expect(interruptError('SIGINT')).toMatchObject({ code: 'INTERRUPTED', exitCode: 130 });
    expect(interruptError('SIGTERM')).toMatchObject({ code: 'INTERRUPTED', exitCode: 143 });
  });
});

describe('interrupting a real print (child process, real Chromium)', () => {
  it.each([
    { signal: 'SIGINT', code: 130 },
    { signal: 'SIGTERM', code: 143 },
  ] as const)(
    '$signal mid-print: exit $code, no Chromium left, profile and temp files gone',
    async ({ signal, code }) => {
      const { dir, cleanup } = await makeTempDir();
      try {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            path.resolve('tests/infra/fixtures/interrupt-child.ts'),
            dir,
            CHROMIUM,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        const events: Record<string, unknown>[] = [];
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        let buffered = '';
        const printing = new Promise<void>((resolve) => {
          child.stdout.on('data', (d: Buffer) => {
            buffered += d.toString();
            const lines = buffered.split('\n');
            buffered = lines.pop() ?? '';
            for (const line of lines) {
              const event = JSON.parse(line) as Record<string, unknown>;
              events.push(event);
              if (event['printing']) resolve();
            }
          });
        });
        const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
        await Promise.race([
          printing,
          exited.then(() => Promise.reject(new Error(`child exited early: ${stderr}`))),
        ]);
        expect((await readdir(dir)).some((f) => f.startsWith('.report-tmp-'))).toBe(true);

        child.kill(signal);
        expect(await exited).toBe(code);

        const launched = events.find((e) => 'launched' in e) as {
          launched: number;
          userDataDir: string;
        };
        expect(isAlive(launched.launched)).toBe(false);
        expect(existsSync(launched.userDataDir)).toBe(false);
        expect(await readdir(dir)).toEqual([]);
        expect(events.some((e) => e['finished'])).toBe(false);
      } finally {
        await cleanup();
      }
    },
  );
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the lines printed on a signal, in the reader’s language', () => {
  it('say stopping and what was written in Chinese or in English', () => {
    setInterruptLang('zh-CN');
    expect(signalLine('SIGINT', 'stopping')).toBe('SIGINT：正在停止……');
    expect(signalLine('SIGINT', 'stopped', describeWrites(interruptLang()))).toBe(
      'SIGINT：已停止；没有替换任何文件，原来的文件都保持不变',
    );
    setInterruptLang('en');
    expect(signalLine('SIGTERM', 'stopping')).toBe('SIGTERM: stopping');
    expect(signalLine('SIGTERM', 'stopped', describeWrites(interruptLang()))).toBe(
      'SIGTERM: stopped; no file was replaced, the previous files are kept',
    );
  });

  it('take the language main picked: the organisation’s, or --lang', async () => {
    const cwd = path.dirname(path.join(FIXTURES, 'minimal'));
    const run = async (args: string[]) => {
      const io = fakeIo(cwd);
      io.io.env = {};
      await main(['node', 'report', 'stats', '15', '--data', 'minimal', ...args], io.io);
      return interruptLang();
    };
    expect(await run([])).toBe('zh-CN');
    expect(await run(['--lang', 'en'])).toBe('en');
  });
});
