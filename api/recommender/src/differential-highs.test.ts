import { describe, expect, it } from 'vitest';
import { catalogSchema, recommendationSchema } from '@ceu/domain';
import {
  buildHighsModel,
  loadHighs,
  randomRequest,
  seededRandom,
  syntheticCatalog,
  checkPlan,
} from '@ceu/testkit';
import { createRecommender } from './recommender.ts';

const TODAY = '2026-11-24';
const INSTANCES = 200;
const LIMITED_INSTANCES = 60;

describe('recommender vs HiGHS', () => {
  it(`finds the MIP optimum on ${INSTANCES} medium instances (hundreds of courses, bundles, splits, caps, budgets, partial courses)`, async () => {
    const highs = await loadHighs();
    const rand = seededRandom(424242);
    let feasible = 0;
    let bundled = 0;
    let limited = 0;
    let unpricedPlanned = 0;
    for (let k = 0; k < INSTANCES; k++) {
      // Every other catalog has partial courses (no US price, no hours, no credits) as real listings do.
      const partialShare = k % 2 === 0 ? 0.15 : 0;
      const catalog = syntheticCatalog({
        seed: 1000 + k,
        courses: 100 + Math.floor(rand() * 300),
        extraProviders: 1 + Math.floor(rand() * 3),
        cprShare: 0.03,
        partialShare,
      });
      const drawn = randomRequest(rand, catalog, { maxNeed: 10 + Math.floor(rand() * 51) });
      // The last instances set a budget, an hour limit and an hour value at once.
      const request =
        k < INSTANCES - LIMITED_INSTANCES
          ? drawn
          : {
              ...drawn,
              preferences: {
                ...drawn.preferences,
                budgetCents: (20 + Math.floor(rand() * 200)) * 100,
                maxHours: 10 + Math.floor(rand() * 60),
                hourValueCents: 1 + Math.floor(rand() * 3000),
              },
            };
      const context = `instance ${k}: ${JSON.stringify(request)} over syntheticCatalog seed ${1000 + k}, partialShare ${partialShare}`;
      expect(catalogSchema.safeParse(catalog).success, context).toBe(true);
      const answer = createRecommender(catalog).recommend(request, { today: TODAY, timeLimitMs: 30_000 });
      expect(recommendationSchema.safeParse(answer).success, context).toBe(true);
      expect(checkPlan(catalog, request, answer, TODAY), context).toEqual([]);
      expect(answer.optimal, context).toBe(true);
      expect(answer.costProven, context).toBe(true);
      const model = buildHighsModel(catalog, request, { today: TODAY });
      expect(answer.leftOut, context).toEqual(model.leftOut);
      if (partialShare > 0) expect(model.leftOut.courses, context).toBeGreaterThan(0);
      const byId = new Map(catalog.courses.map((c) => [c.id, c]));
      if (answer.plan.steps.some((s) => byId.get(s.courseId)?.priceCents === undefined)) unpricedPlanned++;
      const solution = highs.solve(model.lp, { mip_rel_gap: 0, mip_abs_gap: 0.5, output_flag: false });
      const hv = request.preferences?.hourValueCents ?? 0;
      if (answer.plan.steps.length > 0 || answer.withoutLimits === undefined) {
        expect(solution.Status, context).toBe('Optimal');
        const ours =
          hv > 0
            ? answer.plan.totalCostCents * 100 + hv * Math.round(answer.plan.totalHours * 100)
            : answer.plan.totalCostCents;
        expect(ours, context).toBe(Math.round(solution.ObjectiveValue));
        if (answer.feasible) feasible++;
        if (answer.plan.bundles.length > 0) bundled++;
      } else {
        limited++;
        expect(solution.Status, context).toBe('Infeasible');
      }
    }
    expect(feasible).toBeGreaterThan(INSTANCES / 3);
    expect(bundled).toBeGreaterThan(INSTANCES / 20);
    expect(limited).toBeGreaterThan(INSTANCES / 50);
    // Courses without a price of their own (through a bundle or at a member price) do get planned.
    expect(unpricedPlanned).toBeGreaterThan(INSTANCES / 20);
  }, 300_000);
});
