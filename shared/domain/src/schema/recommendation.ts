import { z } from 'zod';
import {
  approvalBodySchema,
  categorySchema,
  credentialIdSchema,
  formatSchema,
  planningGapCountsSchema,
} from './course.ts';
import {
  centsSchema,
  hundredths,
  isoDateSchema,
  plainText,
  providerIdSchema,
  recordIdSchema,
} from './primitives.ts';

const pointsSchema = z
  .number()
  .min(0, 'points cannot be negative')
  .max(10_000)
  .refine(hundredths, 'at most two decimals');

/** Points already earned this cycle, as a transcript summary shows them (all in the credential's unit). */
export const earnedSummarySchema = z
  .object({
    total: pointsSchema.optional(),
    general: pointsSchema.optional(),
    clinical: pointsSchema.optional(),
    administrative: pointsSchema.optional(),
    approved: pointsSchema.optional(),
    /** Points from CPR cards, already included in `clinical` and `total`; the rules cap what counts. */
    cprPoints: pointsSchema.optional(),
  })
  .strict();
export type EarnedSummary = z.infer<typeof earnedSummarySchema>;

/** One line of a transcript. `points` are in the credential's unit; `hours` are converted by its rules. */
export const activitySchema = z
  .object({
    date: isoDateSchema,
    points: pointsSchema.optional(),
    hours: pointsSchema.optional(),
    category: categorySchema.optional(),
    approvedBy: z.union([approvalBodySchema, z.array(approvalBodySchema).max(10)]).optional(),
    kind: z.enum(['course', 'cpr-card']).optional(),
    title: plainText(300).optional(),
  })
  .strict()
  .refine((a) => a.points !== undefined || a.hours !== undefined, {
    message: 'an activity needs points or hours',
    path: ['points'],
  });
export type Activity = z.infer<typeof activitySchema>;

export const preferencesSchema = z
  .object({
    budgetCents: centsSchema.optional(),
    maxHours: z.number().min(0).max(100_000).optional(),
    formats: z.array(formatSchema).max(10).optional(),
    providers: z.array(providerIdSchema).max(100).optional(),
    excludeProviders: z.array(providerIdSchema).max(100).optional(),
    /** Associations the person belongs to: member prices apply (`AAMA` → the `aama` provider's member prices). */
    memberships: z.array(approvalBodySchema).max(20).optional(),
    bundlesOwned: z.array(recordIdSchema).max(100).optional(),
    completedCourseIds: z.array(recordIdSchema).max(5_000).optional(),
    /** Minimise cost + hours × hourValueCents instead of cost alone. */
    hourValueCents: centsSchema.optional(),
  })
  .strict();
export type Preferences = z.infer<typeof preferencesSchema>;

const credentialListSchema = z
  .array(credentialIdSchema)
  .min(1)
  .max(4)
  .refine((list) => new Set(list).size === list.length, 'each credential once');

export const recommendationRequestSchema = z
  .object({
    credential: credentialIdSchema.optional(),
    credentials: credentialListSchema.optional(),
    /** A summary for the one credential, or a summary per credential when several are planned. */
    earned: z
      .union([earnedSummarySchema, z.partialRecord(credentialIdSchema, earnedSummarySchema)])
      .optional(),
    activities: z.array(activitySchema).max(2_000).optional(),
    /** The cycle's last day; one date for all credentials or one per credential. */
    cycleEnd: z.union([isoDateSchema, z.partialRecord(credentialIdSchema, isoDateSchema)]).optional(),
    preferences: preferencesSchema.optional(),
    /** Upper bound on solver time; the server caps it. */
    timeLimitMs: z.number().int().min(1).max(60_000).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if ((req.credential === undefined) === (req.credentials === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['credential'],
        message: 'give either credential or credentials',
      });
    }
  });
export type RecommendationRequest = z.infer<typeof recommendationRequestSchema>;

/** `purchase`, `member-price` or `bundle:<bundle id>`. */
export const viaSchema = z.string().regex(/^(purchase|member-price|bundle:.+)$/);

export const planStepSchema = z.object({
  courseId: z.string(),
  title: z.string(),
  provider: z.string(),
  url: z.string(),
  costCents: z.number().int(),
  hours: z.number(),
  credits: z.array(z.object({ category: categorySchema, points: z.number() })),
  via: viaSchema,
  why: z.string(),
});
export type PlanStep = z.infer<typeof planStepSchema>;

export const planBundleSchema = z.object({
  id: z.string(),
  title: z.string(),
  priceCents: z.number().int(),
  url: z.string().optional(),
  /** Plan courses this bundle makes free. */
  unlocks: z.number().int().optional(),
  /** What the same courses would cost bought one by one, minus the bundle's price. */
  savesCents: z.number().int().optional(),
  why: z.string().optional(),
});
export type PlanBundle = z.infer<typeof planBundleSchema>;

export const coverageSchema = z.object({
  requirement: z.string(),
  remaining: z.number(),
  planned: z.number(),
});

/** Catalog courses no plan may use for lack of data (they stay searchable). */
export const leftOutSchema = planningGapCountsSchema;
export type LeftOut = z.infer<typeof leftOutSchema>;

export const recommendationSchema = z.object({
  credential: z.string(),
  credentials: z.array(credentialIdSchema).optional(),
  feasible: z.boolean(),
  remaining: z.record(z.string(), z.number()),
  plan: z.object({
    steps: z.array(planStepSchema),
    bundles: z.array(planBundleSchema),
    totalCostCents: z.number().int(),
    totalHours: z.number(),
    coverage: z.array(coverageSchema),
  }),
  optimal: z
    .boolean()
    .describe(
      'The plan is proven optimal: no plan costs less, and no plan of the same cost takes fewer hours.',
    ),
  costProven: z
    .boolean()
    .describe(
      'No plan costs less (with `hourValueCents`: no plan has a smaller cost + hours × hourValueCents); ' +
        "`lowerBoundCents` then equals the plan's cost. True with `optimal` false: only the hours tie-break " +
        'among plans of that cost was cut short by the time limit.',
    ),
  lowerBoundCents: z
    .number()
    .int()
    .describe(
      'A proven lower bound on the cost of every plan (with `hourValueCents`: on cost + hours × hourValueCents).',
    ),
  /** With `hourValueCents`: the plan's cost + hours × hourValueCents (cents, rounded down), what was minimised. */
  objectiveCents: z.number().int().optional(),
  shortfall: z.array(z.object({ requirement: z.string(), missing: z.number() })).optional(),
  /**
   * Catalog courses no plan may use because their listing lacks what planning needs (they stay searchable):
   * `courses` counts each once; a course may lack several things, so the reasons can add up to more.
   */
  leftOut: leftOutSchema,
  /** When only the budget or hour limit made it infeasible: what the cheapest plan would cost and take. */
  withoutLimits: z.object({ totalCostCents: z.number().int(), totalHours: z.number() }).optional(),
  notes: z.array(z.string()).optional(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
