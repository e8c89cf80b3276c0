import { describe, expect, it } from 'vitest';
import {
  catalogSchema,
  recommendationSchema,
  type Recommendation,
  type RecommendationRequest,
} from '@ceu/domain';
import { bruteForceRecommend, randomInstance, seededRandom, checkPlan } from '@ceu/testkit';
import { createRecommender } from './recommender.ts';

const TODAY = '2026-11-24';
const INSTANCES = 3000;
const TIE_INSTANCES = 600;
const LIMITED_INSTANCES = 1000;

describe('recommender vs brute force', () => {
  it(`matches the exhaustive optimum (cost, then hours) on ${INSTANCES} small random instances`, () => {
    const rand = seededRandom(20261124);
    const seen = newSeen();
    for (let k = 0; k < INSTANCES; k++) {
      const { catalog, request } = randomInstance(rand, { courses: 4 + Math.floor(rand() * 8), bundles: 2 });
      compareWithOracle(k, catalog, request, seen);
    }
    // The generator must exercise every branch, or the test proves little.
    expect(seen.withPlan).toBeGreaterThan(INSTANCES / 2);
    expect(seen.withBundle).toBeGreaterThan(INSTANCES / 50);
    expect(seen.limited).toBeGreaterThan(INSTANCES / 50);
    expect(seen.short).toBeGreaterThan(INSTANCES / 100);
    // Partial courses: left out, and planned through their only route (a bundle, a member price).
    expect(seen.leftOut).toBeGreaterThan(INSTANCES / 2);
    expect(seen.bundleOnly).toBeGreaterThan(INSTANCES / 50);
    expect(seen.memberOnly).toBeGreaterThan(INSTANCES / 50);
  }, 180_000);

  it(`matches it on ${TIE_INSTANCES} instances where most courses are free (the hours tie-break decides)`, () => {
    const rand = seededRandom(20261125);
    const seen = { ...newSeen(), freeTies: 0 };
    for (let k = 0; k < TIE_INSTANCES; k++) {
      const { catalog, request } = randomInstance(rand, {
        courses: 8 + Math.floor(rand() * 6),
        bundles: 2,
        freeShare: 0.6,
        ...(k % 3 === 0 ? {} : { hourStep: k % 3 === 1 ? 0.5 : 0.25 }),
      });
      // Every other instance skips the shallow first pass: every subset then gets the full search.
      const answer = compareWithOracle(k, catalog, request, seen, k % 2 === 0 ? 0 : undefined);
      if (answer.plan.totalCostCents === 0 && answer.plan.steps.length > 1) seen.freeTies++;
    }
    expect(seen.withPlan).toBeGreaterThan(TIE_INSTANCES / 2);
    expect(seen.freeTies).toBeGreaterThan(TIE_INSTANCES / 5);
  }, 180_000);

  it(`matches it on ${LIMITED_INSTANCES} instances with a budget, an hour limit and an hour value at once`, () => {
    const rand = seededRandom(20261203);
    const seen = { ...newSeen(), binding: 0 };
    for (let k = 0; k < LIMITED_INSTANCES; k++) {
      const { catalog, request } = randomInstance(rand, {
        courses: 6 + Math.floor(rand() * 7),
        bundles: 2,
        freeShare: k % 3 === 0 ? 0.4 : 0,
        ...(k % 2 === 0 ? { hourStep: 0.5 } : {}),
      });
      // Limits around the unlimited optimum, so that they bind about as often as not.
      const free = bruteForceRecommend(catalog, request, TODAY).bestWithoutLimits;
      const around = (x: number) => x * (0.7 + rand() * 0.6);
      const preferences = {
        ...request.preferences,
        budgetCents: Math.round(around(free?.costCents ?? 5000)),
        maxHours: Math.round(around((free?.hoursH ?? 1000) / 100) * 4) / 4,
        hourValueCents: 1 + Math.floor(rand() * 3000),
      };
      const limited = { ...request, preferences };
      const answer = compareWithOracle(k, catalog, limited, seen, k % 2 === 0 ? 0 : undefined);
      if (
        free &&
        (answer.plan.totalCostCents !== free.costCents ||
          Math.round(answer.plan.totalHours * 100) !== free.hoursH)
      )
        seen.binding++;
    }
    expect(seen.withPlan).toBeGreaterThan(LIMITED_INSTANCES / 4);
    expect(seen.limited).toBeGreaterThan(LIMITED_INSTANCES / 10);
    expect(seen.binding).toBeGreaterThan(LIMITED_INSTANCES / 10);
  }, 180_000);
});

const newSeen = () => ({
  withPlan: 0,
  withBundle: 0,
  limited: 0,
  short: 0,
  /** Instances whose catalog has courses no plan may use. */
  leftOut: 0,
  /** Plans with a course that has no price of its own, had through a bundle. */
  bundleOnly: 0,
  /** Plans with a course that only members can buy. */
  memberOnly: 0,
});

/** Solves one instance and checks it against the exhaustive oracle; counts which branches it took. */
function compareWithOracle(
  k: number,
  catalog: Parameters<typeof createRecommender>[0],
  request: RecommendationRequest,
  seen: ReturnType<typeof newSeen>,
  firstPassNodes?: number,
): Recommendation {
  const context = `instance ${k}: ${JSON.stringify({ catalog, request })}`;
  expect(catalogSchema.safeParse(catalog).success, context).toBe(true);
  const answer = createRecommender(catalog).recommend(request, {
    today: TODAY,
    timeLimitMs: 20_000,
    ...(firstPassNodes !== undefined ? { firstPassNodes } : {}),
  });
  expect(recommendationSchema.safeParse(answer).success, context).toBe(true);
  expect(checkPlan(catalog, request, answer, TODAY), context).toEqual([]);
  expect(answer.optimal, context).toBe(true);
  expect(answer.costProven, context).toBe(true);
  const oracle = bruteForceRecommend(catalog, request, TODAY);
  expect(answer.leftOut, context).toEqual(oracle.leftOut);
  if (oracle.leftOut.courses > 0) seen.leftOut++;
  const byId = new Map(catalog.courses.map((c) => [c.id, c]));
  const unpriced = answer.plan.steps.filter((s) => byId.get(s.courseId)?.priceCents === undefined);
  if (unpriced.some((s) => s.via.startsWith('bundle:'))) seen.bundleOnly++;
  if (unpriced.some((s) => s.via === 'member-price')) seen.memberOnly++;
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
    if (answer.plan.steps.length > 0) seen.withPlan++;
    if (answer.plan.bundles.length > 0) seen.withBundle++;
    if (Object.keys(oracle.shortfall).length > 0) seen.short++;
  } else {
    seen.limited++;
    expect(answer.feasible, context).toBe(false);
    expect(answer.plan.steps, context).toEqual([]);
    const free = oracle.bestWithoutLimits!;
    expect(answer.withoutLimits, context).toEqual({
      totalCostCents: free.costCents,
      totalHours: free.hoursH / 100,
    });
  }
  return answer;
}
