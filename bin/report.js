#!/usr/bin/env node
import module from 'node:module';

// Node.js 22.1 and later keep the compiled code of report's modules on disk (in the system's
// temp folder), so every start after the first is faster; Node.js 20 has no such cache.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();

const [
  { main },
  { installInterruptHandlers, interruptLang, onInterrupt, signalLine },
  { describeWrites, stopWrites },
] = await Promise.all([
  import('../dist/cli/main.js'),
  import('../dist/infra/interrupt.js'),
  import('../dist/infra/write-atomic.js'),
]).catch((error) => {
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
