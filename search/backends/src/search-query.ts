import { z } from 'zod';
import {
  categorySchema,
  credentialIdSchema,
  formatSchema,
  parseOrThrow,
  providerIdSchema,
  type Course,
} from '@ceu/domain';

export const sortSchema = z.enum(['relevance', 'price', '-price', 'hours', 'pricePerPoint']);
export type SearchSort = z.infer<typeof sortSchema>;

/** A filter value may be given once or repeated (`?category=clinical&category=general`). */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).max(20)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const cents = z.coerce
  .number({ error: 'a whole number of US cents, e.g. 2500 for $25' })
  .int('a whole number of US cents, e.g. 2500 for $25')
  .min(0)
  .max(100_000_000);
const hours = z.coerce.number({ error: 'a number of hours, e.g. 1.5' }).min(0).max(10_000);
const pageNumber = (fallback: number, max: number) =>
  z.coerce.number({ error: 'a whole number' }).int('a whole number').min(1).max(max).default(fallback);

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
    minHours: hours.optional(),
    maxHours: hours.optional(),
    sort: sortSchema.default('relevance'),
    page: pageNumber(1, 10_000),
    perPage: pageNumber(20, 100),
  })
  .strict();
export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

/** Queries made by {@link parseSearchQuery}: valid, and frozen so that they stay valid. */
const parsedQueries = new WeakSet<SearchQuery>();

/**
 * Validates a search query (a `ValidationError` listing the invalid fields when it is not) and marks the
 * result, so that a backend given it does not validate it a second time (see {@link validSearchQuery}).
 * The result is frozen, arrays included: a marked query cannot be changed into an invalid one.
 *
 * @example
 * const query = parseSearchQuery({ q: 'phlebotomy', maxPrice: '3000' });
 */
export function parseSearchQuery(input: unknown): SearchQuery {
  const query = parseOrThrow(searchQuerySchema, input, 'search query');
  for (const value of Object.values(query)) if (Array.isArray(value)) Object.freeze(value);
  parsedQueries.add(Object.freeze(query));
  return query;
}

/**
 * What a backend runs: the query itself when {@link parseSearchQuery} made it, otherwise the query validated
 * now (backends take queries from any caller, and an unchecked one could ask for page 0 or 10^9 results).
 */
export function validSearchQuery(query: SearchQuery): SearchQuery {
  return parsedQueries.has(query) ? query : parseSearchQuery(query);
}

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
