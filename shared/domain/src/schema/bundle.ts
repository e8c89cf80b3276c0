import { z } from 'zod';
import {
  centsSchema,
  httpUrlSchema,
  plainText,
  providerIdSchema,
  providerOfId,
  recordIdSchema,
} from './primitives.ts';

/** A subscription or all-access plan: buying it makes every course that lists it free. */
export const bundleSchema = z
  .object({
    id: recordIdSchema,
    provider: providerIdSchema,
    title: plainText(300).trim().min(1, 'a title is required'),
    priceCents: centsSchema,
    months: z.number().int().positive().max(120),
    url: httpUrlSchema,
    description: plainText(5000).optional(),
  })
  .superRefine((bundle, ctx) => {
    if (providerOfId(bundle.id) !== bundle.provider) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `the id must start with "${bundle.provider}:"` });
    }
  });

export type Bundle = z.output<typeof bundleSchema>;
