#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { installInterruptHandlers, onInterrupt } from '../dist/infra/interrupt.js';
import { cleanupTempFiles } from '../dist/infra/write-atomic.js';

// Ctrl-C / CI cancellation: close Chromium, remove temp files, exit 130 / 143.
installInterruptHandlers({
  exit: (code) => process.exit(code),
  onSignal: (signal) => process.stderr.write(`\n${signal}: stopping; previous outputs are kept\n`),
});
onInterrupt(cleanupTempFiles);
process.exitCode = await main(process.argv);
