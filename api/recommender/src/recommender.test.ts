import { describe, expect, it } from 'vitest';
import type { Bundle, Course } from '@ceu/domain';
import {
  catalogSchema,
  recommendationSchema,
  type Preferences,
  type RecommendationRequest,
  ValidationError,
} from '@ceu/domain';
import {
  syntheticCatalog,
  SYNTHETIC_SHAPES,
  type SyntheticShape,
  CREDENTIAL_MIXES,
  randomRequest,
  seededRandom,
  checkPlan,
} from '@ceu/testkit';
import { createRecommender, recommend } from './recommender.ts';

const TODAY = '2026-11-24';

function course(id: string, fields: Partial<Course> & { credits: Course['credits'] }): Course {
  const provider = id.slice(0, id.indexOf(':'));
  const points = fields.credits.reduce((s, c) => s + c.points, 0);
  return {
    id,
    provider,
    title: `Course ${id}`,
    url: `https://${provider}.example.org/${id.slice(provider.length + 1)}`,
    priceCents: 2000,
    bundleIds: [],
    hours: points,
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA', 'RMA', 'NCMA', 'CCMA'],
    format: 'online',
    ...fields,
  };
}

const aceMembership: Bundle = {
  id: 'ace:membership',
  provider: 'ace',
  title: 'ACE annual membership',
  priceCents: 2995,
  months: 12,
  url: 'https://ace.example.org/membership',
};

/** A 4-point clinical course included in the ACE membership. */
const inAceMembership = (id: string, priceCents: number): Course =>
  course(id, { credits: [{ category: 'clinical', points: 4 }], bundleIds: ['ace:membership'], priceCents });

/** CMA with everything met except `missing` (a partial summary of the 60 points). */
function cmaMissing(missing: {
  general?: number;
  clinical?: number;
  administrative?: number;
  approved?: number;
  total: number;
}) {
  const general = 10 - (missing.general ?? 0);
  const clinical = 10 - (missing.clinical ?? 0);
  const administrative = 10 - (missing.administrative ?? 0);
  return {
    total: 60 - missing.total,
    general,
    clinical,
    administrative,
    approved: 30 - (missing.approved ?? 0),
  };
}

function run(catalog: { courses: Course[]; bundles: Bundle[] }, request: RecommendationRequest) {
  catalogSchema.parse(catalog);
  const answer = recommend(catalog, request, { today: TODAY });
  expect(recommendationSchema.safeParse(answer).success).toBe(true);
  expect(checkPlan(catalog, request, answer, TODAY)).toEqual([]);
  return answer;
}

