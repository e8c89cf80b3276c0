import { describe, expect, it } from 'vitest';
import { recommendationSchema } from '../schema/recommendation.ts';
import { bruteForceRecommend } from '../testing/brute-force-recommend.ts';
import { randomInstance } from '../testing/random-instance.ts';
import { seededRandom } from '../testing/synthetic-catalog.ts';
import { checkPlan } from './check-plan.ts';
import { createRecommender } from './recommender.ts';

const TODAY = '2026-11-24';
const INSTANCES = 3000;

describe('recommender vs brute force', () => {
  it(`matches the exhaustive optimum (cost, then hours) on ${INSTANCES} small random instances`, () => {
    const rand = seededRandom(20261124);
    let withPlan = 0;
    let withBundle = 0;
    let limited = 0;
    let short = 0;
    for (let k = 0; k < INSTANCES; k++) {
      const { catalog, request } = randomInstance(rand, { courses: 4 + Math.floor(rand() * 8), bundles: 2 });
      const context = `instance ${k}: ${JSON.stringify({ catalog, request })}`;
      const answer = createRecommender(catalog).recommend(request, { today: TODAY, timeLimitMs: 20_000 });
      expect(recommendationSchema.safeParse(answer).success, context).toBe(true);
      expect(checkPlan(catalog, request, answer, TODAY), context).toEqual([]);
      expect(answer.optimal, context).toBe(true);
      const oracle = bruteForceRecommend(catalog, request, TODAY);
      const shortfall = Object.fromEntries(
        (answer.shortfall ?? []).map((s) => [s.requirement, Math.round(s.missing * 100)]),
      );
      expect(shortfall, context).toEqual(oracle.shortfall);
      const hv = request.preferences?.hourValueCents ?? 0;
      const objective = (cost: number, hours: number) =>
        hv > 0 ? cost * 100 + hv * Math.round(hours * 100) : cost;
      if (oracle.best) {
        expect(answer.feasible, context).toBe(Object.keys(oracle.shortfall).length === 0);
        expect(objective(answer.plan.totalCostCents, answer.plan.totalHours), context).toBe(
          oracle.best.objective,
        );
        expect(Math.round(answer.plan.totalHours * 100), context).toBe(oracle.best.hoursH);
        expect(answer.lowerBoundCents, context).toBe(Math.floor(oracle.best.objective / (hv > 0 ? 100 : 1)));
        if (answer.plan.steps.length > 0) withPlan++;
        if (answer.plan.bundles.length > 0) withBundle++;
        if (Object.keys(oracle.shortfall).length > 0) short++;
      } else {
        limited++;
        expect(answer.feasible, context).toBe(false);
        expect(answer.plan.steps, context).toEqual([]);
        const free = oracle.bestWithoutLimits!;
        expect(answer.withoutLimits, context).toEqual({
          totalCostCents: free.costCents,
          totalHours: free.hoursH / 100,
        });
      }
    }
    // The generator must exercise every branch, or the test proves little.
    expect(withPlan).toBeGreaterThan(INSTANCES / 2);
    expect(withBundle).toBeGreaterThan(INSTANCES / 50);
    expect(limited).toBeGreaterThan(INSTANCES / 50);
    expect(short).toBeGreaterThan(INSTANCES / 100);
  }, 180_000);
});
