/** The statistics stage: pure figures over the years (see docs/stats.md). */
export { computeStats, listYears } from './compute-stats.js';
export { serializeStats } from './serialize-stats.js';
export {
  apportion,
  compareWithPrevious,
  compoundGrowth,
  growthRatio,
  multipleOf,
  roundForProse,
  sumCounts,
  sumYuan,
  totalForProse,
} from './rules.js';
export * from './types.js';
