/** @module @ceu/search — the SearchBackend interface, the embedded engine and the Meilisearch backend. */
export {
  searchQuerySchema,
  sortSchema,
  FACET_FIELDS,
  parseSearchQuery,
  validSearchQuery,
} from './search-query.ts';
export type { SearchQuery, SearchQueryInput, SearchSort, FacetField, SearchResult } from './search-query.ts';
export type { SearchBackend, SearchStats } from './search-backend.ts';
export { createEmbeddedSearch } from './embedded/index.ts';
export type { EmbeddedSearchOptions } from './embedded/index.ts';
export { createMeiliSearch } from './meilisearch/index.ts';
export type { MeiliSearchOptions } from './meilisearch/index.ts';
export { pricePerPoint, courseCategories } from './course-facts.ts';
export type { ProviderNames } from './course-facts.ts';

export { typoBudget } from './text/normalize.ts';
