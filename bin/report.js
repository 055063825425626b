#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { installInterruptHandlers, onInterrupt } from '../dist/infra/interrupt.js';
import { describeWrites, stopWrites } from '../dist/infra/write-atomic.js';

// Ctrl-C / CI cancellation: stop the output writes (a commit under way is finished, anything
// only staged is removed), close Chromium, say what was written, exit 130 / 143.
installInterruptHandlers({
  exit: (code) => process.exit(code),
  onSignal: (signal) => process.stderr.write(`\n${signal}: stopping\n`),
  onStopped: (signal) => process.stderr.write(`${signal}: stopped; ${describeWrites()}\n`),
});
onInterrupt(stopWrites, { first: true });
process.exitCode = await main(process.argv);
