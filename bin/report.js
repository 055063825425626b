#!/usr/bin/env node
import { statSync } from 'node:fs';
import module from 'node:module';

// Node.js 22.1 and later keep the compiled code of report's modules on disk (in the system's
// temp folder), so every start after the first is faster; Node.js 20 has no such cache.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();

// dist/bundle/ (scripts/bundle.mjs, part of `npm run build`) holds report in a few files; it is
// used only when it is at least as new as what tsc compiled, else the compiled modules are.
const {
  main,
  installInterruptHandlers,
  interruptLang,
  onInterrupt,
  signalLine,
  describeWrites,
  stopWrites,
} = await import(
  bundleIsCurrent() ? '../dist/bundle/bin-entry.js' : '../dist/cli/bin-entry.js'
).catch((error) => {
  // A checkout where `npm run build` (or `npm run setup`) has not been run yet.
  if (!/^Cannot find module '[^']*[\\/]dist[\\/]/.test(String(error?.message))) throw error;
  process.stderr.write('report: dist/ is missing; in a checkout run `npm run build` first.\n');
  process.exit(70);
});

// Ctrl-C / CI cancellation: stop the output writes (a commit under way is finished, anything
// only staged is removed), close Chromium, say what was written, exit 130 / 143.
// The lines are in the reader's language, which main sets (setInterruptLang) as it starts.
installInterruptHandlers({
  exit: (code) => process.exit(code),
  onSignal: (signal) => process.stderr.write(`\n${signalLine(signal, 'stopping')}\n`),
  onStopped: (signal) =>
    process.stderr.write(`${signalLine(signal, 'stopped', describeWrites(interruptLang()))}\n`),
});
onInterrupt(stopWrites, { first: true });
process.exitCode = await main(process.argv);

function bundleIsCurrent() {
  try {
    const mtime = (file) => statSync(new URL(file, import.meta.url)).mtimeMs;
    return mtime('../dist/bundle/bin-entry.js') >= mtime('../dist/cli/main.js');
  } catch {
    return false;
  }
}
