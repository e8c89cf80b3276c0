import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalogSchema, planningGaps, type Course } from '@ceu/domain';
import { SYNTHETIC_SHAPES, syntheticCatalog, type SyntheticShape } from './synthetic-catalog.ts';

const share = (courses: readonly Course[], test: (c: Course) => boolean) =>
  courses.filter(test).length / courses.length;

describe('syntheticCatalog', () => {
  it('draws the default shape as before shapes existed (benchmarks and tests keep their catalogs)', () => {
    const digest = (options: Parameters<typeof syntheticCatalog>[0]) =>
      createHash('sha256')
        .update(JSON.stringify(syntheticCatalog(options)))
        .digest('hex')
        .slice(0, 16);
    expect(digest({ seed: 11, courses: 1000 })).toBe('0e507fb46320edf3');
    expect(digest({ seed: 3, courses: 5000, partialShare: 0.3 })).toBe('2225b274cbba3311');
    expect(digest({ seed: 11, courses: 1000, shape: 'market' })).toBe('0e507fb46320edf3');
  });

  it.each(Object.keys(SYNTHETIC_SHAPES) as SyntheticShape[])('gives a valid catalog of shape %s', (shape) => {
    const { courses, bundles } = syntheticCatalog({ seed: 7, courses: 4000, shape });
    const providers = [...new Set(courses.map((c) => c.provider))].map((id) => ({
      id,
      name: id,
      url: `https://${id}.example.org/`,
    }));
    expect(catalogSchema.safeParse({ courses, bundles, providers }).success).toBe(true);
    const free = share(courses, (c) => c.priceCents === 0);
    if (shape === 'membership') {
      expect(share(courses, (c) => c.bundleIds.includes('ace:membership'))).toBeCloseTo(0.2, 1);
      expect(free).toBe(0);
    }
    if (shape === 'free-courses') {
      expect(providers).toHaveLength(5);
      expect(bundles).toHaveLength(3);
      expect(free).toBeGreaterThan(0.005);
      expect(free).toBeLessThan(0.02);
    }
    if (shape === 'overlapping-bundles')
      expect(share(courses, (c) => c.bundleIds.length > 1)).toBeGreaterThan(0.1);
    if (shape === 'member-prices')
      expect(share(courses, (c) => c.memberPriceCents !== undefined)).toBeGreaterThan(0.8);
    if (shape === 'partial') {
      const partial = share(courses, (c) => {
        const gaps = planningGaps(c);
        return c.priceCents === undefined || gaps.noCredits || gaps.noHours || gaps.noUsPrice;
      });
      expect(partial).toBeCloseTo(0.6, 1);
    }
  });
});
