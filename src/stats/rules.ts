/**
 * Every arithmetic rule the report's figures follow, in one place (docs/stats.md explains them):
 * money is summed as integers and checked; a ratio is null, never NaN or Infinity, when its base
 * is missing or zero; ratios stay exact and are rounded only for display, except shares, which are
 * rounded once here by largest remainder so the displayed parts add up to exactly 100.0 %.
 */
import type { Approx, Count } from '../schema/values.js';
import type { Change } from './types.js';

/** Sums integer yuan; a non-integer or an unsafe sum is a bug upstream, not a rounding matter. */
export function sumYuan(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new Error(`not an integer amount of yuan: ${amount}`);
    total += amount;
  }
  if (!Number.isSafeInteger(total)) throw new Error(`sum of yuan out of the safe range: ${total}`);
  return total;
}

/**
 * (current − previous) / previous, or null when there is no previous figure or it is 0.
 * The integer difference first, then one division: the ratio is the correctly rounded double.
 */
export function growthRatio(current: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return finiteOrNull((current - previous) / previous);
}

/** The change on the previous calendar year; `previous` is null when that year has no data. */
export function compareWithPrevious(current: number, previous: number | null): Change {
  return {
    previous,
    amount: previous === null ? null : current - previous,
    ratio: growthRatio(current, previous),
  };
}

/**
 * Compound annual growth: (last / first)^(1 / span) − 1, with `span` the number of calendar
 * years between the two figures (so a year missing in between still counts as a year).
 * Null when span < 1 or the first figure is 0.
 */
export function compoundGrowth(first: number, last: number, span: number): number | null {
  if (span < 1 || first === 0) return null;
  return finiteOrNull(Math.pow(last / first, 1 / span) - 1);
}

