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
    priceCents: centsSchema,
    memberPriceCents: centsSchema.optional(),
    bundleIds: z.array(recordIdSchema).max(20).default([]),
    hours: z
      .number()
      .positive('hours are > 0')
      .max(1000)
      .refine(hundredths, 'hours have at most two decimals'),
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
    if (course.memberPriceCents !== undefined && course.memberPriceCents > course.priceCents) {
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
