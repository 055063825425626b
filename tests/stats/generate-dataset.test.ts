import { describe, expect, it } from 'vitest';
import {
  awardsSchema,
  incomeSchema,
  organizationSchema,
  projectsSchema,
  staffSchema,
} from '../../src/schema/files.js';
import { computeStats } from '../../src/stats/compute-stats.js';
import { serializeStats } from '../../src/stats/serialize-stats.js';
import { generateDataset } from '../support/generate-dataset.js';

describe('generateDataset', () => {
  const small = generateDataset({ years: 6, projectsPerYear: 40 });

  it('generates data every schema accepts unchanged', () => {
    expect(organizationSchema.parse(small.organization)).toEqual(small.organization);
    for (const y of small.years) {
      expect(incomeSchema.parse(y.income)).toEqual(y.income);
      expect(staffSchema.parse(y.staff)).toEqual(y.staff);
      expect(projectsSchema.parse(y.projects)).toEqual(y.projects);
      expect(awardsSchema.parse(y.awards)).toEqual(y.awards);
    }
  });

  it('has the size asked for, with unique project ids in each year', () => {
    expect(small.years.map((y) => y.year)).toEqual([2000, 2001, 2002, 2003, 2004, 2005]);
    for (const y of small.years) {
      const ids = y.projects.projects.map((p) => p.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    }
  });

  it('is deterministic, and the seed changes it', () => {
    expect(generateDataset({ years: 6, projectsPerYear: 40 })).toEqual(small);
    expect(generateDataset({ years: 6, projectsPerYear: 40, seed: 2 })).not.toEqual(small);
  });
});

describe('computeStats at scale (50 years × 500 projects)', () => {
  const big = generateDataset({ years: 50, projectsPerYear: 500 });

  it('stays consistent: kinds add up to the total, shares to 1000, cumulative ≥ active', () => {
    // How long this takes is measured by `npm run bench` (computeStats, 50 × 500), not here.
    const stats = computeStats(big, 2049);
    expect(stats.years).toHaveLength(50);
    for (const s of stats.income.series) {
      expect(s.byKind.reduce((sum, k) => sum + k.amount, 0)).toBe(s.total);
      expect(s.byKind.reduce((sum, k) => sum + (k.sharePermille ?? 0), 0)).toBe(1000);
    }
    expect(stats.projects.active).toBe(500);
    const distinct = new Set(big.years.flatMap((y) => y.projects.projects.map((p) => p.id)));
    expect(stats.projects.cumulative).toBe(distinct.size);
    expect(stats.projects.byCategory.reduce((sum, g) => sum + g.cumulative, 0)).toBe(distinct.size);
    expect(() => serializeStats(stats)).not.toThrow();
  });
});
