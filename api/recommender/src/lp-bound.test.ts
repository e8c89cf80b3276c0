import { describe, expect, it } from 'vitest';
import { seededRandom } from '@ceu/testkit';
import { lagrangianBound, solveLp, type Columns } from './lp-bound.ts';

/**
 * A random covering LP shaped like a request's: many columns (course groups), few rows (requirements),
 * lumpy contributions, many columns alike, some free, upper bounds above one.
 */
function randomLp(rand: () => number, n: number, d: number): { cols: Columns; r: Float64Array } {
  const a = new Float64Array(n * d);
  const w = new Float64Array(n);
  const ub = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      if (rand() < 0.4) a[i * d + j] = [50, 100, 150, 200, 300][Math.floor(rand() * 5)]!;
    w[i] = rand() < 0.1 ? 0 : Math.round(rand() * 5000);
    ub[i] = 1 + Math.floor(rand() * 3);
  }
  const r = Float64Array.from({ length: d }, () => (rand() < 0.1 ? 0 : 200 + Math.round(rand() * 3000)));
  return { cols: { d, n, a, w, ub }, r };
}

describe('solveLp', () => {
  // Strong duality certifies each answer on its own: x is feasible, and the Lagrangian bound at u (a lower
  // bound on every feasible x) equals w·x, so both are optimal. Above 256 columns this is column generation.
  it('proves the optimum (primal value = Lagrangian bound at its duals) on large random LPs', () => {
    const rand = seededRandom(7);
    for (let trial = 0; trial < 60; trial++) {
      const n = 100 + Math.floor(rand() * 3000);
      const d = 1 + Math.floor(rand() * 9);
      const { cols, r } = randomLp(rand, n, d);
      // Feasible; every other LP needs far more (up to 180 hours: hundreds of columns, several rounds).
      for (let j = 0; j < d; j++) {
        let capacity = 0;
        for (let i = 0; i < n; i++) capacity += cols.a[i * d + j]! * cols.ub![i]!;
        r[j] =
          trial % 2 === 0
            ? Math.min(r[j]!, capacity)
            : Math.min(Math.round(capacity / 2), 3000 + Math.round(rand() * 15000));
      }
      const { u, x } = solveLp(cols, r);
      let primal = 0;
      const covered = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        expect(x[i]).toBeGreaterThanOrEqual(0);
        expect(x[i]).toBeLessThanOrEqual(cols.ub![i]! + 1e-9);
        primal += cols.w[i]! * x[i]!;
        for (let j = 0; j < d; j++) covered[j] = covered[j]! + cols.a[i * d + j]! * x[i]!;
      }
      for (let j = 0; j < d; j++) expect(covered[j]).toBeGreaterThanOrEqual(r[j]! - 1e-6 * (1 + r[j]!));
      const bound = lagrangianBound(cols, r, u);
      expect(bound).toBeLessThanOrEqual(primal + 1e-6 * (1 + primal));
      expect(bound).toBeGreaterThanOrEqual(primal - 1e-6 * (1 + primal));
    }
  });
});