describe('recommend: hand-worked cases', () => {
  it('buys the $29.95 membership when it is cheaper than the courses it frees, and says what it saves', () => {
    const catalog = {
      courses: [
        inAceMembership('ace:a', 2000),
        inAceMembership('ace:b', 2000),
        course('relias:c', { credits: [{ category: 'clinical', points: 8 }], priceCents: 4500 }),
      ],
      bundles: [aceMembership],
    };
    const answer = run(catalog, { credential: 'CMA', earned: cmaMissing({ clinical: 8, total: 8 }) });
    expect(answer.feasible).toBe(true);
    expect(answer.optimal).toBe(true);
    expect(answer.plan.totalCostCents).toBe(2995);
    expect(answer.lowerBoundCents).toBe(2995);
    expect(answer.plan.bundles).toMatchObject([{ id: 'ace:membership', unlocks: 2, savesCents: 1005 }]);
    expect(answer.plan.steps.map((s) => s.courseId).sort()).toEqual(['ace:a', 'ace:b']);
    expect(answer.plan.steps[0]!.via).toBe('bundle:ace:membership');
    expect(answer.plan.steps[0]!.why).toContain('covers 4 of your 8 missing clinical points');
    expect(answer.plan.steps[0]!.why).toContain('included in the ACE annual membership you buy in this plan');
    expect(answer.remaining).toEqual({ total: 8, general: 0, clinical: 8, administrative: 0, approved: 0 });
  });

  it('does not buy a bundle that does not pay off', () => {
    const catalog = {
      courses: [inAceMembership('ace:a', 1500), inAceMembership('ace:b', 1500)],
      bundles: [aceMembership],
    };
    const answer = run(catalog, { credential: 'CMA', earned: cmaMissing({ clinical: 4, total: 4 }) });
    expect(answer.plan.bundles).toEqual([]);
    expect(answer.plan.totalCostCents).toBe(1500);
    expect(answer.plan.steps).toHaveLength(1);
  });

  it('uses member prices for a membership named like the provider, in any case', () => {
    const catalog = {
      courses: [
        course('aama:x', {
          credits: [{ category: 'general', points: 5 }],
          priceCents: 4000,
          memberPriceCents: 2000,
        }),
        course('relias:y', { credits: [{ category: 'general', points: 5 }], priceCents: 3000 }),
      ],
      bundles: [],
    };
    const request: RecommendationRequest = {
      credential: 'CMA',
      earned: cmaMissing({ general: 5, total: 5 }),
    };
    expect(run(catalog, request).plan.steps.map((s) => s.courseId)).toEqual(['relias:y']);
    const member = run(catalog, { ...request, preferences: { memberships: ['AAMA'] } });
    expect(member.plan.steps).toMatchObject([{ courseId: 'aama:x', costCents: 2000, via: 'member-price' }]);
    expect(member.plan.steps[0]!.why).toContain('member price $20 instead of $40');
  });

  it('takes courses of an owned bundle for free', () => {
    const catalog = {
      courses: [
        course('ace:a', {
          credits: [{ category: 'administrative', points: 3 }],
          bundleIds: ['ace:membership'],
          priceCents: 2500,
        }),
        course('relias:b', { credits: [{ category: 'administrative', points: 3 }], priceCents: 500 }),
      ],
      bundles: [aceMembership],
    };
    const answer = run(catalog, {
      credential: 'CMA',
      earned: cmaMissing({ administrative: 3, total: 3 }),
      preferences: { bundlesOwned: ['ace:membership'] },
    });
    expect(answer.plan.totalCostCents).toBe(0);
    expect(answer.plan.bundles).toEqual([]);
    expect(answer.plan.steps).toMatchObject([
      { courseId: 'ace:a', costCents: 0, via: 'bundle:ace:membership' },
    ]);
    expect(answer.plan.steps[0]!.why).toContain('free with the ACE annual membership you already have');
  });

  it('counts CPR cards only up to the cap left in the cycle', () => {
    const cpr = (id: string) =>
      course(id, {
        credits: [{ category: 'clinical', points: 4 }],
        kind: 'cpr-card',
        priceCents: 500,
        hours: 4,
        format: 'in-person',
      });
    const catalog = {
      courses: [
        cpr('red:cpr1'),
        cpr('red:cpr2'),
        course('ace:c', { credits: [{ category: 'clinical', points: 4 }], priceCents: 3000 }),
        course('ace:g', { credits: [{ category: 'general', points: 4 }], priceCents: 2500 }),
      ],
      bundles: [],
    };
    // 8 CPR points already counted: only 4 more may count, so one card and one other course.
    const earned = { ...cmaMissing({ clinical: 2, total: 8 }), cprPoints: 8 };
    const answer = run(catalog, { credential: 'CMA', earned });
    expect(answer.plan.steps.map((s) => s.courseId).sort()).toEqual(['ace:g', 'red:cpr1']);
    expect(answer.plan.totalCostCents).toBe(3000);
    // Without earlier cards both count.
    const fresh = run(catalog, { credential: 'CMA', earned: cmaMissing({ clinical: 2, total: 8 }) });
    expect(fresh.plan.totalCostCents).toBe(1000);
  });

  it('counts a course with two categories toward both, and the approved minimum', () => {
    const catalog = {
      courses: [
        course('ace:both', {
          credits: [
            { category: 'general', points: 2 },
            { category: 'clinical', points: 2 },
          ],
          priceCents: 2500,
        }),
        course('ace:g', { credits: [{ category: 'general', points: 2 }], priceCents: 1500 }),
        course('ace:c', { credits: [{ category: 'clinical', points: 2 }], priceCents: 1500 }),
        course('relias:cheap', {
          credits: [{ category: 'general', points: 4 }],
          priceCents: 100,
          approvedBy: [],
        }),
      ],
      bundles: [],
    };
    const answer = run(catalog, {
      credential: 'CMA',
      earned: cmaMissing({ general: 2, clinical: 2, approved: 4, total: 4 }),
    });
    expect(answer.plan.steps.map((s) => s.courseId)).toEqual(['ace:both']);
    expect(answer.plan.coverage.find((c) => c.requirement === 'approved')).toEqual({
      requirement: 'approved',
      remaining: 4,
      planned: 4,
    });
  });

  it('never recommends completed courses, excluded providers or formats, and keeps to an allow-list', () => {
    const catalog = {
      courses: [
        course('a:1', { credits: [{ category: 'general', points: 2 }], priceCents: 100 }),
        course('b:2', { credits: [{ category: 'general', points: 2 }], priceCents: 200 }),
        course('c:3', {
          credits: [{ category: 'general', points: 2 }],
          priceCents: 300,
          format: 'in-person',
        }),
        course('d:4', { credits: [{ category: 'general', points: 2 }], priceCents: 400 }),
      ],
      bundles: [],
    };
    const earned = cmaMissing({ general: 2, total: 2 });
    const pick = (preferences: RecommendationRequest['preferences']) =>
      run(catalog, { credential: 'CMA', earned, preferences }).plan.steps.map((s) => s.courseId);
    expect(pick({})).toEqual(['a:1']);
    expect(pick({ completedCourseIds: ['a:1'] })).toEqual(['b:2']);
    expect(pick({ completedCourseIds: ['a:1'], excludeProviders: ['b'] })).toEqual(['c:3']);
    expect(pick({ completedCourseIds: ['a:1'], excludeProviders: ['b'], formats: ['online'] })).toEqual([
      'd:4',
    ]);
    expect(pick({ providers: ['c', 'd'] })).toEqual(['c:3']);
  });

  it('names each requirement the eligible catalog cannot cover, and plans the rest', () => {
    const catalog = {
      courses: [course('a:1', { credits: [{ category: 'general', points: 6 }] })],
      bundles: [],
    };
    const answer = run(catalog, {
      credential: 'CMA',
      earned: cmaMissing({ general: 3, administrative: 4, total: 7 }),
    });
    expect(answer.feasible).toBe(false);
    expect(answer.shortfall).toEqual([
      { requirement: 'total', missing: 1 },
      { requirement: 'administrative', missing: 4 },
    ]);
    expect(answer.plan.steps.map((s) => s.courseId)).toEqual(['a:1']);
  });

  it('when only the budget or the hour limit blocks, says what the cheapest plan costs and takes', () => {
    const catalog = {
      courses: [
        course('a:1', { credits: [{ category: 'clinical', points: 5 }], priceCents: 3000, hours: 5 }),
        course('a:2', { credits: [{ category: 'clinical', points: 5 }], priceCents: 1000, hours: 12 }),
      ],
      bundles: [],
    };
    const earned = cmaMissing({ clinical: 5, total: 5 });
    const poor = run(catalog, { credential: 'CMA', earned, preferences: { budgetCents: 900 } });
    expect(poor.feasible).toBe(false);
    expect(poor.shortfall).toBeUndefined();
    expect(poor.plan.steps).toEqual([]);
    expect(poor.withoutLimits).toEqual({ totalCostCents: 1000, totalHours: 12 });
    // An hour limit rules the cheap long course out.
    const busy = run(catalog, { credential: 'CMA', earned, preferences: { maxHours: 6 } });
    expect(busy.plan.steps.map((s) => s.courseId)).toEqual(['a:1']);
    expect(busy.optimal).toBe(true);
    expect(run(catalog, { credential: 'CMA', earned, preferences: { maxHours: 4 } }).withoutLimits).toEqual({
      totalCostCents: 1000,
      totalHours: 12,
    });
  });

  it('with an hour value minimises cost + hours × value, and breaks cost ties by fewer hours', () => {
    const catalog = {
      courses: [
        course('a:slow', { credits: [{ category: 'clinical', points: 5 }], priceCents: 1000, hours: 12 }),
        course('a:fast', { credits: [{ category: 'clinical', points: 5 }], priceCents: 3000, hours: 5 }),
        course('a:same', { credits: [{ category: 'clinical', points: 5 }], priceCents: 1000, hours: 10 }),
      ],
      bundles: [],
    };
    const earned = cmaMissing({ clinical: 5, total: 5 });
    expect(run(catalog, { credential: 'CMA', earned }).plan.steps.map((s) => s.courseId)).toEqual(['a:same']);
    const valued = run(catalog, { credential: 'CMA', earned, preferences: { hourValueCents: 500 } });
    expect(valued.plan.steps.map((s) => s.courseId)).toEqual(['a:fast']);
    expect(valued.objectiveCents).toBe(3000 + 5 * 500);
    expect(valued.lowerBoundCents).toBe(5500);
  });

  it('plans several credentials at once, a course counting for each credential that accepts it', () => {
    const catalog = {
      courses: [
        course('a:both', { credits: [{ category: 'clinical', points: 6 }], priceCents: 3000, hours: 6 }),
        course('a:cma', {
          credits: [{ category: 'clinical', points: 6 }],
          priceCents: 2000,
          acceptedFor: ['CMA'],
        }),
        course('a:rma', {
          credits: [{ category: 'general', points: 6 }],
          priceCents: 2000,
          acceptedFor: ['RMA'],
        }),
      ],
      bundles: [],
    };
    const answer = run(catalog, {
      credentials: ['CMA', 'RMA'],
      earned: { CMA: cmaMissing({ clinical: 6, total: 6 }), RMA: { total: 24 } },
    });
    expect(answer.credential).toBe('CMA+RMA');
    expect(answer.credentials).toEqual(['CMA', 'RMA']);
    expect(answer.remaining).toMatchObject({ 'CMA.total': 6, 'CMA.clinical': 6, 'RMA.total': 6 });
    expect(answer.plan.steps.map((s) => s.courseId)).toEqual(['a:both']);
    expect(answer.plan.totalCostCents).toBe(3000);
  });

  it('puts first the course that closes most of what is missing', () => {
    const catalog = {
      courses: [
        course('a:small', { credits: [{ category: 'administrative', points: 1 }], priceCents: 100 }),
        course('a:big', { credits: [{ category: 'clinical', points: 9 }], priceCents: 900 }),
      ],
      bundles: [],
    };
    const answer = run(catalog, {
      credential: 'CMA',
      earned: cmaMissing({ clinical: 9, administrative: 1, total: 10 }),
    });
    expect(answer.plan.steps.map((s) => s.courseId)).toEqual(['a:big', 'a:small']);
  });

  it('answers "nothing needed" with an empty, optimal plan', () => {
    const answer = run({ courses: [], bundles: [] }, { credential: 'RMA', earned: { total: 30 } });
    expect(answer).toMatchObject({
      feasible: true,
      optimal: true,
      lowerBoundCents: 0,
      plan: { steps: [], totalCostCents: 0 },
    });
  });

  it('refuses an invalid request with a ValidationError', () => {
    const recommender = createRecommender({ courses: [], bundles: [] });
    expect(() => recommender.recommend({ credential: 'XYZ' } as unknown as RecommendationRequest)).toThrow(
      ValidationError,
    );
    expect(() => recommender.recommend({})).toThrow(ValidationError);
    expect(() => recommender.recommend({ credential: 'CMA', earned: { total: 10, general: 20 } })).toThrow(
      ValidationError,
    );
  });

  it('keeps a true lower bound and says so when the time limit cuts the search', () => {
    const catalog = syntheticCatalog({ seed: 5, courses: 5000 });
    const recommender = createRecommender(catalog);
    const request: RecommendationRequest = { credential: 'CMA', preferences: { hourValueCents: 700 } };
    for (const timeLimitMs of [1, 5000]) {
      const answer = recommender.recommend(request, { today: TODAY, timeLimitMs });
      expect(checkPlan(catalog, request, answer, TODAY)).toEqual([]);
      expect(answer.lowerBoundCents).toBeLessThanOrEqual(answer.objectiveCents ?? Infinity);
      if (!answer.optimal) expect(answer.notes?.join(' ')).toContain('time limit');
      else expect(answer.lowerBoundCents).toBe(answer.objectiveCents);
      // Proven optimal implies a proven cost; a proven cost is the bound itself.
      if (answer.optimal) expect(answer.costProven).toBe(true);
      if (answer.costProven) expect(answer.lowerBoundCents).toBe(answer.objectiveCents);
    }
  });
});

