#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { installInterruptHandlers } from '../dist/infra/interrupt.js';

// Ctrl-C / CI cancellation: close Chromium, remove temp files, exit 130 / 143.
installInterruptHandlers({
  exit: (code) => process.exit(code),
  onSignal: (signal) => process.stderr.write(`\n${signal}: stopping; previous outputs are kept\n`),
});
process.exitCode = await main(process.argv);
