import { describe, expect, it } from 'vitest';
import type { Count } from '../../src/schema/values.js';
import {
  apportion,
  compareWithPrevious,
  compoundGrowth,
  growthRatio,
  multipleOf,
  roundForProse,
  sumCounts,
  sumYuan,
  totalForProse,
} from '../../src/stats/rules.js';

const c = (value: number, approx: Count['approx'] = null): Count => ({ value, approx });

describe('growthRatio', () => {
  it.each([
    [150_000, 80_000, 0.875],
    [220_000, 150_000, 70_000 / 150_000],
    [80_000, 160_000, -0.5],
    [100, 100, 0],
    [0, 100, -1],
    [100, 0, null], // zero base: no ratio, never Infinity
    [0, 0, null], // never NaN
    [100, null, null], // no previous year
  ])('%d on %s → %s', (current, previous, expected) => {
    expect(growthRatio(current, previous)).toBe(expected);
  });
});

describe('compareWithPrevious', () => {
  it('gives the absolute change even from a zero base, but no ratio', () => {
    expect(compareWithPrevious(50_000, 0)).toEqual({ previous: 0, amount: 50_000, ratio: null });
  });
  it('gives nothing without a previous year', () => {
    expect(compareWithPrevious(50_000, null)).toEqual({
      previous: null,
      amount: null,
      ratio: null,
    });
  });
  it('gives a negative change as negative', () => {
    expect(compareWithPrevious(3, 5)).toEqual({ previous: 5, amount: -2, ratio: -0.4 });
  });
});

describe('compoundGrowth', () => {
  it.each([
    [80_000, 545_000, 3, Math.cbrt(545 / 80) - 1],
    [100, 400, 2, 1],
    [100, 121, 2, 0.1],
    [100, 100, 5, 0],
    [100, 0, 3, -1],
    [0, 545_000, 3, null],
    [100, 200, 0, null],
  ])('%d → %d over %d years → %s', (first, last, span, expected) => {
    const result = compoundGrowth(first, last, span);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 12);
  });
});

describe('multipleOf', () => {
  it.each([
    [80_000, 545_000, 6.8125],
    [100, 50, 0.5],
    [0, 100, null],
  ])('%d → %d = %s', (first, last, expected) => {
    expect(multipleOf(first, last)).toBe(expected);
  });
});

describe('sumYuan', () => {
  it('sums many lines exactly', () => {
    // 0.1 + 0.2 style drift is impossible with integers: 1000 lines of 1 yuan are 1000 yuan.
    expect(sumYuan(Array.from({ length: 1000 }, () => 1))).toBe(1000);
    expect(sumYuan([100_000_000_000, 100_000_000_000, 1])).toBe(200_000_000_001);
    expect(sumYuan([])).toBe(0);
  });
  it('refuses a fractional amount instead of rounding it', () => {
    expect(() => sumYuan([100_000.1])).toThrow(/integer/);
  });
  it('refuses a sum outside the safe integer range', () => {
    expect(() => sumYuan([Number.MAX_SAFE_INTEGER, 2])).toThrow(/safe/);
  });
});

describe('apportion (largest remainder)', () => {
  it.each([
    // [parts, per-mille]
    [
      [500_000, 30_000, 15_000],
      [917, 55, 28],
    ],
    [
      [1, 1, 1],
      [334, 333, 333],
    ], // ties: the earlier part takes the unit
    [
      [2, 1, 1],
      [500, 250, 250],
    ],
    [[80_000], [1000]],
    [
      [0, 80_000, 0],
      [0, 1000, 0],
    ],
    [
      [1, 2, 3, 4, 5, 6],
      [48, 95, 143, 190, 238, 286],
    ],
  ])('%j → %j', (parts, expected) => {
    expect(apportion(parts, 1000)).toEqual(expected);
  });

  it('is null when everything is zero', () => {
    expect(apportion([0, 0], 1000)).toBeNull();
  });

  it.each([7, 13, 37, 101, 999, 1001])('%d small sources still add up to 1000', (n) => {
    const parts = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 97));
    const result = apportion(parts, 1000) ?? [];
    expect(result.reduce((a, b) => a + b, 0)).toBe(1000);
    // No part is off by more than one unit from its exact quota.
    const total = parts.reduce((a, b) => a + b, 0);
    parts.forEach((p, i) =>
      expect(Math.abs((result[i] ?? 0) - (p * 1000) / total)).toBeLessThan(1),
    );
  });

  it('stays exact for amounts whose per-mille products exceed 2^53', () => {
    const parts = [99_999_999_999, 99_999_999_999, 99_999_999_999];
    expect(apportion(parts, 1000)).toEqual([334, 333, 333]);
  });
});

