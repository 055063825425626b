/**
 * What bin/report.js needs, from one module: `scripts/bundle.mjs` bundles this file (and all it
 * imports, with its lazily loaded parts as separate chunks) into dist/bundle/bin-entry.js, so a
 * run loads a few files instead of hundreds (−15 % of an HTML build's CPU time, docs/performance.md).
 * One module also keeps one copy of the state the three share (the interrupt handlers, the
 * writes under way).
 */
export { main } from './main.js';
export {
  installInterruptHandlers,
  interruptLang,
  onInterrupt,
  signalLine,
} from '../infra/interrupt.js';
export { describeWrites, stopWrites } from '../infra/write-atomic.js';
