import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/validate/suggest.js';

describe('did you mean', () => {
  it.each([
    ['amount', 'amount', 0],
    ['amout', 'amount', 1],
    ['amuont', 'amount', 1], // two neighbours swapped count once
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it.each([
    ['amout', ['source', 'kind', 'amount', 'project', 'note'], 'amount'],
    ['volunteer', ['year', 'headcount', 'members', 'volunteers'], 'volunteers'],
    ['Amount', ['amount'], 'amount'],
    ['zzz', ['year', 'headcount'], undefined],
    ['amount', ['amount'], undefined], // identical: nothing to suggest
  ])('closest(%s) = %s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});
