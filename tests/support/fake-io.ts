import type { Io } from '../../src/cli/io.js';

/** The CLI's Io in memory: what a command printed, read back as text. */
export function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
    env: {},
    isTTY: false,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