describe('sumCounts', () => {
  it.each([
    [[], c(0)],
    [[c(18), c(39)], c(57)],
    [[c(40, 'over'), c(18)], c(58, 'over')],
    [[c(40, 'nearly'), c(18)], c(58, 'nearly')],
    [[c(40, 'nearly'), c(20, 'nearly')], c(60, 'nearly')],
    [[c(40, 'over'), c(20, 'nearly')], c(60, 'about')],
    [[c(5000, 'about'), c(18)], c(5018, 'about')],
    [[c(40, 'over'), c(5, 'about')], c(45, 'about')],
  ])('%j → %j', (counts, expected) => {
    expect(sumCounts(counts)).toEqual(expected);
  });
});

describe('roundForProse', () => {
  it.each([
    // below 100: as it is
    [c(0), c(0)],
    [c(57), c(57)],
    [c(99), c(99)],
    [c(40, 'over'), c(40, 'over')],
    [c(40, 'nearly'), c(40, 'nearly')],
    // exact: nearly a round figure within 3 %
    [c(985), c(1000, 'nearly')],
    [c(970), c(1000, 'nearly')],
    [c(969), c(960, 'over')],
    [c(4870), c(5000, 'nearly')],
    [c(587), c(600, 'nearly')],
    [c(9999), c(10_000, 'nearly')],
    // exact: floored to one significant digit when that cuts off under 5 %
    [c(512), c(500, 'over')],
    [c(1040), c(1000, 'over')],
    [c(104), c(100, 'over')],
    // exact: else floored to two significant digits
    [c(1234), c(1200, 'over')],
    [c(4750), c(4700, 'over')],
    [c(12_345), c(12_000, 'over')],
    // exact round figures stay exact
    [c(100), c(100)],
    [c(500), c(500)],
    [c(1000), c(1000)],
    [c(4700), c(4700)],
    [c(550), c(550)],
    // over: floored, never nearly
    [c(512, 'over'), c(500, 'over')],
    [c(985, 'over'), c(980, 'over')],
    [c(500, 'over'), c(500, 'over')],
    // nearly: raised to the round figure within 3 %, else to the next two-digit figure
    [c(985, 'nearly'), c(1000, 'nearly')],
    [c(512, 'nearly'), c(520, 'nearly')],
    [c(500, 'nearly'), c(500, 'nearly')],
    // about: two significant digits, half up
    [c(4870, 'about'), c(4900, 'about')],
    [c(5000, 'about'), c(5000, 'about')],
    [c(155, 'about'), c(160, 'about')],
    [c(154, 'about'), c(150, 'about')],
    [c(10_000, 'about'), c(10_000, 'about')],
  ])('%j → %j', (input, expected) => {
    expect(roundForProse(input)).toEqual(expected);
  });

  it('never claims more than was counted when it says "over"', () => {
    for (let value = 100; value < 20_000; value += 7) {
      const rounded = roundForProse(c(value));
      if (rounded.approx === 'over') expect(rounded.value).toBeLessThan(value);
      if (rounded.approx === 'nearly') {
        expect(rounded.value).toBeGreaterThan(value);
        expect(rounded.value - value).toBeLessThanOrEqual(rounded.value * 0.03);
      }
      if (rounded.approx === null) expect(rounded.value).toBe(value);
    }
  });
});

describe('totalForProse: the one figure of a total of counts', () => {
  const c = (value: number, approx: Count['approx'] = null): Count => ({ value, approx });
  it.each([
    // exact totals are written exactly, wherever they are shown
    [[c(412), c(100)], c(512)],
    [[c(18), c(39)], c(57)],
    // 余 and 近 mixed: the sum of the stated figures, written as prose writes an estimate
    [[c(130, 'over'), c(40, 'nearly'), c(333)], c(500, 'over')], // 503 → 500余, as the seed
    [[c(40, 'over'), c(40, 'nearly'), c(905)], c(1000, 'nearly')], // 985 → 近1000
    [[c(40, 'over'), c(20, 'nearly'), c(7)], c(67, 'about')], // never exact: 约67
    // only 余, only 近, or a 约 part: roundForProse of the sum
    [[c(480, 'over'), c(32)], c(500, 'over')],
    [[c(4870, 'about'), c(18)], c(4900, 'about')],
  ])('%j → %j', (parts, expected) => {
    expect(totalForProse(parts)).toEqual(expected);
  });
});
