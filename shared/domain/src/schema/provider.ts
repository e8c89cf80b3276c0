import { z } from 'zod';
import { planningGapCountsSchema } from './course.ts';
import { httpUrlSchema, plainText, providerIdSchema } from './primitives.ts';

/** A course provider as the catalog knows it. */
export const providerSchema = z.object({
  id: providerIdSchema,
  name: plainText(200).trim().min(1),
  url: httpUrlSchema,
});
export type Provider = z.infer<typeof providerSchema>;

export const crawlOutcomeSchema = z.enum(['ok', 'failed', 'drift']);
export type CrawlOutcome = z.infer<typeof crawlOutcomeSchema>;

/** Of the courses a crawl found, those kept with parts missing (searchable, never planned). */
export const incompleteCountsSchema = planningGapCountsSchema;
export type IncompleteCounts = z.infer<typeof incompleteCountsSchema>;

/** What one crawl of one provider did; `pnpm ceu crawl --json` prints a list of these. */
export const crawlSummarySchema = z.object({
  provider: providerIdSchema,
  outcome: crawlOutcomeSchema,
  pagesFetched: z.number().int().min(0),
  notModified: z.number().int().min(0),
  found: z.number().int().min(0),
  new: z.number().int().min(0),
  changed: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  retired: z.number().int().min(0),
  rejected: z.number().int().min(0),
  /** Rejected records by reason code (`no-name`, `invalid-title`, …). Absent in runs recorded before it existed. */
  rejectedBy: z.record(z.string(), z.number().int().min(0)).optional(),
  /** Of the courses found, those kept with parts missing. Absent in runs recorded before it existed. */
  incomplete: incompleteCountsSchema.optional(),
  durationMs: z.number().min(0),
  /** Why the run did not end `ok` (drift, failure), in plain words. */
  reason: z.string().optional(),
  /**
   * The run failed for a reason that passes by itself (the catalog database was out of reach), so the
   * scheduler runs it again with backoff. Absent otherwise.
   */
  retryable: z.literal(true).optional(),
});
export type CrawlSummary = z.infer<typeof crawlSummarySchema>;

/** A recorded crawl run: the summary plus when it ran. */
export const crawlRunSchema = crawlSummarySchema.extend({
  id: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string(),
});
export type CrawlRun = z.infer<typeof crawlRunSchema>;

/** Counts by reason in words, for logs and the CLI: `{ "no-name": 2, "invalid-url": 1 }` → `no-name 2, invalid-url 1`. */
export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}
