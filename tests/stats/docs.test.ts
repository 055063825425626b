import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/stats/compute-stats.js';
import { readDataset } from '../../src/read-dataset.js';
import { exampleDataset } from './fixtures.js';

/** Every field path of the JSON, arrays as `[]`, without the inside of Count and Change. */
function fieldPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) fieldPaths(item, `${path}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const isCount = keys.join() === 'value,approx';
    const isChange = keys.join() === 'previous,amount,ratio';
    if (isCount || isChange) return out;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      out.add(childPath);
      fieldPaths(child, childPath, out);
    }
  }
  return out;
}

const docs = readFileSync(new URL('../../docs/stats.md', import.meta.url), 'utf8');
const jsonSection = docs.slice(docs.indexOf('## The JSON'));
/** The first cell of each table row of "The JSON" that names a field path. */
const documented = new Set(
  [...jsonSection.matchAll(/^\| `([a-zA-Z.[\]]+)` \|/gm)].map((m) => m[1] ?? ''),
);

/** The example's fields, and the optional parts (finance, people, outcomes) of the second example. */
const qinghe = await readDataset({
  dataDir: 'examples/qinghe/data',
  cwd: new URL('../..', import.meta.url).pathname,
});

describe('docs/stats.md', () => {
  const paths = fieldPaths(computeStats(exampleDataset(), 2015));
  fieldPaths(computeStats(qinghe, 2024), '', paths);

  it('documents every field of the JSON', () => {
    expect([...paths].filter((p) => !documented.has(p))).toEqual([]);
  });

  it('documents no field the JSON does not have', () => {
    const changeFields = ['previous', 'amount', 'ratio'];
    expect([...documented].filter((p) => !paths.has(p) && !changeFields.includes(p))).toEqual([]);
  });
});
