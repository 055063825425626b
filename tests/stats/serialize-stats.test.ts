import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/stats/compute-stats.js';
import { serializeStats } from '../../src/stats/serialize-stats.js';
import { exampleDataset } from './fixtures.js';

describe('serializeStats', () => {
  const stats = computeStats(exampleDataset(), 2015);
  const json = JSON.parse(serializeStats(stats));

  it.each([
    [
      'income',
      [
        'year',
        'total',
        'byKind',
        'governmentShare',
        'governmentSharePermille',
        'change',
        'firstYear',
        'span',
        'cagr',
        'multiple',
        'series',
      ],
    ],
    ['staff', ['year', 'headcount', 'fullTime', 'volunteers', 'change', 'series']],
    [
      'projects',
      [
        'year',
        'active',
        'new',
        'completed',
        'cumulative',
        'byCategory',
        'byRole',
        'list',
        'series',
      ],
    ],
    [
      'services',
      [
        'year',
        'total',
        'personTimes',
        'byActivity',
        'cumulative',
        'personTimesCumulative',
        'districts',
        'districtsCumulative',
        'series',
      ],
    ],
    ['awards', ['year', 'count', 'cumulative', 'byLevel', 'byKind', 'series']],
    ['media', ['year', 'reports', 'cumulative', 'byProject', 'unattributed']],
  ])('keeps the documented key order in %s', (section, keys) => {
    expect(Object.keys(json[section])).toEqual(keys);
  });

  it('is the same text for the same data', () => {
    expect(serializeStats(computeStats(exampleDataset(), 2015))).toBe(serializeStats(stats));
  });

  it('writes money as integers and unknown figures as null', () => {
    expect(json.income.series[0].change).toEqual({ previous: null, amount: null, ratio: null });
    expect(Number.isInteger(json.income.total)).toBe(true);
  });

  it('refuses a non-finite number instead of writing null', () => {
    const broken = { ...stats, income: { ...stats.income, cagr: Number.NaN } };
    expect(() => serializeStats(broken)).toThrow(/cagr/);
    const infinite = { ...stats, income: { ...stats.income, multiple: Infinity } };
    expect(() => serializeStats(infinite)).toThrow(/multiple/);
  });
});
