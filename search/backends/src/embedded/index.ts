export { createEmbeddedSearch } from './embedded-search.ts';
export type { EmbeddedSearchOptions } from './embedded-search.ts';