/** last / first, or null when the first figure is 0. */
export function multipleOf(first: number, last: number): number | null {
  if (first === 0) return null;
  return finiteOrNull(last / first);
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Largest remainder (Hamilton) apportionment: splits `whole` units (1000 for per-mille) in
 * proportion to non-negative integer `parts`, so the rounded parts add up to exactly `whole`.
 * Each part gets the floor of its quota; the units left go to the largest remainders (ties:
 * the larger part, then the earlier one). Exact: BigInt, no float on the way.
 * Returns null when the parts add up to 0 (no proportion exists).
 */
export function apportion(parts: readonly number[], whole: number): number[] | null {
  const total = parts.reduce((sum, part) => sum + BigInt(part), 0n);
  if (total === 0n) return null;
  const scaled = parts.map((part) => BigInt(part) * BigInt(whole));
  const result = scaled.map((s) => s / total);
  let left = BigInt(whole) - result.reduce((sum, r) => sum + r, 0n);
  const order = parts
    .map((part, index) => ({ index, part, remainder: (scaled[index] ?? 0n) % total }))
    .sort((a, b) =>
      a.remainder !== b.remainder
        ? a.remainder > b.remainder
          ? -1
          : 1
        : b.part - a.part || a.index - b.index,
    );
  for (const { index } of order) {
    if (left === 0n) break;
    result[index] = (result[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return result.map(Number);
}

/** Where the true value lies relative to the stated one: above, below, or either side. */
function directionOf(approx: Approx | null): 'exact' | 'above' | 'below' | 'either' {
  switch (approx) {
    case null:
      return 'exact';
    case 'over':
      return 'above';
    case 'nearly':
      return 'below';
    case 'about':
      return 'either';
  }
}

/**
 * Sums counts. The value is the sum of the values. The qualifier says where the true total lies:
 * exact when every part is exact; 'over' when the only inexact parts are 'over' (each true value
 * is above its figure, so the total is too: 40余 + 18 = 58余); 'nearly' when they are all
 * 'nearly' (近40 + 18 = 近58); 'about' when an 'about' is among them or 'over' and 'nearly' mix
 * (the direction is then unknown: 40余 + 近20 = 约60).
 */
export function sumCounts(counts: Iterable<Count>): Count {
  let value = 0;
  let above = false;
  let below = false;
  let either = false;
  for (const count of counts) {
    value += count.value;
    const direction = directionOf(count.approx);
    if (direction === 'above') above = true;
    else if (direction === 'below') below = true;
    else if (direction === 'either') either = true;
  }
  if (!Number.isSafeInteger(value)) throw new Error(`count out of the safe range: ${value}`);
  const approx: Approx | null =
    either || (above && below) ? 'about' : above ? 'over' : below ? 'nearly' : null;
  return { value, approx };
}

/** Below this a count is written as it is. */
const PROSE_EXACT_BELOW = 100;
/** A figure at most this far below a round figure is written 近 + the round figure (percent). */
const NEARLY_WITHIN_PERCENT = 3;
/** Flooring to one significant digit may cut off less than this share of the value (percent). */
const COARSE_CUT_BELOW_PERCENT = 5;

/**
 * A total rounded the way prose writes it (the seed: 直接服务500余次, 近1000场, 约5000人次).
 * Values below 100 are unchanged. Above, with "round" meaning one significant digit
 * (500, 1000, 5000) and "fine" two (510, 4900):
 *
 * - exact: a value within 3 % below the next round figure is written nearly that figure
 *   (985 → 近1000, 4870 → 近5000); otherwise it is floored to a round figure if that cuts off
 *   less than 5 % (512 → 500余, 1040 → 1000余), else to a fine figure (587 → 近600 by the first
 *   rule, 1234 → 1200余, 4750 → 4700余); 'over' when something was cut off, exact when not
 *   (4700 → 4700).
 * - over (the true value is above): floored as above, always 'over'; never 'nearly', since the
 *   true value may already pass the round figure (512余 → 500余).
 * - nearly (the true value is below): raised to the next round figure when within 3 %, else to
 *   the next fine figure, still 'nearly' (近985 → 近1000, 近512 → 近520).
 * - about: rounded half up to two significant digits, still 'about' (约4870 → 约4900).
 */
export function roundForProse(count: Count): Count {
  const { value, approx } = count;
  if (!Number.isSafeInteger(value) || value < PROSE_EXACT_BELOW) return { value, approx };
  const round = 10 ** (String(value).length - 1);
  const fine = round / 10;
  const ceilRound = Math.ceil(value / round) * round;
  const nearRound =
    ceilRound !== value && (ceilRound - value) * 100 <= NEARLY_WITHIN_PERCENT * ceilRound;

  switch (approx) {
    case 'about':
      return { value: Math.floor(value / fine + 0.5) * fine, approx: 'about' };
    case 'nearly':
      if (nearRound) return { value: ceilRound, approx: 'nearly' };
      return { value: Math.ceil(value / fine) * fine, approx: 'nearly' };
    case 'over':
      return { value: floorForProse(value, round, fine), approx: 'over' };
    case null: {
      if (nearRound) return { value: ceilRound, approx: 'nearly' };
      const floored = floorForProse(value, round, fine);
      return { value: floored, approx: floored === value ? null : 'over' };
    }
  }
}

function floorForProse(value: number, round: number, fine: number): number {
  const coarse = Math.floor(value / round) * round;
  if ((value - coarse) * 100 < COARSE_CUT_BELOW_PERCENT * value) return coarse;
  return Math.floor(value / fine) * fine;
}

/**
 * The one figure a total of counts is written as, in prose, key figures and table totals alike
 * (docs/figures.md, "Approximate totals"): an exact total as it is (512 stays 512); an
 * approximate one the way prose writes it (roundForProse), since its last digits say nothing.
 * A total whose only inexact parts are 余 and 近 (40余 + 近40 + 18) is an estimate off by a few
 * units either way; its sum of stated figures (98) is the best estimate and is written like an
 * exact figure seen from afar (503 → 500余, 985 → 近1000), never as exact (67 → 约67). A total
 * with a 约 part keeps 约 (约4870 → 约4900).
 */
export function totalForProse(parts: Iterable<Count>): Count {
  const list = [...parts];
  const sum = sumCounts(list);
  if (sum.approx === null) return sum;
  const onlyOverAndNearly = sum.approx === 'about' && !list.some((c) => c.approx === 'about');
  const rounded = roundForProse(onlyOverAndNearly ? { value: sum.value, approx: null } : sum);
  return rounded.approx === null ? { value: rounded.value, approx: sum.approx } : rounded;
}