/** The course as a partial listing publishes it: without the fields named. */
function without(c: Course, ...fields: ('priceCents' | 'memberPriceCents' | 'hours')[]): Course {
  const copy: Course = { ...c };
  for (const field of fields) delete copy[field];
  return copy;
}

describe('recommend: partial courses', () => {
  it('leaves out courses without credits, hours or a US price, counts them by reason, and says so', () => {
    const clinical8 = [{ category: 'clinical' as const, points: 8 }];
    const catalog = {
      courses: [
        // Cheaper than anything else, but none of these can be planned.
        without(
          course('relias:euro', { credits: clinical8, listedPrice: { amount: 5, currency: 'EUR' } }),
          'priceCents',
        ),
        without(course('relias:weeks', { credits: clinical8, priceCents: 100, duration: 'P12W' }), 'hours'),
        course('relias:points', { credits: [], priceCents: 100, hours: 8 }),
        without(course('relias:bare', { credits: [] }), 'priceCents', 'hours'),
        course('ace:ok', { credits: clinical8, priceCents: 4000 }),
      ],
      bundles: [],
    };
    const answer = run(catalog, {
      credential: 'CMA',
      earned: cmaMissing({ clinical: 8, total: 8 }),
      preferences: { completedCourseIds: ['relias:weeks'] },
    });
    expect(answer.plan.steps.map((s) => s.courseId)).toEqual(['ace:ok']);
    expect(answer.optimal).toBe(true);
    expect(answer.lowerBoundCents).toBe(4000);
    expect(answer.leftOut).toEqual({ courses: 4, noCredits: 2, noHours: 2, noUsPrice: 2 });
    expect((answer.notes ?? []).some((n) => /left out/.test(n))).toBe(false);
    // The same when nothing else covers the need: a shortfall, never a plan with a course left out.
    const alone = run(
      { courses: catalog.courses.filter((c) => c.id !== 'ace:ok'), bundles: [] },
      { credential: 'CMA', earned: cmaMissing({ clinical: 8, total: 8 }) },
    );
    expect(alone.plan.steps).toEqual([]);
    expect(alone.shortfall).toEqual([
      { requirement: 'total', missing: 8 },
      { requirement: 'clinical', missing: 8 },
    ]);
  });

  it('has a course with no price of its own only through its bundle, bought or owned', () => {
    const bundleOnly = (id: string) => without(inAceMembership(id, 0), 'priceCents');
    const catalog = {
      courses: [
        bundleOnly('ace:a'),
        bundleOnly('ace:b'),
        course('relias:c', { credits: [{ category: 'clinical', points: 8 }], priceCents: 4500 }),
      ],
      bundles: [aceMembership],
    };
    const request: RecommendationRequest = {
      credential: 'CMA',
      earned: cmaMissing({ clinical: 8, total: 8 }),
    };
    const bought = run(catalog, request);
    expect(bought.leftOut).toEqual({ courses: 0, noCredits: 0, noHours: 0, noUsPrice: 0 });
    expect(bought.plan.totalCostCents).toBe(2995);
    expect(bought.plan.steps.map((s) => s.via)).toEqual(['bundle:ace:membership', 'bundle:ace:membership']);
    // No price one by one to compare with: no saving is claimed.
    expect(bought.plan.bundles).toEqual([
      expect.objectContaining({
        id: 'ace:membership',
        unlocks: 2,
        why: expect.stringContaining('not sold one by one'),
      }),
    ]);
    expect(bought.plan.bundles[0]).not.toHaveProperty('savesCents');
    // When the bundle does not pay off, the course with a price is bought; the others are never bought alone.
    const dearer = run({ ...catalog, bundles: [{ ...aceMembership, priceCents: 5000 }] }, request);
    expect(dearer.plan.steps).toMatchObject([{ courseId: 'relias:c', via: 'purchase', costCents: 4500 }]);
    const owned = run(catalog, { ...request, preferences: { bundlesOwned: ['ace:membership'] } });
    expect(owned.plan.totalCostCents).toBe(0);
    expect(owned.plan.steps.map((s) => s.courseId).sort()).toEqual(['ace:a', 'ace:b']);
    // Under a budget below the bundle's price, nothing else fits: the limit blocks, not the catalog.
    const tight = run(catalog, {
      ...request,
      preferences: { budgetCents: 2000, excludeProviders: ['relias'] },
    });
    expect(tight.feasible).toBe(false);
    expect(tight.shortfall).toBeUndefined();
    expect(tight.withoutLimits).toEqual({ totalCostCents: 2995, totalHours: 8 });
  });

  it('sells a members-only course to members only, beside priced courses of the same kind', () => {
    const general5 = [{ category: 'general' as const, points: 5 }];
    const catalog = {
      courses: [
        without(course('aama:members', { credits: general5, memberPriceCents: 1000 }), 'priceCents'),
        course('aama:priced', { credits: general5, priceCents: 3500 }),
        course('relias:y', { credits: general5, priceCents: 3000 }),
      ],
      bundles: [],
    };
    const request: RecommendationRequest = {
      credential: 'CMA',
      earned: cmaMissing({ general: 5, total: 5 }),
    };
    expect(run(catalog, request).plan.steps.map((s) => s.courseId)).toEqual(['relias:y']);
    const noRelias = run(catalog, { ...request, preferences: { excludeProviders: ['relias'] } });
    expect(noRelias.plan.steps).toMatchObject([{ courseId: 'aama:priced', via: 'purchase' }]);
    const member = run(catalog, { ...request, preferences: { memberships: ['AAMA'] } });
    expect(member.leftOut.courses).toBe(0);
    expect(member.plan.steps).toMatchObject([
      { courseId: 'aama:members', costCents: 1000, via: 'member-price' },
    ]);
    expect(member.plan.steps[0]!.why).toContain('member price $10 (sold to members only)');
    // Without the priced courses, a person who is not a member cannot have it: a shortfall.
    const onlyMembers = { courses: [catalog.courses[0]!], bundles: [] };
    expect(run(onlyMembers, request).shortfall).toEqual([
      { requirement: 'total', missing: 5 },
      { requirement: 'general', missing: 5 },
    ]);
  });

  it('checkPlan rejects buying a course without a US price, an unplannable course, or a wrong leftOut', () => {
    const general5 = [{ category: 'general' as const, points: 5 }];
    const catalog = {
      courses: [
        without(course('aama:members', { credits: general5, memberPriceCents: 1000 }), 'priceCents'),
        without(course('relias:weeks', { credits: general5, priceCents: 100 }), 'hours'),
      ],
      bundles: [],
    };
    const request: RecommendationRequest = {
      credential: 'CMA',
      earned: cmaMissing({ general: 5, total: 5 }),
      preferences: { memberships: ['AAMA'] },
    };
    const answer = run(catalog, request);
    const step = answer.plan.steps[0]!;
    const forged = (steps: typeof answer.plan.steps, leftOut = answer.leftOut) => ({
      ...answer,
      leftOut,
      plan: { ...answer.plan, steps },
    });
    expect(checkPlan(catalog, request, forged([{ ...step, via: 'purchase' }]), TODAY)).toContain(
      'course aama:members bought without a US price',
    );
    expect(
      checkPlan(
        catalog,
        request,
        forged([{ ...step, courseId: 'relias:weeks', via: 'purchase', costCents: 100, hours: 0 }]),
        TODAY,
      ),
    ).toEqual(expect.arrayContaining(['course relias:weeks cannot be planned: its listing has no hours']));
    expect(
      checkPlan(catalog, request, forged(answer.plan.steps, { ...answer.leftOut, courses: 0 }), TODAY),
    ).toEqual([expect.stringContaining('leftOut')]);
  });
});

