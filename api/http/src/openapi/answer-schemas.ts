import { z } from 'zod';
import {
  bundleSchema,
  categorySchema,
  courseSchema,
  credentialIdSchema,
  crawlRunSchema,
  crawlSummarySchema,
  planStepSchema,
  recommendationSchema,
} from '@ceu/domain';
import { FACET_FIELDS } from '@ceu/search';

/**
 * Zod schemas of what the API answers. They generate the OpenAPI document and the tests parse every answer
 * with them, so the document cannot drift from the code.
 */

const sampleFlag = z
  .literal(true)
  .optional()
  .describe('Present when the record comes from the bundled sample catalog, not from a crawl or an import.');
const sampleData = z
  .boolean()
  .describe('Whether any of the served catalog is bundled sample data (not yet crawled).');

export const fieldIssueSchema = z.object({
  path: z
    .string()
    .describe(
      'Dotted path to the field (`preferences.budgetCents`, `activities.3.date`); empty for the whole input.',
    ),
  message: z.string(),
});

export const problemSchema = z
  .object({
    type: z.string().describe('URI reference of the problem type; its entry on /docs explains it.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().describe('The request id (also in the X-Request-Id header).'),
    errors: z.array(fieldIssueSchema).optional().describe('For invalid input: every offending field.'),
    errorsOmitted: z
      .number()
      .int()
      .optional()
      .describe('How many more issues there were beyond the first 50.'),
  })
  .describe('An RFC 9457 problem document (application/problem+json).');

export const servedCourseSchema = courseSchema.safeExtend({ sampleData: sampleFlag });

export const searchAnswerSchema = z.object({
  hits: z.array(servedCourseSchema),
  total: z.number().int().min(0).describe('Courses matching the query, over all pages.'),
  page: z.number().int().min(1),
  perPage: z.number().int().min(1),
  facets: z
    .object(Object.fromEntries(FACET_FIELDS.map((field) => [field, z.record(z.string(), z.number().int())])))
    .describe('Per facet field: value → number of matching courses, counted with every filter applied.'),
  sampleData,
});

export const providerStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().optional(),
  courseCount: z.number().int().min(0),
  bundles: z.array(bundleSchema),
  lastCrawl: crawlRunSchema
    .nullable()
    .describe('The newest crawl run, whatever its outcome; null if never crawled.'),
  lastSuccessfulCrawlAt: z.string().nullable(),
  sampleData: z.boolean().describe('Its courses are the bundled sample data until a crawl replaces them.'),
});

export const providersAnswerSchema = z.object({ providers: z.array(providerStatusSchema), sampleData });

const ruleSourceSchema = z.object({
  title: z.string(),
  url: z.string().optional(),
  checked: z.string().describe('When the figure was last checked against the source (YYYY-MM-DD).'),
  status: z.enum(['official', 'article', 'unverified']),
});

const requirementRuleSchema = z.object({
  id: z.enum(['total', 'approved', ...categorySchema.options]),
  label: z.string(),
  min: z.number(),
  approvedBy: z.string().optional(),
  source: ruleSourceSchema,
});

export const credentialRuleSchema = z.object({
  id: credentialIdSchema,
  name: z.string(),
  body: z.string(),
  cycleMonths: z.number().int(),
  unit: z.enum(['points', 'hours', 'credits']),
  measure: z.enum(['credits', 'hours']),
  hoursPerUnit: z.number(),
  requirements: z.array(requirementRuleSchema),
  cprCards: z
    .object({
      pointsPerCard: z.number(),
      maxCards: z.number().int(),
      category: categorySchema,
      source: ruleSourceSchema,
    })
    .optional(),
  feeCents: z.number().int().optional(),
  feeSource: ruleSourceSchema.optional(),
  graceDays: z.number().int().optional(),
  notes: z.array(z.string()),
});

export const credentialsAnswerSchema = z.object({ credentials: z.array(credentialRuleSchema) });

export const recommendationAnswerSchema = recommendationSchema.extend({
  plan: recommendationSchema.shape.plan.extend({
    steps: z.array(planStepSchema.extend({ sampleData: sampleFlag })),
  }),
  sampleData: z
    .boolean()
    .describe('Whether any step of the plan is a course from the bundled sample catalog.'),
});

export const healthAnswerSchema = z.object({ status: z.literal('ok') });

export const readyAnswerSchema = z.object({
  status: z.literal('ready'),
  revision: z.string(),
  courses: z.number().int().min(0),
  search: z.object({ backend: z.string(), documents: z.number().int().min(0), ready: z.boolean() }),
  sampleData,
  /** Where the catalog is kept, and whether this server is the one that crawls (PostgreSQL: the lease holder). */
  store: z.object({ kind: z.enum(['sqlite', 'postgres']), crawler: z.boolean() }).optional(),
});

export const adminCrawlAnswerSchema = z.union([
  z.object({ status: z.literal('started'), providers: z.array(z.string()) }),
  z.object({ status: z.literal('finished'), providers: z.array(crawlSummarySchema) }),
]);

export const adminReindexAnswerSchema = z.object({
  status: z.literal('finished'),
  documents: z.number().int().min(0),
  durationMs: z.number().min(0),
});
