import { z } from 'zod';
import {
  centsSchema,
  httpUrlSchema,
  hundredths,
  isoDateSchema,
  plainText,
  providerIdSchema,
  providerOfId,
  recordIdSchema,
} from './primitives.ts';

export const categorySchema = z.enum(['general', 'clinical', 'administrative']);
export type Category = z.infer<typeof categorySchema>;
export const CATEGORIES: readonly Category[] = categorySchema.options;

export const credentialIdSchema = z.enum(['CMA', 'RMA', 'NCMA', 'CCMA']);
export type CredentialId = z.infer<typeof credentialIdSchema>;
export const CREDENTIAL_IDS: readonly CredentialId[] = credentialIdSchema.options;

export const formatSchema = z.enum([
  'online',
  'self-study',
  'live-webinar',
  'in-person',
  'conference',
  'article-quiz',
]);
export type CourseFormat = z.infer<typeof formatSchema>;

export const courseKindSchema = z.enum(['course', 'cpr-card']);
export type CourseKind = z.infer<typeof courseKindSchema>;

/** A body that approves courses for credit (`AAMA`, `AMT`, `NHA`, `IACET`, …). */
export const approvalBodySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9&.-]{0,31}$/, 'an approving body is a short name such as "AAMA"');

/**
 * A price published in a currency other than US dollars: kept as published for display, never converted
 * (exchange rates move; a plan priced in a guessed rate would not be provably cheapest).
 */
export const listedPriceSchema = z.object({
  amount: z
    .number()
    .min(0)
    .max(1e12)
    .refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, 'at most three decimals'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as "EUR"')
    .refine((c) => c !== 'USD', 'a US dollar price is priceCents'),
});
export type ListedPrice = z.infer<typeof listedPriceSchema>;

/** An ISO 8601 duration such as `P12W` or `P3M`: how long a course runs on the calendar, not its contact hours. */
export const courseDurationSchema = z
  .string()
  .max(40)
  .regex(
    /^P(?!$)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$/,
    'an ISO 8601 duration such as "P12W"',
  );

export const creditSchema = z.object({
  category: categorySchema,
  points: z
    .number()
    .positive('points are > 0')
    .max(1000)
    .refine(hundredths, 'points have at most two decimals'),
});
export type Credit = z.infer<typeof creditSchema>;

export const courseSchema = z
  .object({
    id: recordIdSchema,
    provider: providerIdSchema,
    title: plainText(300).trim().min(1, 'a title is required'),
    url: httpUrlSchema,
    description: plainText(5000).optional(),
    /** Absent when no price in US dollars is published (see `listedPrice`). */
    priceCents: centsSchema.optional(),
    /** A price published in another currency, for display only; absent when `priceCents` is known. */
    listedPrice: listedPriceSchema.optional(),
    memberPriceCents: centsSchema.optional(),
    bundleIds: z.array(recordIdSchema).max(20).default([]),
    /** Contact hours; absent when not published. A length in days or weeks is `duration`, never hours. */
    hours: z
      .number()
      .positive('hours are > 0')
      .max(1000)
      .refine(hundredths, 'hours have at most two decimals')
      .optional(),
    /** How long the course runs on the calendar (`P12W`), when published; not contact hours. */
    duration: courseDurationSchema.optional(),
    credits: z.array(creditSchema).max(3).default([]),
    approvedBy: z.array(approvalBodySchema).max(20).default([]),
    acceptedFor: z.array(credentialIdSchema).max(4).default([]),
    format: formatSchema,
    kind: courseKindSchema.optional(),
    /** Conferences and live events: the day it takes place. */
    date: isoDateSchema.optional(),
    /** Conferences and in-person events: where. */
    location: plainText(200).optional(),
    /** Self-study programmes must be finished within this many months of purchase. */
    completeWithinMonths: z.number().int().positive().max(120).optional(),
  })
  .superRefine((course, ctx) => {
    if (providerOfId(course.id) !== course.provider) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `the id must start with "${course.provider}:"` });
    }
    if (new Set(course.credits.map((c) => c.category)).size !== course.credits.length) {
      ctx.addIssue({ code: 'custom', path: ['credits'], message: 'each category appears at most once' });
    }
    for (const [i, bundleId] of course.bundleIds.entries()) {
      if (providerOfId(bundleId) !== course.provider) {
        ctx.addIssue({
          code: 'custom',
          path: ['bundleIds', i],
          message: "a bundle belongs to the course's provider",
        });
      }
    }
    if (course.priceCents !== undefined && course.listedPrice !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['listedPrice'],
        message: 'a listed price in another currency is kept only when no US price is known',
      });
    }
    if (
      course.memberPriceCents !== undefined &&
      course.priceCents !== undefined &&
      course.memberPriceCents > course.priceCents
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['memberPriceCents'],
        message: 'the member price is at most the price',
      });
    }
  });

/** A course as stored and served: every array present, fields in the schema's order. */
export type Course = z.output<typeof courseSchema>;
/** A course as accepted on input (arrays may be omitted). */
export type CourseInput = z.input<typeof courseSchema>;

/** Total CEU points a course carries, all categories together. */
export function coursePoints(course: Pick<Course, 'credits'>): number {
  let total = 0;
  for (const credit of course.credits) total += credit.points;
  return Math.round(total * 100) / 100;
}

/**
 * Courses whose listing lacks what planning needs, counted by what is missing: `courses` counts each once;
 * a course may lack several things, so the reasons can add up to more. A recommendation's `leftOut` and a
 * crawl run's `incomplete` are both this.
 */
export const planningGapCountsSchema = z.object({
  courses: z.number().int().min(0),
  /** No CEU points by category were published. */
  noCredits: z.number().int().min(0),
  /** No contact hours were published. */
  noHours: z.number().int().min(0),
  /** Neither a US dollar price (or member price) nor a bundle that includes it. */
  noUsPrice: z.number().int().min(0),
});
export type PlanningGapCounts = z.infer<typeof planningGapCountsSchema>;

/** What a course's listing lacks for planning: without credits, hours and a US price it is searchable only. */
export interface PlanningGaps {
  noCredits: boolean;
  noHours: boolean;
  /** Neither a price, nor a member price, nor a bundle (that can be bought) including it. */
  noUsPrice: boolean;
}

/**
 * What keeps a course out of every plan. A US price is `priceCents`, a member price (members get it; others
 * cannot buy the course) or a bundle that includes it (it is then had only through that bundle, owned or
 * bought). A price in another currency never counts: converting it would make "provably cheapest" depend on
 * a guessed exchange rate. `isBundle` says which bundle ids have a price (are in the catalog); by default
 * every listed one.
 */
export function planningGaps(
  course: Pick<Course, 'credits' | 'hours' | 'priceCents' | 'memberPriceCents' | 'bundleIds'>,
  isBundle: (id: string) => boolean = () => true,
): PlanningGaps {
  return {
    noCredits: course.credits.length === 0,
    noHours: course.hours === undefined,
    noUsPrice:
      course.priceCents === undefined &&
      course.memberPriceCents === undefined &&
      !course.bundleIds.some(isBundle),
  };
}
