/**
 * Property-based fuzzing of the example data (tests/support/fuzz.ts; Z rows of
 * docs/robustness.md): bytes, lines, YAML structure, any type in any field, unicode, huge values
 * and figure references. A fixed seed and a bounded number of cases keep it a regular test; the
 * long run is `npm run fuzz -- --cases 100000`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzer, fuzzCase, type Fuzzer } from '../support/fuzz.js';

const SEED = 20_151_231;
const CASES = 100;

let fuzzer: Fuzzer;
beforeAll(async () => {
  fuzzer = await createFuzzer();
});
afterAll(() => fuzzer.close());

describe('fuzzing the example data (Z1)', () => {
  it('the unmutated example validates, computes and renders', async () => {
    const { failures, valid } = await fuzzer.run({ file: 0, mutations: [], also: null });
    expect(failures).toEqual([]);
    expect(valid).toBe(true);
  });

  it(`${CASES} mutated data sets: validate answers 0 or 1, every location exists, what validates renders`, async () => {
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const result = await fuzzer.run(c);
        if (result.valid) valid++;
        expect(result.failures).toEqual([]);
      }),
      { seed: SEED, numRuns: CASES, endOnFailure: true },
    );
    // Some mutations keep the data valid, so the stats and the HTML are exercised too.
    expect(valid).toBeGreaterThan(0);
  });
});
