import { describe, expect, it } from 'vitest';
import { createRecommender } from '@ceu/recommender';
import { type RecommendationRequest } from '@ceu/domain';
import { sampleCatalog } from '@ceu/replicas';

describe('the bundled sample catalog', () => {
  // Found by the shapes bench: free courses through the $29.95 membership, an hour value, and three
  // credentials whose totals only some courses count for. Its plan (26 hours, $59.95) was right, but with
  // the objective's LP bound alone no search proved it, not in a minute; hours and cost bounded apart do.
  it('proves the plan of a three-credential request with an hour value optimal', () => {
    const request: RecommendationRequest = {
      credentials: ['CMA', 'RMA', 'NCMA'],
      earned: {
        CMA: { total: 34, general: 2, clinical: 5, administrative: 5, approved: 22.5, cprPoints: 5 },
        RMA: { total: 13.5 },
        NCMA: { total: 8.5 },
      },
      preferences: {
        completedCourseIds: ['ace:the-role-of-medical-assistants-in-interventional-radiology'],
        hourValueCents: 1397,
      },
    };
    // A limit far above what the proof takes (milliseconds), so that only a missing proof fails.
    const answer = createRecommender(sampleCatalog()).recommend(request, {
      today: '2026-11-24',
      timeLimitMs: 20_000,
    });
    expect(answer.feasible).toBe(true);
    expect(answer.optimal).toBe(true);
    expect(answer.costProven).toBe(true);
    expect(answer.plan.totalHours).toBe(26);
    expect(answer.plan.totalCostCents).toBe(5995);
    expect(answer.objectiveCents).toBe(answer.lowerBoundCents);
  });
});
