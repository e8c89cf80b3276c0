import { z } from 'zod';
import { categorySchema, credentialIdSchema, formatSchema, providerIdSchema, type Course } from '@ceu/shared';

export const sortSchema = z.enum(['relevance', 'price', '-price', 'hours', 'pricePerPoint']);
export type SearchSort = z.infer<typeof sortSchema>;

/** A filter value may be given once or repeated (`?category=clinical&category=general`). */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).max(20)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const cents = z.coerce.number().int().min(0).max(100_000_000);

/**
 * `GET /v1/courses` query parameters, validated and typed. The API parses the URL query with this schema;
 * backends receive the parsed `SearchQuery`. Filters of one field combine with OR, fields with AND.
 */
export const searchQuerySchema = z
  .object({
    q: z.string().max(200).optional(),
    category: oneOrMany(categorySchema).optional(),
    provider: oneOrMany(providerIdSchema).optional(),
    format: oneOrMany(formatSchema).optional(),
    approvedBy: oneOrMany(z.string().min(1).max(32)).optional(),
    credential: oneOrMany(credentialIdSchema).optional(),
    minPrice: cents.optional(),
    maxPrice: cents.optional(),
    minHours: z.coerce.number().min(0).max(10_000).optional(),
    maxHours: z.coerce.number().min(0).max(10_000).optional(),
    sort: sortSchema.default('relevance'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

export const FACET_FIELDS = ['category', 'provider', 'format', 'approvedBy', 'credential'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface SearchResult {
  hits: Course[];
  total: number;
  page: number;
  perPage: number;
  /** Per facet field, value → number of matching courses (counted with every filter applied). */
  facets: Record<FacetField, Record<string, number>>;
}