describe('recommend: what a recommender keeps between requests', () => {
  // Projections, merge plans and the groupings of unfiltered requests are cached across requests: a
  // recommender that has answered many varied requests must answer each one exactly as a fresh one does.
  it('answers every request of a varied stream exactly as a fresh recommender does', () => {
    for (const shape of Object.keys(SYNTHETIC_SHAPES) as SyntheticShape[]) {
      const catalog = syntheticCatalog({ seed: 5, courses: 400, shape });
      const warm = createRecommender(catalog);
      const rand = seededRandom(17);
      const providers = [...new Set(catalog.courses.map((c) => c.provider))];
      // Two sets of filters that come back with different completed courses: the groupings shared per
      // filter, patched per request for what it completed.
      const filters: Preferences[] = [
        { excludeProviders: [providers[0]!], memberships: [providers[1]!] },
        { formats: ['online', 'self-study'], bundlesOwned: catalog.bundles.slice(0, 1).map((b) => b.id) },
      ];
      for (let k = 0; k < 32; k++) {
        const request = randomRequest(rand, catalog, {
          maxNeed: 30,
          mixes: CREDENTIAL_MIXES,
          freshShare: 0.3,
        });
        // A quarter of the stream without preferences and a quarter with memberships alone: the requests
        // whose grouping is shared (per set of memberships) as it is.
        if (k % 4 === 0) delete request.preferences;
        if (k % 4 === 1) request.preferences = { memberships: providers.filter(() => rand() < 0.5) };
        if (k % 4 === 3)
          request.preferences = {
            ...filters[(k >> 2) % 2]!,
            completedCourseIds: catalog.courses.filter(() => rand() < 0.03).map((c) => c.id),
          };
        const options = { today: TODAY, timeLimitMs: 60_000 };
        expect(warm.recommend(request, options), `${shape} #${k}`).toEqual(
          createRecommender(catalog).recommend(request, options),
        );
      }
    }
  });
});
